"""Corpus-wide links: one identity per entity, citations made concrete, reuse, quote clusters.

Pure functions over DataFrames; the `link` stage reads and writes the files.
"""
from __future__ import annotations

import logging

import pandas as pd

from pipeline.extract.layout import outlets
from pipeline.link.entities import resolve_corpus
from pipeline.text.names import name_key
from pipeline.link.quote_clusters import cluster_quotes
from pipeline.link.reuse import build_corpus, find_reuse

log = logging.getLogger(__name__)


def _outlet_key(name) -> str | None:
    if name is None or (isinstance(name, float) and pd.isna(name)):
        return None
    entry = outlets.lookup(str(name))
    return (entry.name if entry else str(name)).casefold()


def cited_article_ids(articles: pd.DataFrame) -> pd.Series:
    """For each article, the ids of corpus articles published by the outlets it cites."""
    by_outlet: dict[str, list[str]] = {}
    for row in articles.itertuples():
        key = _outlet_key(row.outlet)
        if key and row.duplicate_of is None or (key and pd.isna(row.duplicate_of)):
            by_outlet.setdefault(key, []).append(row.article_id)
    out = []
    for row in articles.itertuples():
        ids = []
        for cite in row.cites if row.cites is not None else []:
            for aid in by_outlet.get(_outlet_key(cite), []):
                if aid != row.article_id and aid not in ids:
                    ids.append(aid)
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
    # 1. The last PERSON/ORG mention inside the speaker span.
    people = ents[ents["label"].isin(["PERSON", "ORG"])][["article_id", "start", "end", "entity_id"]]
    spans = q.dropna(subset=["speaker_start"]).merge(people, on="article_id")
    spans = spans[(spans["start"] >= spans["speaker_start"]) & (spans["end"] <= spans["speaker_end"])]
    for row, eid in spans.sort_values(["row", "start"], kind="mergesort").groupby("row")["entity_id"].last().items():
        found[int(row)] = eid
    # 2. Else the first entity of the article (by position) with speaker_name as its name or an alias.
    names = ents.sort_values(["article_id", "start"], kind="mergesort")
    keys = pd.DataFrame({"article_id": names["article_id"].to_numpy(), "entity_id": names["entity_id"].to_numpy(),
                         "names": [[c, *(a if a is not None else [])]
                                   for c, a in zip(names["canonical_name"], names.get("aliases", [None] * len(names)))],
                         "order": range(len(names))}).explode("names")
    keys = keys.dropna(subset=["names"])
    keys["key"] = keys["names"].map(lambda n: name_key(str(n)))
    keys = keys.sort_values("order", kind="mergesort").drop_duplicates(["article_id", "key"])
    by_name = q[~q["row"].isin(list(found)) & q["speaker_name"].map(lambda n: isinstance(n, str) and bool(n))]
    by_name = by_name.assign(key=by_name["speaker_name"].map(name_key)).merge(
        keys[["article_id", "key", "entity_id"]], on=["article_id", "key"])
    for row, eid in zip(by_name["row"], by_name["entity_id"]):
        found[int(row)] = eid
    values = out.to_numpy(copy=True)
    for row, eid in found.items():
        values[row] = eid
    return pd.Series(values, index=quotes.index, dtype=object)


def link_corpus(tables: dict[str, pd.DataFrame], min_passage_words: int, max_candidates: int = 8
                ) -> dict[str, pd.DataFrame]:
    """Extracted tables in, published-shape tables out (adds reuse)."""
    out = dict(tables)
    articles = tables["articles"].copy()
    articles["cited_article_ids"] = cited_article_ids(articles)
    out["articles"] = articles
    out["entities"] = resolve_corpus(tables["entities"])
    corpus = build_corpus(articles)  # tokenised once for reuse and quote clusters
    out["reuse"] = find_reuse(articles, min_passage_words, max_candidates, corpus)
    quotes = tables["quotes"].copy()
    quotes["speaker_entity_id"] = speaker_entity_ids(quotes, out["entities"])
    out["quotes"] = cluster_quotes(quotes, articles, out["reuse"], corpus)
    log.info("link: %d reuse passages, %d entities, %d quote clusters", len(out["reuse"]),
             out["entities"]["entity_id"].nunique(), out["quotes"]["cluster_id"].nunique())
    return out
