"""The extract stage gives the same tables whatever the engine, the worker count or the cache."""
from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.extract import split_duplicates
from pipeline.extract.runner import ArticleCache, ExtractSettings, extract_batch, run_extraction, time_limit
from pipeline.ingest import RawArticle, content_sha256


@pytest.fixture(scope="module")
def raws(seed_texts):
    arts = [RawArticle(f"data/raw/{name}", text, "utf-8", content_sha256(text)) for name, text in seed_texts.items()]
    # a few more articles so that work is split over several tasks
    arts += [RawArticle(f"data/raw/extra{i}.txt", f"Extra Story {i}\n\nBy Jane Doe\n\nThe council approved "
                        f"{i + 2} new schools on Monday, officials said.", "utf-8", "")
             for i in range(6)]
    arts = [RawArticle(a.source_path, a.text, a.encoding, content_sha256(a.text)) for a in arts]
    return split_duplicates(arts)[0]


@pytest.fixture(scope="module")
def settings(params):
    return ExtractSettings(params["nlp"]["model"])


def tables(results) -> dict[str, pd.DataFrame]:
    rows: dict[str, list] = {}
    for r in results:
        assert r.reject is None, r.reject
        for table, table_rows in r.rows.items():
            rows.setdefault(table, []).extend(table_rows)
    return {t: pd.DataFrame(v) for t, v in rows.items()}


@pytest.fixture(scope="module")
def baseline(raws, settings):
    return tables(run_extraction(raws, settings, ArticleCache(None, settings.model), workers=1))


def assert_same(a, b):
    assert a.keys() == b.keys()
    for t in a:
        pd.testing.assert_frame_equal(a[t], b[t], obj=t)


def test_results_follow_article_id_order(baseline, raws):
    assert list(baseline["articles"].article_id) == [r.article_id for r in raws]
    assert len(baseline["entities"]) > 50 and len(baseline["figures"]) > 5


def test_worker_processes_give_identical_tables(raws, settings, baseline):
    got = tables(run_extraction(raws, settings, ArticleCache(None, settings.model), workers=2, task_size=3))
    assert_same(baseline, got)


def test_cache_gives_identical_tables_and_is_used(raws, settings, baseline, tmp_path):
    cache = ArticleCache(tmp_path, settings.model)
    first = list(run_extraction(raws, settings, cache))
    second = list(run_extraction(raws, settings, cache))
    assert not any(r.cached for r in first) and all(r.cached for r in second)
    assert_same(baseline, tables(second))


def test_cache_key_changes_with_the_model(raws, settings, tmp_path):
    list(run_extraction(raws[:1], settings, ArticleCache(tmp_path, settings.model)))
    assert ArticleCache(tmp_path, "another_model").get(raws[0]) is None
    assert ArticleCache(tmp_path, settings.model).get(raws[0]) is not None


# ~40,000 words: seconds of parsing on any machine, cut short at the 1 s limit
LONG_TEXT = "Long Story\n\n" + "\n\n".join(["The council met in the evening and its members talked about roads. " * 10]
                                             * 400)


def _timeout_case(raws):
    """Two ordinary articles and one whose parse alone takes seconds on any machine."""
    long = RawArticle("data/raw/long.txt", LONG_TEXT, "utf-8", content_sha256(LONG_TEXT))
    return sorted(raws[:2] + [long], key=lambda r: r.article_id), long


def _outcomes(results):
    return {r.article_id: (r.reject.reason if r.reject else "ok") for r in results}


def test_dask_local_cluster_gives_identical_tables_and_the_same_timeouts(raws, settings, baseline):
    """The engines agree, timeouts included: the limit holds in a Dask worker's thread as in a process."""
    pytest.importorskip("dask.distributed")
    got = tables(run_extraction(raws, settings, ArticleCache(None, settings.model), workers=2, engine="dask",
                                task_size=3))
    assert_same(baseline, got)

    case, long = _timeout_case(raws)
    limited = ExtractSettings(settings.model, timeout_seconds=1.0)
    started = time.monotonic()
    local = _outcomes(run_extraction(case, limited, ArticleCache(None, settings.model), workers=1))
    local_seconds = time.monotonic() - started
    dask = _outcomes(run_extraction(case, limited, ArticleCache(None, settings.model), workers=1, engine="dask"))
    assert local == dask
    assert local[long.article_id] == "timeout" and list(local.values()).count("ok") == 2
    assert local_seconds < 15  # the long parse was cut short, not waited out


def test_time_limit_covers_the_parse(raws, settings, monkeypatch):
    """A parse that runs over the limit is a timeout reject, though no extractor ran late."""
    import pipeline.nlp

    real = pipeline.nlp.load_model(settings.model)

    def slow_nlp(text):
        if "Extra Story 1" in text:
            end = time.monotonic() + 5
            while time.monotonic() < end:
                pass
        return real(text)

    monkeypatch.setattr(pipeline.nlp, "load_model", lambda name: slow_nlp)
    limited = ExtractSettings(settings.model, timeout_seconds=0.5)
    results = extract_batch(_extras(raws, 0, 1, 2), limited)
    slow = [r for r in results if r.reject]
    assert len(slow) == 1 and slow[0].reject.reason == "timeout" and "1" in slow[0].reject.source_path
    assert "extract.timeout_seconds" in slow[0].reject.detail
    assert sum(r.reject is None for r in results) == 2


