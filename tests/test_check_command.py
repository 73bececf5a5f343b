"""`python -m pipeline check` (the pull-request workflow that runs it: tests/test_ci_workflow.py)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "raw" / "001_e5a7a07398edeeac.txt"


def run_check(*args, cwd: Path = ROOT, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "check", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """A scratch project: the seeds plus contributed files, with the real params and suites."""
    tmp = tmp_path_factory.mktemp("checkrepo")
    shutil.copytree(ROOT / "data" / "raw", tmp / "data" / "raw")
    shutil.copy(ROOT / "params.yaml", tmp)
    shutil.copytree(ROOT / "expectations", tmp / "expectations")
    raw = tmp / "data" / "raw"
    (raw / "binary.bin").write_bytes(b"\x00\x01\x02\x03 binary \x00\xff")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "copy.txt").write_bytes(SEED.read_bytes())
    (tmp / "outside.txt").write_text("Secret title\n\nSecret body that must never be read.\n")
    os.symlink(tmp / "outside.txt", raw / "link.txt")
    # Hostile neighbours: checking any file must neither hang on them nor crash.
    os.mkfifo(raw / "pipe.txt")
    os.symlink(raw / "loop b.txt", raw / "loop a.txt")
    os.symlink(raw / "loop a.txt", raw / "loop b.txt")
    os.symlink(raw / "gone.txt", raw / "dangling.txt")
    os.symlink("/dev/zero", raw / "zero.txt")
    (raw / "long title.txt").write_text("Council " * 60 + "Approves Budget\n\nThe council approved the budget "
                                        "on Tuesday, officials said.\n", encoding="utf-8")
    (raw / "new article é.txt").write_text(
        "Mayor Opens New Bridge in Springfield\n\nBy Jane Doe\n\nMarch 3, 2021\n\n"
        "Mayor John Smith opened the $40 million bridge on Tuesday. “It is a great day,” Smith said.\n",
        encoding="utf-8")
    return tmp


def test_binary_file_fails_in_one_line_naming_it(repo):
    r = run_check("data/raw/binary.bin", cwd=repo)
    assert r.returncode != 0
    assert "Traceback" not in r.stdout + r.stderr
    fails = [line for line in r.stdout.splitlines() if line.startswith("FAIL")]
    assert fails == ["FAIL data/raw/binary.bin: binary: has a NUL byte at byte 0 (line 1, column 1): not a text file"]


def test_good_article_passes(repo):
    r = run_check("data/raw/new article é.txt", cwd=repo)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK   data/raw/new article é.txt: title='Mayor Opens New Bridge in Springfield' date=2021-03-03" in r.stdout


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty"), ("link.txt", "outside_raw"), ("copy.txt", "duplicate"), ("missing.txt", "missing"),
])
def test_bad_files_get_a_reason(repo, name, reason):
    r = run_check(f"data/raw/{name}", cwd=repo)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"data/raw/{name}: {reason}" in r.stdout
    assert "Secret" not in r.stdout


def test_hostile_files_get_one_line_reasons_without_hanging(repo):
    names = ["pipe.txt", "loop a.txt", "dangling.txt", "zero.txt", "new article é.txt"]
    r = subprocess.run([sys.executable, "-m", "pipeline", "check", *(f"data/raw/{n}" for n in names)], cwd=repo,
                       capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr
    lines = {line.split(": ")[0].removeprefix("FAIL ").removeprefix("OK   "): line for line in r.stdout.splitlines()
             if line.startswith(("FAIL", "OK"))}
    assert "not_a_file: is a named pipe (FIFO)" in lines["data/raw/pipe.txt"]
    assert "broken_link: is a symbolic link that loops" in lines["data/raw/loop a.txt"]
    assert "broken_link: is a symbolic link that points to" in lines["data/raw/dangling.txt"]
    assert "outside_raw: is a link to /dev/zero" in lines["data/raw/zero.txt"]
    assert lines["data/raw/new article é.txt"].startswith("OK")


def test_plain_file_outside_raw_is_not_called_a_link(repo):
    r = run_check("outside.txt", cwd=repo)
    assert r.returncode == 1
    assert "outside.txt: outside_raw: is a file outside data/raw" in r.stdout and "link" not in r.stdout
    assert "Secret" not in r.stdout


def test_failed_expectation_states_the_limit_and_the_value(repo):
    r = run_check("data/raw/long title.txt", cwd=repo)
    assert r.returncode == 1
    failed = [line for line in r.stdout.splitlines() if line.strip().startswith("failed:")]
    title_len = len(("Council " * 60 + "Approves Budget"))
    assert any(f"articles.title must be 3 to 400 characters long: it has {title_len}" in line for line in failed), failed


def test_check_has_the_builds_time_limit(repo, tmp_path):
    params = yaml.safe_load((repo / "params.yaml").read_text())
    params["extract"]["timeout_seconds"] = 0.001
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params))
    r = run_check("--params", tmp_path / "params.yaml", "data/raw/new article é.txt", cwd=repo)
    assert r.returncode == 1 and "Traceback" not in r.stdout + r.stderr
    assert "data/raw/new article é.txt: timeout:" in r.stdout and "extract.timeout_seconds=0.001" in r.stdout


def test_json_and_markdown_formats(repo):
    r = run_check("--format", "json", "data/raw/new article é.txt", "data/raw/binary.bin", cwd=repo)
    verdicts = json.loads(r.stdout)
    assert [v["ok"] for v in verdicts] == [True, False]
    assert verdicts[0]["parsed"]["title"] == "Mayor Opens New Bridge in Springfield"
    assert verdicts[0]["parsed"]["quotes"] >= 1 and verdicts[0]["parsed"]["figures"] >= 1
    md = run_check("--format", "markdown", "data/raw/binary.bin", cwd=repo).stdout
    assert md.startswith("## Article check: 0 passed, 1 failed") and "| `data/raw/binary.bin` | ❌" in md


def test_annotations_are_capped(repo, tmp_path):
    raw = repo / "data" / "raw"
    bad = []
    for i in range(12):
        p = raw / f"bad{i:02d}.bin"
        p.write_bytes(b"\x00" * 10)
        bad.append(f"data/raw/{p.name}")
    r = run_check("--annotations", "10", *bad, cwd=repo)
    errors = [line for line in r.stdout.splitlines() if line.startswith("::error ")]
    assert len(errors) == 10
    assert "::notice title=article check::2 more failure(s)" in r.stdout
    for p in bad:
        (repo / p).unlink()


@pytest.mark.parametrize("change, says", [
    (lambda p: p["ingest"].update(max_bytes="abc"), 'ingest.max_bytes = "abc": must be an integer'),
    (lambda p: p["nlp"].pop("model"), "nlp.model is missing"),
    (None, "not valid YAML"),
])
def test_bad_params_give_one_line_before_any_work(repo, tmp_path, change, says):
    if change is None:
        (tmp_path / "p.yaml").write_text("ingest: [\n")
    else:
        params = yaml.safe_load((repo / "params.yaml").read_text())
        change(params)
        (tmp_path / "p.yaml").write_text(yaml.safe_dump(params))
    r = run_check("--params", tmp_path / "p.yaml", "data/raw/new article é.txt", cwd=repo)
    assert r.returncode != 0 and "Traceback" not in r.stdout + r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0] and "p.yaml" in lines[0], r.stderr
