"""Loading published tables: from the working tree, or at any git revision through dvc.api."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from pipeline.schemas import TABLES

REPO_ROOT = Path(__file__).resolve().parents[1]


class DataNotAvailable(RuntimeError):
    """A revision's tables are neither in the local DVC cache nor fetched from a remote."""


def remote_description(root: Path) -> str:
    """The default DVC remote as `name: url`, or how to add one when there is none."""
    try:
        from dvc.repo import Repo

        with Repo(str(root)) as repo:
            config = repo.config
            name = config.get("core", {}).get("remote")
            if name:
                return f"{name}: {config.get('remote', {}).get(name, {}).get('url', '?')}"
    except Exception:  # noqa: BLE001 - only a hint in an error message
        pass
    return "none configured; add one with `dvc remote add -d NAME URL`"


def load(table: str, rev: str | None = None, processed_dir: str = "data/processed",
         repo: str | Path | None = None) -> pd.DataFrame:
    """Return `table` of data/processed as a pandas DataFrame.

    rev=None reads the working tree; rev="HEAD~1", a tag such as "v0.2.0", a branch or a commit reads
    the version that revision's dvc.lock describes, from the local DVC cache or the configured remote.
    Raises DataNotAvailable, saying to run `dvc pull`, when that version's data is in neither.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")
    root = Path(repo) if repo else REPO_ROOT
    path = f"{processed_dir}/{table}.parquet"
    if rev is None:
        file = root / path
        if not file.exists():
            raise DataNotAvailable(f"{file} does not exist: build the tables with `make repro`, or fetch them "
                                   f"with `dvc pull` (remote: {remote_description(root)})")
        return pd.read_parquet(file)
    import dvc.api
    from dvc.exceptions import DvcException, PathMissingError
    from dvc.scm import RevError

    try:
        with dvc.api.open(path, repo=str(root), rev=rev, mode="rb") as fh:
            return pd.read_parquet(io.BytesIO(fh.read()))
    except RevError as exc:
        raise ValueError(f"unknown revision {rev!r} in {root}: {exc}") from None
    except PathMissingError as exc:
        if not _tracked_at(root, rev, processed_dir):
            raise DataNotAvailable(f"revision {rev!r} has no {path}: DVC tracked no {processed_dir} then") from None
        raise DataNotAvailable(_missing(table, rev, root, exc)) from None
    except (DvcException, FileNotFoundError, OSError) as exc:
        raise DataNotAvailable(_missing(table, rev, root, exc)) from None
    except Exception as exc:  # dvc_data's DataIndexError and friends are not DvcExceptions
        if type(exc).__module__.startswith(("dvc", "dvc_data", "dvc_objects")):
            raise DataNotAvailable(_missing(table, rev, root, exc)) from None
        raise


def _tracked_at(root: Path, rev: str, processed_dir: str) -> bool:
    """Does the revision's dvc.lock (or a .dvc file) describe processed_dir? Missing data is then a pull away."""
    import subprocess

    for spec in (f"{rev}:dvc.lock", f"{rev}:{processed_dir}.dvc"):
        shown = subprocess.run(["git", "-C", str(root), "show", spec], capture_output=True, text=True)
        if shown.returncode == 0 and processed_dir in shown.stdout + spec:
            return True
    return False


def _missing(table: str, rev: str, root: Path, exc: Exception) -> str:
    return (f"the {table} table of revision {rev!r} is not in the local DVC cache: run `dvc pull` "
            f"(remote: {remote_description(root)}), or `git checkout {rev} && make repro` to rebuild it "
            f"[{type(exc).__name__}]")
