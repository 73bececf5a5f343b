"""Who said it: reporting cues, their speakers, and the name a speaker mention stands for.

Works on the shared spaCy parse only. A reporting cue is a speech verb ("said", "told", "was
quoted as saying", "tweeted"), a preposition of attribution ("according to X", "per X"), or a
verb whose object is an utterance ("made the following comment"). Its speaker is the cue's
subject, the agent of a passive ("reported by the Journal"), or, for "was quoted as saying", the
passive subject. A speaker mention is then resolved to a name: a surname to the fullest name the
article gives, a pronoun to the last compatible named speaker, a title ("the ambassador") to the
person the article gives that title, "the report" to the last outlet named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from nameparser.config import CONSTANTS as NAME_CONSTANTS

from pipeline.extract.layout import outlets
from pipeline.lexicons import entry_set, rows

# Lemmas of cue verbs with their class (lexicons/speech_verbs.tsv): every one cues reported speech;
# those marked quote_cue also tag quotes.
CUE_CLASSES: dict[str, str] = {r["lemma"]: r["class"] for r in rows("speech_verbs.tsv")}
SPEECH_VERBS = frozenset(r["lemma"] for r in rows("speech_verbs.tsv") if r["quote_cue"] == "yes")
# Classes whose noun object is what was said, judged or shown: "denied the report", "criticized the
# plan", "surveys show a clear lead".
OBJECT_CUES = frozenset({"announce", "judge", "indicate"})
# Classes whose infinitive is the content: "refused to testify", "urged the council to vote".
INFINITIVE_CUES = frozenset({"announce", "intend"})
# Verbs that name a thing in quote marks: the quote is a scare quote.
NAMING_VERBS = entry_set("naming_verbs.txt")
# Nouns of an utterance ("made the following comment", "in a statement") and of a content clause
# ("the claim that ...").
SPEECH_NOUNS = frozenset(r["noun"] for r in rows("speech_nouns.tsv") if r["kind"] == "utterance")
SAYING_NOUNS = frozenset(r["noun"] for r in rows("speech_nouns.tsv") if r["kind"] == "content")
UTTERING_VERBS = entry_set("uttering_verbs.txt")


def _heads(kind: str) -> frozenset[str]:
    return frozenset(r["head"] for r in rows("speaker_heads.tsv") if r["kind"] == kind)


# "A source", "officials", "people familiar with": nobody named.
ANON_HEADS = _heads("anonymous")
PUBLICATION_HEADS = _heads("publication")
ORG_HEADS = _heads("organization")
FEMALE_WORDS = frozenset(r["word"] for r in rows("gender_words.tsv") if r["gender"] == "f")
MALE_WORDS = frozenset(r["word"] for r in rows("gender_words.tsv") if r["gender"] == "m")
_TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {}
for _r in rows("title_abbreviations.tsv"):
    if _r["title"]:
        _TITLE_ABBREVIATIONS[_r["title"]] = _TITLE_ABBREVIATIONS.get(_r["title"], ()) + (_r["abbreviation"],)
_PRONOUN_GENDER = {"masculine": "m", "feminine": "f"}
PERSON_PRONOUNS = {r["pronoun"]: _PRONOUN_GENDER[r["gender"]] for r in rows("pronouns.tsv")
                   if r["gender"] in _PRONOUN_GENDER and r["case"] in ("subject", "object")}
RELATIVE = frozenset(r["pronoun"] for r in rows("pronouns.tsv") if r["case"] == "relative") - {"whose"}
_HONORIFIC = re.compile(r"^(?:%s)\.?$" % "|".join(sorted({re.escape(r["abbreviation"]) for r in rows("title_abbreviations.tsv")},
                                                       key=len, reverse=True)))


@dataclass
class Speaker:
    text: str            # the mention as written
    start: int
    end: int
    head: object         # spaCy token: the mention's head
    cue: str             # the reporting construction, as written


def is_cue_verb(tok) -> bool:
    if tok.lemma_.lower() == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        return True  # "he points out"
    if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
        return tok.lemma_.lower() != "put" or any(c.lower_ == "it" for c in tok.children)
    # "made the following comment", "issued a statement"
    if tok.pos_ != "VERB":
        return False
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS:
            after = tok.doc[c.i + 1] if c.i + 1 < len(tok.doc) else None
            # "issued a statement"; any verb when the utterance follows a colon ("a new message: …")
            if tok.lemma_.lower() in UTTERING_VERBS or (after is not None and after.text == ":"):
                return True
    return False


_STOPS = {",", "(", "—", "–", "―", ":", ";", '"', "“", "”", "‘", "’"}


def phrase_tokens(head) -> list:
    """The speaker mention: the subject's noun phrase without relative clauses or appositions."""
    if head.pos_ == "PRON":
        return [head]
    keep = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "appos", "acl", "punct", "advcl", "parataxis", "dep") or child.i > head.i and \
                child.dep_ in ("cc", "conj") and any(t.text in ",(" for t in head.doc[head.i:child.i]):
            continue
        keep.extend(child.subtree)
    keep.sort(key=lambda t: t.i)
    # the mention is contiguous and stops at a comma or bracket after the head
    lo = hi = keep.index(head)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1 and keep[lo - 1].text not in _STOPS:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1 and keep[hi + 1].text not in _STOPS:
        hi += 1
    toks = keep[lo:hi + 1]
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc"):
        toks = toks[1:]
    if len(toks) > 14:  # a whole clause came with it: keep the name around the head
        toks = [t for t in head.subtree if t.dep_ in ("compound", "flat") or t.i == head.i]
    return toks or [head]


