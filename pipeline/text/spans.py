"""Small span utilities shared by every extractor."""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence


def in_body(start: int, end: int, body_spans: Sequence[tuple[int, int]]) -> bool:
    """True when [start, end) lies inside one of the body blocks (body_spans sorted by start)."""
    i = bisect_right([s for s, _ in body_spans], start) - 1
    return i >= 0 and body_spans[i][0] <= start and end <= body_spans[i][1]


def sentence_bounds(doc, start: int, end: int) -> tuple[int | None, int | None]:
    """Character bounds of the sentence holding the span's first character."""
    span = doc.char_span(start, max(end, start + 1), alignment_mode="expand")
    if span is None or not doc.has_annotation("SENT_START"):
        return None, None
    sent = span[0].sent
    return sent.start_char, sent.end_char
