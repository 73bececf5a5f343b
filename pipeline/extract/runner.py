"""Running extraction over a corpus: batches, a per-article cache, worker processes, Dask, limits.

The unit of work is a batch of articles. A batch is parsed with one `nlp.pipe` call (one parse per
article) and every extractor runs on that parse. Results are memoised per article under a key of
(content hash, extraction code version, model), so adding one article to a built corpus extracts
just that article. Batches run in this process, in a pool of worker processes, or on a Dask
cluster; results are always consumed in article_id order, so the tables are identical whatever
the engine or the number of workers.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from pipeline.extract import article_row, extract_spans, layout_fields
from pipeline.ingest import RawArticle, Reject
from pipeline.extract.layout import parse_layout

log = logging.getLogger(__name__)

# What decides extraction's output: any change to these files invalidates the cache. Nothing of
# pipeline/link is here, so editing a corpus-wide rule keeps every cached article.
_CODE_FILES = ("schemas.py", "ingest.py", "nlp.py", "extract", "lexicons", "text")


@dataclass(frozen=True)
class ExtractSettings:
    model: str
    batch_size: int = 16
    timeout_seconds: float = 0  # 0: no limit


@dataclass
class ArticleResult:
    article_id: str
    rows: dict[str, list[dict]] | None  # articles row + span rows; None when rejected
    reject: Reject | None = None
    cached: bool = False


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the extraction code: part of every cache key."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for name in _CODE_FILES:
        path = root / name
        files = sorted(f for f in path.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                       and f.suffix != ".pyc") if path.is_dir() else [path]
        for f in files:
            digest.update(f.relative_to(root).as_posix().encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


class ArticleCache:
    """Per-article results on disk, keyed by content, code version and model. Safe to delete."""

    def __init__(self, directory: Path | None, model: str):
        self.directory = Path(directory) if directory else None
        self.salt = f"{code_version()}|{model}"

    def _path(self, content_sha256: str) -> Path:
        key = hashlib.sha256(f"{content_sha256}|{self.salt}".encode()).hexdigest()
        return self.directory / key[:2] / f"{key}.pkl"

    def get(self, raw: RawArticle) -> dict | None:
        if self.directory is None:
            return None
        path = self._path(raw.content_sha256)
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None

    def put(self, raw: RawArticle, value: dict) -> None:
        if self.directory is None:
            return
        path = self._path(raw.content_sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)


@contextmanager
def time_limit(seconds: float, what: str):
    """Raise TimeoutError when the block runs longer than `seconds` (main thread of a process only)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise TimeoutError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_batch(raws: list[RawArticle], settings: ExtractSettings) -> list[ArticleResult]:
    """Parse a batch once and extract every article of it. Runs in any process: loads the model itself.

    An article whose extraction fails or runs over the time limit becomes a reject; the run goes on.
    """
    from pipeline.nlp import load_model

    nlp = load_model(settings.model)
    results = []
    layouts = [parse_layout(raw.text) for raw in raws]
    for raw, layout, doc in zip(raws, layouts, nlp.pipe((r.text for r in raws), batch_size=settings.batch_size)):
        try:
            with time_limit(settings.timeout_seconds, f"extracting {raw.source_path}"):
                spans = extract_spans(doc, layout, raw.article_id)
        except TimeoutError as exc:
            results.append(ArticleResult(raw.article_id, None, Reject(
                raw.source_path, "timeout", f"{raw.source_path}: {exc} (extract.timeout_seconds)", raw.content_sha256)))
            continue
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the corpus
            log.debug("extraction failed on %s", raw.source_path, exc_info=True)
            results.append(ArticleResult(raw.article_id, None, Reject(
                raw.source_path, "extraction_error", f"{raw.source_path}: {type(exc).__name__}: {exc}",
                raw.content_sha256)))
            continue
        results.append(ArticleResult(raw.article_id, {"layout": layout_fields(layout), **spans}))
    return results


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _rows(raw: RawArticle, value: dict) -> dict[str, list[dict]]:
    return {"articles": [article_row(raw, value["layout"], raw.article_id, None)],
            **{t: value[t] for t in ("entities", "figures", "quotes")}}


def run_extraction(raws: list[RawArticle], settings: ExtractSettings, cache: ArticleCache, workers: int = 1,
                   engine: str = "local", dask_address: str | None = None, task_size: int = 64
                   ) -> Iterator[ArticleResult]:
    """Yield one result per article, in the order of `raws` (sorted by article_id by the caller)."""
    by_id = {r.article_id: r for r in raws}
    cached: dict[str, dict] = {}
    todo = []
    for raw in raws:
        value = cache.get(raw)
        if value is None:
            todo.append(raw)
        else:
            cached[raw.article_id] = value
    log.info("extract: %d articles, %d from the cache, %d to extract (engine=%s, workers=%d)",
             len(raws), len(cached), len(todo), engine, workers)
    batches = _batches(todo, task_size)
    fresh = _fresh_results(batches, settings, workers, engine, dask_address)
    pending: dict[str, ArticleResult] = {}
    for raw in raws:
        if raw.article_id in cached:
            yield ArticleResult(raw.article_id, _rows(raw, cached[raw.article_id]), cached=True)
            continue
        while raw.article_id not in pending:
            for result in next(fresh):
                pending[result.article_id] = result
        result = pending.pop(raw.article_id)
        if result.rows is not None:
            cache.put(by_id[result.article_id], result.rows)
            result.rows = _rows(raw, result.rows)
        yield result


def _fresh_results(batches, settings, workers, engine, dask_address) -> Iterator[list[ArticleResult]]:
    if not batches:
        return iter(())
    if engine == "dask":
        return _on_dask(batches, settings, workers, dask_address)
    if workers <= 1 or len(batches) == 1:
        return (extract_batch(b, settings) for b in batches)
    return _in_processes(batches, settings, workers)


def _in_processes(batches, settings, workers) -> Iterator[list[ArticleResult]]:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_batch, batches, [settings] * len(batches))


def _on_dask(batches, settings, workers, address) -> Iterator[list[ArticleResult]]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        log.info("extract: dask scheduler %s", client.scheduler.address)
        futures = client.map(extract_batch, batches, settings=settings, pure=False)
        for future in futures:  # in order: the tables do not depend on which worker finished first
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
