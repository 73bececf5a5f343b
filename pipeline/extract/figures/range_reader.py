"""The range reader: hedges before and after a core ('about', 'more than', '50-plus'), ranges
('20-30', 'between 20 and 30', 'from 310 to 340 miles', 'three or four') and year ranges."""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.core import TIME_PHRASE_WORDS, Core, change_word, is_year_literal
from pipeline.extract.figures.number_reader import NumberReader
from pipeline.extract.figures.numbers import Lex



def hedge_before(reader: NumberReader, i: int) -> tuple[str, int] | None:
    """The hedge written just before toks[i] ('about', 'more than', 'sub-'): (qualifier, first token)."""
    toks = reader.toks
    end = i
    if end >= 1 and toks[end - 1].text in "-" and not toks[end - 1].gap and end >= 2 and toks[end - 2].low == "sub":
        return "upper_bound", end - 2
    m = fu.match_before(toks, end, "hedges_before")
    if m is None:
        return None
    phrase, start = m
    if phrase == "about" and reader.word(start - 1) in fu.ABOUT_GOVERNORS:
        return None
    return fu.HEDGES_BEFORE[phrase], start


def hedge_after(reader: NumberReader, j: int) -> tuple[str, int] | None:
    toks = reader.toks
    if j < len(toks) and toks[j].text == "+" and not toks[j].gap and not (
            reader.tok(j + 1) is not None and reader.toks[j + 1].kind == "num" and not reader.toks[j + 1].gap):
        return "lower_bound", j + 1
    if reader.hyphen(j) and reader.word(j + 1) == "plus":
        return "lower_bound", j + 2
    m = fu.match_at(toks, j, "hedges_after")
    if m and toks[j].gap and m.phrase not in ("+",):
        if m.phrase == "plus" and reader.tok(m.at) is not None and reader.toks[m.at].kind == "num":
            return None
        if m.phrase in ("at most", "at least") and reader.tok(m.at) is not None and reader.toks[m.at].kind != "sym":
            return None
        return fu.HEDGES_AFTER[m.phrase], m.at
    return None



def _time_phrase_token(t: Lex) -> bool:
    """A token of a time phrase between the ends of a 'from ... to ...' ('in 2008', 'at noon on Friday')."""
    return (t.low in TIME_PHRASE_WORDS or t.kind == "num" and len(t.text) <= 5 or t.text in ".:"
            ) and not t.br


def _compatible(a: Core, b: Core) -> bool:
    """Two ends of a range measure the same thing (a unit written on one end only is shared)."""
    if a.kind != b.kind and a.kind != "count" and b.kind != "count":
        return False
    if a.unit and b.unit:
        return a.unit == b.unit or b.unit.startswith(a.unit + " per") or a.unit.startswith(b.unit + " per")
    return True


