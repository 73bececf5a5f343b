"""A digest of the source files that decide a stage's output: part of every cache key, so that
editing those files (and only those) invalidates what a cache holds."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_ROOT = Path(__file__).resolve().parent  # the pipeline package


@lru_cache(maxsize=None)
def source_digest(names: tuple[str, ...]) -> str:
    """sha256 (16 hex digits) of the files and folders `names` (relative to pipeline/): each file's
    path and bytes, in sorted order, compiled files left out."""
    digest = hashlib.sha256()
    for name in names:
        path = _ROOT / name
        files = sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                       and f.suffix != ".pyc") if path.is_dir() else [path]
        for f in files:
            digest.update(f.relative_to(_ROOT).as_posix().encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]
