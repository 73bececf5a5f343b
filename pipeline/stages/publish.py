"""Stage `publish`: copy the validated tables to data/processed, with datapackage.json and a data card,
only when validation passed on exactly these tables (the report holds their sha256).

The new directory is staged beside the old and swapped in whole (one atomic exchange on Linux), so
readers and a kill at any moment see the old tables or the new, never a mix and never none. dvc.yaml
marks data/processed `persist: true`, so DVC does not delete it before this stage runs.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
from pathlib import Path

from pipeline.config import load_params, params_hash
from pipeline.quality.datacard import data_card, datapackage, provenance
from pipeline.schemas import TABLES
from pipeline.tables import make_staging_dir, read_table_bytes, recover_directory, replace_directory, write_json

log = logging.getLogger("pipeline.publish")
FILE_MODE, DIR_MODE = 0o644, 0o755  # a dataset others (and a web server) can read


def _write_file(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _refuse(why: str, out: Path) -> int:
    log.error("publish refused: %s; %s left untouched", why, out)
    return 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline publish", description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--report", type=Path, required=True, help="reports/validation.json of these tables")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    args = ap.parse_args(argv)

    params = load_params(args.params)
    recover_directory(args.out)
    try:
        report = json.loads(args.report.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return _refuse(f"cannot read the validation report {args.report} ({exc})", args.out)
    if not isinstance(report, dict) or report.get("success") is not True:
        n = report.get("critical_failures", "?") if isinstance(report, dict) else "?"
        return _refuse(f"{args.report} records {n} critical failure(s)", args.out)
    validated = report.get("tables_sha256")
    if not isinstance(validated, dict):
        return _refuse(f"{args.report} does not say which tables it validated (no tables_sha256); "
                       "run the validate stage again", args.out)
    tables, blobs = {}, {}
    for table in TABLES:
        try:
            tables[table], blobs[table], digest = read_table_bytes(table, args.tables)
        except (OSError, ValueError) as exc:
            return _refuse(f"cannot read {table} in {args.tables} ({exc})", args.out)
        if validated.get(table) != digest:
            return _refuse(f"{args.tables / (table + '.parquet')} is not the table {args.report} validated "
                           f"(sha256 {digest[:12]}, validated {str(validated.get(table))[:12]}); "
                           "run the validate stage again", args.out)
    if tables["articles"].empty:
        return _refuse("the articles table is empty", args.out)

    digest, version, license_id = params_hash(params), str(params["dataset"]["version"]), params["dataset"]["license"]
    staging = make_staging_dir(args.out)
    try:
        for table in TABLES:
            _write_file(staging / f"{table}.parquet", blobs[table])
        counts = {t: len(df) for t, df in tables.items()}
        write_json(staging / "datapackage.json",
                   datapackage(counts, provenance(tables["articles"], tables["rejects"], digest), version, license_id))
        (staging / "README.md").write_text(data_card(tables, version, license_id, digest, report), encoding="utf-8")
        for path in staging.rglob("*"):
            os.chmod(path, DIR_MODE if path.is_dir() else FILE_MODE)
        os.chmod(staging, DIR_MODE)
        replace_directory(staging, args.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("publish: %s -> %s", ", ".join(f"{t}={n}" for t, n in counts.items()), args.out)
    return 0
