"""Benchmark: the whole `dvc repro` against bare spaCy parsing, side by side in one run.

    .venv/bin/python benchmarks/pipeline_speed.py --articles 300
    .venv/bin/python benchmarks/pipeline_speed.py --articles 2000 --skip-bare    # growth: one article added
    .venv/bin/python benchmarks/pipeline_speed.py --articles 10000 --skip-bare   # growth and memory at scale

It builds a corpus of real news texts (the seeds in data/raw and, when present, the raw files of
the evaluation sets in ../shared/eval, read at run time and never copied into the project); past
the number of real texts it samples and perturbs them (paragraphs shuffled and dropped, numbers
changed, a unique line added) so that every article is distinct. Then, in a scratch clone of the
committed project:

  1. bare `nlp.pipe` over the same texts, with the same model and batch size, with as many
     processes as the extract stage's workers;
  2. one `dvc repro` (as `make repro` runs it), each stage's wall time read from DVC's output, and
     the peak RSS of its process tree and of its largest process;
  3. one article added, `dvc repro` again: the incremental cost, stage by stage.

Results go to benchmarks/results/pipeline_speed.json (a DVC metric: `dvc metrics diff` shows a
regression) and a table on standard output. This is a measuring tool, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The bare parse runs nlp.pipe in batches of this size (the pipeline parses each article alone, inside
# its time and memory limits; batching measured no faster with the small CPU model).
BARE_BATCH_SIZE = 16


def real_texts() -> list[str]:
    from pipeline.ingest import decode_bytes, normalise_text

    paths = sorted((ROOT / "data" / "raw").glob("*.txt"))
    for name in ("polnear-dev", "newswire-dev", "newsquant-dev"):
        paths += sorted((ROOT.parent / "shared" / "eval" / name / "raw").glob("*.txt"))
    texts = []
    for p in paths:
        try:
            texts.append(normalise_text(decode_bytes(p.read_bytes())[0]))
        except Exception:  # noqa: BLE001 - a benchmark corpus skips what it cannot read
            continue
    return texts


def perturb(text: str, rng: random.Random, i: int) -> str:
    blocks = [b for b in text.split("\n\n") if b.strip()]
    head, body = blocks[:1], blocks[1:]
    rng.shuffle(body)
    body = [b for b in body if rng.random() > 0.15] or body[:1]
    body = [re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), b) for b in body]
    return "\n\n".join(head + body + [f"Benchmark copy {i}."]) + "\n"


def build_corpus(n: int, seed: int = 13) -> list[str]:
    real = real_texts()
    rng = random.Random(seed)
    corpus = real[:n]
    while len(corpus) < n:
        corpus.append(perturb(rng.choice(real), rng, len(corpus)))
    return corpus


class PeakRSS:
    """Samples the summed RSS of a process tree until stopped."""

    def __init__(self, pid: int):
        import psutil

        self.proc, self.peak, self.peak_single = psutil.Process(pid), 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.proc] + self.proc.children(recursive=True)
                rss = [p.memory_info().rss for p in procs]
                self.peak, self.peak_single = max(self.peak, sum(rss)), max(self.peak_single, max(rss))
            except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
                pass
            self._stop.wait(0.1)

    def stop(self):
        self._stop.set()
        self._thread.join()


STAGE_LINE = re.compile(r"Running stage '([^']+)'")


def timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, int, int, dict[str, float]]:
    """Run cmd (a whole `dvc repro`): its wall time, the peak RSS of its process tree and of its
    largest process, and each stage's seconds, from one "Running stage" line of DVC's to the next
    (the first stage's also holds DVC's start-up, the last's DVC's closing work)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = PeakRSS(proc.pid)
    lines, marks = [], []
    for line in proc.stdout:
        lines.append(line)
        found = STAGE_LINE.search(line)
        if found:
            marks.append((found.group(1), time.perf_counter()))
    proc.wait()
    end = time.perf_counter()
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{''.join(lines)[-3000:]}")
    bounds = [start] + [t for _, t in marks[1:]] + [end]
    stages = {name: round(bounds[i + 1] - bounds[i], 2) for i, (name, _) in enumerate(marks)}
    return end - start, sampler.peak, sampler.peak_single, stages


