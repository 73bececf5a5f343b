"""The vocabulary around a number, read from the lexicon files: hedges, currencies, units, percent,
rates and words of change; and the phrase matcher that finds them in the figure lexer's tokens.

The tables are data (pipeline/lexicons/: units.jsonl, currencies.tsv, currency_marks.tsv,
currency_words.tsv, hedges.tsv, rate_denominators.tsv, change_words.tsv, figure_words.tsv); this
module only shapes them into look-ups. To teach the extractor a new unit or hedge, add a line there.

The matcher runs over the lexer's character-level tokens, not spaCy's: a figure's unit is often
glued to its digits ('37m', '1.5bn', '3.7degC'), which spaCy tokenises inconsistently, so the
phrase tables are matched token by token on the lexer's output ("km/h", "km / h" and "per cent").
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from pipeline.extract.figures.numbers import Lex, lex
from pipeline.lexicons import rows


class Match(NamedTuple):
    """A phrase of a table found in the tokens: the phrase as the table writes it, and a token index
    (after the phrase for match_at, its first token for match_before)."""

    phrase: str
    at: int


def _words_by_role() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows("figure_words.tsv"):
        out[row["role"]].add(row["word"])
    return {k: frozenset(v) for k, v in out.items()}


WORDS = _words_by_role()
"""figure_words.tsv by role: closed classes the rules test (label nouns, rank words, ...)."""

MONTH_WORDS = frozenset(
    w.casefold() for r in rows("months.tsv") for w in [r["name"], *r["abbreviations"].split(",")] if w)
SUBJECT_PRONOUNS = frozenset(r["pronoun"] for r in rows("pronouns.tsv")
                             if r["case"] == "subject" and r["person"] in ("1", "3") or r["pronoun"] in ("you", "who"))

# --- hedges ----------------------------------------------------------------------------------------

HEDGES_BEFORE = {r["phrase"]: r["qualifier"] for r in rows("hedges.tsv") if r["position"] == "before"}
HEDGES_AFTER = {r["phrase"]: r["qualifier"] for r in rows("hedges.tsv") if r["position"] == "after"}
# Before these words 'about' is a preposition, not a hedge: 'read more about 300 cases'.
ABOUT_GOVERNORS = WORDS["about_governor"]

# --- currencies ------------------------------------------------------------------------------------

_CURRENCIES = rows("currencies.tsv")
CURRENCY_CODES = frozenset(r["code"] for r in _CURRENCIES)
CURRENCY_PREFIXES: dict[str, str] = {r["code"]: r["code"] for r in _CURRENCIES}
CURRENCY_PREFIXES.update({s: r["code"] for r in _CURRENCIES for s in r["symbols"].split("|")})
CURRENCY_PREFIXES.update({r["mark"]: r["code"] for r in rows("currency_marks.tsv") if r["position"] == "before"})
"""Currency marks written before the amount -> ISO 4217 code. A bare '$' is US dollars, the
convention of English-language news (CLDR's worldwide English symbol)."""


def _reads_as_word(mark: str) -> bool:
    """A mark of letters that, set apart from the digits, reads as a word or initials: mixed case
    ('Rs', 'Ksh', 'kr.') or one or two letters ('RM'). Upper-case marks of three letters and more
    ('RMB', 'NIS', 'FCFA') are codes wherever they stand."""
    letters = mark.replace(".", "")
    return letters.isalpha() and (not letters.isupper() or len(letters) <= 2)


# Marks that read as words must touch the digits ('Rs500', 'RM20'); ISO codes may stand apart ('CHF 20').
GLUED_ONLY_PREFIXES = frozenset(m for m in CURRENCY_PREFIXES if _reads_as_word(m) and m not in CURRENCY_CODES)
# After the amount: ISO codes and one-character signs ('1,200€', '110 JPY').
CURRENCY_SUFFIXES = {m: c for m, c in CURRENCY_PREFIXES.items() if m in CURRENCY_CODES or len(m) == 1 and m != "$"}
# After a $ amount, a country mark restates the currency: '$64 US a barrel'.
DOLLAR_COUNTRY_SUFFIXES = {r["mark"]: r["code"] for r in rows("currency_marks.tsv") if r["position"] == "after_dollar"}
CURRENCY_WORDS: dict[str, str] = {}
for _r in _CURRENCIES:
    CURRENCY_WORDS[_r["name"]] = CURRENCY_WORDS[_r["plural"]] = _r["code"]
CURRENCY_WORDS.update({r["words"]: r["code"] for r in rows("currency_words.tsv") if r["role"] != "counted"})
"""Currency names written after the amount ('10.5 million Australian dollars') -> ISO code, or the
name where it fixes no single currency ('francs')."""
CURRENCY_NAMES = {r["code"]: r["words"] for r in rows("currency_words.tsv") if r["role"] in ("both", "counted")}
for _r in _CURRENCIES:
    CURRENCY_NAMES.setdefault(_r["code"], _r["plural"])
"""The currency in words, shown as `counted` of a money figure when nothing more specific is said."""

# --- units -----------------------------------------------------------------------------------------

_UNITS = rows("units.jsonl")


def _unit_table(kind: str) -> dict[str, str]:
    return {s: u["unit"] for u in _UNITS if u["kind"] == kind for s in u.get("surfaces", []) + u.get("symbols", [])}


MEASURE_UNITS = _unit_table("measure")
TIME_UNITS = _unit_table("duration")
PERCENT_WORDS = _unit_table("percent")
RATIO_UNITS = _unit_table("ratio")
AGE_UNITS = _unit_table("age")
CASED_UNITS = frozenset(s for u in _UNITS for s in u.get("symbols", []))
# One- and two-letter units read only glued to the digits ('37m', '45g', '2.4pc'): (unit, kind).
GLUED_UNITS = {s: (u["unit"], u["kind"]) for u in _UNITS if u["kind"] != "percent" for s in u.get("glued", [])}
GLUED_PERCENT = {s: u["unit"] for u in _UNITS if u["kind"] == "percent" for s in u.get("glued", [])}
# One-letter SI symbols that may stand after a space ('5 W charger').
SPACED_LETTER_UNITS = {s: u["unit"] for u in _UNITS for s in u.get("spaced", [])}

RATE_DENOMINATORS = {r["written"]: r["unit"] or None for r in rows("rate_denominators.tsv")}
ARTICLE_RATE_DENOMINATORS = frozenset(r["written"] for r in rows("rate_denominators.tsv")
                                      if r["after_article"] == "yes")

# --- change ----------------------------------------------------------------------------------------

_CHANGE = rows("change_words.tsv")
INCREASE_WORDS = frozenset(r["word"] for r in _CHANGE if r["direction"] == "increase")
DECREASE_WORDS = frozenset(r["word"] for r in _CHANGE if r["direction"] == "decrease")
NEUTRAL_DIRECTION_VERBS = frozenset(r["word"] for r in _CHANGE if r["role"] == "neutral_verb")
CHANGE_NOUNS = frozenset(r["word"] for r in _CHANGE if r["role"] == "noun")
IRREGULAR_CHANGE_FORMS = frozenset(r["word"] for r in _CHANGE if r["role"] == "irregular_form")

# --- phrase matching -------------------------------------------------------------------------------

_TABLES = {
    "hedges_before": HEDGES_BEFORE, "hedges_after": HEDGES_AFTER, "currency_words": CURRENCY_WORDS,
    "currency_prefix": CURRENCY_PREFIXES, "currency_suffix": CURRENCY_SUFFIXES, "percent": PERCENT_WORDS,
    "measure": MEASURE_UNITS, "time": TIME_UNITS, "age": AGE_UNITS, "rate": RATE_DENOMINATORS,
    "ratio": RATIO_UNITS, "dollar_country": DOLLAR_COUNTRY_SUFFIXES,
}
# Tables whose every entry is matched with its case (symbols and codes).
_ALL_CASED = {"currency_prefix", "currency_suffix", "dollar_country"}


@lru_cache(maxsize=None)
def _phrase_index(table_id: str) -> dict[str, list[tuple[int, str, bool]]]:
    """casefolded first token -> [(number of tokens, phrase, cased)], longest first."""
    table = _TABLES[table_id]
    index: dict[str, list] = {}
    for phrase in table:
        toks = lex(phrase)
        if toks:
            cased = table_id in _ALL_CASED or phrase in CASED_UNITS
            index.setdefault(toks[0].low, []).append((len(toks), phrase, cased))
    for found in index.values():
        found.sort(key=lambda e: -e[0])
    return index


def written(toks: list[Lex], i: int, j: int) -> str:
    """toks[i:j] as written, with each run of whitespace as one space."""
    return "".join((" " if k > i and toks[k].gap else "") + toks[k].text for k in range(i, min(j, len(toks))))


def match_at(toks: list[Lex], i: int, table_id: str) -> Match | None:
    """The longest phrase of a table written at toks[i], and the index after it.

    Spaces matter ('km/h' is not 'km / h'); case matters for symbols, codes and CASED_UNITS only.
    """
    if i >= len(toks):
        return None
    for n, phrase, cased in _phrase_index(table_id).get(toks[i].low, ()):
        j = i + n
        if j > len(toks) or any(t.br for t in toks[i + 1:j]):
            continue
        seen = written(toks, i, j)
        if seen == phrase or (not cased and seen.casefold() == phrase.casefold()):
            return Match(phrase, j)
    return None


def match_before(toks: list[Lex], end: int, table_id: str) -> Match | None:
    """The longest phrase of a table that ends just before toks[end], and its first token."""
    best = None
    for k in range(1, 6):
        i = end - k
        if i < 0:
            break
        m = match_at(toks, i, table_id)
        if m and m.at == end:
            best = Match(m.phrase, i)
    return best