def test_memory_limit_rejects_an_article_that_grows_the_process(raws, settings, monkeypatch):
    import pipeline.nlp

    real = pipeline.nlp.load_model(settings.model)

    def hungry_nlp(text):
        if "Extra Story 2" in text:
            hoard = [bytearray(2**20) for _ in range(400)]  # 400 MB, held while the parse goes on
            end = time.monotonic() + 2
            while time.monotonic() < end:
                pass
            del hoard
        return real(text)

    monkeypatch.setattr(pipeline.nlp, "load_model", lambda name: hungry_nlp)
    limited = ExtractSettings(settings.model, max_memory_mb=150)
    results = extract_batch(_extras(raws, 0, 1, 2), limited)
    rejected = [r.reject for r in results if r.reject]
    assert [(r.reason, "2" in r.source_path) for r in rejected] == [("too_large", True)]
    assert "extract.max_memory_mb" in rejected[0].detail


def _extras(raws, *numbers):
    return [r for r in raws if any(r.text.startswith(f"Extra Story {i}\n") for i in numbers)]


def _entry_path(cache, raw):
    return cache._path(raw.content_sha256)


class _Boom:
    """A pickle that creates a file when loaded: proof that a cache read ran code."""
    def __init__(self, target: Path):
        self.target = str(target)

    def __reduce__(self):
        return (open, (self.target, "w"))


@pytest.mark.parametrize("entry", ["pickle", "truncated", "not_json", "list", "wrong_key", "missing_table",
                                   "wrong_types", "extra_column", "deep_nesting", "bool_for_int",
                                   "number_in_alias_list", "list_for_text", "row_not_a_dict"])
def test_a_bad_cache_entry_is_a_miss_never_code_or_a_traceback(raws, settings, tmp_path, entry):
    import json
    import pickle

    cache = ArticleCache(tmp_path, settings.model)
    raw = raws[0]
    first = list(run_extraction([raw], settings, cache))
    path = _entry_path(cache, raw)
    good = json.loads(path.read_text(encoding="utf-8"))
    assert good["value"]["entities"], "the entry is plain JSON holding the rows"
    value = good["value"]
    bad = {
        "pickle": lambda: pickle.dumps(_Boom(tmp_path / "pwned")),
        "truncated": lambda: path.read_bytes()[: len(path.read_bytes()) // 2],
        "not_json": lambda: b"\x80\x04 not json",
        "list": lambda: json.dumps([1, 2, 3]).encode(),
        "wrong_key": lambda: json.dumps(good | {"key": "0" * 64}).encode(),
        "missing_table": lambda: json.dumps(good | {"value": {k: v for k, v in value.items() if k != "quotes"}},
                                            default=str).encode(),
        "wrong_types": lambda: json.dumps(good | {"value": value | {"entities": [
            value["entities"][0] | {"start": "zero"}]}}, default=str).encode(),
        "extra_column": lambda: json.dumps(good | {"value": value | {"figures": [{"evil": 1}]}},
                                           default=str).encode(),
        "deep_nesting": lambda: b"[" * 100_000 + b"]" * 100_000,
        "bool_for_int": lambda: json.dumps(good | {"value": value | {"entities": [
            value["entities"][0] | {"end": True}]}}, default=str).encode(),
        "number_in_alias_list": lambda: json.dumps(good | {"value": value | {"entities": [
            value["entities"][0] | {"aliases": ["Ann", 3]}]}}, default=str).encode(),
        "list_for_text": lambda: json.dumps(good | {"value": value | {"entities": value["entities"][:1] + [
            value["entities"][0] | {"text": ["Ann"]}]}}, default=str).encode(),
        "row_not_a_dict": lambda: json.dumps(good | {"value": value | {"figures": [[1, 2]]}}, default=str).encode(),
    }[entry]()
    path.write_bytes(bad)
    assert cache.get(raw) is None
    again = list(run_extraction([raw], settings, cache))
    assert not again[0].cached and again[0].rows == first[0].rows
    assert not (tmp_path / "pwned").exists()
    assert cache.get(raw) is not None  # rewritten whole


def test_time_limit_interrupts_a_slow_block():
    with pytest.raises(TimeoutError):
        with time_limit(0.2, "sleeping"):
            time.sleep(2)


def test_time_limit_interrupts_a_worker_thread():
    """Dask runs tasks in threads, where SIGALRM cannot reach: the limit still holds there."""
    import threading

    outcome = {}

    def work():
        started = time.monotonic()
        try:
            with time_limit(0.3, "spinning"):
                while time.monotonic() - started < 5:
                    pass
        except TimeoutError:
            outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome and outcome["seconds"] < 2


@pytest.mark.parametrize("articles, workers, size", [
    (1, 2, 1), (16, 2, 1), (17, 2, 2), (300, 2, 19), (300, 1, 38), (2000, 2, 64), (100_000, 8, 64), (0, 2, 1)])
def test_tasks_are_small_enough_to_keep_every_worker_busy(articles, workers, size):
    from pipeline.extract.runner import balanced_task_size

    assert balanced_task_size(articles, workers) == size
