"""Quotes and their speakers, from the text and the shared spaCy parse; extract_quotes adds the
reported speech of pipeline.extract.quotes.reported after them.

One row per quote in the article's prose:
- direct: a quoted sentence or more ("“…,” she said"), possibly over several paragraphs;
- partial: a quoted fragment inside the reporter's sentence (denied the reports as "absolutely false");
- scare: a quoted name for something, attributed by a naming verb (what it called "coup attempts");
- block: a paragraph reproduced without marks, introduced by a line such as "The WSJ reports the
  following details" or "…, per the WSJ:".

The speaker is the nearest explicit mention governing the quote (a cue's subject, the agent of
"reported by", the object of "according to", a name after a dash); a quote with no cue of its own
continues the speaker of the quote or reported speech just before it. Titles of shows, films and
articles in quote marks, quoted words nobody is said to have said, and attribute values of markup
are not quotes.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pipeline.extract.layout import outlets
from pipeline.extract.quotes.article import FOLLOWING_RE, Article, Attributed, in_quotes, quote_row, tokens_between
from pipeline.extract.quotes.attribution import NAMING_VERBS, Speaker, dash_speaker, is_cue_verb, speaker_for_cue
from pipeline.extract.quotes.naming import kind_and_name
from pipeline.extract.quotes.reported import reported_rows
from pipeline.lexicons import entry_set, rows
from pipeline.extract.quotes.marks import QUOTE_CHARS, find_marked_quotes

log = logging.getLogger(__name__)

# A transcript turn: "WALLACE: Let's start ..."
_TURN_RE = re.compile(r"[\"“]?\s*(?P<label>[A-Z][A-Z.'’ -]{1,30}[A-Z.]):\s+")
# Words that put the title of a work, not somebody's words, in quote marks: "a film titled “…”",
# "the documentary “Harbour”", "the station's “Evening Hour”", "her column, “…,”".
_TITLED_BEFORE_RE = re.compile(r"\b(?:titled|entitled|headlined|broadcast of|edition of|episode of)\s*,?\s*$", re.I)
WORK_NOUNS = entry_set("work_nouns.txt")
_TITLE_SMALL = entry_set("title_small_words.txt")
# Words that open another clause: a reporting verb after them is not the quote's tag.
_CLAUSE_OPENERS = entry_set("clause_openers.txt")


@dataclass
class Candidate:
    start: int
    end: int
    form: str = "direct"
    label: Speaker | None = None   # a transcript label inside the quote
    open_len: int = 1              # length of the opening and closing marks ('' counts two)
    close_len: int = 1
    intro: Speaker | None = None   # the speaker of a block quote's introducer
    intro_cue: str | None = None



def _article_label(layout) -> str:
    return repr((layout.title or "untitled article")[:80])



def _prev_char(text: str, pos: int, floor: int) -> str:
    i = pos - 1
    while i >= floor and text[i] in " \t\u00a0":
        i -= 1
    return text[i] if i >= floor else ""


def _is_title_case(s: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'&.-]*", s)
    if len(words) < 2 or not words[0][0].isupper():
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words)


def _embedded(text: str, start: int, para_start: int, open_len: int = 1) -> bool:
    """True when the quote (content from `start`, after a mark of `open_len` characters) sits inside
    the reporter's sentence rather than opening one."""
    prev = _prev_char(text, start - open_len, para_start)
    first = text[start:start + 8].lstrip("[(…. ")[:1]
    return prev != "" and prev not in ".!?:;\"“”—–-(…" and not (prev == "," and first.isupper())


def _split_turns(text: str, q, doc) -> list[Candidate]:
    """A quoted transcript, one quote per turn of a speaker label ("WALLACE: …")."""
    start, end, o = q.start, q.end, len(q.open_mark)
    whole = Candidate(start, end, open_len=o, close_len=len(q.close_mark or ""))
    labels = []
    for m in re.finditer(r"(?:^|\n)[ \t]*(?=[\"“]?\s*[A-Z][A-Z.'’ -]{1,30}[A-Z.]:\s)", text[start - o:end]):
        t = _TURN_RE.match(text, start - o + m.end())
        if t:
            labels.append(t)
    if not labels:
        return [whole]
    out = []
    before = text[start:labels[0].start()].rstrip(" \t\n\"“”")
    if any(ch.isalnum() for ch in before):
        out.append(Candidate(start, start + len(before), open_len=o, close_len=0))
    for i, t in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else end
        body = text[t.end():stop].rstrip(" \t\n\"“”")
        if not body:
            continue
        label = t.group("label").strip()
        ls = t.start("label")
        span = doc.char_span(ls, ls + len(label), alignment_mode="expand")
        out.append(Candidate(t.end(), t.end() + len(body), open_len=0,
                             close_len=whole.close_len if t.end() + len(body) == end else 0,
                             label=Speaker(label, ls, ls + len(label), span[-1] if span else None, ":")))
    return out



