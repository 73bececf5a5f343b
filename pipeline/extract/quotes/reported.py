"""Reported speech: attributions without quote marks, as rows of the quotes table.

Each pass finds (cue, content, speaker) triples of one construction, read off the shared parse:
- a cue verb with a clausal complement: "The senator said (that) the deal was dead", "Investigators
  believe the fire was set", "The company denied wrongdoing" (a noun object of a verb that takes
  one), content before the cue ("The deal is dead, the senator said"), and content running to the
  end of the paragraph after "X said:";
- "according to X": the clause the phrase attaches to;
- nouns of saying with a content clause: "the senator's claim that ...", "a statement by X that ...".

The speaker is found as for quotes (attribution.speaker_for_cue); a triple without one is dropped,
so passives with no agent ("it was reported that") and literal uses with no clause ("said on
Tuesday") make no row. Content mostly inside quote marks is left to the direct quote that covers
it; a partial quote inside reported content merges into one row of form `mixed`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.quotes.article import FOLLOWING_RE, Article, Attributed, in_quotes, quote_row
from pipeline.extract.quotes.attribution import (ANON_HEADS, CUE_CLASSES, INFINITIVE_CUES, OBJECT_CUES, SPEECH_VERBS,
                                                 Speaker, phrase_tokens, speaker_for_cue, speaker_over)
from pipeline.extract.quotes.cues import cue_spans
from pipeline.extract.quotes.marks import QUOTE_CHARS
from pipeline.extract.quotes.naming import kind_and_name
from pipeline.lexicons import rows


@dataclass
class Reported:
    start: int           # content, character offsets
    end: int
    cue: object          # the cue token
    speaker: Speaker


_PREPOSITIONS = {r["preposition"]: r["use"] for r in rows("content_prepositions.tsv")}
_LEAD_WORDS = frozenset(r["word"] for r in rows("clause_words.tsv") if r["role"] == "complementizer")


def _content_span(doc, toks) -> tuple[int, int] | None:
    """Character span of tokens (contiguous run), without a leading "that" or edge punctuation; None
    for a relative clause ("according to which ...": the content is the antecedent, elsewhere)."""
    toks = sorted(toks, key=lambda t: t.i)
    if toks and toks[0].tag_ in ("WDT", "WP") and toks[0].lower_ in ("which", "who", "whom"):
        return None
    while toks and (toks[0].is_punct or toks[0].lower_ in _LEAD_WORDS or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text not in "”\"’":
        toks = toks[:-1]
    if not toks or len(toks) == 1 and toks[0].pos_ not in ("PROPN", "NOUN"):
        return None  # "cited it": a pronoun is no content to show
    return toks[0].idx, toks[-1].idx + len(toks[-1])


def _clause_tokens(head, skip):
    """The subtree of `head` without the subtrees rooted at tokens of `skip`."""
    drop = set()
    for s in skip:
        drop.update(t.i for t in s.subtree)
    return [t for t in head.subtree if t.i not in drop]


def _in_sentence(toks, sent):
    return [t for t in toks if sent.start <= t.i < sent.end]


_MODALS = frozenset(r["word"] for r in rows("clause_words.tsv") if r["role"] == "hypothetical_modal")
# The writer ("I guess", "we reported") outside quote marks is no source reported in the news.
_WRITER = frozenset(r["word"] for r in rows("clause_words.tsv") if r["role"] == "writer_pronoun")


def _hypothetical(verb) -> bool:
    """"would think", "to prove": a cue that reports nothing said, only what might be or is sought."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a in _MODALS for a in aux) or (verb.tag_ == "VB" and "to" in aux)


def _inverted_tag(verb, comp) -> bool:
    """"The mayor described the plan, the clerk said": the parse took the tag that follows for the
    complement of the cue before it."""
    return comp.i > verb.i and _is_tag(comp)


def _is_tag(tok) -> bool:
    """A speech verb with its own subject and nothing said after it: "..., the mayor said", "..., said
    the mayor"."""
    return tok.lemma_.lower() in SPEECH_VERBS and (any(c.dep_ == "nsubj" for c in tok.children) or
                                                  tok.left_edge.i == tok.i) \
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > tok.i for c in tok.children) \
        and len(list(tok.subtree)) <= 12


