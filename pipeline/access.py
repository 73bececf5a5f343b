"""Loading published tables: from the working tree, or at any git revision through dvc.api."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from pipeline.schemas import TABLES

REPO_ROOT = Path(__file__).resolve().parents[1]


def load(table: str, rev: str | None = None, processed_dir: str = "data/processed",
         repo: str | Path | None = None) -> pd.DataFrame:
    """Return `table` of data/processed as a pandas DataFrame.

    rev=None reads the working tree; rev="v0.1.0" (a tag, branch or commit) reads the version that
    revision's dvc.lock describes, from the local DVC cache or the configured remote.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; the tables are {', '.join(TABLES)}")
    root = Path(repo) if repo else REPO_ROOT
    path = f"{processed_dir}/{table}.parquet"
    if rev is None:
        return pd.read_parquet(root / path)
    import dvc.api

    with dvc.api.open(path, repo=str(root), rev=rev, mode="rb") as fh:
        return pd.read_parquet(io.BytesIO(fh.read()))