def _linked(cue, qtoks) -> bool:
    """The cue governs the quote in the parse, or hangs off the quote's root ("“…,” he said")."""
    qset = {t.i for t in qtoks}
    if cue.head.i in qset and cue.head.i != cue.i:
        return True
    for t in qtoks[:40]:
        if cue in t.ancestors:
            return True
    return False


# A clause that hangs off the reporting verb without being what was said: "called a fraud by
# rivals for selling “miracle” tonics" - the quote belongs to "selling", not to "called".
_SIDE_CLAUSES = {"advcl", "relcl", "acl", "pcomp", "csubj", "csubjpass", "nsubj", "nsubjpass"}


def _governs(cue, qtoks) -> bool:
    """The cue's content clause holds the quoted fragment (a partial or scare quote)."""
    qset = {t.i for t in qtoks}
    for root in (t for t in qtoks if t.head.i not in qset or t.head.i == t.i):
        t, steps = root, 0
        while t.head.i != t.i and steps < 12:
            h = t.head
            if h.i == cue.i:
                return True
            if h.pos_ in ("VERB", "AUX") and h.dep_ in _SIDE_CLAUSES and not is_cue_verb(h):
                break
            t, steps = h, steps + 1
    return False


def _find_cue(art: Article, c: Candidate, quote_spans, quote_starts,
              embedded: bool = False) -> tuple[Speaker | None, str | None, object]:
    """(speaker, cue text, cue token) for the quote [start, end), from the sentence around it. A quote
    embedded in the reporter's sentence takes only a cue that governs it."""
    _, _, q1 = art.para_of(max(c.start, c.end - 1))
    dash = dash_speaker(art.doc, c.end + c.close_len, q1)  # after the closing mark: "― Name"
    if dash is not None:
        return dash, dash.cue, None
    (lead_a, lead_b), trail = _cue_windows(art, c, quote_starts)
    ranked = _ranked_cues(art, c, ((lead_a, lead_b, "lead"), (*trail, "trail")), quote_spans, embedded)
    for t in ranked:
        _, c0, c1 = art.para_of(t.idx)
        close = c.end + c.close_len
        right_after = t.idx >= close and not art.text[close:t.idx].strip(" \t\u00a0,.;:!?")
        spk = speaker_for_cue(t, c0, c1, lambda pos: in_quotes(pos, quote_spans), inverted=right_after)
        if spk is not None and not (spk.start < c.end and c.start < spk.end):
            return spk, spk.cue, t
    if art.text[lead_a:lead_b].rstrip().endswith(":") and not embedded:
        spk = _colon_subject(art, lead_a, lead_b, quote_spans)
        if spk is not None:
            return spk, ":", None
    first_cue = ranked[0] if ranked else None
    return None, (first_cue.text if first_cue is not None else None), first_cue


