"""How much of a copy is derived from its source, beyond verbatim runs.

A newspaper rewriting agency copy keeps its facts and rare words but not its word order: "a verdict
of accidental death was recorded" for "an accidental death verdict was recorded". So besides the
verbatim passages of align.py, each of the copy's sentences is aligned with the source sentence, or
run of up to MAX_WINDOW sentences (a brief condenses several into one), that holds most of its content words (crudely stemmed, weighted by how rare they are in the corpus),
whatever their order. Quoted speech is set apart: two articles quoting one speaker share the
speaker's words without one copying the other (quote clusters record that), so derived_share and
the sentence alignment are measured on the narrative, the words outside quote marks.

Measures of a (copy, source) pair, all shares of the copy's prose words or sentences:
- verbatim_share: words inside verbatim passages (any, quoted or not);
- derived_share: words inside verbatim passages that are not quoted speech on both sides, or inside
  a sentence whose narrative aligns with one source sentence (ALIGNED_SENTENCE of its weight);
- the model's features (FEATURES): the containment of the copy's distinct content words and word trigrams in
  all its earlier sources together (passages.measure_pairs adds them, as they need every pair's
  direction), combined by a logistic model (derivation_model.json, trained by
  pipeline.link.reuse.train_derivation) into the probability that the copy is derived at all.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from pipeline.link.reuse.articles import Corpus
from pipeline.link.tokens import Tokens

STEM_CHARS = 5            # words cut to their first 5 letters: "recorded"/"records" -> "recor"
ALIGNED_SENTENCE = 0.5    # a copy sentence aligns when this share of its content weight is in one source sentence
MIN_SENTENCE_WORDS = 3    # content words a sentence needs to be aligned on its own
MAX_WINDOW = 3            # consecutive source sentences one condensed copy sentence may merge
MODEL_PATH = Path(__file__).with_name("derivation_model.json")

# Feature names, in the model's order. Clough et al. (2002) measure a newspaper story against the
# wire copy of its story by the containment of the story's word n-grams in it; the story is set
# against all its earlier sources at once, as a paper merges several takes of the wire. Two sizes,
# no more: single content words (facts and names kept through any rewording; function words left
# out, as any two English texts share them) and word trigrams (phrasing kept). More features (stem
# and content-word n-grams, quoted share, sentence alignment, weighted n-grams) were measured: none
# separated the classes better, and five fitted on one half of the development set scored worse on
# the other half than these two. Each is (sequence, n): "content" the stems of the prose's content
# words (Profile.stem), "words" its word ids.
FEATURE_GRAMS = {
    "source_union_content_word": ("content", 1),  # share of the copy's distinct content stems found in its
                                                  # earlier sources with this one
    "source_union_trigram": ("words", 3),         # share of its distinct prose word trigrams found there
}
FEATURES = tuple(FEATURE_GRAMS)
_OPEN, _CLOSE, _BOTH = "“‘«", "”’»", '"'
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*\s")


@dataclass
class Profile:
    """One article's prose as the derivation measure sees it (arrays indexed by token)."""
    prose: np.ndarray     # bool: a token of the article's prose (Tokens.indexable)
    quoted: np.ndarray    # bool: inside quote marks
    stem: np.ndarray      # int: stem id, -1 for a function word
    sentence: np.ndarray  # int: sentence number, -1 outside prose
    cache: dict = field(default_factory=dict)  # matrices built once per article, reused by every pair


@dataclass
class SentenceIndex:
    """An article's prose grouped by sentence number, so that a pair's work on one sentence costs
    that sentence, not a scan of the whole article (masking the article once per aligned sentence of
    every pair was the link stage's hot spot). Sentence numbers rise in text order, so each
    sentence's tokens and stems are one slice of the flat arrays."""
    tokens: np.ndarray        # prose token indices in text order
    token_starts: np.ndarray  # sentence n's tokens: tokens[token_starts[n]:token_starts[n + 1]]
    stems: np.ndarray         # stems of the prose's content words in text order
    stem_starts: np.ndarray   # likewise for stems

    def tokens_of(self, first: int, last: int) -> np.ndarray:
        """Prose tokens of sentences first..last."""
        return self.tokens[self.token_starts[first]:self.token_starts[min(last + 1, len(self.token_starts) - 1)]]

    def stems_of(self, first: int, last: int) -> np.ndarray:
        """Content stems of sentences first..last, in text order, with repeats."""
        return self.stems[self.stem_starts[first]:self.stem_starts[min(last + 1, len(self.stem_starts) - 1)]]


