"""Step 4, attribute, and the reuse table: passages credited to the article they come from."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterator

import numpy as np
import pandas as pd

from pipeline.link.memo import PairMemo
from pipeline.link.reuse import derivation
from pipeline.link.reuse.align import align_pair, prose_words
from pipeline.link.reuse.articles import Corpus, Passage, build_corpus
from pipeline.link.reuse.direction import TIME_RULES, decide_source, passage_context, relative_day
from pipeline.link.reuse.index import candidate_index, content_pairs, in_sorted
from pipeline.schemas import empty_frame

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5        # words per shingle (fewer when min_passage_words is smaller)
MAX_CANDIDATES = 8       # default of link.max_candidates: articles each one is aligned with, at most
MIN_COSINE = 0.2         # content-word cosine below which two articles are not worth measuring


def credit_third_articles(passages: list[Passage], corpus: Corpus, min_words: int) -> list[Passage]:
    """Drop the words of copy<-source passages that both articles took from a common third article.

    If X and Y each hold words that came from Z (X<-Z and Y<-Z passages align them), the X<-Y
    alignment of those words only says they share Z's text: X is linked to Z, not to Y. What remains
    of an X<-Y passage (words Y added itself) is kept when it still has min_words prose words.
    """
    covered: dict[int, dict[int, np.ndarray]] = {}  # copy -> source -> sorted word indices of the copy
    for p in passages:
        if p.match == "verbatim":
            covered.setdefault(p.copy, {}).setdefault(p.source, []).append(p.xs)
    for by_source in covered.values():
        for source, runs in by_source.items():
            by_source[source] = np.unique(np.concatenate(runs))
    out = []
    for p in passages:
        if p.match != "verbatim":
            out.append(p)
            continue
        thirds = sorted((set(covered.get(p.copy, ())) & set(covered.get(p.source, ()))) - {p.copy, p.source})
        if not thirds:
            out.append(p)
            continue
        taken = np.zeros(len(p.xs), dtype=bool)
        for z in thirds:
            taken |= in_sorted(p.xs, covered[p.copy][z]) & in_sorted(p.ys, covered[p.source][z])
        # runs of words the source added itself
        edges = np.flatnonzero(np.diff(np.r_[0, (~taken).astype(np.int8), 0]))
        for start, stop in zip(edges[::2], edges[1::2]):
            run_x, run_y = p.xs[start:stop], p.ys[start:stop]
            if prose_words(run_x, run_y, corpus.tokens[p.copy], corpus.tokens[p.source]) >= min_words:
                out.append(Passage(p.copy, p.source, run_x, run_y))
    return out


def credit_third_paraphrases(passages: list[Passage], links: dict) -> list[Passage]:
    """Drop the X<-Y paraphrases when X and Y both derive from a third article Z: two rewrites of one
    source resemble each other because of it, so X is linked to Z; only the verbatim words Y added
    itself (kept by credit_third_articles) can link X to Y."""
    sources: dict[int, set[int]] = {}
    for copy, source in links:
        sources.setdefault(copy, set()).add(source)
    return [p for p in passages if p.match != "paraphrase"
            or not ((sources.get(p.copy, set()) & sources.get(p.source, set())) - {p.copy, p.source})]


def paraphrases(link, profs: list, corpus: Corpus) -> list[Passage]:
    """The copy's aligned sentences that no verbatim passage touches, as paraphrase passages."""
    pc, ps = profs[link.copy], profs[link.source]
    in_verbatim = np.zeros(len(pc.sentence), dtype=bool)
    for xs, _ in link.passages:
        in_verbatim[xs] = True
    out = []
    if not len(link.measure.aligned):
        return out
    # built for this link and not kept: the profiles' caches are emptied once all pairs are measured
    index_c, index_s = derivation.sentence_index(pc), derivation.sentence_index(ps)
    for i, j0, j1, overlap in link.measure.aligned.tolist():
        xs = index_c.tokens_of(i, i).astype(np.int32)
        ys = index_s.tokens_of(j0, j1).astype(np.int32)
        if not len(xs) or not len(ys) or in_verbatim[xs].any():
            continue
        out.append(Passage(link.copy, link.source, xs, ys, "paraphrase",
                           derivation.shared_words(index_c, index_s, i, j0, j1), round(overlap, 3)))
    return out


