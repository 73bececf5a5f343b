"""pipeline.recovery (run first by `make repro`): the states a kill leaves behind are repaired, or
named with what to do when repairing would race a running dvc."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.recovery import lockfile_problem, repair, rwlock_problem

GOOD_LOCK = "schema: '2.0'\nstages:\n  extract:\n    cmd: python -m pipeline extract\n"
ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@e"}


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".dvc" / "tmp").mkdir(parents=True)
    (tmp_path / "dvc.lock").write_text(GOOD_LOCK)
    for cmd in (["init", "-q", "-b", "main"], ["add", "dvc.lock"], ["commit", "-qm", "lock"]):
        subprocess.run(["git", *cmd], cwd=tmp_path, check=True, capture_output=True, env=ENV)
    return tmp_path


@pytest.mark.parametrize("text, problem", [
    ("", "empty"), ("schema: '2.0'\nstages:\n  extract:\n    cmd: [unclosed", "unreadable"),
    ("- a list\n", "not a valid DVC lock file"), (GOOD_LOCK, None),
])
def test_lockfile_problems(tmp_path, text, problem):
    path = tmp_path / "dvc.lock"
    path.write_text(text)
    found = lockfile_problem(path)
    assert (found is None) if problem is None else found.startswith(problem)


@pytest.mark.parametrize("text, bad", [("", True), ('{"write": {"x": ', True), ("[]", True),
                                       ('{"read": {}, "write": {}}', False), ("{}", False)])
def test_rwlock_problems(tmp_path, text, bad):
    path = tmp_path / "rwlock"
    path.write_text(text)
    assert bool(rwlock_problem(path)) == bad


def test_an_empty_lock_file_is_restored_from_git(repo):
    (repo / "dvc.lock").write_text("")
    (repo / ".dvc" / "tmp" / "rwlock").write_text("")
    (repo / "reports").mkdir()
    (repo / "reports" / ".metrics.json.abc.tmp").write_text("{")
    assert repair(repo) == []
    assert (repo / "dvc.lock").read_text() == GOOD_LOCK
    assert not (repo / ".dvc" / "tmp" / "rwlock").exists()
    assert not list((repo / "reports").iterdir())


def test_a_lock_file_git_does_not_have_is_removed(tmp_path):
    (tmp_path / "dvc.lock").write_text("")
    assert repair(tmp_path) == [] and not (tmp_path / "dvc.lock").exists()


def test_nothing_is_touched_while_dvc_runs_and_the_message_says_what_to_do(repo, tmp_path):
    fake = tmp_path / "bin" / "dvc"
    fake.parent.mkdir()
    fake.write_text("import time\ntime.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, str(fake)], cwd=repo)
    try:
        time.sleep(0.3)
        (repo / ".dvc" / "tmp" / "rwlock").write_text("")
        left = repair(repo)
        assert len(left) == 1 and str(proc.pid) in left[0] and "make repro" in left[0]
        assert (repo / ".dvc" / "tmp" / "rwlock").exists()
        result = subprocess.run([sys.executable, "-m", "pipeline.recovery", str(repo)], capture_output=True,
                                text=True, cwd=Path(__file__).resolve().parents[1])
        assert result.returncode == 1 and "Traceback" not in result.stderr
    finally:
        proc.kill()
        proc.wait()
