"""Run the Great Expectations suites of expectations/ on the tables; report in JSON and HTML.

The only module that imports Great Expectations (slow to import), and only when some row needs its
row-wise expectations: the corpus-wide ones run in pandas (corpus_checks), and rows that passed
before with the same content are skipped (passed). The validate stage and the `check` command use
it. Every failure names the rows' article_id and source_path.
"""
from __future__ import annotations

import json
import logging
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pipeline.quality import corpus_checks
from pipeline.quality.corpus_checks import is_corpus_wide
from pipeline.quality.passed import unit_column, unit_digests

log = logging.getLogger(__name__)
MAX_LISTED = 50  # failing rows listed per expectation in the report


def load_suites(directory: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))}


def _context():
    import sys

    # jsonschema checks the "iri" formats with rfc3987_syntax when it can import it, and
    # Great Expectations' import of altair pulls jsonschema in: building that grammar is a third of
    # the import (about 1 s). No schema this stage meets uses the format, so jsonschema is told the
    # package is absent (an import of a None entry raises ImportError, which jsonschema expects).
    sys.modules.setdefault("rfc3987_syntax", None)
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


def _severity_notes(spec: dict) -> tuple[str, Any]:
    """GX 1.x's own fields (severity, notes); an older suite's meta still read."""
    severity, notes, meta = spec.get("severity"), spec.get("notes"), spec.get("meta")
    severity = str(severity or (meta or {}).get("severity") or "critical")
    notes = notes if notes else (meta or {}).get("notes")
    if isinstance(notes, list):
        notes = " ".join(map(str, notes))
    return severity, notes


def _entry(kind: str, kwargs: dict, severity: str, notes, success: bool, observed, unexpected_count,
           failures: list, error: str | None = None) -> dict:
    entry = {
        "expectation": kind,
        "kwargs": _jsonable({k: v for k, v in kwargs.items() if k not in ("value_set", "batch_id")}
                            | ({"value_set": kwargs["value_set"]} if isinstance(
                                kwargs.get("value_set"), list) and len(kwargs["value_set"]) < 20 else {})),
        "severity": severity,
        "notes": notes,
        "success": bool(success) and not error,
        "observed_value": _jsonable(observed),
        "unexpected_count": _jsonable(unexpected_count),
        "failures": [_jsonable(x) for x in failures[:MAX_LISTED]],
    }
    if error:
        entry["error"] = error
    return entry


class _Gx:
    """Great Expectations, imported and set up on first use only."""

    def __init__(self):
        self.gx = self.context = self.source = None
        self.calls = 0

    def validate(self, name: str, spec: dict, expectations: list[dict], df: pd.DataFrame, params: dict):
        if self.gx is None:
            self.gx, self.context = _context()
            self.source = self.context.data_sources.add_pandas("tables")
        self.calls += 1  # a context holds one suite and one asset of a name
        key = f"{spec['name']}-{self.calls}"
        suite = self.context.suites.add(self.gx.ExpectationSuite(name=key, expectations=expectations))
        batch = (self.source.add_dataframe_asset(key).add_batch_definition_whole_dataframe("all")
                 .get_batch(batch_parameters={"dataframe": df}))
        index_cols = [c for c in ("article_id", "source_path") if c in df.columns]
        results = batch.validate(suite, expectation_parameters=params, result_format={
            "result_format": "COMPLETE", "unexpected_index_column_names": index_cols,
            "partial_unexpected_count": MAX_LISTED}).results
        # Great Expectations returns results grouped by the metrics they share, not in suite order
        by_id = {r.expectation_config.id: r for r in results}
        ids = [e.id for e in suite.expectations]
        if len(by_id) != len(results) or set(ids) != set(by_id):
            raise RuntimeError(f"{name}: Great Expectations returned results that match no expectation")
        return [by_id[i] for i in ids]


