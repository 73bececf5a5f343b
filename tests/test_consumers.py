"""What a consumer of the dataset sees: datapackage.json, the data card, loading at a revision."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.quality.datacard import datapackage, frictionless_type
from pipeline.schemas import TABLES, column_descriptions

ROOT = Path(__file__).resolve().parents[1]


def test_every_column_has_a_description():
    for table in TABLES:
        for name, desc in column_descriptions(table).items():
            assert len(desc) > 10, (table, name)


def test_datapackage_lists_every_table_and_column_with_keys():
    pkg = datapackage({t: 1 for t in TABLES}, {"params_hash": "x", "raw_files": {}}, "1.2.3", "CC-BY-4.0")
    assert pkg["version"] == "1.2.3" and pkg["licenses"] == [{"name": "CC-BY-4.0"}]
    assert {"params_hash", "pipeline_version", "schema_version", "raw_files"} <= set(pkg["provenance"])
    by_name = {r["name"]: r for r in pkg["resources"]}
    assert set(by_name) == set(TABLES)
    for table, schema in TABLES.items():
        fields = by_name[table]["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names
        assert all(f["description"] and f["type"] in {"string", "integer", "number", "boolean", "date", "array"}
                   for f in fields)
        assert by_name[table]["schema"]["primaryKey"]
    assert {"fields": "article_id", "reference": {"resource": "articles", "fields": "article_id"}} in \
        by_name["quotes"]["schema"]["foreignKeys"]


@pytest.fixture
def published(seed_tables):
    return seed_tables


def test_publish_writes_datapackage_and_data_card(published):
    pkg = json.loads((published / "datapackage.json").read_text())
    rows = {r["name"]: r["rows"] for r in pkg["resources"]}
    assert rows["articles"] == len(pd.read_parquet(published / "articles.parquet")) == 5
    assert len(pkg["provenance"]["raw_files"]) == 5
    card = (published / "README.md").read_text()
    for must in ("## Tables", "## Offsets", "## Ranges of vague amounts", "## Known limitations", "`quotes`"):
        assert must in card
    assert "a few dozen" in card or "dozen" in card


def test_readme_snippets_for_duckdb_and_polars(published):
    import duckdb
    import polars as pl

    n = duckdb.sql(f"select count(*) from '{published / 'articles.parquet'}'").fetchall()[0][0]
    assert n == 5
    figures = pl.read_parquet(published / "figures.parquet")
    assert figures.height == len(pd.read_parquet(published / "figures.parquet")) and "counted" in figures.columns


def test_load_at_a_git_revision(tmp_path):
    """pipeline.load(rev=...) reads the version a commit's dvc.lock describes, not the working tree."""
    import pipeline

    repo = tmp_path / "repo"
    (repo / "data" / "processed").mkdir(parents=True)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "DVC_NO_ANALYTICS": "1"}
    sh = lambda *cmd: subprocess.run(cmd, cwd=repo, check=True, capture_output=True, env=env)  # noqa: E731
    sh("git", "init", "-q")
    sh("git", "config", "user.email", "t@example.com")
    sh("git", "config", "user.name", "t")
    sh(sys.executable, "-m", "dvc", "init", "-q")
    sh(sys.executable, "-m", "dvc", "config", "core.analytics", "false")

    def publish(n):
        pd.DataFrame({"quote_id": [f"q{i}" for i in range(n)]}).to_parquet(repo / "data/processed/quotes.parquet")
        sh(sys.executable, "-m", "dvc", "add", "-q", "data/processed")
        sh("git", "add", "-A")
        sh("git", "commit", "-qm", f"{n} quotes")

    publish(2)
    sh("git", "tag", "v1")
    publish(3)
    assert len(pipeline.load("quotes", rev="v1", repo=repo)) == 2
    assert len(pipeline.load("quotes", rev="HEAD", repo=repo)) == 3
    assert len(pipeline.load("quotes", repo=repo)) == 3
    with pytest.raises(ValueError):
        pipeline.load("nonsense", repo=repo)


def test_frictionless_types():
    import pyarrow as pa

    assert [frictionless_type(t) for t in (pa.int64(), pa.float64(), pa.bool_(), pa.date32(), pa.list_(pa.string()),
                                           pa.string())] == ["integer", "number", "boolean", "date", "array", "string"]