def sentence_index(p: Profile) -> SentenceIndex:
    """The SentenceIndex of an article's profile."""
    at = np.flatnonzero(p.sentence >= 0)
    n_sent = int(p.sentence[at].max()) + 1 if len(at) else 0
    content = at[p.stem[at] >= 0]
    return SentenceIndex(at, np.searchsorted(p.sentence[at], np.arange(n_sent + 1)),
                         p.stem[content], np.searchsorted(p.sentence[content], np.arange(n_sent + 1)))


def cached_sentence_index(p: Profile) -> SentenceIndex:
    """sentence_index(p), kept in the profile's cache (dropped with it after the article's last pair)."""
    if "sentences" not in p.cache:
        p.cache["sentences"] = sentence_index(p)
    return p.cache["sentences"]


def quoted_mask(text: str, tok: Tokens) -> np.ndarray:
    """True for tokens inside quote marks; a mark left open closes at the end of its paragraph.

    Double marks only: curly marks and the typewriter pair `` '' open and close, and a straight
    double quote toggles. Single marks are left out on purpose: reading them as the quotes
    extractor does (pipeline.extract.quotes.marks) was measured to lower derivation macro-F1 on
    the development set, since a paper that copies the wire copies its quotes too.
    """
    inside = np.zeros(len(tok), dtype=bool)
    marks = []  # (offset, +1 open / -1 close / 0 toggle / 2 paragraph end)
    for m in re.finditer(r"``|''|[“”«»\"]|\n\s*\n", text):
        g = m.group()
        kind = 2 if g.startswith("\n") else 1 if g in ("``", "“", "«") else -1 if g in ("''", "”", "»") else 0
        marks.append((m.start(), kind))
    if not marks:
        return inside
    state, bounds = False, []
    opened_at = 0
    for off, kind in marks:
        if kind == 2 or (kind == -1 or (kind == 0 and state)):
            if state:
                bounds.append((opened_at, off))
            state = False
        elif kind == 1 or kind == 0:
            state, opened_at = True, off
    if state:
        bounds.append((opened_at, len(text)))
    for s, e in bounds:
        t0 = int(np.searchsorted(tok.starts, s, side="left"))
        t1 = int(np.searchsorted(tok.starts, e, side="left"))
        inside[t0:t1] = True
    return inside


def sentence_numbers(text: str, tok: Tokens, prose: np.ndarray) -> np.ndarray:
    """Sentence number of each prose token: a new sentence after . ! ? or a line break."""
    out = np.full(len(tok), -1, dtype=np.int64)
    n, prev_end = -1, None
    for t in np.flatnonzero(prose).tolist():
        start = int(tok.starts[t])
        if prev_end is None:
            n += 1
        else:
            gap = text[prev_end:start + 1]
            if "\n" in gap or (_SENTENCE_END_RE.search(gap) and text[start].isupper()):
                n += 1
        out[t] = n
        prev_end = int(tok.ends[t])
    return out


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(w.casefold() for w in STOP_WORDS)


def stem_table(corpus: Corpus) -> np.ndarray:
    """vocab id -> stem id (-1 for function words and one-letter words)."""
    words = corpus.vocab.words()
    stops = _function_words()
    stems: dict[str, int] = {}
    out = np.full(len(words), -1, dtype=np.int64)
    for i, w in enumerate(words):
        if len(w) < 2 or w in stops or w.replace("'", "") in stops:
            continue
        out[i] = stems.setdefault(w[:STEM_CHARS] if w.isalpha() else w, len(stems))
    return out


def profiles(corpus: Corpus) -> tuple[list[Profile], np.ndarray]:
    """Per article its Profile, and per stem id its idf over the corpus (log N / document frequency)."""
    table = stem_table(corpus)
    out = []
    df = np.zeros(int(table.max()) + 2 if len(table) else 1, dtype=np.int64)
    for text, tok in zip(corpus.texts, corpus.tokens):
        prose = tok.indexable.copy()
        stem = np.where(prose, table[tok.ids] if len(tok) else np.zeros(0, dtype=np.int64), -1)
        out.append(Profile(prose, quoted_mask(text, tok), stem, sentence_numbers(text, tok, prose)))
        present = np.unique(stem[stem >= 0])
        df[present] += 1
    idf = np.log((len(corpus.tokens) + 1) / (df + 1)) + 1.0
    return out, idf


