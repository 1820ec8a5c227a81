"""Article rows: per-article totals, lead, main language and speakers, rolled up from its paragraphs."""

from __future__ import annotations

import polars as pl

from schemas import ARTICLES_SCHEMA, polars_schema

SPEAKERS_DTYPE = polars_schema(ARTICLES_SCHEMA)["speakers"]


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
        n_quotes=pl.when(pl.col("quotes").is_not_null().any()).then(pl.col("quotes").list.len().sum()).cast(pl.Int32),
    )
    return (
        articles.join(totals, on="source_file", how="left")
        .join(article_languages(paragraphs), on="source_file", how="left")
        .join(speaker_counts(paragraphs), on="source_file", how="left")
    )


def article_languages(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Per article: the language holding most of its content characters."""
    return (
        paragraphs.filter(~pl.col("is_boilerplate") & pl.col("language").is_not_null())
        .group_by("source_file", "language")
        .agg(chars=pl.col("n_chars").sum())
        .sort(["source_file", "chars", "language"], descending=[False, True, False])
        .group_by("source_file", maintain_order=True)
        .agg(pl.col("language").first())
    )


def speaker_counts(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Per article: each speaker and their number of real quotes (not scare quotes or titles), most quoted first."""
    spans = paragraphs.select("source_file", "quotes").explode("quotes")
    spans = spans.filter(pl.col("quotes").struct.field("kind") == "quote")
    spans = spans.select("source_file", speaker=pl.col("quotes").struct.field("speaker"))
    return (
        spans.drop_nulls("speaker")
        .group_by("source_file", "speaker")
        .agg(n_quotes=pl.len().cast(pl.Int32))
        .sort(["source_file", "n_quotes", "speaker"], descending=[False, True, False])
        .group_by("source_file", maintain_order=True)
        .agg(speakers=pl.struct("speaker", "n_quotes"))
        .with_columns(pl.col("speakers").cast(SPEAKERS_DTYPE))
    )