def _lost_clause(verb, c) -> bool:
    """"said after the vote he would resign": a clause with its own subject and no subordinator,
    right after the cue, which the parse hung on as an adverbial instead of the complement."""
    return c.dep_ == "advcl" and c.i > verb.i and c.tag_ not in ("VBG", "VBN") and \
        any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) and \
        not any(x.dep_ == "mark" or x.lower_ in ("when", "where", "as", "while", "if", "because", "since")
                for x in c.children) and not any(x.is_punct for x in verb.doc[verb.i + 1:c.left_edge.i])


def _said_after(verb, comp) -> bool:
    """A clause before the cue is not its content when the cue takes an object, clause or infinitive
    after it: "In a new clip, the singer performs a song": the parse took the setting for the content."""
    return comp.i < verb.i and any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") and c.i > verb.i and
                                   _same_paragraph(verb, c) for c in verb.children)


def _same_paragraph(a, b) -> bool:
    """No line break between two tokens: the parse's sentences may run over a paragraph's end."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[lo:hi])


def _without(verb) -> bool:
    """"it goes without saying that", "left without commenting on": a cue after "without" reports
    nothing said. (A cue negated by "not" often still reports: "did not deny that ...".)"""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without"


def _shouted(text: str) -> bool:
    """Capitals only: a headline or a caption, whose parse is not to be trusted."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _complement(verb, cls: str) -> list:
    """Tokens of what the cue verb reports: its clause; else, by class, what follows it of its noun
    object ("denied the report"), infinitive ("urged voters to stay home"), content preposition
    ("accused her of lying") and object predicate ("called the plan a disgrace"); [] when none."""
    kids = list(verb.children)
    for c in kids:
        if c.dep_ == "ccomp" and not _inverted_tag(verb, c) and not _said_after(verb, c):
            return list(c.subtree)
    for c in kids:
        if _lost_clause(verb, c):
            return list(c.subtree)
    if cls in OBJECT_CUES and any(c.dep_ == "agent" for c in kids):
        # "Jones was endorsed by three papers": the passive subject is what was judged
        return [t for c in kids if c.dep_ == "nsubjpass" for t in c.subtree]
    parts = [c for c in kids if c.i > verb.i and _complement_part(verb, c, cls)]
    if not parts or all(c.dep_ in ("dobj", "oprd") for c in parts) and cls not in OBJECT_CUES and \
            not (verb.lemma_.lower() == "call" and any(c.dep_ == "oprd" for c in parts)):
        return []  # "told the dog": a hearer is not what was said
    parts += _object_modifiers(verb, parts, cls)
    toks = [t for c in parts for t in c.subtree]
    return [t for t in toks if not (t.dep_ == "prep" and t.head.i == verb.i and t.i == min(x.i for x in toks))]


# Prepositions that go on describing a noun ("endorsements from mayors", "remarks about her"), not
# the setting of the act (in, at, during, since).
_NOUN_PREPOSITIONS = frozenset(p for p, use in _PREPOSITIONS.items() if use in ("noun_modifier", "any_cue", "not_after_say"))


def _object_modifiers(verb, parts, cls: str) -> list:
    """"cited his endorsements from 88 mayors": phrases right after a noun object that the parse hung
    on the verb still describe the object, up to the first comma."""
    obj = next((c for c in parts if c.dep_ == "dobj"), None)
    if obj is None or cls not in OBJECT_CUES:
        return []
    out, end = [], obj.right_edge.i
    for c in verb.children:
        if c.i <= end or c in parts:
            continue
        if c.dep_ != "prep" or c.lower_ not in _NOUN_PREPOSITIONS or _names_time(c) or \
                any(x.is_punct for x in verb.doc[end + 1:c.i]):
            break  # "attacked him in a speech", "denied it on Monday": the setting is the reporter's
        out.append(c)
        end = c.right_edge.i
    return out


# Prepositions that go on with a noun object: "cited the vote as proof", "likened the plan to a
# trap", "condemned the raid, including its timing".
_AFTER_OBJECT = frozenset(p for p, use in _PREPOSITIONS.items() if use == "after_object")


