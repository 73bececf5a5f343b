"""Step 1, index: shingles shared by few articles, and the candidate pairs they make.

No step compares every pair of articles: candidates come from an inverted index (shared word
5-grams for verbatim passages, rare content words for rewrites), each article keeping only its
best few partners, so the number of pairs grows linearly with the corpus.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterator

import numpy as np

from pipeline.link.reuse.articles import Corpus

log = logging.getLogger(__name__)

MAX_SHINGLE_DF = 100     # a shingle in more articles than this is boilerplate, not evidence of copying
MAX_SHINGLE_ROWS = 4 * MAX_SHINGLE_DF  # ... and one repeated that often within articles too
_MIX = np.uint64(0x9E3779B97F4A7C15)  # multiplier of the rolling shingle hash


def shared_shingles(corpus: Corpus, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(group, article, position) of every shingle shared by 2..MAX_SHINGLE_DF articles, sorted by
    article then group then position; `group` numbers the distinct shared shingles."""
    hashes, arts, poss = [], [], []
    for n, tok in enumerate(corpus.tokens):
        m = len(tok) - k + 1
        if m <= 0:
            continue
        x = tok.ids.astype(np.uint64)
        h = np.zeros(m, dtype=np.uint64)
        for t in range(k):
            h = h * _MIX + x[t:t + m] + np.uint64(1)
        # A shingle lies in prose and inside one block: a copy's run may span paragraphs, but a
        # shingle straddling a paragraph break would stretch a passage by the next block's first words.
        ok = np.convolve(tok.indexable.astype(np.int64), np.ones(k, dtype=np.int64), "valid") == k
        ok &= tok.line[k - 1:] == tok.line[:m]
        pos = np.nonzero(ok)[0]
        hashes.append(h[pos])
        arts.append(np.full(len(pos), n, dtype=np.int64))
        poss.append(pos.astype(np.int64))
    empty = np.zeros(0, dtype=np.int64)
    if not hashes or sum(len(h) for h in hashes) < 2:
        return empty, empty, empty
    H, A, P = np.concatenate(hashes), np.concatenate(arts), np.concatenate(poss)
    order = np.lexsort((P, A, H))
    H, A, P = H[order], A[order], P[order]
    new_group = np.r_[True, H[1:] != H[:-1]]
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.r_[starts, len(H)])
    new_article = new_group | np.r_[True, A[1:] != A[:-1]]
    df = np.add.reduceat(new_article.astype(np.int64), starts)
    keep = (df >= 2) & (df <= MAX_SHINGLE_DF) & (sizes <= MAX_SHINGLE_ROWS)
    log.debug("reuse index: %d shingles, %d distinct, %d shared, %d over the df cap",
              len(H), len(starts), int(keep.sum()), int((df > MAX_SHINGLE_DF).sum()))
    rows = np.repeat(keep, sizes)
    G = np.cumsum(new_group)[rows] - 1
    A, P = A[rows], P[rows]
    order = np.lexsort((P, G, A))
    return G[order], A[order], P[order]


def candidate_pairs(G: np.ndarray, A: np.ndarray, n_articles: int, max_candidates: int, min_shared: int
                    ) -> list[tuple[int, int]]:
    """Pairs (a, b), a < b, worth aligning: for each article, the max_candidates articles it shares the
    most distinct shingles with (at least min_shared). A copy shares more with its source, which holds
    all it took, than with the other copies of that source, so the source is among them; and a story
    republished by hundreds of outlets costs a number of alignments linear in the corpus, not quadratic.
    """
    from scipy.sparse import csr_matrix

    if not len(G):
        return []
    X = csr_matrix((np.ones(len(G), dtype=np.int32), (A, G)), shape=(n_articles, int(G.max()) + 1))
    X.sum_duplicates()
    X.data[:] = 1  # a shingle repeated inside one article counts once
    shared = (X @ X.T).tocoo()
    keep = shared.data >= min_shared
    return top_pairs(shared.row[keep], shared.col[keep], shared.data[keep], max_candidates)


def top_pairs(r: np.ndarray, c: np.ndarray, v: np.ndarray, max_candidates: int) -> list[tuple[int, int]]:
    """Pairs (a, b), a < b, of the entries (r, c, v) of a similarity matrix: each row's
    max_candidates highest v (ties by column), the diagonal left out."""
    keep = r != c
    r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, -v, r))  # per article: most shared first, ties by position (stable)
    r, c = r[order], c[order]
    first = np.r_[True, r[1:] != r[:-1]]
    rank = np.arange(len(r)) - np.maximum.accumulate(np.where(first, np.arange(len(r)), 0))
    chosen = rank < max_candidates
    a, b = np.minimum(r[chosen], c[chosen]), np.maximum(r[chosen], c[chosen])
    return sorted(set(zip(a.tolist(), b.tolist())))


