"""extract_figures: the figures of one article as rows, over the one shared parse."""
from __future__ import annotations

import logging
import re

from pipeline.extract.figures.context import Parse
from pipeline.extract.figures.core import Core, Figure
from pipeline.extract.figures.decide import decide
from pipeline.extract.figures.reader import read_figures
from pipeline.text.spans import in_body, sentence_bounds

log = logging.getLogger(__name__)


def extract_figures(doc, layout) -> list[dict]:
    """One row per figure in the article, columns of pipeline.schemas.FIGURES (ids added by the driver)."""
    text = doc.text
    found, dates = read_figures(text)
    parse = Parse(doc)
    rows: list[dict] = []
    by_anchor: dict[tuple[int, int], Figure] = {}
    for fig in found:
        kept = decide(text, fig, parse, by_anchor)
        if kept is not None:
            rows.append(_row(text, kept, doc, layout))
    for s, e in dates:
        rows.append(_row(text, Figure(start=s, end=e, core=Core(0, 0, 0, None, None), value=None, low=None,
                                      high=None, qualifier="exact", kind="date", unit=None,
                                      core_start=s, core_end=e), doc, layout))
    _inherit_in_conversions(text, rows)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    log.debug("figures: %d read by the lexer, %d kept, %d dates", len(found), len(rows) - len(dates), len(dates))
    return rows


def _inherit_in_conversions(text: str, rows: list[dict]) -> None:
    """A figure in brackets right after another restates it in other units ('62 mph (100 km/h)',
    'more than 9 million Swiss francs (US $10 million)'): it takes the same qualifier and direction.
    So does a share after ', or' restating a change ('lost 45 points, or 0.6%'): the same move."""
    by_end = {r["end"]: r for r in rows}
    for r in sorted(rows, key=lambda r: r["start"]):
        window = text[max(0, r["start"] - 6):r["start"]]
        m = re.search(r"(\S)\s*(?:[(/]|(,)\s*or)\s*$", window)
        if not m:
            continue
        prev = by_end.get(r["start"] - len(window) + m.start() + 1)
        if m.group(2) and prev is None:  # the change may end in its counted noun: 'lost 45 points, or 0.6%'
            comma = r["start"] - len(window) + m.start(2)
            before = [p for p in rows if p["end"] <= comma and re.fullmatch(r"\s*[A-Za-z]+", text[p["end"]:comma])]
            prev = max(before, key=lambda p: p["end"], default=None)
        if prev is None or prev["kind"] in ("date", "year") or r["kind"] in ("date", "year"):
            continue
        if m.group(2):  # ', or': only a share restating a change of another unit
            if r["kind"] == "percent" and prev["kind"] != "percent" and r["direction"] is None:
                r["direction"] = prev["direction"]
            continue
        if r["qualifier"] == "exact" and prev["qualifier"] in ("approximate", "lower_bound", "upper_bound"):
            r["qualifier"] = prev["qualifier"]
            if prev["qualifier"] == "lower_bound":
                r["low"], r["high"] = r["value"], None
            elif prev["qualifier"] == "upper_bound":
                r["low"], r["high"] = None, r["value"]
        if r["direction"] is None and prev["direction"] is not None:
            r["direction"] = prev["direction"]


def _row(text: str, fig: Figure, doc, layout) -> dict:
    s0, s1 = sentence_bounds(doc, fig.start, fig.end)
    return {"text": text[fig.start:fig.end], "start": fig.start, "end": fig.end,
            "value": _num(fig.value), "low": _num(fig.low), "high": _num(fig.high),
            "qualifier": fig.qualifier, "direction": fig.direction, "kind": fig.kind,
            "unit": fig.unit, "counted": fig.counted,
            "sentence_start": s0, "sentence_end": s1,
            "in_body": in_body(fig.start, fig.end, layout.body_spans)}


def _num(v):
    if v is None:
        return None
    v = float(v)
    return round(v, 10) if abs(v) < 1e15 else v