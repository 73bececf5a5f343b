"""Running extraction over a corpus: batches, a per-article cache, worker processes, Dask, limits.

The unit of work is a batch of articles. A batch is parsed with one `nlp.pipe` call (one parse per
article) and every extractor runs on that parse. Results are memoised per article under a key of
(content hash, extraction code version, model), so adding one article to a built corpus extracts
just that article. Batches run in this process, in a pool of worker processes, or on a Dask
cluster; results are always consumed in article_id order, so the tables are identical whatever
the engine or the number of workers.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import pyarrow as pa

from pipeline.extract import LAYOUT_FIELDS, SPAN_TABLES, article_row, extract_spans, layout_fields
from pipeline.extract.limits import ArticleTimeout, ArticleTooBig, article_limits, time_limit  # noqa: F401
from pipeline.codeversion import source_digest
from pipeline.ingest import RawArticle, Reject
from pipeline.extract.layout import parse_layout
from pipeline.schemas import TABLES

log = logging.getLogger(__name__)

# What decides extraction's output: any change to these files invalidates the cache. Nothing of
# pipeline/link is here, so editing a corpus-wide rule keeps every cached article.
_CODE_FILES = ("schemas.py", "ingest.py", "nlp.py", "extract", "lexicons", "text")


@dataclass(frozen=True)
class ExtractSettings:
    model: str
    timeout_seconds: float = 0  # per article, parse and extraction together; 0: no limit
    max_memory_mb: int = 0      # per article, growth of the process's resident memory; 0: no limit

    @classmethod
    def from_params(cls, params: dict) -> "ExtractSettings":
        extract = params["extract"]
        return cls(params["nlp"]["model"], float(extract["timeout_seconds"]),
                   int(extract.get("max_memory_mb") or 0))


@dataclass
class ArticleResult:
    article_id: str
    rows: dict[str, list[dict]] | None  # articles row + span rows; None when rejected
    reject: Reject | None = None
    cached: bool = False


def code_version() -> str:
    """A hash of the extraction code: part of every cache key."""
    return source_digest(_CODE_FILES)


CACHE_FORMAT = 1


def _encode(v):
    if isinstance(v, dt.date):
        return {"$date": v.isoformat()}
    raise TypeError(f"not cacheable: {type(v).__name__}")


def _decode(obj: dict):
    if obj.keys() == {"$date"}:
        return dt.date.fromisoformat(obj["$date"])
    return obj


def _fits(arrow_type: pa.DataType, v) -> bool:
    if v is None:
        return True
    if pa.types.is_integer(arrow_type):
        return isinstance(v, int) and not isinstance(v, bool)
    if pa.types.is_floating(arrow_type):
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if pa.types.is_boolean(arrow_type):
        return isinstance(v, bool)
    if pa.types.is_date(arrow_type):
        return isinstance(v, dt.date)
    if pa.types.is_list(arrow_type):
        return isinstance(v, list) and all(_fits(arrow_type.value_type, x) for x in v)
    return isinstance(v, str)


def _allowed_types(arrow_type: pa.DataType) -> frozenset:
    """The exact Python types (as json.loads and _decode make them) that _fits accepts for a value."""
    if pa.types.is_integer(arrow_type):
        return frozenset({int, type(None)})
    if pa.types.is_floating(arrow_type):
        return frozenset({int, float, type(None)})
    if pa.types.is_boolean(arrow_type):
        return frozenset({bool, type(None)})
    if pa.types.is_date(arrow_type):
        return frozenset({dt.date, type(None)})
    if pa.types.is_list(arrow_type):
        return frozenset({list, type(None)})
    return frozenset({str, type(None)})


@lru_cache(maxsize=None)
def _column_types(table: str) -> tuple[frozenset, dict[str, frozenset], dict[str, frozenset]]:
    schema = TABLES[table]
    lists = {f.name: _allowed_types(f.type.value_type) for f in schema if pa.types.is_list(f.type)}
    return frozenset(schema.names), {f.name: _allowed_types(f.type) for f in schema}, lists


def _rows_fit(table: str, rows) -> bool:
    """Every row a dict of the table's columns, every value of a type its column takes. Checked a
    column at a time over sets of types (a cache read checks every row of the corpus: a per-value
    check was most of an incremental build's extract stage)."""
    if not isinstance(rows, list) or not all(type(row) is dict for row in rows):
        return False
    names, allowed, lists = _column_types(table)
    if not all(row.keys() <= names for row in rows):
        return False
    for name in set().union(*(row.keys() for row in rows)) if rows else ():
        values = [row[name] for row in rows if name in row]
        if not {type(v) for v in values} <= allowed[name]:
            return False
        if name in lists and not {type(x) for v in values if v is not None for x in v} <= lists[name]:
            return False
    return True


def valid_entry(value) -> bool:
    """Is a decoded cache entry exactly the shape extraction produces? Anything else is a miss."""
    if not isinstance(value, dict) or set(value) != {"layout", *SPAN_TABLES}:
        return False
    layout = value["layout"]
    if not isinstance(layout, dict) or set(layout) != set(LAYOUT_FIELDS):
        return False
    articles = TABLES["articles"]
    if not all(_fits(articles.field(k).type, v) for k, v in layout.items()):
        return False
    return all(_rows_fit(t, value[t]) for t in SPAN_TABLES)


class ArticleCache:
    """Per-article results on disk as JSON, keyed by content, code version and model. Safe to delete.

    Data only (never pickle): an entry is checked on read, and a malformed, foreign or wrong-shaped
    one is a cache miss, so a crafted file can neither run code nor crash the build."""

    def __init__(self, directory: Path | None, model: str):
        self.directory = Path(directory) if directory else None
        self.salt = f"{code_version()}|{model}"

    def _key(self, content_sha256: str) -> str:
        return hashlib.sha256(f"{content_sha256}|{self.salt}".encode()).hexdigest()

    def _path(self, content_sha256: str) -> Path:
        key = self._key(content_sha256)
        return self.directory / key[:2] / f"{key}.json"

    def get(self, raw: RawArticle) -> dict | None:
        if self.directory is None:
            return None
        path = self._path(raw.content_sha256)
        try:
            entry = json.loads(path.read_bytes(), object_hook=_decode)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, RecursionError) as exc:
            log.warning("cache: ignoring unreadable entry %s (%s)", path, type(exc).__name__)
            return None
        if not (isinstance(entry, dict) and entry.get("format") == CACHE_FORMAT
                and entry.get("key") == self._key(raw.content_sha256) and valid_entry(entry.get("value"))):
            log.warning("cache: ignoring malformed entry %s", path)
            return None
        value = entry["value"]
        value["layout"] = {k: value["layout"][k] for k in LAYOUT_FIELDS}  # the column order of a fresh result
        return value

    def put(self, raw: RawArticle, value: dict) -> None:
        if self.directory is None:
            return
        path = self._path(raw.content_sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        blob = json.dumps({"format": CACHE_FORMAT, "key": self._key(raw.content_sha256), "value": value},
                          default=_encode, ensure_ascii=False)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(blob, encoding="utf-8")
        os.replace(tmp, path)


def extract_batch(raws: list[RawArticle], settings: ExtractSettings) -> list[ArticleResult]:
    """Lay out, parse and extract each article of a batch. Runs in any process or thread: loads the
    model itself.

    Each article is parsed on its own, inside its limits: timeout_seconds and max_memory_mb cover the
    layout, the spaCy parse and every extractor together, wherever this runs (main thread, worker
    process, Dask worker thread), so every engine rejects the same articles. Batching the parse buys
    nothing measurable with the small CPU model, and would put one article's parse outside its limit.
    An article that fails or runs over a limit becomes a reject; the run goes on.
    """
    from pipeline.nlp import load_model

    nlp = load_model(settings.model)
    results = []
    for raw in raws:
        try:
            with article_limits(settings.timeout_seconds, settings.max_memory_mb, raw.source_path):
                layout = parse_layout(raw.text)
                spans = extract_spans(nlp(raw.text), layout, raw.article_id)
                value = {"layout": layout_fields(layout), **spans}
        except ArticleTimeout as exc:
            results.append(ArticleResult(raw.article_id, None, Reject(
                raw.source_path, "timeout", f"{raw.source_path}: {exc} (extract.timeout_seconds)", raw.content_sha256)))
            continue
        except ArticleTooBig as exc:
            results.append(ArticleResult(raw.article_id, None, Reject(
                raw.source_path, "too_large", f"{raw.source_path}: {exc} (extract.max_memory_mb)", raw.content_sha256)))
            continue
        except Exception as exc:  # noqa: BLE001 - one article's failure must not stop the corpus
            log.debug("extraction failed on %s", raw.source_path, exc_info=True)
            results.append(ArticleResult(raw.article_id, None, Reject(
                raw.source_path, "extraction_error", f"{raw.source_path}: {type(exc).__name__}: {exc}",
                raw.content_sha256)))
            continue
        results.append(ArticleResult(raw.article_id, value))
    return results


MAX_TASK_SIZE = 64
TASKS_PER_WORKER = 8


def balanced_task_size(n_articles: int, workers: int) -> int:
    """Articles per task: at least TASKS_PER_WORKER tasks a worker, so that the last tasks leave no
    worker idle for long (300 articles in tasks of 64 on 2 workers kept one core idle for a fifth of
    the stage), and at most MAX_TASK_SIZE, so that a large corpus is not cut into tiny tasks."""
    return max(1, min(MAX_TASK_SIZE, -(-n_articles // (max(workers, 1) * TASKS_PER_WORKER))))


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _rows(raw: RawArticle, value: dict) -> dict[str, list[dict]]:
    return {"articles": [article_row(raw, value["layout"], raw.article_id, None)],
            **{t: value[t] for t in ("entities", "figures", "quotes")}}


def article_frames(raw: RawArticle, value: dict) -> dict:
    """One article's extracted rows as DataFrames by table (what the check command validates)."""
    import pandas as pd

    from pipeline.schemas import empty_frame

    return {t: pd.DataFrame(r) if r else empty_frame(t) for t, r in _rows(raw, value).items()}


def run_extraction(raws: list[RawArticle], settings: ExtractSettings, cache: ArticleCache, workers: int = 1,
                   engine: str = "local", dask_address: str | None = None, task_size: int | None = None
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
    batches = _batches(todo, task_size or balanced_task_size(len(todo), workers))
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


def check_dask_address(address: str | None, timeout: float = 5.0) -> None:
    """Fail in one line, before any work, when a configured scheduler cannot be reached."""
    if not address:
        return
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address)
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return  # other transports: left to dask.distributed
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=timeout):
            pass
    except OSError as exc:
        raise SystemExit(f"extract: cannot reach the Dask scheduler at {address} (extract.dask_address): "
                         f"{exc.strerror or exc}") from None


def _on_dask(batches, settings, workers, address) -> Iterator[list[ArticleResult]]:
    from dask.distributed import Client, LocalCluster

    cluster = None
    if address:
        try:
            client = Client(address, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise SystemExit(f"extract: cannot reach the Dask scheduler at {address} "
                             f"(extract.dask_address): {exc}") from None
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
