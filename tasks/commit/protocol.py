"""Write: stage batch tables, then commit them all at once through a versioned manifest.

Layout under the output root:
  paragraphs/ articles/ quarantine/   hive datasets: ingest_date=YYYY-MM-DD/part-<run>-<batch>.parquet
  _manifest/v000007.json              one per committed run: the live files of every table
  _state/files-<run>.parquet          every input file already written or quarantined (skip list)
  _state/texts-<run>-NNNN.parquet     (content_hash, article_id) pairs for repetition counts, one
                                      file per hash bucket, sorted by hash
  _staging/<run>/                     a run's work in progress, invisible to dataset readers

The manifest write is the commit point. It also lists the renames and deletions that publish the
run, so `recover` can finish a run killed after its commit and erase one killed before it. On object
stores (no rename) the staged files are copied into place before the manifest is written, so a
reader that follows the manifest never meets a missing or partial file. Readers of the local table
folders see the last committed run, except between the manifest write and the last rename
(milliseconds; after a crash there, until the next run's `recover`).
"""

from __future__ import annotations

import io
import json
import posixpath
from dataclasses import dataclass
from datetime import datetime

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

from schemas import SCHEMA_VERSION, TABLES, conform
from tasks.enrich.paragraphs import PAIRS_SCHEMA, hash_range
from tasks.storage.store import Store

MANIFEST_DIR = "_manifest"
STATE_DIR = "_state"
STAGING_DIR = "_staging"
MANIFESTS_KEPT = 50
FILES_STATE_SCHEMA = {
    "source_file": pl.String,
    "content_sha256": pl.String,
    "article_id": pl.String,
    "part": pl.String,
}
QUARANTINE_ROW_SCHEMA = {
    "source_file": pl.String,
    "content_sha256": pl.String,
    "size_bytes": pl.Int64,
    "error_kind": pl.String,
    "error_message": pl.String,
}


class SchemaMismatch(RuntimeError):
    """The output was written by another schema version; appending would mix schemas."""


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


def stage_frame(store: Store, rel: str, frame: pl.DataFrame) -> str:
    """Hand a frame to the next task as an Arrow IPC file (cheap to write, memory-mapped to read)."""
    sink = io.BytesIO()
    with ipc.new_file(sink, frame.to_arrow().schema) as writer:
        writer.write_table(frame.to_arrow())
    store.write_bytes(rel, sink.getvalue())
    return rel


def read_staged(store: Store, rel: str, columns: list[str] | None = None) -> pl.DataFrame:
    table = store.open_arrow(rel).read_all()
    return pl.from_arrow(table.select(columns) if columns else table)


def stage_parts(store: Store, rel: str, frames: list[pl.DataFrame]) -> str:
    """Hand one frame per batch to the batch tasks in a single Arrow IPC file, one record batch each."""
    tables = [frame.to_arrow() for frame in frames]
    sink = io.BytesIO()
    with ipc.new_file(sink, tables[0].schema if tables else pa.schema([])) as writer:
        for table in tables:
            writer.write_batch(table.combine_chunks().to_batches()[0] if table.num_rows else _empty_batch(table))
    store.write_bytes(rel, sink.getvalue())
    return rel


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
                f"{run.staging}/{table}/{run.part(batch_no)}", conform(with_run_columns(frame, run), TABLES[table])
            )
            written.append(table)
    return written


# ---------------------------------------------------------------- manifest and state


def manifest_versions(store: Store) -> list[int]:
    names = store.list_files(MANIFEST_DIR)
    return sorted(int(n[len(MANIFEST_DIR) + 2 : -5]) for n in names if n.endswith(".json") and "/v" in n)


def load_manifest(store: Store, version: int | None = None) -> dict | None:
    """The latest committed manifest (or a given version); None for a new output."""
    versions = manifest_versions(store)
    if not versions:
        return None
    chosen = versions[-1] if version is None else version
    return json.loads(store.read_bytes(f"{MANIFEST_DIR}/v{chosen:06d}.json"))


def check_schema(manifest: dict | None) -> None:
    if manifest and manifest["schema_version"] != SCHEMA_VERSION:
        raise SchemaMismatch(
            f"the output holds schema version {manifest['schema_version']} and this newsflow writes "
            f"version {SCHEMA_VERSION}: rerun with --full-refresh to rebuild it"
        )


def load_files_state(store: Store, manifest: dict | None) -> pl.DataFrame:
    if not manifest:
        return pl.DataFrame(schema=FILES_STATE_SCHEMA)
    return pl.from_arrow(store.read_parquet(manifest["state"]["files"]))


def texts_state_files(manifest: dict | None) -> list[str]:
    """The committed pair files in hash-bucket order (the first release kept one unsorted file)."""
    texts = (manifest or {}).get("state", {}).get("texts", [])
    return [texts] if isinstance(texts, str) else texts


def load_texts_state(store: Store, files: list[str], low: int, high: int) -> pl.DataFrame:
    """The committed pairs with low <= content_hash < high, reading only the files that can hold them.

    `files` are the pair files in hash-bucket order (`texts_state_files`).
    """
    frames = [pl.DataFrame(schema=PAIRS_SCHEMA)]
    for bucket, rel in enumerate(files):
        file_low, file_high = hash_range(bucket, len(files))
        if file_low < high and low < file_high:
            frame = pl.from_arrow(store.read_parquet(rel))
            frames.append(frame.filter(pl.col("content_hash").is_between(low, high - 1)))
    return pl.concat(frames)