def _complement_part(verb, c, cls: str) -> bool:
    if c.dep_ == "dobj":
        return c.tag_ not in ("WP", "WDT") and c.lemma_.lower() not in ANON_HEADS  # not "citing a source"
    if c.dep_ == "oprd":
        return True
    if c.dep_ == "xcomp":
        # "declined to comment", "refused to say": an intention to speak (or not) reports no content
        return (cls in INFINITIVE_CUES or verb.lemma_.lower() == "call") and c.pos_ in ("VERB", "AUX") \
            and not (cls == "intend" and CUE_CLASSES.get(c.lemma_.lower()) == "say")
    if c.dep_ in ("prep", "advcl") and c.lower_ in _AFTER_OBJECT or c.dep_ == "advcl" and c.tag_ == "VBG" and \
            any(x.lower_ == "as" for x in c.children):
        return any(o.dep_ == "dobj" and o.i < c.i for o in verb.children)
    if c.dep_ == "prep":
        return _content_preposition(c, cls) or (verb.lemma_.lower() == "call" and c.lower_ in ("for", "on")
                                                and not _names_time(c))
    return False


# Prepositions whose object is what was said, for any cue ("talked about", "warned against",
# "accused her of"); "on" and "for" only after verbs that are not plain verbs of saying, whose "on"
# is mostly a date ("said on Tuesday") or a medium ("said on television").
_ABOUT = frozenset(p for p, use in _PREPOSITIONS.items() if use == "any_cue")
_ON = frozenset(p for p, use in _PREPOSITIONS.items() if use == "not_after_say")


def _content_preposition(prep, cls: str) -> bool:
    if prep.lower_ in _ABOUT:
        return True
    if prep.lower_ not in _ON or cls == "say":
        return False
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    return pobj is not None and pobj.ent_type_ not in ("DATE", "TIME", "ORG", "GPE", "PERSON")


def _names_time(prep) -> bool:
    """"called it a disgrace on Monday": the preposition gives a date, not what was said."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in prep.children)


def _tag_inside(verb) -> bool:
    """The cue's clause goes on after a comma that follows it: "X, she said, until Y"."""
    after = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("nsubj", "npadvmod")]
    return any(c.text == "," for c in after) and any(not c.is_punct for c in after if c.i > verb.i + 1) and \
        verb.sent.end - 1 > verb.i + 2


def verb_cues(art: Article, avoid) -> list[Reported]:
    """A cue verb and its complement clause (or noun object), either side of the verb."""
    doc = art.doc
    out = []
    for cue in cue_spans(doc):
        t, cls = cue[0], cue.label_
        if cls in ("according_to", "noun") or avoid(t.idx):
            continue
        if t.dep_ == "acl" and t.tag_ == "VBN":
            continue  # "a stream called Silver Brook", "a memo titled": a name or a description, not speech
        if _hypothetical(t) or _without(t):
            continue
        sent = t.sent
        _, p0, p1 = art.para_of(t.idx)
        if t.i + 1 < len(doc) and doc[t.i + 1].text == ":":
            toks = _rest_of_paragraph(art, doc[t.i + 1])  # "X said: ..." to the end of the paragraph
        else:
            toks = _complement(t, cls)
            if toks and toks[0].i < t.i and _tag_inside(t):
                # "The plan, the mayor said, is dead": the content runs on after the tag
                toks = [x for x in sent if x.i >= toks[0].i]
            if not toks and t.dep_ in ("parataxis", "ccomp") and t.head.pos_ in ("VERB", "AUX") \
                    and t.lemma_.lower() in SPEECH_VERBS and t.head.lemma_.lower() not in CUE_CLASSES and any(x.text == "," for x in doc[min(t.i, t.head.i):max(t.i, t.head.i)]):
                # "The deal is dead, the senator said": the parse hangs the cue off the content
                toks = _clause_tokens(t.head, [t])
            if not toks:
                toks = _between_commas(t)
            toks = _in_sentence(toks, sent)
        toks = [x for x in toks if p0 <= x.idx < p1]
        if not toks:
            continue
        span = _content_span(doc, toks)
        if span is None or _shouted(art.text[span[0]:span[1]]):
            continue
        spk = speaker_for_cue(t, p0, p1, avoid)
        if spk is None or spk.head in toks or spk.text.lower() in _WRITER:
            continue
        if toks[0].i == sent.start and t.i > toks[0].i:
            span = (_paragraph_before(art, sent, t, p0, avoid) or span[0], span[1])
        out.append(Reported(span[0], span[1], t, spk))
    return out


