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
    article whose canonical name or alias equals speaker_name. Anonymous sources link to nobody."""
    ents = entities[entities["label"].isin(["PERSON", "ORG", "NORP", "GPE"])]
    by_article = {aid: grp.sort_values("start") for aid, grp in ents.groupby("article_id")}
    out = []
    for q in quotes.itertuples():
        grp = by_article.get(q.article_id)
        found = None
        if q.speaker_kind == "anonymous":  # "a Defense Ministry source" is not the ministry
            out.append(None)
            continue
        if grp is not None and q.speaker_start is not None and not pd.isna(q.speaker_start):
            inside = grp[(grp["start"] >= q.speaker_start) & (grp["end"] <= q.speaker_end)]
            people = inside[inside["label"].isin(["PERSON", "ORG"])]
            if len(people):
                found = people.iloc[-1]["entity_id"]
        if found is None and grp is not None and isinstance(q.speaker_name, str) and q.speaker_name:
            key = name_key(q.speaker_name)
            for e in grp.itertuples():
                if key == name_key(e.canonical_name) or key in {name_key(a) for a in (e.aliases or [])}:
                    found = e.entity_id
                    break
        out.append(found)
    return pd.Series(out, index=quotes.index, dtype=object)


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
