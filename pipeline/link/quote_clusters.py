"""Quote clusters: the same quote across articles, trimmed or not, and where it first appeared.

Quotebank groups a quote across articles only when the text is identical. Here two quotes are one
when, after the normalisation of pipeline.link.tokens (marks, apostrophes, ellipses, brackets):
- one holds (nearly) all the words of the other, or they share QUOTE_SHARED_WORDS words; or
- both land on overlapping words of a common source article: through the reuse table (the quote sits
  in a passage copied from that article, possibly unquoted there, possibly via a chain of copies),
  or because the quoting article cites that article and its words stand there verbatim.
The cluster's origin is the earliest appearance among the articles holding it; the cluster_id is the
quote_id of the origin's quote, or "<origin article_id>-c<offset>" when the origin holds the words
unquoted. Both derive from content and ids only, so they do not depend on row order.
"""
from __future__ import annotations

import logging
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
import pandas as pd

from pipeline.link.memo import MatchMemo
from pipeline.link.reuse.articles import Corpus, build_corpus
from pipeline.link.tokens import find_run
from pipeline.text.unionfind import UnionFind

log = logging.getLogger(__name__)

QUOTE_SHINGLE_WORDS = 4   # quotes sharing a run this long are compared
QUOTE_CONTAINED = 0.9     # share of the shorter quote's words found, in order, in the longer one
QUOTE_SHARED_WORDS = 8    # or this many words in common, whatever the lengths
MIN_CITED_MATCH = 2       # a quote this long, verbatim in an article its own article cites, comes from it
MAX_QUOTE_SHINGLE_DF = 100
MAX_CHAIN = 5             # copies of copies followed through the reuse table
ID_LISTS_CACHED = 2048    # articles whose token ids are kept as Python lists at once


def match_summary(a: list[int], b: list[int]) -> tuple[int, int, int]:
    """(words of a matched in b, in order; where the first matching block starts in b; where the last
    one ends in b): difflib's matching blocks, summed up."""
    blocks = [blk for blk in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks() if blk.size]
    if not blocks:
        return 0, 0, 0
    return sum(blk.size for blk in blocks), blocks[0].b, blocks[-1].b + blocks[-1].size


class Matcher:
    """match_summary of token runs of two articles (n, t0, t1), remembered in `memo` across runs."""

    def __init__(self, corpus: Corpus, id_lists, memo: MatchMemo | None):
        self.corpus, self.id_lists, self.memo = corpus, id_lists, memo

    def __call__(self, a: tuple[int, int, int], b: tuple[int, int, int]) -> tuple[int, int, int]:
        key = found = None
        if self.memo is not None:
            keys = self.corpus.token_keys
            key = MatchMemo.key(keys[a[0]], a[1], a[2], keys[b[0]], b[1], b[2])
            found = self.memo.get(key)
        # a remembered value that cannot be a match of these runs (a store edited by hand) is recomputed
        if found is None or not (0 <= found[0] <= a[2] - a[1] and 0 <= found[1] <= found[2] <= b[2] - b[1]):
            found = match_summary(self.id_lists(a[0])[a[1]:a[2]], self.id_lists(b[0])[b[1]:b[2]])
            if self.memo is not None:
                self.memo.put(key, found)
        return found


def _same_quote(m: int, a: list[int], b: list[int]) -> bool:
    """Quotes a and b (word ids) are one, m of a's words matching b's in order."""
    short = min(len(a), len(b))
    if m >= QUOTE_SHARED_WORDS:
        return True
    if short >= QUOTE_SHINGLE_WORDS:
        return m >= QUOTE_CONTAINED * short
    return a == b  # three words: only the identical quote


def _quote_keys(words: list[int]) -> set[tuple[int, ...]]:
    """The keys a quote is indexed by: its runs of QUOTE_SHINGLE_WORDS words, or the whole quote when it
    is shorter (none below 3 words)."""
    if len(words) < 3:
        return set()
    if len(words) < QUOTE_SHINGLE_WORDS:
        return {tuple(words)}
    return {tuple(words[i:i + QUOTE_SHINGLE_WORDS]) for i in range(len(words) - QUOTE_SHINGLE_WORDS + 1)}


def _reuse_ranges(reuse: pd.DataFrame, corpus: Corpus) -> dict[int, list[tuple[int, int, int, int, int]]]:
    """copy article -> [(source, x0, x1, y0, y1)]: each reuse row as token ranges."""
    index = corpus.index
    out: dict[int, list[tuple[int, int, int, int, int]]] = {}
    for row in reuse.itertuples(index=False):
        c, s = index.get(row.article_id), index.get(row.source_article_id)
        if c is None or s is None:
            continue
        x0, x1 = corpus.tokens[c].span(int(row.start), int(row.end))
        y0, y1 = corpus.tokens[s].span(int(row.source_start), int(row.source_end))
        out.setdefault(c, []).append((s, x0, x1, y0, y1))
    return out


