"""Enrich: corpus repetition, boilerplate decision, sentence counts and per-article rollups."""

from __future__ import annotations

import polars as pl

from tasks.boilerplate import flag_boilerplate
from tasks.sentences import count_sentences
from tasks.settings import Settings

# Ordinal of a text's first sighting: runs (manifest versions) first, then order within the run.
SEEN_RUN_STRIDE = 1 << 40


def text_pairs(paragraphs: pl.DataFrame, first_seen: int) -> pl.DataFrame:
    """Distinct (content_hash, article_id) pairs of a batch, with the ordinal of their first row."""
    return (
        paragraphs.select("content_hash", "article_id")
        .with_row_index("seen")
        .group_by("content_hash", "article_id")
        .agg(pl.col("seen").min().cast(pl.Int64) + first_seen)
    )


def repeat_counts(pairs: pl.LazyFrame) -> pl.DataFrame:
    """Per normalised text: distinct articles holding it so far, and the first of them."""
    return (
        pairs.group_by("content_hash")
        .agg(
            repeat_count=pl.col("article_id").n_unique().cast(pl.Int32),
            first_article_id=pl.col("article_id").sort_by("seen").first(),
        )
        .collect()
    )


def enrich_paragraphs(paragraphs: pl.DataFrame, repeats: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Join repetition counts, count sentences and decide boilerplate for cleaned rows."""
    frame = paragraphs.join(repeats, on="content_hash", how="left").with_columns(
        n_sentences=pl.col("text").map_elements(count_sentences, return_dtype=pl.Int32),
        n_paragraphs=pl.len().over("source_file").cast(pl.Int32),
    )
    flagged = flag_boilerplate(
        frame.rename({"repeat_count": "n_articles_with_text"}),
        repeat_threshold=settings.repeat_threshold,
        edge_repeat_threshold=settings.edge_repeat_threshold,
    )
    return flagged.rename({"n_articles_with_text": "repeat_count"}).drop("n_paragraphs")


def article_rows(paragraphs: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """One row per article with paragraph, word and link totals and its lead."""
    content = ~pl.col("is_boilerplate")
    totals = paragraphs.group_by("source_file").agg(
        n_paragraphs=pl.len().cast(pl.Int32),
        n_content_paragraphs=content.sum().cast(pl.Int32),
        n_words=pl.col("n_words").sum().cast(pl.Int32),
        n_content_words=pl.col("n_words").filter(content).sum().cast(pl.Int32),
        n_links=pl.col("n_links").sum().cast(pl.Int32),
        lead=pl.col("text").filter(pl.col("is_lead")).first(),
    )
    return articles.join(totals, on="source_file", how="left")
