"""Every expectation suite, with a passing frame and a corruption matrix: each corruption of a good
set of tables must fail validation, naming the table, and every critical one must stop publish."""
from __future__ import annotations

import datetime as dt
import hashlib

import numpy as np
import pandas as pd
import pytest

from pipeline.schemas import TABLES, empty_frame
from pipeline.quality.views import validation_views

ROOT_SUITES = "expectations"
FILLER = ("The council met in the evening and its members talked about roads, schools, water and the "
          "budget for the coming year, which grew a little after a long debate about the old bridge. ")
P1 = "Maduro said 300 officers left the capital on Monday. “It is over,” he said."
TEXT_A = "Big News Today\n\n" + P1 + "\n\n" + FILLER * 3
TEXT_B = "Second Story Here\n\n" + P1 + "\n\nMore words follow here."


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


A, B = _sha(TEXT_A)[:16], _sha(TEXT_B)[:16]


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame([{c: None for c in TABLES[table].names} | r for r in rows], columns=TABLES[table].names)


def _article(aid: str, text: str, title: str, path: str) -> dict:
    body = text.split("\n\n", 1)[1]
    return {"article_id": aid, "source_path": path, "content_sha256": _sha(text), "encoding": "utf-8",
            "text": text, "title": title, "authors": ["Jane Doe"], "cites": [], "cited_article_ids": [],
            "body": body, "n_words": len(body.split()), "published_date": dt.date(2019, 6, 2),
            "url": f"https://example.com/{aid}"}


def _spans(aid: str, text: str) -> tuple[dict, dict, dict]:
    p = text.index(P1)
    sent = {"article_id": aid, "sentence_start": p, "sentence_end": p + P1.index("“"), "in_body": True}
    ent = sent | {"mention_id": f"{aid}-e{p}", "text": "Maduro", "start": p, "end": p + 6, "label": "PERSON",
                  "entity_id": "ent_1", "canonical_name": "Nicolás Maduro", "aliases": ["Maduro"]}
    f0 = p + P1.index("300")
    fig = sent | {"figure_id": f"{aid}-f{f0}", "text": "300", "start": f0, "end": f0 + 3, "value": 300.0,
                  "low": 300.0, "high": 300.0, "qualifier": "exact", "direction": None, "kind": "count",
                  "unit": None, "counted": "officers"}
    q0, he = p + P1.index("It is"), p + P1.rindex("he said")
    quo = {"article_id": aid, "sentence_start": q0 - 1, "sentence_end": len(P1) + p, "in_body": True,
           "quote_id": f"{aid}-q{q0}", "text": "It is over,", "start": q0, "end": q0 + 11, "form": "direct",
           "speaker": "he", "speaker_start": he, "speaker_end": he + 2, "speaker_kind": "person",
           "speaker_name": "Nicolás Maduro", "speaker_entity_id": "ent_1", "cue": "said", "cluster_id": "qc_1",
           "origin_article_id": A}
    return ent, fig, quo


def good_tables() -> dict[str, pd.DataFrame]:
    arts = [_article(A, TEXT_A, "Big News Today", "data/raw/a.txt"),
            _article(B, TEXT_B, "Second Story Here", "data/raw/b.txt")]
    (ea, fa, qa), (eb, fb, qb) = _spans(A, TEXT_A), _spans(B, TEXT_B)
    pa_, pb = TEXT_A.index(P1), TEXT_B.index(P1)
    reuse = {"article_id": B, "source_article_id": A, "start": pb, "end": pb + len(P1), "source_start": pa_,
             "source_end": pa_ + len(P1), "n_words": len(P1.split()), "similarity": 1.0, "match": "verbatim",
             "derived_share": 1.0, "verbatim_share": 1.0, "derivation": "wholly"}
    rej = {"source_path": "data/raw/c.bin", "reason": "binary", "detail": "data/raw/c.bin is binary",
           "content_sha256": None}
    return {"articles": _frame("articles", arts), "entities": _frame("entities", [ea, eb]),
            "figures": _frame("figures", [fa, fb]), "quotes": _frame("quotes", [qa, qb]),
            "reuse": _frame("reuse", [reuse]), "rejects": _frame("rejects", [rej])}


@pytest.fixture(scope="module")
def suites():
    from pipeline.quality.validate import load_suites

    return load_suites(ROOT_SUITES)