def _bigram_keys(ids) -> np.ndarray:
    ids = np.asarray(ids, dtype=np.int64)
    return ids[:-1] * (1 << 31) + ids[1:] if len(ids) >= 2 else np.zeros(0, dtype=np.int64)


class WordPostings:
    """word bigram -> the articles holding it, built once: a quote is searched for only in the cited
    articles that hold its rarest bigram, since an outlet cited by many articles has thousands of its
    own and a search in each made quote clustering quadratic in the corpus. (Bigrams, not words: in a
    small vocabulary every word is in most articles.)"""

    def __init__(self, corpus: Corpus):
        per_article = [np.unique(_bigram_keys(t.ids)) for t in corpus.tokens]
        keys = np.concatenate(per_article) if per_article else np.zeros(0, dtype=np.int64)
        arts = np.repeat(np.arange(len(per_article), dtype=np.int32), [len(k) for k in per_article])
        order = np.argsort(keys, kind="stable")  # articles stay ascending within a bigram
        self.keys, self.articles = keys[order], arts[order]
        self.n_articles = len(per_article)
        self.cited: dict[int, np.ndarray] = {}  # article -> the articles it cites, as sorted indices

    def holding(self, key: int) -> np.ndarray:
        lo, hi = np.searchsorted(self.keys, key, "left"), np.searchsorted(self.keys, key, "right")
        return self.articles[lo:hi]

    def rarest(self, words: list[int]) -> np.ndarray:
        """The articles holding the rarest bigram of `words` (two words at least): every article
        holding the whole run is among them."""
        keys = set(_bigram_keys(words).tolist())
        if not keys:  # a one-word run: any article may hold it
            return np.arange(self.n_articles, dtype=np.int32)
        return min((self.holding(k) for k in keys), key=len)


def _cited_holding(n: int, words: list[int], corpus: Corpus, postings: WordPostings) -> list[int]:
    """The articles cited by n that hold every bigram of `words` could hold the run: in article_id
    order (the corpus is in article_id order, so that is index order)."""
    cited = postings.cited.get(n)
    if cited is None:
        cited = np.array(sorted(i for i in map(corpus.index.get, corpus.cited[n]) if i is not None), dtype=np.int32)
        postings.cited[n] = cited
    return np.intersect1d(cited, postings.rarest(words), assume_unique=True).tolist()


def _footprints(n: int, t0: int, t1: int, corpus: Corpus, ranges, id_lists, matcher: Matcher,
                postings: WordPostings | None = None) -> list[tuple[int, int, int]]:
    """Where a quote's words stand in earlier articles: [(article, t0, t1)], following copies back."""
    found: list[tuple[int, int, int]] = []
    seen = {n}
    frontier = [(n, t0, t1)]
    for _ in range(MAX_CHAIN):
        nxt = []
        for c, s0, s1 in frontier:
            for src, x0, x1, y0, y1 in ranges.get(c, []):
                o0, o1 = max(s0, x0), min(s1, x1)
                if src in seen or o1 <= o0:
                    continue
                matched, first, last = matcher((c, o0, o1), (src, y0, y1))
                if matched < max(MIN_CITED_MATCH, 0.5 * (o1 - o0)):
                    continue
                f = (src, y0 + first, y0 + last)
                seen.add(src)
                found.append(f)
                nxt.append(f)
        frontier = nxt
        if not frontier:
            break
    # Words quoted from an article the quoting one cites, verbatim there (typically short partial quotes).
    words = id_lists(n)[t0:t1]
    if len(words) >= MIN_CITED_MATCH and corpus.cited[n]:
        postings = postings if postings is not None else WordPostings(corpus)
        for src in _cited_holding(n, words, corpus, postings):
            if src in seen:
                continue
            at = find_run(id_lists(src), words)
            if at is not None:
                seen.add(src)
                found.append((src, at, at + len(words)))
    return found


def _precedes(x: int, y: int, edges: set[tuple[int, int]], corpus: Corpus) -> bool:
    """x came before y: y copies from x, else y cites x, else x is dated earlier."""
    if (y, x) in edges or (x, y) in edges:
        return (y, x) in edges and (x, y) not in edges
    aid_x, aid_y = corpus.article_ids[x], corpus.article_ids[y]
    if (aid_x in corpus.cited[y]) != (aid_y in corpus.cited[x]):
        return aid_x in corpus.cited[y]
    dx, dy = corpus.dates[x], corpus.dates[y]
    return dx is not None and dy is not None and dx < dy


