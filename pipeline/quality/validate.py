"""Run the Great Expectations suites of expectations/ on the tables; report in JSON and HTML.

The only module that imports Great Expectations (slow to import): the validate stage and the
`check` command use it. Every failure names the rows' article_id and source_path.
"""
from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

import pandas as pd

log = logging.getLogger(__name__)
MAX_LISTED = 50  # failing rows listed per expectation in the report


def load_suites(directory: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))}


def _context():
    import great_expectations as gx

    # GX logs through its own handlers at INFO; only its warnings belong in the stage's log.
    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    try:  # progress bars belong in a terminal, not in logs
        context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    except Exception:  # noqa: BLE001 - cosmetic only
        pass
    return gx, context


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if hasattr(v, "item"):
        try:
            return v.item()
        except (ValueError, AttributeError):
            return str(v)
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return str(v)


def run_suites(views: dict[str, pd.DataFrame], suites: dict[str, dict], article_ids: list[str]) -> dict:
    """Validate each view with its suite. Returns a JSON-ready report; report['success'] is False when
    any expectation marked critical failed."""
    gx, context = _context()
    source = context.data_sources.add_pandas("tables")
    report = {"success": True, "tables": {}, "n_expectations": 0, "n_passed": 0, "critical_failures": 0}
    params = {"article_ids": sorted(set(article_ids))}
    for name, spec in suites.items():
        if name not in views:
            continue
        df = views[name].reset_index(drop=True)
        entries = []
        # An empty table still meets its table-level expectations (row counts); column checks have
        # nothing to look at.
        expectations = spec["expectations"] if len(df) else [e for e in spec["expectations"]
                                                             if e["type"].startswith("expect_table_")]
        if expectations:
            suite = context.suites.add(gx.ExpectationSuite(name=spec["name"], expectations=expectations))
            batch = (source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("all")
                     .get_batch(batch_parameters={"dataframe": df}))
            index_cols = [c for c in ("article_id", "source_path") if c in df.columns]
            result = batch.validate(suite, expectation_parameters=params, result_format={
                "result_format": "COMPLETE", "unexpected_index_column_names": index_cols,
                "partial_unexpected_count": MAX_LISTED})
            results = result.results
        else:
            results = []
        for r in results:
            cfg = r.expectation_config
            # GX 1.x's own fields (FailureSeverity, notes); an older suite's meta still read
            severity = str(getattr(cfg.severity, "value", cfg.severity) or (cfg.meta or {}).get("severity")
                           or "critical")
            notes = cfg.notes if cfg.notes else (cfg.meta or {}).get("notes")
            if isinstance(notes, list):
                notes = " ".join(map(str, notes))
            res = r.result or {}
            failures = [_jsonable(x) for x in (res.get("unexpected_index_list") or [])[:MAX_LISTED]]
            entry = {
                "expectation": cfg.type,
                "kwargs": _jsonable({k: v for k, v in cfg.kwargs.items() if k not in ("value_set", "batch_id")}
                                    | ({"value_set": cfg.kwargs["value_set"]} if isinstance(
                                        cfg.kwargs.get("value_set"), list) and len(cfg.kwargs["value_set"]) < 20
                                       else {})),
                "severity": severity,
                "notes": notes,
                "success": bool(r.success),
                "observed_value": _jsonable(res.get("observed_value")),
                "unexpected_count": _jsonable(res.get("unexpected_count")),
                "failures": failures,
            }
            if r.exception_info and r.exception_info.get("raised_exception"):
                entry["success"] = False
                entry["error"] = str(r.exception_info.get("exception_message"))
            entries.append(entry)
            report["n_expectations"] += 1
            report["n_passed"] += entry["success"]
            if not entry["success"] and severity == "critical":
                report["critical_failures"] += 1
                report["success"] = False
        report["tables"][name] = {"rows": len(df), "expectations": entries,
                                  "passed": sum(e["success"] for e in entries)}
    report["share_passed"] = round(report["n_passed"] / report["n_expectations"], 4) if report["n_expectations"] else 1.0
    return report
