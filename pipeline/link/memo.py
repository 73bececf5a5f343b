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

Memory: a store stays as its flat arrays (keys sorted, looked up by binary search), values are cut
out of them when asked for, the store is written entry by entry, never copied whole, and let go as
soon as its step is done (link_corpus closes it): at 10,000 articles a dictionary of Python objects
per entry, and a concatenated copy to save, took gigabytes.
"""
from __future__ import annotations

import hashlib
import logging
import platform
import zipfile
from array import array
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.codeversion import source_digest
from pipeline.link.tokens import Tokens, stock_words
from pipeline.tables import write_atomic

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


def _write_npz(path: Path, fields: list[tuple[str, type, list[np.ndarray]]]) -> None:
    """An .npz that np.load reads, each array written from its chunks (views), never joined in memory."""

    def write(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            for name, dtype, chunks in [("format", np.int64, [np.array([STORE_FORMAT])]),
                                        ("salt", np.uint8, [np.frombuffer(_salt(), dtype=np.uint8)]), *fields]:
                header = {"descr": np.lib.format.dtype_to_descr(np.dtype(dtype)), "fortran_order": False,
                          "shape": (sum(len(c) for c in chunks),)}
                with zf.open(f"{name}.npy", "w", force_zip64=True) as f:
                    np.lib.format.write_array_header_1_0(f, header)
                    for c in chunks:  # bytes of a view, not a copy (a plain memoryview counts elements)
                        f.write(memoryview(np.ascontiguousarray(c, dtype=dtype)).cast("B"))

    write_atomic(path, write)


def _offsets(lengths: np.ndarray) -> np.ndarray:
    return np.r_[0, np.cumsum(lengths, dtype=np.int64)].astype(np.int64)


class _Store:
    """Entries by key: the loaded ones (flat arrays, keys sorted, found by binary search), and the
    ones this run used or made, written back."""

    FILE = ""
    _DTYPES: dict[str, str] = {}  # each value array's dtype kind ("i" signed integer, "b" bool, "u" unsigned)

    def __init__(self, directory: Path | None):
        self.path = Path(directory) / self.FILE if directory else None
        self.keys = np.zeros(0, dtype=f"S{KEY_BYTES}")
        self.arrays: dict[str, np.ndarray] = {}
        self.used_rows = array("q")  # rows of loaded entries this run asked for
        self.new_keys = bytearray()  # KEY_BYTES a key, in the order of new_values
        self.new_values: list = []
        self.hits = self.misses = 0
        arrays = _load(self.path, ("format", "salt", "keys", *self._DTYPES))
        if arrays is None:
            return
        try:
            if any(arrays[name].dtype.kind != kind or arrays[name].ndim != 1 for name, kind in self._DTYPES.items()) \
                    or arrays["keys"].dtype != np.uint8 or arrays["keys"].ndim != 1 or len(arrays["keys"]) % KEY_BYTES:
                raise ValueError("arrays of the wrong type")
            keys = arrays["keys"].view(f"S{KEY_BYTES}")
            if len(keys) > 1 and not bool(np.all(keys[1:] > keys[:-1])):
                raise ValueError("keys out of order")
            self._check(len(keys), arrays)
        except Exception as exc:  # noqa: BLE001 - a damaged cache is a miss, never a failed build
            log.warning("link cache: ignoring inconsistent %s (%s)", self.path, exc)
            return
        for a in arrays.values():
            a.flags.writeable = False  # values handed out are views: nobody may change the next run's store
        self.keys, self.arrays = keys, arrays

    def __len__(self) -> int:
        return len(self.keys)

    def _check(self, n: int, a: dict[str, np.ndarray]) -> None:
        """Raise ValueError unless the arrays hold n well-formed entries; keep what _value needs."""
        raise NotImplementedError

    def _value(self, row: int):
        """The value of a loaded entry (None when it cannot be read: a miss)."""
        raise NotImplementedError

    def _fields(self, entries: np.ndarray) -> list[tuple[str, type, list[np.ndarray]]]:
        """The arrays to write (name, dtype, chunks) for entries in key order, each a loaded row
        (>= 0) or the new value at index -1 - entry."""
        raise NotImplementedError

    def get(self, key: bytes):
        i = int(np.searchsorted(self.keys, key)) if len(self.keys) else 0
        # numpy's bytes drop trailing NULs: compare the key the same way
        value = self._value(i) if i < len(self.keys) and self.keys[i] == key.rstrip(b"\0") else None
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used_rows.append(i)
        return value

    def put(self, key: bytes, value) -> None:
        if self.path is None:  # remembering nothing: keep nothing
            return
        self.new_keys += key
        self._keep(value)

    def _keep(self, value) -> None:
        self.new_values.append(value)

    def _n_new(self) -> int:
        return len(self.new_values)

    def save(self) -> None:
        """Write the entries this run used or made, unless they are exactly the ones loaded. A cache
        that cannot be written costs the next run time, not this one its tables."""
        try:
            self._save()
        except OSError as exc:
            log.warning("link cache: could not write %s (%s); the next build recomputes it", self.path, exc)

    def close(self) -> None:
        """Save, then let go of every entry: once its step of the link stage is done, a store's
        arrays (hundreds of MB at 10,000 articles) are not kept to the end of the stage."""
        self.save()
        self.keys, self.arrays = np.zeros(0, dtype=f"S{KEY_BYTES}"), {}
        self.used_rows, self.new_keys, self.new_values = array("q"), bytearray(), []

    def _save(self) -> None:
        if self.path is None:
            return
        rows = np.unique(np.frombuffer(self.used_rows, dtype=np.int64)) if len(self.used_rows) else \
            np.zeros(0, dtype=np.int64)
        if not self._n_new() and len(rows) == len(self.keys):
            return
        new_keys, first = np.unique(np.frombuffer(self.new_keys, dtype=f"S{KEY_BYTES}"), return_index=True)
        rows = rows[~np.isin(self.keys[rows], new_keys)]  # a value made again replaces the loaded one
        keys = np.concatenate([self.keys[rows], new_keys])
        order = np.argsort(keys, kind="stable")
        entries = np.concatenate([rows, -1 - first.astype(np.int64)])[order]
        key_bytes = np.frombuffer(keys[order].tobytes(), dtype=np.uint8)  # fixed width: the NULs kept
        _write_npz(self.path, [("keys", np.uint8, [key_bytes]), *self._fields(entries)])
        log.info("link cache: %s holds %d entries (%d reused, %d new)", self.FILE, len(keys), len(rows), len(new_keys))


class TokenMemo(_Store):
    """Each article's (words, tokens) of tokenize_alone; stored without the stock phrases' words,
    which begin every article's list."""

    FILE = "tokens.npz"
    _TOKEN_FIELDS = {"ids": np.int32, "starts": np.int32, "ends": np.int32, "indexable": bool, "line": np.int32,
                     "counts": bool}  # in the order of Tokens' fields
    _DTYPES = {"n_words": "i", "word_bytes": "i", "words": "u", "n_tokens": "i", "ids": "i", "starts": "i",
               "ends": "i", "indexable": "b", "line": "i", "counts": "b"}

    @staticmethod
    def key(text: str, body: str | None) -> bytes:
        return _digest(text.encode("utf-8"), b"\0" if body is None else b"\1" + body.encode("utf-8"))

    def _check(self, n, a):
        if min(a["n_words"].min(initial=0), a["word_bytes"].min(initial=0), a["n_tokens"].min(initial=0)) < 0 \
                or a["words"].dtype != np.uint8:
            raise ValueError("a negative count or words not bytes")
        self.token_at, self.byte_at = _offsets(a["n_tokens"]), _offsets(a["word_bytes"])
        if not (n == len(a["n_words"]) == len(a["n_tokens"]) == len(a["word_bytes"])
                and self.byte_at[-1] == len(a["words"])
                and all(len(a[f]) == self.token_at[-1] for f in self._TOKEN_FIELDS)):
            raise ValueError("lengths disagree")
        full = np.flatnonzero(a["n_tokens"])  # each article's largest id (reduceat needs non-empty runs)
        if len(full) and (a["ids"].min() < 0 or bool(np.any(np.maximum.reduceat(a["ids"], self.token_at[full])
                                                            >= len(stock_words()) + a["n_words"][full]))):
            raise ValueError("a token id outside its article's words")

    def _words(self, row: int) -> np.ndarray:
        return self.arrays["words"][self.byte_at[row]:self.byte_at[row + 1]]

    def _value(self, row):
        arrays, t0, t1 = self.arrays, self.token_at[row], self.token_at[row + 1]
        try:
            blob = self._words(row).tobytes().decode("utf-8")
        except UnicodeDecodeError:
            return None
        words = blob.split("\n") if arrays["n_words"][row] else []
        if len(words) != arrays["n_words"][row]:
            return None
        return [*stock_words(), *words], Tokens(*(arrays[f][t0:t1] for f in self._TOKEN_FIELDS))

    def _keep(self, value) -> None:
        words, tokens = value  # kept as the bytes to write: a list of strings per article took 200 MB at 10,000
        n_stock = len(stock_words())
        self.new_values.append(("\n".join(words[n_stock:]).encode("utf-8"), len(words) - n_stock, tokens))

    def _fields(self, entries):
        parts = []  # per entry: (its words' bytes, how many words, its token arrays)
        for e in entries.tolist():
            if e < 0:
                blob, n_words, tokens = self.new_values[-1 - e]
                parts.append((np.frombuffer(blob, dtype=np.uint8), n_words,
                              [getattr(tokens, f) for f in self._TOKEN_FIELDS]))
            else:
                t0, t1 = self.token_at[e], self.token_at[e + 1]
                parts.append((self._words(e), int(self.arrays["n_words"][e]),
                              [self.arrays[f][t0:t1] for f in self._TOKEN_FIELDS]))
        return [("n_words", np.int64, [np.array([n for _, n, _ in parts], dtype=np.int64)]),
                ("word_bytes", np.int64, [np.array([len(b) for b, _, _ in parts], dtype=np.int64)]),
                ("words", np.uint8, [b for b, _, _ in parts]),
                ("n_tokens", np.int64, [np.array([len(t[0]) for _, _, t in parts], dtype=np.int64)]),
                *((f, dtype, [t[i] for _, _, t in parts]) for i, (f, dtype) in enumerate(self._TOKEN_FIELDS.items()))]


