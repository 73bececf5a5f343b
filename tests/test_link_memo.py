"""What the link stage remembers between runs (pipeline.link.memo) never changes a table.

The corpus is invented: articles of random words from a small vocabulary, a third of them copying a
paragraph of an earlier one, and one sentence quoted by several. Each test links it with and without
the stores (cold, warm, damaged, left by another corpus) and compares every table."""
from __future__ import annotations

import logging
import random

import numpy as np
import pandas as pd
import pytest

from pipeline.link import link_corpus
from pipeline.link.memo import LinkMemo, MatchMemo, PairMemo, TokenMemo
from pipeline.link.tokens import Vocab, in_vocab, stock_phrase_ids, tokenize, tokenize_alone

WORDS = ("harbour ferry council tolls bridge islands mayor port rain winter lantern quarry orchard "
         "meadow glacier beacon pylon cistern granary tannery foundry wharf barge ledger tariff "
         "levy ballot quorum veto clause statute").split()
QUOTE = "the ferry tolls will rise before the lantern festival on the islands"
OUTLETS = ("Gazette", "Courier", "Herald")


def _prose(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words)).capitalize() + "."


def invented_tables(n_articles: int = 30, seed: int = 11) -> dict[str, pd.DataFrame]:
    rng = random.Random(seed)
    rows, quotes, entities = [], [], []
    for n in range(n_articles):
        paragraphs = [_prose(rng, 40) for _ in range(3)]
        if n % 3 == 2:  # a copy of an earlier article's paragraph
            paragraphs[1] = rows[rng.randrange(n)]["body"].split("\n\n")[rng.randrange(3)]
        if n % 4 == 0:
            paragraphs[2] = f'The mayor said: "{QUOTE}."'
        body = "\n\n".join(paragraphs)
        aid = f"{n:04d}"
        text = f"Title {n}\n\n{body}\n"
        rows.append({"article_id": aid, "text": text, "body": body, "outlet": OUTLETS[n % 3],
                     "cites": [OUTLETS[(n + 1) % 3]] if n % 5 == 0 else [], "published_date": None,
                     "duplicate_of": None})
        entities.append({"article_id": aid, "mention_id": f"{aid}-e0", "text": "Ana Vell", "start": 0, "end": 5,
                         "label": "PERSON", "entity_id": "local-0", "canonical_name": "Ana Vell",
                         "aliases": ["Ana Vell"]})
        if QUOTE in text:
            start = text.index(QUOTE)
            quotes.append({"article_id": aid, "quote_id": f"{aid}-q0", "text": QUOTE, "start": start,
                           "end": start + len(QUOTE), "speaker_start": np.nan, "speaker_end": np.nan,
                           "speaker_name": None, "speaker_kind": "anonymous"})
    arts = pd.DataFrame(rows)
    return {"articles": arts, "entities": pd.DataFrame(entities), "quotes": pd.DataFrame(quotes),
            "figures": pd.DataFrame(), "rejects": pd.DataFrame()}


def _link(tables, memo: LinkMemo | None = None) -> dict[str, pd.DataFrame]:
    out = link_corpus(tables, 8, 8, memo=memo)
    if memo is not None:
        memo.save()
    return out


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for table in ("articles", "entities", "quotes", "reuse"):
        pd.testing.assert_frame_equal(a[table], b[table], obj=table)


@pytest.fixture(scope="module")
def tables():
    return invented_tables()


@pytest.fixture(scope="module")
def plain(tables):
    out = _link(tables)
    assert len(out["reuse"]) > 0 and out["quotes"]["cluster_id"].nunique() < len(out["quotes"])  # a real test
    return out


def test_a_cold_then_warm_memo_gives_the_tables_of_no_memo(tables, plain, tmp_path):
    cold = LinkMemo(tmp_path)
    _assert_same(_link(tables, cold), plain)
    assert cold.tokens.misses == len(tables["articles"]) and cold.pairs.misses > 0
    for store in ("tokens.npz", "pairs.npz", "matches.npz"):
        assert (tmp_path / store).stat().st_size > 0
    warm = LinkMemo(tmp_path)
    _assert_same(_link(tables, warm), plain)
    assert warm.tokens.misses == warm.pairs.misses == warm.matches.misses == 0
    assert warm.tokens.hits == len(tables["articles"]) and warm.pairs.hits == cold.pairs.misses


def test_an_added_article_is_the_only_one_tokenised_and_the_tables_equal_a_fresh_build(tables, plain, tmp_path):
    fewer = {**tables, "articles": tables["articles"].iloc[:-1]}
    _link(fewer, LinkMemo(tmp_path))
    memo = LinkMemo(tmp_path)
    _assert_same(_link(tables, memo), plain)
    assert memo.tokens.misses == 1 and memo.tokens.hits == len(tables["articles"]) - 1
    assert memo.pairs.hits > 0
    again = LinkMemo(tmp_path)  # the new entries were merged in key order with the old ones
    _assert_same(_link(tables, again), plain)
    assert again.tokens.misses == again.pairs.misses == again.matches.misses == 0


def test_a_store_holds_only_what_the_last_run_used(tables, tmp_path):
    _link(tables, LinkMemo(tmp_path))
    fewer = {**tables, "articles": tables["articles"].iloc[:10]}
    _link(fewer, LinkMemo(tmp_path))
    assert len(TokenMemo(tmp_path)) == 10


