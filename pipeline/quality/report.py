"""Reading a validation report: one line per failure for logs and the check command, and the
self-contained HTML page. Pure functions of the report dict that validate.run_suites returns."""
from __future__ import annotations

import html


def failure_lines(report: dict, limit: int | None = None) -> list[str]:
    """One line per failing row: table, expectation, article_id and source_path."""
    lines = []
    for table, t in report["tables"].items():
        for e in t["expectations"]:
            if e["success"]:
                continue
            column = e["kwargs"].get("column") or f"{e['kwargs'].get('column_A')}/{e['kwargs'].get('column_B')}"
            head = f"[{e['severity']}] {table}.{column}: {e['expectation']}"
            if e.get("error"):
                lines.append(f"{head}: error {e['error']}")
            if not e["failures"]:
                lines.append(f"{head}: observed {e['observed_value']}")
            for f in e["failures"]:
                lines.append(f"{head}: article_id={f.get('article_id')} source_path={f.get('source_path')} "
                             f"value={ {k: v for k, v in f.items() if k not in ('article_id', 'source_path')} }")
    return lines[:limit] if limit else lines


def render_html(report: dict) -> str:
    """A self-contained HTML report. Everything that comes from articles is escaped."""
    esc = lambda v: html.escape(str(v), quote=True)  # noqa: E731
    status = "PASSED" if report["success"] else "FAILED"
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>Validation report</title>",
           "<style>body{font-family:sans-serif;margin:2em}td,th{border:1px solid #ccc;padding:4px 8px;"
           "vertical-align:top}table{border-collapse:collapse;margin-bottom:2em}.fail{background:#fdd}"
           ".warn{background:#ffd}.ok{background:#dfd}</style></head><body>",
           f"<h1>Validation report: {status}</h1>",
           f"<p>{report['n_passed']} of {report['n_expectations']} expectations passed; "
           f"{report['critical_failures']} critical failure(s).</p>"]
    for table, t in report["tables"].items():
        out.append(f"<h2>{esc(table)} ({t['rows']} rows, {t['passed']}/{len(t['expectations'])} passed)</h2>")
        out.append("<table><tr><th>expectation</th><th>arguments</th><th>severity</th><th>result</th>"
                   "<th>failing rows (article_id, source_path, value)</th></tr>")
        for e in t["expectations"]:
            cls = "ok" if e["success"] else ("fail" if e["severity"] == "critical" else "warn")
            rows = "<br>".join(esc(f"{f.get('article_id')} {f.get('source_path')} "
                                   f"{ {k: v for k, v in f.items() if k not in ('article_id', 'source_path')} }")
                               for f in e["failures"])
            out.append(f"<tr class='{cls}'><td>{esc(e['expectation'])}<br><small>{esc(e.get('notes') or '')}"
                       f"</small></td><td>{esc(e['kwargs'])}</td><td>{esc(e['severity'])}</td>"
                       f"<td>{'pass' if e['success'] else 'FAIL'} (unexpected: {esc(e['unexpected_count'])}, "
                       f"observed: {esc(e['observed_value'])})</td><td>{rows}</td></tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)
