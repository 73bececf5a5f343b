"""Stage `publish`: copy the validated tables to data/processed, only when validation passed."""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import tempfile
from pathlib import Path

from pipeline.schemas import TABLES
from pipeline.tables import replace_directory

log = logging.getLogger("pipeline.publish")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline publish", description=__doc__)
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--report", type=Path, required=True, help="reports/validation.json of these tables")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)

    report = json.loads(args.report.read_text(encoding="utf-8"))
    if not report.get("success"):
        log.error("publish refused: %s records %d critical failure(s); %s left untouched",
                  args.report, report.get("critical_failures", 0), args.out)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{args.out.name}.", dir=args.out.parent))
    try:
        for table in TABLES:
            shutil.copy2(args.tables / f"{table}.parquet", staging / f"{table}.parquet")
        replace_directory(staging, args.out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("publish: %d tables -> %s", len(TABLES), args.out)
    return 0
