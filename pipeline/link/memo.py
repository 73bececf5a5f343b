"""What the link stage remembers between runs, so that one added article does not redo the corpus's work.

Three stores in the link cache folder (`.cache/link`, like the extract stage's `.cache/extract`):
- tokens.npz: each article's tokens (pipeline.link.tokens.tokenize_alone), keyed by its text, its
  body and the link code;
- pairs.npz: each candidate pair's verbatim passages (reuse.align.align_pair) and how they sit in
  the two articles (direction.passage_context), keyed by the two articles' token keys, the pair's
  anchors and the alignment settings;
- matches.npz: quote clustering's word-by-word matches of one article's token run against
  another's, keyed by the two articles' token keys and the runs' token ranges.

A key covers everything its value is computed from, so a remembered value is the value a run from
nothing computes, and the tables are the same bytes with the stores full, empty, stale or
deleted. What depends on the whole corpus (shingle document frequencies, the candidate choice, idf,
directions by date and citation, union features) is recomputed every run: it enters through the
anchors of the key or is not remembered at all. Each run writes back only the entries it used, so
a store holds the current corpus and does not grow with deleted articles. Data only (never
pickle): an unreadable or malformed store is ignored with a warning and rebuilt.
"""
from __future__ import annotations

import hashlib
import logging
import platform
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.codeversion import source_digest
from pipeline.link.tokens import Tokens, stock_words

log = logging.getLogger(__name__)

STORE_FORMAT = 1
KEY_BYTES = 16
# What decides a token list or an alignment: the link code and the text helpers and vocabularies it reads.
_CODE = ("link", "text", "lexicons")


@lru_cache(maxsize=1)
def _salt() -> bytes:
    return f"{STORE_FORMAT}|{source_digest(_CODE)}|{platform.python_version()}|{np.__version__}".encode()


@lru_cache(maxsize=1)
def _salted() -> "hashlib._Hash":
    return hashlib.blake2b(_salt(), digest_size=KEY_BYTES)


def _digest(*parts: bytes) -> bytes:
    h = _salted().copy()  # a key per candidate pair and per quote match: the salt is hashed once
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def _load(path: Path | None, names: tuple[str, ...]) -> dict[str, np.ndarray] | None:
    """The arrays of a store, or None when there is none or it cannot be read as one."""
    if path is None or not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {name: z[name] for name in names}
        if int(arrays["format"][0]) != STORE_FORMAT or arrays["salt"].tobytes() != _salt():
            return None  # another code version: every key would miss
        return arrays
    except Exception as exc:  # noqa: BLE001 - a damaged cache is a miss, never a failed build
        log.warning("link cache: ignoring unreadable %s (%s)", path, type(exc).__name__)
        return None


def _save(path: Path | None, arrays: dict[str, np.ndarray]) -> None:
    if path is None:
        return
    from pipeline.tables import write_atomic

    arrays = {"format": np.array([STORE_FORMAT]), "salt": np.frombuffer(_salt(), dtype=np.uint8), **arrays}
    write_atomic(path, lambda tmp: np.savez(open(tmp, "wb"), **arrays))


def _offsets(lengths: np.ndarray) -> np.ndarray:
    return np.r_[0, np.cumsum(lengths, dtype=np.int64)]


