"""`newsflow repair`: verify an output against its manifest and fix what can be fixed.

Checked, in order: a committed run whose publication did not finish; parts listed twice; listed
parts that are missing or unreadable (dropped from every table, so their input files count as new
and the next run ingests them again); files no manifest lists (orphans, staging leftovers); the
skip list and repeat pairs against the tables (rebuilt when they differ). A manifest that cannot
be read cannot be fixed here.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace

import polars as pl
import pyarrow as pa

from schemas import TABLES
from tasks.commit.manifest import (
    MANIFEST_DIR,
    STATE_DIR,
    Manifest,
    ManifestState,
    load_files_state,
    load_manifest,
    load_texts_state,
    manifest_path,
)
from tasks.commit.protocol import publish
from tasks.commit.rebuild import files_state_from_tables, pairs_from_tables, readable, write_pair_state
from tasks.commit.skip_list import write_skip_list
from tasks.commit.staging import STAGING_DIR
from tasks.repeats.buckets import HASH_SPACE
from tasks.repeats.runs import dropped_by, live, tombstones
from tasks.storage.store import Store


@dataclass(frozen=True)
class Finding:
    """One thing found wrong, and whether repair fixed it."""

    problem: str
    fixed: bool


@dataclass(frozen=True)
class RepairReport:
    """What `newsflow repair` found in an output: nothing when it is healthy."""

    version: int | None
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        """Healthy, or every problem found was fixed."""
        return all(f.fixed for f in self.findings)


def repair_output(store: Store) -> RepairReport:
    """Verify `store` against its latest manifest and fix what can be fixed."""
    try:
        manifest = load_manifest(store)
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as e:
        return RepairReport(None, [Finding(f"the latest manifest cannot be read ({e}): restore it by hand", False)])
    findings = []
    if manifest:
        findings += _unfinished(store, manifest)
        manifest, found = _listed_parts(store, manifest)
        findings += found
    findings += _orphans(store, manifest)
    if manifest:
        findings += _state(store, manifest)
    return RepairReport(manifest.version if manifest else None, findings)


def _unfinished(store: Store, manifest: Manifest) -> list[Finding]:
    pending = [dst for src, dst in manifest.moves if store.exists(src)]
    if not pending:
        return []
    publish(store, manifest.moves, manifest.deletes)
    return [
        Finding(f"run {manifest.run_id} was committed but {len(pending)} files were not published: published", True)
    ]


def _listed_parts(store: Store, manifest: Manifest) -> tuple[Manifest, list[Finding]]:
    """Parts listed twice (deduplicated) and missing or unreadable parts (dropped from every table)."""
    findings = []
    for table, parts in manifest.tables.items():
        findings += [
            Finding(f"{table}/{p} is listed {n} times: listed once", True) for p, n in Counter(parts).items() if n > 1
        ]
    lost = sorted({p for t, parts in manifest.tables.items() for p in parts if not readable(store, f"{t}/{p}")})
    for part in lost:
        findings.append(
            Finding(
                f"part {part} is missing or unreadable: dropped from every table, its input files are ingested again by the next run",
                True,
            )
        )
    if not findings:
        return manifest, []
    tables = {t: [p for p in dict.fromkeys(parts) if p not in lost] for t, parts in manifest.tables.items()}
    for table, parts in manifest.tables.items():
        for part in set(parts) & set(lost):
            store.delete(f"{table}/{part}")
    fixed = replace(manifest, tables=tables)
    store.write_bytes(manifest_path(manifest.version), fixed.to_json())
    return fixed, findings


def _orphans(store: Store, manifest: Manifest | None) -> list[Finding]:
    """Files in table, state and manifest folders that the manifest does not keep, and staging leftovers."""
    live = manifest.live_files() if manifest else set()
    state = manifest.state.paths() if manifest else set()
    orphans = [rel for table in TABLES for rel in store.list_files(table) if rel not in live]
    orphans += [rel for rel in store.list_files(STATE_DIR) if rel not in state]
    orphans += [rel for rel in store.list_files(MANIFEST_DIR) if not rel.endswith(".json")]
    staged = store.list_files(STAGING_DIR)
    for rel in orphans:
        store.delete(rel)
    if staged:
        store.delete(STAGING_DIR)
    orphans += staged
    return [Finding(f"{rel} is listed by no manifest: deleted", True) for rel in orphans]


def _state(store: Store, manifest: Manifest) -> list[Finding]:
    """The skip list and the repeat pairs against the committed tables; rebuilt where they differ."""
    findings = []
    state = manifest.state
    if state.files:
        expected = files_state_from_tables(store, manifest)
        if not _same_skip_list(store, manifest, expected):
            write_skip_list(store, state.files, state.file_deltas, expected)
            findings.append(Finding(f"the skip list {state.files} does not match the tables: rebuilt", True))
    if state.texts:
        pairs = pairs_from_tables(store, manifest)
        if not _same_pairs(store, state, pairs):
            write_pair_state(store, state, pairs)
            n_files = len(state.pair_paths())
            findings.append(Finding(f"the repeat pairs ({n_files} files) do not match the paragraphs: rebuilt", True))
    return findings


def _same_pairs(store: Store, state: ManifestState, expected: pl.DataFrame) -> bool:
    """Whether the live pairs of the state's runs are exactly `expected`'s (compared on text and article)."""
    if not all(readable(store, rel) for rel in state.pair_paths()):
        return False
    key = ["content_hash", "article_id"]
    runs = state.pair_runs()
    try:
        kept = live(load_texts_state(store, runs, 0, HASH_SPACE), tombstones(dropped_by(runs, [], 0)))
        return kept.select(key).sort(key).equals(expected.select(key).sort(key))
    except (pl.exceptions.PolarsError, pa.ArrowException):
        return False


def _same_skip_list(store: Store, manifest: Manifest, expected: pl.DataFrame) -> bool:
    """Whether the skip list (base and deltas merged) holds exactly `expected`'s rows, in any order.

    Quick keys are a cache of the input's stat, not a fact of the tables: they are not compared.
    """
    if not all(readable(store, rel) for rel in manifest.state.skip_list_paths()):
        return False
    key = [c for c in expected.columns if c != "quick_key"]
    try:
        return load_files_state(store, manifest).select(key).sort(key).equals(expected.select(key).sort(key))
    except (pl.exceptions.PolarsError, pa.ArrowException):
        return False