def _rewrite(path, change) -> None:
    """Rewrite a store with change(arrays) applied: well formed, but not what the code wrote."""
    with np.load(path) as z:
        arrays = dict(z)
    change(arrays)
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def _shift(arrays, by=10**6):
    for name in ("ids", "xs", "values"):  # token ids past the words, passages past the articles, matches past the runs
        if name in arrays:
            arrays[name] = arrays[name] + by


def _empty_passages(arrays):
    if "lengths" in arrays:
        arrays["lengths"] = np.zeros_like(arrays["lengths"])


def _negative_counts(arrays):
    for name in ("n_tokens", "n_passages"):
        if name in arrays:
            arrays[name] = -arrays[name]


def _scalar_keys(arrays):
    arrays["keys"] = np.uint8(3)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong_arrays", "out_of_range",
                                    "empty_passages", "negative_counts", "scalar_keys"])
def test_a_damaged_store_is_ignored_with_a_warning(tables, plain, tmp_path, caplog, damage):
    _link(tables, LinkMemo(tmp_path))
    for name in ("tokens.npz", "pairs.npz", "matches.npz"):
        path = tmp_path / name
        if damage == "garbage":
            path.write_bytes(b"not a store at all")
        elif damage == "truncated":
            path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        elif damage == "empty":
            path.write_bytes(b"")
        elif damage == "wrong_arrays":
            with open(path, "wb") as f:
                np.savez(f, keys=np.zeros(3, dtype=np.uint8))
        else:
            _rewrite(path, {"out_of_range": _shift, "empty_passages": _empty_passages,
                            "negative_counts": _negative_counts, "scalar_keys": _scalar_keys}[damage])
    caplog.set_level(logging.WARNING, logger="pipeline.link.memo")
    memo = LinkMemo(tmp_path)
    # the stores refused whole; the others load, and their values are refused one by one on use
    refused = {"out_of_range": {"tokens"}, "empty_passages": {"pairs"},
               "negative_counts": {"tokens", "pairs"}}.get(damage, {"tokens", "pairs", "matches"})
    assert {name for name in ("tokens", "pairs", "matches") if not len(getattr(memo, name))} == refused
    assert any("link cache: ignoring" in m for m in caplog.messages)
    _assert_same(_link(tables, memo), plain)
    assert len(LinkMemo(tmp_path).tokens)  # rebuilt


def test_without_a_folder_nothing_is_kept(tables, plain):
    memo = LinkMemo(None)
    _assert_same(_link(tables, memo), plain)
    assert not memo.tokens.new_values and not memo.pairs.new_values and not len(memo.matches.new_numbers)


def test_a_cache_that_cannot_be_written_warns_and_the_tables_stand(tables, plain, tmp_path, caplog):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    caplog.set_level(logging.WARNING, logger="pipeline.link.memo")
    _assert_same(_link(tables, LinkMemo(blocked)), plain)
    assert any("link cache: could not write" in m for m in caplog.messages)


def test_a_store_of_other_code_is_not_read(tables, tmp_path, monkeypatch):
    _link(tables, LinkMemo(tmp_path))
    assert len(LinkMemo(tmp_path).tokens) == len(tables["articles"])
    monkeypatch.setattr("pipeline.link.memo._salt", lambda: b"another code version")
    assert not len(LinkMemo(tmp_path).tokens)


def test_tokenising_alone_then_merging_gives_the_ids_of_one_shared_vocab():
    rng = random.Random(4)
    texts = [(f"Title {n}\n\n{_prose(rng, 30)} declined to comment. Ó Briain’s wharf\n", _prose(rng, 30))
             for n in range(12)]
    shared = Vocab()
    stock = stock_phrase_ids(shared)
    together = [tokenize(text + body + "\n", body, shared, stock) for text, body in texts]
    merged = Vocab()
    stock_phrase_ids(merged)
    alone = [in_vocab(*tokenize_alone(text + body + "\n", body), merged) for text, body in texts]
    assert merged.words() == shared.words()
    for t, a in zip(together, alone):
        for field in ("ids", "starts", "ends", "indexable", "line", "counts"):
            assert np.array_equal(getattr(t, field), getattr(a, field)), field


def _pair_key(a=b"a", b=b"b", anchors=((0, 1),), k=5, min_words=8) -> bytes:
    return PairMemo.key(a, b, np.array(anchors), k, min_words)


@pytest.mark.parametrize("key, other", [
    (lambda: TokenMemo.key("Port vote.", None), lambda: TokenMemo.key("Port vote.", "")),
    (lambda: TokenMemo.key("Port vote.", "Port"), lambda: TokenMemo.key("Port vote!", "Port")),
    (_pair_key, lambda: _pair_key(a=b"b", b=b"a")),
    (_pair_key, lambda: _pair_key(anchors=((0, 2),))),
    (_pair_key, lambda: _pair_key(k=4)),
    (_pair_key, lambda: _pair_key(min_words=9)),
    (lambda: MatchMemo.key(b"a", 0, 4, b"b", 2, 6), lambda: MatchMemo.key(b"a", 0, 4, b"b", 2, 7)),
    (lambda: MatchMemo.key(b"a", 0, 4, b"b", 2, 6), lambda: MatchMemo.key(b"b", 0, 4, b"a", 2, 6)),
])
def test_a_key_covers_every_input_of_its_value(key, other):
    assert key() == key() and key() != other()

