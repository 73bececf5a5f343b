"""`python -m pipeline.recovery`: repair what a killed `dvc repro` can leave behind, before the next one.

`make repro` runs this first. DVC writes dvc.lock and .dvc/tmp/rwlock in place, so a kill at that
instant leaves them empty or cut short (upstream treeverse/dvc#7615), and every dvc command then
fails. This finds those states and repairs them:
- dvc.lock empty or not a valid lock file: restored from git (HEAD), or removed when git has none;
  DVC then re-runs the stages whose records no longer match, and nothing else;
- .dvc/tmp/rwlock empty or corrupt while no dvc process runs in this repository: removed (DVC
  itself clears entries of dead processes from a well-formed one);
- data/processed missing after an interrupted publish: the previous tables put back; leftover
  staging directories and temporary files of atomic writes in reports/ removed.
What it cannot repair safely it names, with the command to run, and exits 1.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

log = logging.getLogger("pipeline.recovery")
PUBLISHED = Path("data/processed")


def lockfile_problem(path: Path) -> str | None:
    """Why dvc.lock is unusable, or None when it is fine (or absent: DVC then runs every stage)."""
    if not path.exists():
        return None
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return f"unreadable ({type(exc).__name__})"
    if data is None:
        return "empty"
    try:
        from dvc.schema import COMPILED_LOCKFILE_SCHEMA
        COMPILED_LOCKFILE_SCHEMA(data)
    except ImportError:
        if not (isinstance(data, dict) and isinstance(data.get("stages"), dict)):
            return "not a DVC lock file"
    except Exception as exc:  # noqa: BLE001 - voluptuous.Invalid and kin: any schema error
        return f"not a valid DVC lock file ({str(exc).splitlines()[0][:120]})"
    return None


def rwlock_problem(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "null")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"unreadable ({type(exc).__name__})"
    if not isinstance(data, dict) or not set(data) <= {"read", "write"} or \
            not all(isinstance(v, dict) for v in data.values()):
        return "empty" if data is None else "not a DVC rwlock"
    return None


def dvc_processes(root: Path) -> list[int]:
    """pids of dvc commands running in this repository (other than this process)."""
    import psutil

    found = []
    for proc in psutil.process_iter(["pid", "cmdline", "cwd"]):
        try:
            cmd, cwd = proc.info["cmdline"] or [], proc.info["cwd"]
        except (psutil.Error, KeyError):
            continue
        if proc.info["pid"] == os.getpid() or not cwd:
            continue
        is_dvc = any(Path(part).name == "dvc" for part in cmd[:2]) or cmd[1:3] == ["-m", "dvc"]
        if is_dvc and Path(cwd).resolve() == root.resolve():
            found.append(proc.info["pid"])
    return found


def _git_lockfile(root: Path) -> bytes | None:
    try:
        result = subprocess.run(["git", "show", "HEAD:dvc.lock"], cwd=root, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 and result.stdout.strip() else None


def repair(root: Path = Path(".")) -> list[str]:
    """Repair what can be repaired; return the problems left, each with what to do (empty: all fine)."""
    from pipeline.tables import recover_directory, write_atomic

    left = []
    lockfile = root / "dvc.lock"
    problem = lockfile_problem(lockfile)
    running = dvc_processes(root) if problem or rwlock_problem(root / ".dvc" / "tmp" / "rwlock") else []
    if running:  # another build may be writing these files right now: touch nothing
        return [f"dvc is running in {root.resolve()} (pid {', '.join(map(str, running))}): wait for it to "
                f"finish, or stop it, then run `make repro` again"]
    if problem:
        saved = _git_lockfile(root)
        if saved is not None and lockfile_problem_bytes(saved) is None:
            write_atomic(lockfile, lambda tmp: Path(tmp).write_bytes(saved))
            log.warning("recovery: dvc.lock was %s (a build killed while DVC wrote it); restored it from git "
                        "HEAD, so DVC re-runs only the stages that differ", problem)
        else:
            lockfile.unlink()
            log.warning("recovery: dvc.lock was %s and git has no good copy; removed it, so DVC re-runs "
                        "every stage", problem)
    rwlock = root / ".dvc" / "tmp" / "rwlock"
    problem = rwlock_problem(rwlock)
    if problem:
        rwlock.unlink()
        log.warning("recovery: %s was %s (a build killed while DVC wrote it) and no dvc runs here; removed it",
                    rwlock, problem)
    recover_directory(root / PUBLISHED)
    if not dvc_processes(root):  # temporary files of atomic writes a kill left in the tracked reports/
        for tmp in (root / "reports").glob(".*.tmp"):
            log.info("recovery: removing %s left by an interrupted write", tmp)
            tmp.unlink(missing_ok=True)
    return left


def lockfile_problem_bytes(data: bytes) -> str | None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dvc.lock"
        path.write_bytes(data)
        return lockfile_problem(path)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    root = Path(argv[0]) if argv else Path(".")
    left = repair(root)
    for line in left:
        log.error("recovery: %s", line)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
