"""The commit protocol: publish every staged batch of a run at once, or nothing.

Layout under the output root:
  paragraphs/ articles/ quarantine/   hive datasets: ingest_date=YYYY-MM-DD/part-<run>-<batch>.parquet,
                                      never empty: a table without rows holds part-<run>-empty.parquet
  _manifest/v000007.json              one per committed run: the live files of every table
  _state/files-<run>[-delta].parquet  every input file already written or quarantined (skip list):
                                      a base and per-run deltas (tasks/commit/skip_list.py)
  _state/texts-<run>-NNNN.parquet     (content_hash, article_id) pairs for repetition counts, as
                                      sorted runs (tasks/repeats/runs.py): one file per hash bucket
                                      of a run, sorted by hash
  _staging/<run>/                     a run's work in progress, invisible to dataset readers

The manifest write is the commit point. It also lists the renames and deletions that publish the
run, so `recover` can finish a run killed after its commit and erase one killed before it. On object
stores (no rename) the staged files are copied into place before the manifest is written, so a
reader that follows the manifest never meets a missing or partial file. Readers of the local table
folders see the last committed run, except between the manifest write and the last rename
(milliseconds; after a crash there, until the next run's `recover`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import chain

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from schemas import SCHEMA_VERSION, TABLES
from schemas.internal import FILES_STATE
from tasks.commit.manifest import (
    MANIFEST_DIR,
    STATE_DIR,
    Manifest,
    ManifestState,
    expired_manifests,
    load_files_state,
    load_manifest,
    manifest_path,
    manifest_versions,
    state_of,
)
from tasks.commit.skip_list import SkipListChange, changed_rows, merged, needs_compaction
from tasks.commit.staging import STAGING_DIR, RunInfo
from tasks.handoffs import RepeatBucket, RunSummary
from tasks.repeats.runs import PairRun
from tasks.storage.store import Store

# Run ids begin with their start time (tasks/plan/plan.py): '20261127T060000-3f9a1c'.
RUN_ID = re.compile(r"(\d{8}T\d{6})-[0-9a-f]{6}")
# On object stores a run this young may still be working: recover leaves its uncommitted files.
IN_FLIGHT = timedelta(hours=6)


class VersionTaken(RuntimeError):
    """Another run wrote this run's manifest version first (two writers on an object store)."""


@dataclass(frozen=True)
class RunOutput:
    """What a run commits: its staged tables, its new state (None where unchanged) and its summary.

    `staged` maps batch numbers to the tables each staged; `skip_list` what the run changes in the
    skip list and `texts_state` the counted pair buckets; `replaced` are source files written before
    whose rows this run replaces: changed files, and current versions a newer file supersedes.
    """

    staged: dict[int, list[str]]
    skip_list: SkipListChange
    texts_state: list[RepeatBucket] | None
    replaced: set[str]
    summary: RunSummary


@dataclass
class Publication:
    """The renames and deletions that publish a run, collected while the manifest is prepared."""

    moves: list[list[str]] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)

    def move(self, src: str, dst: str) -> None:
        self.moves.append([src, dst])


def recover(store: Store) -> Manifest | None:
    """Finish a committed run's publication and erase any uncommitted work; return the manifest.

    Locally the output lock proves no other run is alive, so all uncommitted work is erased. On
    object stores (no lock) another run may be: work of runs started in the last IN_FLIGHT stays.
    """
    manifest = load_manifest(store)
    if manifest:
        publish(store, manifest.moves, manifest.deletes)
    live = (manifest.live_files() if manifest else set()) | state_of(manifest).paths()
    found = [rel for table in TABLES for rel in store.list_files(table)] + store.list_files(STATE_DIR)
    found += [r for r in store.list_files(MANIFEST_DIR) if not r.endswith(".json")]
    now = datetime.now(UTC)
    for rel in found:
        if rel not in live and _erasable(store, rel, now):
            store.delete(rel)
    if store.is_local:
        store.delete(STAGING_DIR)
    for folder in sorted({rel.split("/")[1] for rel in store.list_files(STAGING_DIR)}):
        if _erasable(store, folder, now):
            store.delete(f"{STAGING_DIR}/{folder}")
    return manifest


def _erasable(store: Store, rel: str, now: datetime) -> bool:
    """Whether uncommitted work can be erased: always locally, on object stores once its run is old."""
    started = RUN_ID.search(rel)
    if store.is_local or not started:
        return True
    return now - datetime.strptime(started[1], "%Y%m%dT%H%M%S").replace(tzinfo=UTC) > IN_FLIGHT


