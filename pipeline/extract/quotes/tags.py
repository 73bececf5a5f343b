"""Where a reporting tag sits against its content: after it ("The deal is dead, the senator said"),
inside it ("The bridge, the engineer said, will open"), as an "as" aside ("As the mayor noted, ..."),
closing a paragraph whose sentences it covers. The parse often makes such a tag the root of the
sentence it reports; these read the sentence back from it."""
from __future__ import annotations

import re

from pipeline.extract.quotes.article import Article
from pipeline.extract.quotes.attribution import SPEECH_VERBS
from pipeline.extract.quotes.cues import cue_spans
from pipeline.extract.quotes.marks import QUOTE_CHARS
from pipeline.lexicons import rows

# Nouns of people who may be told something: every head noun of a speaker described (speaker_heads.tsv).
HEARER_HEADS = frozenset(r["head"].lower() for r in rows("speaker_heads.tsv"))


def hearer(tok) -> bool:
    """A noun object that is a person told something: a pronoun, a name, or a noun of speaker_heads.tsv."""
    return tok.dep_ == "dobj" and ((tok.tag_ == "PRP" and tok.lower_ != "it") or
                                   tok.ent_type_ in ("PERSON", "NORP", "ORG") or
                                   tok.lemma_.lower() in HEARER_HEADS or tok.lower_ in HEARER_HEADS)


def inverted_tag(verb, comp) -> bool:
    """"The mayor described the plan, the clerk said": the parse took the tag that follows for the
    complement of the cue before it."""
    return comp.i > verb.i and is_tag(comp) and comp.left_edge.i > 0 and \
        comp.doc[comp.left_edge.i - 1].text in (",", "—", "–", "-")  # set off: "said the trial would resume" is content


def is_tag(tok) -> bool:
    """A speech verb with its own subject and nothing said after it: "..., the mayor said", "..., said
    the mayor"."""
    return tok.lemma_.lower() in SPEECH_VERBS and (any(c.dep_ == "nsubj" for c in tok.children) or
                                                  tok.left_edge.i == tok.i) \
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > tok.i for c in tok.children) \
        and len(list(tok.subtree)) <= 12


def tag_inside(verb) -> bool:
    """The cue's clause goes on after a comma that follows it: "X, she said, until Y"."""
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("nsubj", "npadvmod")]
    return any(c.text == "," for c in after) and any(not c.is_punct for c in after if c.i > verb.i + 1) and \
        verb.sent.end - 1 > verb.i + 2


_DOUBLE_MARKS = frozenset(QUOTE_CHARS) - {"'", "’", "‘"}  # single marks are mostly apostrophes


def paragraph_before(art: Article, sent, t, p0: int, avoid) -> int | None:
    """"The plant is old. It loses money, the owner said.": a tag closing a paragraph covers the
    sentences before it in that paragraph, when they hold no cue of their own and no quote. The start
    of that content, or None."""
    doc = art.doc
    _, _, p1 = art.para_of(t.idx)
    if re.search(r"[.!?]\W*\w", art.text[t.idx:p1]) or sent.start_char <= p0:
        return None  # the tag's sentence does not end the paragraph
    before = doc.char_span(p0, sent.start_char, alignment_mode="contract")
    if before is None or not len(before) or any(avoid(x.idx) for x in before) or \
            any(ch in _DOUBLE_MARKS for ch in before.text) or \
            any(p0 <= c.start_char < sent.start_char for c in cue_spans(doc)):
        return None
    return before[0].idx


# What may follow the cue of an "as" aside: "as the mayor pointed out in a letter last week".
_ASIDE_TAIL = frozenset({"prt", "advmod", "prep", "punct", "agent", "npadvmod"})


def as_aside(verb) -> bool:
    """"As the coach noted, ...", "The stadium, as a club official remarked, seldom ...": a cue in an
    "as" clause with nothing after it reports the clause it hangs on ("left as he said he would" has
    its own complement)."""
    return verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and \
        any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children) and \
        all(c.dep_ in _ASIDE_TAIL for c in verb.children if c.i > verb.i) and \
        any(x.text == "," for x in verb.doc[min(verb.i, verb.head.i):max(verb.i, verb.head.i)])


def as_inside(verb) -> list:
    """"The stadium, as a club official remarked, seldom fills up": an "as" tag set off by commas in
    the sentence it reports, which the parse made the root, with the sentence's subject as its own.
    The sentence without the tag (the row's span still runs over it), or []."""
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subj) < 2 or any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
        return []
    i = max(subj, key=lambda c: c.i).left_edge.i
    after = next((x.i for x in verb.doc[verb.i + 1:verb.i + 3] if x.text == ","), None)
    if i < 2 or verb.doc[i - 1].lower_ != "as" or verb.doc[i - 2].text != "," or after is None:
        return []
    return [x for x in verb.sent if not i - 2 <= x.i <= after]


def between_commas(verb) -> list:
    """"The clerks, Jones explained at the hearing, were well paid": a tag set off by commas inside
    the sentence it reports, which the parse often makes the root. The content is the sentence, when
    a noun phrase comes before the tag and a predicate after it, and the cue takes nothing itself."""
    if verb.lemma_.lower() not in SPEECH_VERBS or any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i and
                                                       not hearer(c) for c in verb.children):
        return []  # ("he told me" has only its hearer after it)
    # the subject nearest the verb: the parse may give the content's subject to the tag as well
    subj = max((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), key=lambda c: c.i, default=None)
    sent, doc = verb.sent, verb.doc
    if subj is None:
        return []
    i = subj.left_edge.i - 1
    while i > sent.start and doc[i].text in QUOTE_CHARS:
        i -= 1  # “…,” the tag: the comma may sit inside the closing mark
    after = next((x.i for x in doc[verb.i + 1:sent.end] if x.text == ","), None)
    if i <= sent.start or doc[i].text != "," or after is None:
        return []
    before, rest = doc[sent.start:i], doc[after + 1:sent.end]
    if not any(x.pos_ in ("NOUN", "PROPN", "PRON") and x.ent_type_ not in ("DATE", "TIME") for x in before) or \
            not any(x.pos_ in ("VERB", "AUX") for x in rest):
        return []
    return [x for x in sent if not i < x.i < after]  # the row's span still runs over the tag
