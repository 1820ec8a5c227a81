"""The manifest: one JSON file per committed run, the only record of what an output holds.

`_manifest/v000007.json` lists the live files of every table, the state files (the skip list and
the repeat-count pairs), the renames and deletions that publish the run, and the run's summary.
Writing it is the commit.
"""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field

import polars as pl
import pyarrow as pa

from schemas import SCHEMA_VERSION
from schemas.internal import PAIRS
from tasks.commit.skip_list import read_skip_list
from tasks.handoffs import RunSummary
from tasks.repeats.buckets import hash_range, hash_slice
from tasks.repeats.runs import ROW_GROUP_PAIRS, PairRun, pair_runs
from tasks.storage.store import Store

MANIFEST_DIR = "_manifest"
STATE_DIR = "_state"
MANIFESTS_KEPT = 50
# Schema metadata of a pair file: the first content_hash of each row group, little-endian uint64, base64.
FIRST_HASHES = b"first_hash_of_row_groups"


class SchemaMismatch(RuntimeError):
    """The output was written by another schema version; appending would mix schemas."""


@dataclass(frozen=True)
class ManifestState:
    """The state files a manifest keeps alive: the skip list, and the pair runs (tasks/repeats/runs.py):
    the base's buckets in hash order (`texts`, `text_pairs` rows) and the newer runs (`text_deltas`)."""

    files: str | None = None  # the skip list's base (tasks/commit/skip_list.py) ...
    file_rows: int = 0  # ... its rows,
    file_deltas: list[str] = field(default_factory=list)  # the newer deltas, oldest first,
    file_delta_rows: int = 0  # and their rows
    texts: list[str] = field(default_factory=list)
    text_pairs: int = 0
    text_deltas: list[PairRun] = field(default_factory=list)

    def pair_runs(self) -> list[PairRun]:
        """The committed pair runs, oldest (the base) first; none for a new output."""
        return pair_runs(self.texts, self.text_pairs, self.text_deltas)

    def pair_paths(self) -> set[str]:
        """The files of every pair run."""
        return {rel for run in self.pair_runs() for rel in run.files}

    def skip_list_paths(self) -> list[str]:
        """The skip list's files: its base, then its deltas in order."""
        return ([self.files] if self.files else []) + self.file_deltas

    def paths(self) -> set[str]:
        return self.pair_paths() | set(self.skip_list_paths())


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
                files=state.get("files"),
                file_rows=state.get("file_rows", 0),
                file_deltas=state.get("file_deltas", []),
                file_delta_rows=state.get("file_delta_rows", 0),
                texts=[texts] if isinstance(texts, str) else texts,
                text_pairs=state.get("text_pairs", 0),
                text_deltas=[PairRun(**run) for run in state.get("text_deltas", [])],
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
    return read_skip_list(store, state_of(manifest).skip_list_paths())


def load_texts_state(
    store: Store, runs: list[PairRun], low: int, high: int, hashes: pl.Series | None = None
) -> pl.DataFrame:
    """The pairs of `runs` with low <= content_hash < high, reading only the files that can hold them.

    Given sorted `hashes`, only the pairs of those hashes, from the files and row groups whose hash
    range holds one of them. Rows a tombstone kills are still there (tasks/repeats/runs.py `live`).
    """
    frames = [pl.DataFrame(schema=PAIRS)]
    for run in runs:
        for bucket, rel in enumerate(run.files):
            file_low, file_high = hash_range(bucket, len(run.files))
            start, end = max(low, file_low), min(high, file_high)
            if start < end:
                frames.append(_pairs_in(store, rel, start, end, hashes))
    return pl.concat(frames)


def _pairs_in(store: Store, rel: str, low: int, high: int, hashes: pl.Series | None) -> pl.DataFrame:
    """One pair file's rows with low <= content_hash < high, or only those of the sorted `hashes` there."""
    if hashes is None:
        return pl.from_arrow(store.read_parquet(rel)).filter(pl.col("content_hash").is_between(low, high - 1))
    wanted = hash_slice(hashes.to_frame("content_hash"), low, high)["content_hash"]
    if not wanted.len():  # no file read at all
        return pl.DataFrame(schema=PAIRS)
    found = pl.from_arrow(_row_groups_holding(store, rel, wanted))
    return found.filter(pl.col("content_hash").is_in(wanted.implode()))


def _row_groups_holding(store: Store, rel: str, hashes: pl.Series) -> pa.Table:
    """The row groups of a pair file (write_pairs) that can hold one of the sorted `hashes`.

    Group g holds the hashes from its first up to the next group's first, both included (one
    hash's rows may span groups); a file without the index of first hashes is read whole.
    """
    parquet = store.open_parquet(rel)
    index = (parquet.schema_arrow.metadata or {}).get(FIRST_HASHES)
    if index is None:
        return parquet.read()
    firsts = _decode_hashes(index)
    starts = (firsts.search_sorted(hashes, side="left") - 1).clip(0)
    ends = firsts.search_sorted(hashes, side="right")
    groups = pl.int_ranges(starts, ends, dtype=pl.Int64, eager=True).explode().unique().sort()
    return parquet.read_row_groups(groups.drop_nulls().to_list())


def write_pairs(store: Store, rel: str, pairs: pl.DataFrame) -> None:
    """A hash-sorted pair file in small row groups, with the first hash of each group in its metadata,
    so lookups read its footer and the few groups they need."""
    firsts = pairs["content_hash"].gather_every(ROW_GROUP_PAIRS).to_arrow()
    index = base64.b64encode(firsts.buffers()[1][: 8 * len(firsts)].to_pybytes()) if len(firsts) else b""
    table = pairs.to_arrow().replace_schema_metadata({FIRST_HASHES: index})
    store.write_parquet(rel, table, row_group_size=ROW_GROUP_PAIRS)


def _decode_hashes(index: bytes) -> pl.Series:
    raw = base64.b64decode(index)
    return pl.from_arrow(pa.Array.from_buffers(pa.uint64(), len(raw) // 8, [None, pa.py_buffer(raw)]))