def publish(store: Store, moves: list[list[str]], deletes: list[str]) -> None:
    """Apply a committed manifest's renames and deletions; safe to repeat."""
    for src, dst in moves:
        if store.exists(src):
            store.move(src, dst)
    for rel in deletes:
        store.delete(rel)


def commit(store: Store, run: RunInfo, previous: Manifest | None, out: RunOutput, full_refresh: bool) -> Manifest:
    """Make the run visible atomically: rewrite replaced articles' files, then write the manifest."""
    old_tables = previous.tables if previous else {}
    plan = Publication()
    if full_refresh:
        plan.deletes += [f"{t}/{p}" for t, parts in old_tables.items() for p in parts]
        old_tables = {}
    # the committed skip list is read only when this run changes known rows: a run that only adds files does not
    touches = bool(old_tables) and (bool(out.replaced) or out.skip_list.touches_known())
    old_state = load_files_state(store, previous if touches else None)
    tables = {t: list(old_tables.get(t, [])) for t in TABLES}
    renamed = _rewrite_replaced(store, run, tables, old_state, out.replaced, plan)
    for batch_no, written in sorted(out.staged.items()):
        for table in written:
            part = run.part(batch_no)
            plan.move(run.staged(f"{table}/{part}"), f"{table}/{part}")
            tables[table].append(part)
    _keep_every_table(store, run, tables, plan)
    changed = changed_rows(out.skip_list, old_state, renamed)
    files = _new_skip_list(store, run, previous, old_state if touches else None, changed, out.skip_list, plan)
    state = replace(_new_pair_state(run, state_of(previous), out.texts_state, plan), **files)
    manifest = Manifest(
        version=run.version,
        run_id=run.run_id,
        started_at=run.started_at.isoformat(),
        schema_version=SCHEMA_VERSION,
        tables=tables,
        state=state,
        moves=plan.moves,
        deletes=plan.deletes,
        summary=out.summary,
    )
    if not store.is_local:  # no rename there: copy files into place first, so the manifest never lists a missing one
        publish(store, plan.moves, [])
    try:
        store.write_bytes(manifest_path(run.version), manifest.to_json(), create_only=True)
    except FileExistsError:
        _withdraw(store, run, plan)
        raise VersionTaken(
            f"another run committed version {run.version} of {store.url} while this one ran; "
            "this run committed nothing and removed its files: run again"
        ) from None
    finish(store, manifest)
    return manifest


def _withdraw(store: Store, run: RunInfo, plan: Publication) -> None:
    """Remove what a run that lost the race to a version left: files copied into place, its staging."""
    for _, dst in plan.moves:  # every destination names this run, so none belongs to the winner
        store.delete(dst)
    store.delete(run.staging)


def finish(store: Store, manifest: Manifest) -> None:
    """Publish a committed run: its renames and deletions, its staging folder, old manifests; safe to repeat.

    A commit retried after its manifest was written comes here only: committing again would take
    the run's own manifest for the previous one and list every part twice.
    """
    publish(store, manifest.moves, manifest.deletes)
    store.delete(f"{STAGING_DIR}/{manifest.run_id}")
    versions = manifest_versions(store)
    earlier = [v for v in versions if v < manifest.version]
    previous = load_manifest(store, earlier[-1]) if earlier else None
    for old in expired_manifests(versions, previous, manifest):
        store.delete(manifest_path(old))


def _keep_every_table(store: Store, run: RunInfo, tables: dict[str, list[str]], plan: Publication) -> None:
    """Give each table without parts one zero-row file with its schema, so every reader finds it on a clean day."""
    for table, parts in tables.items():
        if not parts:
            part = run.empty_part()
            store.write_parquet(run.staged(f"{table}/{part}"), TABLES[table].empty_table())
            plan.move(run.staged(f"{table}/{part}"), f"{table}/{part}")
            parts.append(part)


