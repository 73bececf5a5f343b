"""Reported speech: attributions without quote marks, as rows of the quotes table.

Each pass finds (cue, content, speaker) triples of one construction, read off the shared parse:
- a cue verb with a clausal complement: "The senator said (that) the deal was dead", "Investigators
  believe the fire was set", "The company denied wrongdoing" (a noun object of a verb that takes
  one), content before the cue ("The deal is dead, the senator said"), and content running to the
  end of the paragraph after "X said:";
- "according to X": the clause the phrase attaches to;
- nouns of saying with a content clause: "the senator's claim that ...", "a statement by X that ...";
- headlines (pipeline.extract.quotes.headlines). Where a tag sits against its content (after it,
  inside it, an "as" aside) is read in pipeline.extract.quotes.tags.

The speaker is found as for quotes (attribution.speaker_for_cue); a triple without one is dropped,
so passives with no agent ("it was reported that") and literal uses with no clause ("said on
Tuesday") make no row. Content mostly inside quote marks is left to the direct quote that covers
it; a partial quote inside reported content merges into one row of form `mixed`.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.quotes.article import FOLLOWING_RE, Article, Attributed, Reported, in_quotes, quote_row
from pipeline.extract.quotes.attribution import (ANON_HEADS, CUE_CLASSES, INFINITIVE_CUES, OBJECT_CUES, SPEECH_VERBS,
                                                 phrase_tokens, speaker_for_cue, speaker_over)
from pipeline.extract.quotes.cues import cue_spans
from pipeline.extract.quotes.headlines import headline_cue, headline_source
from pipeline.extract.quotes.marks import QUOTE_CHARS
from pipeline.extract.quotes.naming import kind_and_name
from pipeline.extract.quotes.tags import (as_aside, as_inside, between_commas, hearer, inverted_tag, paragraph_before,
                                          tag_inside)
from pipeline.lexicons import rows


def _prepositions(use: str) -> frozenset[str]:
    return frozenset(r["preposition"] for r in rows("content_prepositions.tsv") if r["use"] == use)


_LEAD_WORDS = frozenset(r["word"] for r in rows("clause_words.tsv") if r["role"] == "complementizer")


def _content_span(doc, toks) -> tuple[int, int] | None:
    """Character span of tokens (contiguous run), without a leading "that" or edge punctuation; None
    for a relative clause ("according to which ...": the content is the antecedent, elsewhere)."""
    toks = sorted(toks, key=lambda t: t.i)
    if toks and toks[0].tag_ in ("WDT", "WP") and toks[0].lower_ in ("which", "who", "whom"):
        return None
    while toks and (toks[0].is_punct or toks[0].lower_ in _LEAD_WORDS or toks[0].is_space):
        if toks[0].text in QUOTE_CHARS and any(t.text in QUOTE_CHARS for t in toks[1:]):
            break  # an opening mark whose closing one is in the content stays with it
        toks = toks[1:]
    if toks and toks[0].i > 0 and doc[toks[0].i - 1].text in QUOTE_CHARS and \
            sum(t.text in QUOTE_CHARS for t in toks) % 2:
        toks = [doc[toks[0].i - 1]] + toks  # ... and so does one the parse left out before it
    if toks and toks[-1].i + 1 < len(doc) and doc[toks[-1].i + 1].text in QUOTE_CHARS and \
            sum(t.text in QUOTE_CHARS for t in toks) % 2:
        toks = toks + [doc[toks[-1].i + 1]]  # ... or after it
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc") and toks[-1].text not in "”\"’":
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
# "appeared to suggest", "continued to insist", "went on to explain": an infinitive cue that did happen.
_ASPECT = frozenset(r["word"] for r in rows("clause_words.tsv") if r["role"] == "aspect_verb")
# The writer ("I guess", "we reported") and the reader or anybody ("as you know", "as everyone knows")
# outside quote marks are no source reported in the news.
_WRITER = frozenset(r["word"] for r in rows("clause_words.tsv") if r["role"] in ("writer_pronoun", "reader_pronoun"))


def _hypothetical(verb) -> bool:
    """"would think", "to prove": a cue that reports nothing said, only what might be or is sought
    (but "appeared to suggest", "continued to insist" did report)."""
    aux = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(a in _MODALS for a in aux) or _under_modal(verb) or \
        (verb.tag_ == "VB" and "to" in aux and not _went_on_to_say(verb))


def _went_on_to_say(verb) -> bool:
    """"appeared to suggest", "continued to call for", "went on to explain": a verb of saying or
    judging in the infinitive of an aspect verb was said ("seems to think", "continue to show
    signs" are too often no report)."""
    head = verb.head
    if verb.dep_ not in ("xcomp", "advcl") or CUE_CLASSES.get(verb.lemma_.lower()) not in ("say", "announce", "judge"):
        return False
    if head.lemma_.lower() == "go":  # "went on to explain" happened; "is going to announce" is a future
        return any(c.lower_ == "on" and c.dep_ in ("prt", "advmod", "prep") for c in head.children)
    return head.lemma_.lower() in _ASPECT


def _under_modal(verb) -> bool:
    """"might want to call the plumber, stressing ...": a gerund or infinitive cue that shares its
    governor's subject shares its mood too ("could not help mentioning" did mention)."""
    tok, steps = verb, 0
    while tok.dep_ in ("xcomp", "advcl", "conj") and tok.tag_ in ("VB", "VBG") and tok.head.i != tok.i and steps < 3:
        tok, steps = tok.head, steps + 1
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children) and \
                not any(c.dep_ == "neg" for c in tok.children):
            return True
    return False