def read_range(reader: NumberReader, a: Core, hedge_start: int) -> tuple[Core, int, int] | None:
    """A range starting with core `a` ('20-30', 'between 20 and 30', 'from 310 to 340 miles', 'three or
    four'): (merged core, first token, token after). A merged core with skip=True is a score or a
    ratio ('2-0', '4 to 1'): no row."""
    toks = reader.toks
    k = a.j
    t = reader.tok(k)
    if t is None or t.br or a.qualifier == "vague" or a.kind in ("ordinal", "year", "other") and a.unit != "times":
        return None
    intro = reader.word(hedge_start - 1)
    if intro == "from" and t.low != "to" and t.text not in "-–—":
        # 'from 18 mpg in 2005 to 31 mpg', 'from $1,250 at noon to $1,190'
        m = k
        while m < k + 8 and reader.tok(m) is not None and _time_phrase_token(reader.toks[m]):
            m += 1
        if m > k and reader.word(m) == "to":
            k, t = m, reader.toks[m]
    connector = t.low
    if t.text in "-–—":
        nxt = reader.tok(k + 1)
        if nxt is not None and nxt.gap != t.gap:
            return None  # a dash spaced on one side only signs the next number ('Nikkei 225 -1.1%')
        b_start = k + 1
    elif connector == "to":
        b_start = k + 1
        if reader.tok(b_start) is not None and toks[b_start].text == "-" and reader.glued(b_start):
            b_start += 1  # '300,000 to-350,000'
    elif connector == "and" and intro == "between":
        b_start = k + 1
    elif connector == "or" and a.words:
        b_start = k + 1
    else:
        return None
    b = reader.read_core(b_start)
    if b is None or b.skip or b.qualifier == "vague" or b.kind in ("ordinal", "year"):
        return None
    if is_year_literal(a) and not is_year_literal(b):
        return None  # a year, then a level: 'from 18 mpg in 2005 to 31 mpg in 2021'
    if not _compatible(a, b):
        return None
    # the scale written on the second end belongs to both: '$40 to $45 billion', '1 to 2 thousand',
    # 'four to five thousand', 'two or three hundred'
    av, bv = a.value, b.value
    if (b.scaled and not a.scaled and a.literal and "," not in a.literal
            or b.words and a.words and b.value >= 100) and abs(av) < 1000:
        scale = _scale_of(b)
        if scale and av * scale <= bv * 1.0001 and av < bv:
            av = av * scale
    if connector == "or":
        if not (b.words and a.kind == "count" and b.kind in ("count", "duration", "measure")
                and bv > av and bv <= 2 * av + 1 and av == int(av)):
            return None
    if t.text in "-–—" and a.kind == "count" and b.kind == "count" and a.literal and b.literal \
            and "." not in a.literal + b.literal and b.value <= a.value and b.value < 1000:
        return (replace(a, j=b.j, skip=True), hedge_start, b.j)  # a score: '2-0', '89-89'
    if connector == "to" and intro not in ("from", "between") and b.value < a.value:
        # 'leads 51% to 44%', 'split 4 to 1': a comparison or a ratio, not a range
        if a.kind == "count" and b.kind == "count" and not a.unit and not b.unit and a.literal and b.literal:
            return (replace(a, j=b.j, skip=True), hedge_start, b.j)
        return None
    # 'rose 5% to 10%', 'increased by $12.5 billion to $310 billion': a change, then the level reached
    if connector == "to" and intro not in ("from", "between") and a.unit and (
            intro in ("by", "up", "down") or change_word(intro)):
        return None
    kind = a.kind if a.kind != "count" else b.kind
    unit = b.unit if (b.unit and (not a.unit or len(b.unit) > len(a.unit))) else a.unit
    unit_text = a.unit_text or b.unit_text  # as first written: 'from 20 miles per gallon ... to 29 mpg'
    low, high = min(av, bv), max(av, bv)
    intro_start = hedge_start - 1 if (intro == "from" and connector == "to"
                                      or intro == "between" and connector != "or") else hedge_start
    merged = replace(b, i=a.i, value=(low + high) / 2, low=low, high=high, kind=kind, unit=unit,
                     unit_text=unit_text, literal=None, words=a.words and b.words, year_range=False)
    merged.qualifier = "range"
    return merged, intro_start, b.j



def _scale_of(core: Core) -> float | None:
    for s in (1e12, 1e9, 1e6, 1e3, 100):
        if core.value and abs(core.value) >= s and (abs(core.value) / s) < 1000:
            return s
    return None



def year_range(reader: NumberReader, core: Core) -> Core | None:
    k = core.j
    t = reader.tok(k)
    if t is None:
        return None
    if t.text in "-–/" and reader.glued(k) and reader.glued(k + 1) or t.low in ("to", "and"):
        b = reader.tok(k + 1)
        if b is not None and b.kind == "num" and re.fullmatch(r"\d{2}|\d{4}", b.text) and not (
                reader.glued(k + 2) and reader.tok(k + 2).kind == "word" and t.low not in ("to", "and")):
            end_year = int(b.text) if len(b.text) == 4 else int(core.value) // 100 * 100 + int(b.text)
            if core.value < end_year <= 2100 and (len(b.text) == 2 or is_year_literal(
                    Core(0, 0, float(b.text), None, None, literal=b.text))):
                if t.low == "and" and reader.word(core.i - 1) != "between":
                    return None
                if t.low == "to" and reader.word(core.i - 1) not in ("from", "between") and len(b.text) == 2:
                    return None
                if reader.glued(k + 2) and reader.tok(k + 2).kind == "word":
                    return None
                return replace(core, j=k + 2, low=core.value, high=float(end_year), kind="year", year_range=True)
    return None