class _Store:
    """Entries by key: the ones loaded from disk, and the ones this run used (written back)."""

    FILE = ""

    _DTYPES: dict[str, type] = {}  # the dtype kind each array must have ("i" integer, "b" bool, "u" bytes)

    def __init__(self, directory: Path | None):
        self.path = Path(directory) / self.FILE if directory else None
        self.loaded: dict[bytes, object] = {}
        self.used: dict[bytes, object] = {}
        self.hits = self.misses = 0
        arrays = _load(self.path, ("format", "salt", "keys", *self._DTYPES))
        if arrays is None:
            return
        try:
            if any(arrays[name].dtype.kind != kind or arrays[name].ndim != 1 for name, kind in self._DTYPES.items()) \
                    or arrays["keys"].dtype != np.uint8 or len(arrays["keys"]) % KEY_BYTES:
                raise ValueError("arrays of the wrong type")
            self.loaded = self._read(arrays["keys"].reshape(-1, KEY_BYTES), arrays)
        except (ValueError, IndexError, UnicodeDecodeError) as exc:
            log.warning("link cache: ignoring inconsistent %s (%s)", self.path, exc)
            self.loaded = {}

    def _read(self, keys: np.ndarray, a: dict[str, np.ndarray]) -> dict[bytes, object]:
        raise NotImplementedError

    def get(self, key: bytes):
        value = self.used.get(key)
        if value is None:
            value = self.loaded.get(key)
            if value is None:
                self.misses += 1
                return None
            self.hits += 1
            self.used[key] = value
        return value

    def put(self, key: bytes, value) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write the entries this run used, unless they are exactly the ones loaded."""
        if self.path is None or (self.used.keys() == self.loaded.keys() and not self.misses):
            return
        self._write(sorted(self.used.items()))
        log.info("link cache: %s holds %d entries (%d reused, %d new)", self.FILE, len(self.used),
                 self.hits, self.misses)

    def _write(self, items: list[tuple[bytes, object]]) -> None:
        raise NotImplementedError


class TokenMemo(_Store):
    """Each article's (words, tokens) of tokenize_alone."""

    FILE = "tokens.npz"
    _DTYPES = {"n_words": "i", "words": "u", "n_tokens": "i", "ids": "i", "starts": "i", "ends": "i", "line": "i",
               "indexable": "b", "counts": "b"}

    def _read(self, keys, a):
        words = a["words"].tobytes().decode("utf-8").split("\n") if len(a["words"]) else []
        w_at, t_at = _offsets(a["n_words"]), _offsets(a["n_tokens"])
        if not (len(words) == w_at[-1] and len(keys) == len(a["n_words"]) == len(a["n_tokens"])
                and all(len(a[n]) == t_at[-1] for n in ("ids", "starts", "ends", "line", "indexable", "counts"))):
            raise ValueError("lengths disagree")
        stock = list(stock_words())  # kept once, not once per article
        out = {}
        for n, key in enumerate(keys):
            t0, t1 = t_at[n], t_at[n + 1]
            ids = a["ids"][t0:t1]
            if t1 > t0 and not 0 <= ids.min() <= ids.max() < len(stock) + w_at[n + 1] - w_at[n]:
                raise ValueError("a token id outside its article's words")
            out[key.tobytes()] = (stock + words[w_at[n]:w_at[n + 1]], Tokens(
                ids, a["starts"][t0:t1], a["ends"][t0:t1], a["indexable"][t0:t1], a["line"][t0:t1], a["counts"][t0:t1]))
        return out

    @staticmethod
    def key(text: str, body: str | None) -> bytes:
        return _digest(text.encode("utf-8"), b"\0" if body is None else b"\1" + body.encode("utf-8"))

    def _write(self, items) -> None:
        n_stock = len(stock_words())
        values = [(words[n_stock:], tokens) for _, (words, tokens) in items]
        toks = [t for _, t in values]
        cat = lambda name, dtype: np.concatenate([getattr(t, name) for t in toks]).astype(dtype)  # noqa: E731
        _save(self.path, {
            "keys": np.frombuffer(b"".join(k for k, _ in items), dtype=np.uint8),
            "n_words": np.array([len(w) for w, _ in values], dtype=np.int64),
            "words": np.frombuffer("\n".join(w for ws, _ in values for w in ws).encode("utf-8"), dtype=np.uint8),
            "n_tokens": np.array([len(t) for t in toks], dtype=np.int64),
            "ids": cat("ids", np.int32), "starts": cat("starts", np.int32), "ends": cat("ends", np.int32),
            "line": cat("line", np.int32), "indexable": cat("indexable", bool), "counts": cat("counts", bool),
        })


