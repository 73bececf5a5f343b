"""Stage `link`: extracted tables -> the full set of tables, linked across the corpus."""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pipeline.config import load_params, params_hash
from pipeline.link import link_corpus
from pipeline.link.memo import LinkMemo
from pipeline.schemas import EXTRACTED_TABLES, TABLES
from pipeline.tables import read_table, write_table

log = logging.getLogger("pipeline.link")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline link", description=__doc__)
    ap.add_argument("--extracted", type=Path, required=True, help="folder of the extract stage's tables")
    ap.add_argument("--out", type=Path, required=True, help="folder to write every table to")
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    ap.add_argument("--cache", type=Path, default=None,
                    help="folder where the stage remembers tokens and pair alignments between runs (safe to delete)")
    args = ap.parse_args(argv)
    params = load_params(args.params)
    tables = {t: read_table(t, args.extracted, interim=True) for t in EXTRACTED_TABLES}
    log.info("link: in %s", ", ".join(f"{t}={len(df)}" for t, df in tables.items()))
    memo = LinkMemo(args.cache)
    linked = link_corpus(tables, params["link"]["min_passage_words"], params["link"]["max_candidates"], timings={},
                         memo=memo)
    digest, version = params_hash(params), str(params["dataset"]["version"])
    for table in TABLES:
        write_table(table, linked[table], args.out / f"{table}.parquet", digest, version)
    memo.save()
    log.info("link: out %s", ", ".join(f"{t}={len(linked[t])}" for t in TABLES))
    return 0