def _cue_windows(art: Article, c: Candidate, quote_starts) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where a quote's tag may be: the lead (its sentence before the opening mark, or the sentence or
    paragraph before that ends with a colon) and the trail (its sentence after the closing mark, or
    the next sentence up to the next quote)."""
    text = art.text
    start, end = c.start, c.end
    k, p0, _ = art.para_of(start)
    _, _, q1 = art.para_of(max(start, end - 1))
    close = end + c.close_len
    s0, _ = art.sentence_span(start)
    _, s1 = art.sentence_span(max(start, end - 1))
    # the parse may run two sentences together: the lead starts after the last full stop
    stops = list(re.finditer(r"[.!?][\"”’']*\s+", text[s0:start - c.open_len]))
    lead_a, lead_b = (s0 + stops[-1].end() if stops else s0), start - c.open_len
    trail_a, trail_b = close, s1
    mark_at = start - c.open_len
    if not text[lead_a:lead_b].strip(" \t\n" + QUOTE_CHARS):
        # the quote opens its sentence: "X said:" may be the sentence, or paragraph, before
        if text[p0:mark_at].strip():
            i = mark_at - 1
            while i > p0 and text[i].isspace():
                i -= 1
            a, b = art.sentence_span(i)
            if text[a:b].rstrip().endswith((":", ",")):
                lead_a, lead_b = a, min(b, mark_at)
        elif k > 0 and text[art.paras[k - 1][0]:art.paras[k - 1][1]].rstrip().endswith(":"):
            lead_a, lead_b = art.sentence_span(art.paras[k - 1][1] - 1)
    trail_text = text[trail_a:trail_b].strip(" \t\n.,!?;" + QUOTE_CHARS)
    nxt_at = trail_b
    while nxt_at < q1 and text[nxt_at].isspace():
        nxt_at += 1
    if not trail_text and nxt_at < q1:
        a, b = art.sentence_span(nxt_at)
        nxt = text[a:b].lstrip()
        if nxt and nxt[0] not in QUOTE_CHARS:
            cut = min([b] + [s for s in quote_starts if a <= s < b])  # up to the next quote
            trail_a, trail_b = a, cut
    return (lead_a, lead_b), (trail_a, trail_b)


def _ranked_cues(art: Article, c: Candidate, windows, quote_spans, embedded: bool) -> list:
    """Cue tokens in the windows, nearest first, one the parse links to the quote counting as 60
    characters nearer; an embedded quote takes only cues that govern it."""
    doc = art.doc
    close = c.end + c.close_len
    qspan = doc.char_span(c.start, c.end, alignment_mode="expand")
    qtoks = list(qspan) if qspan is not None else []
    found = []
    for a, b, side in windows:
        for t in tokens_between(doc, a, b):
            if in_quotes(t.idx, quote_spans):
                continue
            low = t.lower_
            is_prep = (low == "according" and any(x.lower_ == "to" for x in t.children)) or \
                (low == "per" and t.dep_ == "prep")
            if not (is_prep or is_cue_verb(t)):
                continue
            if side == "trail" and any(x.pos_ == "SCONJ" or x.lower_ in _CLAUSE_OPENERS
                                       for x in tokens_between(doc, close, t.idx)):
                continue  # "“…,” when the mayor blasted him": another clause, not the quote's tag
            dist = max(0, (c.start - (t.idx + len(t))) if side == "lead" else (t.idx - c.end))
            if embedded and not _governs(t, qtoks):
                continue
            unlinked = False if embedded else not _linked(t, qtoks)
            found.append((dist + (60 if unlinked else 0), t))
    found.sort(key=lambda x: x[0])
    return [t for _, t in found]


# Pronouns that stand for a person as a subject: "he", "she", "they".
PERSON_SUBJECTS = frozenset(r["pronoun"] for r in rows("pronouns.tsv")
                            if r["case"] == "subject" and r["person"] == "3" and r["gender"] != "neuter")


def _colon_subject(art: Article, a: int, b: int, quote_spans) -> Speaker | None:
    """"The mayor was blunt about the budget: “…”": with no reporting verb, the named subject
    of the sentence a colon closes introduces the quote."""
    toks = [t for t in tokens_between(art.doc, a, b) if not in_quotes(t.idx, quote_spans)]
    roots = [t for t in toks if t.dep_ == "ROOT" or not a <= t.head.idx < b]
    for root in roots:
        for c in root.children:
            if c.dep_ == "nsubj" and a <= c.idx < b and (c.pos_ == "PROPN" or c.lower_ in PERSON_SUBJECTS):
                span = art.doc.char_span(c.left_edge.idx, c.idx + len(c), alignment_mode="expand")
                if span is not None and a <= span.start_char:
                    return Speaker(span.text, span.start_char, span.end_char, c, ":")
    return None


def _colon_label(art: Article, c: Candidate) -> Speaker | None:
    """"The mayor on the radio: “…”" - a named mention and a colon right before the quote."""
    k, p0, _ = art.para_of(c.start)
    before = art.text[p0:c.start - c.open_len]
    m = re.search(r"(?:^|[.!?]\s+)([^.!?:]{2,60}):\s*$", before)
    if not m:
        return None
    a = p0 + m.start(1)
    b = p0 + m.end(1)
    for e in art.resolver.mentions:
        if a <= e.start and e.end <= b and e.label in ("PERSON", "ORG"):
            span = art.doc.char_span(e.start, e.end, alignment_mode="expand")
            return Speaker(e.text, e.start, e.end, span[-1] if span else None, ":")
    return None


def _block_intro(art: Article, k: int) -> tuple[Speaker | None, str | None] | None:
    """When paragraph k introduces a quoted passage: (speaker, cue) of the introducer, else None."""
    p0, p1 = art.paras[k]
    para = art.text[p0:p1].rstrip()
    if not (para.endswith(":") or FOLLOWING_RE.search(para)):
        return None
    a, b = art.sentence_span(p1 - 1)
    for t in tokens_between(art.doc, a, b):
        low = t.lower_
        if (low == "according" or (low == "per" and t.dep_ == "prep")) or is_cue_verb(t):
            spk = speaker_for_cue(t, p0, p1)
            if spk is not None:
                return spk, spk.cue
    return None


def _block_candidates(art: Article, marked_starts: set[int]) -> list[Candidate]:
    """Unmarked paragraphs reproduced after an introducer that names their source."""
    out = []
    for k in range(len(art.paras) - 1):
        intro = _block_intro(art, k)
        if intro is None or intro[0] is None:
            continue
        n0, n1 = art.paras[k + 1]
        para = art.text[n0:n1]
        if para[:1] in QUOTE_CHARS or len(para.split()) < 8 or any(n0 <= s < n1 for s in marked_starts):
            continue
        out.append(Candidate(n0, n1, form="block", intro=intro[0], intro_cue=intro[1]))
    return out


_NAMING_BEFORE_RE = re.compile(
    r"\b(?:call(?:s|ed|ing)?|dubb(?:ed|ing)|so-called|nicknamed|branded|labell?ed|term(?:s|ed)?|hail(?:s|ed))"
    r"\s+(?:\w+\s+){0,2}(?:as\s+)?$", re.I)


def _tag_follows(art: Article, c: Candidate, p1: int) -> bool:
    """A speech tag right after the closing mark: "“…,” a narrator says"."""
    close = c.end + c.close_len
    after = tokens_between(art.doc, close, min(p1, close + 60))[:6]
    for i, t in enumerate(after):
        if t.lower_ in _CLAUSE_OPENERS or t.text in QUOTE_CHARS:
            return False
        if is_cue_verb(t):  # "a narrator says", or "says a narrator" right after the mark
            return any(ch.dep_ == "nsubj" and ch.idx >= close for ch in t.children) or \
                all(x.is_punct for x in after[:i])
    return False


def _not_a_quote(art: Article, c: Candidate, p0: int, p1: int) -> str | None:
    """Why text in quote marks is not somebody's words, or None: a heading, a nickname inside a
    name, the title of a show, film, book or article."""
    text = art.text
    content = text[c.start:c.end].strip(" ,.!?")
    words = content.split()
    before = text[max(p0, c.start - c.open_len - 40):c.start - c.open_len]
    after = text[c.end + c.close_len:min(p1, c.end + c.close_len + 40)]
    naming = _NAMING_BEFORE_RE.search(before) is not None
    if re.fullmatch(r"[(\[][^()\[\]]*[)\]][.!?]?", text[c.start:c.end].strip()):
        return "a stage direction"  # "(CROSSTALK.)", "[Applause]"
    if not before.strip() and not after.strip(" .") and len(words) <= 10 and _is_title_case(content):
        return "a heading"
    if len(words) <= 2 and content[:1].isupper() and re.search(r"\b[A-Z][\w.]*\s$", before) \
            and re.match(r"\s[A-Z][a-z]", after) and not naming:
        return "a nickname inside a name"
    if naming:
        return None
    if _TITLED_BEFORE_RE.search(before) and len(words) <= 12:
        return "a title"
    prev = tokens_between(art.doc, max(p0, c.start - c.open_len - 30), c.start - c.open_len)
    prev = [t for t in prev if t.text != ","]
    comma = before.rstrip().endswith(",")
    if prev and prev[-1].pos_ in ("NOUN", "PROPN") and prev[-1].lower_ in WORK_NOUNS and len(words) <= 12 \
            and not (comma and len(words) >= 3 and not _is_title_case(content) and _tag_follows(art, c, p1)):
        return "a title"  # "her column, “Mayors, tell your story,”" - but not "In the ad, “You …,” X says"
    embedded = _embedded(text, c.start, p0, c.open_len) or re.search(r"['’]s\s*$", before)
    if embedded and len(words) <= 10 and _is_title_case(content):
        return "a title"
    return None



def _form(art: Article, cand: Candidate, cue_tok, para_start: int) -> str:
    """block, direct (the quote opens its sentence), scare (a name given by a naming verb or
    "so-called"), else partial."""
    if cand.form == "block":
        return "block"
    text = art.text
    if not _embedded(text, cand.start, para_start, cand.open_len):
        return "direct"
    content = text[cand.start:cand.end]
    before = text[max(para_start, cand.start - cand.open_len - 30):cand.start - cand.open_len]
    if re.search(r"\bso-called\s*$", before, re.I) or (
            cue_tok is not None and cue_tok.lemma_.lower() in NAMING_VERBS and len(content.split()) <= 6):
        return "scare"
    return "partial"


def extract_quotes(doc, layout, entities: list[dict], article_id: str | None = None) -> list[dict]:
    """One row per attribution in the article's prose, in text order, with its speaker: the quotes
    (direct, partial, scare, block), then reported speech (reported, mixed) that no quote already
    covers. article_id, when given, names the article in warnings."""
    art = Article(doc, layout, entities)
    if not art.paras:
        return []
    cands, quote_spans = quote_candidates(art, article_id)
    rows, history = attribute_quotes(art, cands, quote_spans)
    return rows + reported_rows(art, rows, quote_spans, history)


def quote_candidates(art: Article, article_id: str | None = None) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Words in quote marks that are somebody's words, and unmarked block quotes, in text order; with
    the spans of every pair of marks (titles and nicknames included: no cue or speaker lies inside)."""
    text = art.text
    marked, problems = find_marked_quotes(text, art.paras)
    if problems:
        log.warning("article %s%s: %d unbalanced quote mark(s); best effort kept: %s",
                    f"{article_id} " if article_id else "", _article_label(art.layout), len(problems),
                    "; ".join(problems[:5]))
    cands: list[Candidate] = []
    for q in marked:
        if any(a <= q.start < b for a, b in art.markup):
            continue  # an attribute value of markup: <tweet author="…">
        if q.paragraphs > 1 or _TURN_RE.match(text, q.start):
            cands.extend(_split_turns(text, q, art.doc))
        else:
            cands.append(Candidate(q.start, q.end, open_len=len(q.open_mark), close_len=len(q.close_mark or "")))
    quote_spans = [(c.start - c.open_len, c.end + c.close_len) for c in cands]
    cands = [c for c in cands if not _not_a_quote(art, c, *art.para_of(c.start)[1:])]
    cands.extend(_block_candidates(art, {c.start for c in cands}))
    cands.sort(key=lambda c: (c.start, c.end))
    return cands, quote_spans


