"""Numbers as news writes them: digits, number words, scales, fractions and vague amounts.

Everything here is data plus small pure functions over the figure lexer's tokens (see `lex`). The
figure extractor (pipeline/extract/figures.py) uses them to read the number at the core of a figure;
hedges, currencies and units live in pipeline/extract/figure_units.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

# --- the lexer -------------------------------------------------------------------------------------


class Lex(NamedTuple):
    """One token of the figure lexer: a run of digits, a run of letters, or one other character."""

    i: int
    kind: str  # "num", "word" or "sym"
    text: str
    low: str  # casefolded text
    start: int
    end: int
    gap: bool  # whitespace between this token and the previous one
    br: bool  # that whitespace holds a line break


# Digits with thousands separators must group by three ("1,000", "1,307,000"); otherwise a comma
# separates two numbers ("7, 8"). A leading-dot decimal (".001") is a number too.
_LEX = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]*\d)|\d+(?:\.\d+)?|(?<!\d)\.\d+)"
                  r"|(?P<word>[^\W\d_]+)|(?P<sym>\S)")


def lex(text: str) -> list[Lex]:
    out: list[Lex] = []
    prev_end = 0
    for m in _LEX.finditer(text):
        s = m.group()
        gap = m.start() > prev_end
        out.append(Lex(len(out), m.lastgroup, s, s.casefold(), m.start(), m.end(), gap,
                       gap and "\n" in text[prev_end:m.start()]))
        prev_end = m.end()
    return out


# --- number words ----------------------------------------------------------------------------------

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
NUMBER_WORDS = {**UNITS_WORDS, **TENS_WORDS}

# Multipliers written as words. "dozen" multiplies like a scale ("two dozen", "a few dozen");
# lakh and crore are the South Asian scales used by Indian and Pakistani outlets.
SCALE_WORDS = {"dozen": 12, "hundred": 100, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7,
               "billion": 1e9, "trillion": 1e12}

# Abbreviated scales after digits. Always a scale: bn, mn, mln, bln, tn, trn. The one-letter forms
# are ambiguous with units (37m = 37 metres) and are read as scales only after a currency
# ("$1.5m", "£2bn") or, for an upper-case M/B, when nothing suggests a unit ("4.3M sales").
SCALE_ABBREVIATIONS = {"bn": 1e9, "bln": 1e9, "mn": 1e6, "mln": 1e6, "tn": 1e12, "trn": 1e12, "k": 1e3}
SCALE_LETTERS = {"m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "K": 1e3, "T": 1e12}

# Fractions written as words: "half a million", "a third of voters", "two-thirds of the sales".
FRACTION_WORDS = {"half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
                  "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "tenth": 1 / 10, "tenths": 1 / 10}

ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}

# --- vague amounts ---------------------------------------------------------------------------------

class VagueAmount(NamedTuple):
    value: float  # the best single guess
    low: float
    high: float


VAGUE_AMOUNTS: dict[str, VagueAmount] = {
    "a few": VagueAmount(3, 2, 5),
    "few": VagueAmount(3, 2, 5),
    "several": VagueAmount(5, 3, 9),
    "dozens": VagueAmount(48, 24, 144),
    "scores": VagueAmount(80, 40, 200),
    "tens": VagueAmount(40, 20, 100),
    "hundreds": VagueAmount(400, 200, 1_000),
    "thousands": VagueAmount(4_000, 2_000, 10_000),
    "lakhs": VagueAmount(400_000, 200_000, 1_000_000),
    "millions": VagueAmount(4e6, 2e6, 1e7),
    "crores": VagueAmount(4e7, 2e7, 1e8),
    "billions": VagueAmount(4e9, 2e9, 1e10),
    "trillions": VagueAmount(4e12, 2e12, 1e13),
}
"""The value, low and high that a vague amount stands for (figures with qualifier 'vague').

A plural scale means "at least two of them, fewer than the next order of magnitude", best guess
four: "hundreds" is 200 to 1,000 (value 400), "thousands" 2,000 to 10,000 (value 4,000), "dozens"
two dozen to a gross (24 to 144, value 48). "a few" is 2 to 5 (value 3) and "several" 3 to 9
(value 5). They multiply the scale word that follows, and "X of Y" multiplies too:

    a few dozen            = a few x 12               -> 24 to 60, value 36
    several hundred        = several x 100            -> 300 to 900, value 500
    a few hundred thousand = a few x 100 x 1,000      -> 200,000 to 500,000, value 300,000
    tens of thousands      = tens x 1,000             -> 20,000 to 100,000, value 40,000
    hundreds of millions   = hundreds x 1,000,000     -> 200 million to 1 billion, value 400 million
    billions of dollars    = billions, in US dollars  -> 2 to 10 billion, value 4 billion

