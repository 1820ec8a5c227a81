"""A batch's versions: every file read becomes a row of `article_versions`, and only the rows of
current versions go on to be cleaned, counted and published."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from schemas.internal import VERSION_ROW
from tasks.ingest.read import IngestedBatch


def version_rows(batch: IngestedBatch, planned: pl.DataFrame) -> pl.DataFrame:
    """One VERSION_ROW per file of the batch that was read, marked current as the plan chose."""
    counts = batch.paragraphs.group_by("source_file").agg(n_paragraphs=pl.len())
    return (
        batch.articles.join(counts, on="source_file", how="left", maintain_order="left")
        .join(
            planned.select("source_file", "file_modified_at", "is_current"),
            on="source_file",
            how="left",
            maintain_order="left",
        )
        .with_columns(pl.col("n_paragraphs").fill_null(0), pl.col("is_current").fill_null(True))
        .select(VERSION_ROW.names())
        .cast(VERSION_ROW)
    )


def current_only(batch: IngestedBatch, versions: pl.DataFrame) -> IngestedBatch:
    """The batch without the paragraphs and article rows of older versions."""
    older = versions.filter(~pl.col("is_current"))["source_file"].implode()
    keep = ~pl.col("source_file").is_in(older)
    return replace(batch, paragraphs=batch.paragraphs.filter(keep), articles=batch.articles.filter(keep))


def versions_table(versions: pl.DataFrame, run_id: str) -> pl.DataFrame:
    """The batch's `article_versions` rows: an older version is superseded by the run that read it."""
    return versions.with_columns(
        superseded_by_run_id=pl.when(pl.col("is_current")).then(pl.lit(None, pl.String)).otherwise(pl.lit(run_id))
    )