def _subject_of(verb, avoid=lambda pos: False):
    """The subject token of a reporting verb, following the clause up when the verb has no subject of
    its own ("said, adding that ...", "was quoted as saying"); None when there is none."""
    tok, steps = verb, 0
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if verb.tag_ == "VBG" and prev is not None and prev.pos_ == "PROPN" and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return prev  # "footage of Jane Doe asking, “…”"
    while tok is not None and steps < 4:
        lemma = tok.lemma_.lower()
        children = list(tok.children)
        agent = next((c for c in children if c.dep_ == "agent"), None)
        if agent is not None and lemma not in ("quote", "cite"):
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        # the parse took a word of the quote, or a dash, for a subject: skip it; of two subjects the
        # one next to the verb is the speaker
        subjects = [c for c in children if not avoid(c.idx) and any(ch.isalnum() for ch in c.text) and (
            c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and lemma in ("quote", "cite", "hear", "catch")))]
        if subjects:
            c = min(subjects, key=lambda c: abs(c.i - tok.i))
            if c.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            if c.dep_ == "csubj" or c.lower_ in ("what", "this", "that", "there"):
                return None
            return c
        if tok.dep_ == "acl" and (tok.head.pos_ == "PROPN" or tok.head.lemma_.lower() in ANON_HEADS):
            return tok.head  # "Brown, saying …": the gerund describes its noun
        if tok.dep_ in ("xcomp", "advcl", "conj", "pcomp", "prep", "ccomp") and tok.head.i != tok.i:
            # an infinitive or gerund inherits its governor's subject; a ccomp does not unless it is
            # a bare gerund chain ("as saying")
            if tok.dep_ == "ccomp" and steps == 0:
                return None
            tok = tok.head
            steps += 1
            continue
        return None
    return None


def _cue_text(verb) -> str:
    """The reporting construction as written: "said", "has denied", "was quoted as saying"."""
    doc = verb.doc
    toks = [t for t in verb.subtree if t.dep_ in ("aux", "auxpass", "neg", "prt") and t.head.i == verb.i] + [verb]
    if verb.lemma_.lower() == "say" and verb.head.lemma_.lower() in ("quote", "cite") and verb.head.i != verb.i:
        toks = [verb.head] + [t for t in doc[verb.head.i + 1:verb.i] if t.lower_ in ("as", "to")] + [verb]
    elif verb.lemma_.lower() == "quote":  # "was quoted as saying"
        toks += [t for t in doc[verb.i + 1:verb.i + 3] if t.lower_ in ("as", "saying")]
    toks.sort(key=lambda t: t.i)
    return " ".join(t.text for t in toks)


