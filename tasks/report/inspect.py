"""What an output folder holds, read without Prefect: tables, recent runs and sample rows."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from schemas import TABLES
from tasks.commit.manifest import Manifest, load_manifest, manifest_versions
from tasks.storage.store import Store

SAMPLE_COLUMNS = {
    "paragraphs": ["article_id", "paragraph_index", "text", "is_boilerplate", "boilerplate_reason", "language"],
    "articles": ["article_id", "source_file", "n_paragraphs", "n_content_paragraphs", "lead"],
    "quarantine": ["source_file", "error_kind", "error_message"],
    "article_versions": ["article_id", "source_file", "n_paragraphs", "superseded_by_run_id"],
}


@dataclass(frozen=True)
class TableStats:
    """One table of an output: live files, rows, bytes on disk and the schema versions of its rows."""

    table: str
    files: int
    rows: int
    bytes: int
    schema_versions: list[int]


@dataclass(frozen=True)
class OutputContents:
    """Everything `newsflow inspect` prints."""

    version: int
    tables: list[TableStats]
    runs: list[Manifest]  # newest first
    samples: dict[str, pl.DataFrame]


def table_stats(store: Store, manifest: Manifest) -> list[TableStats]:
    """Per table: live files, rows, bytes on disk and the schema versions its rows were written with."""
    stats = []
    for table in TABLES:
        parts = manifest.tables.get(table, [])
        versions = [store.read_parquet(f"{table}/{p}", ["schema_version"])["schema_version"] for p in parts]
        stats.append(
            TableStats(
                table=table,
                files=len(parts),
                rows=sum(len(v) for v in versions),
                bytes=sum(store.fs.size(store.path(f"{table}/{p}")) for p in parts),
                schema_versions=sorted({x for v in versions for x in v.unique().to_pylist()}),
            )
        )
    return stats


def recent_runs(store: Store, count: int) -> list[Manifest]:
    """The last `count` committed runs, newest first, with their summaries."""
    return [load_manifest(store, v) for v in reversed(manifest_versions(store)[-count:])]


def sample_rows(store: Store, manifest: Manifest, count: int) -> dict[str, pl.DataFrame]:
    """The first `count` rows of each table's newest file, in the columns a person reads first."""
    samples = {}
    for table, parts in manifest.tables.items():
        if parts:
            columns = [c for c in SAMPLE_COLUMNS[table] if c in TABLES[table].names]
            samples[table] = pl.from_arrow(store.read_parquet(f"{table}/{max(parts)}", columns)).head(count)
    return samples


def inspect_output(url: str, runs: int = 5, samples: int = 3) -> OutputContents:
    """Everything `newsflow inspect` prints; raises ValueError when the output holds no run."""
    store = Store(url)
    manifest = load_manifest(store)
    if manifest is None:
        raise ValueError(f"{url} holds no committed newsflow run")
    return OutputContents(
        version=manifest.version,
        tables=table_stats(store, manifest),
        runs=recent_runs(store, runs),
        samples=sample_rows(store, manifest, samples),
    )
