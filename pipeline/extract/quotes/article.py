"""One article as the quote extractors see it: text, paragraphs, sentences, the names in it, and the
row a quote becomes."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.extract.quotes.attribution import Resolver, Speaker

_TAG_RE = re.compile(r"<[A-Za-z/][^<>]*>")
# An introducer of an unmarked block quote: "X reports the following details", "…, per the WSJ:".
FOLLOWING_RE = re.compile(r"\b(?:the following|as follows)\b", re.I)


@dataclass
class Attributed:
    speaker: str | None = None
    start: int | None = None
    end: int | None = None
    name: str | None = None
    kind: str = "unknown"
    cue: str | None = None
    pos: int = 0
    para: int = 0
    extra: dict = field(default_factory=dict)


@dataclass
class Reported:
    """A reported-speech candidate: content span, cue token, speaker."""
    start: int           # content, character offsets
    end: int
    cue: object          # the cue token
    speaker: Speaker


def markup_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TAG_RE.finditer(text)]


def para_index(paras: list[tuple[int, int]], pos: int) -> int:
    return max(0, bisect_right([s for s, _ in paras], pos) - 1)


class Article:
    """Everything extract_quotes needs about one article, computed once."""

    def __init__(self, doc, layout, entities):
        self.doc = doc
        self.text = doc.text
        self.layout = layout
        # A dek ("subtitle") carries attributions as the body does ("The mayor says the budget will
        # pass"), and a short lede is easily taken for one; read both, mark only body rows in_body.
        self.body_paras = sorted(layout.body_spans)
        self.paras = sorted(self.body_paras + [(b.start, b.end) for b in layout.blocks if b.kind == "subtitle"])
        self.resolver = Resolver(doc, entities)
        self.markup = markup_spans(self.text)
        self.sents = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
        self._sent_starts = [a for a, _ in self.sents]

    def starts_in_body(self, pos: int) -> bool:
        return any(p0 <= pos < p1 for p0, p1 in self.body_paras)

    def para_of(self, pos: int) -> tuple[int, int, int]:
        k = para_index(self.paras, pos)
        return k, self.paras[k][0], self.paras[k][1]

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """Bounds of the sentence around pos, clipped to its paragraph."""
        k, p0, p1 = self.para_of(pos)
        i = bisect_right(self._sent_starts, pos) - 1
        if i < 0:
            return p0, p1
        s0, s1 = self.sents[i]
        return max(s0, p0), min(s1, p1)

    def sentence_bounds(self, start: int) -> tuple[int | None, int | None]:
        """Bounds of the sentence holding the character at start (not clipped), as
        pipeline.text.spans.sentence_bounds gives them, from the sentences listed once."""
        i = bisect_right(self._sent_starts, start) - 1
        if not self.sents:
            return None, None
        return self.sents[max(i, 0)]


def in_quotes(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def tokens_between(doc, a: int, b: int):
    if b <= a:
        return []
    span = doc.char_span(a, b, alignment_mode="contract")
    return list(span) if span is not None else []


def quote_row(art: Article, c, form: str, att: Attributed) -> dict:
    s0, s1 = art.sentence_bounds(c.start)
    return {
        "text": art.text[c.start:c.end], "start": c.start, "end": c.end, "form": form,
        "speaker": att.speaker, "speaker_start": att.start, "speaker_end": att.end,
        "speaker_name": att.name, "speaker_entity_id": None, "speaker_kind": att.kind, "cue": att.cue,
        "cluster_id": None, "origin_article_id": None,
        "sentence_start": s0, "sentence_end": s1, "in_body": art.starts_in_body(c.start),
    }