class PairMemo(_Store):
    """Each candidate pair's (passages, context): the verbatim passages (xs in a, ys in b) and the
    passage_context sums of a then of b (None without passages)."""

    FILE = "pairs.npz"
    _DTYPES = {"n_passages": "i", "context": "i", "lengths": "i", "xs": "i", "ys": "i"}

    @staticmethod
    def key(token_key_a: bytes, token_key_b: bytes, anchors: np.ndarray, k: int, min_words: int) -> bytes:
        return _digest(token_key_a, token_key_b, np.ascontiguousarray(anchors, dtype=np.int64).tobytes(),
                       f"{k}|{min_words}".encode())

    def _check(self, n, a):
        if a["n_passages"].min(initial=0) < 0 or a["lengths"].min(initial=1) < 1:
            raise ValueError("a negative count or an empty passage")
        self.passage_at, self.word_at = _offsets(a["n_passages"]), _offsets(a["lengths"])
        if not (n == len(a["n_passages"]) and len(a["context"]) == 6 * n and self.passage_at[-1] == len(a["lengths"])
                and self.word_at[-1] == len(a["xs"]) == len(a["ys"])):
            raise ValueError("lengths disagree")
        if len(a["xs"]) and min(a["xs"].min(), a["ys"].min()) < 0:
            raise ValueError("a negative token index")

    def _value(self, row):
        arrays, word_at = self.arrays, self.word_at
        passages = [(arrays["xs"][word_at[p]:word_at[p + 1]], arrays["ys"][word_at[p]:word_at[p + 1]])
                    for p in range(self.passage_at[row], self.passage_at[row + 1])]
        return passages, (tuple(arrays["context"][6 * row:6 * row + 6].tolist()) if passages else None)

    def _fields(self, entries):
        parts = [self.new_values[-1 - e] if e < 0 else self._value(e) for e in entries.tolist()]
        passages = [p for ps, _ in parts for p in ps]
        return [("n_passages", np.int64, [np.array([len(ps) for ps, _ in parts], dtype=np.int64)]),
                ("context", np.int64, [np.array([c if c is not None else (0,) * 6 for _, c in parts],
                                                dtype=np.int64).reshape(-1)]),
                ("lengths", np.int64, [np.array([len(xs) for xs, _ in passages], dtype=np.int64)]),
                ("xs", np.int32, [xs for xs, _ in passages]),
                ("ys", np.int32, [ys for _, ys in passages])]


