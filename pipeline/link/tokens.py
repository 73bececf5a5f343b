"""Word tokens of an article for reuse alignment: normalised forms that keep their true offsets.

Copies of a passage differ from their source in ways that carry no words: ellipses, bracketed
editorial insertions ("[but reportedly now]", "ha[ving]"), curly or straight quote marks and
apostrophes, accents, whitespace and Markdown link targets. Tokenising both sides the same way, with
those differences masked out, lets an exact comparison of token ids do the alignment, while each
token keeps the (start, end) of its characters in articles.text so rows carry true offsets.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# Character ranges that hold no words of the prose: a Markdown link's target, a URL, and an editorial
# insertion in square brackets (a bracket followed by "(" is a link's text, which is prose).
_MASK_RE = re.compile(
    r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)"
    r"|<(?:https?://|www\.)[^>\s]*>"
    r"|\b(?:https?://|www\.)\S+"
    r"|\[[^\[\]\n]*\](?!\()")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’ʼ‘][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})

# Formulas every newsroom writes on its own; sharing one says nothing about copying, so their words
# never anchor a passage (they still align inside a passage that is copied).
STOCK_PHRASES = (
    "respond to a request for comment",
    "respond to requests for comment",
    "return a request for comment",
    "returned a request for comment",
    "could not be reached for comment",
    "declined to comment",
    "did not immediately respond",
    "people familiar with the matter",
    "people familiar with the situation",
    "said in a statement",
    "all rights reserved",
    "this material may not be published broadcast rewritten or redistributed",
    "contributed to this report",
    "the views expressed",
)


def normalise_token(raw: str) -> str:
    """Casefolded, straight apostrophes, accents dropped: 'Nicolás' and 'nicolas' are one word."""
    s = raw.translate(_APOSTROPHES).casefold()
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s


class Vocab:
    """Normalised word -> small int id, shared by every article of one run (ids only need equality)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._raw: dict[str, int] = {}

    def id_of_raw(self, raw: str) -> int:
        tid = self._raw.get(raw)
        if tid is None:
            tid = self._ids.setdefault(normalise_token(raw), len(self._ids))
            self._raw[raw] = tid
        return tid

    def words(self) -> list[str]:
        """The normalised words, indexed by id."""
        out = [""] * len(self._ids)
        for word, tid in self._ids.items():
            out[tid] = word
        return out

    def ids(self, text: str) -> list[int]:
        return [self.id_of_raw(m.group()) for m in _TOKEN_RE.finditer(_masked(text))]

    def merge(self, words: list[str]) -> np.ndarray:
        """The ids of normalised `words`, the new ones added in the order given. Merging, article
        after article, the words of a Vocab that tokenised one article alone gives every word the id
        one Vocab tokenising them all in that order would have given."""
        ids = self._ids
        return np.fromiter((ids.setdefault(w, len(ids)) for w in words), dtype=np.int32, count=len(words))


@dataclass
class Tokens:
    """One article's word tokens: ids, character offsets, and which of them may anchor a passage."""
    ids: np.ndarray         # int32 vocab ids (int32 throughout: half the memory at 10,000 articles)
    starts: np.ndarray      # int32 offsets into articles.text
    ends: np.ndarray
    indexable: np.ndarray   # bool: in the article's body and not part of a stock phrase
    line: np.ndarray        # int32 index of the text line (block) holding the token
    counts: np.ndarray      # bool: counts as a word of a passage (False inside a multi-word name)

    def __len__(self) -> int:
        return len(self.ids)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Token range [t0, t1) of the tokens lying inside text[start:end]."""
        t0 = int(np.searchsorted(self.starts, start, side="left"))
        t1 = int(np.searchsorted(self.ends, end, side="right"))
        return t0, max(t0, t1)


def words(text: str) -> list[str]:
    """The normalised words of a text, as the aligner sees them (for inspection and tests)."""
    return [normalise_token(m.group()) for m in _TOKEN_RE.finditer(_masked(text))]


def _masked(text: str) -> str:
    """The text with link targets, URLs and bracketed insertions blanked, every offset unchanged."""
    return _MASK_RE.sub(lambda m: " " * len(m.group()), text)


@lru_cache(maxsize=1)
def stock_words() -> tuple[str, ...]:
    """The first words of every tokenize_alone vocabulary: those of the stock phrases."""
    vocab = Vocab()
    stock_phrase_ids(vocab)
    return tuple(vocab.words())


def tokenize_alone(text: str, body: str | None) -> tuple[list[str], Tokens]:
    """tokenize with a Vocab of this article only (stock phrases first): its words, indexed by the
    tokens' ids. What the link stage remembers of an article between runs (pipeline.link.memo)."""
    vocab = Vocab()
    tokens = tokenize(text, body, vocab, stock_phrase_ids(vocab))
    return vocab.words(), tokens