"a few" and "several" on their own ("a few weeks", "several officials") are not figures: only
with a scale word do they give an amount.
"""


def vague(*terms: str) -> VagueAmount:
    """Multiply out a vague amount: vague("a few", "dozen") -> VagueAmount(value=36, low=24, high=60)."""
    value = low = high = 1.0
    for t in terms:
        v, lo, hi = VAGUE_AMOUNTS[t] if t in VAGUE_AMOUNTS else (SCALE_WORDS[t],) * 3
        value, low, high = value * v, low * lo, high * hi
    return VagueAmount(value, low, high)


# --- reading digits --------------------------------------------------------------------------------

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def digits_value(s: str) -> float:
    """'1,307,000' -> 1307000.0; '.001' -> 0.001."""
    return float(s.replace(",", ""))


def exponent_value(s: str) -> int | None:
    """The exponent of a power of ten as written after '×10' ('−30', '⁻³⁰', '^-3', '6')."""
    s = s.translate(_SUPERSCRIPTS).replace("−", "-").replace("^", "").strip()
    return int(s) if re.fullmatch(r"-?\d{1,3}", s) else None


@dataclass
class WordNumber:
    value: float
    end: int  # index of the lex token after the number
    words: int  # number of number words read


def _word(toks: list[Lex], j: int) -> str | None:
    return toks[j].low if j < len(toks) and toks[j].kind == "word" else None


def _hyphen_joined(toks: list[Lex], j: int) -> bool:
    """toks[j] is a hyphen glued to the words on both sides ('twenty-five')."""
    return (j + 1 < len(toks) and toks[j].text in "-‐‑" and not toks[j].gap and not toks[j + 1].gap)


def read_number_words(toks: list[Lex], i: int) -> WordNumber | None:
    """Read a number written in words from toks[i]: 'three hundred and fifty thousand',
    'twenty-five', 'a dozen', 'two dozen', 'half a million', 'one and a half million', 'a million'.

    Returns None when toks[i] starts no such number. Plural scales ('hundreds') are vague
    amounts, read by the figure extractor, not here.
    """
    w = _word(toks, i)
    if w in ("a", "an") and _word(toks, i + 1) in SCALE_WORDS:
        start_value, j = 1.0, i + 1  # "a dozen", "a hundred", "a million"
    elif w == "half" and _word(toks, i + 1) in ("a", "an") and _word(toks, i + 2) in SCALE_WORDS:
        start_value, j = 0.5, i + 2  # "half a million", "half a dozen"
    elif w in NUMBER_WORDS:
        start_value, j = None, i
    else:
        return None
    total = 0.0  # finished groups: "three million" in "three million two hundred"
    current = start_value or 0.0  # the group under the next scale word
    last = "scale" if start_value is not None else None  # kind of the last word read
    read = 1 if start_value is not None else 0
    end = j
    while True:
        w = _word(toks, j)
        if w in UNITS_WORDS and last in (None, "tens", "hundred", "scale"):
            if last == "tens" and not (0 < UNITS_WORDS[w] < 10):
                break
            current += UNITS_WORDS[w]
            last = "teen" if UNITS_WORDS[w] >= 10 or UNITS_WORDS[w] == 0 else "unit"
        elif w in TENS_WORDS and last in (None, "hundred", "scale"):
            current += TENS_WORDS[w]
            last = "tens"
            ones = _word(toks, j + 2)
            if _hyphen_joined(toks, j + 1) and ones in UNITS_WORDS and 0 < UNITS_WORDS[ones] < 10:
                current += UNITS_WORDS[ones]  # twenty-five
                last = "unit"
                j += 2
        elif w == "hundred" and last in ("unit", "teen", "tens", "scale") and 0 < current < 100:
            current *= 100
            last = "hundred"
        elif w == "dozen" and last in ("unit", "teen", "tens", "scale"):
            total += (current or 1) * 12
            current = 0.0
            read += 1
            end = j + 1
            break
        elif w in SCALE_WORDS and w != "hundred" and last in ("unit", "teen", "tens", "hundred", "scale"):
            scale = SCALE_WORDS[w]
            if total and total < scale:  # "four hundred thousand million" is rare; multiply through
                total = (total + current) * scale
            else:
                total += (current or 1) * scale
            current = 0.0
            last = "scale"
        elif (w == "and" and last in ("hundred", "scale") and _word(toks, j + 1) in NUMBER_WORDS):
            j += 1  # "three hundred and fifty"
            continue
        elif (w == "and" and last in ("unit", "teen", "tens") and _word(toks, j + 1) in ("a", "an")
              and _word(toks, j + 2) == "half"):
            current += 0.5  # "one and a half", "two and a half million"
            j += 3
            read += 1
            end = j
            nxt = _word(toks, j)
            if nxt in SCALE_WORDS and SCALE_WORDS[nxt] >= 1000:
                total += current * SCALE_WORDS[nxt]
                current = 0.0
                end = j + 1
                read += 1
            break
        else:
            break
        read += 1
        j += 1
        end = j
    if read == 0 or (start_value is not None and read == 1):
        return None
    return WordNumber(total + current, end, read)
