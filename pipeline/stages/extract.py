"""Stage `extract`: data/raw -> per-article tables in data/interim/extracted (and rejects)."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pipeline.config import load_params, params_hash
from pipeline.extract import duplicate_rows, split_duplicates
from pipeline.extract.runner import ArticleCache, ExtractSettings, check_dask_address, run_extraction
from pipeline.ingest import IngestLimits, ingest_paths, list_raw_files
from pipeline.progress import progress
from pipeline.schemas import EXTRACTED_TABLES
from pipeline.tables import TableStreamWriter

log = logging.getLogger("pipeline.extract")
ROWS_PER_GROUP = 20_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline extract", description=__doc__)
    ap.add_argument("--raw", type=Path, required=True, help="folder of raw article files")
    ap.add_argument("--out", type=Path, required=True, help="folder to write the extracted tables to")
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    ap.add_argument("--root", type=Path, default=Path("."), help="repository root; source paths are relative to it")
    ap.add_argument("--cache", type=Path, default=None,
                    help="folder of per-article results reused across runs (none: extract everything)")
    args = ap.parse_args(argv)

    params = load_params(args.params)
    ingest, extract = params["ingest"], params["extract"]
    if extract["engine"] == "dask":
        check_dask_address(extract["dask_address"])
    if not args.raw.is_dir():
        raise SystemExit(f"extract: the raw folder {args.raw} does not exist or is not a folder")
    paths = list_raw_files(args.raw)
    if not paths:
        raise SystemExit(f"extract: the raw folder {args.raw} holds no files; refusing to build an empty dataset")
    raws, rejects = ingest_paths(paths, args.raw, args.root, IngestLimits.from_params(ingest))
    log.info("ingest: %d files in, %d articles, %d rejects", len(paths), len(raws), len(rejects))
    for r in rejects:
        log.error("rejected %s", r.as_line())
    fail = ingest["on_bad_file"] == "fail"
    if rejects and fail:
        log.error("%d bad file(s) in %s; fix or remove them, or set ingest.on_bad_file: quarantine",
                  len(rejects), args.raw)
        return 1

    unique, duplicates = split_duplicates(raws)
    settings = ExtractSettings.from_params(params)
    digest, version = params_hash(params), str(params["dataset"]["version"])
    writers = {t: TableStreamWriter(t, args.out / f"{t}.parquet", digest, version, interim=True,
                                    rows_per_group=ROWS_PER_GROUP) for t in EXTRACTED_TABLES}
    try:
        counts = {"cached": 0, "extracted": 0}
        results = run_extraction(unique, settings, ArticleCache(args.cache, settings.model),
                                 workers=extract["workers"], engine=extract["engine"],
                                 dask_address=extract["dask_address"])
        for result in progress(results, total=len(unique), desc="extract"):
            if result.reject is not None:
                log.error("rejected %s", result.reject.as_line())
                rejects.append(result.reject)
                continue
            counts["cached" if result.cached else "extracted"] += 1
            for table, rows in result.rows.items():
                writers[table].write_rows(rows)
        writers["articles"].write_rows(duplicate_rows(duplicates))
        writers["rejects"].write_rows([r.__dict__ for r in sorted(rejects, key=lambda r: r.source_path)])
        if rejects and fail:
            raise SystemExit(1)
        n = {t: w.commit() for t, w in writers.items()}
    except BaseException:
        for w in writers.values():
            w.abort()
        raise
    log.info("extract: %d extracted, %d from the cache; out %s", counts["extracted"], counts["cached"],
             ", ".join(f"{t}={k}" for t, k in n.items()))
    return 0
