"""Log lines stay lines: long values (a 5 KB quote, a whole article) are cut before they are logged.

`cut(value)` for a value put into a log line or a one-line message; `install()` adds a filter to the
root handlers that cuts any over-long argument and message, so no line runs for pages. Full values
stay in the reports (reports/validation.json), never only in the log.
"""
from __future__ import annotations

import logging

MAX_VALUE_CHARS = 200     # one value put into a line with cut()
MAX_ARG_CHARS = 500       # any argument of a log call, cut by the filter (a line built with cut() fits)
MAX_MESSAGE_CHARS = 2000  # a whole log message


def cut(value, limit: int = MAX_VALUE_CHARS) -> str:
    """str(value), on one line, cut to `limit` characters with the full length stated."""
    text = str(value).replace("\r", " ").replace("\n", "⏎")
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text):,} chars]"


class CutLongValues(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(cut(a, MAX_ARG_CHARS) if isinstance(a, str) and len(a) > MAX_ARG_CHARS
                                else a for a in record.args)
        if isinstance(record.msg, str) and len(record.msg) > MAX_MESSAGE_CHARS:
            record.msg = cut(record.msg, MAX_MESSAGE_CHARS)
        return True


def install() -> None:
    """Cut long values on every handler of the root logger (call after logging.basicConfig)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, CutLongValues) for f in handler.filters):
            handler.addFilter(CutLongValues())
