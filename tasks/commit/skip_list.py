"""The skip list as a base file and small per-run deltas: a commit writes what its run changed.

A run that changes the skip list writes one delta: the known rows it changed (a version
superseded, a quick key recorded anew, a part renamed by a rewrite), then the rows of the files it
wrote or quarantined, streamed into the file a batch at a time. Readers take the base and the
deltas in order, a file's last row winning. When the deltas would hold more than DELTA_SHARE of
the base's rows, or number MAX_DELTAS, the commit writes the merged list as a new base instead (a
compaction, as an LSM tree does): reads stay bounded, and a run's write is proportional to what is
new, amortised over the runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import polars as pl

from schemas.internal import FILES_STATE, QUICK_KEYS
from tasks.commit.staging import read_staged, read_staged_part
from tasks.storage.store import Store

MAX_DELTAS = 16
DELTA_SHARE = 0.25


@dataclass(frozen=True)
class StagedRows:
    """A run's new skip-list rows, staged one file per batch, read a batch at a time on every pass
    with that batch's quick keys recorded: a commit never holds the rows of every file at once."""

    store: Store
    files: list[str]  # each batch's staged FILES_STATE rows
    batch_nos: list[int]
    keys: str | None  # the plan's staged quick keys: part n holds batch n's (tasks/plan/plan.py)

    def __iter__(self) -> Iterator[pl.DataFrame]:
        for rel, batch_no in zip(self.files, self.batch_nos):
            keys = read_staged_part(self.store, self.keys, batch_no) if self.keys else pl.DataFrame(schema=QUICK_KEYS)
            yield _with_keys(read_staged(self.store, rel), keys)

    def count(self) -> int:
        """How many rows there are (one per file), from the staged files' record batches."""
        return sum(self.store.open_arrow(rel).count_rows() for rel in self.files)


@dataclass(frozen=True)
class SkipListChange:
    """What a run changes in the skip list: the rows of its files (`new_rows`, a frame per batch,
    `n_new` rows in all), the known files among them (`replaced`: read again, their new rows replace
    the known ones), quick keys recorded anew for known files, and the known current versions it
    superseded. `full`: the new rows are the whole list."""

    new_rows: Iterable[pl.DataFrame] = ()
    n_new: int = 0
    replaced: list[str] = field(default_factory=list)
    refreshed: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=QUICK_KEYS))
    superseded: list[str] = field(default_factory=list)
    full: bool = False

    def touches_known(self) -> bool:
        """Whether known rows change too (so the committed list must be read)."""
        return bool(self.superseded) or self.refreshed.height > 0


def changed_rows(change: SkipListChange, known: pl.DataFrame, renamed: dict[str, str]) -> pl.DataFrame:
    """The known rows a run changes, written before its own (`known` holds at least those:
    superseded, refreshed, or in a part the commit renamed); the rows of files it read again are
    replaced by their new ones."""
    touched = pl.col("source_file").is_in(change.superseded) | pl.col("source_file").is_in(
        change.refreshed["source_file"].implode()
    )
    changed = known.filter(
        (touched | pl.col("part").is_in(list(renamed))) & ~pl.col("source_file").is_in(change.replaced)
    )
    changed = changed.with_columns(
        is_current=pl.col("is_current") & ~pl.col("source_file").is_in(change.superseded),
        part=pl.col("part").replace(renamed),
    )
    return _with_keys(changed, change.refreshed)


def _with_keys(rows: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """Rows with these quick keys recorded; a file quarantined unread (no sha256) keeps none, so the
    next run tries it again."""
    recorded = rows.join(keys, on="source_file", how="left", suffix="_new", maintain_order="left")
    key = pl.when(pl.col("content_sha256").is_not_null()).then(pl.coalesce("quick_key_new", "quick_key"))
    return recorded.with_columns(key.alias("quick_key")).drop("quick_key_new")


def needs_compaction(base_rows: int, deltas: int, delta_rows: int) -> bool:
    """Whether the next delta should instead be merged with the list into a new base."""
    return deltas + 1 > MAX_DELTAS or delta_rows > base_rows * DELTA_SHARE


def read_skip_list(store: Store, paths: list[str]) -> pl.DataFrame:
    """The merged skip list of a base and its deltas (in order): each file's last row."""
    frames = [pl.DataFrame(schema=FILES_STATE)] + [_conformed(pl.from_arrow(store.read_parquet(p))) for p in paths]
    return merged(*frames) if len(paths) > 1 else pl.concat(frames)  # a base alone lists each file once


def merged(rows: pl.DataFrame, *deltas: pl.DataFrame) -> pl.DataFrame:
    """A skip list with deltas applied in order: each file's last row."""
    return pl.concat([rows, *deltas]).unique("source_file", keep="last", maintain_order=True)


def _conformed(found: pl.DataFrame) -> pl.DataFrame:
    """A stored skip list with every column of FILES_STATE (lists before quick keys have no quick_key)."""
    return found.select(pl.col(c) if c in found.columns else pl.lit(None, t).alias(c) for c, t in FILES_STATE.items())


def write_skip_list(store: Store, base: str, deltas: list[str], rows: pl.DataFrame) -> None:
    """Write a whole skip list in place, into its base, and empty its deltas (state rebuilt from the tables)."""
    store.write_parquet(base, rows.to_arrow())
    for rel in deltas:
        store.write_parquet(rel, pl.DataFrame(schema=FILES_STATE).to_arrow())


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
