"""The manifest: one JSON file per committed run, the only record of what an output holds.

`_manifest/v000007.json` lists the live files of every table, the state files (the skip list and
the repeat-count pairs), the renames and deletions that publish the run, and the run's summary.
Writing it is the commit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import polars as pl

from schemas import SCHEMA_VERSION
from schemas.internal import FILES_STATE, PAIRS
from tasks.handoffs import RunSummary
from tasks.repeats.buckets import hash_range
from tasks.storage.store import Store

MANIFEST_DIR = "_manifest"
STATE_DIR = "_state"
MANIFESTS_KEPT = 50


class SchemaMismatch(RuntimeError):
    """The output was written by another schema version; appending would mix schemas."""


@dataclass(frozen=True)
class ManifestState:
    """The state files a manifest keeps alive: the skip list and the pair buckets in hash order."""

    files: str | None = None
    texts: list[str] = field(default_factory=list)
    text_pairs: int = 0

    def paths(self) -> set[str]:
        return set(self.texts) | ({self.files} if self.files else set())


@dataclass(frozen=True)
class Manifest:
    """One committed run: the output's tables, state and summary as of that run."""

    version: int
    run_id: str
    started_at: str
    schema_version: int
    tables: dict[str, list[str]]
    state: ManifestState
    moves: list[list[str]]
    deletes: list[str]
    summary: RunSummary

    def live_files(self) -> set[str]:
        """Every table file the manifest lists, relative to the output root."""
        return {f"{table}/{part}" for table, parts in self.tables.items() for part in parts}

    def to_json(self) -> bytes:
        data = asdict(self) | {"summary": self.summary.to_dict()}
        return json.dumps(data, indent=1).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        data = json.loads(raw)
        state = data.get("state", {})
        texts = state.get("texts", [])  # the first release kept one unsorted pair file
        return cls(
            **{k: data[k] for k in ("version", "run_id", "started_at", "schema_version", "tables")},
            state=ManifestState(
                state.get("files"), [texts] if isinstance(texts, str) else texts, state.get("text_pairs", 0)
            ),
            moves=data.get("moves", []),
            deletes=data.get("deletes", []),
            summary=RunSummary.from_dict(data["summary"]),
        )


def wrote_data(manifest: Manifest) -> bool:
    """A run that wrote or quarantined files; a quiet scheduled run found nothing new and did neither."""
    return bool(manifest.summary.files_written or manifest.summary.files_quarantined)


def expired_manifests(
    versions: list[int], previous: Manifest | None, latest: Manifest, kept: int = MANIFESTS_KEPT
) -> list[int]:
    """Manifest versions to delete once `latest` is committed: quiet runs never evict the history.

    A quiet run's manifest is only kept while it is the latest (it holds the current state), so a
    quiet run replaces the quiet one before it and evicts nothing else; a run that wrote data also
    drops the quiet manifest before it, then keeps the newest `kept`, which all wrote data.
    """
    expired = [previous.version] if previous and not wrote_data(previous) else []
    if not wrote_data(latest):
        return expired
    return expired + [v for v in versions if v not in expired][:-kept]


def state_of(manifest: Manifest | None) -> ManifestState:
    """The state a manifest points to; none for a new output."""
    return manifest.state if manifest else ManifestState()


def manifest_path(version: int) -> str:
    return f"{MANIFEST_DIR}/v{version:06d}.json"


def manifest_versions(store: Store) -> list[int]:
    names = store.list_files(MANIFEST_DIR)
    return sorted(int(n[len(MANIFEST_DIR) + 2 : -5]) for n in names if n.endswith(".json") and "/v" in n)


def load_manifest(store: Store, version: int | None = None) -> Manifest | None:
    """The latest committed manifest (or a given version); None for a new output."""
    versions = manifest_versions(store)
    if not versions:
        return None
    return Manifest.from_json(store.read_bytes(manifest_path(versions[-1] if version is None else version)))


def check_schema(manifest: Manifest | None) -> None:
    if manifest and manifest.schema_version != SCHEMA_VERSION:
        raise SchemaMismatch(
            f"the output holds schema version {manifest.schema_version} and this newsflow writes "
            f"version {SCHEMA_VERSION}: rerun with --full-refresh to rebuild it"
        )


def load_files_state(store: Store, manifest: Manifest | None) -> pl.DataFrame:
    """The skip list: every input file written or quarantined, with its sha256, article and part."""
    path = state_of(manifest).files
    if not path:
        return pl.DataFrame(schema=FILES_STATE)
    found = pl.from_arrow(store.read_parquet(path))  # skip lists before quick keys have no quick_key
    return found.select(pl.col(c) if c in found.columns else pl.lit(None, t).alias(c) for c, t in FILES_STATE.items())


def skip_list_rows(versions: pl.DataFrame, quarantine: pl.DataFrame, part: str) -> pl.DataFrame:
    """A batch's rows of the skip list: its versions (VERSION_ROW) and quarantined files, and the part holding them."""
    quarantined = quarantine.select(
        "source_file",
        "content_sha256",
        article_id=pl.lit(None, pl.String),
        file_modified_at=pl.lit(None, FILES_STATE["file_modified_at"]),
        is_current=pl.lit(False),
    )
    rows = pl.concat([versions.select(quarantined.columns), quarantined])
    return rows.with_columns(part=pl.lit(part), quick_key=pl.lit(None, pl.String)).select(FILES_STATE.names())


def load_texts_state(store: Store, files: list[str], low: int, high: int) -> pl.DataFrame:
    """The committed pairs with low <= content_hash < high, reading only the files that can hold them.

    `files` are the pair files in hash-bucket order (`ManifestState.texts`).
    """
    frames = [pl.DataFrame(schema=PAIRS)]
    for bucket, rel in enumerate(files):
        file_low, file_high = hash_range(bucket, len(files))
        if file_low < high and low < file_high:
            frame = pl.from_arrow(store.read_parquet(rel))
            frames.append(frame.filter(pl.col("content_hash").is_between(low, high - 1)))
    return pl.concat(frames)