def attribute_quotes(art: Article, cands: list[Candidate], quote_spans) -> tuple[list[dict], list[Attributed]]:
    """(rows, attributions in order): each candidate with its cue and speaker, or the speaker it
    continues; partial and scare quotes nobody is said to have said are dropped."""
    text, doc = art.text, art.doc
    quote_starts = sorted(c.start - c.open_len for c in cands if c.form != "block")
    rows: list[dict] = []
    history: list[Attributed] = []   # attributed quotes, in order
    events = _speech_events(art, quote_spans)
    for c in cands:
        k, p0, p1 = art.para_of(c.start)
        embedded = c.form != "block" and _embedded(text, c.start, p0, c.open_len)
        last = rows[-1] if rows else None
        if embedded and last is not None and last["speaker_start"] is not None and p0 <= last["start"] \
                and last["end"] < last["speaker_start"] < c.start and c.start - last["end"] < 150:
            # the second half of a quote split by its tag: "“Our aim,” she said, “is to …”"
            att = Attributed(last["speaker"], last["speaker_start"], last["speaker_end"], last["speaker_name"],
                             last["speaker_kind"], last["cue"], pos=c.start, para=k)
            history.append(att)
            gap = text[last["end"]:c.start - c.open_len].rstrip()
            rows.append(quote_row(art, c, "direct" if gap.endswith((",", ":")) else "partial", att))
            continue
        spk, cue, cue_tok = (c.label, ":", None) if c.label else (c.intro, c.intro_cue, None) if c.intro \
            else _find_cue(art, c, quote_spans, quote_starts, embedded)
        if spk is None and c.form != "block":
            spk = _colon_label(art, c)
            cue = ":" if spk is not None else cue
        form = _form(art, c, cue_tok, p0)
        att = Attributed(pos=c.start, para=k)
        if spk is not None:
            name, kind = kind_and_name(art, spk, c.start, history)
            att = Attributed(spk.text, spk.start, spk.end, name, kind, cue, pos=c.start, para=k)
        elif form in ("direct", "block"):
            prev = _inherit(art, c, k, history, events, form)
            if prev is not None:
                att = Attributed(prev.speaker, prev.start, prev.end, prev.name, prev.kind, prev.cue, pos=c.start,
                                 para=k)
        if att.speaker is None and att.name is None and form in ("partial", "scare"):
            continue  # quoted words nobody is said to have said: emphasis, irony, a term
        history.append(att)
        rows.append(quote_row(art, c, form, att))
    return rows, history