def _inverted_condition(clause) -> bool:
    """"should the club fold", "had the river risen": a condition with its auxiliary before the subject."""
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and any(c.dep_ == "aux" and c.i < subj.i for c in clause.children)


def _finite_without_subject(clause) -> bool:
    """"All the coach claims is old news": a finite clause with no subject is no content clause (English
    finite clauses have one); the parse took the sentence the cue sits in for its complement."""
    return clause.tag_ in ("VBZ", "VBP", "VBD", "MD") and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children)


def _lost_clause(verb, c) -> bool:
    """"said after the vote he would resign": a clause with its own subject and no subordinator,
    right after the cue, which the parse hung on as an adverbial instead of the complement."""
    return c.dep_ == "advcl" and c.i > verb.i and c.tag_ not in ("VBG", "VBN") and not _inverted_condition(c) and \
        any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) and \
        not any(x.dep_ == "mark" or x.lower_ in ("when", "where", "as", "while", "if", "because", "since")
                for x in c.children) and not any(x.is_punct for x in verb.doc[verb.i + 1:c.left_edge.i])


def _said_after(verb, comp) -> bool:
    """A clause before the cue is not its content when the cue takes an object, clause or infinitive
    after it: "In a letter home, the principal outlines the rules": the parse took the setting for the content."""
    return comp.i < verb.i and any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") and c.i > verb.i and
                                   _same_paragraph(verb, c) for c in verb.children)


def _same_paragraph(a, b) -> bool:
    """No line break between two tokens: the parse's sentences may run over a paragraph's end."""
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text for t in a.doc[lo:hi])


def _passive_without_agent(verb, cls: str) -> bool:
    """"the form had to be explained", "parents were told": the subject of a passive verb of saying
    is the one addressed or the thing said, and with no "by" nobody is named as the source. ("’s"
    is also "has": "who’s called for" is active.)"""
    return cls == "say" and any(c.dep_ == "auxpass" and c.lower_ not in ("'s", "’s") for c in verb.children) and \
        not any(c.dep_ == "agent" for c in verb.children)


