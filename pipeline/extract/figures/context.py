"""What the spaCy parse tells about a figure: the noun it counts, its direction of change, names
and labels around it. Pure functions over the shared Doc."""
from __future__ import annotations

import re
from bisect import bisect_right

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.core import (COLLECTIVE_NOUNS, COUNTED_STOPWORDS, DETERMINERS, LEVEL_PREPOSITIONS,
                                           MONTH_WORDS, NOT_COUNT_MODIFIERS,
                                           NUMBER_PREFIX_WORDS, PHRASAL_NOT_CHANGE, Figure)

CHANGE_NOUN_DEPS = {"nummod", "compound", "amod", "quantmod", "nmod", "npadvmod"}

# --- pass 3: what the parse decides ----------------------------------------------------------------


class Parse:
    """Character -> token look-ups on the shared spaCy doc."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self._titled: dict[int, bool] = {}

    def titled(self, sent) -> bool:
        """_title_case of a sentence, worked out once per sentence."""
        if sent.start not in self._titled:
            self._titled[sent.start] = _title_case(sent)
        return self._titled[sent.start]

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
                (after is None or child.i > after) and child.lower_ not in DETERMINERS and child.pos_ != "NUM":
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
    """The noun after 'of' following tok ('dozens of soldiers', '7% of its staff')."""
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
    """The noun a number counts, after it: '300 foreign officers' -> officers, '2.1M print and
    digital copies' -> copies; None when the number stands alone."""
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
            pass  # 'print and digital copies'
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
                if dep == "nsubj" and c.tag_ != "NNS" and c.lower_ not in COLLECTIVE_NOUNS:
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
    a sign ('+0.2%'), 'up'/'down' before it ('up 23 cents'), 'higher'/'lower' after it ('closed 2%
    higher'), or the amount of a verb of change ('rose 8%', 'fell 0.52%', 'increased by $12.5
    billion'). A level reached or started from ('to $61', 'at 2,310 points', 'from $4.12 billion')
    has none; nor has a figure modifying a noun of change ('a 3% drop', 'a 4% pay rise'): it sizes the
    change without saying which way the measured thing moved."""
    if fig.core.sign == "+":
        return "increase"
    first = doc[_first_token_at(doc, fig.start)] if _first_token_at(doc, fig.start) < len(doc) else None
    if first is not None and first.lower_ in LEVEL_PREPOSITIONS:
        return None  # a level crossed, not the amount moved: 'dropped below $40,000'
    prev = _token_before(doc, fig.start)
    if prev is not None and prev.lower_ in LEVEL_PREPOSITIONS:
        return None
    # 'up 23 cents', 'down 1%', 'edging up 0.3%', but not 'put up $5 million'
    if prev is not None and prev.lower_ in ("up", "down") and prev.head.lemma_.lower() not in PHRASAL_NOT_CHANGE:
        return "increase" if prev.lower_ == "up" else "decrease"
    # '12.5% higher', '0.41 percent lower'
    after = doc[_first_token_at(doc, fig.end)] if _first_token_at(doc, fig.end) < len(doc) else None
    if after is not None and after.lower_ in ("higher", "lower") and not (
            after.i + 1 < len(doc) and doc[after.i + 1].lower_ == "than"):
        return "increase" if after.lower_ == "higher" else "decrease"
    # 'cooled by 2 to 3 degrees', 'revised upward by 40 billion yen'
    if prev is not None and prev.lower_ == "by" and prev.i > 0:
        for t in (prev.head, doc[prev.i - 1]):
            if t.pos_ in ("VERB", "ADV", "ADJ", "NOUN"):  # 'rose by 5%', 'an increase by 5%'
                way = _polarity(t)
                if way:
                    return way
        return None
    # the amount of a verb of change: 'rose 23 cents', 'fell 0.52%', 'the miner advanced 6%'
    if anchor.dep_ in ("dobj", "npadvmod", "advmod", "attr", "oprd", "nmod") and anchor.head.pos_ == "VERB" \
            and anchor.head.i < anchor.i:
        return _polarity(anchor.head)
    # a verb of change written right before the amount, however the parser hangs a unit of two words
    # ('rose 2.3 per cent', 'slid 4 percentage points')
    if prev is not None and prev.pos_ == "VERB" and not (fig.is_range and prev.i + 1 < len(doc)
                                                         and doc[prev.i + 1].lower_ in ("from", "between")):
        return _polarity(prev)
    # a headline in title case: the tagger reads its capitalised verbs as names ('Shares Fall 2%')
    if prev is not None and prev.is_title and _title_case(prev.sent) and not fig.is_range:
        return _polarity(prev) or _inflected_polarity(prev.lower_)
    return None


def _inflected_polarity(word: str) -> str | None:
    """The way of a verb of change from its written form alone ('falls', 'jumped'), for text the tagger
    cannot lemmatise (headlines in title case)."""
    if word in fu.IRREGULAR_CHANGE_FORMS:
        return "increase" if word in fu.INCREASE_WORDS else "decrease"
    for stem in (word, word[:-1], word[:-2]):  # -s, -d/-es, -ed
        if stem in fu.NEUTRAL_DIRECTION_VERBS:
            return None
        if stem in fu.INCREASE_WORDS:
            return "increase"
        if stem in fu.DECREASE_WORDS:
            return "decrease"
    return None


def _is_age_apposition(text: str, fig: Figure, parse: Parse) -> bool:
    """'Ann Lee, 45, now faces', 'Tom Reed, 31, said', 'Okafor (52)'."""
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
            if of:  # 'gigawatts of wind', 'barrels of oil'
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

