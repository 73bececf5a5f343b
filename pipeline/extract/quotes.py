"""Quotes from the text and the shared spaCy parse (thin first version)."""
from __future__ import annotations

import re

from pipeline.extract.spans import in_body, sentence_bounds

_QUOTE_RE = re.compile(r"[“\"]([^“”\"\n]{3,2000})[”\"]")


def extract_quotes(doc, layout, entities: list[dict]) -> list[dict]:
    rows = []
    for m in _QUOTE_RE.finditer(doc.text):
        start, end = m.start(1), m.end(1)
        if not in_body(start, end, layout.body_spans):
            continue
        s0, s1 = sentence_bounds(doc, start, end)
        rows.append({"text": m.group(1), "start": start, "end": end,
                     "form": "direct" if len(m.group(1).split()) > 4 else "partial",
                     "speaker": None, "speaker_start": None, "speaker_end": None, "speaker_name": None,
                     "speaker_entity_id": None, "speaker_kind": "unknown", "cue": None,
                     "sentence_start": s0, "sentence_end": s1, "in_body": True})
    return rows
