"""What a run tells its user: a progress bar on a terminal only, a summary line at the end, and
scores that are never replaced by nothing."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import sys
import termios
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

PROGRESS_SCRIPT = """
import logging, time
logging.basicConfig(level="INFO", format="%(levelname)s %(message)s")
from pipeline.progress import progress
for i in progress(iter(range(6)), total=6, desc="extract"):
    time.sleep(0.05)
    if i == 3:
        logging.getLogger("x").warning("a log line while the bar runs")
print("after the loop")
"""


def run_in_terminal(code: str) -> str:
    """Run python code with a pseudo-terminal of 120 columns as its stdout and stderr."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of known width, then the code
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT)}
        os.execve(sys.executable, [sys.executable, "-c", code], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out.decode()


def test_progress_bar_on_a_terminal_with_eta_logs_above_it_and_left_in_place():
    out = run_in_terminal(PROGRESS_SCRIPT)
    frames = out.replace("\r\n", "\n").replace("\r", "\n").splitlines()
    bars = [f for f in frames if f.startswith("extract:")]
    assert bars and "0/6 articles" in bars[0] and "parsing the first batch" in out
    assert any("<00:0" in f for f in bars if "3/6" in f)  # elapsed<remaining: an ETA
    log_line = next(f for f in frames if "a log line while the bar runs" in f)
    assert log_line.startswith("WARNING")  # on a line of its own, not written over the bar
    last_bar = max(i for i, f in enumerate(frames) if f.startswith("extract:"))
    assert "6/6 articles" in frames[last_bar] and "100%" in frames[last_bar]
    assert frames[last_bar + 1:] and frames[last_bar + 1].strip() in ("", "after the loop")


def test_no_progress_bar_off_a_terminal(capsys):
    from pipeline.progress import progress

    items = [1, 2, 3]
    assert progress(items, total=3, desc="x") is items  # pipes and CI logs: the loop untouched
    assert capsys.readouterr().err == ""


def test_evaluate_keeps_measured_scores_when_the_gold_is_absent(tmp_path):
    from pipeline.stages import evaluate

    processed = tmp_path / "processed"
    processed.mkdir()
    articles = pd.DataFrame({"source_path": ["data/raw/a.txt"], "content_sha256": ["a" * 64]})
    articles.to_parquet(processed / "articles.parquet")
    corpus = evaluate.corpus_fingerprint(articles)
    scores = tmp_path / "scores.json"
    measured = {"gold_available": 1, "corpus_sha256": corpus, "seeds": {"quotes": {"f1": 0.9}}}
    scores.write_text(json.dumps(measured))
    args = ["--processed", str(processed), "--eval-dir", str(tmp_path / "no-kit"), "--out", str(scores)]
    assert evaluate.main(args) == 0
    assert json.loads(scores.read_text()) == measured
    scores.unlink()
    assert evaluate.main(args) == 0
    assert json.loads(scores.read_text()) == {"gold_available": 0, "corpus_sha256": corpus}


def test_evaluate_drops_scores_measured_on_another_corpus(tmp_path):
    from pipeline.stages import evaluate

    processed = tmp_path / "processed"
    processed.mkdir()
    pd.DataFrame({"source_path": ["data/raw/b.txt"], "content_sha256": ["b" * 64]}).to_parquet(
        processed / "articles.parquet")
    scores = tmp_path / "scores.json"
    scores.write_text(json.dumps({"gold_available": 1, "corpus_sha256": "0" * 16, "seeds": {"quotes": {"f1": 0.9}}}))
    args = ["--processed", str(processed), "--eval-dir", str(tmp_path / "no-kit"), "--out", str(scores)]
    assert evaluate.main(args) == 0
    assert json.loads(scores.read_text())["gold_available"] == 0


def test_dvc_keeps_the_scores_file_between_runs():
    import yaml

    stage = yaml.safe_load((ROOT / "dvc.yaml").read_text())["stages"]["evaluate"]
    (entry,) = [m for m in stage["metrics"] if "reports/scores.json" in m]
    assert entry["reports/scores.json"].get("persist") is True  # else DVC deletes it before evaluate runs


def test_benchmarks_stay_out_of_the_default_metrics():
    import yaml

    pipeline = yaml.safe_load((ROOT / "dvc.yaml").read_text())
    assert not [m for m in pipeline.get("metrics", []) if "benchmarks" in str(m)]


def test_run_ends_with_a_summary_line(seed_tables, capsys, tmp_path):
    from pipeline.stages.summary import summary_line

    out = seed_tables.parent
    line = summary_line(out / "reports", seed_tables)
    metrics = json.loads((out / "reports" / "metrics.json").read_text())
    n = len(pd.read_parquet(seed_tables / "articles.parquet"))
    assert f"{n} articles" in line and f"quotes={metrics['rows']['quotes']}" in line
    assert f"{metrics['expectations']['passed']}/{metrics['expectations']['total']} passed" in line
    assert str(out / "reports" / "validation.html") in line and "\n" not in line
