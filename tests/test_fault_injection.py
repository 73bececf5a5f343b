"""Kill `dvc repro` (SIGKILL to DVC and its stage) at random moments, during publish and as dvc.lock is
written, in a scratch copy of the project: data/processed is always whole (the old tables or the
new), and the next `make repro` (recovery, then dvc repro) succeeds. Also: a second build with
nothing changed does nothing and leaves git clean.

One scratch repository (two seed articles) serves the whole module; rebuilds after the first reuse
the extraction cache. FAULT_KILLS=N (default 2) sets the number of kills at random moments;
FAULT_SEED fixes them.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from pipeline.recovery import lockfile_problem, rwlock_problem
from pipeline.schemas import TABLES

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PUBLISHED_FILES = sorted([f"{t}.parquet" for t in TABLES] + ["datapackage.json", "README.md"])
COPIED = ["pipeline", "expectations", ".dvc/config", ".dvc/.gitignore", ".dvcignore", ".gitignore",
          "dvc.yaml", "params.yaml"]
ENV = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1",
       "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com", "PIPELINE_LOG_LEVEL": "WARNING"}


REBUILD_SECONDS: list[float] = []


def sh(repo: Path, *cmd: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(list(cmd), cwd=repo, env=ENV, capture_output=True, text=True, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout[-3000:]}\n"
                             f"{result.stderr[-3000:]}")
    return result


def make_repro(repo: Path) -> subprocess.CompletedProcess:
    """What `make repro` runs once the environment is set up."""
    sh(repo, sys.executable, "-m", "pipeline.recovery")
    return sh(repo, "dvc", "repro")


def published(repo: Path) -> dict[str, str]:
    """data/processed is whole: every file there, every table readable with the rows its datapackage
    names. Returns name -> sha256, to compare states."""
    out = repo / "data" / "processed"
    assert out.is_dir(), "data/processed is gone"
    assert sorted(p.name for p in out.iterdir()) == PUBLISHED_FILES
    package = json.loads((out / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert pq.read_metadata(out / resource["path"]).num_rows == resource["rows"], resource["name"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}


def touch_publish_code(repo: Path, n) -> None:
    """A code change only publish depends on: DVC re-runs publish and evaluate, nothing else."""
    with open(repo / "pipeline" / "quality" / "datacard.py", "a") as fh:
        fh.write(f"# rebuild {n}\n")


def kill_build(repo: Path, when) -> bool:
    """Start dvc repro; SIGKILL its whole process group when `when(repo, elapsed)` says so. True if the
    build was killed (False: it finished first)."""
    proc = subprocess.Popen(["dvc", "repro"], cwd=repo, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    started = time.monotonic()
    try:
        while proc.poll() is None:
            if when(repo, time.monotonic() - started):
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("fault") / "project"
    for rel in COPIED:
        src, dst = ROOT / rel, repo / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, dst)
    (repo / "data" / "raw").mkdir(parents=True)
    for seed in sorted((ROOT / "data" / "raw").glob("*.txt"))[:2]:
        shutil.copy2(seed, repo / "data" / "raw" / seed.name)
    sh(repo, "git", "init", "-q", "-b", "main")
    sh(repo, "git", "add", ".")
    sh(repo, "git", "commit", "-qm", "project")
    make_repro(repo)
    sh(repo, "git", "add", "-A")  # dvc.lock and the metrics in reports/
    sh(repo, "git", "commit", "-qm", "built")
    return repo


def test_a_second_build_does_nothing_and_leaves_git_clean(repo):
    before = published(repo)
    result = make_repro(repo)
    # only `inventory` runs again: it lists data/raw every time, since DVC cannot hash it safely
    assert set(re.findall(r"Running stage '(\w+)'", result.stdout)) <= {"inventory"}, result.stdout
    assert sh(repo, "git", "status", "--porcelain").stdout == ""
    assert published(repo) == before
    out = repo / "data" / "processed"
    assert out.stat().st_mode & 0o777 == 0o755 and all(p.stat().st_mode & 0o777 == 0o644 for p in out.iterdir())


def test_a_kill_during_publish_keeps_the_old_tables_and_the_next_build_recovers(repo):
    old = published(repo)
    staging = lambda r, _: any(p.name.startswith(".processed.staging-") for p in (r / "data").iterdir())  # noqa: E731
    for attempt in range(3):  # publish is quick: a fast machine may finish it between two looks
        touch_publish_code(repo, f"publish-{attempt}")
        if kill_build(repo, staging):
            break
    else:
        pytest.fail("three builds finished before publish was caught")
    assert published(repo) == old  # the old tables, whole: DVC did not delete them (persist: true)
    assert any(p.name.startswith(".processed.staging-") for p in (repo / "data").iterdir())  # caught mid-publish
    started = time.monotonic()
    make_repro(repo)
    REBUILD_SECONDS.append(time.monotonic() - started)
    assert published(repo) == old  # the same inputs, the same bytes
    assert not [p for p in (repo / "data").iterdir() if p.name.startswith(".processed")]  # leftovers cleaned


LOCK_STATES = ["empty_lock", "truncated_lock", "empty_rwlock", "corrupt_rwlock", "both_empty"]


def test_a_kill_while_dvc_writes_its_lock_files_is_repaired(repo):
    """The states upstream treeverse/dvc#7615 leaves, on which plain dvc commands fail: the recovery
    that `make repro` runs first repairs each, and the build goes on."""
    lock, rwlock = repo / "dvc.lock", repo / ".dvc" / "tmp" / "rwlock"
    good = lock.read_text()
    for state in LOCK_STATES:
        if state in ("empty_lock", "both_empty"):
            lock.write_text("")
        if state == "truncated_lock":
            lock.write_text(good[: len(good) // 2])
        if state in ("empty_rwlock", "both_empty", "corrupt_rwlock"):
            rwlock.parent.mkdir(parents=True, exist_ok=True)
            rwlock.write_text("" if state != "corrupt_rwlock" else '{"write": {"data/raw": {"pid": ')
        if state == "both_empty":
            assert sh(repo, "dvc", "status", check=False).returncode != 0  # what a user would hit
        sh(repo, sys.executable, "-m", "pipeline.recovery")
        assert lockfile_problem(lock) is None and rwlock_problem(rwlock) is None, state
        assert yaml.safe_load(lock.read_text())["stages"], state  # restored from git, not just removed
        if state != "both_empty":
            lock.write_text(good)
    before = published(repo)
    assert sh(repo, "dvc", "status").returncode == 0  # dvc works again on the lock file git had
    make_repro(repo)
    assert published(repo) == before


def test_kills_at_random_moments_leave_whole_tables_and_a_working_build(repo):
    seed = int(os.environ.get("FAULT_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    kills = int(os.environ.get("FAULT_KILLS", "2"))
    duration = max(REBUILD_SECONDS, default=10.0)  # how long a rebuild of publish and evaluate takes here
    lock_mtime = lambda r: (r / "dvc.lock").stat().st_mtime_ns  # noqa: E731
    for i in range(kills):
        touch_publish_code(repo, i)
        if i % 2 == 1:  # the instant DVC rewrites dvc.lock
            first = lock_mtime(repo)
            killed = kill_build(repo, lambda r, _: lock_mtime(r) != first)
        else:
            moment = rng.uniform(0.1, duration)
            killed = kill_build(repo, lambda r, elapsed: elapsed >= moment)
        published(repo)  # whole, old or new
        make_repro(repo)
        published(repo)
        again = sh(repo, "dvc", "repro").stdout
        assert set(re.findall(r"Running stage '(\w+)'", again)) <= {"inventory"}, (seed, i, killed)
