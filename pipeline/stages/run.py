"""`python -m pipeline run --raw DIR --out DIR`: every stage in one process, without DVC.

For trying the pipeline on another set of raw files (e.g. an evaluation set) without touching the
versioned corpus. Tables go to OUT/interim, the report to OUT/reports, published tables to OUT/processed, what
passed validation to OUT/cache/validate and the link stage's tokens and alignments to OUT/cache/link (a
second run into the same OUT validates and aligns only what changed).
"""
from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.config import load_params
from pipeline.stages import extract, link, publish, validate
from pipeline.stages.summary import summary_line


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, required=True, help="folder of raw article files")
    ap.add_argument("--out", type=Path, required=True,
                    help="folder for the results: OUT/interim, OUT/reports, OUT/processed")
    ap.add_argument("--params", default="params.yaml", help="knobs (default: params.yaml)")
    ap.add_argument("--suites", default="expectations", help="folder of expectation suites (default: expectations)")
    args = ap.parse_args(argv)
    load_params(args.params)  # every problem in the params before any work
    if not args.raw.is_dir():
        raise SystemExit(f"run: the raw folder {args.raw} does not exist or is not a folder")
    o = args.out
    steps = [
        (extract.main, ["--raw", str(args.raw), "--out", str(o / "extracted"), "--params", args.params,
                        "--root", str(args.raw.parent)]),
        (link.main, ["--extracted", str(o / "extracted"), "--out", str(o / "interim"), "--params", args.params,
                     "--cache", str(o / "cache" / "link")]),
        (validate.main, ["--tables", str(o / "interim"), "--suites", args.suites, "--reports", str(o / "reports"),
                         "--passed", str(o / "cache" / "validate"), "--params", args.params]),
        (publish.main, ["--tables", str(o / "interim"), "--report", str(o / "reports" / "validation.json"),
                        "--out", str(o / "processed"), "--params", args.params]),
    ]
    code = 0
    for step, step_args in steps:
        code = step(step_args)
        if code:
            break
    if (o / "reports" / "metrics.json").exists():  # validation ran: say what the run made, even when it failed
        print(summary_line(o / "reports", o / "processed" if code == 0 else None))
    return code