class MatchMemo(_Store):
    """The word-by-word matches quote clustering makes (quote_clusters.match_summary) of a run of one
    article's tokens against a run of another's: (words matched, where the first and last matching
    blocks start and end in the second run). Millions at 10,000 articles: values stay in flat arrays
    of numbers, never a tuple each."""

    FILE = "matches.npz"
    _DTYPES = {"values": "i"}

    def __init__(self, directory: Path | None):
        super().__init__(directory)
        self.new_numbers = array("q")  # three a new value

    def close(self) -> None:
        super().close()
        self.new_numbers = array("q")

    @staticmethod
    def key(token_key_a: bytes, a0: int, a1: int, token_key_b: bytes, b0: int, b1: int) -> bytes:
        return _digest(token_key_a, token_key_b, np.array([a0, a1, b0, b1], dtype=np.int64).tobytes())

    def _check(self, n, a):
        if len(a["values"]) != 3 * n:
            raise ValueError("lengths disagree")

    def _value(self, row):
        return tuple(self.arrays["values"][3 * row:3 * row + 3].tolist())

    def _keep(self, value) -> None:
        self.new_numbers.extend(value)

    def _n_new(self) -> int:
        return len(self.new_numbers) // 3

    def _fields(self, entries):
        loaded = self.arrays["values"].reshape(-1, 3) if self.arrays else np.zeros((0, 3), dtype=np.int64)
        made = np.frombuffer(self.new_numbers, dtype=np.int64).reshape(-1, 3)
        values = np.empty((len(entries), 3), dtype=np.int64)
        old = entries >= 0
        values[old] = loaded[entries[old]]
        values[~old] = made[-1 - entries[~old]]
        return [("values", np.int64, [values.reshape(-1)])]


class LinkMemo:
    """The link stage's stores (directory None: remember nothing)."""

    def __init__(self, directory: Path | None):
        self.tokens = TokenMemo(directory)
        self.pairs = PairMemo(directory)
        self.matches = MatchMemo(directory)

    def save(self) -> None:
        """Save and let go of every store (link_corpus closes each when its step is done)."""
        for store in (self.tokens, self.pairs, self.matches):
            store.close()
