"""`python -m pipeline summary`: one line on the last build, read from its reports.

Files in, articles and rejects, rows per table, expectations passed and where the report is:
`make repro` and `python -m pipeline run` end with it, so a run never ends on a wall of log lines.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path


def summary_line(reports: Path, processed: Path | None = None) -> str:
    metrics = json.loads((Path(reports) / "metrics.json").read_text(encoding="utf-8"))
    rows, exp = metrics.get("rows", {}), metrics.get("expectations", {})
    n_articles, n_rejects = rows.get("articles", 0), rows.get("rejects", 0)
    tables = ", ".join(f"{t}={n}" for t, n in rows.items() if t not in ("articles", "rejects"))
    validation = Path(reports) / "validation.json"
    failed = validation.exists() and not json.loads(validation.read_text(encoding="utf-8")).get("success", True)
    published = processed is not None and not failed and (Path(processed) / "datapackage.json").exists()
    return (f"summary: {n_articles + n_rejects} files in: {n_articles} articles, {n_rejects} rejects; rows {tables}; "
            f"expectations {exp.get('passed')}/{exp.get('total')} passed, {exp.get('critical_failures')} critical "
            f"failure(s); report {Path(reports) / 'validation.html'}"
            + (f"; tables in {processed}" if published else
               "; nothing published (critical failures)" if failed else "; nothing published"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline summary", description=__doc__)
    ap.add_argument("--reports", type=Path, default=Path("reports"), help="folder of metrics.json (default: reports)")
    ap.add_argument("--processed", type=Path, default=Path("data/processed"),
                    help="folder of the published tables (default: data/processed)")
    args = ap.parse_args(argv)
    if not (args.reports / "metrics.json").exists():
        print(f"summary: no build yet: {args.reports / 'metrics.json'} is missing (run `make repro`)")
        return 1
    print(summary_line(args.reports, args.processed))
    return 0