def _speech_events(art: Article, quote_spans) -> list[Attributed]:
    """Reported speech outside quote marks ("Brown said Tuesday that …"): a later quote with no cue of
    its own may continue it."""
    out = []
    for t in art.doc:
        if not is_cue_verb(t) or in_quotes(t.idx, quote_spans):
            continue
        k, p0, p1 = art.para_of(t.idx)
        if not (p0 <= t.idx < p1):
            continue
        spk = speaker_for_cue(t, p0, p1, lambda pos: in_quotes(pos, quote_spans))
        if spk is None:
            continue
        out.append(Attributed(spk.text, spk.start, spk.end, None, "unknown", spk.cue, pos=t.idx, para=k,
                              extra={"speaker": spk}))
    return out


def _inherit(art: Article, c: Candidate, k: int, history: list[Attributed], events: list[Attributed],
             form: str) -> Attributed | None:
    """The speaker a quote with no cue continues: the last speaker of this or the previous paragraph;
    after a colon introducer, the last quoted speaker; at the top of an aggregator's page, the outlet
    its header credits."""
    text = art.text
    recent = [h for h in history if h.speaker or h.name] + \
        [e for e in events if e.pos < c.start]
    recent.sort(key=lambda h: h.pos)
    recent = [h for h in recent if h.pos < c.start]
    if recent and recent[-1].para >= k - 2:
        h = recent[-1]
        if "speaker" in h.extra:
            name, kind = kind_and_name(art, h.extra["speaker"], h.pos, history)
            h = Attributed(h.speaker, h.start, h.end, name, kind, h.cue, pos=h.pos, para=h.para)
        return h
    p0 = art.paras[k][0]
    intro = text[art.paras[k - 1][0]:art.paras[k - 1][1]].rstrip() if k > 0 else ""
    if not text[p0:c.start - c.open_len].strip() and intro.endswith(":"):
        quoted = [h for h in history if h.speaker or h.name]
        if quoted:
            return quoted[-1]
    if not recent and not history and form == "direct":
        return _header_source(art)
    return None


def _header_source(art: Article) -> Attributed | None:
    """The outlet an aggregator's headline line credits ("SITE: “Title” – Wall Street Journal/ …")."""
    blocks = [b for b in art.layout.blocks if b.kind == "title"]
    if not blocks or not art.layout.cites:
        return None
    title = blocks[0]
    for cited in art.layout.cites:
        entry = outlets.lookup(cited)
        names = [cited] + (list(entry.aliases) if entry else [])
        for n in sorted(names, key=len, reverse=True):
            i = title.text.find(re.sub(r"^The ", "", n))
            if i >= 0:
                s = title.start + i
                surface = re.sub(r"^The ", "", n)
                return Attributed(surface, s, s + len(surface), entry.name if entry else cited, "publication",
                                  None)
    return None
