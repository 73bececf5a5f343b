"""How the link stage's reuse work grows with the corpus: find_reuse + cluster_quotes at 1k to 10k articles.

Usage (from the project root):
    .venv/bin/python benchmarks/link_scaling.py [--sizes 1000 2000 5000 10000] [--seed 0]

Synthetic corpora are made from the seed articles in data/raw: every article's prose is seed
paragraphs with their words shuffled and partly replaced (so no two articles share long runs of
words by construction), and about a third of the articles copy one or two paragraphs of an earlier
article the way the seeds copy the Wall Street Journal: trimmed with "…", with [bracketed]
insertions, curly apostrophes, in or out of quote marks. Each article also carries promo lines that
are not prose. Only find_reuse and cluster_quotes are timed; building the corpus is not.

Prints a side-by-side table (articles, seconds, seconds per 1k articles) and the edge precision and
recall against how the corpus was made, and writes everything to benchmarks/results/link_scaling.json.
The filler prose is seed paragraphs reshuffled, so in a small corpus two articles built from the same
seed paragraph share its words in any order, which the sentence alignment rightly calls a rewrite:
verbatim_edge_precision counts the verbatim passages only, the edges this corpus was built to have.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.ingest import normalise_text  # noqa: E402
from pipeline.extract.layout import parse_layout  # noqa: E402

log = logging.getLogger("benchmarks.link_scaling")
MIN_PASSAGE_WORDS = 8
COPY_SHARE = 0.3
PROMO = ["Sign up for our newsletter to get the top stories delivered to your inbox every morning.",
         "Click here to subscribe to our channel for more videos like this one.",
         "Read more: Why the region keeps making headlines this year"]


def seed_material(raw: Path) -> tuple[list[list[str]], list[str]]:
    """Body paragraphs of the seed articles as word lists, and their vocabulary."""
    paras = []
    for p in sorted(raw.glob("*.txt")):
        for para in parse_layout(normalise_text(p.read_text(encoding="utf-8"))).body.split("\n\n"):
            ws = re.findall(r"[A-Za-z][\w'’-]*", para)
            if len(ws) >= 15:
                paras.append(ws)
    vocab = sorted({w.lower() for ws in paras for w in ws})
    return paras, vocab


def filler_paragraph(rng: random.Random, paras: list[list[str]], vocab: list[str]) -> str:
    """A seed paragraph's words, shuffled, a fifth of them replaced: seed-like but new prose."""
    ws = list(rng.choice(paras))
    rng.shuffle(ws)
    ws = [rng.choice(vocab) if rng.random() < 0.2 else w for w in ws]
    sentence_ends = {n for n in range(8, len(ws), rng.randint(9, 16))}
    out = " ".join(w + ("." if n in sentence_ends else "") for n, w in enumerate(ws))
    return out[0].upper() + out[1:].rstrip(".") + "."


def perturb_copy(rng: random.Random, para: str) -> str:
    """Copy a paragraph the ways the seed articles do: trim, bracket, curl apostrophes, quote."""
    ws = para.split()
    kind = rng.choice(["verbatim", "trimmed", "bracketed", "curly", "quoted"])
    if kind == "trimmed" and len(ws) > 30:
        cut = rng.randint(10, len(ws) - 15)
        ws = ws[:cut] + ["…"] + ws[cut + rng.randint(3, 8):]
    elif kind == "bracketed":
        at = rng.randint(5, len(ws) - 5)
        ws = ws[:at] + ["[reportedly]"] + ws[at:]
    text = " ".join(ws)
    if kind == "curly":
        text = text.replace("'", "’")
    if kind in ("trimmed", "quoted", "bracketed"):
        text = f"“{text}”"
    return text


