"""The name a speaker mention stands for: a pronoun to the last compatible named speaker, a title
("the ambassador") to the person the article gives that title, a surname to the full name, "the
report" to the last outlet named; with the kind of speaker (person, organization, publication,
anonymous, unknown)."""
from __future__ import annotations

import re

from pipeline.extract.layout import outlets
from pipeline.lexicons import entry_set, rows
from pipeline.extract.quotes.article import Article, Attributed
from pipeline.extract.quotes.attribution import (ANON_HEADS, ORG_HEADS, PERSON_PRONOUNS, PUBLICATION_HEADS,
                                                 Speaker)


def kind_and_name(art: Article, spk: Speaker, at: int, history: list[Attributed]) -> tuple[str | None, str]:
    """(speaker_name, speaker_kind) for a speaker mention."""
    res = art.resolver
    head = spk.head
    low = head.lower_ if head is not None else spk.text.lower()
    if head is not None and head.pos_ == "PRON" or low in SUBJECT_PRONOUNS:
        return _resolve_pronoun(art, low, at, history)
    if low in RELATIVE_WORDS:
        return None, "unknown"
    first = spk.text.split()[0].lower()
    lemma = head.lemma_.lower() if head is not None else low
    definite = first in ("the", "this", "that") or re.match(r"^\S+['’]s\b", spk.text) is not None
    indefinite = first in INDEFINITE
    if lemma in ROLE_HEADS and definite:
        # "Russia's ambassador", "the Minister of Health": the person the article gives that title
        holder = res.title_holder(head.text, at)
        if holder:
            return holder, "person"
    if head is not None and head.is_lower and (lemma in PUBLICATION_HEADS or low in PUBLICATION_HEADS):
        return (res.last_outlet(at) if definite else None), "publication"  # "the outlet reports"
    ent = res.entity_at(spk.start, spk.end, head.idx if head is not None else spk.start)
    outlet = outlets.lookup(spk.text) or (outlets.lookup(ent.text) if ent else None)
    if outlet is not None:
        return outlet.name, "publication"
    if ent is not None:
        full = res.full_name(ent.text, at)
        if ent.label == "PERSON" or full != ent.text.split()[-1] and len(ent.text.split()) == 1:
            return full, "person"  # a surname the article gives in full elsewhere
        if re.search(rf"\b(?:{'|'.join(_OUTLET_HEADS)})$", ent.text):
            return ent.text, "publication"
        return ent.text, "organization"
    if head is not None and head.pos_ == "PROPN" and not head.is_lower:
        name = re.sub(r"^(?:the|The)\s+", "", spk.text)
        if re.search(rf"\b(?:{'|'.join(_OUTLET_HEADS)})$", name):
            return name, "publication"
        if spk.text.isupper() and spk.cue == ":":
            return spk.text.title(), "person"  # a transcript's speaker label
        full = res.full_name(head.text, at)
        if full != head.text:
            return full, "person"
        return name, "organization"
    if lemma in ANON_HEADS or low in ANON_HEADS:
        return None, "anonymous"
    if lemma in PUBLICATION_HEADS:
        return (res.last_outlet(at) if definite else None), "publication"
    if lemma in ORG_HEADS:
        # "the ministry said": the organisation the article last named, one whose name holds the
        # head word first ("the Ministry of Health")
        return (res.last_organization(at, head.text if head is not None else low) if definite else None), \
            "organization"
    if not indefinite and head is not None:
        holder = res.title_holder(head.text, at)
        if holder:
            return holder, "person"
    return None, "anonymous" if indefinite else "unknown"


# "he", "she", "it", "they", "I", "we": a speaker to resolve ("you" is never a reported speaker).
SUBJECT_PRONOUNS = frozenset(r["pronoun"] for r in rows("pronouns.tsv") if r["case"] == "subject" and r["person"] != "2")
RELATIVE_WORDS = frozenset(r["pronoun"] for r in rows("pronouns.tsv") if r["case"] == "relative")
INDEFINITE = entry_set("indefinite_determiners.txt")
# Head nouns of a title a named person holds: "the ambassador" is somebody the article names.
ROLE_HEADS = frozenset(r["head"] for r in rows("speaker_heads.tsv") if r["kind"] == "role")
_OUTLET_HEADS = tuple(r["head"] for r in rows("speaker_heads.tsv") if r["kind"] == "outlet_name_end")


def _resolve_pronoun(art: Article, low: str, at: int, history: list[Attributed]) -> tuple[str | None, str]:
    res = art.resolver
    if low in PERSON_PRONOUNS:
        want = PERSON_PRONOUNS[low]
        # the last person named as a speaker or in subject position: one known to be of the pronoun's
        # gender first, then one the following pronouns suggest, then one of unknown gender
        seen = [((h.start if h.start is not None else h.pos), h.name) for h in history
                if h.kind == "person" and h.name and at - h.pos < 3000]
        seen += [(m.start, res.full_name(m.text, m.start)) for m in res.persons
                 if m.end <= at and m.is_subject and at - m.end < 1500]
        pool = [name for _, name in sorted(seen, key=lambda x: -x[0])]
        for name in pool:
            if res.gender_of(name) in (None, want):
                res.learn_gender(name, low)
                return name, "person"
        return None, "person"
    if low == "it":
        for h in reversed(history):
            if h.kind in ("organization", "publication") and h.name and at - h.pos < 1500:
                return h.name, h.kind
        for m in reversed([m for m in res.mentions if m.end <= at and m.label != "PERSON" and at - m.end < 400]):
            return m.text, "organization"
        return None, "unknown"
    if low == "i":
        return (art.layout.authors[0] if art.layout.authors else None), "person"
    return None, "unknown"

