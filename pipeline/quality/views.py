"""The frames the Great Expectations suites look at: each table plus a few derived columns.

Cross-table facts that a single-table expectation cannot see (is a span inside its article? does
text[start:end] equal the span's text?) are computed here, so the suites stay plain JSON. Kept
apart from pipeline.quality.validate so that nothing but the validate stage imports Great Expectations.
"""
from __future__ import annotations

import pandas as pd

SPAN_TABLES = ("entities", "figures", "quotes")


def validation_views(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    articles = tables["articles"]
    texts = dict(zip(articles["article_id"], articles["text"]))
    paths = dict(zip(articles["article_id"], articles["source_path"]))
    views = {}
    a = articles.copy()
    a["n_authors"] = a["authors"].map(lambda x: 0 if x is None else len(x))
    a["published_year"] = pd.to_datetime(a["published_date"], errors="coerce").dt.year
    a["title_in_text"] = [bool(t) and _squash(t)[:40] in _squash(x) for t, x in zip(a["title"], a["text"])]
    views["articles"] = a
    for table in SPAN_TABLES:
        df = tables[table].copy()
        df["source_path"] = df["article_id"].map(paths)
        df["text_length"] = df["article_id"].map(lambda i: len(texts.get(i, "")))
        df["span_matches_text"] = [texts.get(i, "")[s:e] == t
                                   for i, s, e, t in zip(df["article_id"], df["start"], df["end"], df["text"])]
        views[table] = df
    reuse = tables["reuse"].copy()
    reuse["source_path"] = reuse["article_id"].map(paths)
    reuse["text_length"] = reuse["article_id"].map(lambda i: len(texts.get(i, "")))
    reuse["source_text_length"] = reuse["source_article_id"].map(lambda i: len(texts.get(i, "")))
    views["reuse"] = reuse
    rejects = tables["rejects"].copy()
    rejects["article_id"] = None
    views["rejects"] = rejects
    return views


def _squash(s) -> str:
    import re

    return re.sub(r"\W+", "", str(s or "")).casefold()
