"""The skip list as a base file and small per-run deltas: a commit writes what its run changed.

A run that changes the skip list writes one delta: the rows of the files it wrote or quarantined,
and the known rows it changed (a version superseded, a quick key recorded anew, a part renamed by
a rewrite). Readers take the base and the deltas in order, a file's last row winning. When the
deltas would hold more than DELTA_SHARE of the base's rows, or number MAX_DELTAS, the commit
writes the merged list as a new base instead (a compaction, as an LSM tree does): reads stay
bounded, and a run's write is proportional to what is new, amortised over the runs.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from schemas.internal import FILES_STATE, QUICK_KEYS
from tasks.storage.store import Store

MAX_DELTAS = 16
DELTA_SHARE = 0.25


@dataclass(frozen=True)
class SkipListChange:
    """What a run changes in the skip list: the rows of its files, quick keys recorded anew for known
    files, and the known current versions it superseded. `full`: the new rows are the whole list."""

    new_rows: pl.DataFrame
    refreshed: pl.DataFrame
    superseded: list[str]
    full: bool

    def touches_known(self) -> bool:
        """Whether known rows change too (so the committed list must be read)."""
        return bool(self.superseded) or self.refreshed.height > 0


def skip_list_change(
    new_files: list[pl.DataFrame], quick_keys: pl.DataFrame | None, superseded: list[str], full: bool
) -> SkipListChange:
    """The change a run makes: its files' rows (FILES_STATE, quick keys recorded) and the rest."""
    rows = pl.concat([pl.DataFrame(schema=FILES_STATE), *new_files], how="vertical_relaxed")
    keys = pl.DataFrame(schema=QUICK_KEYS) if quick_keys is None else quick_keys
    refreshed = keys.filter(~pl.col("source_file").is_in(rows["source_file"].implode()))
    return SkipListChange(_with_keys(rows, keys), refreshed, superseded, full)


def delta_rows(change: SkipListChange, known: pl.DataFrame, renamed: dict[str, str]) -> pl.DataFrame:
    """The rows a run adds to the skip list: its own, then the known rows it changed (`known` holds at
    least those: superseded, refreshed, or in a part the commit renamed)."""
    own = change.new_rows["source_file"].implode()
    touched = pl.col("source_file").is_in(change.superseded) | pl.col("source_file").is_in(
        change.refreshed["source_file"].implode()
    )
    changed = known.filter((touched | pl.col("part").is_in(list(renamed))) & ~pl.col("source_file").is_in(own))
    changed = changed.with_columns(
        is_current=pl.col("is_current") & ~pl.col("source_file").is_in(change.superseded),
        part=pl.col("part").replace(renamed),
    )
    return pl.concat([_with_keys(changed, change.refreshed), change.new_rows])


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
