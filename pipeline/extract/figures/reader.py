"""Figures: every number in an article as data (value, range, qualifier, kind, unit, what it counts).

How it works, in three passes over the one shared parse:

1. Text that holds digits but no figures is set aside first: URLs, e-mail addresses, HTML tags,
   phone numbers, clock times, list markers. Dates become rows of kind 'date' (value null).
2. A small lexer (numbers.lex) walks the text. At each number it reads, table by table, the
   currency before it, the digits or number words, the scale ('million', 'bn'), the unit,
   currency or percent after it and a rate ('per barrel', 'a month'); then the hedge before
   it ('about', 'more than', figure_units.HEDGES_BEFORE) and a second number that makes a range
   ('between 20 and 30', '20-30', 'from 252 to 287 miles'). Vague amounts ('a few dozen',
   'hundreds') take their range from numbers.VAGUE_AMOUNTS. Numbers glued to letters or
   hyphenated after a capitalised prefix (T-72B, Tu-160, 5G, COVID-19) are identifiers: no row.
3. The spaCy parse then decides what the lexer cannot: labels after a name or a label noun
   ('Windows 10', 'Big 12', 'category 4', '737 Max') are identifiers; a bare four-digit number
   is a year (1800-2100, or any after 'in', 'since', ...) unless it counts a plural noun; 'one'
   is a count only when it modifies a noun ('one of the ...' is not); ages ('Senard, 65,', 'he
   is 35', '50-year-old') are durations counting 'age'; what a count counts is the noun it modifies, the noun after
   'of' ('dozens of soldiers') or, when the noun is left out, the object of the verb the figure
   hangs from ('cut its staff to a few dozen, from about 1,000' -> staff, twice); a figure is a
   change (direction) when it is the amount of a verb of change ('rose 19 cents', 'up 3%',
   'increased by $43.6 billion'), not when it is the level reached ('to $84').

The output columns are those of pipeline.schemas.FIGURES (article_id and figure_id are added by
the driver). `value` is the best single value in the figure's own unit ('19 cents' -> 19, unit
'cent'; '$1.5bn' -> 1.5e9, unit 'USD'); `low`/`high` bound it (null for an open bound).
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.units import written
from pipeline.extract.figures.numbers import (FRACTION_WORDS, NUMBER_WORDS, ORDINAL_SUFFIXES, SCALE_ABBREVIATIONS,
                                      SCALE_LETTERS, SCALE_WORDS, VAGUE_AMOUNTS, Lex, digits_value, exponent_value,
                                      lex, read_number_words, vague)
from pipeline.text.spans import in_body, sentence_bounds

# VAGUE_AMOUNTS is re-exported here: the data card (pipeline/datacard.py) quotes it from this module.
__all__ = ["extract_figures", "read_figures", "VAGUE_AMOUNTS"]

log = logging.getLogger(__name__)

# --- text that holds digits but no figure ----------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
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
    re.compile(r"(?:^|(?<=\n)|(?<=:)|(?<=\S {2}))[ \t]*\d{1,3}[.)](?=[ \t_]+[A-Z_])", re.M),  # list items: '1. Pantsir'
    re.compile(r"(?<![\w.])(?:\+?\d{1,3}[\s.-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}\b"),  # phone numbers
    re.compile(r"(?<![\w.])\+\d{1,3}(?:[\s.-]\(?\d{1,4}\)?){2,5}\b"),  # international phone numbers
    re.compile(r"\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.\s?m\.|[ap]m\b|AM\b|PM\b)"  # clock times
               r"|\b\d{1,2}\s?(?:[ap]\.m\.|am\b|pm\b|AM\b|PM\b)|\b\d{1,2}:\d{2}(?::\d{2})?\b"
               r"|\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock\b",
               re.I),
]

MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
               "nov", "dec"}

# Words glued by a hyphen before a number that modify it rather than name something:
# 'sub-7 nanometre', 'minus-5 yards', 'mid-2020', 'last-32', 'now-18 month-old', 'top-10'.
NUMBER_PREFIX_WORDS = {"sub", "minus", "mid", "top", "bottom", "last", "first", "now", "post", "pre", "under",
                       "over", "early", "late", "some", "about", "around", "circa", "up", "near", "all",
                       "anti", "non", "ex", "plus", "only", "the", "a", "an", "to", "and", "or", "of", "by",
                       "per", "than", "from", "between"}

# Verbs whose up/down particle does not mean a change in amount ('put up $5 million').
PHRASAL_NOT_CHANGE = {"put", "set", "give", "take", "hold", "back", "step", "turn", "shut", "break", "sign",
                      "lock", "tie", "write", "lay", "pay", "hand", "sit", "stand", "look", "show", "make", "sum",
                      "use", "fill", "line", "build", "free", "clean", "draw", "divide", "split", "wind", "slow",
                      "calm", "cool", "water", "shore", "bring", "call", "pick", "round", "mark", "tone"}

# Tails of hyphen compounds that make an adjective, not a count ('one-off', 'two-way', 'one-sided').
HYPHEN_ADJECTIVE_TAILS = {"off", "way", "sided", "on", "time", "shot", "odd", "ish", "some", "and", "or", "to",
                          "thirds", "quarters", "fifths", "tenths", "half", "plus"}

# Common nouns that take a number as a label, not a quantity: 'category 4 hurricane', 'Chapter 11',
# 'Route 66', 'page 3', 'stage 4 cancer'.
LABEL_WORDS = {"category", "level", "grade", "stage", "phase", "type", "size", "version", "chapter", "article",
               "section", "room", "page", "row", "gate", "bus", "route", "highway", "interstate", "flight",
               "platform", "channel", "game", "round", "week", "day", "match", "episode", "season", "series",
               "volume", "vol", "issue", "no", "number", "item", "clause", "paragraph", "rule", "act", "title",
               "district", "ward", "precinct", "unit", "apartment", "apt", "suite", "floor", "block", "lot",
               "line", "track", "term", "figure", "table", "exhibit", "model", "mark", "generation", "gen",
               "hole", "lane", "pier", "terminal", "zone", "region", "sector", "area", "box", "code"}

# Subjects whose bare number complement is an age ('he is 35').
PERSON_PRONOUNS = {"he", "she", "i", "you", "we", "they", "who"}

# Words after a number that start another phrase: '2.1 last year' does not count years.
NOT_COUNT_MODIFIERS = {"last", "next", "this", "every", "each", "per", "several", "few", "many", "later",
                       "earlier", "ago"}

# Words of a noun phrase left out of `counted`.
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these",
                "those", "some", "all", "each", "every", "both", "any", "other", "another", "such"}
# A count's noun that only measures it (then kind stays count, but the noun is the unit-like word).
RANK_WORDS = {"top", "bottom", "last", "first", "final", "no", "number"}
PLURAL_SCALES = {"dozens", "hundreds", "thousands", "millions", "billions", "trillions", "lakhs", "crores",
                 "tens", "scores"}
COUNTED_STOPWORDS = {"of", "them", "us", "you", "those", "these", "which", "whom", "it", "one", "ones", "time",
                     "times"}
CHANGE_NOUN_DEPS = {"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod"}
MARKET_COUNT_NOUNS = {"point", "points", "place", "places", "spot", "spots", "notch", "notches", "position",
                      "positions", "seat", "seats", "basis"}


@dataclass
class Core:
    """A number as the lexer read it, with what is glued or next to it, before any context."""

    i: int  # first lex token (a currency prefix or sign included)
    j: int  # lex token after the core (unit, currency and rate included)
    value: float
    low: float | None
    high: float | None
    qualifier: str = "exact"  # exact, vague
    kind: str = "count"
    unit: str | None = None
    unit_text: str | None = None  # the unit, currency or percent as written
    words: bool = False  # written in words
    literal: str | None = None  # the digits as written, for a single digit number
    sign: str | None = None
    scaled: bool = False
    hyphen_noun: str | None = None  # 'cylinder' in 'four-cylinder'
    num_end: int = 0  # lex token after the number itself (before unit / currency suffix)
    skip: bool = False  # an identifier: no row, skip to j
    year_range: bool = False
    plus: bool = False  # '600-plus billion': a lower bound written inside the number


@dataclass
class Figure:
    start: int
    end: int
    core: Core
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    counted: str | None = None
    direction: str | None = None
    hedge: str | None = None
    is_range: bool = False
    core_start: int = 0
    core_end: int = 0
    num_start: int = 0  # chars of the number part (for parse look-ups)
    num_end: int = 0


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


# --- pass 2: the lexer-level reader ----------------------------------------------------------------


class Reader:
    def __init__(self, toks: list[Lex]):
        self.toks = toks
        self.n = len(toks)

    def tok(self, k: int) -> Lex | None:
        return self.toks[k] if 0 <= k < self.n else None

    def word(self, k: int) -> str | None:
        t = self.tok(k)
        return t.low if t is not None and t.kind == "word" else None

    def glued(self, k: int) -> bool:
        """toks[k] exists and touches the token before it."""
        t = self.tok(k)
        return t is not None and not t.gap

    def hyphen(self, k: int) -> bool:
        t = self.tok(k)
        return t is not None and t.text in "-‐‑" and not t.gap and self.glued(k + 1)

    # -- the core ---------------------------------------------------------------------------------

    def read_core(self, i: int) -> Core | None:
        currency = None
        cur_text = None
        j = i
        m = fu.match_at(self.toks, i, "currency_prefix")
        if m:
            phrase, k = m
            glued_only = phrase in fu.GLUED_ONLY_PREFIXES
            nxt = self.tok(k)
            signed = nxt is not None and nxt.text in "-−" and self.tok(k + 1) is not None \
                and self.toks[k + 1].kind == "num"
            if nxt is not None and (nxt.kind == "num" or signed) and (not glued_only or not nxt.gap) \
                    and (not nxt.gap or phrase.isalpha() or len(written(self.toks, k - 1, k + 1)) < 6) \
                    and not (i > 0 and self.glued(i) and self.toks[i - 1].kind in ("word", "num")):
                currency, cur_text, j = fu.CURRENCY_PREFIXES[phrase], phrase, k
        sign = None
        t = self.tok(j)
        if t is None:
            return None
        if t.text in "-−+" and self.glued(j + 1) and self.toks[j + 1].kind == "num":
            prev = self.tok(j - 1)
            signable = currency is not None or prev is None or t.gap or prev.text in "([/:=~≈"
            if not signable:
                return None
            if prev is not None and prev.kind == "word" and prev.text.isupper() and t.gap and currency is None:
                return Core(i, self._skip_identifier(j + 1), 0, None, None, skip=True)  # 'COVID -19'
            sign = "-" if t.text in "-−" else "+"
            j += 1
        elif t.low == "minus" and currency is None:
            k = j + 1 + (1 if self.hyphen(j + 1) else 0)
            if self.tok(k) is not None and self.toks[k].kind == "num":
                sign, j = "-", k
        t = self.tok(j)
        if t.kind == "num":
            core = self.read_digits(i, j, currency, sign)
        elif t.kind == "word" and currency is None and sign is None:
            core = self.read_words(i, j)
        else:
            core = None
        if core is None or core.skip:
            return core
        if currency:
            core.kind, core.unit, core.unit_text = "money", currency, cur_text
        return self.read_after(core)

    def read_digits(self, i: int, j: int, currency: str | None, sign: str | None) -> Core | None:
        toks = self.toks
        t = toks[j]
        prev = self.tok(j - 1)
        # glued to letters before it: an identifier ('a65839', 'M21', 'G20', 'XC40', '@Fred_945')
        if currency is None and sign is None and prev is not None and not t.gap and (
                prev.kind == "word" or prev.text in "_@"):
            return Core(i, self._skip_identifier(j), 0, None, None, skip=True)
        # after a hyphen glued to a name: a model or code ('Tu-160', 'T-72B', 'COVID-19', 'TA-35')
        before = self.tok(j - 2)
        if (sign is None and prev is not None and prev.text in "-‐‑" and not t.gap and not prev.gap
                and before is not None and before.kind == "word" and before.low not in NUMBER_PREFIX_WORDS
                and before.low not in NUMBER_WORDS and before.low not in fu.HEDGES_BEFORE):
            return Core(i, self._skip_identifier(j), 0, None, None, skip=True)
        value = digits_value(t.text)
        literal = t.text
        k = j + 1
        # 1.99×10−30
        if self.tok(k) is not None and toks[k].text in "×*x" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].text == "10" and self.glued(k + 1):
            e = k + 2
            exp_text = ""
            while self.glued(e) and not toks[e].text.isalpha():
                exp_text += toks[e].text
                e += 1
            power = exponent_value(exp_text)
            if power is not None:
                value *= 10 ** power
                literal, k = None, e
        # a/b: a fraction before 'of' or a unit; otherwise a date or a code ('24/7', '9/11')
        if self.tok(k) is not None and toks[k].text in "/⁄" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].kind == "num" and self.glued(k + 1):
            if self.tok(k + 2) is not None and toks[k + 2].text in "/⁄" and self.glued(k + 2):
                return Core(i, k + 3, 0, None, None, skip=True)
            den = digits_value(toks[k + 1].text)
            if den and self.word(k + 2) == "of" and value < den:
                frac = value / den
                return Core(i, k + 2, frac, frac, frac, kind="other", unit="fraction", num_end=k + 2)
            return Core(i, k + 2, 0, None, None, skip=True)
        # feet and inches: 6'3"
        if self.tok(k) is not None and toks[k].text in "'′’" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].kind == "num" and self.glued(k + 1) and self.tok(k + 2) is not None \
                and toks[k + 2].text in '"″”' and self.glued(k + 2) and digits_value(toks[k + 1].text) < 12:
            feet = value + digits_value(toks[k + 1].text) / 12
            return Core(i, k + 3, feet, feet, feet, kind="measure", unit="foot", unit_text="feet", num_end=k + 3)
        # a clock time or a score written with a colon ('4:39', '3:1')
        if self.tok(k) is not None and toks[k].text == ":" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].kind == "num" and self.glued(k + 1):
            return Core(i, k + 2, 0, None, None, skip=True)
        if sign == "-":
            value = -value
        # 'nine out of 10 voters'
        if sign is None and currency is None and self.word(k) == "out" and self.word(k + 1) == "of" and literal:
            den = self.read_denominator(k + 2)
            if den is not None and value < den[0] <= 1000:
                return Core(i, den[1], value / den[0], value / den[0], value / den[0], kind="other",
                            unit="fraction", num_end=den[1])
        core = Core(i, k, value, value, value, literal=literal, sign=sign, num_end=k)
        # glued suffix: ordinal, decade, scale, percent, unit, currency, or letters of a code
        w = self.tok(k)
        if w is not None and not w.gap and w.kind == "word":
            return self.read_glued_suffix(core, k, currency)
        if w is not None and not w.gap and w.text in ("%", "€", "£", "¥", "₹", "″", "°", "℃", "℉"):
            return core  # read by read_after
        if w is not None and not w.gap and w.kind == "num":
            return Core(i, self._skip_identifier(k), 0, None, None, skip=True)
        return self.read_scale_words(core, k, currency)

    def _skip_identifier(self, k: int) -> int:
        """Index after a run of glued letters, digits and inner hyphens/dots ('T-72B', 'a65839')."""
        while self.tok(k + 1) is not None and self.glued(k + 1) and (
                self.toks[k + 1].kind in ("word", "num")
                or self.toks[k + 1].text in "-./" and self.glued(k + 2) and self.toks[k + 2].kind in ("word", "num")):
            k += 1
        return k + 1

    def read_glued_suffix(self, core: Core, k: int, currency: str | None) -> Core | None:
        toks = self.toks
        w = toks[k]
        letters = w.text
        after_glued = self.glued(k + 1) and self.tok(k + 1).kind in ("word", "num") \
            and not fu.match_at(toks, k, "measure")
        if letters in ORDINAL_SUFFIXES and core.literal and "." not in core.literal:
            return replace(core, j=k + 1, kind="ordinal", num_end=k + 1)
        if letters == "s" and core.literal and "." not in core.literal and "," not in core.literal:
            if len(core.literal) == 4 or (len(core.literal) == 2 and core.literal.endswith("0")):
                return replace(core, j=k + 1, kind="year", num_end=k + 1)  # 1990s, 80s, 2018s
            return replace(core, j=self._skip_identifier(k - 1), skip=True)
        if w.low in ("am", "pm"):
            return replace(core, j=k + 1, skip=True)
        scale = None
        if w.low in SCALE_ABBREVIATIONS and not after_glued:
            scale = SCALE_ABBREVIATIONS[w.low]
        elif letters in SCALE_LETTERS and not after_glued and (currency is not None or letters in ("M", "B")):
            scale = SCALE_LETTERS[letters]
        if scale is not None:
            c = self._scaled(core, scale, k + 1)
            return self.read_scale_words(c, k + 1, currency)
        if letters in fu.GLUED_PERCENT and not after_glued:
            return replace(core, j=k + 1, kind="percent", unit=fu.GLUED_PERCENT[letters], unit_text=letters)
        for table, kind in (("measure", "measure"), ("time", "duration"), ("percent", "percent")):
            m = fu.match_at(toks, k, table)
            if m and not (self.glued(m[1]) and self.tok(m[1]).kind in ("word", "num")):
                unit = {"measure": fu.MEASURE_UNITS, "time": fu.TIME_UNITS, "percent": fu.PERCENT_WORDS}[table][m[0]]
                return replace(core, j=m[1], kind=kind, unit=unit, unit_text=written(toks, k, m[1]))
        if letters in fu.GLUED_UNITS and not after_glued:
            unit, kind = fu.GLUED_UNITS[letters]
            if letters == "m" and currency is not None:
                return self.read_scale_words(self._scaled(core, 1e6, k + 1), k + 1, currency)
            if kind == "money":
                return replace(core, j=k + 1, kind="money", unit=unit, unit_text=letters)
            if kind == "age":
                return replace(core, j=k + 1, kind="duration", unit=unit, unit_text=letters, hyphen_noun="age")
            return replace(core, j=k + 1, kind=kind, unit=unit, unit_text=letters)
        if w.low == "x" and not after_glued:
            return replace(core, j=k + 1, kind="other", unit="times", unit_text=letters)
        if letters in fu.CURRENCY_SUFFIXES:
            return replace(core, j=k + 1, kind="money", unit=fu.CURRENCY_SUFFIXES[letters], unit_text=letters)
        return replace(core, j=self._skip_identifier(k - 1), skip=True)

    def _scaled(self, core: Core, scale: float, j: int) -> Core:
        v = core.value * scale
        return replace(core, value=v, low=v, high=v, j=j, scaled=True, literal=None, num_end=j)

    def read_scale_words(self, core: Core, k: int, currency: str | None) -> Core:
        """'1.5 million', '4 hundred million', '$2 bn', '3 dozen'."""
        if self.hyphen(k) and self.word(k + 1) == "plus" and self.tok(k + 2) is not None and self.toks[k + 2].gap \
                and self.word(k + 2) in SCALE_WORDS:
            core = replace(core, plus=True)  # '600-plus billion pesos'
            k += 2
        while True:
            w = self.word(k)
            t = self.tok(k)
            if t is None or not t.gap:
                break
            if w in SCALE_WORDS:
                core = self._scaled(core, SCALE_WORDS[w], k + 1)
            elif w in SCALE_ABBREVIATIONS and w != "k":
                core = self._scaled(core, SCALE_ABBREVIATIONS[w], k + 1)
            elif t.text in ("m", "b", "k") and currency is not None and not (
                    self.glued(k + 1) and self.toks[k + 1].kind == "word"):
                core = self._scaled(core, {"m": 1e6, "b": 1e9, "k": 1e3}[t.text], k + 1)
            else:
                break
            k += 1
        return core

    def read_words(self, i: int, j: int) -> Core | None:
        w = self.word(j)
        # fractions: 'a third of', 'half of', 'half the', 'two-thirds of', 'one in five'
        frac = self.read_fraction(i, j)
        if frac is not None:
            return frac
        # vague amounts: 'a few dozen', 'several hundred', 'dozens', 'tens of thousands'
        terms: list[str] = []
        k = j
        if w == "a" and self.word(j + 1) == "few":
            terms, k = ["a few"], j + 2
        elif w in ("few", "several"):
            terms, k = [w], j + 1
        if terms:
            if self.word(k) not in SCALE_WORDS:
                return None
            while self.word(k) in SCALE_WORDS:
                terms.append(self.word(k))
                k += 1
        elif w in PLURAL_SCALES:
            if w in ("tens", "scores") and self.word(j + 1) != "of":
                return None
            terms, k = [w], j + 1
            while self.word(k) == "of" and self.word(k + 1) in PLURAL_SCALES - {"tens", "scores", "dozens"}:
                terms.append(self.word(k + 1)[:-1])  # 'tens of thousands' = tens x thousand
                k += 2
        if terms:
            amount = vague(*terms)
            core = Core(i, k, amount.value, amount.low, amount.high, qualifier="vague", words=True, num_end=k)
            # 'billions of dollars', 'millions of pounds': a vague amount of money
            if self.word(k) == "of":
                m = fu.match_at(self.toks, k + 1, "currency_words")
                if m and m[0].casefold() not in ("won", "dong", "rand", "sen", "cent", "cents"):
                    core = replace(core, j=m[1], kind="money", unit=fu.CURRENCY_WORDS[m[0]] if m[0] != "pounds"
                                   else "GBP", unit_text=written(self.toks, k + 1, m[1]))
            return core
        wn = read_number_words(self.toks, j)
        if wn is None:
            return None
        return Core(i, wn.end, wn.value, wn.value, wn.value, words=True, num_end=wn.end)

    def read_fraction(self, i: int, j: int) -> Core | None:
        w = self.word(j)
        k = None
        value = None
        if w in ("a", "one") and self.word(j + 1) in FRACTION_WORDS and self.tok(j + 1).gap or \
                w == "one" and self.hyphen(j + 1) and self.word(j + 2) in FRACTION_WORDS:
            f = j + 1 if self.word(j + 1) in FRACTION_WORDS else j + 2
            value, k = FRACTION_WORDS[self.word(f)], f + 1
        elif w in NUMBER_WORDS and 1 < NUMBER_WORDS[w] < 10 and (
                self.word(j + 1) in FRACTION_WORDS and self.word(j + 1).endswith("s")
                or self.hyphen(j + 1) and (self.word(j + 2) or "").endswith("s")
                and self.word(j + 2) in FRACTION_WORDS):
            f = j + 1 if self.word(j + 1) in FRACTION_WORDS else j + 2
            value, k = NUMBER_WORDS[w] * FRACTION_WORDS[self.word(f)], f + 1
        elif w == "half" and self.word(j + 1) in ("of", "the", "its", "their", "his", "her", "our", "all"):
            value, k = 0.5, j + 1
        elif w in NUMBER_WORDS and self.word(j + 1) in ("in", "out"):
            # 'one in five', 'one out of three', 'eight out of 10'
            k = j + 2 if self.word(j + 1) == "in" else (j + 3 if self.word(j + 2) == "of" else None)
            if k is not None:
                den = self.read_denominator(k)
                if den is None or den[0] <= NUMBER_WORDS[w] or den[0] > 1000:
                    return None
                value, k = NUMBER_WORDS[w] / den[0], den[1]
        if value is None or k is None:
            return None
        # 'a quarter of a million', 'half of a billion': a number, not a share
        if self.word(k) == "of" and self.word(k + 1) in ("a", "an") and self.word(k + 2) in SCALE_WORDS:
            v = value * SCALE_WORDS[self.word(k + 2)]
            return Core(i, k + 3, v, v, v, words=True, num_end=k + 3)
        if self.word(k) not in ("of", "the", "its", "their", "his", "her", "our", "all") and not (
                w in NUMBER_WORDS and self.word(j + 1) in ("in", "out")):
            return None
        return Core(i, k, value, value, value, kind="other", unit="fraction", words=True, num_end=k)

    def read_denominator(self, k: int) -> tuple[float, int] | None:
        """The 'five' of 'one in five' or the '10' of 'nine out of 10': (value, index after)."""
        t = self.tok(k)
        if t is not None and t.kind == "num" and "," not in t.text and "." not in t.text \
                and not (self.glued(k + 1) and self.toks[k + 1].kind in ("word", "num")):
            return digits_value(t.text), k + 1
        wn = read_number_words(self.toks, k)
        return (wn.value, wn.end) if wn is not None else None

    # -- after the number -------------------------------------------------------------------------

    def read_after(self, core: Core) -> Core:
        """Percent, currency, unit, age and rate written after the number."""
        toks = self.toks
        k = core.j
        t = self.tok(k)
        if t is None or t.br or core.kind in ("ordinal", "year") or core.unit == "fraction":
            return core
        if core.kind == "count" and t.text == "-" and not t.gap and (
                self.tok(k + 1) is None or self.toks[k + 1].gap or self.toks[k + 1].text == ","):
            return self.read_suspended(core, k)
        hyph = self.hyphen(k)
        u = k + 1 if hyph else k
        if self.tok(u) is None or (not hyph and t.text not in "%€£¥₹″°℃℉" and not t.gap and t.kind != "sym"):
            return core
        if core.kind == "money" and core.unit == "USD" and "$" in (core.unit_text or "") and not hyph:
            # the currency restated after a $ amount: '$76 US a barrel', '$75 U.S. per barrel'
            m = fu.match_at(toks, u, "dollar_country")
            if m and not (self.glued(m[1]) and self.toks[m[1]].kind == "word"):
                core = replace(core, j=m[1], unit=fu.DOLLAR_COUNTRY_SUFFIXES[m[0]])
            return self.read_rate(core)
        if core.kind == "count" and not hyph:
            m = fu.match_at(toks, u, "percent")
            if m:
                return self.read_rate(replace(core, j=m[1], kind="percent", unit=fu.PERCENT_WORDS[m[0]],
                                              unit_text=written(toks, u, m[1])))
            m = fu.match_at(toks, u, "currency_suffix")
            if m and not (self.glued(m[1]) and self.tok(m[1]).kind in ("word", "num")):
                return self.read_rate(replace(core, j=m[1], kind="money", unit=fu.CURRENCY_SUFFIXES[m[0]],
                                              unit_text=m[0]))
            m = fu.match_at(toks, u, "currency_words")
            if m and not (m[0] in ("won", "dong", "rand", "real", "sen") and core.words):
                phrase = m[0]
                # a country adjective must be spelled out: 'Danish crowns' is matched whole
                if not (self.glued(m[1]) and self.tok(m[1]).kind == "word"):
                    return self.read_rate(replace(core, j=m[1], kind="money", unit=fu.CURRENCY_WORDS[phrase],
                                                  unit_text=written(toks, u, m[1])))
        if core.kind in ("count", "measure", "duration") or hyph:
            m = fu.match_at(toks, u, "age")
            if m and not (self.glued(m[1]) and self.tok(m[1]).kind == "word"):
                return replace(core, j=m[1], kind="duration", unit=fu.AGE_UNITS[m[0]],
                               unit_text=written(toks, u, m[1]), hyphen_noun="age")
        if core.kind == "count":
            for table, kind, mapping in (("time", "duration", fu.TIME_UNITS),
                                         ("measure", "measure", fu.MEASURE_UNITS),
                                         ("ratio", "other", fu.RATIO_UNITS)):
                m = fu.match_at(toks, u, table)
                if not m or (self.glued(m[1]) and self.tok(m[1]).kind in ("word", "num")):
                    continue
                # '-year-old' after a time unit: '50 year-old', '5-year-old'
                if self.hyphen(m[1]) and self.word(m[1] + 1) == "old":
                    return replace(core, j=m[1] + 2, kind="duration", unit=mapping[m[0]],
                                   unit_text=written(toks, u, m[1] + 2), hyphen_noun="age")
                unit = mapping[m[0]]
                if unit == "pound" and core.scaled and self.word(m[1]) != "of":
                    kind, unit = "money", "GBP"  # '20 million pounds' is money; '20 pounds' is weight
                if m[0] == "PS" and core.words:
                    continue
                return self.read_rate(replace(core, j=m[1], kind=kind, unit=unit, unit_text=written(toks, u, m[1])))
            if not hyph and t.gap and t.text in fu.SPACED_LETTER_UNITS and not (
                    self.glued(u + 1) and self.toks[u + 1].kind in ("word", "num")):
                return self.read_rate(replace(core, j=u + 1, kind="measure", unit=fu.SPACED_LETTER_UNITS[t.text],
                                              unit_text=t.text))
            if hyph and self.word(u) and self.word(u) not in HYPHEN_ADJECTIVE_TAILS:
                if core.value == 0:
                    return replace(core, skip=True, j=u + 1)  # 'zero-tolerance', 'zero-Covid': an adjective
                last = u
                while self.hyphen(last + 1) and self.word(last + 2):
                    last += 2  # 'one-Michelin-star' counts stars
                return replace(core, hyphen_noun=self.toks[last].text)
            if core.kind == "count" and (self.word(k) == "per" or self.word(k) in ("a", "an")):
                return self.read_rate(core)
        if core.kind in ("money", "percent", "measure"):
            return self.read_rate(core)
        return core

    def read_suspended(self, core: Core, k: int) -> Core:
        """'four-, five- and six-cylinder engines': the first numbers share the last one's tail."""
        for m in range(k + 1, min(k + 12, self.n - 1)):
            prev = self.toks[m - 1]
            if self.hyphen(m) and (prev.kind == "num" or prev.low in NUMBER_WORDS) and self.word(m + 1):
                tail = self.toks[m + 1]
                for table, kind, mapping in (("time", "duration", fu.TIME_UNITS),
                                             ("measure", "measure", fu.MEASURE_UNITS)):
                    hit = fu.match_at(self.toks, m + 1, table)
                    if hit and hit[1] == m + 2:
                        return replace(core, j=k + 1, kind=kind, unit=mapping[hit[0]], unit_text=tail.text)
                if tail.low in HYPHEN_ADJECTIVE_TAILS:
                    break
                return replace(core, j=k + 1, hyphen_noun=tail.text)
            if self.toks[m].kind == "word" and self.toks[m].low not in ("and", "or", "to") \
                    and self.toks[m].low not in NUMBER_WORDS:
                break
        return core

    def read_rate(self, core: Core) -> Core:
        """'per barrel', 'a month', '/gram', '-a-day' after a figure: the unit becomes 'X per Y'."""
        toks = self.toks
        k = core.j
        w = self.word(k)
        den = None
        end = k
        if w == "per" and self.tok(k + 1) is not None and self.toks[k + 1].kind == "word":
            m = fu.match_at(toks, k + 1, "rate") or fu.match_at(toks, k + 1, "measure")
            if m:
                table = fu.RATE_DENOMINATORS if m[0] in fu.RATE_DENOMINATORS else fu.MEASURE_UNITS
                den, end = table[m[0]], m[1]
            elif self.word(k + 1) not in ("cent", "centum", "capita") and self.toks[k + 1].text.islower():
                den, end = self.toks[k + 1].text, k + 2
        elif w in ("a", "an") and self.word(k + 1) in fu.ARTICLE_RATE_DENOMINATORS and not self.glued(k + 2) \
                and self.word(k + 2) not in ("of",):
            den, end = fu.RATE_DENOMINATORS.get(self.word(k + 1), self.word(k + 1)), k + 2
        elif self.tok(k) is not None and toks[k].text == "/" and self.glued(k) and self.glued(k + 1) \
                and self.word(k + 1) is not None:
            m = fu.match_at(toks, k + 1, "rate") or fu.match_at(toks, k + 1, "measure")
            if m and not (self.glued(m[1]) and self.tok(m[1]).kind in ("word", "num")):
                table = fu.RATE_DENOMINATORS if m[0] in fu.RATE_DENOMINATORS else fu.MEASURE_UNITS
                den, end = table[m[0]], m[1]
        elif self.hyphen(k) and self.word(k + 1) in ("a", "an") and self.hyphen(k + 2) \
                and self.word(k + 3) in fu.ARTICLE_RATE_DENOMINATORS:
            den, end = self.word(k + 3), k + 4  # 'barrel-a-day'
        if den is None:
            return core
        if den and den.endswith("s") and den[:-1] in fu.RATE_DENOMINATORS:
            den = den[:-1]
        unit = f"{core.unit} per {den}" if core.unit else f"per {den}"
        return replace(core, j=end, unit=unit)