def run(tables, suites, only=None):
    from pipeline.quality.validate import run_suites

    chosen = {only: suites[only]} if only else suites
    return run_suites(validation_views(tables), chosen, list(tables["articles"]["article_id"]))


def failed(report, table):
    return [e for e in report["tables"][table]["expectations"] if not e["success"]]


# --- corruptions: (id, table whose suite must catch it, breaker) ------------------------------------

def _set(table, row=0, **values):
    def breaker(t):
        for col, v in values.items():
            t[table].at[row, col] = v
    return breaker


def _dup_reuse(t):
    t["reuse"] = pd.concat([t["reuse"], t["reuse"]], ignore_index=True)


def _split_entity(t):
    t["entities"].at[1, "entity_id"] = "ent_2"


def _drop_article_entities(t):
    t["entities"] = t["entities"][t["entities"].article_id != A].reset_index(drop=True)


def _in_both(t):
    t["rejects"].at[0, "source_path"] = "data/raw/a.txt"


def _all_empty(t):
    for name in t:
        t[name] = empty_frame(name)


def _rejects(n):
    def breaker(t):
        t["rejects"] = _frame("rejects", [{"source_path": f"data/raw/x{i}.bin", "reason": "binary",
                                           "detail": "binary"} for i in range(n)])
    return breaker


def _sentence_inverted(t):
    e = t["entities"]
    e.at[0, "sentence_start"], e.at[0, "sentence_end"] = e.at[0, "sentence_end"], e.at[0, "sentence_start"]


def _body_elsewhere(t):
    t["articles"].at[0, "body"] = "A paragraph that this article never printed, about something else."


CORRUPTIONS = [
    # articles
    ("title_null", "articles", _set("articles", title=None)),
    ("url_malformed", "articles", _set("articles", url="not a url")),
    ("date_1850", "articles", _set("articles", published_date=dt.date(1850, 1, 1))),
    ("article_id_malformed", "articles", _set("articles", article_id="XYZ")),
    ("sha256_not_text", "articles", _set("articles", content_sha256="0" * 64)),
    ("body_not_in_text", "articles", _body_elsewhere),
    ("duplicate_of_nowhere", "articles", _set("articles", duplicate_of="ffffffffffffffff")),
    ("cited_ids_nowhere", "articles", _set("articles", cited_article_ids=["eeeeeeeeeeeeeeee"])),
    ("n_words_negative", "articles", _set("articles", n_words=-4)),
    ("article_rows_deleted", "articles", _drop_article_entities),  # a warning: see WARNINGS
    ("in_articles_and_rejects", "articles", _in_both),
    ("every_table_empty", "articles", _all_empty),
    ("rejects_over_half", "articles", _rejects(3)),  # 3 of 5 files: a warning
    ("rejects_over_ceiling", "articles", _rejects(10)),  # 10 of 12 files: critical
    # entities
    ("entity_label_unknown", "entities", _set("entities", label="ANIMAL")),
    ("entity_end_outside", "entities", _set("entities", end=10**6)),
    ("entity_span_shifted", "entities", _set("entities", start=1)),
    ("entity_orphan", "entities", _set("entities", article_id="ffffffffffffffff")),
    ("entity_sentence_inverted", "entities", _sentence_inverted),
    ("entity_split_across_ids", "entities", _split_entity),
    # figures
    ("figure_qualifier_unknown", "figures", _set("figures", qualifier="roughly")),
    ("figure_low_above_high", "figures", _set("figures", low=500.0)),
    ("figure_kind_unknown", "figures", _set("figures", kind="weight")),
    ("figure_value_nan", "figures", _set("figures", value=float("nan"))),
    ("figure_value_inf", "figures", _set("figures", value=float("inf"))),
    ("figure_value_below_low", "figures", _set("figures", value=299.0)),
    ("figure_value_above_high", "figures", _set("figures", value=301.0)),
    # quotes
    ("quote_form_unknown", "quotes", _set("quotes", form="shouted")),
    ("quote_empty_span", "quotes", _set("quotes", end=0)),
    ("quote_orphan", "quotes", _set("quotes", article_id="ffffffffffffffff")),
    ("quote_speaker_entity_nowhere", "quotes", _set("quotes", speaker_entity_id="ent_999")),
    ("quote_origin_nowhere", "quotes", _set("quotes", origin_article_id="ffffffffffffffff")),
    ("quote_speaker_end_outside", "quotes", _set("quotes", speaker_end=10**6)),
    ("quote_speaker_start_negative", "quotes", _set("quotes", speaker_start=-3)),
    ("quote_cluster_null", "quotes", _set("quotes", cluster_id=None)),
    # reuse
    ("reuse_similarity_over_1", "reuse", _set("reuse", similarity=1.5)),
    ("reuse_source_end_outside", "reuse", _set("reuse", source_end=10_000)),
    ("reuse_row_duplicated", "reuse", _dup_reuse),
    ("reuse_start_negative", "reuse", _set("reuse", start=-1)),
    ("reuse_source_start_negative", "reuse", _set("reuse", source_start=-1)),
    ("reuse_of_itself", "reuse", _set("reuse", source_article_id=B)),
    ("reuse_n_words_negative", "reuse", _set("reuse", n_words=-2)),
    ("reuse_derivation_unknown", "reuse", _set("reuse", derivation="copied")),
    ("reuse_derived_share_over_1", "reuse", _set("reuse", derived_share=1.2)),
    ("reuse_match_unknown", "reuse", _set("reuse", match="fuzzy")),
    # rejects
    ("reject_reason_unknown", "rejects", _set("rejects", reason="bored")),
    ("reject_detail_null", "rejects", _set("rejects", detail=None)),
    ("reject_also_an_article", "rejects", _in_both),
]