def _left_noun_phrase(verb, floor: int):
    """The noun phrase right before a verb, when the parse gave the verb no usable subject (it
    glued the paragraph to the one before): "The WSJ reports ..." -> WSJ."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None  # "he was called": the one spoken of, not the speaker
    i = verb.i - 1
    while i >= 0 and verb.doc[i].idx >= floor and verb.doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i < 0 or verb.doc[i].idx < floor or verb.doc[i].pos_ not in ("PROPN", "NOUN"):
        return None
    return verb.doc[i]


def speaker_over(doc, toks, head, cue: str) -> Speaker | None:
    """A Speaker over tokens, trimmed of markup and punctuation left at its edges."""
    span = doc[toks[0].i:toks[-1].i + 1]
    text = span.text
    lead = len(text) - len(text.lstrip("\"“”'‘’<>=/()[]:;,.-–— "))
    text = text[lead:].rstrip("\"“”‘<>=/([:;,–— ")
    if not any(ch.isalnum() for ch in text):
        return None
    start = span.start_char + lead
    return Speaker(text, start, start + len(text), head, cue)


# Verbs that put their speaker after them when they follow the quote: "“…,” added the PM".
INVERTING_VERBS = frozenset(r["lemma"] for r in rows("speech_verbs.tsv") if r["inverts"] == "yes")


def _inverted_speaker(verb, avoid):
    """"“…,” added the PM": the parse often takes the speaker after the verb for its object."""
    if verb.lemma_.lower() not in INVERTING_VERBS:
        return None
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "nsubj") and \
                c.pos_ in ("NOUN", "PROPN") and not avoid(c.idx):
            return c
    return None


def speaker_for_cue(tok, floor: int = 0, ceiling: int | None = None, avoid=lambda pos: False,
                    inverted: bool = False) -> Speaker | None:
    """The speaker of a reporting cue token (a speech verb, 'according', 'per'), or None. The speaker
    must lie within [floor, ceiling) - the cue's paragraph - and outside quotes (`avoid`), whatever
    the parse says. `inverted`: the cue comes right after the quote, so "said the PM" is possible."""
    doc = tok.doc
    ceiling = len(doc.text) if ceiling is None else ceiling
    low = tok.lower_
    if low in ("according", "per") or (low == "to" and tok.head.lower_ == "according"):
        prep = tok if low == "per" else next((c for c in tok.children if c.lower_ == "to"), tok)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        if low == "per" and not (pobj.pos_ == "PROPN" or pobj.ent_type_ in ("PERSON", "ORG")):
            return None  # "per cent", "per year"
        toks = phrase_tokens(pobj)
        return speaker_over(doc, toks, pobj, "according to" if low != "per" else "per")
    subj = _subject_of(tok, avoid)
    left = _left_noun_phrase(tok, floor)
    if subj is not None and left is not None and subj.i < left.i and not avoid(left.idx) and \
            any(t.text == "," for t in doc[subj.i:left.i]) and left.pos_ == "PROPN":
        # "… advisers from Venezuela, The Wall Street Journal reported": the name right before the
        # verb, after a comma, is the speaker, whatever the parse attached it to
        subj = left
    if subj is None and inverted:
        subj = _inverted_speaker(tok, avoid)
    if subj is None or not floor <= subj.idx < ceiling:
        # the parse lost the subject (or took it from the paragraph before): "… ,” NAME said"
        subj = _left_noun_phrase(tok, floor)
        if subj is not None and avoid(subj.idx):
            subj = None
    if subj is None:
        return None
    toks = [t for t in phrase_tokens(subj) if floor <= t.idx < ceiling] or [subj]
    return speaker_over(doc, toks, subj, _cue_text(tok))


# Lower-case particles inside a name ("Ana de la Cruz", "Jan van Dijk"): nameparser's list of name prefixes.
_NAME_PARTICLES = frozenset(p for p in NAME_CONSTANTS.prefixes if p.isalpha())


def dash_speaker(doc, after: int, limit: int) -> Speaker | None:
    """"… ” ― Dana Okoro": a name after a dash right behind the closing mark."""
    m = re.match(r"[^\S\n]*[―—–-]{1,2}[^\S\n]*", doc.text[after:limit])
    if not m:
        return None
    s = after + m.end()
    # a name is at most six words: no need to map the rest of the paragraph to tokens
    span = doc.char_span(s, min(limit, s + 200), alignment_mode="expand")
    if span is None or not len(span):
        return None
    toks = []
    for t in span:
        if t.is_punct and t.text not in ".'’-" or t.is_space:
            break
        if not (t.is_title or t.is_upper or t.text in ".'’-" or t.lower_ in _NAME_PARTICLES):
            break
        toks.append(t)
    while toks and toks[-1].text in ".'’-":
        toks.pop()
    if not toks or len(toks) > 6 or toks[0].is_stop:
        return None
    # a name: the model says so, or nothing but punctuation follows it on its line
    rest = doc.text[toks[-1].idx + len(toks[-1]):limit]
    if not (any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in toks) or not rest.strip(" .,;\u00a0")):
        return None
    return Speaker(doc[toks[0].i:toks[-1].i + 1].text, toks[0].idx, toks[-1].idx + len(toks[-1]), toks[-1],
                   m.group().strip())


# --- resolution -----------------------------------------------------------------------------------


@dataclass
class NamedMention:
    text: str
    start: int
    end: int
    label: str
    is_subject: bool


class Resolver:
    """Names for speaker mentions of one article, from its entity rows and parse."""

    def __init__(self, doc, entities: list[dict]):
        self.doc = doc
        self.text = doc.text
        ents = sorted((e for e in entities if e.get("label") in ("PERSON", "ORG", "GPE", "NORP")),
                      key=lambda e: (e["start"], e["end"]))
        self.mentions = []
        for e in ents:
            span = doc.char_span(e["start"], e["end"], alignment_mode="expand")
            subj = span is not None and any(t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "conj" and
                                            t.head.dep_ in ("nsubj", "nsubjpass") for t in span)
            self.mentions.append(NamedMention(e["text"], e["start"], e["end"], e["label"], subj))
        self.persons = [m for m in self.mentions if m.label == "PERSON"]
        self._sents = [(x.start_char, x.end_char) for x in doc.sents] if doc.has_annotation("SENT_START") else []
        self._weak_gender: dict[str, str] = {}
        self._gender = self._genders()
        self._outlet_re = re.compile(rf"\b(?:{outlets.alias_pattern()})\b") if outlets.alias_pattern() else None

    # A person's gender, when the article shows it: an honorific, a gendered role word right
    # before or after the name.
    def _genders(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for m in self.persons:
            last = m.text.split()[-1]
            before = self.text[max(0, m.start - 25):m.start].lower().split()[-1:]
            after = self.text[m.end:m.end + 40]
            # "Mrs. Ruiz", "actress Jane Doe", "Jane Doe, a spokeswoman for ..."
            words = before + (after.lower().split()[:4] if after.startswith(",") else [])
            if any(w.strip(",.") in FEMALE_WORDS for w in words):
                out.setdefault(last, "f")
            elif any(w.strip(",.") in MALE_WORDS for w in words):
                out.setdefault(last, "m")
        # weaker evidence: a person in subject position, then only "he/his/him" (or only "she/her")
        # in the rest of the sentence and the next one: "Clarke said his company ..."
        votes: dict[str, list[int]] = {}
        for m in self.persons:
            if not m.is_subject:
                continue
            window = self.text[m.end:self._sentence_end(m.end, 1)].lower()
            he = len(re.findall(r"\b(?:he|his|him|himself)\b", window))
            she = len(re.findall(r"\b(?:she|her|hers|herself)\b", window))
            v = votes.setdefault(m.text.split()[-1], [0, 0])
            v[0] += he > 0 and she == 0
            v[1] += she > 0 and he == 0
        self._weak_gender = {last: "m" if mv > fv else "f" for last, (mv, fv) in votes.items() if mv != fv}
        return out

    def _sentence_end(self, pos: int, n: int) -> int:
        """End of the n-th sentence end after pos."""
        ends = [e for _, e in self._sents if e > pos][:n]
        return ends[-1] if ends else len(self.text)

    def gender_of(self, name: str | None, weak: bool = True) -> str | None:
        """'m', 'f' or None; `weak` also takes the pronouns that follow the name as evidence."""
        if not name:
            return None
        last = name.split()[-1]
        return self._gender.get(last) or (self._weak_gender.get(last) if weak else None)

    def learn_gender(self, name: str, pronoun: str) -> None:
        g = PERSON_PRONOUNS.get(pronoun.lower())
        if g and name:
            self._gender.setdefault(name.split()[-1], g)

    def full_name(self, name: str, at: int) -> str:
        """The full PERSON name in the article ending with `name` ("Brown" -> "John Brown"): the one
        the article uses most, then the nearest before `at`."""
        parts = [p for p in name.split() if not _HONORIFIC.match(p)]
        if not parts:
            return name
        tail = " ".join(parts)
        found: dict[str, list] = {}
        for m in self.persons:
            words = [w for w in m.text.split() if not _HONORIFIC.match(w)]
            if len(words) <= len(parts) or " ".join(words[-len(parts):]) != tail:
                continue
            full = " ".join(words)
            entry = found.setdefault(full, [0, (True, 0)])
            entry[0] += 1
            key = (m.start > at, abs(at - m.start))
            if entry[1] == (True, 0) or key < entry[1]:
                entry[1] = key
        if not found:
            return tail
        return min(found, key=lambda f: (-found[f][0], found[f][1], f))

    def entity_at(self, start: int, end: int, head_idx: int | None = None) -> NamedMention | None:
        inside = [m for m in self.mentions if m.start < end and start < m.end]
        if head_idx is not None:
            for m in inside:
                if m.start <= head_idx < m.end:
                    return m
        return None

    def title_holder(self, role: str, at: int) -> str | None:
        """The person the article calls `role` ("Ambassador Vladimir Zayemsky", "Jane Doe, the
        ambassador"), the nearest to `at`."""
        forms = [re.escape(role)] + [re.escape(a) for a in _TITLE_ABBREVIATIONS.get(role.lower(), ())]
        role_re = re.compile(rf"\b(?:{'|'.join(forms)})\b", re.I)
        best, best_key = None, None
        for m in self.persons:
            before = self.text[max(0, m.start - 40):m.start]
            after = self.text[m.end:m.end + 80]
            titled = re.search(rf"\b(?:{'|'.join(forms)})\.?\s+$", before, re.I) is not None
            appos = re.match(r"\s*,\s*(?:the |a |an |[A-Z][\w.’']+(?:’s|'s) )?([^,.;]{0,60})", after)
            if not titled and not (appos and role_re.search(appos.group(1) or "")):
                continue
            key = (abs(at - m.start),)
            if best_key is None or key < best_key:
                best, best_key = self.full_name(m.text, m.start), key
        return best

    def last_organization(self, at: int, head: str, window: int = 1500) -> str | None:
        """The organisation named last before `at` (within `window` characters), one whose name
        contains the head word ("the ministry" -> "Ministry of Health") before any other."""
        before = [m for m in self.mentions if m.label == "ORG" and m.end <= at and at - m.end < window]
        named = [m for m in before if head.lower() in m.text.lower().split()]
        pick = (named or before)[-1:]
        return pick[0].text if pick else None

    def last_outlet(self, at: int) -> str | None:
        if self._outlet_re is None:
            return None
        found = None
        for m in self._outlet_re.finditer(self.text, 0, at):
            found = m
        if found is None:
            return None
        entry = outlets.lookup(found.group())
        return entry.name if entry else found.group()
