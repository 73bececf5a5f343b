"""The example notebook runs in the project's environment, on the seed tables and on a corpus of
150 articles, and its plots stay legible: few legend entries, few tick labels, bounded image size.
Set NOTEBOOK_PNG_DIR to keep the rendered images for a look."""
from __future__ import annotations

import base64
import json
import os
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
TABLES = ("articles", "entities", "figures", "quotes", "reuse")

# Appended to the executed notebook: what each plot shows, to check that it stays readable.
MEASURE = """
import json
def _measure(fig):
    out = {"width_px": fig.get_size_inches()[0] * fig.dpi, "height_px": fig.get_size_inches()[1] * fig.dpi, "axes": []}
    for ax in fig.axes:
        legend = ax.get_legend()
        out["axes"].append({"legend": len(legend.get_texts()) if legend else 0,
                            "yticks": len([t for t in ax.get_yticklabels() if t.get_text()]),
                            "xticks": len([t for t in ax.get_xticklabels() if t.get_text()]),
                            "texts": len([t for t in ax.texts if t.get_text()])})
    return out
print("MEASURE" + json.dumps({name: _measure(fig) for name, fig in figures.items()}))
"""


def synthetic_corpus(seed_dir: Path, n: int, out: Path, seed: int = 7) -> Path:
    """n articles made from the seed tables by invented perturbation: new ids, invented outlets with a
    long tail, shifted or missing dates, invented speakers and entities, perturbed figures, and copy
    links between them. Only the columns the notebook reads need to be realistic."""
    rng = np.random.default_rng(seed)
    src = {t: pd.read_parquet(seed_dir / f"{t}.parquet") for t in TABLES}
    seeds = list(src["articles"].article_id)
    outlets = [f"Invented Gazette {i}" for i in range(40)]
    weights = 1 / np.arange(1, 41)
    people = [f"Invented Person {i}" for i in range(300)]
    frames = {t: [] for t in TABLES}
    for k in range(n):
        base = seeds[k % len(seeds)]
        new_id = f"{k:016x}"
        a = src["articles"][src["articles"].article_id == base].copy()
        a["article_id"], a["source_path"], a["duplicate_of"] = new_id, f"data/raw/synthetic_{k}.txt", None
        a["outlet"] = None if rng.random() < 0.1 else outlets[rng.choice(40, p=weights / weights.sum())]
        date = pd.Timestamp("2019-01-01") + pd.Timedelta(days=int(rng.integers(0, 365)))
        a["published_date"] = None if rng.random() < 0.1 else date.date()
        frames["articles"].append(a)
        for table in ("entities", "figures", "quotes"):
            rows = src[table][src[table].article_id == base].copy()
            rows["article_id"] = new_id
            if table == "entities":
                swap = rng.random(len(rows)) < 0.3
                rows.loc[swap, "canonical_name"] = [people[i] for i in rng.zipf(1.5, swap.sum()) % 300]
                rows.loc[swap, "entity_id"] = rows.loc[swap, "canonical_name"]
            if table == "quotes":
                rows["speaker_name"] = [people[i] if rng.random() < 0.8 else None for i in rng.zipf(1.3, len(rows)) % 300]
            if table == "figures":
                change = rng.random(len(rows)) < 0.5
                rows.loc[change, "value"] = rows.loc[change, "value"] * rng.integers(1, 4, change.sum())
            frames[table].append(rows)
        if k and rng.random() < 0.5:
            source = f"{int(rng.integers(0, k)):016x}"
            frames["reuse"].append(pd.DataFrame({"article_id": [new_id], "source_article_id": [source],
                                                 "n_words": [int(rng.integers(8, 200))]}))
    out.mkdir(parents=True, exist_ok=True)
    for table, parts in frames.items():
        pd.concat(parts, ignore_index=True).to_parquet(out / f"{table}.parquet")
    return out


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def execute(data_dir: Path, monkeypatch, name: str) -> tuple[list, dict]:
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("NEWS_DATA_DIR", str(data_dir))
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend renders PNGs
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(MEASURE))
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    errors = [f"{o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
    assert not errors, errors
    images = [base64.b64decode(o["data"]["image/png"]) for o in outputs if "image/png" in o.get("data", {})]
    keep = os.environ.get("NOTEBOOK_PNG_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for i, png in enumerate(images):
            (Path(keep) / f"{name}_{i}.png").write_bytes(png)
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    measures = json.loads(text.split("MEASURE", 1)[1].splitlines()[0])
    return images, measures


def assert_legible(images: list, measures: dict) -> None:
    assert len(images) >= 4  # one plot per question
    assert set(measures) == {"speakers", "figures", "entities", "reuse", "reuse_by_outlet"}
    for png in images:
        width, height = png_size(png)
        assert width <= 1600 and height <= 1200, (width, height)
    for name, m in measures.items():
        for ax in m["axes"]:
            assert ax["legend"] <= 10, (name, ax)      # top outlets + "other", never one entry per article
            assert ax["yticks"] <= 25, (name, ax)
            assert ax["xticks"] <= 25, (name, ax)
            assert ax["texts"] <= 3, (name, ax)        # no labels piled up on a graph


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None


def test_notebook_executes_on_the_seeds(seed_tables, monkeypatch):
    assert_legible(*execute(seed_tables, monkeypatch, "seeds"))


@pytest.fixture(scope="module")
def larger_corpus(seed_tables, tmp_path_factory):
    return synthetic_corpus(seed_tables, 150, tmp_path_factory.mktemp("synthetic"))


def test_notebook_executes_on_150_articles_and_stays_legible(larger_corpus, monkeypatch):
    assert len(pd.read_parquet(larger_corpus / "articles.parquet")) == 150
    images, measures = execute(larger_corpus, monkeypatch, "n150")
    assert_legible(images, measures)
    assert measures["reuse"]["axes"][0]["yticks"] == 9  # 8 outlets and "other outlets"


def test_make_notebook_opens_it_with_the_projects_environment():
    import subprocess

    dry = subprocess.run(["make", "-n", "notebook"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0 and ".venv/bin/jupyter lab" in dry.stdout and "notebooks/explore.ipynb" in dry.stdout
    version = subprocess.run([str(ROOT / ".venv" / "bin" / "jupyter"), "lab", "--version"], capture_output=True,
                             text=True)
    assert version.returncode == 0 and version.stdout.strip()