def _presence_matrix(rows: np.ndarray, cols: np.ndarray, values: np.ndarray, shape: tuple[int, int]) -> csr_matrix:
    """CSR matrix with values[col] at each distinct (row, col) cell given, however often it repeats.
    Built straight from the sorted cells: scipy's COO -> sum_duplicates -> multiply route made the
    same canonical matrix at three times the cost, once per article."""
    n_cols = shape[1]
    cells = np.unique(rows * n_cols + cols)
    rows, cols = cells // n_cols, cells % n_cols
    indptr = np.searchsorted(rows, np.arange(shape[0] + 1))
    return csr_matrix((values[cols].astype(np.float64), cols, indptr), shape=shape)


def _sentence_stems(p: Profile, narrative_only: bool) -> tuple[np.ndarray, np.ndarray, int]:
    """(sentence, stem) of each content word of the prose, and the number of sentences."""
    keep = (p.stem >= 0) & (p.sentence >= 0)
    if narrative_only:
        keep &= ~p.quoted
    n_sent = int(p.sentence.max()) + 1 if len(p.sentence) and p.sentence.max() >= 0 else 0
    return p.sentence[keep], p.stem[keep], n_sent


def _sentence_matrix(p: Profile, idf: np.ndarray, narrative_only: bool) -> csr_matrix:
    """Sentences x stems, idf-weighted presence."""
    rows, cols, n_sent = _sentence_stems(p, narrative_only)
    return _presence_matrix(rows, cols, idf, (n_sent, len(idf)))


