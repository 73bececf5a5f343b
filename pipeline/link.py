"""Corpus-wide links: one identity per entity, citations made concrete, reuse, quote clusters.

Pure functions over DataFrames; the `link` stage reads and writes the files.
"""
from __future__ import annotations

import logging

import pandas as pd

from pipeline import outlets
from pipeline.extract.entities import resolve_corpus
from pipeline.reuse import cluster_quotes, find_reuse

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


def link_corpus(tables: dict[str, pd.DataFrame], min_passage_words: int) -> dict[str, pd.DataFrame]:
    """Extracted tables in, published-shape tables out (adds reuse)."""
    out = dict(tables)
    articles = tables["articles"].copy()
    articles["cited_article_ids"] = cited_article_ids(articles)
    out["articles"] = articles
    out["entities"] = resolve_corpus(tables["entities"])
    out["reuse"] = find_reuse(articles, min_passage_words)
    out["quotes"] = cluster_quotes(tables["quotes"], articles, out["reuse"])
    log.info("link: %d reuse passages, %d entities, %d quote clusters", len(out["reuse"]),
             out["entities"]["entity_id"].nunique(), out["quotes"]["cluster_id"].nunique())
    return out
