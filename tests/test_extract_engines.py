"""The extract stage gives the same tables whatever the engine, the worker count or the cache."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.extract import split_duplicates
from pipeline.extract.runner import ArticleCache, ExtractSettings, run_extraction, time_limit
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
    return ExtractSettings(params["nlp"]["model"], batch_size=4)


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


def test_dask_local_cluster_gives_identical_tables(raws, settings, baseline):
    pytest.importorskip("dask.distributed")
    got = tables(run_extraction(raws, settings, ArticleCache(None, settings.model), workers=2, engine="dask",
                                task_size=3))
    assert_same(baseline, got)


def test_time_limit_interrupts_a_slow_block():
    import time

    with pytest.raises(TimeoutError):
        with time_limit(0.2, "sleeping"):
            time.sleep(2)