def _rows(passages: list[Passage], corpus: Corpus, links: dict) -> pd.DataFrame:
    rows = []
    for p in passages:
        tc, ts = corpus.tokens[p.copy], corpus.tokens[p.source]
        link = links.get((p.copy, p.source))
        rows.append({
            "article_id": corpus.article_ids[p.copy],
            "source_article_id": corpus.article_ids[p.source],
            "start": int(tc.starts[p.xs[0]]),
            "end": int(tc.ends[p.xs[-1]]),
            "source_start": int(ts.starts[p.ys[0]]),
            "source_end": int(ts.ends[p.ys[-1]]),
            "n_words": len(p.xs) if p.n_words is None else p.n_words,
            "similarity": round(len(p.xs) / (p.xs[-1] - p.xs[0] + 1), 3) if p.similarity is None
            else min(1.0, p.similarity),
            "match": p.match,
            "derived_share": round(link.measure.derived_share, 3) if link else None,
            "verbatim_share": round(link.measure.verbatim_share, 3) if link else None,
            "derivation": link.derivation if link else None,
        })
    if not rows:
        return empty_frame("reuse")
    df = pd.DataFrame(rows, columns=list(empty_frame("reuse").columns))
    return df.sort_values(["article_id", "start", "source_article_id"], kind="mergesort").reset_index(drop=True)


@dataclass(slots=True)  # no per-object dict: one per candidate pair, 95,000 at 10,000 articles
class PairLink:
    """A candidate pair measured: which is the copy, its passages and derivation measures."""
    copy: int
    source: int
    passages: list[tuple[np.ndarray, np.ndarray]]  # (xs in copy, ys in source)
    measure: derivation.PairMeasure
    rule: str                 # the direction rule that decided which is the source
    probability: float = 0.0
    derivation: str = "none"  # wholly / partially / none


def _quoted_spans(tok, quoted: np.ndarray) -> list[tuple[int, int]]:
    idx = np.flatnonzero(quoted)
    if not len(idx):
        return []
    breaks = np.flatnonzero(np.diff(idx) > 1)
    firsts, lasts = np.r_[idx[0], idx[breaks + 1]], np.r_[idx[breaks], idx[-1]]
    return [(int(tok.starts[f]), int(tok.ends[t])) for f, t in zip(firsts, lasts)]


def _source_union_containment(grams: list[np.ndarray], copy: int, source: int, earlier: list[int],
                              found_earlier: dict[int, np.ndarray]) -> float:
    """derivation.containment of the copy's grams in its earlier sources and this source together.
    Which grams the earlier sources hold is worked out once per copy and kept in found_earlier: a copy
    has one list of earlier sources for all its pairs, and matching against it again for each pair
    was a hot spot of the link stage."""
    own = grams[copy]
    if not len(own):
        return 0.0
    if copy not in found_earlier:
        found_earlier[copy] = (np.isin(own, np.concatenate([grams[s] for s in earlier])) if earlier
                               else np.zeros(len(own), dtype=bool))
    found = found_earlier[copy]
    if source not in earlier:
        found = found | in_sorted(own, grams[source])  # gram_hashes are sorted and distinct
    return float(found.mean())


def _min_anchors(k: int, min_words: int) -> int:
    """Shared shingles a pair needs to hold a passage: one when a shingle is a passage's length."""
    return 1 if min_words <= k else 2


def _aligned(a: int, b: int, anchors: np.ndarray, corpus: Corpus, k: int, min_words: int, memo: PairMemo | None
             ) -> tuple[list[tuple[np.ndarray, np.ndarray]], tuple[int, ...] | None]:
    """The verbatim passages (xs in a, ys in b) of a candidate pair and their passage_context (None
    without passages), from the memo when it holds them."""
    key = PairMemo.key(corpus.token_keys[a], corpus.token_keys[b], anchors, k, min_words) if memo is not None else b""
    found = memo.get(key) if memo is not None else None
    if found is None or not all(len(xs) and xs.max() < len(corpus.tokens[a]) and ys.max() < len(corpus.tokens[b])
                                for xs, ys in found[0]):  # a store edited by hand is a miss, not a crash
        shared = align_pair(a, b, anchors, corpus, k, min_words) if len(anchors) >= _min_anchors(k, min_words) else []
        shared = [(np.asarray(xs, dtype=np.int32), np.asarray(ys, dtype=np.int32)) for xs, ys in shared]
        found = (shared, passage_context(a, b, shared, corpus) if shared else None)
        if memo is not None:
            memo.put(key, found)
    return found


