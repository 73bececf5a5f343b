"""What the figure readers pass between them: the core of a figure as the lexer read it, the figure
with its context, the token helpers every reader uses, and the word classes of figure_words.tsv."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.numbers import Lex

W = fu.WORDS
MONTH_WORDS = fu.MONTH_WORDS
# Words glued by a hyphen before a number that modify it rather than name something ('sub-7', 'mid-2020').
NUMBER_PREFIX_WORDS = W["number_prefix"]
# Verbs whose up/down particle does not mean a change in amount ('put up $5 million').
PHRASAL_NOT_CHANGE = W["phrasal_not_change"]
# Tails of hyphen compounds that make an adjective, not a count ('one-off', 'two-way').
HYPHEN_ADJECTIVE_TAILS = W["adjective_tail"]
# Common nouns that take a number as a label, not a quantity ('category 4', 'Chapter 11').
LABEL_WORDS = W["label_noun"]
# Subjects whose bare number complement is an age ('she is 35').
PERSON_PRONOUNS = fu.SUBJECT_PRONOUNS
# Words after a number that start another phrase: '3.4 last year' does not count years.
NOT_COUNT_MODIFIERS = W["not_count_modifier"]
DETERMINERS = W["determiner"]
RANK_WORDS = W["rank"]
PLURAL_SCALES = W["plural_scale"]
COUNTED_STOPWORDS = W["not_counted"]
MARKET_COUNT_NOUNS = W["market_count_noun"]
YEAR_DETERMINERS = W["year_determiner"]
YEAR_PREPOSITIONS = W["year_preposition"]
TIME_PHRASE_WORDS = MONTH_WORDS | W["time_phrase"]
# Currency names that are also English words ('won', 'rand'): read as money only after digits.
CURRENCY_ALSO_WORDS = W["currency_also_word"]
# Singular nouns that stand for many people ('staff'): what a bare count after 'to' may count.
COLLECTIVE_NOUNS = W["collective_noun"]
# Prepositions before a level reached or started from ('to $61', 'at 2,310 points'): no direction.
LEVEL_PREPOSITIONS = W["level_preposition"]
AGE_WORDS = W["age_word"]
# Words after 'a week', 'a year' that make it a time phrase, not a rate ('980 a week earlier').
RELATIVE_TIME_WORDS = W["relative_time"]


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
    plus: bool = False  # '700-plus billion': a lower bound written inside the number
    marked: bool = False  # glued after letters that are no known currency mark: an amount, so 'm' is million
    change: str | None = None  # a multiple that is itself a verb of change ('tripled' -> increase)


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



class Tokens:
    """Look-ups on the lexer's tokens shared by the number, unit and range readers."""

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



def is_year_literal(core: Core) -> bool:
    """Four plain digits that can be a year (1000-2199); the parse rules settle it with the context."""
    return (core.literal is not None and re.fullmatch(r"\d{4}", core.literal) is not None
            and 1000 <= core.value < 2200 and core.kind == "count" and core.sign is None)


def change_word(w: str | None) -> bool:
    """A form of a verb of change, read without the parse ('rose', 'gained', 'slipping')."""
    if not w:
        return False
    if w in fu.IRREGULAR_CHANGE_FORMS:
        return True
    return any(w == stem or w.startswith(stem) and len(w) - len(stem) <= 3
               for stem in fu.INCREASE_WORDS | fu.DECREASE_WORDS)