def content_pairs(stems: list[np.ndarray], idf: np.ndarray, max_candidates: int, min_cosine: float
                  ) -> list[tuple[int, int]]:
    """Pairs worth measuring for a rewrite, which shares facts and rare words but few runs of words:
    for each article, the max_candidates articles closest by the cosine of their idf-weighted content
    stems (stems: each article's distinct stem ids). Stems in more than MAX_SHINGLE_DF articles are
    left out of the index, so the work stays linear in the corpus."""
    from scipy.sparse import csr_matrix

    rows = np.concatenate([np.full(len(x), n, dtype=np.int64) for n, x in enumerate(stems)]) if stems else \
        np.zeros(0, dtype=np.int64)
    cols = np.concatenate(stems) if stems else np.zeros(0, dtype=np.int64)
    if not len(cols):
        return []
    df = np.bincount(cols, minlength=len(idf))
    keep = (df[cols] >= 2) & (df[cols] <= MAX_SHINGLE_DF)
    rows, cols = rows[keep], cols[keep]
    X = csr_matrix((idf[cols], (rows, cols)), shape=(len(stems), len(idf)))
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    X = csr_matrix(X.multiply(1.0 / np.maximum(norms, 1e-12)[:, None]))
    sim = (X @ X.T).tocoo()
    keep = sim.data >= min_cosine
    return top_pairs(sim.row[keep], sim.col[keep], sim.data[keep], max_candidates)


def in_sorted(values: np.ndarray, sorted_unique: np.ndarray) -> np.ndarray:
    """np.isin(values, sorted_unique) for an array already sorted and without repeats: a binary
    search each, without the sort np.isin does on every call (called once per passage and pair)."""
    if not len(sorted_unique):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_unique, values), len(sorted_unique) - 1)
    return sorted_unique[at] == values


def candidate_index(corpus: Corpus, k: int, max_candidates: int = 10**9, min_shared: int = 1,
                    extra_pairs: list[tuple[int, int]] = ()
                    ) -> tuple[list[tuple[int, int]], Callable[[int, int], np.ndarray]]:
    """The candidate pairs (a, b), a < b, in order, and a function giving a pair's anchors: (i, j)
    sorted by i then j, the shingle at word i of a equal to the one at word j of b. Built from an
    inverted index of shingles, one pair at a time, so memory holds one pair's anchors and work grows
    with the chosen pairs. extra_pairs (from content_pairs) are included, with the anchors they have
    (maybe none)."""
    G, A, P = shared_shingles(corpus, k)
    pairs = sorted(set(candidate_pairs(G, A, len(corpus.tokens), max_candidates, min_shared)) | set(extra_pairs))
    bounds = np.searchsorted(A, np.arange(len(corpus.tokens) + 1))

    def anchors_of(a: int, b: int) -> np.ndarray:
        ga, pa = G[bounds[a]:bounds[a + 1]], P[bounds[a]:bounds[a + 1]]
        gb, pb = G[bounds[b]:bounds[b + 1]], P[bounds[b]:bounds[b + 1]]
        lo, hi = np.searchsorted(gb, ga, "left"), np.searchsorted(gb, ga, "right")  # gb is sorted
        ia = np.flatnonzero(hi > lo)  # the shingles of a that b holds too
        lo, hi = lo[ia], hi[ia]
        counts = hi - lo
        # every position of the shingle in a with every position of it in b
        jb = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        i, j = np.repeat(pa[ia], counts), pb[jb]
        order = np.lexsort((j, i))
        return np.stack([i[order], j[order]], axis=1)

    return pairs, anchors_of


def candidate_anchors(corpus: Corpus, k: int, max_candidates: int = 10**9, min_shared: int = 1,
                      extra_pairs: list[tuple[int, int]] = ()) -> Iterator[tuple[tuple[int, int], np.ndarray]]:
    """Yield ((a, b), anchors) for each candidate pair of candidate_index, in order."""
    pairs, anchors_of = candidate_index(corpus, k, max_candidates, min_shared, extra_pairs)
    for a, b in pairs:
        yield (a, b), anchors_of(a, b)
