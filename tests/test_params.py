"""params.yaml is checked against PARAMS_SCHEMA before any work: one line per problem naming the key,
the value and what is allowed; a non-zero exit; no traceback."""
from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipeline.config import PARAMS_SCHEMA, ParamsError, load_params, params_problems

ROOT = Path(__file__).resolve().parents[1]
GOOD = yaml.safe_load((ROOT / "params.yaml").read_text())


def _with(key: str, value, drop: bool = False) -> dict:
    params = copy.deepcopy(GOOD)
    section, name = key.split(".")
    if drop:
        del params[section][name]
    else:
        params.setdefault(section, {})[name] = value
    return params


BAD = [  # (key, value, words the one line must hold)
    ("ingest.on_bad_file", "Fail", ["ingest.on_bad_file", '"Fail"', "fail, quarantine"]),
    ("extract.engine", "dsak", ["extract.engine", '"dsak"', "local, dask"]),
    ("extract.workers", -3, ["extract.workers", "-3", "integer from 1 to"]),
    ("extract.workers", 0, ["extract.workers", "= 0", "integer from 1"]),
    ("extract.workers", 2.7, ["extract.workers", "2.7", "integer"]),
    ("extract.workers", 10**9, ["extract.workers", "1000000000", "integer from 1 to"]),
    ("extract.workers", True, ["extract.workers", "true", "integer"]),
    ("ingest.max_lines", 0, ["ingest.max_lines", "= 0", "integer from 1"]),
    ("link.min_passage_words", 0, ["link.min_passage_words", "= 0", "integer from 1"]),
    ("link.min_passage_words", "abc", ["link.min_passage_words", '"abc"', "integer"]),
    ("extract.timeout_seconds", -5, ["extract.timeout_seconds", "-5", "number from 0"]),
    ("extract.timeout_seconds", float("nan"), ["extract.timeout_seconds", "NaN", "number"]),
    ("extract.dask_address", "localhost:8786", ["extract.dask_address", "tcp://"]),
    ("ingest.max_bytes", "5MB", ["ingest.max_bytes", '"5MB"', "integer"]),
    ("extract.wokers", 2, ["extract.wokers", "unknown key", "did you mean extract.workers"]),
    ("link.min_pasage_words", 8, ["link.min_pasage_words", "unknown key", "link.min_passage_words"]),
]


def test_the_project_params_are_valid():
    assert params_problems(GOOD) == []
    assert load_params(ROOT / "params.yaml") == GOOD


def test_every_schema_key_is_in_params_yaml_and_back():
    keys = {f"{s}.{k}" for s, body in GOOD.items() for k in body}
    assert keys == set(PARAMS_SCHEMA)


@pytest.mark.parametrize("key, value, words", BAD, ids=[f"{k}={v!r}" for k, v, _ in BAD])
def test_a_bad_value_is_one_line_naming_key_value_and_what_is_allowed(key, value, words):
    problems = params_problems(_with(key, value))
    assert len(problems) == 1, problems
    assert all(w in problems[0] for w in words), problems[0]


@pytest.mark.parametrize("key", ["extract.workers", "nlp.model", "link.max_candidates"])
def test_a_missing_key_is_named(key):
    problems = params_problems(_with(key, None, drop=True))
    assert problems == [p for p in problems if key in p and "missing" in p] and len(problems) == 1


def test_a_null_is_allowed_only_where_the_schema_says():
    assert params_problems(_with("extract.dask_address", None)) == []
    assert len(params_problems(_with("extract.workers", None))) == 1


def test_unknown_section_and_not_a_mapping():
    params = copy.deepcopy(GOOD) | {"extrct": {"workers": 2}}
    assert any("extrct" in p and "unknown section" in p for p in params_problems(params))
    assert params_problems(["a", "list"]) and params_problems(GOOD | {"nlp": 3})


def test_every_problem_is_reported_at_once(tmp_path):
    params = _with("extract.engine", "dsak")
    params["extract"]["workers"] = -3
    del params["nlp"]["model"]
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    with pytest.raises(ParamsError) as exc:
        load_params(path)
    assert len(exc.value.problems) == 3 and exc.value.code not in (0, None)


def test_not_yaml_is_one_line(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("extract: [unclosed\n")
    with pytest.raises(ParamsError) as exc:
        load_params(path)
    assert len(str(exc.value).splitlines()) == 1 and "YAML" in str(exc.value)


@pytest.mark.parametrize("command", [
    ["extract", "--raw", "data/raw", "--out", "{tmp}/extracted"],
    ["link", "--extracted", "{tmp}/extracted", "--out", "{tmp}/interim"],
    ["validate", "--tables", "{tmp}/interim", "--suites", "expectations", "--reports", "{tmp}/reports"],
    ["publish", "--tables", "{tmp}/interim", "--report", "{tmp}/v.json", "--out", "{tmp}/processed"],
    ["run", "--raw", "data/raw", "--out", "{tmp}/out"],
    ["check", "data/raw/does-not-matter.txt"],
])
def test_every_command_refuses_bad_params_before_any_work(tmp_path, command):
    params = _with("extract.workers", -3)
    params["ingest"]["on_bad_file"] = "Fail"
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    argv = [a.format(tmp=tmp_path) for a in command] + ["--params", str(path)]
    result = subprocess.run([sys.executable, "-m", "pipeline", *argv], cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, result.stderr
    assert any("extract.workers = -3" in line for line in lines)
    assert any('ingest.on_bad_file = "Fail"' in line for line in lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["params.yaml"]  # nothing was written


def test_an_unreachable_dask_scheduler_is_one_line_before_any_work(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    params = _with("extract.engine", "dask")
    params["extract"]["dask_address"] = f"tcp://127.0.0.1:{port}"
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--raw", "data/raw", "--out",
                             str(tmp_path / "extracted"), "--params", str(path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "extract.dask_address" in lines[0] and str(port) in lines[0]
    assert not (tmp_path / "extracted").exists()
