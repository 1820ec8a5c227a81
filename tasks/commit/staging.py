"""Staging: a run's work in progress under `_staging/<run>/`, invisible to dataset readers.

Batch tasks hand each other Arrow IPC files here (cheap to write, read with positional reads of
only the record batches a task needs), and write their final tables here until the commit
publishes them. The handoff files are written without fsync (one costs 10-300 ms here): they are
read only while their run is alive, and recovery erases the staging of a run the machine's crash
interrupted.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.ipc as ipc

from schemas import SCHEMA_VERSION, TABLES, conform
from tasks.storage.store import Store

STAGING_DIR = "_staging"
SORTED_BATCH_ROWS = 8192
"""Rows per record batch of a key-sorted staged file: what a key-range reader reads past its range."""
FIRST_KEYS = b"newsflow.first_keys"


@dataclass(frozen=True)
class RunInfo:
    """Identity of one run, shared by all its tasks."""

    run_id: str
    started_at: datetime
    version: int

    @property
    def ingest_date(self) -> str:
        return self.started_at.strftime("%Y-%m-%d")

    @property
    def staging(self) -> str:
        return f"{STAGING_DIR}/{self.run_id}"

    def part(self, batch_no: int) -> str:
        """Relative name of a batch's file inside each table folder."""
        return f"ingest_date={self.ingest_date}/part-{self.run_id}-{batch_no:05d}.parquet"

    def empty_part(self) -> str:
        """Relative name of the zero-row file that keeps a table with no rows readable."""
        return f"ingest_date={self.ingest_date}/part-{self.run_id}-empty.parquet"

    def staged(self, name: str) -> str:
        """A file of this run's staging folder."""
        return f"{self.staging}/{name}"


def stage_frame(store: Store, rel: str, frame: pl.DataFrame) -> str:
    """Hand a frame to the next task as an Arrow IPC file (cheap to write and to read)."""
    table = frame.to_arrow()  # once: Polars' string views become Arrow strings by copying
    return _write_handoff(store, rel, table.schema, table.to_batches())


def read_staged(store: Store, rel: str, columns: list[str] | None = None) -> pl.DataFrame:
    return _frame(store.open_arrow(rel).read_all(), columns)


def stage_sorted(store: Store, rel: str, frame: pl.DataFrame, key: str, batch_rows: int = SORTED_BATCH_ROWS) -> str:
    """Stage a frame sorted by the integer column `key` in record batches of `batch_rows`, the
    first key of each in the schema's metadata: a reader of one key range then reads only its
    batches (read_covering), so a count task's memory follows its bucket, not the whole run."""
    table = frame.to_arrow().combine_chunks()
    batches = table.to_batches(max_chunksize=batch_rows)
    firsts = [batch.column(key)[0].as_py() for batch in batches]
    return _write_handoff(store, rel, table.schema.with_metadata({FIRST_KEYS: json.dumps(firsts).encode()}), batches)


def read_covering(store: Store, rel: str, low: int, high: int, columns: list[str] | None = None) -> pl.DataFrame:
    """The record batches of a stage_sorted file that can hold keys in [low, high), read alone:
    sorted rows the caller trims to the range."""
    reader = store.open_arrow(rel)
    firsts = json.loads(reader.schema.metadata[FIRST_KEYS])
    # A key equal to a batch's first may also end the batch before it.
    wanted = range(max(bisect_left(firsts, low) - 1, 0), bisect_left(firsts, high))
    return _frame(pa.Table.from_batches([reader.get_batch(i) for i in wanted], schema=reader.schema), columns)


def stage_parts(store: Store, rel: str, frames: list[pl.DataFrame]) -> str:
    """Hand one frame per batch to the batch tasks in a single Arrow IPC file, one record batch each."""
    tables = [frame.to_arrow() for frame in frames]
    batches = [table.combine_chunks().to_batches()[0] if table.num_rows else _empty_batch(table) for table in tables]
    return _write_handoff(store, rel, tables[0].schema if tables else pa.schema([]), batches)


def _write_handoff(store: Store, rel: str, schema: pa.Schema, batches: list[pa.RecordBatch]) -> str:
    """An Arrow IPC file of these batches, written atomically but without fsync: a handoff file is
    read only while its run is alive (module docstring)."""

    def fill(sink: BinaryIO) -> None:
        with ipc.new_file(sink, schema) as writer:
            for batch in batches:
                writer.write_batch(batch)

    store.write_with(rel, fill, durable=False)
    return rel


def _frame(table: pa.Table, columns: list[str] | None) -> pl.DataFrame:
    return pl.from_arrow(table.select(columns) if columns else table)


def _empty_batch(table: pa.Table) -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=table.schema)


def read_staged_part(store: Store, rel: str, index: int) -> pl.DataFrame:
    """Record batch `index` of a file written by stage_parts."""
    return pl.from_arrow(pa.Table.from_batches([store.open_arrow(rel).get_batch(index)]))


def with_run_columns(frame: pl.DataFrame, run: RunInfo) -> pl.DataFrame:
    return frame.with_columns(
        ingested_at=pl.lit(run.started_at).dt.cast_time_unit("us").dt.replace_time_zone("UTC"),
        run_id=pl.lit(run.run_id),
        schema_version=pl.lit(SCHEMA_VERSION, dtype=pl.Int16),
    )


def stage_tables(store: Store, run: RunInfo, batch_no: int, frames: dict[str, pl.DataFrame]) -> list[str]:
    """Validate and write a batch's final tables into staging; return the tables written."""
    written = []
    for table, frame in frames.items():
        if frame.height:
            store.write_parquet(
                run.staged(f"{table}/{run.part(batch_no)}"), conform(with_run_columns(frame, run), TABLES[table])
            )
            written.append(table)
    return written