def bare_parse_seconds(texts: list[str], model: str, batch_size: int, processes: int) -> float:
    """Bare nlp.pipe over the texts with as many processes as the extract stage uses: the honest
    comparison (two workers against one process overstated the pipeline's speed)."""
    from pipeline.nlp import load_model

    nlp = load_model(model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start


def scratch_project(workdir: Path, texts: list[str], params: dict) -> Path:
    import yaml

    proj = workdir / "project"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(proj)], check=True)
    os.symlink(ROOT / ".venv", proj / ".venv")
    raw = proj / "data" / "raw"
    shutil.rmtree(raw)
    raw.mkdir(parents=True)
    for i, t in enumerate(texts):
        (raw / f"article_{i:06d}.txt").write_text(t, encoding="utf-8")
    p = yaml.safe_load((proj / "params.yaml").read_text())
    for key, value in params.items():
        section, name = key.split(".")
        p[section][name] = value
    (proj / "params.yaml").write_text(yaml.safe_dump(p, sort_keys=False))
    return proj


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--workers", type=int, default=None, help="extract.workers (default: params.yaml)")
    ap.add_argument("--skip-bare", action="store_true", help="do not time bare nlp.pipe (large corpora)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "pipeline_speed.json")
    ap.add_argument("--keep", action="store_true", help="keep the scratch project")
    args = ap.parse_args(argv)

    import yaml

    params = yaml.safe_load((ROOT / "params.yaml").read_text())
    model, batch = params["nlp"]["model"], BARE_BATCH_SIZE
    texts = build_corpus(args.articles)
    overrides = {"ingest.on_bad_file": "quarantine"}
    if args.workers:
        overrides["extract.workers"] = args.workers
    workers = args.workers or params["extract"]["workers"]
    load_before = [round(x, 2) for x in os.getloadavg()]
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        proj = scratch_project(workdir, texts, overrides)
        env = {**os.environ, "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}", "CI": "1",
               "PYTHONUNBUFFERED": "1"}  # DVC's "Running stage" lines timed as they come
        dvc = str(ROOT / ".venv" / "bin" / "dvc")
        # One `dvc repro`, as `make repro` runs it: DVC starts once, as in a real build.
        full, peak, peak_single, stage_s = timed([dvc, "repro"], proj, env)
        (proj / "data" / "raw" / "zz_added.txt").write_text(perturb(texts[0], random.Random(99), -1), encoding="utf-8")
        incremental, _, inc_single, inc_stage_s = timed([dvc, "repro"], proj, env)
        bare = None if args.skip_bare else bare_parse_seconds(texts, model, batch, workers)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    n = len(texts)
    result = {
        "articles": n, "extract_workers": workers, "cpu_count": os.cpu_count(),
        "pipeline_seconds": round(full, 2), "pipeline_articles_per_second": round(n / full, 2),
        "stage_seconds": stage_s,
        "peak_rss_mb": round(peak / 2**20), "peak_rss_single_process_mb": round(peak_single / 2**20),
        "incremental_seconds": round(incremental, 2), "incremental_share": round(incremental / full, 3),
        "incremental_stage_seconds": inc_stage_s, "incremental_peak_rss_single_process_mb": round(inc_single / 2**20),
        "load_average_before": load_before, "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "bare_processes": workers,
    }
    if bare is not None:
        result |= {"bare_nlp_pipe_seconds": round(bare, 2), "bare_articles_per_second": round(n / bare, 2),
                   "bare_over_pipeline": round(bare / full, 3)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    previous[f"n{n}"] = result
    args.out.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")

    rows = [("articles", n), ("extract workers / cores", f"{workers} / {os.cpu_count()}"),
            ("whole dvc repro", f"{full:.1f} s  ({n / full:.1f} articles/s)")]
    if bare is not None:
        rows += [(f"bare nlp.pipe, same texts, {workers} processes", f"{bare:.1f} s  ({n / bare:.1f} articles/s)"),
                 ("bare / pipeline", f"{bare / full:.2f}")]
    rows += [(f"  stage {s}", f"{t:.1f} s") for s, t in stage_s.items()]
    rows += [(f"  one article added: stage {s}", f"{t:.1f} s") for s, t in inc_stage_s.items()]
    rows += [("peak RSS, process tree", f"{peak / 2**20:.0f} MB"),
             ("peak RSS, largest process", f"{peak_single / 2**20:.0f} MB"),
             ("one article added, dvc repro", f"{incremental:.1f} s  ({incremental / full:.1%} of the full build)"),
             ("load average before / after", f"{load_before} / {result['load_average_after']}")]
    width = max(len(k) for k, _ in rows)
    print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
