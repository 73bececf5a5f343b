"""Progress of long loops: on a terminal, one bar per article with its rate and ETA; elsewhere
(CI logs, pipes, DVC's captured output) nothing, and the loop runs as is.

While the bar runs, log lines are written above it (tqdm's logging_redirect_tqdm), not across it,
and the bar stays on screen when the loop ends, so the last state of the run is readable.
"""
from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

BAR_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} articles [{elapsed}<{remaining}, {rate_fmt}{postfix}]"


def show_progress(stream=None) -> bool:
    stream = stream or sys.stderr
    return not os.environ.get("CI") and hasattr(stream, "isatty") and stream.isatty()


def progress(items: Iterable[T], total: int | None = None, desc: str = "", first: str = "parsing the first batch") -> Iterable[T]:
    """Iterate over items with a bar on a terminal. `first` is shown until the first item arrives
    (the first batch is parsed before anything is counted, so the bar would otherwise sit at 0%)."""
    if not show_progress():
        return items
    return _with_bar(items, total, desc, first)


def _with_bar(items: Iterable[T], total: int | None, desc: str, first: str) -> Iterator[T]:
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    with logging_redirect_tqdm(), tqdm(total=total, desc=desc, unit="article", leave=True, dynamic_ncols=True,
                                       bar_format=BAR_FORMAT if total else None, file=sys.stderr) as bar:
        bar.set_postfix_str(first)
        for n, item in enumerate(items):
            if n == 0:
                bar.set_postfix_str("")
            yield item
            bar.update(1)
