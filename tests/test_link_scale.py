"""The link stage's fast paths find exactly what the plain searches they replaced find.

Each test sets a fast path (blocked misspelling pairs, cited articles pre-filtered by their words,
citations as sets) beside a brute-force reference written here, on invented names and texts."""
from __future__ import annotations

import gc
import random

import numpy as np
import pandas as pd

from pipeline.link import link_corpus
from pipeline.link.corpus import cited_article_ids
from pipeline.link.entities import ClusterTable, merge_misspelling, spelled_alike
from pipeline.link.quote_clusters import WordPostings, _cited_holding
from pipeline.link.reuse import build_corpus
from pipeline.link.tokens import find_run


def _table(names_by_article: dict[str, list[str]]) -> ClusterTable:
    clusters, rows_of, name_of, defined_of, label_of = [], {}, {}, {}, {}
    row = 0
    for art, names in names_by_article.items():
        for n, name in enumerate(names):
            c = (art, f"local-{n}")
            clusters.append(c)
            rows_of[c], name_of[c], defined_of[c], label_of[c] = [row], name, {name}, "PERSON"
            row += 1
    t = ClusterTable(sorted(clusters), rows_of, name_of, defined_of, label_of)
    for c in t.clusters:
        t.by_key.setdefault(("PERSON", t.key(c)), c)
    return t


def _all_pairs_reference(t: ClusterTable) -> set[frozenset]:
    """merge_misspelling as it was: every two full names compared."""
    keys_in_article, articles_of_key = {}, {}
    for c in t.clusters:
        keys_in_article.setdefault(c[0], set()).add(t.key(c))
        articles_of_key.setdefault(t.key(c), set()).add(c[0])
    names = sorted(k for tc, k in t.by_key if tc == "PERSON" and len(k.split()) >= 2)
    merged = set()
    for x, a in enumerate(names):
        for b in names[x + 1:]:
            if not spelled_alike(tuple(a.split()), tuple(b.split())) or articles_of_key[a] & articles_of_key[b]:
                continue
            ctx_a = set().union(*(keys_in_article[x] for x in articles_of_key[a])) - {a}
            ctx_b = set().union(*(keys_in_article[x] for x in articles_of_key[b])) - {b}
            if len(ctx_a & ctx_b) >= 2:
                merged.add(frozenset((a, b)))
    return merged


def test_blocked_misspelling_pairs_equal_every_pair_compared():
    rng = random.Random(3)
    given = ["Dana", "Dina", "Omar", "Ana", "Lena", "Lina", "Marta", "Mart"]
    surnames = ["Okafor", "Okafer", "Okafro", "Lund", "Lunde", "Vellara", "Vellarra", "Bakr", "Baker"]
    articles = {}
    for a in range(60):
        people = {f"{rng.choice(given)} {rng.choice(surnames)}" for _ in range(4)}
        people |= {"Petra Common", "Ivo Shared"} if a % 2 else {"Ivo Shared", "Kai Third"}
        articles[f"a{a:02d}"] = sorted(people)
    table = _table(articles)
    expected = _all_pairs_reference(table)
    assert expected, "the invented corpus should hold some misspellings to merge"
    merge_misspelling(table)
    keys = sorted({table.key(c) for c in table.clusters})
    got = {frozenset(k for k in keys if table.uf.find(table.by_key[("PERSON", k)]) == root)
           for root in {table.uf.find(table.by_key[("PERSON", k)]) for k in keys}}
    reference = {k: {k} for k in keys}  # the components the reference pairs make
    for pair in expected:
        a, b = sorted(pair)
        merged = reference[a] | reference[b]
        for k in merged:
            reference[k] = merged
    assert got == {frozenset(g) for g in reference.values()}


def _articles(items: list[tuple[str, str, str, list[str]]]) -> pd.DataFrame:
    return pd.DataFrame([{"article_id": aid, "text": text, "body": text.split("\n\n", 1)[1], "outlet": outlet,
                          "cites": cites, "duplicate_of": None, "published_date": None}
                         for aid, outlet, text, cites in items])


def test_cited_holding_finds_what_a_search_of_every_cited_article_finds():
    rng = random.Random(5)
    words = ["harbour", "vote", "ferry", "council", "bridge", "tolls", "islands", "mayor", "port", "rain"]
    items = []
    for n in range(40):
        prose = " ".join(rng.choice(words) for _ in range(30))
        items.append((f"{n:04d}", "Gazette" if n % 3 else "Courier", f"Title {n}\n\n{prose}.\n",
                      ["Gazette"] if n % 4 == 0 else []))
    arts = _articles(items)
    arts["cited_article_ids"] = cited_article_ids(arts)
    corpus = build_corpus(arts)
    postings = WordPostings(corpus)
    checked = 0
    for n, tok in enumerate(corpus.tokens):
        ids = tok.ids.tolist()
        for start in range(0, len(ids) - 3, 7):
            quote = ids[start:start + 3]
            expected = [corpus.index[aid] for aid in sorted(corpus.cited[n])
                        if find_run(corpus.tokens[corpus.index[aid]].ids.tolist(), quote) is not None]
            found = [src for src in _cited_holding(n, quote, corpus, postings)
                     if find_run(corpus.tokens[src].ids.tolist(), quote) is not None]
            assert found == expected
            checked += bool(expected)
    assert checked > 0


def test_cited_article_ids_are_every_article_of_the_cited_outlets_but_itself():
    arts = _articles([("a", "Gazette", "T\n\nx.\n", ["Courier"]), ("b", "Courier", "T\n\ny.\n", ["Gazette", "Courier"]),
                      ("c", "Courier", "T\n\nz.\n", ["Courier", "Courier"]), ("d", None, "T\n\nw.\n", ["Nobody"])])
    assert cited_article_ids(arts).tolist() == [["b", "c"], ["a", "c"], ["b"], []]


def test_link_corpus_times_every_part_and_restores_the_gc():
    arts = _articles([("a", "Gazette", "Port vote\n\nThe council met on the harbour tolls today.\n", [])])
    arts["cited_article_ids"] = [[]]
    empty = {t: pd.DataFrame() for t in ("figures", "rejects")}
    entities = pd.DataFrame({"article_id": ["a"], "mention_id": ["a-e0"], "text": ["Ana Vell"], "start": [0],
                             "end": [8], "label": ["PERSON"], "entity_id": ["local-0"],
                             "canonical_name": ["Ana Vell"], "aliases": [["Ana Vell"]]})
    quotes = pd.DataFrame({"article_id": ["a"], "quote_id": ["a-q1"], "text": ["harbour tolls"], "start": [35],
                           "end": [48], "speaker_start": [np.nan], "speaker_end": [np.nan],
                           "speaker_name": ["Ana Vell"], "speaker_kind": ["person"]})
    timings: dict[str, float] = {}
    assert gc.isenabled()
    out = link_corpus({"articles": arts, "entities": entities, "quotes": quotes, **empty}, 8, 8, timings=timings)
    assert gc.isenabled()
    parts = {"citations", "entities", "tokenise", "reuse", "speakers", "quote_clusters"}
    assert parts <= set(timings) and all(f"{p}_peak_rss_mb" in timings for p in parts)
    assert out["quotes"]["speaker_entity_id"].tolist() == out["entities"]["entity_id"].tolist()
