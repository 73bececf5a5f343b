"""Stage `evaluate`: extraction scores against hand-made gold, as DVC metrics (reports/scores.json).

The gold annotations and their scorer live outside the project (--eval-dir, ../shared/eval by
default). When they are absent, or annotate none of the corpus's files, the metrics say so and
nothing fails: a contributor's clone without the evaluation kit builds the same dataset, and
scores already measured are kept, never replaced by nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.tables import write_json

log = logging.getLogger("pipeline.evaluate")


def gold_covers_corpus(gold_dir: Path, articles: pd.DataFrame) -> bool:
    names = {Path(p).name for p in articles["source_path"]}
    gold_files = {json.loads(p.read_text(encoding="utf-8")).get("file") for p in gold_dir.glob("*.json")
                  if p.name != "reuse.json"}
    return bool(gold_files) and gold_files <= names


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """What the scores were measured on: a hash of every article's path and content hash."""
    pairs = sorted(zip(articles["source_path"].astype(str), articles["content_sha256"].astype(str)))
    return hashlib.sha256("\n".join(f"{p}\t{h}" for p, h in pairs).encode()).hexdigest()[:16]


def read_scores(path: Path) -> dict:
    try:
        scores = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return scores if isinstance(scores, dict) else {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline evaluate", description=__doc__)
    ap.add_argument("--processed", type=Path, required=True, help="folder of the published tables")
    ap.add_argument("--eval-dir", type=Path, default=Path("../shared/eval"),
                    help="the evaluation kit: score.py and gold/ (default: ../shared/eval)")
    ap.add_argument("--out", type=Path, required=True, help="the scores file to write (JSON)")
    args = ap.parse_args(argv)

    scorer, gold = args.eval_dir / "score.py", args.eval_dir / "gold"
    articles = pd.read_parquet(args.processed / "articles.parquet", columns=["source_path", "content_sha256"])
    corpus = corpus_fingerprint(articles)
    if not (scorer.exists() and gold.is_dir() and gold_covers_corpus(gold, articles)):
        old = read_scores(args.out)
        if old.get("gold_available") and old.get("corpus_sha256") == corpus:
            # A clone without the kit must not wipe the scores measured on this very corpus where the
            # kit was (dvc.yaml marks the file persist so DVC keeps it too); scores of another corpus go.
            log.warning("evaluate: no gold annotations for this corpus in %s; kept the scores already in %s",
                        args.eval_dir, args.out)
            return 0
        log.info("evaluate: no gold annotations for this corpus in %s; scores not computed", args.eval_dir)
        write_json(args.out, {"gold_available": 0, "corpus_sha256": corpus})
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run([sys.executable, str(scorer), "--processed", str(args.processed), "--gold", str(gold),
                                 "--json", f"{tmp}/scores.json"], capture_output=True, text=True)
        if result.returncode != 0:
            log.error("evaluate: the scorer failed: %s", result.stderr.strip().splitlines()[-1:])
            return 1
        scores = json.loads(Path(f"{tmp}/scores.json").read_text())["scores"]
    for line in result.stdout.splitlines():
        log.info("evaluate: %s", line)
    write_json(args.out, {"gold_available": 1, "corpus_sha256": corpus, "seeds": scores})
    return 0
