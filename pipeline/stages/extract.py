"""Stage `extract`: data/raw -> per-article tables in data/interim/extracted (and rejects)."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

import pandas as pd

from pipeline.config import load_params, params_hash
from pipeline.extract import extract_articles
from pipeline.ingest import ingest_paths, list_raw_files
from pipeline.nlp import load_model
from pipeline.schemas import EXTRACTED_TABLES, empty_frame
from pipeline.tables import write_table

log = logging.getLogger("pipeline.extract")


class BadFilesError(SystemExit):
    pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline extract", description=__doc__)
    ap.add_argument("--raw", type=Path, required=True, help="folder of raw article files")
    ap.add_argument("--out", type=Path, required=True, help="folder to write the extracted tables to")
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    ap.add_argument("--root", type=Path, default=Path("."), help="repository root; source paths are relative to it")
    args = ap.parse_args(argv)

    params = load_params(args.params)
    ingest = params["ingest"]
    paths = list_raw_files(args.raw)
    raws, rejects = ingest_paths(paths, args.raw, args.root, ingest["max_bytes"], ingest["max_chars"])
    log.info("ingest: %d files in, %d articles, %d rejects", len(paths), len(raws), len(rejects))
    for r in rejects:
        log.error("rejected %s", r.as_line())
    if rejects and ingest["on_bad_file"] == "fail":
        log.error("%d bad file(s) in %s; fix or remove them, or set ingest.on_bad_file: quarantine",
                  len(rejects), args.raw)
        return 1

    tables = extract_articles(raws, load_model(params["nlp"]["model"]), batch_size=params["nlp"]["batch_size"])
    tables["rejects"] = (pd.DataFrame([r.__dict__ for r in rejects]) if rejects else empty_frame("rejects"))
    digest, version = params_hash(params), str(params["dataset"]["version"])
    for table in EXTRACTED_TABLES:
        write_table(table, tables[table], args.out / f"{table}.parquet", digest, version, interim=True)
    log.info("extract: %s", ", ".join(f"{t}={len(tables[t])}" for t in EXTRACTED_TABLES))
    return 0
