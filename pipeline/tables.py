"""Reading and writing tables: explicit schemas, stable row order, file metadata, atomic writes.

A table is written to a temporary file beside its target and renamed into place, so a crash never
leaves a half-written file under the final name.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.schemas import SCHEMA_VERSION, SORT_KEYS, TABLES

log = logging.getLogger(__name__)


def interim_schema(table: str) -> pa.Schema:
    """The table's schema with every column nullable: extract writes columns that link fills later."""
    schema = TABLES[table]
    return pa.schema([f.with_nullable(True) for f in schema], metadata=schema.metadata)


def to_arrow(table: str, df: pd.DataFrame, interim: bool = False) -> pa.Table:
    """Cast a DataFrame to the table's schema, in its stable sort order (extra columns are an error)."""
    schema = interim_schema(table) if interim else TABLES[table]
    extra = set(df.columns) - set(schema.names)
    if extra:
        raise ValueError(f"{table}: columns not in the schema: {sorted(extra)}")
    df = df.copy()
    for name in schema.names:
        if name not in df.columns:
            df[name] = None
    if len(df):
        df = df.sort_values(SORT_KEYS[table], kind="mergesort").reset_index(drop=True)
    return pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)


def file_metadata(params_digest: str, dataset_version: str) -> dict[bytes, bytes]:
    return {
        b"news_pipeline": json.dumps({
            "dataset_version": dataset_version,
            "schema_version": SCHEMA_VERSION,
            "pipeline_version": __version__,
            "params_hash": params_digest,
        }, sort_keys=True).encode(),
    }


def write_table(table: str, df: pd.DataFrame, path: Path, params_digest: str, dataset_version: str,
                interim: bool = False) -> None:
    arrow = to_arrow(table, df, interim=interim)
    meta = dict(arrow.schema.metadata or {})
    meta.update(file_metadata(params_digest, dataset_version))
    arrow = arrow.replace_schema_metadata(meta)
    write_atomic(path, lambda tmp: pq.write_table(arrow, tmp, compression="zstd"))
    log.info("wrote %s: %d rows -> %s", table, arrow.num_rows, path)


def write_atomic(path: Path, writer) -> None:
    """Call writer(tmp_path) then rename tmp_path onto path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        writer(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, obj: Any) -> None:
    text = json.dumps(obj, indent=2, sort_keys=True, default=str, ensure_ascii=False) + "\n"
    write_atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def read_table(table: str, directory: Path, interim: bool = False) -> pd.DataFrame:
    path = Path(directory) / f"{table}.parquet"
    schema = interim_schema(table) if interim else TABLES[table]
    return pq.read_table(path, schema=schema).to_pandas()


def read_file_metadata(path: Path) -> dict[str, Any]:
    meta = pq.read_schema(path).metadata or {}
    return json.loads(meta.get(b"news_pipeline", b"{}"))


def replace_directory(src: Path, dst: Path) -> None:
    """Swap a fully written directory into place: readers see the old tables or the new, never a mix
    of half-written files."""
    dst = Path(dst)
    old = dst.with_name(f".{dst.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if dst.exists():
        os.replace(dst, old)
    os.replace(src, dst)
    shutil.rmtree(old, ignore_errors=True)


class TableStreamWriter:
    """Write a table in row groups as rows arrive, into a temporary file renamed into place on
    commit(): memory stays bounded by one row group, and a crash leaves no half-written table."""

    def __init__(self, table: str, path: Path, params_digest: str, dataset_version: str,
                 interim: bool = False, rows_per_group: int = 20_000):
        self.table, self.path, self.interim = table, Path(path), interim
        self.rows_per_group = rows_per_group
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        schema = interim_schema(table) if interim else TABLES[table]
        meta = dict(schema.metadata or {})
        meta.update(file_metadata(params_digest, dataset_version))
        self.schema = schema.with_metadata(meta)
        self.writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        self.buffer: list[dict] = []
        self.n_rows = 0

    def write_rows(self, rows: list[dict]) -> None:
        self.buffer.extend(rows)
        if len(self.buffer) >= self.rows_per_group:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        df = pd.DataFrame(self.buffer)
        self.buffer = []
        arrow = to_arrow(self.table, df, interim=self.interim).replace_schema_metadata(self.schema.metadata)
        self.writer.write_table(arrow)
        self.n_rows += arrow.num_rows

    def commit(self) -> int:
        self.flush()
        self.writer.close()
        os.replace(self.tmp, self.path)
        log.info("wrote %s: %d rows -> %s", self.table, self.n_rows, self.path)
        return self.n_rows

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            Path(self.tmp).unlink(missing_ok=True)
