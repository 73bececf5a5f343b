"""Step 2, align: anchors chained along a diagonal, the words between them aligned, passages kept."""
from __future__ import annotations

from difflib import SequenceMatcher

import numpy as np

from pipeline.link.reuse.articles import Corpus
from pipeline.link.tokens import Tokens

NEAR_GAP = 20            # words the shorter side may hold between two anchors (most of them aligned)
MAX_INSERT = 5           # words of its own a copy may put between two aligned fragments
FAR_GAP = 60             # words the other side may hold there (a trimmed copy skips whole clauses)


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
    prev_i = prev_j = None
    for i, j in chain:
        if end_a is not None and i > end_a and j > end_b:
            gap = SequenceMatcher(None, ids_a[end_a:i], ids_b[end_b:j], autojunk=False)
            blocks = [blk for blk in gap.get_matching_blocks() if blk.size]
            if min(i - end_a, j - end_b) - sum(blk.size for blk in blocks) > MAX_INSERT:
                segments.append([])
            else:
                for blk in blocks:
                    segments[-1].extend(zip(range(end_a + blk.a, end_a + blk.a + blk.size),
                                            range(end_b + blk.b, end_b + blk.b + blk.size)))
        # On the previous anchor's diagonal and within k words of it, the first words of this
        # anchor are already in the segment (set() below drops repeats anyway): a verbatim copy
        # has an anchor at every word, and adding each word k times was a hot spot.
        same_diagonal = prev_i is not None and 0 < i - prev_i < k and i - prev_i == j - prev_j
        first = k - (i - prev_i) if same_diagonal else 0
        segments[-1].extend(zip(range(i + first, i + k), range(j + first, j + k)))
        prev_i, prev_j = i, j
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


def prose_words(xs, ys, ta: Tokens, tb: Tokens) -> int:
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
            if prose_words(xs, ys, ta, tb) >= min_words:
                found.append((xs, ys))
    found.sort(key=lambda p: (-len(p[0]), p[0][0], p[1][0]))
    kept: list[tuple[list[int], list[int]]] = []
    for xs, ys in found:
        if all(xs[-1] < kx[0] or xs[0] > kx[-1] for kx, _ in kept) and \
                all(ys[-1] < ky[0] or ys[0] > ky[-1] for _, ky in kept):
            kept.append((xs, ys))
    return kept