def _new_skip_list(
    store: Store,
    run: RunInfo,
    previous: Manifest | None,
    known: pl.DataFrame | None,
    changed: pl.DataFrame,
    change: SkipListChange,
    plan: Publication,
) -> dict:
    """The skip-list fields of the new state: a delta appended, or a new base (a full list, or a
    compaction of the base, its deltas and this delta); unchanged when the run changed nothing.
    `known` is the committed list when the commit has already read it; `changed` the known rows this
    run changes. The run's own rows are streamed into the file a batch at a time, after the others."""
    state = state_of(previous)
    fields = {k: getattr(state, k) for k in ("files", "file_rows", "file_deltas", "file_delta_rows")}
    delta_height = changed.height + change.n_new
    if not delta_height and not change.full and state.files:
        return fields
    if (
        change.full
        or not state.files
        or needs_compaction(state.file_rows, len(state.file_deltas), state.file_delta_rows + delta_height)
    ):
        head = changed if change.full else _compacted(store, previous, known, changed, change.replaced)
        path = f"{STATE_DIR}/files-{run.run_id}.parquet"
        plan.deletes += state.skip_list_paths()
        fields = {"files": path, "file_rows": head.height + change.n_new, "file_deltas": [], "file_delta_rows": 0}
    else:
        head, path = changed, f"{STATE_DIR}/files-{run.run_id}-delta.parquet"
        fields |= {"file_deltas": [*state.file_deltas, path], "file_delta_rows": state.file_delta_rows + delta_height}
    schema = pl.DataFrame(schema=FILES_STATE).to_arrow().schema
    parts = (rows.select(FILES_STATE.names()).to_arrow().cast(schema) for rows in chain([head], change.new_rows))
    store.write_parquet_parts(run.staged(path), schema, parts)
    plan.move(run.staged(path), path)
    return fields


def _compacted(
    store: Store, previous: Manifest | None, known: pl.DataFrame | None, changed: pl.DataFrame, replaced: list[str]
) -> pl.DataFrame:
    """The committed skip list with this run's changed rows applied, without the files it read again
    (their new rows follow)."""
    old = load_files_state(store, previous) if known is None else known
    return merged(old, changed).filter(~pl.col("source_file").is_in(replaced))


def _new_pair_state(
    run: RunInfo, state: ManifestState, texts_state: list[RepeatBucket] | None, plan: Publication
) -> ManifestState:
    """The pair state after this run: a new pair run where the run changed the pairs."""
    if texts_state is None:  # no pair changed: the committed runs stay
        return state
    return _new_pair_run(run, state, texts_state, plan)


def _new_pair_run(run: RunInfo, state: ManifestState, buckets: list[RepeatBucket], plan: Publication) -> ManifestState:
    """The pair runs after this run: the runs its count merged are replaced by the one it wrote."""
    written = [f"{STATE_DIR}/texts-{run.run_id}-{n:04d}.parquet" for n in range(len(buckets))]
    for bucket, path in zip(buckets, written):
        plan.move(bucket.state, path)
    kept = buckets[0].kept
    runs = state.pair_runs()
    plan.deletes += [rel for merged in runs[kept:] for rel in merged.files]
    new = PairRun(written, sum(bucket.pairs for bucket in buckets), buckets[0].dropped)
    if not kept:  # a full compaction: the new run is the base
        return ManifestState(texts=new.files, text_pairs=new.pairs)
    base, *deltas = runs[:kept]
    return ManifestState(texts=base.files, text_pairs=base.pairs, text_deltas=[*deltas, new])


def _rewrite_replaced(
    store: Store,
    run: RunInfo,
    tables: dict[str, list[str]],
    old_state: pl.DataFrame,
    reprocessed: set[str],
    plan: Publication,
) -> dict[str, str]:
    """Stage copies of the files holding replaced articles without their rows (their versions marked
    superseded by this run); return old→new part."""
    affected = sorted(set(old_state.filter(pl.col("source_file").is_in(list(reprocessed)))["part"]))
    renamed = {}
    for number, part in enumerate(affected):
        new_part = posixpath.join(posixpath.dirname(part), f"part-{run.run_id}-r{number:05d}.parquet")
        renamed[part] = new_part
        for table, parts in tables.items():
            if part not in parts:
                continue
            parts.remove(part)
            plan.deletes.append(f"{table}/{part}")
            kept = _without(table, store.read_parquet(f"{table}/{part}"), reprocessed, run.run_id)
            if kept.num_rows:
                store.write_parquet(run.staged(f"{table}/{new_part}"), kept)
                plan.move(run.staged(f"{table}/{new_part}"), f"{table}/{new_part}")
                parts.append(new_part)
    return renamed


def _without(table: str, rows: pa.Table, files: set[str], run_id: str) -> pa.Table:
    """A part's rows with `files` no longer published: dropped, or in article_versions marked superseded."""
    hit = pc.is_in(rows["source_file"], pa.array(sorted(files)))
    if table != "article_versions":
        return rows.filter(pc.invert(hit))
    column = rows.schema.get_field_index("superseded_by_run_id")
    retired = pc.if_else(pc.and_(hit, pc.is_null(rows[column])), pa.scalar(run_id), rows[column])
    return rows.set_column(column, rows.schema.field(column), retired)
