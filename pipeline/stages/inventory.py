"""Stage `inventory`: data/raw -> a JSON list of its entries and their content hashes.

extract depends on this list, not on data/raw, because DVC cannot hash data/raw safely: it opens
every entry, so a FIFO hangs `dvc repro`, a link to /dev/zero never ends, and a link loop or a
dangling link stops it with an error. The list is rebuilt on every run (always_changed) by the
code that never opens a non-regular file; when it is unchanged, DVC skips extraction.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import tempfile
from pathlib import Path

from pipeline.config import load_params
from pipeline.ingest import raw_inventory

log = logging.getLogger("pipeline.inventory")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline inventory", description=__doc__.splitlines()[0])
    ap.add_argument("--raw", type=Path, required=True, help="folder of raw article files")
    ap.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    ap.add_argument("--params", type=Path, default=Path("params.yaml"))
    ap.add_argument("--root", type=Path, default=Path("."), help="repository root; paths are relative to it")
    args = ap.parse_args(argv)
    if not args.raw.is_dir():
        log.error("%s: the raw folder does not exist", args.raw)
        return 1
    max_bytes = int(load_params(args.params)["ingest"]["max_bytes"])
    entries = raw_inventory(args.raw, args.root, max_bytes)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=f".{args.out.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(entries, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, args.out)
    log.info("inventory: %d entries in %s, %d of them rejects", len(entries), args.raw,
             sum("reject" in e for e in entries))
    return 0
