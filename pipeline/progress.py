"""Progress bars for long loops: shown in a terminal, silent in CI logs and pipes."""
from __future__ import annotations

import os
import sys
from typing import Iterable, TypeVar

T = TypeVar("T")


def progress(items: Iterable[T], total: int | None = None, desc: str = "") -> Iterable[T]:
    if os.environ.get("CI") or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="article", leave=False)
