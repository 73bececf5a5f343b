"""Every expectation suite, with a passing and a failing frame of a few rows."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.schemas import TABLES, empty_frame
from pipeline.quality.views import validation_views

ROOT_SUITES = "expectations"
TEXT = "Big News Today\n\nMaduro said 300 officers left. “It is over,” he said."
AID = "0123456789abcdef"


def good_tables() -> dict[str, pd.DataFrame]:
    art = {c: None for c in TABLES["articles"].names} | {
        "article_id": AID, "source_path": "data/raw/a.txt", "content_sha256": "a" * 64, "encoding": "utf-8",
        "text": TEXT, "title": "Big News Today", "authors": ["Jane Doe"], "cites": [], "cited_article_ids": [],
        "body": TEXT[16:], "n_words": 9, "published_date": dt.date(2019, 6, 2), "url": "https://example.com/a"}
    span = {"article_id": AID, "sentence_start": 16, "sentence_end": 46, "in_body": True}
    ent = span | {"mention_id": f"{AID}-e16", "text": "Maduro", "start": 16, "end": 22, "label": "PERSON",
                  "entity_id": "ent_1", "canonical_name": "Nicolás Maduro", "aliases": ["Maduro"]}
    fig = span | {"figure_id": f"{AID}-f28", "text": "300", "start": 28, "end": 31, "value": 300.0, "low": 300.0,
                  "high": 300.0, "qualifier": "exact", "direction": None, "kind": "count", "unit": None,
                  "counted": "officers"}
    q0 = TEXT.index("It is")
    quo = span | {"quote_id": f"{AID}-q{q0}", "text": "It is over,", "start": q0, "end": q0 + 11, "form": "direct",
                  "speaker": "he", "speaker_kind": "person", "speaker_name": "Maduro", "cue": "said"}
    reuse = {"article_id": AID, "source_article_id": AID, "start": 0, "end": 10, "source_start": 0,
             "source_end": 10, "n_words": 2, "similarity": 1.0, "match": "verbatim", "derived_share": 1.0,
             "verbatim_share": 1.0, "derivation": "wholly"}
    rej = {"source_path": "data/raw/b.bin", "reason": "binary", "detail": "data/raw/b.bin is binary",
           "content_sha256": None}
    return {"articles": pd.DataFrame([art]), "entities": pd.DataFrame([ent]), "figures": pd.DataFrame([fig]),
            "quotes": pd.DataFrame([quo]), "reuse": pd.DataFrame([reuse]), "rejects": pd.DataFrame([rej])}


def _set(table, **values):
    def breaker(tables):
        for col, v in values.items():
            tables[table].loc[0, col] = v
    return breaker


def _orphan(table):
    def breaker(tables):
        tables[table].loc[0, "article_id"] = "ffffffffffffffff"
    return breaker


BREAKERS = {
    "articles": [_set("articles", title=None), _set("articles", url="not a url"),
                 _set("articles", published_date=dt.date(1850, 1, 1)), _set("articles", article_id="XYZ")],
    "entities": [_set("entities", label="ANIMAL"), _set("entities", end=999), _set("entities", start=17),
                 _orphan("entities")],
    "figures": [_set("figures", qualifier="roughly"), _set("figures", low=500.0), _set("figures", kind="weight")],
    "quotes": [_set("quotes", form="shouted"), _set("quotes", end=0), _orphan("quotes")],
    "reuse": [_set("reuse", similarity=1.5), _set("reuse", source_end=10_000), _set("reuse", derivation="copied"),
              _set("reuse", derived_share=1.2)],
    "rejects": [_set("rejects", reason="bored"), _set("rejects", detail=None)],
}


@pytest.fixture(scope="module")
def suites():
    from pipeline.quality.validate import load_suites

    return load_suites(ROOT_SUITES)


def run(tables, suites, only):
    from pipeline.quality.validate import run_suites

    return run_suites(validation_views(tables), {only: suites[only]}, list(tables["articles"]["article_id"]))


def test_every_table_has_a_suite(suites):
    assert set(suites) == set(TABLES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_suite_passes_good_frame(table, suites):
    report = run(good_tables(), suites, table)
    failed = [e for e in report["tables"][table]["expectations"] if not e["success"]]
    assert report["success"] and not failed, failed
    assert report["tables"][table]["expectations"], "the suite ran no expectation"


@pytest.mark.parametrize("table, breaker", [(t, b) for t, bs in BREAKERS.items() for b in bs])
def test_suite_fails_bad_frame_naming_the_article(table, breaker, suites):
    tables = good_tables()
    breaker(tables)
    report = run(tables, suites, table)
    assert not report["success"]
    failures = [f for e in report["tables"][table]["expectations"] if not e["success"] for f in e["failures"]]
    if table != "rejects":
        assert any(f.get("source_path") == "data/raw/a.txt" or f.get("article_id") for f in failures)


def test_html_report_escapes_article_markup(suites):
    from pipeline.quality.report import render_html

    tables = good_tables()
    tables["articles"].loc[0, "title"] = None
    tables["articles"].loc[0, "source_path"] = "data/raw/<script>alert(1)</script>.txt"
    page = render_html(run(tables, suites, "articles"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_empty_tables_validate():
    from pipeline.quality.validate import load_suites, run_suites

    tables = good_tables()
    for t in ("entities", "figures", "quotes", "reuse", "rejects"):
        tables[t] = empty_frame(t)
    report = run_suites(validation_views(tables), load_suites(ROOT_SUITES), [AID])
    assert report["success"]
