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


# Digits with thousands separators must group by three ("1,000", "1,307,000"); otherwise a comma
# separates two numbers ("7, 8"). A leading-dot decimal (".001") is a number too.
_LEX = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]*\d)|\d+(?:\.\d+)?|(?<!\d)\.\d+)"
                  r"|(?P<word>[^\W\d_]+)|(?P<sym>\S)")


def lex(text: str) -> list[Lex]:
    out: list[Lex] = []
    prev_end = 0
    for m in _LEX.finditer(text):
        kind = m.lastgroup
        s = m.group()
        out.append(Lex(len(out), kind, s, s.casefold(), m.start(), m.end(), m.start() > prev_end))
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

ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
                 "hundredth": 100}
ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}

# --- vague amounts ---------------------------------------------------------------------------------

VAGUE_AMOUNTS: dict[str, tuple[float, float, float]] = {
    "a few": (2, 3, 5),
    "few": (2, 3, 5),
    "several": (3, 5, 9),
    "dozens": (24, 48, 144),
    "scores": (40, 60, 200),
    "tens": (20, 40, 100),
    "hundreds": (200, 400, 1_000),
    "thousands": (2_000, 4_000, 10_000),
    "lakhs": (200_000, 400_000, 1_000_000),
    "millions": (2e6, 4e6, 1e7),
    "crores": (2e7, 4e7, 1e8),
    "billions": (2e9, 4e9, 1e10),
    "trillions": (2e12, 4e12, 1e13),
}
"""The (low, value, high) that a vague amount stands for; value is the best single guess.

A plural scale means "at least two of them, fewer than the next order of magnitude":
"hundreds" is 200 to 1,000 (best guess 400), "thousands" 2,000 to 10,000, "dozens" two dozen to
a gross (24 to 144, best guess four dozen). "a few" is 2 to 5 (best guess 3) and "several" 3 to 9
(best guess 5); they multiply the scale that follows them, and plurals multiply each other:

    a few dozen            = (2, 3, 5) x 12            -> 24 to 60, value 36
    several hundred        = (3, 5, 9) x 100           -> 300 to 900, value 500
    a few hundred thousand = (2, 3, 5) x 100 x 1,000   -> 200,000 to 500,000, value 300,000
    tens of thousands      = (20, 40, 100) x 1,000     -> 20,000 to 100,000, value 40,000
    hundreds of millions   = (200, 400, 1,000) x 10^6  -> 2 x 10^8 to 10^9, value 4 x 10^8

"a few" and "several" on their own ("a few weeks", "several officials") are not figures: only
with a scale word do they give an amount. Figures read this way get qualifier "vague".
"""


def vague(*terms: str) -> tuple[float, float, float]:
    """Multiply out a vague amount: vague("a few", "dozen") -> (24, 36, 60)."""
    low = value = high = 1.0
    for t in terms:
        if t in VAGUE_AMOUNTS:
            lo, v, hi = VAGUE_AMOUNTS[t]
        else:
            lo = v = hi = SCALE_WORDS[t]
        low, value, high = low * lo, value * v, high * hi
    return low, value, high


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
            if _hyphen_joined(toks, j + 1) and _word(toks, j + 2) in UNITS_WORDS and 0 < UNITS_WORDS[_word(toks, j + 2)] < 10:
                current += UNITS_WORDS[_word(toks, j + 2)]  # twenty-five
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