def _without(verb) -> bool:
    """"walked out without saying why", "left without commenting on": a cue after "without" reports
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
        if c.dep_ == "ccomp" and not inverted_tag(verb, c) and not _said_after(verb, c) and \
                not (verb.dep_ == "relcl" and _finite_without_subject(c)):
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
    told = next((c for c in parts if c.dep_ == "xcomp"), None)
    if cls == "say" and told is not None and _told_person(verb, told):
        parts = [c for c in parts if not (c.dep_ == "dobj" and c.i < told.i)]  # "told them to wait": the hearer is out
    if verb.lemma_.lower() == "find" and all(c.dep_ == "dobj" for c in parts):
        return []  # "found a way", "found loopholes": a thing found; "found it unconstitutional" is a finding
    parts += _object_modifiers(verb, parts, cls) + _coordinated_infinitives(verb, parts)
    toks = [t for c in parts for t in c.subtree]
    return [t for t in toks if not (t.dep_ == "prep" and t.head.i == verb.i and t.i == min(x.i for x in toks))]


def _coordinated_infinitives(verb, parts) -> list:
    """"wants to cut taxes, grow the fund and end the levy": infinitives (or gerunds) coordinated with
    the cue's own, which the parse hung on the cue. A bare "grow" cannot go with "wants", so a
    conjunct of the cue with the complement's form and no subject of its own is part of the content."""
    comp = next((c for c in parts if c.dep_ == "xcomp" and c.tag_ in ("VB", "VBG")), None)
    # a base form may be tagged as a present one (VBP): same word, told apart only by the subject
    forms = {"VB", "VBP"} if comp is not None and comp.tag_ == "VB" else {"VBG"}
    if comp is None or verb.tag_ in forms:
        return []
    return [c for c in verb.children if c.dep_ == "conj" and c.i > comp.i and c.tag_ in forms and
            not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)]


# Prepositions that open the setting of the act ("in a speech", "at the hearing", "after the vote").
_SETTING_PREPOSITIONS = _prepositions("setting")


def _object_modifiers(verb, parts, cls: str) -> list:
    """"cited letters of support from 40 teachers": what the parse hung on the verb after a noun
    object still describes the object, up to a comma, a date, an adverbial clause (a time, a purpose)
    or a preposition of setting ("by email", "in a speech")."""
    obj = next((c for c in parts if c.dep_ == "dobj"), None)
    if obj is None or cls not in OBJECT_CUES:
        return []
    out, end = [], obj.right_edge.i
    for c in verb.children:
        if c.i <= end or c in parts:
            continue
        if c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"):
            continue  # "unveiled plans on Monday to widen": the date sits between the noun and its infinitive
        if c.dep_ == "advcl" and c.tag_ == "VB" and CUE_CLASSES.get(obj.lemma_.lower()) == "intend" and \
                any(a.lower_ == "to" for a in c.children if a.dep_ == "aux"):
            out.append(c)  # "unveiled plans to widen": a noun of intending and its infinitive ("cited the
            break          # survey to defend the fee" gives the speaker's purpose)
        if c.dep_ in ("punct", "cc", "advcl") or _names_time(c) or any(x.dep_ == "mark" for x in c.children) or \
                c.dep_ == "prep" and c.lower_ in _SETTING_PREPOSITIONS:
            break  # "attacked him in a speech", "denied it on Monday", "…, when": the setting is the reporter's
        out.append(c)
        end = c.right_edge.i
    return out


# Prepositions that go on with a noun object: "cited the vote as proof", "likened the plan to a
# trap", "condemned the raid, including its timing".
_AFTER_OBJECT = _prepositions("after_object")