_DOUBLE_MARKS = frozenset(QUOTE_CHARS) - {"'", "’", "‘"}  # single marks are mostly apostrophes


def _paragraph_before(art: Article, sent, t, p0: int, avoid) -> int | None:
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


def _between_commas(verb) -> list:
    """"The clerks, Jones explained at the hearing, were well paid": a tag set off by commas inside
    the sentence it reports, which the parse often makes the root. The content is the sentence, when
    a noun phrase comes before the tag and a predicate after it, and the cue takes nothing itself."""
    if verb.lemma_.lower() not in SPEECH_VERBS or any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i
                                                       for c in verb.children):
        return []
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


def _rest_of_paragraph(art: Article, colon) -> list:
    _, _, p1 = art.para_of(colon.idx)
    span = art.doc.char_span(colon.idx + 1, p1, alignment_mode="contract")
    return list(span) if span is not None else []


def according_to(art: Article, avoid) -> list[Reported]:
    """"According to X, the talks stalled": the clause the phrase belongs to."""
    doc = art.doc
    out = []
    for cue in cue_spans(doc):
        t = cue[0]
        if cue.label_ != "according_to" or avoid(t.idx):
            continue
        to = next((c for c in t.children if c.lower_ == "to"), None)
        if to is None:
            continue
        head = t.head if t.head.i != t.i else None
        if head is None:
            continue
        _, p0, p1 = art.para_of(t.idx)
        toks = [x for x in _in_sentence(_clause_tokens(head, [t]), t.sent) if p0 <= x.idx < p1]
        span = _content_span(doc, toks)
        if span is None:
            continue
        spk = speaker_for_cue(t, p0, p1, avoid)
        if spk is None:
            continue
        out.append(Reported(span[0], span[1], t, spk))
    return out


def saying_nouns(art: Article, avoid) -> list[Reported]:
    """"X's claim that ...", "a statement by X that ...": a noun of saying with a content clause."""
    doc = art.doc
    out = []
    for cue in cue_spans(doc):
        t = cue[0]
        if cue.label_ != "noun" or avoid(t.idx):
            continue
        clause = next((c for c in t.children if c.dep_ in ("acl", "ccomp", "relcl") and
                       any(x.lower_ == "that" and x.dep_ == "mark" for x in c.children)), None)
        if clause is None:
            continue
        src = next((c for c in t.children if c.dep_ == "poss"), None)
        if src is None:
            by = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
            src = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if src is None and t.dep_ in ("dobj", "pobj"):
            verb = t.head if t.dep_ == "dobj" else t.head.head
            src = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if src is None or avoid(src.idx) or src.lower_ in ("what", "which", "that"):
            continue
        _, p0, p1 = art.para_of(t.idx)
        toks = [x for x in _in_sentence(list(clause.subtree), t.sent) if p0 <= x.idx < p1]
        span = _content_span(doc, toks)
        if span is None:
            continue
        spk = speaker_over(doc, [x for x in phrase_tokens(src) if x.dep_ != "case"], src, t.text)
        if spk is not None:
            out.append(Reported(span[0], span[1], t, spk))
    return out


# A headline that gives its source before a colon: "Mayor Brown: Budget Will Pass".
_HEADLINE_SOURCE_RE = re.compile(r"^([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+(\S.*\S)[ \t]*$")


def headline_source(art: Article, avoid) -> list[Reported]:
    """A headline "Name: what they said", when the name is a person or organisation."""
    out = []
    for block in art.layout.blocks:
        if block.kind != "title":
            continue
        m = _HEADLINE_SOURCE_RE.match(art.text[block.start:block.end])
        if m is None:
            continue
        s, e = block.start + m.start(1), block.start + m.end(1)
        span = art.doc.char_span(s, e, alignment_mode="expand")
        # the entity rows leave headlines out: the model's own entities say whether it is a name
        if span is None or not any(s <= x.start_char and x.end_char == e and x.label_ in ("PERSON", "ORG")
                                   for x in art.doc.ents):
            continue
        spk = Speaker(m.group(1), s, e, span.root, ":")
        out.append(Reported(block.start + m.start(2), block.start + m.end(2), span.root, spk))
    return out


