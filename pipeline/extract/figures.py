"""Figures from the shared spaCy parse (thin first version)."""
from __future__ import annotations

import re

from pipeline.extract.spans import in_body, sentence_bounds

KINDS = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent", "QUANTITY": "measure"}


def _number(s: str):
    m = re.search(r"\d[\d,]*(?:\.\d+)?", s)
    return float(m.group().replace(",", "")) if m else None


def extract_figures(doc, layout) -> list[dict]:
    rows = []
    for ent in doc.ents:
        if ent.label_ not in KINDS:
            continue
        value = _number(ent.text)
        s0, s1 = sentence_bounds(doc, ent.start_char, ent.end_char)
        rows.append({"text": ent.text, "start": ent.start_char, "end": ent.end_char, "value": value,
                     "low": value, "high": value, "qualifier": "exact", "direction": None,
                     "kind": KINDS[ent.label_], "unit": None, "counted": None,
                     "sentence_start": s0, "sentence_end": s1,
                     "in_body": in_body(ent.start_char, ent.end_char, layout.body_spans)})
    return rows
