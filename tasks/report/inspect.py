"""What an output folder holds, read without Prefect: tables, recent runs and sample rows."""

from __future__ import annotations

import polars as pl

from schemas import TABLES
from tasks.commit import protocol as write
from tasks.storage.store import Store

SAMPLE_COLUMNS = {
    "paragraphs": ["article_id", "paragraph_index", "text", "is_boilerplate", "boilerplate_reason", "language"],
    "articles": ["article_id", "source_file", "n_paragraphs", "n_content_paragraphs", "lead"],
    "quarantine": ["source_file", "error_kind", "error_message"],
}


def table_stats(store: Store, manifest: dict) -> list[dict]:
    """Per table: live files, rows, bytes on disk and the schema versions its rows were written with."""
    stats = []
    for table in TABLES:
        parts = manifest["tables"].get(table, [])
        versions = [store.read_parquet(f"{table}/{p}", ["schema_version"])["schema_version"] for p in parts]
        stats.append(
            {
                "table": table,
                "files": len(parts),
                "rows": sum(len(v) for v in versions),
                "bytes": sum(store.fs.size(store.path(f"{table}/{p}")) for p in parts),
                "schema_versions": sorted({x for v in versions for x in v.unique().to_pylist()}),
            }
        )
    return stats


def recent_runs(store: Store, count: int) -> list[dict]:
    """The last `count` committed runs, newest first, with their summaries."""
    manifests = [write.load_manifest(store, v) for v in reversed(write.manifest_versions(store)[-count:])]
    return [
        {"version": m["version"], "run_id": m["run_id"], "started_at": m["started_at"], "summary": m["summary"]}
        for m in manifests
    ]


def sample_rows(store: Store, manifest: dict, count: int) -> dict[str, pl.DataFrame]:
    """The first `count` rows of each table's newest file, in the columns a person reads first."""
    samples = {}
    for table, parts in manifest["tables"].items():
        if parts:
            columns = [c for c in SAMPLE_COLUMNS[table] if c in TABLES[table].names]
            samples[table] = pl.from_arrow(store.read_parquet(f"{table}/{max(parts)}", columns)).head(count)
    return samples


def inspect_output(url: str, runs: int = 5, samples: int = 3) -> dict:
    """Everything `newsflow inspect` prints; raises ValueError when the output holds no run."""
    store = Store(url)
    manifest = write.load_manifest(store)
    if manifest is None:
        raise ValueError(f"{url} holds no committed newsflow run")
    return {
        "version": manifest["version"],
        "tables": table_stats(store, manifest),
        "runs": recent_runs(store, runs),
        "samples": sample_rows(store, manifest, samples),
    }