def make_corpus(n: int, seed: int, paras, vocab) -> tuple[pd.DataFrame, pd.DataFrame, set[tuple[str, str]]]:
    """articles (link-stage columns), quotes (QUOTES columns used by the link stage), true edges."""
    rng = random.Random(seed)
    rows, quotes, truth, origins = [], [], set(), []
    day0 = dt.date(2019, 1, 1)
    for i in range(n):
        aid = f"{i:016x}"
        body = [filler_paragraph(rng, paras, vocab) for _ in range(rng.randint(3, 6))]
        copied_from, quoted = None, []
        if origins and rng.random() < COPY_SHARE:
            copied_from = rng.choice(origins[-2000:])
            src_body = rows[int(copied_from, 16)]["body"].split("\n\n")
            for para in rng.sample(src_body, min(len(src_body), rng.randint(1, 2))):
                copy = perturb_copy(rng, para)
                body.insert(rng.randint(1, len(body)), copy)
                if copy.startswith("“"):
                    quoted.append(copy[1:-1])
            truth.add((aid, copied_from))
        else:
            origins.append(aid)
        # A short direct quote of the article's own, as every news story has.
        own = " ".join(rng.sample(vocab, 9))
        body.append(f"“{own.capitalize()},” an official said.")
        quoted.append(f"{own.capitalize()},")
        title = " ".join(rng.sample(vocab, 7)).title()
        text = f"{title}\n\n" + "\n\n".join(body[:2] + [rng.choice(PROMO)] + body[2:]) + "\n"
        date = day0 + dt.timedelta(days=i // 20) if rng.random() < 0.8 else None
        rows.append({"article_id": aid, "text": text, "body": "\n\n".join(body), "published_date": date,
                     "cited_article_ids": [copied_from] if copied_from else [], "duplicate_of": None})
        for q in quoted:
            start = text.index(q)
            quotes.append({"article_id": aid, "quote_id": f"{aid}-q{start}", "text": q, "start": start,
                           "end": start + len(q), "form": "direct"})
    return pd.DataFrame(rows), pd.DataFrame(quotes), truth


PARTS = ("read", "citations", "entities", "tokenise", "reuse", "speakers", "quote_clusters", "write")


def link_worker(tables_dir: Path) -> dict:
    """The link stage as `python -m pipeline link` runs it, on tables_dir/extracted, each part timed;
    run in a process of its own so that its peak RSS is the stage's."""
    from pipeline.link import link_corpus
    from pipeline.link.corpus import peak_rss_mb
    from pipeline.schemas import EXTRACTED_TABLES, TABLES
    from pipeline.tables import read_table, write_table

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    tables = {t: read_table(t, tables_dir / "extracted", interim=True) for t in EXTRACTED_TABLES}
    timings["read"] = time.perf_counter() - t0
    linked = link_corpus(tables, MIN_PASSAGE_WORDS, 8, timings=timings)
    t1 = time.perf_counter()
    for table in TABLES:
        write_table(table, linked[table], tables_dir / "linked" / f"{table}.parquet", "synthetic", "0")
    timings["write"] = time.perf_counter() - t1
    return {"part_seconds": {k: round(v, 3) for k, v in timings.items() if not k.endswith("_mb")},
            "part_peak_rss_mb": {k.removesuffix("_peak_rss_mb"): v for k, v in timings.items() if k.endswith("_mb")},
            "seconds": round(time.perf_counter() - t0, 3),
            "peak_rss_mb": peak_rss_mb()}


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def run(sizes: list[int], seed: int) -> dict:
    from benchmarks.synthetic_tables import extracted_tables, write_extracted

    paras, vocab = seed_material(ROOT / "data" / "raw")
    results = []
    for n in sizes:
        articles, quotes, truth = make_corpus(n, seed, paras, vocab)
        tables = extracted_tables(articles, quotes, seed)
        with tempfile.TemporaryDirectory(prefix="link-scaling-") as tmp:
            write_extracted(tables, Path(tmp) / "extracted")
            load_before = load_average()
            proc = subprocess.run([sys.executable, __file__, "--worker", tmp], capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"link worker failed at {n} articles:\n{proc.stderr[-3000:]}")
            measured = json.loads(proc.stdout.strip().splitlines()[-1])
            reuse = pd.read_parquet(Path(tmp) / "linked" / "reuse.parquet")
            quotes_out = pd.read_parquet(Path(tmp) / "linked" / "quotes.parquet")
            entities_out = pd.read_parquet(Path(tmp) / "linked" / "entities.parquet")
        found = set(zip(reuse.article_id, reuse.source_article_id))
        verbatim = reuse[reuse["match"] == "verbatim"]
        found_verbatim = set(zip(verbatim.article_id, verbatim.source_article_id))
        results.append({
            "articles": n, "words": int(articles["body"].str.split().str.len().sum()),
            "entity_mentions": len(tables["entities"]), "quotes": len(quotes), "reuse_rows": len(reuse),
            "true_edges": len(truth),
            "edge_precision": round(len(found & truth) / len(found), 4) if found else 0.0,
            "edge_recall": round(len(found & truth) / len(truth), 4) if truth else 0.0,
            "verbatim_edge_precision": round(len(found_verbatim & truth) / len(found_verbatim), 4)
            if found_verbatim else 0.0,
            "quote_clusters": int(quotes_out["cluster_id"].nunique()),
            "entities": int(entities_out["entity_id"].nunique()),
            "seconds": measured["seconds"], "seconds_per_1k": round(measured["seconds"] / n * 1000, 3),
            "peak_rss_mb": measured["peak_rss_mb"], **{f"{k}_s": v for k, v in measured["part_seconds"].items()},
            "peak_rss_mb_after": measured["part_peak_rss_mb"],
            "load_before": load_before, "load_after": load_average(),
        })
        log.info("%d articles: %.2f s, %d MB", n, measured["seconds"], measured["peak_rss_mb"])
    return {"benchmark": "link_scaling", "min_passage_words": MIN_PASSAGE_WORDS, "seed": seed,
            "cpu_count": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine(),
            "results": results}


def table(report: dict) -> str:
    cols = ["articles", "seconds", "seconds_per_1k", "peak_rss_mb"] + [f"{p}_s" for p in PARTS] + \
        ["reuse_rows", "edge_recall", "verbatim_edge_precision"]
    lines = ["  ".join(f"{c:>{max(9, len(c))}s}" for c in cols)]
    lines += ["  ".join(f"{r.get(c, ''):>{max(9, len(c))}}" for c in cols) for r in report["results"]]
    base = report["results"][0]
    last = report["results"][-1]
    growth = (last["seconds"] / base["seconds"]) / (last["articles"] / base["articles"])
    lines.append(f"time grows {last['seconds'] / base['seconds']:.1f}x for {last['articles'] / base['articles']:.0f}x "
                 f"the articles (1.0 = linear: {growth:.2f}); load averages (1, 5, 15 min) per row in the JSON")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "link_scaling.json")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # internal: time one corpus in this process
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.worker:
        sys.stdout.write(json.dumps(link_worker(args.worker)) + "\n")
        return 0
    report = run(args.sizes, args.seed)
    report["summary"] = table(report)
    sys.stdout.write(report["summary"] + "\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
