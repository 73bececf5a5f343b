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


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "wrong_arrays", "out_of_range"])
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
            np.savez(open(path, "wb"), keys=np.zeros(3, dtype=np.uint8))
        else:  # well formed, but token indices past the articles' ends and match ends past the runs
            with np.load(path) as z:
                arrays = dict(z)
            for name in ("ids", "xs", "values"):
                if name in arrays:
                    arrays[name] = arrays[name] + 10**6
            np.savez(open(path, "wb"), **arrays)
    caplog.set_level(logging.WARNING, logger="pipeline.link.memo")
    memo = LinkMemo(tmp_path)
    assert not len(memo.tokens)
    if damage != "out_of_range":  # there the pairs and matches load, and are refused one by one on use
        assert not len(memo.pairs) and not len(memo.matches)
    assert any("link cache: ignoring" in m for m in caplog.messages)
    _assert_same(_link(tables, memo), plain)
    assert len(LinkMemo(tmp_path).tokens)  # rebuilt


def test_a_store_of_other_code_is_not_read(tables, tmp_path, monkeypatch):
    _link(tables, LinkMemo(tmp_path))
    monkeypatch.setattr("pipeline.link.memo._salt", lambda: b"another code version")
    monkeypatch.setattr("pipeline.link.memo._salted", lambda: __import__("hashlib").blake2b(b"x", digest_size=16))
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


@pytest.mark.parametrize("key, other", [
    (lambda: TokenMemo.key("Port vote.", None), lambda: TokenMemo.key("Port vote.", "")),
    (lambda: TokenMemo.key("Port vote.", "Port"), lambda: TokenMemo.key("Port vote!", "Port")),
    (lambda: PairMemo.key(b"a", b"b", np.array([[0, 1]]), 5, 8), lambda: PairMemo.key(b"b", b"a", np.array([[0, 1]]), 5, 8)),
    (lambda: PairMemo.key(b"a", b"b", np.array([[0, 1]]), 5, 8), lambda: PairMemo.key(b"a", b"b", np.array([[0, 2]]), 5, 8)),
    (lambda: PairMemo.key(b"a", b"b", np.array([[0, 1]]), 5, 8), lambda: PairMemo.key(b"a", b"b", np.array([[0, 1]]), 5, 9)),
    (lambda: MatchMemo.key(b"a", 0, 4, b"b", 2, 6), lambda: MatchMemo.key(b"a", 0, 4, b"b", 2, 7)),
])
def test_a_key_covers_every_input_of_its_value(key, other):
    assert key() == key() and key() != other()

