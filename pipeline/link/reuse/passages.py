"""Step 4, attribute, and the reuse table: passages credited to the article they come from."""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from pipeline.link.reuse.align import align_pair, prose_words
from pipeline.link.reuse.articles import Corpus, Passage, build_corpus
from pipeline.link.reuse.direction import source_of
from pipeline.link.reuse.index import candidate_anchors
from pipeline.schemas import empty_frame

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5        # words per shingle (fewer when min_passage_words is smaller)
MAX_CANDIDATES = 8       # default of link.max_candidates: articles each one is aligned with, at most


def credit_third_articles(passages: list[Passage], corpus: Corpus, min_words: int) -> list[Passage]:
    """Drop the words of copy<-source passages that both articles took from a common third article.

    If X and Y each hold words that came from Z (X<-Z and Y<-Z passages align them), the X<-Y
    alignment of those words only says they share Z's text: X is linked to Z, not to Y. What remains
    of an X<-Y passage (words Y added itself) is kept when it still has min_words prose words.
    """
    covered: dict[int, dict[int, np.ndarray]] = {}  # copy -> source -> sorted word indices of the copy
    for p in passages:
        by_source = covered.setdefault(p.copy, {})
        by_source[p.source] = np.union1d(by_source.get(p.source, p.xs[:0]), p.xs)
    out = []
    for p in passages:
        thirds = sorted((set(covered.get(p.copy, ())) & set(covered.get(p.source, ()))) - {p.copy, p.source})
        if not thirds:
            out.append(p)
            continue
        taken = np.zeros(len(p.xs), dtype=bool)
        for z in thirds:
            taken |= np.isin(p.xs, covered[p.copy][z]) & np.isin(p.ys, covered[p.source][z])
        # runs of words the source added itself
        edges = np.flatnonzero(np.diff(np.r_[0, (~taken).astype(np.int8), 0]))
        for start, stop in zip(edges[::2], edges[1::2]):
            run_x, run_y = p.xs[start:stop], p.ys[start:stop]
            if prose_words(run_x, run_y, corpus.tokens[p.copy], corpus.tokens[p.source]) >= min_words:
                out.append(Passage(p.copy, p.source, run_x, run_y))
    return out


def _rows(passages: list[Passage], corpus: Corpus) -> pd.DataFrame:
    rows = []
    for p in passages:
        tc, ts = corpus.tokens[p.copy], corpus.tokens[p.source]
        rows.append({
            "article_id": corpus.article_ids[p.copy],
            "source_article_id": corpus.article_ids[p.source],
            "start": int(tc.starts[p.xs[0]]),
            "end": int(tc.ends[p.xs[-1]]),
            "source_start": int(ts.starts[p.ys[0]]),
            "source_end": int(ts.ends[p.ys[-1]]),
            "n_words": len(p.xs),
            "similarity": round(len(p.xs) / (p.xs[-1] - p.xs[0] + 1), 3),
        })
    if not rows:
        return empty_frame("reuse")
    df = pd.DataFrame(rows, columns=list(empty_frame("reuse").columns))
    return df.sort_values(["article_id", "start", "source_article_id"], kind="mergesort").reset_index(drop=True)


def directed_passages(corpus: Corpus, min_passage_words: int, max_candidates: int = MAX_CANDIDATES
                      ) -> list[Passage]:
    """Every passage one article of the corpus copies from another, third articles credited."""
    k = max(2, min(SHINGLE_WORDS, min_passage_words))
    min_anchors = 1 if min_passage_words <= k else 2
    passages: list[Passage] = []
    n_pairs = 0
    for (a, b), anchors in candidate_anchors(corpus, k, max_candidates, min_anchors):
        if len(anchors) < min_anchors:
            continue
        n_pairs += 1
        shared = align_pair(a, b, anchors, corpus, k, min_passage_words)
        if not shared:
            continue
        src = source_of(a, b, shared, corpus)
        for xs, ys in shared:  # compact arrays: a wire story copied by many outlets makes many passages
            xs, ys = np.asarray(xs, dtype=np.int32), np.asarray(ys, dtype=np.int32)
            passages.append(Passage(b, a, ys, xs) if src == a else Passage(a, b, xs, ys))
    log.debug("reuse: %d candidate pairs aligned, %d passages before crediting", n_pairs, len(passages))
    return credit_third_articles(passages, corpus, min_passage_words)


def find_reuse(articles: pd.DataFrame, min_passage_words: int, max_candidates: int = MAX_CANDIDATES,
               corpus: Corpus | None = None) -> pd.DataFrame:
    """One row per passage an article copies from another article of the corpus (REUSE schema).
    `corpus`, when given, is build_corpus(articles), shared with cluster_quotes to tokenise once."""
    corpus = corpus if corpus is not None else build_corpus(articles)
    return _rows(directed_passages(corpus, min_passage_words, max_candidates), corpus)


