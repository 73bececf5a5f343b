"""Step 3, direct: which article of a pair is the source."""
from __future__ import annotations

import numpy as np

from pipeline.link.reuse.articles import Corpus
from pipeline.link.tokens import Tokens

_QUOTE_MARKS = set('“”"«»„‘')


def _context(tok: Tokens, text: str, idx: list[int]) -> tuple[int, int, int]:
    """How a passage sits in its article: words its span covers, quote marks set it off as someone
    else's text (negated, so that more is less original), and the words of its lines."""
    span = idx[-1] - idx[0] + 1
    around = text[max(0, int(tok.starts[idx[0]]) - 1):int(tok.ends[idx[-1]]) + 1]
    marks = sum(ch in _QUOTE_MARKS for ch in around)
    lines = np.unique(tok.line[idx])
    return span, -marks, int(np.isin(tok.line, lines).sum())


def source_of(a: int, b: int, passages: list[tuple[list[int], list[int]]], corpus: Corpus) -> int:
    """Which of a and b the shared passages come from (the other article copied them).

    In order: the article the other cites; the earlier dated one; the one holding the passages in
    the longer context: more words in the passage's span (a copy trims with "…"), no quote marks
    setting them off (a copy quotes its source; the source's own prose is unquoted), longer
    paragraphs around them, a longer article.
    """
    aid, bid = corpus.article_ids[a], corpus.article_ids[b]
    a_cites_b, b_cites_a = bid in corpus.cited[a], aid in corpus.cited[b]
    if a_cites_b != b_cites_a:
        return b if a_cites_b else a
    da, db = corpus.dates[a], corpus.dates[b]
    if da is not None and db is not None and da != db:
        return a if da < db else b
    ctx_a = [_context(corpus.tokens[a], corpus.texts[a], xs) for xs, _ in passages]
    ctx_b = [_context(corpus.tokens[b], corpus.texts[b], ys) for _, ys in passages]
    keys = [(sum(c[n] for c in ctx_a), sum(c[n] for c in ctx_b)) for n in range(3)]
    keys.append((len(corpus.tokens[a]), len(corpus.tokens[b])))
    for key_a, key_b in keys:
        if key_a != key_b:
            return a if key_a > key_b else b
    return a  # indistinguishable: the smaller article_id, so the answer is at least stable