def _row_wise_entries(gx: _Gx, name: str, spec: dict, expectations: list[dict], pending: pd.DataFrame,
                      params: dict) -> tuple[list[dict], set | None]:
    """Entries of the row-wise expectations on the pending rows, and the unit keys that failed any
    of them (None: a result names no rows, so no pending unit may be taken as passed)."""
    if not expectations or not len(pending):
        return [_entry(e["type"], e["kwargs"], *_severity_notes(e), True, None, 0, []) for e in expectations], set()
    unit = unit_column(name)
    entries, failed_units = [], set()
    for e, r in zip(expectations, gx.validate(name, spec, expectations, pending, params)):
        res = r.result or {}
        error = None
        if r.exception_info and r.exception_info.get("raised_exception"):
            error = str(r.exception_info.get("exception_message"))
        rows = res.get("unexpected_index_list") or []
        if error or (not r.success and not rows):
            failed_units = None
        elif failed_units is not None:
            failed_units.update(row.get(unit) for row in rows if isinstance(row, dict))
        entries.append(_entry(e["type"], e["kwargs"], *_severity_notes(e), r.success,
                              res.get("observed_value"), res.get("unexpected_count"), rows, error))
    return entries, failed_units


def validate_views(views: dict[str, pd.DataFrame], suites: dict[str, dict], article_ids: list[str],
                   passed: set[str] | None = None) -> tuple[dict, set[str]]:
    """Validate each view with its suite: the corpus-wide expectations over whole tables (pandas),
    the row-wise ones with Great Expectations over the rows of units whose digest is not in passed
    (None: every row; Great Expectations is imported only when some row needs it).

    Returns the JSON-ready report (report['success'] is False when any expectation marked critical
    failed) and the digests of every unit that has now passed all row-wise expectations."""
    gx = _Gx()
    report = {"success": True, "tables": {}, "n_expectations": 0, "n_passed": 0, "critical_failures": 0}
    params = {"article_ids": sorted(set(article_ids))}
    passed_now: set[str] = set()
    for name, spec in suites.items():
        if name not in views:
            continue
        df = views[name].reset_index(drop=True)
        # An empty table still meets its table-level expectations (row counts); column checks have
        # nothing to look at.
        expectations = spec["expectations"] if len(df) else [e for e in spec["expectations"]
                                                             if e["type"].startswith("expect_table_")]
        row_wise = [e for e in expectations if not is_corpus_wide(e)]
        digests = unit_digests(name, spec, df) if passed is not None else np.full(len(df), "", dtype=object)
        pending_mask = ~pd.Series(digests).isin(passed or ()).to_numpy()
        pending = df[pending_mask].reset_index(drop=True)
        row_entries, failed_units = _row_wise_entries(gx, name, spec, row_wise, pending, params)
        if passed is not None and failed_units is not None:
            unit = df[unit_column(name)]
            ok = (unit.notna() & ~unit.isin(failed_units)).to_numpy() & (digests != "")
            passed_now.update(digests[ok])
        by_spec = iter(row_entries)
        entries = []
        for e in expectations:
            if not is_corpus_wide(e):
                entries.append(next(by_spec))
                continue
            res = corpus_checks.check(df, e, params)
            entries.append(_entry(e["type"], e["kwargs"], *_severity_notes(e), res.get("success"),
                                  res["observed_value"], res["unexpected_count"], res["failures"],
                                  res.get("error")))
        for entry in entries:
            report["n_expectations"] += 1
            report["n_passed"] += entry["success"]
            if not entry["success"] and entry["severity"] == "critical":
                report["critical_failures"] += 1
                report["success"] = False
        report["tables"][name] = {"rows": len(df), "rows_checked": int(len(pending)) if row_wise else 0,
                                  "expectations": entries, "passed": sum(e["success"] for e in entries)}
    report["share_passed"] = round(report["n_passed"] / report["n_expectations"], 4) if report["n_expectations"] else 1.0
    return report, passed_now


def run_suites(views: dict[str, pd.DataFrame], suites: dict[str, dict], article_ids: list[str]) -> dict:
    """Validate every row of each view with its suite (validate_views without a store)."""
    return validate_views(views, suites, article_ids)[0]