PASSES = (verb_cues, according_to, saying_nouns, headline_source)


def reported_rows(art: Article, quote_rows: list[dict], quote_spans, history: list[Attributed]) -> list[dict]:
    """Rows of reported speech; partial and scare quotes inside reported content are merged into them
    (removed from quote_rows in place)."""
    avoid = lambda pos: in_quotes(pos, quote_spans)  # noqa: E731
    found = [r for p in PASSES for r in p(art, avoid)]
    found.sort(key=lambda r: (r.start, -r.end))
    whole = [(q["start"], q["end"]) for q in quote_rows if q["form"] in ("direct", "block")]
    quoted = [(q["start"], q["end"]) for q in quote_rows]
    rows, seen = [], set()
    for r in found:
        if (r.start, r.end) in seen:
            continue
        seen.add((r.start, r.end))
        inside = sum(max(0, min(e, r.end) - max(s, r.start)) for s, e in whole)
        marked = [max(0, min(e, r.end) - max(s, r.start)) for s, e in quoted]
        if inside * 2 >= r.end - r.start or sum(marked) * 5 >= 4 * (r.end - r.start):
            continue  # the words are quoted: the quote is the attribution
        if FOLLOWING_RE.search(art.text[r.start:r.end]):
            continue  # "reports the following details": the block quote after it is the content
        if sum(m > 0 for m in marked) > 1 and any(s < r.start + 3 for (s, _), m in zip(quoted, marked) if m):
            continue  # "“A,” he said, “B”": a quote split by its tag, not reported speech
        k, _, _ = art.para_of(r.start)
        before = [h for h in history if h.pos < r.start]
        name, kind = kind_and_name(art, r.speaker, r.start, before)
        att = Attributed(r.speaker.text, r.speaker.start, r.speaker.end, name, kind, r.speaker.cue,
                         pos=r.start, para=k)
        # words in quote marks inside the content (kept as a quote or not): reported speech with a
        # partial quote
        form = "mixed" if any(r.start <= s and e <= r.end + 1 for s, e in quote_spans) else "reported"
        # a partial or scare quote of the same speaker inside the content is the same attribution:
        # "called the plan “a disgrace”" is one row
        # (a scare quote only with its own naming verb)
        inner = [q for q in quote_rows if (q["form"] == "partial" or q["form"] == "scare" and q["cue"] == r.cue.text)
                 and r.start <= q["start"] and q["end"] <= r.end + 2 and _same_source(q, att)]
        if any(q["form"] == "scare" for q in inner) and _names_antecedent(r.cue):
            continue  # "what it called “…”": the scare quote is the attribution
        for q in inner:
            quote_rows.remove(q)
            form = "mixed"
            q_end = _past_mark(art.text, q["end"])
            r.start, r.end = min(r.start, q["start"]), max(r.end, q_end)
        row = quote_row(art, _Span(r.start, r.end), form, att)
        row["in_body"] = any(p0 <= r.start < p1 for p0, p1 in art.paras)  # false for a headline's source
        rows.append(row)
    return rows


def _past_mark(text: str, end: int) -> int:
    """The end of a quote with its closing mark, one character or two ('' in some newsroom text)."""
    for _ in range(2):
        if text[end:end + 1] in QUOTE_CHARS and text[end:end + 1]:
            end += 1
            if text[end - 1] != "'":
                break
    return end


def _names_antecedent(verb) -> bool:
    """"what it called", "which she described as": the thing named is outside the content."""
    if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
        return True
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    first = subj.left_edge.i if subj is not None and subj.i < verb.i else verb.i
    return first > 0 and verb.doc[first - 1].tag_ in ("WP", "WDT")


def _same_source(row: dict, att: Attributed) -> bool:
    """The quote inside reported content is the same attribution: the same speaker mention or name."""
    return (row["speaker_start"] is not None and row["speaker_start"] == att.start) or \
        (row["speaker_name"] is not None and row["speaker_name"] == att.name)


@dataclass
class _Span:
    start: int
    end: int