class PairMemo(_Store):
    """Each candidate pair's (passages, context): the verbatim passages (xs in a, ys in b) and the
    passage_context sums of a then of b (None without passages)."""

    FILE = "pairs.npz"
    _DTYPES = {"n_passages": "i", "context": "i", "lengths": "i", "xs": "i", "ys": "i"}

    def _read(self, keys, a):
        p_at, w_at = _offsets(a["n_passages"]), _offsets(a["lengths"])
        context = a["context"].reshape(-1, 6)
        if not (len(keys) == len(a["n_passages"]) == len(context) and p_at[-1] == len(a["lengths"])
                and w_at[-1] == len(a["xs"]) == len(a["ys"])):
            raise ValueError("lengths disagree")
        if len(a["xs"]) and min(a["xs"].min(), a["ys"].min()) < 0:
            raise ValueError("a negative token index")
        xs, ys = a["xs"], a["ys"]
        out = {}
        for n, key in enumerate(keys):
            passages = [(xs[w_at[p]:w_at[p + 1]], ys[w_at[p]:w_at[p + 1]]) for p in range(p_at[n], p_at[n + 1])]
            out[key.tobytes()] = (passages, tuple(int(v) for v in context[n]) if passages else None)
        return out

    @staticmethod
    def key(token_key_a: bytes, token_key_b: bytes, anchors: np.ndarray, k: int, min_words: int) -> bytes:
        return _digest(token_key_a, token_key_b, np.ascontiguousarray(anchors, dtype=np.int64).tobytes(),
                       f"{k}|{min_words}".encode())

    def _write(self, items) -> None:
        values = [v for _, v in items]
        passages = [p for ps, _ in values for p in ps]
        _save(self.path, {
            "keys": np.frombuffer(b"".join(k for k, _ in items), dtype=np.uint8),
            "n_passages": np.array([len(ps) for ps, _ in values], dtype=np.int64),
            "context": np.array([ctx if ctx is not None else (0,) * 6 for _, ctx in values], dtype=np.int64
                                ).reshape(-1),
            "lengths": np.array([len(xs) for xs, _ in passages], dtype=np.int64),
            "xs": np.concatenate([xs for xs, _ in passages]).astype(np.int32) if passages else np.zeros(0, np.int32),
            "ys": np.concatenate([ys for _, ys in passages]).astype(np.int32) if passages else np.zeros(0, np.int32),
        })


class MatchMemo(_Store):
    """The word-by-word matches quote clustering makes (quote_clusters.match_summary) of a run of one
    article's tokens against a run of another's: (words matched, where the first and last matching
    blocks start and end in the second run)."""

    FILE = "matches.npz"
    _DTYPES = {"values": "i"}

    def _read(self, keys, a):
        values = a["values"].reshape(-1, 3)
        if len(keys) != len(values):
            raise ValueError("lengths disagree")
        return {k.tobytes(): tuple(v) for k, v in zip(keys, values.tolist())}

    @staticmethod
    def key(token_key_a: bytes, a0: int, a1: int, token_key_b: bytes, b0: int, b1: int) -> bytes:
        return _digest(token_key_a, token_key_b, np.array([a0, a1, b0, b1], dtype=np.int64).tobytes())

    def _write(self, items) -> None:
        _save(self.path, {"keys": np.frombuffer(b"".join(k for k, _ in items), dtype=np.uint8),
                          "values": np.array([v for _, v in items], dtype=np.int64).reshape(-1)})


class LinkMemo:
    """The link stage's stores (directory None: remember nothing)."""

    def __init__(self, directory: Path | None):
        self.tokens = TokenMemo(directory)
        self.pairs = PairMemo(directory)
        self.matches = MatchMemo(directory)

    def save(self) -> None:
        self.tokens.save()
        self.pairs.save()
        self.matches.save()
