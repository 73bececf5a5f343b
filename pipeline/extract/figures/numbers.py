"""Numbers as news writes them: digits, number words, scales, fractions and vague amounts.

Everything here is data plus small pure functions over the figure lexer's tokens (see `lex`). The
figure readers use them to read the number at the core of a figure; the word lists are lexicon
files (number_words.tsv, vague_amounts.tsv) and hedges, currencies and units are read by units.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.lexicons import rows

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


# --- number words, scales, fractions and vague amounts (pipeline/lexicons/number_words.tsv) --------


def _number_class(cls: str) -> dict[str, float]:
    return {r["word"]: float(r["value"]) for r in rows("number_words.tsv") if r["class"] == cls}


UNITS_WORDS = {w: int(v) for w, v in _number_class("unit").items()}
TENS_WORDS = {w: int(v) for w, v in _number_class("tens").items()}
NUMBER_WORDS = {**UNITS_WORDS, **TENS_WORDS}
# Multipliers written as words ("dozen" multiplies like a scale: "two dozen", "a few dozen").
SCALE_WORDS = _number_class("scale")
# Abbreviated scales after digits: always a scale (bn, mn, mln, tn, k).
SCALE_ABBREVIATIONS = _number_class("scale_abbreviation")
# One-letter scales ("m", "B"): ambiguous with units (37m = 37 metres); the reader decides from context.
SCALE_LETTERS = _number_class("scale_letter")
FRACTION_WORDS = _number_class("fraction")
# Multiples written as one word: "doubled", "tripled", "sixfold" (with 'fold' after any number word).
MULTIPLE_WORDS = _number_class("multiple")

ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}  # the English ordinal endings after digits: 1st, 2nd, 3rd, 4th


class VagueAmount(NamedTuple):
    value: float  # the best single guess
    low: float
    high: float


VAGUE_AMOUNTS: dict[str, VagueAmount] = {
    r["expression"]: VagueAmount(float(r["value"]), float(r["low"]), float(r["high"]))
    for r in rows("vague_amounts.tsv")}
"""The value, low and high that a vague amount stands for (figures with qualifier 'vague'), from
pipeline/lexicons/vague_amounts.tsv. They multiply the scale word that follows, and "X of Y"
multiplies too ('tens of thousands' = tens x thousand). "a few" and "several" on their own ("a few
weeks") are not figures: only with a scale word do they give an amount."""


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
    """'2,418,000' -> 2418000.0; '.001' -> 0.001."""
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