def measure_pairs(corpus: Corpus, min_passage_words: int, max_candidates: int = MAX_CANDIDATES,
                  model: dict | None = None, profiles_out: list | None = None, memo: PairMemo | None = None
                  ) -> Iterator[PairLink]:
    """Every candidate pair (verbatim shingles or rare content words in common), directed and measured.
    All pairs are measured before the first is yielded: the union features need every pair's direction.
    profiles_out, when given, receives the articles' derivation profiles; memo, when given, remembers
    each pair's alignment for the next run."""
    model = model if model is not None else derivation.load_model()
    k = max(2, min(SHINGLE_WORDS, min_passage_words))
    min_anchors = _min_anchors(k, min_passage_words)
    profs, idf = derivation.profiles(corpus)
    if profiles_out is not None:
        profiles_out.extend(profs)
    days = [relative_day(text, _quoted_spans(tok, p.quoted))
            for text, tok, p in zip(corpus.texts, corpus.tokens, profs)]
    stems = [np.unique(p.stem[p.prose & (p.stem >= 0)]) for p in profs]
    extra = content_pairs(stems, idf, max_candidates, MIN_COSINE)
    links: list[PairLink] = []
    pairs, anchors_of = candidate_index(corpus, k, max_candidates, min_anchors, extra)
    # The profiles' per-article matrices are dropped after the article's last pair: at 10,000
    # articles they held hundreds of MB for no use.
    last_pair = {n: at for at, pair in enumerate(pairs) for n in pair}
    for at, (a, b) in enumerate(pairs):
        shared, context = _aligned(a, b, anchors_of(a, b), corpus, k, min_passage_words, memo)
        src, rule = decide_source(a, b, shared, corpus, days, context)
        copy, passages = (a, shared) if src == b else (b, [(ys, xs) for xs, ys in shared])
        links.append(PairLink(copy, src, passages, derivation.pair_measure(copy, src, passages, corpus, profs, idf),
                              rule))
        for n in (a, b):
            if last_pair[n] == at:
                profs[n].cache.clear()
    log.debug("reuse: %d candidate pairs measured", len(links))
    # The shingle index (held by anchors_of) and the per-pair inputs are done with; the links stay
    # until the union features are known, so let these go first (about 100 MB at 10,000 articles).
    del anchors_of, pairs, last_pair, days, stems, extra
    # What all of a copy's earlier sources hold of it: a paper merges several takes of the wire.
    grams = {name: [derivation.gram_hashes(derivation.prose_sequence(p, corpus.tokens[a].ids, kind), n)
                    for a, p in enumerate(profs)]
             for name, (kind, n) in derivation.FEATURE_GRAMS.items()}
    earlier: dict[int, list[int]] = {}
    for link in links:
        if link.rule in TIME_RULES:
            earlier.setdefault(link.copy, []).append(link.source)
    found_earlier: dict[str, dict[int, np.ndarray]] = {name: {} for name in grams}
    for link in links:
        sources = earlier.get(link.copy, [])
        for name, per_article in grams.items():
            link.measure.features[name] = _source_union_containment(per_article, link.copy, link.source, sources,
                                                                    found_earlier[name])
        link.probability = derivation.probability(link.measure.features, model)
        link.derivation = derivation.label(link.probability, link.measure.derived_share, model)
        yield link


def _kept(link: PairLink, corpus: Corpus, min_words: int) -> bool:
    """A pair is linked when the model calls the copy derived and it holds a verbatim passage or
    aligned sentences sharing at least min_words content words (as many as the shortest verbatim
    passage); or when the copy cites its source and holds a verbatim passage of it (a quoted excerpt
    of a cited article is a copy, however short); or when it sets a verbatim passage of the source's
    own prose (unquoted there) in quote marks."""
    if link.derivation != "none" and (link.passages or link.measure.aligned_words >= min_words):
        return True
    if link.measure.quotes_source_prose:  # the copy quotes the source's own words: it names them as taken
        return True
    return bool(link.passages) and corpus.article_ids[link.source] in corpus.cited[link.copy]


def directed_passages(corpus: Corpus, min_passage_words: int, max_candidates: int = MAX_CANDIDATES,
                      model: dict | None = None, memo: PairMemo | None = None
                      ) -> tuple[list[Passage], dict[tuple[int, int], PairLink]]:
    """Every passage one article of the corpus copies from another, third articles credited; and the
    linked pairs (copy, source) with their measures."""
    model = model if model is not None else derivation.load_model()
    passages: list[Passage] = []
    links: dict[tuple[int, int], PairLink] = {}
    profs: list = []
    for link in measure_pairs(corpus, min_passage_words, max_candidates, model, profs, memo):
        if not _kept(link, corpus, min_passage_words):
            continue
        links[(link.copy, link.source)] = link
        for xs, ys in link.passages:
            passages.append(Passage(link.copy, link.source, xs, ys))
        if link.derivation != "none":
            passages.extend(paraphrases(link, profs, corpus))
        else:
            # Kept for its citation or its quote marks around the source's prose: the copy says it
            # took those words, so the source was used, whatever the overlap features say (a long
            # story quoting a few lines of the article it cites contains little of it).
            link.derivation = derivation.label(1.0, link.measure.derived_share, model)
    passages = credit_third_paraphrases(credit_third_articles(passages, corpus, min_passage_words), links)
    return passages, links


def find_reuse(articles: pd.DataFrame, min_passage_words: int, max_candidates: int = MAX_CANDIDATES,
               corpus: Corpus | None = None, memo: PairMemo | None = None) -> pd.DataFrame:
    """One row per passage an article copies from another article of the corpus (REUSE schema).
    `corpus`, when given, is build_corpus(articles), shared with cluster_quotes to tokenise once;
    `memo` remembers the pairs' alignments between runs (the table is the same without it)."""
    corpus = corpus if corpus is not None else build_corpus(articles)
    passages, links = directed_passages(corpus, min_passage_words, max_candidates, memo=memo)
    return _rows(passages, corpus, links)


