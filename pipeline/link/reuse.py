"""Text reuse between articles: aligned passages, who copied from whom, and quote clusters.

find_reuse works in four steps, none of which compares every pair of articles:
1. Index. Every article's prose is cut into word 5-gram shingles over normalised tokens
   (pipeline.link.tokens). Shingles shared by two to MAX_SHINGLE_DF articles make anchor pairs;
   a shingle in more articles than that is boilerplate or a stock formula and anchors nothing.
2. Align. Per candidate pair, anchors are chained along a diagonal that may jump where one side
   dropped words (an ellipsis) and the other kept them; the words between two anchors are aligned
   with difflib, and the chain is cut where one side adds more than MAX_INSERT words of its own.
   A chain is a passage when its aligned prose words (a multi-word name counted once) reach
   min_passage_words.
3. Direct. The source of a pair is the article the other cites (articles.cited_article_ids), else
   the earlier dated one, else the one holding the passages in the longer context.
4. Attribute. Words two articles share only because both took them from a third article are
   credited to that third article; what is left of the pair's passage is kept if still long enough.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Iterator

import numpy as np
import pandas as pd

from pipeline.link.tokens import Tokens, Vocab, stock_phrase_ids, tokenize
from pipeline.schemas import empty_frame

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5        # words per shingle (fewer when min_passage_words is smaller)
MAX_SHINGLE_DF = 100     # a shingle in more articles than this is boilerplate, not evidence of copying
MAX_SHINGLE_ROWS = 4 * MAX_SHINGLE_DF  # ... and one repeated that often within articles too
NEAR_GAP = 20            # words the shorter side may hold between two anchors (most of them aligned)
MAX_INSERT = 5           # words of its own a copy may put between two aligned fragments
FAR_GAP = 60             # words the other side may hold there (a trimmed copy skips whole clauses)
MAX_CANDIDATES = 8       # default of link.max_candidates: articles each one is aligned with, at most
_MIX = np.uint64(0x9E3779B97F4A7C15)  # multiplier of the rolling shingle hash


@dataclass
class Corpus:
    """The non-duplicate articles of a run, tokenised, with what the direction rules need."""
    article_ids: list[str]
    texts: list[str]
    tokens: list[Tokens]
    cited: list[frozenset[str]]
    dates: list[dt.date | None]
    vocab: Vocab
    index: dict[str, int]  # article_id -> position in the lists above


@dataclass
class Passage:
    """Aligned words of a copy (xs, token indices in `copy`) and of its source (ys, in `source`)."""
    copy: int
    source: int
    xs: np.ndarray  # int32, increasing
    ys: np.ndarray


def _is_missing(v) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _as_date(v) -> dt.date | None:
    if _is_missing(v):
        return None
    if isinstance(v, dt.datetime):  # pd.Timestamp too
        return v.date()
    return v if isinstance(v, dt.date) else None


def build_corpus(articles: pd.DataFrame) -> Corpus:
    """Tokenise the articles that are not exact duplicates, in article_id order (order-independent)."""
    arts = articles
    if "duplicate_of" in arts.columns and len(arts):
        arts = arts[arts["duplicate_of"].map(_is_missing).astype(bool)]
    arts = arts.sort_values("article_id", kind="mergesort") if len(arts) else arts.iloc[0:0]
    vocab = Vocab()
    stock = stock_phrase_ids(vocab)
    has_body = "body" in arts.columns
    has_cited = "cited_article_ids" in arts.columns
    has_date = "published_date" in arts.columns
    ids, texts, toks, cited, dates = [], [], [], [], []
    for row in arts.itertuples(index=False):
        body = row.body if has_body and not _is_missing(row.body) else None
        ids.append(row.article_id)
        texts.append(row.text)
        toks.append(tokenize(row.text, body, vocab, stock))
        c = row.cited_article_ids if has_cited else None
        cited.append(frozenset(c) if c is not None and not isinstance(c, float) else frozenset())
        dates.append(_as_date(row.published_date) if has_date else None)
    return Corpus(ids, texts, toks, cited, dates, vocab, {aid: n for n, aid in enumerate(ids)})


# --- 1. Index -----------------------------------------------------------------------------------

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
    r, c, v = shared.row, shared.col, shared.data
    keep = (r != c) & (v >= min_shared)
    r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, -v, r))  # per article: most shared first, ties by position (stable)
    r, c = r[order], c[order]
    first = np.r_[True, r[1:] != r[:-1]]
    rank = np.arange(len(r)) - np.maximum.accumulate(np.where(first, np.arange(len(r)), 0))
    chosen = rank < max_candidates
    a, b = np.minimum(r[chosen], c[chosen]), np.maximum(r[chosen], c[chosen])
    return sorted(set(zip(a.tolist(), b.tolist())))


def candidate_anchors(corpus: Corpus, k: int, max_candidates: int = 10**9, min_shared: int = 1
                      ) -> Iterator[tuple[tuple[int, int], np.ndarray]]:
    """Yield ((a, b), anchors) for each candidate pair, a < b, in order: anchors (i, j) sorted by i then j,
    the shingle at word i of a equal to the one at word j of b. Built from an inverted index of shingles,
    one pair at a time, so memory holds one pair's anchors and work grows with the chosen pairs."""
    G, A, P = shared_shingles(corpus, k)
    pairs = candidate_pairs(G, A, len(corpus.tokens), max_candidates, min_shared)
    bounds = np.searchsorted(A, np.arange(len(corpus.tokens) + 1))
    for a, b in pairs:
        ga, pa = G[bounds[a]:bounds[a + 1]], P[bounds[a]:bounds[a + 1]]
        gb, pb = G[bounds[b]:bounds[b + 1]], P[bounds[b]:bounds[b + 1]]
        ia = np.flatnonzero(np.isin(ga, gb))
        lo, hi = np.searchsorted(gb, ga[ia], "left"), np.searchsorted(gb, ga[ia], "right")
        counts = hi - lo
        # every position of the shingle in a with every position of it in b
        jb = np.repeat(lo - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        i, j = np.repeat(pa[ia], counts), pb[jb]
        order = np.lexsort((j, i))
        yield (a, b), np.stack([i[order], j[order]], axis=1)


# --- 2. Align -----------------------------------------------------------------------------------

def chain_anchors(anchors: np.ndarray, k: int) -> list[list[tuple[int, int]]]:
    """Group anchors (sorted by i, j) into chains running down one diagonal with bounded jumps.

    Between two consecutive anchors one side may skip at most NEAR_GAP words and the other FAR_GAP:
    a trimmed copy drops clauses ("…") but adds little, brackets aside (those are masked out). Off the
    diagonal, neither side may reuse words of the previous anchor: that is a repeated phrase
    ("a person close to the ...") matched twice, not a trim.
    """
    open_chains: list[list[tuple[int, int]]] = []
    done: list[list[tuple[int, int]]] = []
    for i, j in anchors.tolist():
        best, best_shift = None, None
        still_open = []
        for chain in open_chains:
            li, lj = chain[-1]
            if i - li > k + FAR_GAP:
                done.append(chain)
                continue
            still_open.append(chain)
            di, dj = i - li, j - lj
            if di <= 0 or dj <= 0 or min(di, dj) > k + NEAR_GAP or max(di, dj) > k + FAR_GAP:
                continue
            if di != dj and min(di, dj) < k:
                continue
            shift = abs(di - dj)
            if best_shift is None or shift < best_shift:
                best, best_shift = chain, shift
        open_chains = still_open
        if best is None:
            open_chains.append([(i, j)])
        else:
            best.append((i, j))
    return done + open_chains


def align_chain(chain: list[tuple[int, int]], ids_a: list[int], ids_b: list[int], k: int
                ) -> list[tuple[list[int], list[int]]]:
    """Word-level alignment of one chain: the anchors' words plus difflib's matches between anchors.

    The chain is cut where, between two anchors, the side with fewer words holds more than
    MAX_INSERT words that align with nothing: a trimmed copy leaves out words but adds few of its
    own, whereas a paraphrase that reuses two phrases a sentence apart rewrites what lies between.
    """
    segments: list[list[tuple[int, int]]] = [[]]
    end_a = end_b = None
    for i, j in chain:
        if end_a is not None and i > end_a and j > end_b:
            gap = SequenceMatcher(None, ids_a[end_a:i], ids_b[end_b:j], autojunk=False)
            blocks = [blk for blk in gap.get_matching_blocks() if blk.size]
            if min(i - end_a, j - end_b) - sum(blk.size for blk in blocks) > MAX_INSERT:
                segments.append([])
            else:
                for blk in blocks:
                    segments[-1].extend((end_a + blk.a + t, end_b + blk.b + t) for t in range(blk.size))
        segments[-1].extend((i + t, j + t) for t in range(k))
        end_a = i + k if end_a is None else max(end_a, i + k)
        end_b = j + k if end_b is None else max(end_b, j + k)
    out = []
    for pairs in segments:
        xs, ys = [], []
        for x, y in sorted(set(pairs)):
            if (not xs or x > xs[-1]) and (not ys or y > ys[-1]):
                xs.append(x)
                ys.append(y)
        out.append((xs, ys))
    return out


def _prose_words(xs, ys, ta: Tokens, tb: Tokens) -> int:
    """Aligned words that count towards min_passage_words: prose on both sides, a name counted once."""
    if not len(xs):
        return 0
    return int(np.count_nonzero(ta.indexable[xs] & tb.indexable[ys] & (ta.counts[xs] | tb.counts[ys])))


def align_pair(a: int, b: int, anchors: np.ndarray, corpus: Corpus, k: int, min_words: int
               ) -> list[tuple[list[int], list[int]]]:
    """The passages (xs in a, ys in b) two articles share, longest first, not overlapping."""
    ta, tb = corpus.tokens[a], corpus.tokens[b]
    ids_a, ids_b = ta.ids.tolist(), tb.ids.tolist()
    found = []
    for chain in chain_anchors(anchors, k):
        for xs, ys in align_chain(chain, ids_a, ids_b, k):
            if _prose_words(xs, ys, ta, tb) >= min_words:
                found.append((xs, ys))
    found.sort(key=lambda p: (-len(p[0]), p[0][0], p[1][0]))
    kept: list[tuple[list[int], list[int]]] = []
    for xs, ys in found:
        if all(xs[-1] < kx[0] or xs[0] > kx[-1] for kx, _ in kept) and \
                all(ys[-1] < ky[0] or ys[0] > ky[-1] for _, ky in kept):
            kept.append((xs, ys))
    return kept


# --- 3. Direct ----------------------------------------------------------------------------------

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


# --- 4. Attribute -------------------------------------------------------------------------------

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
            if _prose_words(run_x, run_y, corpus.tokens[p.copy], corpus.tokens[p.source]) >= min_words:
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


def cluster_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, reuse: pd.DataFrame,
                   corpus: Corpus | None = None) -> pd.DataFrame:
    """Fill quotes.cluster_id and quotes.origin_article_id (see pipeline.link.quote_clusters)."""
    from pipeline.link.quote_clusters import cluster_quotes as _cluster

    return _cluster(quotes, articles, reuse, corpus)
