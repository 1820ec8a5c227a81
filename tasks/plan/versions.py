"""Article versions: which of the files that carry one article id is the article's current version.

A scraper that fetches an updated article writes a new file with the same id. The current version
is the newest file by modification time, ties broken by the larger file name; only its rows are
published, and every version is recorded in `article_versions`. The choice is made from the listing
and the skip list before any file is read, so batches never wait for each other, and the repeat
counts can drop a superseded version's texts before they count the new ones.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from schemas.internal import PLANNED


class Versions(NamedTuple):
    """The files a run reads, each marked current or not, and the known current files they supersede."""

    planned: pl.DataFrame
    superseded: list[str]


def choose_versions(todo: pl.DataFrame, known: pl.DataFrame) -> Versions:
    """Mark the newest of each article's files current, among this run's `todo` files (source_file,
    article_id, file_modified_at) and the article's known current file (skip-list rows).

    A file without a modification time counts as the oldest. A known file that this run reads again
    (its content changed) competes with its new content only.
    """
    ids, reread = todo["article_id"].implode(), todo["source_file"].implode()
    rivals = known.filter(
        pl.col("is_current") & pl.col("article_id").is_in(ids) & ~pl.col("source_file").is_in(reread)
    ).select(todo.columns)
    candidates = pl.concat([todo.with_columns(new=pl.lit(True)), rivals.with_columns(new=pl.lit(False))])
    # the newest is the last of its article in (time, name) order: found through a permutation, so
    # that no sorted copy of the candidates is made
    order = candidates.select(pl.arg_sort_by("file_modified_at", "source_file", nulls_last=False))
    newest = candidates["article_id"].gather(order.to_series()).is_last_distinct()
    ranked = candidates.with_columns(is_current=newest.gather(order.to_series().arg_sort()))
    superseded = ranked.filter(~pl.col("new") & ~pl.col("is_current"))["source_file"].to_list()
    return Versions(ranked.filter("new").select(PLANNED.names()).cast(PLANNED), sorted(superseded))
