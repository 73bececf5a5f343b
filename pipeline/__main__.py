"""Command line: `python -m pipeline STAGE ...` (extract, link, validate, publish, run, check)."""
from __future__ import annotations

import importlib
import logging
import os
import sys

STAGES = {
    "inventory": "pipeline.stages.inventory",
    "extract": "pipeline.stages.extract",
    "link": "pipeline.stages.link",
    "validate": "pipeline.stages.validate",
    "publish": "pipeline.stages.publish",
    "evaluate": "pipeline.stages.evaluate",
    "run": "pipeline.stages.run",
    "check": "pipeline.stages.check",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in STAGES:
        print(f"usage: python -m pipeline {{{','.join(STAGES)}}} [options]", file=sys.stderr)
        return 2
    logging.basicConfig(level=os.environ.get("PIPELINE_LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    for noisy in ("great_expectations", "urllib3", "distributed", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    module = importlib.import_module(STAGES[argv[0]])
    try:
        return module.main(argv[1:]) or 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
