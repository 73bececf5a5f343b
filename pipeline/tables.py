"""Reading and writing tables: explicit schemas, stable row order, file metadata, atomic writes.

A table is written to a temporary file beside its target and renamed into place, so a crash never
leaves a half-written file under the final name.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import shutil
import sys
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _open_mode(path) -> None:
    """mkstemp creates files 0600: give them the mode a plain open() would (0666 less the umask)."""
    os.chmod(path, 0o666 & ~_umask())


def write_atomic(path: Path, writer) -> None:
    """Call writer(tmp_path) then rename tmp_path onto path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        writer(tmp)
        _open_mode(tmp)
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


def read_table_bytes(table: str, directory: Path) -> tuple[pd.DataFrame, bytes, str]:
    """(frame, file bytes, sha256 of those bytes): the frame is parsed from exactly the bytes hashed,
    so a report or a publish bound to the hash is bound to what was read, whatever changes on disk."""
    data = (Path(directory) / f"{table}.parquet").read_bytes()
    frame = pq.read_table(pa.BufferReader(data), schema=TABLES[table]).to_pandas()
    return frame, data, hashlib.sha256(data).hexdigest()


def read_file_metadata(path: Path) -> dict[str, Any]:
    meta = pq.read_schema(path).metadata or {}
    return json.loads(meta.get(b"news_pipeline", b"{}"))


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE). False when the
    system cannot, so the caller falls back to two renames."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    log.debug("renameat2(RENAME_EXCHANGE) failed: %s", os.strerror(ctypes.get_errno()))
    return False


def _old_copy(dst: Path) -> Path:
    return dst.with_name(f".{dst.name}.old")


def staging_prefix(dst: Path) -> str:
    """Temporary directories beside dst are named prefix + pid + random; git ignores them."""
    return f".{Path(dst).name}.staging-"


def make_staging_dir(dst: Path) -> Path:
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{staging_prefix(dst)}{os.getpid()}-", dir=dst.parent))
    os.chmod(staging, 0o755)
    return staging


def _writer_alive(pid: int, last_change: float) -> bool:
    """Whether the process that made a staging directory still runs. A killed process stays a zombie
    until its parent reaps it, and an orphan's new parent (a container's init) may never do so; and a
    pid can be handed to a later process. Neither is the writer: a zombie is dead, and a process that
    started after the directory last changed did not write it (1 s allows for clock granularity)."""
    import psutil

    try:
        proc = psutil.Process(pid)
        return proc.status() != psutil.STATUS_ZOMBIE and proc.create_time() <= last_change + 1.0
    except psutil.AccessDenied:
        return True  # somebody else's live process
    except psutil.Error:  # NoSuchProcess, ZombieProcess
        return False


def recover_directory(dst: Path) -> None:
    """Undo what a killed replace_directory may have left: put the old copy back when dst is missing,
    and delete staging directories whose process is gone. Run before each publish."""
    dst = Path(dst)
    old = _old_copy(dst)
    if not dst.exists() and old.is_dir():
        log.warning("recovery: %s was missing after an interrupted publish; restored the previous tables", dst)
        os.replace(old, dst)
    shutil.rmtree(old, ignore_errors=True)
    prefix = staging_prefix(dst)
    for leftover in dst.parent.glob(prefix + "*") if dst.parent.is_dir() else []:
        pid = leftover.name[len(prefix):].split("-")[0]
        try:
            last_change = leftover.stat().st_mtime
        except OSError:
            continue  # gone meanwhile
        if pid.isdigit() and int(pid) != os.getpid() and _writer_alive(int(pid), last_change):
            continue  # another publish at work
        log.info("recovery: removing %s left by an interrupted publish", leftover)
        shutil.rmtree(leftover, ignore_errors=True)


def replace_directory(src: Path, dst: Path) -> None:
    """Swap a fully written directory into place: readers see the old tables or the new, never a mix,
    and never no directory. On Linux the swap is one atomic exchange; elsewhere two renames, and
    recover_directory restores the old copy if a kill falls between them."""
    src, dst = Path(src), Path(dst)
    if dst.exists() and _exchange(src, dst):
        shutil.rmtree(src, ignore_errors=True)  # src now holds the previous tables
        return
    old = _old_copy(dst)
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
        _open_mode(self.tmp)
        os.replace(self.tmp, self.path)
        log.info("wrote %s: %d rows -> %s", self.table, self.n_rows, self.path)
        return self.n_rows

    def abort(self) -> None:
        try:
            self.writer.close()
        finally:
            Path(self.tmp).unlink(missing_ok=True)