# Corruptions the suites flag without stopping publish: the same fact may be honest in a real article.
WARNINGS = {"article_rows_deleted", "rejects_over_half"}


def test_the_matrix_covers_the_issue():
    assert len(CORRUPTIONS) >= 37 and len({c[0] for c in CORRUPTIONS}) == len(CORRUPTIONS)
    assert {c[1] for c in CORRUPTIONS} == set(TABLES)


def test_every_table_has_a_suite(suites):
    assert set(suites) == set(TABLES)


def test_suites_use_gx_native_severity_and_notes(suites):
    for name, spec in suites.items():
        for e in spec["expectations"]:
            assert e.get("severity") in ("critical", "warning", "info"), (name, e)
            assert "severity" not in e.get("meta", {}) and "notes" not in e.get("meta", {}), (name, e)


def test_good_tables_pass_every_suite(suites):
    report = run(good_tables(), suites)
    bad = {t: failed(report, t) for t in TABLES if failed(report, t)}
    assert report["success"] and not bad, bad
    assert all(report["tables"][t]["expectations"] for t in TABLES)


@pytest.mark.parametrize("name, table, breaker", CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_corruption_fails_validation_and_stops_publish(name, table, breaker, suites):
    tables = good_tables()
    breaker(tables)
    report = run(tables, suites, table)
    failures = failed(report, table)
    assert failures, f"{name}: {table} suite passed the corrupted tables"
    if name in WARNINGS:  # reported, publish goes on
        assert report["success"] and {e["severity"] for e in failures} == {"warning"}, name
    else:  # critical: publish refuses a report whose success is False
        assert not report["success"] and any(e["severity"] == "critical" for e in failures), name
    rows = [f for e in failures for f in e["failures"]]
    if rows and table not in ("rejects",):
        assert all("article_id" in f and "source_path" in f for f in rows), rows[:3]
    for e in failures:  # the report's keys stay what report.py and check.py read
        assert {"expectation", "kwargs", "severity", "notes", "success", "observed_value", "unexpected_count",
                "failures"} <= set(e)


def test_a_warning_fails_without_stopping_publish(suites):
    tables = good_tables()
    tables["articles"].at[0, "n_words"] = 0  # no body words: suspicious, not corrupt
    report = run(tables, suites, "articles")
    assert report["success"] and [e["severity"] for e in failed(report, "articles")] == ["warning"]


def test_failures_name_the_article(suites):
    tables = good_tables()
    tables["figures"].at[1, "value"] = np.inf
    report = run(tables, suites, "figures")
    rows = [f for e in failed(report, "figures") for f in e["failures"]]
    assert {(f["article_id"], f["source_path"]) for f in rows} == {(B, "data/raw/b.txt")}


def test_html_report_escapes_article_markup(suites):
    from pipeline.quality.report import render_html

    tables = good_tables()
    tables["articles"].loc[0, "title"] = None
    tables["articles"].loc[0, "source_path"] = "data/raw/<script>alert(1)</script>.txt"
    page = render_html(run(tables, suites, "articles"))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_empty_span_tables_validate(suites):
    tables = good_tables()
    for t in ("entities", "figures", "quotes", "reuse", "rejects"):
        tables[t] = empty_frame(t)
    tables["articles"]["n_words"] = 10  # short articles may name no entity
    report = run(tables, suites)
    assert report["success"], {t: failed(report, t) for t in TABLES}


# --- incremental validation: what passed before, with the same content, is not checked again ------

def _without_counts(report):
    return {t: [e for e in v["expectations"]] for t, v in report["tables"].items()} | {
        k: v for k, v in report.items() if k != "tables"}


def test_good_tables_are_remembered_and_not_checked_again(suites):
    from pipeline.quality.validate import validate_views

    views = validation_views(good_tables())
    ids = list(views["articles"]["article_id"])
    first, passed = validate_views(views, suites, ids, set())
    again, passed_again = validate_views(views, suites, ids, passed)
    assert first["success"] and passed == passed_again and len(passed) == 10  # 2 articles x 4 tables, 1 reuse row, 1 reject
    assert {t: v["rows_checked"] for t, v in again["tables"].items()} == dict.fromkeys(TABLES, 0)
    assert _without_counts(again) == _without_counts(first)


@pytest.mark.parametrize("name, table, breaker", CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_a_store_of_good_rows_never_hides_a_corruption(name, table, breaker, suites):
    """The corrupted tables validated with the good tables' store give the report a full validation
    gives: a changed row is checked again, and the corpus-wide checks see every row."""
    from pipeline.quality.validate import validate_views

    good = validation_views(good_tables())
    _, passed = validate_views(good, suites, list(good["articles"]["article_id"]), set())
    tables = good_tables()
    breaker(tables)
    views = validation_views(tables)
    ids = list(views["articles"]["article_id"])
    full, _ = validate_views(views, suites, ids, None)
    incremental, passed_now = validate_views(views, suites, ids, passed)
    assert _without_counts(incremental) == _without_counts(full)
    assert passed_now <= validate_views(views, suites, ids, set())[1]


@pytest.mark.parametrize("before, after", [("None", None), ("x", "x "), (["Ann", "Bo"], ["Ann Bo"]), (1, 1.5)])
def test_a_unit_digest_changes_with_any_value(before, after):
    from pipeline.quality.passed import unit_digests

    rows = lambda v: pd.DataFrame({"article_id": [A, A, B], "value": pd.Series([v, "same", "same"], dtype=object)})  # noqa: E731
    one, other = unit_digests("entities", {}, rows(before)), unit_digests("entities", {}, rows(after))
    assert one[0] == one[1] != other[0] and one[2] == other[2]


def test_corpus_wide_checks_agree_with_great_expectations(suites):
    """The expectations computed in pandas give Great Expectations' verdicts, counts and rows, on the
    good tables and on every corruption."""
    from pipeline.quality import corpus_checks
    from pipeline.quality.validate import _Gx

    gx = _Gx()
    for _, _, breaker in CORRUPTIONS + [("none", None, lambda t: None)]:
        tables = good_tables()
        breaker(tables)
        views = validation_views(tables)
        params = {"article_ids": sorted(set(views["articles"]["article_id"]))}
        for name, spec in suites.items():
            df = views[name].reset_index(drop=True)
            chosen = [e for e in spec["expectations"] if corpus_checks.is_corpus_wide(e)
                      and (len(df) or e["type"].startswith("expect_table_"))]
            if not chosen:
                continue
            for e, r in zip(chosen, gx.validate(name, spec, chosen, df, params)):
                ours, res = corpus_checks.check(df, e, params), r.result or {}
                where = (name, e["type"], e["kwargs"].get("column"))
                assert ours["success"] == r.success, where
                assert ours["unexpected_count"] == res.get("unexpected_count"), where
                if e["type"] in ("expect_table_row_count_to_be_between", "expect_column_max_to_be_between"):
                    assert ours["observed_value"] == res.get("observed_value"), where
                assert ours["failures"] == (res.get("unexpected_index_list") or []), where
