"""Corpus-wide links: one identity per entity, citations made concrete, reuse, quote clusters.

Pure functions over DataFrames; the `link` stage reads and writes the files.
"""
from __future__ import annotations

import gc
import logging
import resource
import time
from contextlib import contextmanager
from functools import lru_cache

import pandas as pd

from pipeline.extract.layout import outlets
from pipeline.link.entities import cached_name_key, resolve_corpus
from pipeline.link.memo import LinkMemo
from pipeline.link.quote_clusters import cluster_quotes
from pipeline.link.reuse import build_corpus, find_reuse

log = logging.getLogger(__name__)

SPEAKER_JOIN_ARTICLES = 500  # articles per part of speaker_entity_ids' quote-to-mention join


def _outlet_key(name) -> str | None:
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return None
    return _outlet_key_of(str(name))


@lru_cache(maxsize=1 << 14)
def _outlet_key_of(name: str) -> str:
    entry = outlets.lookup(name)
    return (entry.name if entry else name).casefold()


def cited_article_ids(articles: pd.DataFrame) -> pd.Series:
    """For each article, the ids of corpus articles published by the outlets it cites."""
    by_outlet: dict[str, list[str]] = {}
    for row in articles.itertuples():
        key = _outlet_key(row.outlet)
        if key and row.duplicate_of is None or (key and pd.isna(row.duplicate_of)):
            by_outlet.setdefault(key, []).append(row.article_id)
    out = []
    for row in articles.itertuples():
        # A set, not a list searched per id: an outlet with thousands of articles made this quadratic.
        ids: set[str] = set()
        for cite in row.cites if row.cites is not None else []:
            ids.update(by_outlet.get(_outlet_key(cite), ()))
        ids.discard(row.article_id)
        out.append(sorted(ids))
    return pd.Series(out, index=articles.index, dtype=object)