def _told_person(verb, xcomp) -> bool:
    """"told his aides to wait", "asked them to leave": an order to a person, whose infinitive is what
    was said; "told the dog to sit" is no report (a hearer is a person: a pronoun, a name, or a noun
    of speaker_heads.tsv)."""
    told = next((c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
    return told is not None and hearer(told) and any(a.lower_ == "to" for a in xcomp.children if a.dep_ == "aux")


def _complement_part(verb, c, cls: str) -> bool:
    if c.dep_ == "dobj":
        return c.tag_ not in ("WP", "WDT") and c.lemma_.lower() not in ANON_HEADS  # not "citing a source"
    if c.dep_ == "oprd":
        return True
    if c.dep_ == "xcomp":
        # "declined to comment", "refused to say": an intention to speak (or not) reports no content
        return (cls in INFINITIVE_CUES or verb.lemma_.lower() == "call" or cls == "say" and _told_person(verb, c)) \
            and c.pos_ in ("VERB", "AUX") and not (cls == "intend" and CUE_CLASSES.get(c.lemma_.lower()) == "say")
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
_ABOUT = _prepositions("any_cue")
_ON = _prepositions("not_after_say")


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
        if _hypothetical(t) or _without(t) or _passive_without_agent(t, cls):
            continue
        sent = t.sent
        _, p0, p1 = art.para_of(t.idx)
        if t.i + 1 < len(doc) and doc[t.i + 1].text == ":":
            toks = _rest_of_paragraph(art, doc[t.i + 1])  # "X said: ..." to the end of the paragraph
        elif cls in ("say", "announce", "conjecture", "indicate") and as_aside(t) and not _complement(t, cls):
            # ("As the mayor talked about jobs, ...": a time, the cue's own content)
            toks = _in_sentence(_clause_tokens(t.head, [t]), sent)  # "As the mayor noted, the budget is late"
        elif cls in ("say", "announce", "conjecture", "indicate") and (inside := as_inside(t)):
            toks = inside
        else:
            toks = _complement(t, cls)
            if toks and toks[0].i < t.i and tag_inside(t):
                # "The plan, the mayor said, is dead": the content runs on after the tag
                toks = [x for x in sent if x.i >= toks[0].i]
            if not toks and t.dep_ in ("parataxis", "ccomp") and t.head.pos_ in ("VERB", "AUX") \
                    and t.lemma_.lower() in SPEECH_VERBS and t.head.lemma_.lower() not in CUE_CLASSES and \
                    not _inverted_condition(t.head) and any(x.text == "," for x in doc[min(t.i, t.head.i):max(t.i, t.head.i)]):
                # "The deal is dead, the senator said": the parse hangs the cue off the content
                toks = _clause_tokens(t.head, [t])
            if not toks:
                toks = between_commas(t)
            toks = _in_sentence(toks, sent)
        toks = [x for x in toks if p0 <= x.idx < p1]
        if not toks:
            continue
        span = _content_span(doc, toks)
        if span is None or _shouted(art.text[span[0]:span[1]]):
            continue
        spk = speaker_for_cue(t, p0, p1, avoid)
        if spk is None or spk.head in toks or spk.text.lower() in _WRITER or spk.head.lower_ in ("'s", "’s"):
            continue  # "let's", "as you know": the writer and the reader
        if toks[0].i == sent.start and t.i > toks[0].i:
            span = (paragraph_before(art, sent, t, p0, avoid) or span[0], span[1])
        out.append(Reported(span[0], span[1], t, spk))
    return out


def _rest_of_paragraph(art: Article, colon) -> list:
    _, _, p1 = art.para_of(colon.idx)
    span = art.doc.char_span(colon.idx + 1, p1, alignment_mode="contract")
    return list(span) if span is not None else []


def _cue_words(doc, label: str, avoid):
    """The first word of each cue of one kind (`quote_cues` labels) that no quote already holds."""
    return (cue[0] for cue in cue_spans(doc) if cue.label_ == label and not avoid(cue[0].idx))


def according_to(art: Article, avoid) -> list[Reported]:
    """"According to X, the talks stalled": the clause the phrase belongs to."""
    doc = art.doc
    out = []
    for t in _cue_words(doc, "according_to", avoid):
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
    for t in _cue_words(doc, "noun", avoid):
        clause = next((c for c in t.children if c.dep_ in ("acl", "ccomp", "relcl") and
                       any(x.lower_ == "that" and x.dep_ == "mark" for x in c.children)), None)
        if clause is None:
            continue
        # a "noun" with a subject of its own is a verb the tagger missed: "Brown charges that ..."
        src = next((c for c in t.children if c.dep_ in ("poss", "nsubj")), None)
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


PASSES = (verb_cues, according_to, saying_nouns, headline_source, headline_cue)


def reported_rows(art: Article, quote_rows: list[dict], quote_spans, history: list[Attributed]) -> list[dict]:
    """Rows of reported speech; partial and scare quotes inside reported content are merged into them
    (removed from quote_rows in place)."""
    avoid = lambda pos: in_quotes(pos, quote_spans)  # noqa: E731
    found = [r for p in PASSES for r in p(art, avoid)]
    found = [r for r in found if not _evidence_inside(r, found)]
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
        row["in_body"] = art.starts_in_body(r.start)  # false for a headline's or a dek's source
        rows.append(row)
    return rows


def _evidence_inside(r: Reported, found: list[Reported]) -> bool:
    """"The figures show a rise, the minister said": a verb of showing inside another report's content
    is that speaker's evidence, not a second source of the same words."""
    return CUE_CLASSES.get(r.cue.lemma_.lower()) == "indicate" and \
        any(o is not r and o.start <= r.cue.idx < o.end and not (r.start <= o.cue.idx < r.end) for o in found)


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
