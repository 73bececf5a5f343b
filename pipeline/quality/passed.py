"""What already passed the row-wise expectations, remembered between builds, bound to row content.

A table's rows are grouped into units: an article's rows (article_id), or a reject (source_path).
A unit's digest hashes the suite it is checked against, the Great Expectations version, the view's
columns and every value of the unit's rows, derived columns included (span_matches_text,
speaker_entity_known, ...; they carry the cross-table facts). A digest in the store is a fact: rows
with exactly this content passed every row-wise expectation of this suite, warnings included. So a
build checks only the units whose digest is not in the store; changed content, a changed suite or
a changed view gives a new digest. A unit with a null key is always checked.

The store is a file of hex digests beside the extraction cache (.cache/validate), written
atomically and pruned to the current corpus's units after each run. Losing it costs one full
validation, nothing else.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
from pandas.util import hash_pandas_object

from pipeline.tables import write_atomic

log = logging.getLogger(__name__)
STORE_FORMAT = 1
DIGEST_CHARS = 32  # 128 bits
STORE_NAME = "passed.txt"


def unit_column(table: str) -> str:
    return "source_path" if table == "rejects" else "article_id"


def _typed(v) -> str:
    """A value as text that differs for values of different types (None is not 'None')."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return "\0"
    if isinstance(v, str):
        return "s" + v
    if isinstance(v, (list, tuple, np.ndarray)):
        return "l" + "\x1f".join(_typed(x) for x in list(v))
    return type(v).__name__ + "\x1e" + repr(v)


def _column_hashes(col: pd.Series) -> np.ndarray:
    if col.dtype != object:
        return hash_pandas_object(col, index=False).to_numpy()
    if pd.api.types.infer_dtype(col, skipna=True) in ("string", "empty"):
        missing = col.isna()  # vectorised: strings hashed as they are, nulls apart from every string
        hashed = hash_pandas_object(col.where(~missing, ""), index=False).to_numpy()
        return np.where(missing.to_numpy(), np.uint64(0x9E3779B97F4A7C15), hashed * np.uint64(3) + np.uint64(1))
    return hash_pandas_object(col.map(_typed), index=False).to_numpy()


def row_hashes(view: pd.DataFrame) -> np.ndarray:
    """One 64-bit hash per row over every column (in column order)."""
    out = np.zeros(len(view), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for name in view.columns:
            out = out * np.uint64(1000003) ^ _column_hashes(view[name])
    return out


def suite_salt(table: str, suite: dict, view: pd.DataFrame) -> bytes:
    try:
        gx_version = importlib.metadata.version("great_expectations")
    except importlib.metadata.PackageNotFoundError:
        gx_version = "?"
    spec = json.dumps({"format": STORE_FORMAT, "table": table, "suite": suite, "gx": gx_version,
                       "columns": [(c, str(t)) for c, t in view.dtypes.items()]}, sort_keys=True, default=str)
    return hashlib.sha256(spec.encode("utf-8")).digest()


def unit_digests(table: str, suite: dict, view: pd.DataFrame) -> np.ndarray:
    """Each row's unit digest (hex; '' for a row whose unit key is null, never found in a store)."""
    digests = np.full(len(view), "", dtype=object)
    if not len(view):
        return digests
    salt = suite_salt(table, suite, view)
    hashes = row_hashes(view)
    codes, keys = pd.factorize(view[unit_column(table)])
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(keys) + 1))
    for code, key in enumerate(keys):
        rows = order[bounds[code]:bounds[code + 1]]
        digest = hashlib.sha256(salt + str(key).encode("utf-8") + b"\0" + hashes[rows].tobytes())
        digests[rows] = digest.hexdigest()[:DIGEST_CHARS]
    return digests


def load_store(directory: Path | None) -> set[str]:
    if directory is None:
        return set()
    path = Path(directory) / STORE_NAME
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    if not lines or lines[0] != f"format {STORE_FORMAT}":
        log.warning("validate: %s is not a store of format %d; validating every row", path, STORE_FORMAT)
        return set()
    return {line for line in lines[1:] if len(line) == DIGEST_CHARS}


def save_store(directory: Path | None, digests: set[str]) -> None:
    if directory is None:
        return
    text = "\n".join([f"format {STORE_FORMAT}", *sorted(digests)]) + "\n"
    write_atomic(Path(directory) / STORE_NAME, lambda tmp: Path(tmp).write_text(text, encoding="ascii"))
