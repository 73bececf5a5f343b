"""Stage `publish`: copy the validated tables to data/processed, with datapackage.json and a data card,
only when validation passed. The directory is swapped in whole, so readers never see a mix."""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import tempfile
from pathlib import Path

from pipeline.config import load_params, params_hash
from pipeline.quality.datacard import data_card, datapackage, provenance
from pipeline.schemas import TABLES
from pipeline.tables import read_table, replace_directory, write_json

log = logging.getLogger("pipeline.publish")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline publish", description=__doc__)
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--report", type=Path, required=True, help="reports/validation.json of these tables")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    args = ap.parse_args(argv)

    report = json.loads(args.report.read_text(encoding="utf-8"))
    if not report.get("success"):
        log.error("publish refused: %s records %d critical failure(s); %s left untouched",
                  args.report, report.get("critical_failures", 0), args.out)
        return 1
    params = load_params(args.params)
    digest, version, license_id = params_hash(params), str(params["dataset"]["version"]), params["dataset"]["license"]
    tables = {t: read_table(t, args.tables) for t in TABLES}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{args.out.name}.", dir=args.out.parent))
    try:
        for table in TABLES:
            shutil.copy2(args.tables / f"{table}.parquet", staging / f"{table}.parquet")
        counts = {t: len(df) for t, df in tables.items()}
        write_json(staging / "datapackage.json",
                   datapackage(counts, provenance(tables["articles"], tables["rejects"], digest), version, license_id))
        (staging / "README.md").write_text(data_card(tables, version, license_id, digest, report), encoding="utf-8")
        replace_directory(staging, args.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("publish: %s -> %s", ", ".join(f"{t}={n}" for t, n in counts.items()), args.out)
    return 0
