"""The validation report reads failures first, says each rule in words, and stays short and safe."""
from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.quality.report import EXAMPLES, render_html, rule_in_words

ROOT = Path(__file__).resolve().parents[1]


def expectation(column, success=True, severity="critical", failures=(), count=0, **kwargs):
    return {"expectation": "expect_column_values_to_not_be_null", "kwargs": {"column": column, **kwargs},
            "severity": severity, "notes": f"why {column} matters", "success": success, "observed_value": None,
            "unexpected_count": count, "failures": list(failures)}


def report(*entries, rows=40):
    passed = sum(e["success"] for e in entries)
    critical = sum(1 for e in entries if not e["success"] and e["severity"] == "critical")
    return {"success": critical == 0, "n_expectations": len(entries), "n_passed": passed,
            "critical_failures": critical, "share_passed": passed / len(entries),
            "tables": {"quotes": {"rows": rows, "passed": passed, "expectations": list(entries)}}}


def rows_of(n, text="an invented quote"):
    return [{"article_id": f"id{i:03d}", "source_path": f"data/raw/f{i}.txt", "text": text} for i in range(n)]


def test_failures_come_first_with_count_share_and_five_examples():
    page = render_html(report(expectation("article_id"), expectation("speaker", severity="warning", success=False,
                                                                       failures=rows_of(2), count=2),
                              expectation("text", success=False, failures=rows_of(12), count=12)))
    failures, checked = page.index("<h2>Failures"), page.index("<h2>What was checked")
    assert failures < checked
    section = page[failures:checked]
    assert section.index("quotes.text") < section.index("quotes.speaker")  # critical before warning
    assert "12 of 40 rows (30.0%)" in section and "2 of 40 rows (5.0%)" in section
    text_row = section[section.index("quotes.text"):section.index("quotes.speaker")]
    visible, _, hidden = text_row.partition("<details>")
    assert visible.count("class='ex'") == EXAMPLES and hidden.count("class='ex'") == 12 - EXAMPLES
    assert "show all 12" in text_row
    assert "is never empty" in section and "why text matters" in section
    assert "observed: None" not in page


def test_a_long_value_is_cut_and_everything_from_articles_is_escaped():
    evil = "<script>alert('x')</script><img src=x onerror=alert(1)>" + "blah " * 2000
    page = render_html(report(expectation("text", success=False, failures=rows_of(1, evil), count=1)))
    assert "<script>alert" not in page and "<img" not in page
    assert len(page) < 20_000
    assert "[10,0" in page  # the cut value states its full length


def test_a_passing_report_says_what_was_checked():
    page = render_html(report(expectation("article_id"), expectation("text")))
    assert "PASSED" in page and "No expectation failed" in page
    checked = page[page.index("What was checked"):]
    assert checked.count("<tr class='row'>") == 2 and "<code>article_id</code> is never empty" in checked


def test_the_page_is_self_contained():
    page = render_html(report(expectation("text", success=False, failures=rows_of(3), count=3)))
    assert not re.search(r"""(src|href)\s*=\s*['"]?(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page


def test_every_rule_of_the_suites_reads_as_words():
    for path in sorted((ROOT / "expectations").glob("*.json")):
        for e in json.loads(path.read_text())["expectations"]:
            words = rule_in_words(e["type"], e["kwargs"])
            assert "expect_" not in words and not words.startswith(e["type"].removeprefix("expect_").replace("_", " "))
    assert rule_in_words("expect_column_pair_values_a_to_be_greater_than_b",
                         {"column_A": "end", "column_B": "start"}) == "`end` > `start`"
    assert rule_in_words("expect_column_value_lengths_to_be_between",
                         {"column": "title", "min_value": 3, "max_value": 400}) == \
        "the length of `title` is between 3 and 400 characters"