def cluster_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, reuse: pd.DataFrame,
                   corpus: Corpus | None = None, memo: MatchMemo | None = None) -> pd.DataFrame:
    """quotes with cluster_id and origin_article_id. memo remembers the word matches between runs."""
    out = quotes.copy(deep=False)  # copy-on-write: the columns set below leave the caller's frame alone
    out["cluster_id"] = out["quote_id"]
    out["origin_article_id"] = out["article_id"]
    if out.empty:
        return out
    corpus = corpus if corpus is not None else build_corpus(articles)
    index = corpus.index
    # Bounded: a list of Python ints per article of a 10,000-article corpus held 80 MB.
    @lru_cache(maxsize=ID_LISTS_CACHED)
    def id_lists(n: int) -> list[int]:
        return corpus.tokens[n].ids.tolist()

    matcher = Matcher(corpus, id_lists, memo)
    ranges = _reuse_ranges(reuse, corpus)
    word_postings = WordPostings(corpus)
    edges = {(c, s) for c, rows in ranges.items() for s, *_ in rows}
    recs = list(out[["article_id", "quote_id", "start", "end"]].itertuples(index=False))
    spans: list[tuple[int, int, int] | None] = []
    for r in recs:
        n = index.get(r.article_id)
        if n is None:
            spans.append(None)
            continue
        t0, t1 = corpus.tokens[n].span(int(r.start), int(r.end))
        spans.append((n, t0, t1) if t1 > t0 else None)

    uf = UnionFind(range(len(recs)))
    # Quote against quote, through an index of word 4-grams (the whole quote when it has 3 words).
    words = [id_lists(s[0])[s[1]:s[2]] if s else [] for s in spans]
    postings: dict[tuple[int, ...], list[int]] = {}
    for q, w in enumerate(words):
        for key in _quote_keys(w):
            postings.setdefault(key, []).append(q)
    # Each quote with the later quotes sharing one of its keys: the pairs are found quote by quote
    # rather than remembered in a set of pairs checked, which held 2.6 million pairs (300 MB) at
    # 10,000 articles. The same pairs are compared, and unions do not depend on their order.
    for qa, w in enumerate(words):
        partners: set[int] = set()
        for key in _quote_keys(w):
            qs = postings[key]
            if len(qs) <= MAX_QUOTE_SHINGLE_DF:
                partners.update(qs)
        for qb in sorted(partners):
            if qb > qa and spans[qa][0] != spans[qb][0] and \
                    _same_quote(matcher(spans[qa], spans[qb])[0], words[qa], words[qb]):
                uf.union(qa, qb)

    # Quote against the articles its words come from.
    intervals: dict[int, list[tuple[int, int, int, bool]]] = {}  # article -> (t0, t1, quote, is_own)
    feet: list[list[tuple[int, int, int]]] = []
    for q, s in enumerate(spans):
        if s is None:
            feet.append([])
            continue
        intervals.setdefault(s[0], []).append((s[1], s[2], q, True))
        fp = _footprints(*s, corpus, ranges, id_lists, matcher, word_postings)
        feet.append(fp)
        for art, f0, f1 in fp:
            intervals.setdefault(art, []).append((f0, f1, q, False))
    for ivs in intervals.values():
        ivs.sort()
        for i, (s0, e0, q0, own0) in enumerate(ivs):
            for s1, e1, q1, own1 in ivs[i + 1:]:
                if s1 >= e0:
                    break
                if not (own0 and own1):  # two quotes of one article stay apart unless a copy joins them
                    uf.union(q0, q1)

    # Origin and id of each cluster.
    members: dict[int, list[int]] = {}
    for q in range(len(recs)):
        members.setdefault(uf.find(q), []).append(q)
    cluster_id, origin = list(out["cluster_id"]), list(out["origin_article_id"])
    for qs in members.values():
        holders: dict[int, list[tuple[int, str | None]]] = {}  # article -> [(char offset, quote_id)]
        for q in qs:
            if spans[q] is None:
                continue
            holders.setdefault(spans[q][0], []).append((int(recs[q].start), recs[q].quote_id))
            for art, f0, _ in feet[q]:
                holders.setdefault(art, []).append((int(corpus.tokens[art].starts[f0]), None))
        if not holders:
            continue
        cands = sorted(holders)

        def rank(c: int):
            before = sum(_precedes(d, c, edges, corpus) for d in cands if d != c)
            date = corpus.dates[c]
            return before, date is None, date or 0, corpus.article_ids[c]

        first = min(cands, key=rank)
        own = sorted((off, qid) for off, qid in holders[first] if qid is not None)
        cid = own[0][1] if own else f"{corpus.article_ids[first]}-c{min(off for off, _ in holders[first])}"
        for q in qs:
            cluster_id[q] = cid
            origin[q] = corpus.article_ids[first]
    out["cluster_id"] = cluster_id
    out["origin_article_id"] = origin
    log.debug("quote clusters: %d quotes in %d clusters", len(out), len(set(cluster_id)))
    return out
