"""Passes 1 and 2 of the figures (see the package docstring): text that holds digits but no figure,
dates, then the lexer-level readers (number, unit, range) at every number of the text. Pure over
the text; the parse rules (decide.py) come after."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.core import PLURAL_SCALES, Figure, is_year_literal
from pipeline.extract.figures.number_reader import NumberReader
from pipeline.extract.figures.numbers import MULTIPLE_WORDS, NUMBER_WORDS, UNITS_WORDS, lex
from pipeline.extract.figures.range_reader import hedge_after, hedge_before, read_range, year_range
from pipeline.lexicons import rows

# --- text that holds digits but no figure ----------------------------------------------------------

_MONTH_NAMES = sorted({w for r in rows("months.tsv") for w in [r["name"], *r["abbreviations"].split(",")] if w},
                      key=len, reverse=True)
_MONTH = "(?:" + "|".join(_MONTH_NAMES) + r")\.?"
_CLOCK_WORDS = "|".join(w for w, v in UNITS_WORDS.items() if 1 <= v <= 12)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_PATTERNS = [
    # June 2, 2019; Oct. 31; Sept. 16-19; July 14 to 24
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:\s?[-–]\s?{_DAY}|\s+to\s+{_DAY}\b)?(?:,?\s+\d{{4}})?\b(?![,.]?\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}}\b)?"),  # 2 June 2019; 31st of May
    re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?\d{{4}}\b"),  # June of 2018; July 2021
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}/\d{1,2}/\d{1,2}\b"),
]
NOT_FIGURE_PATTERNS = [
    re.compile(r"https?://\S+|\bwww\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|\]\([^)\s]*\)"  # URLs, e-mail, links
               r"|<[A-Za-z/!][^<>]{0,500}>"),  # HTML or XML tags and their attributes
    re.compile(r"(?:^|(?<=\n)|(?<=:)|(?<=\S {2}))[ \t]*\d{1,3}[.)](?=[ \t_]+[A-Z_])", re.M),  # list items: '1. Alpha'
    re.compile(r"(?<![\w.])(?:\+?\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}\b"),  # phone numbers
    re.compile(r"(?<![\w.])\+\d{1,3}(?:[\s.-]\(?\d{1,4}\)?){2,5}\b"),  # international phone numbers
    re.compile(r"\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.\s?m\.|[ap]m\b|AM\b|PM\b)"  # clock times
               r"|\b\d{1,2}\s?(?:[ap]\.m\.|am\b|pm\b|AM\b|PM\b)|\b\d{1,2}:\d{2}(?::\d{2})?\b"
               rf"|\b(?:\d{{1,2}}|{_CLOCK_WORDS})\s+o['’]clock\b",
               re.I),
]

def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = sorted((m.start(), m.end()) for p in NOT_FIGURE_PATTERNS for m in p.finditer(text))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _date_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for p in DATE_PATTERNS:
        for m in p.finditer(text):
            if any(ch.isdigit() for ch in m.group()):
                spans.append((m.start(), m.end()))
    return _merge(sorted(spans))


def _overlaps(spans: list[tuple[int, int]], starts: list[int], s: int, e: int) -> bool:
    """[s, e) overlaps one of the sorted, merged spans."""
    k = bisect_right(starts, s) - 1
    return (k >= 0 and s < spans[k][1]) or (k + 1 < len(spans) and spans[k + 1][0] < e)



def read_figures(text: str) -> tuple[list[Figure], list[tuple[int, int]]]:
    """Pass 1 and 2: figures found by the lexer, and date spans. Pure over the text."""
    toks = lex(text)
    reader = NumberReader(toks)
    excluded = _excluded_spans(text)
    ex_starts = [s for s, _ in excluded]
    dates = [d for d in _date_spans(text) if not _overlaps(excluded, ex_starts, *d)]
    blocked = _merge(sorted(excluded + dates))
    starts = [s for s, _ in blocked]
    figures: list[Figure] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if _overlaps(blocked, starts, t.start, t.end):
            i += 1
            continue
        if t.kind == "sym" and t.text not in "-−+" and not fu.match_at(toks, i, "currency_prefix"):
            i += 1
            continue
        if t.kind == "word" and t.low not in NUMBER_WORDS and t.low not in ("a", "few", "several", "half", "minus") \
                and t.low not in MULTIPLE_WORDS and not t.low.endswith("fold") \
                and t.low not in PLURAL_SCALES and not fu.match_at(toks, i, "currency_prefix"):
            i += 1
            continue
        core = reader.read_core(i)
        if core is None:
            i += 1
            continue
        if _overlaps(blocked, starts, toks[core.i].start, toks[core.j - 1].end):
            i += 1
            continue
        if core.skip:
            i = max(core.j, i + 1)
            continue
        hedge = hedge_before(reader, core.i)
        qualifier = core.qualifier
        first = core.i
        if hedge:
            first = hedge[1]
        # year ranges: '2018-19', '1995-2000', 'between 1600 and 1900'
        if is_year_literal(core):
            yr = year_range(reader, core)
            if yr is not None:
                core = yr
        rng = read_range(reader, core, first)
        is_range = False
        if rng is not None:
            merged, first_r, end_r = rng
            if merged.skip:
                i = end_r
                continue
            core, first, is_range = merged, first_r, True
            qualifier = "range"
            intro = reader.word(first_r)
            if hedge and hedge[0] != "exact" and intro not in ("from", "between"):
                qualifier = hedge[0]  # 'about 25-30 mpg'
                first = min(first, hedge[1])
        elif hedge:
            if hedge[0] != "exact":
                qualifier = hedge[0] if qualifier != "vague" else "vague"
        if not is_range and core.kind == "count" and core.unit is None and not core.words and core.literal \
                and reader.word(core.j) in ("and", "or"):
            nxt = reader.read_core(core.j + 1)
            if nxt is not None and not nxt.skip and nxt.kind in ("duration", "measure", "percent") and nxt.literal \
                    and not nxt.scaled:
                core = replace(core, kind=nxt.kind, unit=nxt.unit, unit_text=nxt.unit_text,
                               hyphen_noun=nxt.hyphen_noun)  # '27 and 29 years old', '5 or 6 percent'
        end_tok = core.j
        if core.plus and qualifier == "exact":
            qualifier = "lower_bound"
        after = hedge_after(reader, end_tok)
        if after and not is_range and qualifier in ("exact",):
            qualifier, end_tok = after[0], after[1]
        elif after and after[0] == "lower_bound" and toks[end_tok].text in "+" and not is_range:
            end_tok = after[1]
        low, high, value = core.low, core.high, core.value
        if qualifier == "lower_bound" and not is_range:
            low, high = value, None
        elif qualifier == "upper_bound" and not is_range:
            low, high = None, value
        start_char = toks[first].start
        end_char = toks[end_tok - 1].end
        fig = Figure(start=start_char, end=end_char, core=core, value=value, low=low, high=high,
                     qualifier=qualifier, kind=core.kind, unit=core.unit, hedge=hedge[0] if hedge else None,
                     is_range=is_range, core_start=toks[core.i].start, core_end=toks[core.j - 1].end,
                     num_start=toks[core.i].start, num_end=toks[max(core.i, core.num_end - 1)].end
                     if core.num_end else toks[core.j - 1].end)
        if core.year_range:
            fig.kind = "year"
        figures.append(fig)
        i = max(end_tok, i + 1)
    return figures, dates


