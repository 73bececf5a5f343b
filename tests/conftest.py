"""Shared fixtures: the project's spaCy model (loaded once per test session) and a parse helper."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def params():
    from pipeline.config import load_params

    return load_params(ROOT / "params.yaml")


@pytest.fixture(scope="session")
def nlp(params):
    from pipeline.nlp import load_model

    return load_model(params["nlp"]["model"])


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(text) -> (doc, layout): the one parse and the layout of an article's text."""
    from pipeline.extract.layout import parse_layout

    def _parse(text: str):
        return nlp(text), parse_layout(text)

    return _parse


@pytest.fixture(scope="session")
def seed_texts():
    from pipeline.ingest import normalise_text

    return {p.name: normalise_text(p.read_text(encoding="utf-8")) for p in sorted(RAW.glob("*.txt"))}


def run_pipeline(raw: Path, out: Path, params: Path = ROOT / "params.yaml") -> Path:
    """Every stage (no DVC) on a folder of raw files; returns the folder of published tables."""
    from pipeline.stages import run

    assert run.main(["--raw", str(raw), "--out", str(out), "--params", str(params),
                     "--suites", str(ROOT / "expectations")]) == 0
    return out / "processed"


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory) -> Path:
    """The seed corpus built once for the session: the folder of its published tables."""
    import shutil

    tmp = tmp_path_factory.mktemp("seeds")
    shutil.copytree(RAW, tmp / "raw")
    return run_pipeline(tmp / "raw", tmp / "out")
