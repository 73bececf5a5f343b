"""Pass 3 of the figures: the parse decides what the lexer cannot, by an ordered list of named rules.

Each rule looks at one figure in its sentence (a Situation) and either passes (returns None; a rule
may rewrite s.fig before passing on), drops the figure (DROP) or settles it (returns the figure,
changed or not). The first rule that does not pass decides; the last rule always settles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.context import (Parse, _counted, _counted_of, _demonym, _direction,
                                              _first_token_at, _head_noun, _is_age_apposition, _name_like,
                                              _token_before)
from pipeline.extract.figures.core import (AGE_WORDS, LABEL_WORDS, MARKET_COUNT_NOUNS, MONTH_WORDS, PERSON_PRONOUNS,
                                           RANK_WORDS,
                                           YEAR_DETERMINERS, YEAR_PREPOSITIONS, Figure, is_year_literal)

DROP = object()  # a rule's verdict: the figure is not a quantity (a name, a label, a word use)


@dataclass
class Situation:
    """A figure and the tokens around it in the parse."""

    text: str
    fig: Figure
    parse: Parse
    anchor: object  # the token of the number whose head lies outside it
    prev_tok: object
    next_tok: object
    first_tok: object
    last_tok: object
    titled: bool  # the sentence is a headline in title case: capitals tell nothing
    plain: bool  # bare digits counting nothing yet: no unit, scale, hedge or range
    by_anchor: dict  # (head token, sentence) -> the count already found on that noun

    @property
    def doc(self):
        return self.parse.doc

    @property
    def core(self):
        return self.fig.core

    def head_noun(self):
        return _head_noun(self.doc, self.fig, self.anchor)


def year(s: Situation):
    """A bare four-digit number is a year (1800-2100, or any after a preposition of time), unless it
    counts a plural noun ('2000 workers') that no determiner of a year precedes ("the 1995 filings")."""
    core, fig, prev_tok, next_tok = s.core, s.fig, s.prev_tok, s.next_tok
    level_after = next_tok is not None and next_tok.lemma_.lower() == "level"
    if not (core.kind == "count" and is_year_literal(core) and not fig.is_range and (not fig.hedge or level_after)):
        return None
    head = s.head_noun()
    counts_noun = (head is not None and head.tag_ == "NNS" and head.lower_ not in fu.TIME_UNITS
                   and (prev_tok is None or prev_tok.lower_ not in YEAR_DETERMINERS)) and not level_after
    plausible = 1800 <= core.value <= 2100 or (prev_tok is not None and prev_tok.lower_ in YEAR_PREPOSITIONS)
    return replace(fig, kind="year", counted=None) if not counts_noun and plausible else None


def kind_without_context(s: Situation):
    """Years, dates and ordinals read by the lexer count nothing and change nothing."""
    return replace(s.fig, counted=None, direction=None) if s.core.kind in ("year", "date", "ordinal") else None


def numbered_rank(s: Situation):
    """'No. 1', '#3': a rank, not a count."""
    before = s.text[max(0, s.fig.core_start - 8):s.fig.core_start]
    if s.plain and re.search(r"(?:\b(?:No|Nos|Number)\.?|#)\s?$", before):
        return replace(s.fig, kind="ordinal")
    return None


def number_word_in_name(s: Situation):
    """A capitalised number word inside a proper name ('Air Force One', 'Formula One') is no figure."""
    core, prev_tok, next_tok = s.core, s.prev_tok, s.next_tok
    if core.words and not s.titled and s.text[s.fig.core_start].isupper() and not s.first_tok.is_sent_start \
            and (prev_tok is not None and prev_tok.text[:1].isupper() and prev_tok.pos_ == "PROPN"
                 or next_tok is not None and next_tok.text[:1].isupper() and next_tok.pos_ == "PROPN"
                 and next_tok.tag_ == "NNP"):
        return DROP
    return None


def times_as_occasions(s: Situation):
    """'shot 41 times' counts occasions; '8.2 times earnings', 'three times as many' stay a multiple."""
    fig, doc = s.fig, s.doc
    if fig.unit == "times" and (fig.core.unit_text or "").lower() == "times":
        k = _first_token_at(doc, fig.end)
        after = doc[k] if k < len(doc) else None
        if after is None or not (after.pos_ in ("NOUN", "DET", "PRON") or after.tag_ in ("JJR", "RBR")
                                 or after.lower_ in ("as", "more", "less", "the", "over", "that")):
            return replace(fig, kind="count", unit=None, counted="times")
    return None


def one_as_pronoun(s: Situation):
    """'one' is a count only when it modifies a noun after it ('one solution'); 'one of the ...',
    'one of them', 'the one' and 'no one' are pronouns (issue 4: "one of the ..." is not a count)."""
    core, anchor = s.core, s.anchor
    if core.words and core.value == 1 and core.kind == "count" and not s.fig.is_range and core.qualifier == "exact":
        if s.next_tok is not None and s.next_tok.lower_ == "of":
            return DROP
        if not (anchor.dep_ == "nummod" and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.i > anchor.i):
            return DROP
    return None


def scale_letter_before_noun(s: Situation):
    """'12m phones': a lower-case m between a number and a plural noun is a million, not metres; a
    length modifies a noun in the singular or with a hyphen ('a 45m tower', 'a 45m-long hall'). A
    whole number after 'the' names a distance event instead ('the 400m hurdles')."""
    fig, core, nxt, prev = s.fig, s.core, s.next_tok, s.prev_tok
    event = prev is not None and prev.lower_ == "the" and core.literal is not None and "." not in core.literal
    if fig.unit == "metre" and core.unit_text == "m" and not fig.is_range and nxt is not None and not event \
            and nxt.tag_ in ("NNS", "NNPS") and s.text[fig.end:nxt.idx] == " ":
        v = lambda x: None if x is None else x * 1e6  # noqa: E731
        # the parser often reads the 'm' as a word of its own, so the noun is taken as written
        return replace(fig, value=v(fig.value), low=v(fig.low), high=v(fig.high), kind="count", unit=None,
                       counted=nxt.text, core=replace(core, kind="count", unit=None, unit_text=None, scaled=True))
    return None


def label_after_name(s: Situation):
    """A number right after a name or a label noun names something: 'Windows 11', 'category 4',
    'Chapter 11', 'Stoxx 50' (unless it is an age in apposition: 'Ann Lee, 45,')."""
    core, fig, prev_tok, next_tok = s.core, s.fig, s.prev_tok, s.next_tok
    adjacent = prev_tok is not None and s.text[prev_tok.idx + len(prev_tok):fig.core_start] in (" ", "")
    label_noun = prev_tok is not None and prev_tok.lower_.rstrip(".") in LABEL_WORDS and prev_tok.tag_ in ("NN", "NNP")
    if s.plain and not fig.hedge and adjacent and (
            not s.titled and _name_like(prev_tok) or label_noun and "," not in core.literal) or (
            core.words and core.kind == "count" and not fig.hedge and not core.scaled and adjacent and label_noun
            and (next_tok is None or next_tok.pos_ != "NOUN" or next_tok.tag_ == "NN")):
        if not _is_age_apposition(s.text, fig, s.parse):
            return DROP
    # 'the index 500 is', 'the route 9 bus': a number right after 'the' and a singular noun names it;
    # a count stands before what it counts
    if s.plain and not fig.hedge and adjacent and prev_tok.tag_ in ("NN", "NNP") and prev_tok.i > 0 \
            and s.doc[prev_tok.i - 1].lower_ == "the" and s.head_noun() is None \
            and (next_tok is None or next_tok.pos_ not in ("NOUN", "PROPN")):
        return DROP
    return None


def model_or_address(s: Situation):
    """Bare digits before a capitalised name are a model or an address ('A350 airliner', '10 Downing
    Street'), unless they count the plural noun of that phrase."""
    core, fig, next_tok, doc = s.core, s.fig, s.next_tok, s.doc
    integer_label = (core.kind == "count" and not core.words and not core.scaled and not fig.hedge
                     and core.qualifier in ("exact", "range")
                     and re.fullmatch(r"[\d\-–]+", s.text[fig.core_start:fig.core_end]) is not None)
    if integer_label and next_tok is not None and s.text[fig.end:next_tok.idx] == " " and (
            next_tok.tag_ == "NNP" or len(next_tok) == 1 and next_tok.is_upper) \
            and next_tok.lower_ not in MONTH_WORDS and not _demonym(next_tok) and (
                next_tok.text[:1].isupper() and not next_tok.is_upper or len(next_tok) == 1 and next_tok.is_upper
                or next_tok.is_upper and next_tok.i + 1 < len(doc) and doc[next_tok.i + 1].tag_ == "NNP"
                and doc[next_tok.i + 1].text[:1].isupper()):
        head = s.head_noun()
        if head is None or head.tag_ not in ("NNS", "NNPS") or head.i == next_tok.i:
            return DROP
    return None


def second_number_on_noun(s: Situation):
    """A noun takes one count: in 'two new 747 jets' the digits after the count are a model."""
    anchor, core = s.anchor, s.core
    key = (anchor.head.i, anchor.sent.start)
    if anchor.dep_ == "nummod" and core.kind == "count" and anchor.head.i > anchor.i:
        other = s.by_anchor.get(key)
        if other is not None and not core.words and other.core.kind == "count":
            return DROP
        s.by_anchor[key] = s.fig
    return None


def age(s: Situation):
    """Ages: 'Ann Lee, 45,', 'aged 45', 'she is 45', 'life expectancy is about 80'."""
    core, fig, anchor, doc = s.core, s.fig, s.anchor, s.doc
    before = _token_before(doc, fig.start)
    if _is_age_apposition(s.text, fig, s.parse) or (
            core.kind == "count" and not core.scaled and before is not None and before.lower_ in AGE_WORDS):
        return replace(fig, kind="duration", unit="year", counted="age")
    if core.kind == "count" and core.literal and "." not in core.literal and 1 <= core.value <= 120 \
            and not fig.is_range and anchor.dep_ in ("attr", "acomp") and anchor.head.lemma_ == "be" \
            and s.head_noun() is None and _counted_of(doc, s.last_tok) is None:
        subject = next((c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and (subject.lower_ in PERSON_PRONOUNS or subject.ent_type_ == "PERSON"
                                    or subject.lemma_.lower() in ("age", "expectancy")):
            return replace(fig, kind="duration", unit="year", counted="age")
    return None


def rank(s: Situation):
    """'the top 10', 'a last-16 place' with nothing counted: a rank."""
    core, fig = s.core, s.fig
    prefix = re.search(r"\b(\w+)-$", s.text[max(0, fig.core_start - 8):fig.core_start])
    if prefix and prefix.group(1).lower() in RANK_WORDS:
        return replace(fig, kind="ordinal")
    if core.kind == "count" and not fig.is_range and not fig.hedge and core.qualifier == "exact" \
            and s.prev_tok is not None and s.prev_tok.lower_ in RANK_WORDS \
            and s.head_noun() is None and _counted_of(s.doc, s.last_tok) is None:
        return replace(fig, kind="ordinal")
    return None


def counted_and_direction(s: Situation):
    """What a figure counts (the noun it modifies, the noun after 'of', the object of its verb), and
    whether it is a change: read from the words around it ('rose 2%', 'down 190', '-0.4%')."""
    fig = s.fig
    counted = _counted(s.text, fig, s.parse, s.anchor, s.last_tok)
    counted = counted.strip() if counted and any(c.isalpha() for c in counted) else None
    kind = fig.kind
    if kind == "count" and counted and counted.split()[-1].lower() in fu.TIME_UNITS:
        kind, fig = "duration", replace(fig, unit=fu.TIME_UNITS[counted.split()[-1].lower()])
    fig = replace(fig, kind=kind, counted=counted)
    market = counted is None or counted.split()[-1].lower() in MARKET_COUNT_NOUNS
    if kind in ("money", "percent", "measure", "count", "other"):
        if kind != "count" or market:
            whole = s.parse.anchor(fig.core_start, fig.core_end) or s.anchor
            fig.direction = _direction(s.doc, fig, whole)
        elif fig.core.sign == "+":
            fig.direction = "increase"
    fig.direction = fig.direction or _written_direction(fig, market)
    return fig


def _written_direction(fig: Figure, market: bool) -> str | None:
    """The way a figure moves as its own words write it: a multiple that is a verb ('tripled'), or a
    minus sign on a share, an amount or a market count ('FTSE -0.6%', 'Dow -190'). A temperature
    below zero is a level, not a fall. 'from A to B' keeps no direction of its own: news writes it
    for a span ('fines range from $200 to $4,000') as often as for a move, and the verb before it
    ('fell from ... to ...') is read by _direction when the figure is its amount."""
    core = fig.core
    if core.change:
        return core.change
    if core.sign == "-" and (fig.kind in ("percent", "money") or fig.kind == "count" and market):
        return "decrease"
    return None


RULES: tuple[Callable[[Situation], object], ...] = (
    year, kind_without_context, scale_letter_before_noun, numbered_rank, number_word_in_name, times_as_occasions,
    one_as_pronoun,
    label_after_name, model_or_address, second_number_on_noun, age, rank, counted_and_direction)
"""The figure decision, in order: the first rule that does not pass decides."""


def situation(text: str, fig: Figure, parse: Parse, by_anchor: dict) -> Situation | None:
    doc = parse.doc
    core = fig.core
    anchor = parse.anchor(fig.num_start, fig.num_end) or parse.anchor(fig.core_start, fig.core_end)
    if anchor is None:
        return None
    first_tok = parse.token_at(fig.core_start)
    last_tok = parse.token_at(fig.core_end - 1)
    plain = (core.kind == "count" and not core.words and not core.scaled and core.literal is not None
             and not fig.is_range and core.qualifier == "exact")
    return Situation(text, fig, parse, anchor,
                     prev_tok=doc[first_tok.i - 1] if first_tok.i > 0 else None,
                     next_tok=doc[last_tok.i + 1] if last_tok.i + 1 < len(doc) else None,
                     first_tok=first_tok, last_tok=last_tok, titled=parse.titled(anchor.sent), plain=plain,
                     by_anchor=by_anchor)


def decide(text: str, fig: Figure, parse: Parse, by_anchor: dict) -> Figure | None:
    """Apply the rules to one figure: None when it is dropped, else the settled figure."""
    s = situation(text, fig, parse, by_anchor)
    if s is None:
        return fig
    for rule in RULES:
        verdict = rule(s)
        if verdict is DROP:
            return None
        if verdict is not None:
            return verdict
    return s.fig