def speaker_entity_ids(quotes: pd.DataFrame, entities: pd.DataFrame) -> pd.Series:
    """Link each quote's speaker to an entity: the PERSON or ORG mention inside the speaker span
    (the last one, the head of "Russia's ambassador Vladimir Zayemsky"), else the entity of the same
    article whose canonical name or alias equals speaker_name (the first mentioned). Anonymous sources
    link to nobody. Two joins on article_id, not a search per quote."""
    out = pd.Series([None] * len(quotes), index=quotes.index, dtype=object)
    if quotes.empty or entities.empty:
        return out
    ents = entities[entities["label"].isin(["PERSON", "ORG", "NORP", "GPE"])]
    q = pd.DataFrame({"row": range(len(quotes)), "article_id": quotes["article_id"].to_numpy(),
                      "speaker_start": pd.to_numeric(quotes["speaker_start"], errors="coerce").to_numpy(),
                      "speaker_end": pd.to_numeric(quotes["speaker_end"], errors="coerce").to_numpy(),
                      "speaker_name": quotes["speaker_name"].to_numpy(),
                      "named": (quotes["speaker_kind"] != "anonymous").to_numpy()})
    q = q[q["named"]]
    found: dict[int, str] = {}
    # 1. The last PERSON/ORG mention inside the speaker span. The join pairs every quote with every
    # mention of its article, so it is made SPEAKER_JOIN_ARTICLES articles at a time: whole, it held
    # 4.7 million rows at 10,000 articles. A quote's rows all fall in one part, so the result is the same.
    people = ents[ents["label"].isin(["PERSON", "ORG"])][["article_id", "start", "end", "entity_id"]]
    # Each frame is split into the parts once (a filter of both frames per part grew with the square
    # of the corpus); splitting keeps row order, so ties are broken as in one join.
    with_span = q.dropna(subset=["speaker_start"])
    part_of = {aid: n // SPEAKER_JOIN_ARTICLES for n, aid in enumerate(with_span["article_id"].unique())}
    mentions = people.groupby(people["article_id"].map(part_of).fillna(-1).astype(int), sort=False)
    for part, quotes_part in with_span.groupby(with_span["article_id"].map(part_of), sort=False):
        if part not in mentions.groups:
            continue
        spans = quotes_part.merge(mentions.get_group(part), on="article_id")
        spans = spans[(spans["start"] >= spans["speaker_start"]) & (spans["end"] <= spans["speaker_end"])]
        last = spans.sort_values(["row", "start"], kind="mergesort").groupby("row")["entity_id"].last()
        found.update((int(row), eid) for row, eid in last.items())
    # 2. Else the first entity of the article (by position) with speaker_name as its name or an alias.
    # Only the articles of such quotes, and one row per entity and name list (its first mention):
    # the later mentions of an entity add no name, and exploding every mention's aliases grew with
    # the square of a frequent entity's mentions.
    by_name = q[~q["row"].isin(list(found)) & q["speaker_name"].map(lambda n: isinstance(n, str) and bool(n))]
    names = ents[ents["article_id"].isin(set(by_name["article_id"]))].sort_values(["article_id", "start"],
                                                                                   kind="mergesort")
    aliases = names["aliases"].tolist() if "aliases" in names.columns else [None] * len(names)
    name_lists = [(c, *(a if a is not None else [])) for c, a in zip(names["canonical_name"].tolist(), aliases)]
    keys = pd.DataFrame({"article_id": names["article_id"].to_numpy(), "entity_id": names["entity_id"].to_numpy(),
                         "names": name_lists, "order": range(len(names))})
    keys = keys.drop_duplicates(["article_id", "entity_id", "names"]).explode("names")
    keys = keys.dropna(subset=["names"])
    keys["key"] = [cached_name_key(str(n)) for n in keys["names"].tolist()]
    keys = keys.sort_values("order", kind="mergesort").drop_duplicates(["article_id", "key"])
    by_name = by_name.assign(key=[cached_name_key(n) for n in by_name["speaker_name"].tolist()]).merge(
        keys[["article_id", "key", "entity_id"]], on=["article_id", "key"])
    for row, eid in zip(by_name["row"], by_name["entity_id"]):
        found[int(row)] = eid
    values = out.to_numpy(copy=True)
    for row, eid in found.items():
        values[row] = eid
    return pd.Series(values, index=quotes.index, dtype=object)


def peak_rss_mb() -> int:
    """This process's peak resident memory so far, in MB. VmHWM, not ru_maxrss: ru_maxrss survives
    exec, so a process started by a large parent reports the parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


@contextmanager
def _timed(timings: dict[str, float] | None, part: str):
    start = time.perf_counter()
    yield
    if timings is not None:
        timings[part] = timings.get(part, 0.0) + time.perf_counter() - start
        timings[f"{part}_peak_rss_mb"] = peak_rss_mb()


def link_corpus(tables: dict[str, pd.DataFrame], min_passage_words: int, max_candidates: int = 8,
                timings: dict[str, float] | None = None, memo: LinkMemo | None = None) -> dict[str, pd.DataFrame]:
    """Extracted tables in, published-shape tables out (adds reuse). timings, when given, receives
    each part's wall seconds (citations, entities, tokenise, reuse, speakers, quote_clusters) and,
    as PART_peak_rss_mb, the process's peak memory when the part ended. memo, when given, supplies
    and receives what the next run can reuse (pipeline.link.memo): the tables are the same bytes."""
    # Python's cyclic GC rescans every live object at each full collection: with the million objects
    # of a 10,000-article corpus that made the stage superlinear (entities took twice as long). The
    # link code makes next to no reference cycles, so collection waits until the end.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _link(tables, min_passage_words, max_candidates, timings, memo)
    finally:
        if gc_was_enabled:
            gc.enable()


def _link(tables: dict[str, pd.DataFrame], min_passage_words: int, max_candidates: int,
          timings: dict[str, float] | None, memo: LinkMemo | None) -> dict[str, pd.DataFrame]:
    out = dict(tables)
    # Copy-on-write (pandas 3): a shallow copy shares the columns until one is replaced, and the
    # caller's frames stay as they were; deep copies of the text and entity columns cost 10% of peak memory.
    articles = tables["articles"].copy(deep=False)
    with _timed(timings, "citations"):
        articles["cited_article_ids"] = cited_article_ids(articles)
    out["articles"] = articles
    with _timed(timings, "entities"):
        out["entities"] = resolve_corpus(tables["entities"])
    with _timed(timings, "tokenise"):
        corpus = build_corpus(articles, memo.tokens if memo else None)  # once for reuse and quote clusters
    with _timed(timings, "reuse"):
        out["reuse"] = find_reuse(articles, min_passage_words, max_candidates, corpus, memo.pairs if memo else None)
        if memo is not None:  # the stores' arrays are not needed past their step
            memo.tokens.close()
            memo.pairs.close()
    quotes = tables["quotes"].copy(deep=False)
    with _timed(timings, "speakers"):
        quotes["speaker_entity_id"] = speaker_entity_ids(quotes, out["entities"])
    with _timed(timings, "quote_clusters"):
        out["quotes"] = cluster_quotes(quotes, articles, out["reuse"], corpus, memo.matches if memo else None)
        if memo is not None:
            memo.matches.close()
    log.info("link: %d reuse passages, %d entities, %d quote clusters", len(out["reuse"]),
             out["entities"]["entity_id"].nunique(), out["quotes"]["cluster_id"].nunique())
    if timings is not None:
        log.info("link: seconds (peak MB) per part: %s", ", ".join(
            f"{k} {v:.2f} ({timings.get(f'{k}_peak_rss_mb')})" for k, v in timings.items() if not k.endswith("_mb")))
    return out