def state_files(manifest: dict | None) -> set[str]:
    """Every state file a manifest keeps alive: the skip list and the pair buckets."""
    files = (manifest or {}).get("state", {}).get("files")
    return set(texts_state_files(manifest)) | ({files} if files else set())


def recover(store: Store) -> dict | None:
    """Finish a committed run's publication and erase any uncommitted work; return the manifest."""
    manifest = load_manifest(store)
    if manifest:
        publish(store, manifest)
    live = {f"{t}/{p}" for t, parts in (manifest or {}).get("tables", {}).items() for p in parts}
    for table in TABLES:
        for rel in store.list_files(table):
            if rel not in live:
                store.delete(rel)
    state_live = state_files(manifest)
    for rel in store.list_files(STATE_DIR) + [r for r in store.list_files(MANIFEST_DIR) if not r.endswith(".json")]:
        if rel not in state_live:
            store.delete(rel)
    store.delete(STAGING_DIR)
    return manifest


def publish(store: Store, manifest: dict) -> None:
    """Apply a committed manifest's renames and deletions; safe to repeat."""
    for src, dst in manifest.get("moves", []):
        if store.exists(src):
            store.move(src, dst)
    for rel in manifest.get("deletes", []):
        store.delete(rel)


def commit(
    store: Store,
    run: RunInfo,
    previous: dict | None,
    staged: dict[int, list[str]],
    files_state: pl.DataFrame | None,
    texts_state: list[dict] | None,
    reprocessed: set[str],
    summary: dict,
    full_refresh: bool = False,
) -> dict:
    """Make the run visible atomically: rewrite replaced articles' files, then write the manifest.

    `files_state` is the new complete skip list and `texts_state` the staged pair buckets (dicts
    with `path` and `pairs`), or None where a run with nothing new leaves them as committed; `reprocessed` are source
    files written before whose rows this run replaces; `staged` maps batch numbers to tables.
    """
    old_tables = (previous or {}).get("tables", {})
    moves, deletes = [], []
    if full_refresh:
        deletes += [f"{t}/{p}" for t, parts in old_tables.items() for p in parts]
        old_tables = {}
    old_state = load_files_state(store, previous if old_tables else None)
    tables = {t: list(old_tables.get(t, [])) for t in TABLES}
    renamed = _rewrite_replaced(store, run, tables, old_state, reprocessed, moves, deletes)
    for batch_no, written in sorted(staged.items()):
        for table in written:
            part = run.part(batch_no)
            moves.append([f"{run.staging}/{table}/{part}", f"{table}/{part}"])
            tables[table].append(part)
    if renamed:
        files_state = files_state.with_columns(pl.col("part").replace(renamed))
    state = dict((previous or {}).get("state", {}))
    if files_state is not None:  # else unchanged: the committed skip list stays (nothing new)
        path = f"{STATE_DIR}/files-{run.run_id}.parquet"
        store.write_parquet(f"{run.staging}/{path}", files_state.to_arrow())
        moves.append([f"{run.staging}/{path}", path])
        deletes += [state["files"]] if "files" in state else []
        state["files"] = path
    if texts_state is not None:
        paths = [f"{STATE_DIR}/texts-{run.run_id}-{n:04d}.parquet" for n in range(len(texts_state))]
        moves += [[bucket["path"], path] for bucket, path in zip(texts_state, paths)]
        deletes += texts_state_files(previous)
        state["texts"], state["text_pairs"] = paths, sum(bucket["pairs"] for bucket in texts_state)
    manifest = {
        "version": run.version,
        "run_id": run.run_id,
        "started_at": run.started_at.isoformat(),
        "schema_version": SCHEMA_VERSION,
        "tables": tables,
        "state": state,
        "moves": moves,
        "deletes": deletes,
        "summary": summary,
    }
    if not store.is_local:  # no rename there: copy files into place first, so the manifest never lists a missing one
        publish(store, {"moves": moves})
    store.write_bytes(f"{MANIFEST_DIR}/v{run.version:06d}.json", json.dumps(manifest, indent=1).encode())
    publish(store, manifest)
    store.delete(run.staging)
    for old in manifest_versions(store)[:-MANIFESTS_KEPT]:
        store.delete(f"{MANIFEST_DIR}/v{old:06d}.json")
    return manifest


def _rewrite_replaced(
    store: Store,
    run: RunInfo,
    tables: dict[str, list[str]],
    old_state: pl.DataFrame,
    reprocessed: set[str],
    moves: list,
    deletes: list,
) -> dict[str, str]:
    """Stage copies of the files holding replaced articles without their rows; return old→new part."""
    affected = sorted(set(old_state.filter(pl.col("source_file").is_in(list(reprocessed)))["part"]))
    renamed = {}
    for number, part in enumerate(affected):
        new_part = posixpath.join(posixpath.dirname(part), f"part-{run.run_id}-r{number:05d}.parquet")
        renamed[part] = new_part
        for table, parts in tables.items():
            if part not in parts:
                continue
            parts.remove(part)
            deletes.append(f"{table}/{part}")
            kept = store.read_parquet(f"{table}/{part}")
            kept = kept.filter(pc.invert(pc.is_in(kept["source_file"], pa.array(sorted(reprocessed)))))
            if kept.num_rows:
                store.write_parquet(f"{run.staging}/{table}/{new_part}", kept)
                moves.append([f"{run.staging}/{table}/{new_part}", f"{table}/{new_part}"])
                parts.append(new_part)
    return renamed
