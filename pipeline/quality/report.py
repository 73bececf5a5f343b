"""Reading a validation report: one line per failure for logs and the check command, and the
self-contained HTML page. Pure functions of the report dict that validate.run_suites returns.

The page reads failures first: each failing expectation with its rule in plain words, how many
rows broke it (count and share), at most EXAMPLES rows shown and the rest behind "show all". A
passing report still lists what was checked. No external assets (no CDN): it opens offline, and
everything that comes from the articles is escaped.
"""
from __future__ import annotations

import html
import json
import re

from pipeline.logs import cut

EXAMPLES = 5           # failing rows shown per expectation before "show all"
EXAMPLE_CHARS = 300    # a value in the page is cut to this; the full value is in validation.json
INDEX_COLUMNS = ("article_id", "source_path")


def column_label(kwargs: dict) -> str:
    if kwargs.get("column"):
        return str(kwargs["column"])
    if kwargs.get("column_list"):
        return "+".join(map(str, kwargs["column_list"]))
    if kwargs.get("column_A"):
        return f"{kwargs['column_A']}/{kwargs.get('column_B')}"
    return "(table)"


def _number(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _listing(values: list, shown: int = 8) -> str:
    head = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in values[:shown])
    return head + (f" and {len(values) - shown} more" if len(values) > shown else "")


def rule_in_words(expectation: str, kwargs: dict) -> str:
    """The expectation as a sentence a reader of the data understands, e.g. '`end` > `start`'."""
    col = f"`{kwargs.get('column')}`"
    lo, hi = kwargs.get("min_value"), kwargs.get("max_value")
    if expectation == "expect_column_values_to_not_be_null":
        rule = f"{col} is never empty"
    elif expectation == "expect_column_values_to_be_null":
        rule = f"{col} is always empty"
    elif expectation == "expect_column_values_to_be_unique":
        rule = f"no two rows share a {col}"
    elif expectation == "expect_column_values_to_match_regex":
        rule = f"{col} matches the pattern `{kwargs.get('regex')}`"
    elif expectation == "expect_column_values_to_not_match_regex":
        rule = f"{col} never matches the pattern `{kwargs.get('regex')}`"
    elif expectation in ("expect_column_values_to_be_between", "expect_column_value_lengths_to_be_between"):
        what = f"the length of {col}" if "lengths" in expectation else col
        unit = " characters" if "lengths" in expectation else ""
        if lo is not None and hi is not None:
            rule = f"{what} is between {_number(lo)} and {_number(hi)}{unit}"
        elif lo is not None:
            rule = f"{what} is at least {_number(lo)}{unit}"
        elif hi is not None:
            rule = f"{what} is at most {_number(hi)}{unit}"
        else:
            rule = f"{what} is within bounds"
    elif expectation == "expect_column_values_to_be_in_set":
        values = kwargs.get("value_set")
        if values == [True]:
            rule = f"{col} is true"
        elif kwargs.get("column") == "article_id":
            rule = f"{col} is an article of the articles table"
        elif isinstance(values, list):
            rule = f"{col} is one of {_listing(values)}"
        else:
            rule = f"{col} is one of the allowed values"
    elif expectation == "expect_column_pair_values_a_to_be_greater_than_b":
        op = "≥" if kwargs.get("or_equal") else ">"
        rule = f"`{kwargs.get('column_A')}` {op} `{kwargs.get('column_B')}`"
        if kwargs.get("ignore_row_if") == "either_value_is_missing":
            rule += " where both are set"
    elif expectation == "expect_column_max_to_be_between":
        rule = f"the largest {col} is at most {_number(hi)}" if lo is None else \
            f"the largest {col} is between {_number(lo)} and {_number(hi)}"
    elif expectation == "expect_compound_columns_to_be_unique":
        rule = f"no two rows share the same {', '.join(f'`{c}`' for c in kwargs.get('column_list', []))}"
    elif expectation == "expect_table_row_count_to_be_between":
        rule = f"the table has between {_number(lo)} and {_number(hi)} rows"
    else:
        words = expectation.removeprefix("expect_").replace("_", " ")
        rule = f"{words} ({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
    if kwargs.get("mostly") not in (None, 1, 1.0):
        rule += f", in at least {kwargs['mostly']:.0%} of rows"
    if kwargs.get("row_condition"):
        rule += f", where {kwargs['row_condition']}"
    return rule


def _failed(report: dict):
    """(table, table entry, expectation) of every failed expectation, critical ones first."""
    failed = [(table, t, e) for table, t in report["tables"].items() for e in t["expectations"] if not e["success"]]
    return sorted(failed, key=lambda x: x[2].get("severity") != "critical")


def _values(failure: dict) -> dict:
    return {k: v for k, v in failure.items() if k not in INDEX_COLUMNS}


def unexpected_share(e: dict, rows: int) -> str:
    count = e.get("unexpected_count")
    if count is None:
        return ""
    return f"{count} of {rows} rows ({count / rows:.1%})" if rows else f"{count} rows"


def failure_lines(report: dict, limit: int | None = None) -> list[str]:
    """One line per failing row: table, expectation, article_id and source_path; long values cut."""
    lines = []
    for table, t, e in _failed(report):
        head = f"[{e['severity']}] {table}.{column_label(e['kwargs'])}: {rule_in_words(e['expectation'], e['kwargs'])}"
        share = unexpected_share(e, t["rows"])
        if share:
            head += f" (unexpected: {share})"
        if e.get("error"):
            lines.append(f"{head}: error {cut(e['error'])}")
        if not e["failures"]:
            lines.append(f"{head}: observed {cut(e['observed_value'])}")
        for f in e["failures"]:
            lines.append(f"{head}: article_id={f.get('article_id')} source_path={f.get('source_path')} "
                         f"value={cut(_values(f))}")
    return lines[:limit] if limit else lines


STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:80em;color:#222}
h1.fail{color:#a00} h1.pass{color:#060}
table{border-collapse:collapse;margin:0.5em 0 2em;width:100%}
td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
tr.critical td:first-child{border-left:6px solid #c00} tr.warning td:first-child{border-left:6px solid #e0a800}
.num{white-space:nowrap} .ok{color:#060} code{background:#f4f4f4;padding:0 2px}
.ex{font-family:monospace;font-size:0.9em;max-height:12em;overflow:auto;white-space:pre-wrap;word-break:break-all}
details summary{cursor:pointer;color:#036} .muted{color:#666;font-size:0.9em}
#filter{width:30em;padding:4px;margin-bottom:1em}
"""

# Filtering rows by text: a few lines of inline script, so the page needs nothing from the network.
SCRIPT = """
document.getElementById('filter').addEventListener('input', function (ev) {
  var q = ev.target.value.toLowerCase();
  document.querySelectorAll('tr.row').forEach(function (tr) {
    tr.style.display = tr.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
  });
});
"""


def _rule_html(esc, e: dict) -> str:
    return re.sub(r"`([^`]*)`", r"<code>\1</code>", esc(rule_in_words(e["expectation"], e["kwargs"])))


def _example(esc, f: dict) -> str:
    value = json.dumps(_values(f), ensure_ascii=False, default=str)
    value = value if len(value) <= EXAMPLE_CHARS else value[:EXAMPLE_CHARS] + f"… [{len(value):,} chars]"
    return (f"<div class='ex'>{esc(f.get('article_id'))} <span class='muted'>{esc(f.get('source_path'))}</span>"
            f" {esc(value)}</div>")


def _failure_row(esc, table: str, t: dict, e: dict) -> str:
    examples = [_example(esc, f) for f in e["failures"]]
    shown = "".join(examples[:EXAMPLES])
    if len(examples) > EXAMPLES:
        shown += (f"<details><summary>show all {len(examples)} listed rows</summary>"
                  f"{''.join(examples[EXAMPLES:])}</details>")
    listed = len(e["failures"])
    if e.get("unexpected_count") and e["unexpected_count"] > listed and listed:
        shown += f"<p class='muted'>{listed} of the {e['unexpected_count']} failing rows are listed.</p>"
    observed = "" if e.get("observed_value") is None else f"observed: {esc(cut(e['observed_value']))}<br>"
    error = f"<b>error:</b> {esc(cut(e['error']))}<br>" if e.get("error") else ""
    notes = f"<br><span class='muted'>{esc(e['notes'])}</span>" if e.get("notes") else ""
    return (f"<tr class='row {esc(e['severity'])}'><td>{esc(e['severity'])}</td>"
            f"<td><code>{esc(table)}.{esc(column_label(e['kwargs']))}</code></td>"
            f"<td>{_rule_html(esc, e)}{notes}<br>"
            f"<span class='muted'>{esc(e['expectation'])}</span></td>"
            f"<td class='num'>{esc(unexpected_share(e, t['rows']) or '-')}</td>"
            f"<td>{error}{observed}{shown}</td></tr>")


def render_html(report: dict) -> str:
    """A self-contained HTML report. Everything that comes from articles is escaped."""
    esc = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    failed = _failed(report)
    critical = sum(1 for _, _, e in failed if e.get("severity") == "critical")
    status = "FAILED" if not report["success"] else ("PASSED with warnings" if failed else "PASSED")
    rows = ", ".join(f"{esc(table)} {t['rows']}" for table, t in report["tables"].items())
    out = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
           f"<title>Validation report: {status}</title><style>{STYLE}</style></head><body>",
           f"<h1 class='{'fail' if not report['success'] else 'pass'}'>Validation report: {status}</h1>",
           f"<p><b>{report['n_passed']} of {report['n_expectations']} expectations passed</b>; "
           f"{critical} critical failure(s), {len(failed) - critical} warning(s). Rows checked: {rows}.</p>",
           "<input id='filter' type='search' placeholder='filter rows: a table, column, article_id or path'>"]
    if failed:
        out += ["<h2>Failures</h2>",
                "<table><tr><th>severity</th><th>column</th><th>rule</th><th>unexpected</th>"
                f"<th>failing rows (at most {EXAMPLES} shown)</th></tr>",
                *[_failure_row(esc, table, t, e) for table, t, e in failed], "</table>"]
    else:
        out.append("<p class='ok'>No expectation failed.</p>")
    out.append("<h2>What was checked</h2>")
    for table, t in report["tables"].items():
        out.append(f"<h3>{esc(table)}: {t['rows']} rows, {t['passed']} of {len(t['expectations'])} passed</h3>")
        if not t["expectations"]:
            out.append("<p class='muted'>No rows, so nothing to check.</p>")
            continue
        out.append("<table><tr><th>result</th><th>column</th><th>rule</th><th>severity</th></tr>")
        for e in t["expectations"]:
            result = "<span class='ok'>pass</span>" if e["success"] else "<b>FAIL</b>"
            notes = f" <span class='muted'>{esc(e['notes'])}</span>" if e.get("notes") else ""
            out.append(f"<tr class='row'><td>{result}</td><td><code>{esc(column_label(e['kwargs']))}</code></td>"
                       f"<td>{_rule_html(esc, e)}{notes}</td>"
                       f"<td>{esc(e['severity'])}</td></tr>")
        out.append("</table>")
    out += [f"<script type='text/javascript'>{SCRIPT}</script>", "</body></html>"]
    return "\n".join(out)
