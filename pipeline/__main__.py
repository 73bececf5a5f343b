"""Command line: `python -m pipeline COMMAND [options]`; `python -m pipeline COMMAND --help` for each."""
from __future__ import annotations

import importlib
import logging
import os
import sys

# command -> (module, one line of help). The help is written here so that `--help` stays instant:
# the stages import spaCy and Great Expectations, which take seconds.
COMMANDS = {
    "inventory": ("pipeline.stages.inventory", "list data/raw safely: each entry's hash or reject reason (DVC stage 0)"),
    "extract": ("pipeline.stages.extract", "raw files -> per-article tables (DVC stage 1)"),
    "link": ("pipeline.stages.link", "link the corpus: one id per entity, cited articles, reuse, quote clusters"),
    "validate": ("pipeline.stages.validate", "run the Great Expectations suites; write reports/"),
    "publish": ("pipeline.stages.publish", "copy validated tables to data/processed with the data card"),
    "evaluate": ("pipeline.stages.evaluate", "score the tables against gold annotations, when there are any"),
    "run": ("pipeline.stages.run", "every stage on another folder of raw files, without DVC"),
    "check": ("pipeline.stages.check", "is a contributed raw article fit for the corpus, and why not?"),
    "summary": ("pipeline.stages.summary", "one line on the last build: articles, rejects, rows, expectations"),
}


def top_level_help() -> str:
    width = max(map(len, COMMANDS))
    lines = ["usage: python -m pipeline COMMAND [options]", "",
             "News articles -> validated tables. `make repro` runs the stages through DVC; these commands run",
             "one step by hand.", "", "commands:"]
    lines += [f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "python -m pipeline COMMAND --help   options of one command",
              "PIPELINE_LOG_LEVEL=DEBUG            more log lines, and a traceback on errors"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        print(top_level_help(), file=sys.stderr)
        return 2
    if argv[0] in ("-h", "--help", "help"):
        print(top_level_help())
        return 0
    command = argv[0]
    if command not in COMMANDS:
        print(f"python -m pipeline: unknown command {command!r}; the commands are {', '.join(COMMANDS)} "
              "(python -m pipeline --help)", file=sys.stderr)
        return 2
    level = os.environ.get("PIPELINE_LOG_LEVEL", "INFO").upper()
    logging.basicConfig(level=level if level in logging.getLevelNamesMapping() else "INFO",
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    from pipeline import logs

    logs.install()
    for noisy in ("great_expectations", "urllib3", "distributed", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    module = importlib.import_module(COMMANDS[command][0])
    try:
        return module.main(argv[1:]) or 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a user gets one line; DEBUG gets the traceback
        if level == "DEBUG":
            raise
        print(f"python -m pipeline {command}: error: {type(exc).__name__}: {logs.cut(exc)} "
              "(PIPELINE_LOG_LEVEL=DEBUG for the traceback)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
