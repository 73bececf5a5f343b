"""Labels: from registries (outlets, known organisations, places), head words ("... Ministry" is
an ORG, "... Act" a LAW), titles and given names (PERSON), the words around a mention ("in ...")
and the sentence's syntax (apposition, lists, the subject of a verb of saying)."""
from __future__ import annotations

import re

from pipeline.extract.layout import outlets
from pipeline.extract.entities import gazetteer as gaz
from pipeline.extract.entities.common import (
    DEMONYM_END, OUTLET_WORDS, STORM_WORDS, JOB_WORDS, KIN_NOUNS, PLACE_LABELS, PLACE_PREPOSITIONS, ROMAN_RE, SPEECH_VERBS, Mention,
    head_token, mention_words, person_like, titles_before, type_class,
)


def relabel(doc, m: Mention) -> None:
    """Set the label from registry and head-word evidence; mark the label strong when a rule set it."""
    text = doc[m.tok_start:m.tok_end].text
    words = mention_words(doc, m)
    if not words:
        return
    before = doc[m.tok_start - 1] if m.tok_start > 0 else None
    entry = outlets.lookup(text)
    if entry is not None and text.lower() not in OUTLET_WORDS \
            and not (m.label == "PERSON" and len(words) == 1 and not text.isupper()):
        m.label, m.strong, m.canonical = "ORG", True, entry.name
        return
    if gaz.is_known_org(text) and not (text.isupper() and len(text) <= 3 and m.label in PLACE_LABELS):
        m.label, m.strong = "ORG", True
        return
    if m.titled or (before is not None and titles_before(doc, m.tok_start)):
        if m.label in ("PERSON", "ORG", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "FAC") \
                and person_like(doc, m.tok_start, m.tok_end):
            m.label, m.strong = "PERSON", True
            return
    # "Ricardo Almeyda", "Nana Osei Bekoe": a given name or a name marker opens a person's name.
    if len(words) >= 2 and (gaz.is_given_name(doc[m.tok_start].text) or doc[m.tok_start].lower_ in gaz.NAME_MARKERS) \
            and person_like(doc, m.tok_start, m.tok_end) and m.label in ("ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT",
                                                                  "WORK_OF_ART", "PERSON"):
        m.label, m.strong = "PERSON", True
        return
    known = gaz.place(text)
    if known is not None:
        canonical, label = known
        ambiguous = gaz.is_ambiguous_place(text)
        if not ambiguous or m.label in PLACE_LABELS or m.label == "ORG" or (m.label == "NORP" and not gaz.is_demonym(text)):
            m.label, m.strong, m.canonical = label, not ambiguous, canonical
            return
    last, first = words[-1], words[0]
    # In "Regional Council of Elders" or "Bank of Ruritania" the head is the word before "of".
    if "of" in words[1:-1]:
        before_of = words[words.index("of", 1) - 1]
        if before_of in gaz.ORG_HEADS or before_of in gaz.PLACE_HEADS_LOC or before_of in gaz.PLACE_HEADS_GPE:
            last = before_of
    if len(words) >= 2 and last in gaz.LAW_HEADS and m.label in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT"):
        m.label, m.strong = "LAW", True
        return
    if len(words) >= 2 and (last in gaz.EVENT_HEADS or first in gaz.EVENT_STARTS) \
            and m.label in ("ORG", "PERSON", "GPE", "WORK_OF_ART", "PRODUCT", "FAC"):
        m.label, m.strong = "EVENT", True
        return
    if len(words) >= 2 and (last in gaz.ORG_HEADS or (first in gaz.ORG_STARTS and words[1] == "of")):
        if m.label in ("PERSON", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "ORG"):
            m.label, m.strong = "ORG", True
        return
    if len(words) >= 2 and (last in gaz.PLACE_HEADS_LOC or first in gaz.PLACE_STARTS):
        if m.label in ("PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "GPE", "LOC"):
            m.label, m.strong = ("GPE" if m.label == "GPE" else "LOC"), True
        return
    if len(words) >= 2 and last in gaz.PLACE_HEADS_GPE and last not in ("state", "city", "town"):
        if m.label in ("PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"):
            m.label, m.strong = "GPE", True
        return
    if len(words) == 1 and gaz.is_demonym(text) and m.label in ("ORG", "NORP", "PERSON", "GPE", "LOC"):
        m.label = "NORP"
    elif m.label == "NORP" and not any(gaz.is_demonym(t.text) or DEMONYM_END.search(t.text)
                                       for t in doc[m.tok_start:m.tok_end]):
        m.label = "ORG"  # "Acme": a name that reads as no people, faith or party is an organisation


def is_job_span(doc, m: Mention) -> bool:
    """A single job word left as an ORG ('Minister')."""
    words = mention_words(doc, m)
    return len(words) == 1 and words[0] in JOB_WORDS


def context_labels(doc, mentions: list[Mention]) -> list[Mention]:
    """Labels from the words around a mention, for what the model reads as a person but news
    English never writes of a person introduced by surname alone:
    - a one-word 'person' that no full name in the article contains and no title precedes is an
      acronym (ORG) when in capitals, not a person when it follows 'the' (dropped: names of
      people take no article), and a place after 'in', 'at', 'from' or 'near';
    - a one-word ORG after 'in' ("in Arden") is a place unless it names an organisation.
    """
    full_words, titled_words = set(), set()
    for m in mentions:
        words = re.split(r"[\s\-‐]+", doc[m.tok_start:m.tok_end].text)
        if m.label == "PERSON" and len(words) >= 2:
            full_words.update(w.casefold() for w in words)
        if m.titled:
            titled_words.add(doc[m.tok_start:m.tok_end].text.casefold())
    out = []
    for m in mentions:
        text = doc[m.tok_start:m.tok_end].text
        one_word = len(re.split(r"\s+", text)) == 1
        prev = doc[m.tok_start - 1].lower_ if m.tok_start > 0 else ""
        if prev in STORM_WORDS and one_word:
            m.label, m.strong = "EVENT", True  # "tropical storm Bonnie" is weather, not a person
        elif m.label == "PERSON" and one_word and not m.strong and text.casefold() not in full_words \
                and text.casefold() not in titled_words and not titles_before(doc, m.tok_start):
            if text.isupper() and len(text) >= 2:
                if ROMAN_RE.match(text):
                    continue
                m.label = "ORG"
            elif prev == "the":
                continue
            elif m.tok_end < len(doc) and doc[m.tok_end].pos_ == "NOUN" and doc[m.tok_end].text.islower() \
                    and doc[m.tok_start].dep_ == "compound":
                continue  # "Vell families": a modifier of a common noun, not a person
            elif prev in PLACE_PREPOSITIONS:
                m.label, m.strong = "GPE", True
        elif m.label in PLACE_LABELS and one_word and prev in ("in", "at", "near"):
            m.strong = True
        elif m.label == "ORG" and one_word and not m.strong and prev in ("in", "from", "near") and not text.isupper() \
                and text.lower() not in gaz.ORG_HEADS and outlets.lookup(text) is None:
            m.label, m.strong = "GPE", True
        out.append(m)
    return out


def _noun_type(lemma: str) -> str | None:
    if lemma in gaz.PERSON_NOUNS:
        return "PERSON"
    if lemma in gaz.PLACE_NOUNS:
        return "GPE"
    if lemma in gaz.ORG_NOUNS:
        return "ORG"
    return None


def syntax_labels(doc, mentions: list[Mention]) -> None:
    """Labels the sentence states: an apposition says what a name is ("Nyeri, the largest town";
    "Tomas Arvel, a fisherman"), and the members of a list ("in Lagos and Ibadan") share the type
    of a member whose type a rule already knows."""
    by_head = {}
    for m in mentions:
        by_head[head_token(doc, m).i] = m
    for m in mentions:
        if m.strong or m.label not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"):
            continue
        head = head_token(doc, m)
        nouns = [c for c in head.children if c.dep_ == "appos" and c.i not in by_head and c.pos_ == "NOUN"]
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i not in by_head:
            nouns.append(head.head)
        for noun in nouns:
            kind = _noun_type(noun.lemma_.lower())
            if kind and not (kind == "GPE" and m.label == "LOC"):
                m.label, m.strong = kind, True
                break
        if m.strong:
            continue
        # The subject of a verb of saying with a person's kind of name ("Tomas Arvel said"); a name the
        # model reads as an ORG stays one, since organisations say, announce and report as people do.
        if m.label in ("GPE", "NORP", "FAC") and m.tok_end - m.tok_start >= 2 and person_like(doc, m.tok_start, m.tok_end) \
                and head.dep_ == "nsubj" and head.head.lemma_ in SPEECH_VERBS:
            m.label, m.strong = "PERSON", True
            continue
        # "the towns of Arden, Kelmore and Nyeri", "suburbs such as Eastfield", "daughter of Ana Vell"
        prep = head.head if head.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in ("of", "as") and prep.head.pos_ == "NOUN" \
                and prep.head.i not in by_head and prep.head.text.islower():
            lemma = prep.head.lemma_.lower()
            kind = "PERSON" if lemma in KIN_NOUNS else ("GPE" if lemma in gaz.PLACE_NOUNS else None)
            if kind == "PERSON" and prep.lower_ == "as":
                kind = None
            if lemma in JOB_WORDS and prep.lower_ == "of" and not gaz.place(doc[m.tok_start:m.tok_end].text) \
                    and m.label == "PERSON":
                kind = "ORG"  # "member of the National Union of Dock Workers"
            if kind and not (kind == "GPE" and m.label == "LOC"):
                m.label, m.strong = kind, True
                continue
        # "Kelmore village", "Arden district": a name modifying a place noun
        if head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.text.islower() \
                and head.head.lemma_.lower() in gaz.PLACE_NOUNS and m.label not in PLACE_LABELS:
            m.label, m.strong = "GPE", True
    for m in mentions:
        if m.strong or m.label not in ("PERSON", "ORG", "GPE", "LOC", "NORP") or gaz.is_demonym(doc[m.tok_start:m.tok_end].text):
            continue
        head = head_token(doc, m)
        labels = [by_head[c.i].label for c in head.conjuncts if c.i in by_head and by_head[c.i].strong
                  and by_head[c.i].label in ("GPE", "LOC", "PERSON", "ORG")]
        if labels and type_class(m.label) != type_class(labels[0]):
            m.label = labels[0]