# --- pass 2b: hedges and ranges around a core ------------------------------------------------------


def _hedge_before(reader: Reader, i: int) -> tuple[str, int] | None:
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


def _hedge_after(reader: Reader, j: int) -> tuple[str, int] | None:
    toks = reader.toks
    if j < len(toks) and toks[j].text == "+" and not toks[j].gap and not (
            reader.tok(j + 1) is not None and reader.toks[j + 1].kind == "num" and not reader.toks[j + 1].gap):
        return "lower_bound", j + 1
    if reader.hyphen(j) and reader.word(j + 1) == "plus":
        return "lower_bound", j + 2
    m = fu.match_at(toks, j, "hedges_after")
    if m and toks[j].gap and m[0] not in ("+",):
        if m[0] == "plus" and reader.tok(m[1]) is not None and reader.toks[m[1]].kind == "num":
            return None
        if m[0] in ("at most", "at least") and reader.tok(m[1]) is not None and reader.toks[m[1]].kind != "sym":
            return None
        return fu.HEDGES_AFTER[m[0]], m[1]
    return None


TIME_PHRASE_WORDS = MONTH_WORDS | {
    "in", "at", "on", "during", "last", "this", "next", "a", "an", "the", "year", "years", "month", "months",
    "week", "weeks", "day", "days", "night", "morning", "afternoon", "evening", "ago", "earlier", "before",
    "previously", "am", "pm", "a.m.", "p.m.", "quarter", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"}


def _time_phrase_token(t: Lex) -> bool:
    """A token of a time phrase between the ends of a 'from ... to ...' ('in 2008', 'at 10.45pm last night')."""
    return (t.low in TIME_PHRASE_WORDS or t.kind == "num" and len(t.text) <= 5 or t.text in ".:"
            ) and not t.br


def _compatible(a: Core, b: Core) -> bool:
    """Two ends of a range measure the same thing (a unit written on one end only is shared)."""
    if a.kind != b.kind and a.kind != "count" and b.kind != "count":
        return False
    if a.unit and b.unit:
        return a.unit == b.unit or b.unit.startswith(a.unit + " per") or a.unit.startswith(b.unit + " per")
    return True


def _read_range(reader: Reader, a: Core, hedge_start: int) -> tuple[Core, int, int] | None:
    """A range starting with core `a` ('20-30', 'between 20 and 30', 'from 252 to 287 miles', 'three or
    four'): (merged core, first token, token after). A merged core with skip=True is a score or a
    ratio ('2-0', '4 to 1'): no row."""
    toks = reader.toks
    k = a.j
    t = reader.tok(k)
    if t is None or t.br or a.qualifier == "vague" or a.kind in ("ordinal", "year", "other") and a.unit != "times":
        return None
    intro = reader.word(hedge_start - 1)
    if intro == "from" and t.low != "to" and t.text not in "-–—":
        # 'from 20 mpg in 2008 to 29 mpg', 'from $36,040 at 10.45pm last night to $34,935'
        m = k
        while m < k + 8 and reader.tok(m) is not None and _time_phrase_token(reader.toks[m]):
            m += 1
        if m > k and reader.word(m) == "to":
            k, t = m, reader.toks[m]
    connector = t.low
    if t.text in "-–—":
        b_start = k + 1
    elif connector == "to":
        b_start = k + 1
        if reader.tok(b_start) is not None and toks[b_start].text == "-" and reader.glued(b_start):
            b_start += 1  # '200,000 to-260,000'
    elif connector == "and" and intro == "between":
        b_start = k + 1
    elif connector == "or" and a.words:
        b_start = k + 1
    else:
        return None
    b = reader.read_core(b_start)
    if b is None or b.skip or b.qualifier == "vague" or b.kind in ("ordinal", "year"):
        return None
    if _is_year_literal(a) and not _is_year_literal(b):
        return None  # a year, then a level: 'from 20 mpg in 2008 to 29 mpg in 2020'
    if not _compatible(a, b):
        return None
    if connector == "or":
        if not (b.words and a.kind == "count" and b.kind in ("count", "duration", "measure")
                and b.value > a.value and b.value <= 2 * a.value + 1 and a.value == int(a.value)):
            return None
    if t.text in "-–—" and a.kind == "count" and b.kind == "count" and a.literal and b.literal \
            and "." not in a.literal + b.literal and b.value <= a.value and b.value < 1000:
        return (replace(a, j=b.j, skip=True), hedge_start, b.j)  # a score: '2-0', '89-89'
    if connector == "to" and intro not in ("from", "between") and b.value < a.value:
        # 'leads 46% to 42%', 'split 4 to 1': a comparison or a ratio, not a range
        if a.kind == "count" and b.kind == "count" and not a.unit and not b.unit and a.literal and b.literal:
            return (replace(a, j=b.j, skip=True), hedge_start, b.j)
        return None
    # 'rose 5% to 10%', 'increased by $43.6 billion to $419.2 billion': a change, then the level reached
    if connector == "to" and intro not in ("from", "between") and a.unit and (
            intro in ("by", "up", "down") or _change_word(intro)):
        return None
    # the unit and scale written on one end belong to both: '$89 to $93 billion', '1 to 2 thousand'
    av, bv = a.value, b.value
    if b.scaled and not a.scaled and a.literal and "," not in a.literal and abs(av) < 1000:
        scale = _scale_of(b)
        if scale and av * scale <= bv * 1.0001:
            av = av * scale
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


_IRREGULAR_CHANGE_FORMS = {"rose", "risen", "fell", "fallen", "grew", "grown", "lost", "sank", "sunk", "slid",
                           "shrank", "dove", "leapt"}


def _change_word(w: str | None) -> bool:
    """A form of a verb of change, read without the parse ('rose', 'gained', 'slipping')."""
    if not w:
        return False
    if w in _IRREGULAR_CHANGE_FORMS:
        return True
    return any(w == stem or w.startswith(stem) and len(w) - len(stem) <= 3
               for stem in fu.INCREASE_WORDS | fu.DECREASE_WORDS)


def _scale_of(core: Core) -> float | None:
    for s in (1e12, 1e9, 1e6, 1e3, 100):
        if core.value and abs(core.value) >= s and (abs(core.value) / s) < 1000:
            return s
    return None


def _is_year_literal(core: Core) -> bool:
    """Four plain digits that can be a year (1000-2199); _decide settles it with the context."""
    return (core.literal is not None and re.fullmatch(r"\d{4}", core.literal) is not None
            and 1000 <= core.value < 2200 and core.kind == "count" and core.sign is None)


# Before a year-like number these make it a year even when a plural noun follows ("Trump's 1995 tax filings").
YEAR_DETERMINERS = {"the", "in", "of", "since", "from", "by", "until", "'s", "’s", "his", "her", "their", "its",
                    "our", "my", "your", "this", "that", "a", "an", "for"}
YEAR_PREPOSITIONS = {"in", "since", "from", "by", "until", "till", "of", "before", "after", "during", "between",
                     "circa", "c.", "the", "and", "to", "early", "late", "mid", "through", "'s", "’s"}


def read_figures(text: str) -> tuple[list[Figure], list[tuple[int, int]]]:
    """Pass 1 and 2: figures found by the lexer, and date spans. Pure over the text."""
    toks = lex(text)
    reader = Reader(toks)
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
        hedge = _hedge_before(reader, core.i)
        qualifier = core.qualifier
        first = core.i
        if hedge:
            first = hedge[1]
        # year ranges: '2018-19', '1995-2000', 'between 1600 and 1900'
        if _is_year_literal(core):
            yr = _year_range(reader, core)
            if yr is not None:
                core = yr
        rng = _read_range(reader, core, first)
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
                qualifier = hedge[0]  # 'about 14-18 mpg'
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
        after = _hedge_after(reader, end_tok)
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


def _year_range(reader: Reader, core: Core) -> Core | None:
    k = core.j
    t = reader.tok(k)
    if t is None:
        return None
    if t.text in "-–/" and reader.glued(k) and reader.glued(k + 1) or t.low in ("to", "and"):
        b = reader.tok(k + 1)
        if b is not None and b.kind == "num" and re.fullmatch(r"\d{2}|\d{4}", b.text) and not (
                reader.glued(k + 2) and reader.tok(k + 2).kind == "word" and t.low not in ("to", "and")):
            end_year = int(b.text) if len(b.text) == 4 else int(core.value) // 100 * 100 + int(b.text)
            if core.value < end_year <= 2100 and (len(b.text) == 2 or _is_year_literal(
                    Core(0, 0, float(b.text), None, None, literal=b.text))):
                if t.low == "and" and reader.word(core.i - 1) != "between":
                    return None
                if t.low == "to" and reader.word(core.i - 1) not in ("from", "between") and len(b.text) == 2:
                    return None
                if reader.glued(k + 2) and reader.tok(k + 2).kind == "word":
                    return None
                return replace(core, j=k + 2, low=core.value, high=float(end_year), kind="year", year_range=True)
    return None


# --- pass 3: what the parse decides ----------------------------------------------------------------


class Parse:
    """Character -> token look-ups on the shared spaCy doc."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int):
        k = bisect_right(self.starts, char) - 1
        return self.doc[max(k, 0)] if len(self.doc) else None

    def tokens(self, start: int, end: int):
        if not len(self.doc):
            return []
        a = max(bisect_right(self.starts, start) - 1, 0)
        b = bisect_right(self.starts, end - 1)
        return [t for t in self.doc[a:b] if t.idx < end and t.idx + len(t) > start]

    def anchor(self, start: int, end: int):
        """The token of [start, end) whose head lies outside it: the figure's place in the sentence."""
        toks = self.tokens(start, end)
        if not toks:
            return None
        ids = {t.i for t in toks}
        for t in reversed(toks):
            if t.head.i not in ids or t.head.i == t.i:
                return t
        return toks[-1]


def _title_case(sent) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    if len(words) < 4:
        return False
    return sum(t.text[0].isupper() for t in words) / len(words) >= 0.85


def _name_like(tok) -> bool:
    """A capitalised name or label ('Windows', 'Big', 'iPhone', 'S&P'), not a month or a sentence opener."""
    if tok is None or not any(c.isalpha() for c in tok.text):
        return False
    if tok.lower_ in MONTH_WORDS or tok.lower_ in fu.HEDGES_BEFORE or tok.lower_ in NUMBER_PREFIX_WORDS:
        return False
    upper_inside = any(c.isupper() for c in tok.text[1:]) and any(c.islower() for c in tok.text)
    if tok.is_sent_start and not upper_inside and not (tok.tag_ == "NNP" and tok.ent_type_):
        return False  # any word is capitalised here; only a tagged name counts
    return tok.tag_ in ("NNP", "NNPS") and (tok.text[0].isupper() or upper_inside) or upper_inside


def _demonym(tok) -> bool:
    """'Russian', 'Chinese', 'British', 'Israeli': a nationality adjective, not a name after a number."""
    return tok.ent_type_ == "NORP" or (re.search(r"(?:an|ese|ish|ch|i)$", tok.text) is not None
                                       and tok.tag_ in ("JJ", "NNP", "NNPS"))


def _np(doc, head, after: int | None = None) -> str:
    """A short noun phrase ending at `head`: its adjacent adjectives and compounds, no determiners."""
    first = head.i
    for child in sorted(head.lefts, key=lambda c: -c.i):
        if child.i == first - 1 and child.dep_ in ("amod", "compound", "nmod", "npadvmod") and \
                (after is None or child.i > after) and child.lower_ not in _DETERMINERS and child.pos_ != "NUM":
            first = child.i
            # the modifier's own left compounds ('corporate security company officers')
            for gc in sorted(child.lefts, key=lambda c: -c.i):
                if gc.i == first - 1 and gc.dep_ in ("amod", "compound") and (after is None or gc.i > after):
                    first = gc.i
        elif child.i == first - 1 and child.text in ("-", "‐"):
            continue
    words = doc[first:head.i + 1]
    if len(words) > 4:
        words = doc[head.i - 3:head.i + 1]
    text = words.text.rstrip(".,;:")
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip() or head.text


def _counted_of(doc, tok) -> str | None:
    """The noun after 'of' following tok ('dozens of soldiers', '5% of its workforce')."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "of":
        return None
    for c in nxt.children:
        if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN") and c.lower_ not in COUNTED_STOPWORDS:
            return _np(doc, c)
    # the parser sometimes hangs the noun elsewhere: take the first noun after 'of' in the phrase
    for k in range(nxt.i + 1, min(nxt.i + 6, len(doc))):
        t = doc[k]
        if t.pos_ in ("NOUN", "PROPN"):
            if k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN",) and doc[k + 1].dep_ != "conj":
                continue
            return None if t.lower_ in COUNTED_STOPWORDS else _np(doc, t, nxt.i)
        if t.pos_ not in ("DET", "ADJ", "PRON", "NUM", "PART", "ADV", "PUNCT") \
                or t.pos_ == "PRON" and t.dep_ != "poss":
            return None
    return None


def _head_noun(doc, fig: Figure, anchor):
    """The noun a number counts, after it: '300 Russian officers' -> officers, '4.3M digital and
    physical sales' -> sales; None when the number stands alone."""
    num_last = doc[anchor.i]
    h = anchor.head
    if h.pos_ == "ADJ" and h.i > num_last.i and h.head.pos_ in ("NOUN", "PROPN") and h.head.i > h.i:
        h = h.head  # the parser hung the number on an adjective of the noun
    if h.i > num_last.i and h.pos_ in ("NOUN", "PROPN") and anchor.dep_ in (
            "nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos", "det") and h.i - num_last.i <= 6:
        between = doc[num_last.i + 1:h.i]
        if any(t.pos_ in ("AUX", "ADP", "SCONJ", "PUNCT") and not _compound_hyphen(t)
               or t.pos_ == "VERB" and t.dep_ not in ("amod", "compound")
               or t.lower_ in NOT_COUNT_MODIFIERS for t in between):
            return None
        if fig.value != 1 and h.tag_ in ("NNP", "NN"):
            for c in h.children:
                if c.dep_ == "conj" and c.tag_ in ("NNS", "NNPS"):
                    return c
        return h
    # fallback when the parser hangs the number elsewhere: the first run of nouns right after it,
    # unless the number is a noun phrase of its own ('from 1,000 several years ago')
    if anchor.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass", "attr", "conj", "appos"):
        return None
    k = num_last.i + 1
    last_noun = None
    while k < len(doc) and k <= num_last.i + 5:
        t = doc[k]
        if t.lower_ in NOT_COUNT_MODIFIERS:
            return None
        if t.pos_ in ("NOUN", "PROPN") and t.tag_ != "NNP":
            last_noun = t
        elif t.pos_ == "ADJ" and last_noun is None:
            pass
        elif t.pos_ == "CCONJ" and last_noun is None and k + 1 < len(doc) and doc[k + 1].pos_ in ("ADJ", "NOUN"):
            pass  # 'digital and physical sales'
        else:
            break
        k += 1
    return last_noun


def _compound_hyphen(tok) -> bool:
    """A hyphen inside a compound ('rushing-yard'), not a dash between phrases ('review - pictures')."""
    return tok.text in ("-", "‐") and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _verb_of(tok):
    """Climb from a figure to the verb it hangs from, through prepositions."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return t if t.pos_ in ("VERB", "AUX") else None
        t = t.head
        if t.pos_ in ("VERB",):
            return t
        if t.pos_ not in ("ADP", "PART", "NUM", "NOUN", "ADV", "ADJ"):
            return None
    return None


def _elided_noun(doc, prep) -> str | None:
    """'cut its staff to just a few dozen, from about 1,000': a figure after 'to'/'from' with no noun
    of its own stands for the object of the verb (or the plural subject of 'fell from ... to ...')."""
    if prep is None or prep.lower_ not in ("to", "from"):
        return None
    verb = _verb_of(prep)
    if verb is None:
        return None
    for dep in ("dobj", "nsubjpass", "nsubj"):
        for c in verb.children:
            if c.dep_ == dep and c.pos_ == "NOUN" and not (prep.i < c.i):
                if c.lower_ in ("number", "total", "count", "amount", "level", "figure", "headcount"):
                    of = _counted_of(doc, c)
                    if of:
                        return of
                    continue
                if dep == "nsubj" and c.tag_ != "NNS" and c.lower_ not in ("staff", "workforce", "personnel"):
                    continue
                return _np(doc, c)
    return None


def _token_before(doc, char: int):
    """The last token that ends at or before `char`."""
    for t in reversed(doc[:max(0, min(len(doc), _first_token_at(doc, char) + 1))]):
        if t.idx + len(t) <= char:
            return t
    return None


def _first_token_at(doc, char: int) -> int:
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx < char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _polarity(tok) -> str | None:
    lemma, word = tok.lemma_.lower(), tok.lower_
    if lemma in fu.NEUTRAL_DIRECTION_VERBS:
        return None
    if lemma in fu.INCREASE_WORDS or word in fu.INCREASE_WORDS:
        return "increase"
    if lemma in fu.DECREASE_WORDS or word in fu.DECREASE_WORDS:
        return "decrease"
    return None


def _direction(doc, fig: Figure, anchor) -> str | None:
    """increase / decrease when the figure is an amount of change, as written around it:
    a sign ('+0.2%'), 'up'/'down' before it ('up 19 cents'), 'higher'/'lower' after it ('closed 2%
    higher'), or the amount of a verb of change ('rose 8%', 'fell 0.94%', 'increased by $43.6
    billion'). A level reached or started from ('to $84', 'at 1,478 points', 'from $6.78 billion')
    has none; nor has a figure modifying a noun of change ('a 3% drop', 'a 5% pay rise'): it sizes the
    change without saying which way the measured thing moved."""
    if fig.core.sign == "+":
        return "increase"
    prev = _token_before(doc, fig.start)
    if prev is not None and prev.lower_ in ("to", "at", "from", "toward", "towards", "of", "than"):
        return None
    # 'up 19 cents', 'down 1%', 'trending up 0.2%', but not 'put up $5 million'
    if prev is not None and prev.lower_ in ("up", "down") and prev.head.lemma_.lower() not in PHRASAL_NOT_CHANGE:
        return "increase" if prev.lower_ == "up" else "decrease"
    # '34.4% higher', '0.68 percent lower'
    after = doc[_first_token_at(doc, fig.end)] if _first_token_at(doc, fig.end) < len(doc) else None
    if after is not None and after.lower_ in ("higher", "lower") and not (
            after.i + 1 < len(doc) and doc[after.i + 1].lower_ == "than"):
        return "increase" if after.lower_ == "higher" else "decrease"
    # 'dropped by 1 to 1.5 degrees', 'revised upward by Y=40 billion'
    if prev is not None and prev.lower_ == "by" and prev.i > 0:
        for t in (prev.head, doc[prev.i - 1]):
            if t.pos_ in ("VERB", "ADV", "ADJ", "NOUN"):  # 'rose by 5%', 'an increase by 5%'
                way = _polarity(t)
                if way:
                    return way
        return None
    # the amount of a verb of change: 'rose 19 cents', 'fell 0.94%', 'Nvidia advanced 8%'
    if anchor.dep_ in ("dobj", "npadvmod", "advmod", "attr", "oprd", "nmod") and anchor.head.pos_ == "VERB" \
            and anchor.head.i < anchor.i:
        return _polarity(anchor.head)
    return None


def _is_age_apposition(text: str, fig: Figure, parse: Parse) -> bool:
    """'Senard, 65, now faces', 'Jamie Armstrong, 25, said', 'Maddon (66)'."""
    core = fig.core
    if core.kind != "count" or core.literal is None or "." in core.literal or "," in core.literal \
            or not 1 <= core.value <= 120 or fig.hedge or fig.is_range:
        return False
    before = text[max(0, fig.start - 3):fig.start]
    after = text[fig.end:fig.end + 2]
    if not (re.search(r"[,(]\s?$", before) and re.match(r"\s?[,)—―–]|\s?$|\.\s", after)):
        return False
    name = parse.token_at(fig.start - 1 - (1 if before.endswith(" ") else 0) - 1)
    return name is not None and (name.ent_type_ == "PERSON" or name.tag_ == "NNP" and name.text[0].isupper()) \
        and name.lower_ not in MONTH_WORDS


def extract_figures(doc, layout) -> list[dict]:
    """One row per figure in the article, columns of pipeline.schemas.FIGURES (ids added by the driver)."""
    text = doc.text
    found, dates = read_figures(text)
    parse = Parse(doc)
    rows: list[dict] = []
    by_anchor: dict[tuple[int, int], Figure] = {}
    for fig in found:
        kept = _decide(text, fig, parse, by_anchor)
        if kept is None:
            continue
        rows.append(_row(text, kept, doc, layout))
    for s, e in dates:
        rows.append(_row(text, Figure(start=s, end=e, core=Core(0, 0, 0, None, None), value=None, low=None,
                                      high=None, qualifier="exact", kind="date", unit=None,
                                      core_start=s, core_end=e), doc, layout))
    _inherit_in_conversions(text, rows)
    rows.sort(key=lambda r: (r["start"], r["end"]))
    log.debug("figures: %d read by the lexer, %d kept, %d dates", len(found), len(rows) - len(dates), len(dates))
    return rows


def _decide(text: str, fig: Figure, parse: Parse, by_anchor: dict) -> Figure | None:
    """Apply the parse: drop identifiers and non-counts, settle kind, counted and direction."""
    doc = parse.doc
    core = fig.core
    anchor = parse.anchor(fig.num_start, fig.num_end) or parse.anchor(fig.core_start, fig.core_end)
    if anchor is None:
        return fig
    sent = anchor.sent
    titled = _title_case(sent)
    plain = (core.kind == "count" and not core.words and not core.scaled and core.literal is not None
             and not fig.is_range and core.qualifier == "exact")
    first_tok = parse.token_at(fig.core_start)
    prev_tok = doc[first_tok.i - 1] if first_tok.i > 0 else None
    last_tok = parse.token_at(fig.core_end - 1)
    next_tok = doc[last_tok.i + 1] if last_tok.i + 1 < len(doc) else None
    # years: a bare four-digit number, unless it counts something ('2000 workers')
    if core.kind == "count" and _is_year_literal(core) and not fig.is_range and (
            not fig.hedge or next_tok is not None and next_tok.lemma_.lower() == "level"):
        head = _head_noun(doc, fig, anchor)
        counts_noun = (head is not None and head.tag_ in ("NNS",) and head.lower_ not in fu.TIME_UNITS
                       and (prev_tok is None or prev_tok.lower_ not in YEAR_DETERMINERS))
        # outside 1800-2100 only a preposition of time makes it a year ('in 1066'; 'at 1112 p' is a price)
        plausible = 1800 <= core.value <= 2100 or (prev_tok is not None and prev_tok.lower_ in YEAR_PREPOSITIONS)
        if next_tok is not None and next_tok.lemma_.lower() == "level":
            counts_noun = False  # '32 percent below 2005 levels'
        if not counts_noun and plausible:
            return replace(fig, kind="year", counted=None)
    if core.kind in ("year", "date", "ordinal"):
        return replace(fig, counted=None, direction=None)
    # '(Rank) No. 1', 'top 10' with nothing counted: a rank
    if plain and re.search(r"(?:\b(?:No|Nos|Number)\.?|#)\s?$", text[max(0, fig.core_start - 8):fig.core_start]):
        return replace(fig, kind="ordinal")
    # a number word inside a name: 'Ground Zero', 'Air Force One', 'Formula One'
    if core.words and not titled and text[fig.core_start].isupper() and not first_tok.is_sent_start \
            and (prev_tok is not None and prev_tok.text[:1].isupper() and prev_tok.pos_ == "PROPN"
                 or next_tok is not None and next_tok.text[:1].isupper() and next_tok.pos_ == "PROPN"
                 and next_tok.tag_ == "NNP"):
        return None
    # 'shot at 41 times' counts occasions; '6.5 times earnings', 'three times as many' is a multiple
    if fig.unit == "times" and text[fig.core_end - 1:fig.core_end].isalpha():
        after = doc[_first_token_at(doc, fig.end)] if _first_token_at(doc, fig.end) < len(doc) else None
        if after is None or not (after.pos_ in ("NOUN", "DET", "PRON") or after.tag_ in ("JJR", "RBR")
                                 or after.lower_ in ("as", "more", "less", "the", "over", "that")):
            return replace(fig, kind="count", unit=None, counted="times")
    # 'one' is a count only when it modifies a noun ('one solution'), never in 'one of the ...'
    if core.words and core.value == 1 and core.kind == "count" and not fig.is_range and core.qualifier == "exact":
        if next_tok is not None and next_tok.lower_ == "of":
            return None
        if not (anchor.dep_ in ("nummod",) and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.i > anchor.i):
            return None
    adjacent_before = prev_tok is not None and text[prev_tok.idx + len(prev_tok):fig.core_start] in (" ", "")
    # a label after a name or a label noun: 'Windows 10', 'Big 12', 'S&P 500', 'category 4', 'Chapter 11'
    label_noun = prev_tok is not None and prev_tok.lower_.rstrip(".") in LABEL_WORDS and prev_tok.tag_ in ("NN", "NNP")
    if plain and not fig.hedge and adjacent_before and (
            not titled and _name_like(prev_tok) or label_noun and "," not in core.literal) or (
            core.words and core.kind == "count" and not fig.hedge and not core.scaled and adjacent_before
            and label_noun
            and (next_tok is None or next_tok.pos_ not in ("NOUN",) or next_tok.tag_ == "NN")):
        if not _is_age_apposition(text, fig, parse):
            return None
    # a model or an address: '787 Dreamliner', '737 Max jets', '575 Wilbraham Road', '90049 ZIP Code', '9 E 71st St'
    integer_label = (core.kind == "count" and not core.words and not core.scaled and not fig.hedge
                     and core.qualifier in ("exact", "range")
                     and re.fullmatch(r"[\d\-–]+", text[fig.core_start:fig.core_end]) is not None)
    if integer_label and next_tok is not None and text[fig.end:next_tok.idx] == " " and (
            next_tok.tag_ == "NNP" or len(next_tok) == 1 and next_tok.is_upper) \
            and next_tok.lower_ not in MONTH_WORDS and not _demonym(next_tok) and (
                next_tok.text[:1].isupper() and not next_tok.is_upper or len(next_tok) == 1 and next_tok.is_upper
                or next_tok.is_upper and next_tok.i + 1 < len(doc) and doc[next_tok.i + 1].tag_ == "NNP"
                and doc[next_tok.i + 1].text[:1].isupper()):
        head = _head_noun(doc, fig, anchor)
        if head is None or head.tag_ not in ("NNS", "NNPS") or head.i == next_tok.i:
            return None
    # a second number on the noun another number counts: 'two new 737 Max jets'
    key = (anchor.head.i, anchor.sent.start)
    if anchor.dep_ == "nummod" and core.kind == "count" and anchor.head.i > anchor.i:
        other = by_anchor.get(key)
        if other is not None and not core.words and other.core.kind == "count":
            return None
        by_anchor[key] = fig
    # ages: 'Senard, 65,' 'aged 65', 'ages 55 to 65'
    if _is_age_apposition(text, fig, parse) or (
            core.kind == "count" and not core.scaled and _token_before(doc, fig.start) is not None
            and _token_before(doc, fig.start).lower_ in ("aged", "age", "ages")):
        return replace(fig, kind="duration", unit="year", counted="age")
    # 'He will be 35', 'Trump, who is 70,', 'life expectancy is around 73': an age
    if core.kind == "count" and core.literal and "." not in core.literal and 1 <= core.value <= 120 \
            and not fig.is_range and anchor.dep_ in ("attr", "acomp") and anchor.head.lemma_ == "be" \
            and _head_noun(doc, fig, anchor) is None and _counted_of(doc, last_tok) is None:
        subject = next((c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (subject.lower_ in PERSON_PRONOUNS or subject.ent_type_ == "PERSON"
                                    or subject.lemma_.lower() in ("age", "expectancy")):
            return replace(fig, kind="duration", unit="year", counted="age")
    # rank with nothing counted: 'the top 10', 'the bottom three', 'a last-32 appearance'
    rank_prefix = re.search(r"\b(\w+)-$", text[max(0, fig.core_start - 8):fig.core_start])
    if rank_prefix and rank_prefix.group(1).lower() in RANK_WORDS:
        return replace(fig, kind="ordinal")
    if core.kind == "count" and not fig.is_range and not fig.hedge and core.qualifier == "exact" \
            and prev_tok is not None and prev_tok.lower_ in RANK_WORDS \
            and _head_noun(doc, fig, anchor) is None and _counted_of(doc, last_tok) is None:
        return replace(fig, kind="ordinal")
    counted = _counted(text, fig, parse, anchor, last_tok)
    kind = fig.kind
    counted = counted.strip() if counted else None
    if kind == "count" and counted and counted.split()[-1].lower() in fu.TIME_UNITS:
        kind, fig = "duration", replace(fig, unit=fu.TIME_UNITS[counted.split()[-1].lower()])
    fig = replace(fig, kind=kind, counted=counted)
    if kind in ("money", "percent", "measure", "count", "other"):
        if kind != "count" or counted is None or counted.split()[-1].lower() in MARKET_COUNT_NOUNS:
            whole = parse.anchor(fig.core_start, fig.core_end) or anchor
            fig.direction = _direction(doc, fig, whole)
        elif core.sign == "+":
            fig.direction = "increase"
    return fig


def _counted(text: str, fig: Figure, parse: Parse, anchor, last_tok) -> str | None:
    doc = parse.doc
    core = fig.core
    kind = fig.kind
    if core.hyphen_noun == "age":
        return "age"
    if kind == "duration":
        return core.unit_text
    num_anchor = parse.anchor(fig.num_start, fig.num_end) or anchor
    num_last = parse.token_at(fig.num_end - 1)
    if kind == "count":
        if core.hyphen_noun:
            return core.hyphen_noun
        of = _counted_of(doc, num_last)
        if of:
            return of
        head = _head_noun(doc, fig, num_anchor)
        if head is not None and head.lower_ not in COUNTED_STOPWORDS and head.i > num_last.i:
            noun = _np(doc, head, num_last.i)
            return noun + (" " + fig.unit if fig.unit and fig.unit.startswith("per ") else "")
        # 'a pick or two', 'a day or two': the noun before 'or'
        first = parse.token_at(fig.start)
        if first.i >= 2 and doc[first.i - 1].lower_ == "or" and doc[first.i - 2].pos_ == "NOUN" \
                and (num_last.i + 1 >= len(doc) or doc[num_last.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ")):
            return doc[first.i - 2].text
        prep = doc[first.i - 1] if first.i > 0 else None
        while prep is not None and (prep.is_punct or prep.pos_ == "ADV") and prep.i > 0:
            prep = doc[prep.i - 1]  # 'to "just a few dozen"
        return _elided_noun(doc, prep)
    if kind == "percent":
        last = parse.token_at(fig.core_end - 1)
        of = _counted_of(doc, last)
        if of:
            return of
        if fig.unit == "percent" or fig.unit is None:
            h = anchor.head
            if h.i > last.i and h.pos_ == "NOUN" and anchor.dep_ in CHANGE_NOUN_DEPS and h.i - last.i <= 3 \
                    and h.lemma_.lower() not in fu.CHANGE_NOUNS and h.lower_ not in fu.PERCENT_WORDS:
                return _np(doc, h, last.i)
        return None
    if kind in ("money", "measure"):
        last = parse.token_at(fig.core_end - 1)
        if kind == "measure":
            of = _counted_of(doc, last)
            if of:  # 'gigawatts of PV', 'barrels of oil'
                return f"{core.unit_text} of {of}" if core.unit_text else of
        h = anchor.head
        if h.i > last.i and h.pos_ == "NOUN" and anchor.dep_ in CHANGE_NOUN_DEPS and h.i - last.i <= 3 \
                and h.lemma_.lower() not in fu.CHANGE_NOUNS \
                and h.lower_ not in fu.TIME_UNITS:
            between = doc[last.i + 1:h.i]
            if not any(t.pos_ in ("VERB", "ADP", "PUNCT", "CCONJ", "NUM") for t in between):
                return _np(doc, h, last.i)
        if kind == "money":
            if core.unit_text and core.unit_text[0].isalpha() and core.unit_text not in fu.CURRENCY_PREFIXES:
                return core.unit_text
            base = (fig.unit or "").split(" per ")[0]
            return fu.CURRENCY_NAMES.get(base, base or None)
        return core.unit_text
    if kind == "other" and fig.unit == "fraction":
        last = parse.token_at(fig.core_end - 1)
        of = _counted_of(doc, last) or (_counted_of(doc, doc[last.i - 1]) if last.lower_ == "of" else None)
        if of:
            return of
        head = _head_noun(doc, fig, last)  # 'one in five Americans'
        return _np(doc, head, last.i) if head is not None and head.i > last.i else None
    return None


def _inherit_in_conversions(text: str, rows: list[dict]) -> None:
    """A figure in brackets right after another restates it in other units ('87 mph (140 km/h)',
    'more than 7.5 million Danish crowns (US $1.1 million)'): it takes the same qualifier and direction."""
    by_end = {r["end"]: r for r in rows}
    for r in sorted(rows, key=lambda r: r["start"]):
        m = re.search(r"(\S)\s*[(/]\s*$", text[max(0, r["start"] - 4):r["start"]])
        if not m:
            continue
        gap = text[max(0, r["start"] - 4):r["start"]]
        prev_end = r["start"] - len(gap) + m.start() + 1
        prev = by_end.get(prev_end)
        if prev is None or prev["kind"] in ("date", "year") or r["kind"] in ("date", "year"):
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
