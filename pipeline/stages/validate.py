"""Stage `validate`: run the expectation suites on the linked tables; write reports/; fail on critical."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pipeline.config import load_params
from pipeline.schemas import TABLES
from pipeline.tables import read_table_bytes, write_atomic, write_json
from pipeline.quality.views import validation_views

log = logging.getLogger("pipeline.quality.validate")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline validate", description=__doc__)
    ap.add_argument("--tables", type=Path, required=True, help="folder of the tables to validate")
    ap.add_argument("--suites", type=Path, required=True, help="folder of expectation suites (JSON)")
    ap.add_argument("--reports", type=Path, required=True, help="folder to write validation.json/html to")
    ap.add_argument("--passed", type=Path, default=None,
                    help="folder of the store of row digests that passed (none: validate every row)")
    ap.add_argument("--params", type=Path, default=Path("params.yaml"), help="checked before any work")
    args = ap.parse_args(argv)
    load_params(args.params)

    from pipeline.quality.report import failure_lines, render_html
    from pipeline.quality.passed import load_store, save_store
    from pipeline.quality.validate import load_suites, validate_views

    tables, digests = {}, {}
    for t in TABLES:
        tables[t], _, digests[t] = read_table_bytes(t, args.tables)
    log.info("validate: %s", ", ".join(f"{t}={len(df)}" for t, df in tables.items()))
    store = load_store(args.passed) if args.passed else None
    report, passed_now = validate_views(validation_views(tables), load_suites(args.suites),
                                        list(tables["articles"]["article_id"]), store)
    save_store(args.passed, passed_now)  # facts about row content: kept whatever the verdict
    # How many rows the store spared depends on what it held, not on the tables: logged, and kept out
    # of the report, so the same tables always give the same report bytes.
    checked = {t: r.pop("rows_checked") for t, r in report["tables"].items()}
    log.info("validate: row-wise expectations checked on %s rows (the rest passed before, same content)",
             ", ".join(f"{t}={checked[t]}/{r['rows']}" for t, r in report["tables"].items()))
    report["tables_sha256"] = digests  # publish re-hashes the tables and refuses any that differ
    write_json(args.reports / "validation.json", report)
    write_json(args.reports / "metrics.json", {
        "rows": {t: len(df) for t, df in tables.items()},
        "expectations": {"total": report["n_expectations"], "passed": report["n_passed"],
                         "share_passed": report["share_passed"], "critical_failures": report["critical_failures"]},
    })
    html_text = render_html(report)
    write_atomic(args.reports / "validation.html", lambda tmp: Path(tmp).write_text(html_text, encoding="utf-8"))
    for line in failure_lines(report, limit=100):
        (log.error if line.startswith("[critical]") else log.warning)("%s", line)
    log.info("validate: %d/%d expectations passed, %d critical failure(s); report in %s",
             report["n_passed"], report["n_expectations"], report["critical_failures"], args.reports)
    return 0 if report["success"] else 1