def align_sentences(pc: Profile, ps: Profile, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each sentence of the copy: the best window of source sentences (index of its first
    sentence in the source's windows, see source_windows_t), the share of its narrative content weight
    found there, and whether it has enough narrative words to be aligned at all."""
    if "as_copy" not in pc.cache:
        mc = _sentence_matrix(pc, idf, narrative_only=True)
        binary = mc.copy()
        binary.data[:] = 1.0
        pc.cache["as_copy"] = (mc, np.asarray(binary.sum(axis=1)).ravel() >= MIN_SENTENCE_WORDS,
                               np.asarray(mc.sum(axis=1)).ravel())
    if "as_source" not in ps.cache:
        ps.cache["as_source"] = source_windows_t(ps, len(idf))
    mc, enough, weight = pc.cache["as_copy"]
    windows_t = ps.cache["as_source"]
    if mc.shape[0] == 0 or windows_t.shape[1] == 0:
        z = np.zeros(mc.shape[0])
        return z.astype(np.int64), z, z.astype(bool)
    shared = (mc @ windows_t).toarray()
    best = shared.argmax(axis=1)
    overlap = shared[np.arange(len(best)), best] / np.maximum(weight, 1e-9)
    return best, overlap, enough


def source_windows_t(p: Profile, n_stems: int) -> csr_matrix:
    """Stems x windows, binary: the windows are each source sentence alone, then each run of
    MAX_WINDOW consecutive sentences (a condensed copy merges several source sentences into one).
    Transposed, as align_sentences multiplies by it."""
    rows, cols, n_sent = _sentence_stems(p, narrative_only=False)
    windows, stems = [rows], [cols]
    n_windows = n_sent
    if n_sent >= MAX_WINDOW:
        n_runs = n_sent - MAX_WINDOW + 1
        for t in range(MAX_WINDOW):  # sentence r is the t-th of run r - t
            inside = (rows >= t) & (rows < n_runs + t)
            windows.append(n_sent + rows[inside] - t)
            stems.append(cols[inside])
        n_windows += n_runs
    return _presence_matrix(np.concatenate(stems), np.concatenate(windows), np.ones(n_windows),
                            (n_stems, n_windows))


def window_sentences(w: int, n_source_sentences: int) -> tuple[int, int]:
    """The source sentences [first, last] of window w of source_windows_t."""
    if w < n_source_sentences:
        return w, w
    first = w - n_source_sentences
    return first, first + MAX_WINDOW - 1


def containment(grams: np.ndarray, sources: list[np.ndarray]) -> float:
    """Share of `grams` found in any of `sources`."""
    if not len(grams) or not sources:
        return 0.0
    return float(np.isin(grams, np.concatenate(sources)).mean())


_HASH_MUL = np.int64(1000003)


def prose_sequence(p: Profile, ids: np.ndarray, kind: str) -> np.ndarray:
    """An article's prose as FEATURE_GRAMS reads it: its word ids ("words") or the stems of its
    content words in text order ("content")."""
    return ids[p.prose] if kind == "words" else p.stem[p.prose & (p.stem >= 0)]


def gram_hashes(seq: np.ndarray, n: int) -> np.ndarray:
    """Distinct n-grams of an id sequence, each hashed to one int64."""
    seq = np.asarray(seq, dtype=np.int64)
    if len(seq) < n:
        return np.zeros(0, dtype=np.int64)
    win = np.lib.stride_tricks.sliding_window_view(seq, n)
    h = np.zeros(len(win), dtype=np.int64)
    with np.errstate(over="ignore"):
        for k in range(n):
            h = h * _HASH_MUL + win[:, k] + 1
    return np.unique(h)


# One aligned sentence of a copy: the copy's sentence, the first and last source sentence of its
# window, and the share of its content weight found there. A record array rather than a list of
# tuples: a 10,000-article corpus holds 1.7 million of them while reuse runs.
ALIGNED_DTYPE = np.dtype([("copy", np.int32), ("first", np.int32), ("last", np.int32), ("overlap", np.float64)])


@dataclass(slots=True)  # no per-object dict: one per candidate pair
class PairMeasure:
    features: dict[str, float]
    verbatim_share: float
    derived_share: float
    aligned: np.ndarray  # ALIGNED_DTYPE records; .tolist() gives (i, j0, j1, overlap) tuples of Python numbers
    quotes_source_prose: bool = False  # a verbatim passage quoted in the copy stands unquoted in the source
    aligned_words: int = 0  # content words of the aligned sentences found in their source sentence


def pair_measure(c: int, s: int, passages: list[tuple[np.ndarray, np.ndarray]], corpus: Corpus,
                 profs: list[Profile], idf: np.ndarray) -> PairMeasure:
    """The derivation measures of copy c against source s; passages are (xs in c, ys in s)."""
    pc, ps = profs[c], profs[s]
    prose = pc.prose
    n_prose = max(int(prose.sum()), 1)
    verbatim = np.zeros(len(prose), dtype=bool)
    own_verbatim = np.zeros(len(prose), dtype=bool)  # not quoted speech on both sides
    quotes_source = False
    for xs, ys in passages:
        xs, ys = np.asarray(xs), np.asarray(ys)
        verbatim[xs] = True
        both_quoted = pc.quoted[xs] & ps.quoted[ys]
        own = xs[~both_quoted]
        own_verbatim[own] = True
        quotes_source |= bool(pc.quoted[xs].mean() > 0.5 and not ps.quoted[ys].any())
    best, overlap, enough = align_sentences(pc, ps, idf)
    aligned_sent = enough & (overlap >= ALIGNED_SENTENCE)
    in_aligned = np.zeros(len(prose), dtype=bool)
    sent_ok = pc.sentence >= 0
    in_aligned[sent_ok] = aligned_sent[pc.sentence[sent_ok]] if len(aligned_sent) else False
    derived = (own_verbatim | in_aligned) & prose
    # derived_share is not a model feature: it is the wholly/partially cut; the model's features
    # (FEATURES) need every source of the copy and are added by passages.measure_pairs.
    features = {"derived_share": float(derived.sum() / n_prose)}
    n_src = int(ps.sentence.max()) + 1 if len(ps.sentence) and ps.sentence.max() >= 0 else 0
    aligned = np.array([(int(i), *window_sentences(int(best[i]), n_src), float(overlap[i]))
                        for i in np.flatnonzero(aligned_sent)], dtype=ALIGNED_DTYPE)
    index_c, index_s = cached_sentence_index(pc), cached_sentence_index(ps)
    aligned_words = sum(shared_words(index_c, index_s, i, j0, j1) for i, j0, j1, _ in aligned.tolist())
    return PairMeasure(features, float((verbatim & prose).sum() / n_prose), features["derived_share"], aligned,
                       quotes_source, aligned_words)


def shared_words(copy: SentenceIndex, source: SentenceIndex, i: int, j0: int, j1: int) -> int:
    """Content words of sentence i of the copy whose stem is in sentences j0..j1 of the source."""
    in_source = set(source.stems_of(j0, j1).tolist())
    return sum(stem in in_source for stem in copy.stems_of(i, i).tolist())


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> dict:
    """{features, mean, scale, weights, bias, threshold, wholly}: numbers and feature names only."""
    model = json.loads(Path(path).read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURES:
        raise ValueError(f"{path}: features {model['features']} differ from the code's {FEATURES}")
    return model


def probability(features: dict[str, float], model: dict) -> float:
    x = (np.array([features[f] for f in model["features"]]) - np.array(model["mean"])) / np.array(model["scale"])
    z = float(x @ np.array(model["weights"]) + model["bias"])
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def label(prob: float, derived_share: float, model: dict) -> str:
    """METER's labels: 'wholly' (the source is the copy's only source: nearly all its words derived),
    'partially' (the source was used with other sources), 'none' (the source was not used)."""
    if prob < model["threshold"]:
        return "none"
    return "wholly" if derived_share >= model["wholly"] else "partially"
