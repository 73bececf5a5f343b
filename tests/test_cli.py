"""The command line fails loudly and briefly: real help, a named list of commands, one-line errors,
log lines that never carry a whole article."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.__main__ import COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PIPELINE_LOG_LEVEL", None)
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_top_level_help_lists_every_command_and_exits_0():
    for flag in ("--help", "-h"):
        result = cli(flag)
        assert result.returncode == 0, result.stderr
        for name in COMMANDS:
            assert f"  {name} " in result.stdout
        assert "COMMAND --help" in result.stdout


def test_no_command_prints_help_and_fails():
    result = cli()
    assert result.returncode == 2
    assert "commands:" in result.stderr


def test_unknown_command_is_one_line_naming_the_valid_ones():
    result = cli("extrct")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "'extrct'" in lines[0] and all(name in lines[0] for name in COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_real_help(command):
    result = cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert f"usage: python -m pipeline {command}" in result.stdout
    description = result.stdout.split("\n\n")[1]
    assert len(description.split()) >= 5, result.stdout  # a sentence, not a bare usage line
    options = [line for line in result.stdout.splitlines() if line.strip().startswith("--")]
    assert options or command == "check" or "PATH" in result.stdout


def test_an_error_in_a_command_is_one_line_with_a_non_zero_exit(tmp_path):
    result = cli("publish", "--tables", str(tmp_path / "none"), "--report", str(tmp_path / "none.json"),
                 "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "publish" in lines[0] and "none.json" in lines[0]


def test_summary_is_one_line_and_fails_without_a_build(tmp_path):
    missing = cli("summary", "--reports", str(tmp_path))
    assert missing.returncode == 1 and len(missing.stdout.strip().splitlines()) == 1
    (tmp_path / "metrics.json").write_text(json.dumps({
        "rows": {"articles": 7, "entities": 30, "rejects": 2},
        "expectations": {"total": 10, "passed": 9, "critical_failures": 0}}))
    result = cli("summary", "--reports", str(tmp_path), "--processed", str(tmp_path / "none"))
    assert result.returncode == 0
    (line,) = result.stdout.strip().splitlines()
    for part in ("9 files in", "7 articles", "2 rejects", "entities=30", "9/10 passed", "validation.html",
                 "nothing published"):
        assert part in line
    (tmp_path / "processed").mkdir()
    (tmp_path / "processed" / "datapackage.json").write_text("{}")
    published = cli("summary", "--reports", str(tmp_path), "--processed", str(tmp_path / "processed"))
    assert f"tables in {tmp_path / 'processed'}" in published.stdout
    (tmp_path / "validation.json").write_text(json.dumps({"success": False}))
    refused = cli("summary", "--reports", str(tmp_path), "--processed", str(tmp_path / "processed"))
    assert "nothing published (critical failures)" in refused.stdout  # old tables are not this run's


def test_cut_keeps_short_values_and_states_the_length_of_long_ones():
    from pipeline.logs import cut

    assert cut("a short value") == "a short value"
    long = "word " * 1000
    out = cut(long)
    assert len(out) < 250 and f"{len(long):,}" in out
    assert "\n" not in cut("two\nlines")


def test_log_lines_are_cut_by_the_installed_filter(capsys):
    from pipeline.logs import CutLongValues

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(CutLongValues())
    log = logging.getLogger("test.cut")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("quote %s", "q" * 5000)
        log.warning("q" * 5000)
    finally:
        log.removeHandler(handler)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and len(lines[0]) < 600 and len(lines[1]) < 2100
    assert "5,000 chars" in lines[0]


def test_failure_lines_cut_long_values():
    from pipeline.quality.report import failure_lines

    quote = "An invented sentence that goes on and on. " * 120
    report = {"tables": {"quotes": {"rows": 4, "passed": 0, "expectations": [{
        "expectation": "expect_column_values_to_be_in_set", "kwargs": {"column": "span_matches_text",
                                                                       "value_set": [True]},
        "severity": "critical", "notes": None, "success": False, "observed_value": None, "unexpected_count": 1,
        "failures": [{"article_id": "a1", "source_path": "data/raw/a.txt", "text": quote}]}]}}}
    (line,) = failure_lines(report)
    assert len(line) < 500 and "a1" in line and "data/raw/a.txt" in line and "1 of 4 rows (25.0%)" in line


def test_the_command_line_cuts_long_log_values(tmp_path):
    """Any command run through `python -m pipeline` has the filter: a 5 KB value makes no 5 KB line."""
    (tmp_path / "loud_stage.py").write_text(
        "import logging\n"
        "def main(argv):\n"
        "    logging.getLogger('pipeline.loud').warning('quote: %s', 'an invented quote ' * 300)\n"
        "    return 0\n")
    code = ("import sys; from pipeline.__main__ import COMMANDS, main; "
            "COMMANDS['loud'] = ('loud_stage', 'logs a long value'); sys.exit(main(['loud']))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])}
    env.pop("PIPELINE_LOG_LEVEL", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if "pipeline.loud" in line]
    assert len(line) < 600 and "5,400 chars" in line
