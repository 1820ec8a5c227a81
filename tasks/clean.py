"""Clean: paragraph HTML to text, links and the bold lead, plus the hash that finds repeats."""

from __future__ import annotations

import hashlib

import polars as pl

from schemas import LINK_TYPE
from tasks.arrow_lists import list_of_structs
from tasks.html_text import clean_paragraph


def clean_paragraphs(paragraphs: pl.DataFrame, base_url: str) -> pl.DataFrame:
    """Add text, links, is_lead, counts and content_hash to ingested paragraph rows."""
    cleaned = [clean_paragraph(html, base_url) for html in paragraphs["raw_html"]]
    texts = [c.text for c in cleaned]
    frame = paragraphs.with_columns(
        pl.Series("text", texts, dtype=pl.String),
        list_of_structs("links", [c.links for c in cleaned], LINK_TYPE),
        pl.Series("is_bold", [c.is_bold for c in cleaned], dtype=pl.Boolean),
        pl.Series("link_chars", [c.link_chars for c in cleaned], dtype=pl.Int32),
        pl.Series("content_hash", content_hashes(texts), dtype=pl.String),
    )
    return frame.with_columns(
        is_lead=pl.col("is_bold") & (pl.col("paragraph_index") == 0),
        n_links=pl.col("links").list.len().cast(pl.Int32),
        n_chars=pl.col("text").str.len_chars().cast(pl.Int32),
        n_words=pl.col("text").str.count_matches(r"\w+").cast(pl.Int32),
    ).drop("is_bold")


def normalised_texts(texts: pl.Series) -> pl.Series:
    """CCNet-style normal form: lower case, digits as 0, no punctuation, single spaces."""
    return (
        texts.str.to_lowercase()
        .str.replace_all(r"\d", "0")
        .str.replace_all(r"[^\w\s]", "")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def content_hashes(texts: list[str]) -> list[str]:
    """blake2b-64 of each normalised text: stable across Polars versions, unlike Series.hash."""
    normal = normalised_texts(pl.Series(texts, dtype=pl.String))
    return [hashlib.blake2b(t.encode(), digest_size=8).hexdigest() for t in normal]
