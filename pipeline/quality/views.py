"""The frames the Great Expectations suites look at: each table plus a few derived columns.

Cross-table facts that a single-table expectation cannot see (is a span inside its article? does
text[start:end] equal the span's text? does an id point at a row that exists?) are computed here as
boolean or count columns, so the suites stay plain JSON. Kept apart from pipeline.quality.validate so
that nothing but the validate stage imports Great Expectations.
"""
from __future__ import annotations

import hashlib
import math
import re

import pandas as pd

SPAN_TABLES = ("entities", "figures", "quotes")
# An article with at least this many body words and not one entity has lost its rows: real news
# prose of that length always names someone or somewhere.
MIN_WORDS_WITH_ENTITIES = 60


def _known(values, ids: set) -> list[bool]:
    """True where the value is null or one of ids."""
    return [v is None or (isinstance(v, float) and math.isnan(v)) or v in ids for v in values]


def _null(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _sentence_holds_span(df: pd.DataFrame) -> list[bool]:
    """The sentence bounds, when given, are in order and overlap the span (a quote may run on past
    its first sentence, so containment is too strict)."""
    return [(_null(ss) or _null(se)) or (0 <= ss < se and ss < e and s < se)
            for s, e, ss, se in zip(df["start"], df["end"], df["sentence_start"], df["sentence_end"])]


def _body_in_text(body, text) -> bool:
    """Every paragraph of body starts with words of text (body is text's own prose, its lines joined
    and markup stripped, so letters and digits are compared, not whitespace and punctuation)."""
    if _null(body) or not body:
        return True
    squashed = _squash(text)
    return all(_squash(p)[:40] in squashed for p in str(body).split("\n\n"))


def validation_views(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    articles = tables["articles"]
    texts = dict(zip(articles["article_id"], articles["text"]))
    paths = dict(zip(articles["article_id"], articles["source_path"]))
    article_ids = set(articles["article_id"])
    entity_ids = set(tables["entities"]["entity_id"].dropna())
    rejected_paths = set(tables["rejects"]["source_path"])
    views = {}

    a = articles.copy()
    a["n_authors"] = a["authors"].map(lambda x: 0 if x is None else len(x))
    a["published_year"] = pd.to_datetime(a["published_date"], errors="coerce").dt.year
    a["title_in_text"] = [bool(t) and _squash(t)[:40] in _squash(x) for t, x in zip(a["title"], a["text"])]
    a["sha256_matches_text"] = [isinstance(x, str) and hashlib.sha256(x.encode("utf-8")).hexdigest() == h
                                for x, h in zip(a["text"], a["content_sha256"])]
    a["body_in_text"] = [_body_in_text(b, x) for b, x in zip(a["body"], a["text"])]
    a["duplicate_of_known"] = _known(a["duplicate_of"], article_ids)
    a["cited_ids_known"] = [all(i in article_ids for i in (ids if ids is not None else [])) for ids in
                            a["cited_article_ids"]]
    a["also_rejected"] = a["source_path"].isin(rejected_paths)
    with_entities = set(tables["entities"]["article_id"])
    a["entities_present"] = [not _null(dup) or _null(n) or n < MIN_WORDS_WITH_ENTITIES or aid in with_entities
                             for aid, dup, n in zip(a["article_id"], a["duplicate_of"], a["n_words"])]
    n_files = len(articles) + len(tables["rejects"])
    a["corpus_reject_share"] = len(tables["rejects"]) / n_files if n_files else 0.0
    views["articles"] = a

    for table in SPAN_TABLES:
        df = tables[table].copy()
        df["source_path"] = df["article_id"].map(paths)
        df["text_length"] = df["article_id"].map(lambda i: len(texts.get(i, "")))
        df["span_matches_text"] = [texts.get(i, "")[s:e] == t
                                   for i, s, e, t in zip(df["article_id"], df["start"], df["end"], df["text"])]
        df["sentence_holds_span"] = _sentence_holds_span(df)
        views[table] = df

    e = views["entities"]
    # one real-world entity, one id: the same canonical name and label under two ids is a split entity
    key = e["canonical_name"].astype(str) + "\0" + e["label"].astype(str)
    e["ids_sharing_name"] = key.map(e.groupby(key)["entity_id"].nunique()) if len(e) else pd.Series(dtype="int64")

    f = views["figures"]
    # only a figure without bounds (a date) has no value; NaN reads as null, so bounds without a
    # value are how a NaN written over a value shows
    f["value_given_with_bounds"] = [not _null(v) or (_null(lo) and _null(hi))
                                    for v, lo, hi in zip(f["value"], f["low"], f["high"])]
    f["value_in_bounds"] = [_null(v) or (math.isfinite(v) and (_null(lo) or lo <= v) and (_null(hi) or v <= hi))
                            for v, lo, hi in zip(f["value"], f["low"], f["high"])]

    q = views["quotes"]
    q["speaker_entity_known"] = _known(q["speaker_entity_id"], entity_ids)
    q["origin_article_known"] = _known(q["origin_article_id"], article_ids)
    q["speaker_span_in_text"] = [
        (_null(ss) and _null(se)) or (not _null(ss) and not _null(se) and 0 <= ss < se <= length)
        for ss, se, length in zip(q["speaker_start"], q["speaker_end"], q["text_length"])]

    reuse = tables["reuse"].copy()
    reuse["source_path"] = reuse["article_id"].map(paths)
    reuse["text_length"] = reuse["article_id"].map(lambda i: len(texts.get(i, "")))
    reuse["source_text_length"] = reuse["source_article_id"].map(lambda i: len(texts.get(i, "")))
    reuse["reuses_itself"] = reuse["article_id"] == reuse["source_article_id"]
    views["reuse"] = reuse

    rejects = tables["rejects"].copy()
    rejects["article_id"] = None
    rejects["also_an_article"] = rejects["source_path"].isin(set(articles["source_path"]))
    views["rejects"] = rejects
    return views


def _squash(s) -> str:
    return re.sub(r"\W+", "", str(s or "")).casefold()