def in_vocab(words: list[str], tokens: Tokens, vocab: Vocab) -> Tokens:
    """The tokens of tokenize_alone with the ids of the run's `vocab` (the new words added)."""
    return Tokens(vocab.merge(words)[tokens.ids], tokens.starts, tokens.ends, tokens.indexable, tokens.line,
                  tokens.counts)


def tokenize(text: str, body: str | None, vocab: Vocab, stock: list[list[int]] | None = None) -> Tokens:
    """Tokens of articles.text; `body` (articles.body) decides which of them are the article's own prose.

    body None means "unknown": every token is prose. An empty body means the layout found no prose.
    """
    matches = list(_TOKEN_RE.finditer(_masked(text)))
    ids = np.fromiter((vocab.id_of_raw(m.group()) for m in matches), dtype=np.int32, count=len(matches))
    starts = np.fromiter((m.start() for m in matches), dtype=np.int32, count=len(matches))
    ends = np.fromiter((m.end() for m in matches), dtype=np.int32, count=len(matches))
    newlines = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    line = np.searchsorted(newlines, starts, side="right").astype(np.int32)
    indexable = body_mask(ids, body, vocab) if body is not None else np.ones(len(ids), dtype=bool)
    if stock:
        indexable &= ~phrase_mask(ids, stock)
    return Tokens(ids, starts, ends, indexable, line, ~name_continuation(text, matches))


_NAME_JOIN_RE = re.compile(r"[ \t]+|\.[ \t]*|['’]s[ \t]+|-")


def _capitalised(word: str) -> bool:
    """'Court', 'U', 'NATO' start a name; a long word in capitals is shouting, not a name."""
    return word[0].isupper() and (len(word) <= 4 or not word.isupper())


def name_continuation(text: str, matches: list[re.Match]) -> np.ndarray:
    """True for the second and later words of a run of capitalised words ("U.S. Court of Appeals").

    A name is one unit of meaning: two articles naming the same institution or office in full share
    many words without sharing prose, so the words of a name count once towards a passage's length.
    """
    out = np.zeros(len(matches), dtype=bool)
    for n in range(1, len(matches)):
        prev, cur = matches[n - 1], matches[n]
        if not (_capitalised(cur.group()) and _capitalised(prev.group())):
            continue
        between = text[prev.end():cur.start()]
        # "Venezuela. The" is a sentence break, "U.S. Court" and "Mr. Maduro" are not.
        if between == "" or (_NAME_JOIN_RE.fullmatch(between) and
                             ("." not in between or len(prev.group()) <= 3)):
            out[n] = True
    return out


def body_mask(ids: np.ndarray, body: str, vocab: Vocab) -> np.ndarray:
    """True for the tokens of articles.text that belong to a paragraph of articles.body.

    The body is the text's prose blocks with Markdown stripped, joined by blank lines; tokenised the
    same way, each paragraph is a run of the text's tokens, found in order.
    """
    mask = np.zeros(len(ids), dtype=bool)
    seq = ids.tolist()
    cursor = 0
    for para in body.split("\n\n"):
        pids = vocab.ids(para)
        if not pids:
            continue
        found = find_run(seq, pids, cursor)
        if found is None and len(pids) > 1:
            # A caption glued to its paragraph ("…BannerIn the oil sector") splits the first word.
            found = find_run(seq, pids[1:], cursor)
            pids = pids[1:]
        if found is None:
            continue
        mask[found:found + len(pids)] = True
        cursor = found + len(pids)
    return mask


def find_run(seq: list[int], run: list[int], start: int = 0) -> int | None:
    """First index >= start where `run` occurs contiguously in `seq` (None for an empty run)."""
    if not run:
        return None
    first, n = run[0], len(run)
    i = start
    while True:
        try:
            i = seq.index(first, i)
        except ValueError:
            return None
        if seq[i:i + n] == run:
            return i
        i += 1


def phrase_mask(ids: np.ndarray, phrases: list[list[int]]) -> np.ndarray:
    """True for the tokens inside an occurrence of one of `phrases` (token id lists)."""
    mask = np.zeros(len(ids), dtype=bool)
    seq = ids.tolist()
    for phrase in phrases:
        i = 0
        while (i := find_run(seq, phrase, i)) is not None:
            mask[i:i + len(phrase)] = True
            i += 1
    return mask


def stock_phrase_ids(vocab: Vocab) -> list[list[int]]:
    return [vocab.ids(p) for p in STOCK_PHRASES]
