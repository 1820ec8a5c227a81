"""Enrich: corpus repetition, boilerplate decision, sentence counts and per-article rollups."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from schemas import ARTICLES_SCHEMA, NUMBER_TYPE, PARAGRAPHS_SCHEMA, QUOTE_TYPE, polars_schema
from tasks.arrow_lists import list_of_structs
from tasks.boilerplate.flag import flag_boilerplate
from tasks.enrich.language import detect_languages
from tasks.enrich.numbers import NUMBER_HINT, find_numbers
from tasks.enrich.quotes import find_quotes
from tasks.enrich.sentences import count_sentences_column
from tasks.enrich.sentiment import sentiment_scores
from tasks.settings import Settings

PARAGRAPH_DTYPES = polars_schema(PARAGRAPHS_SCHEMA)
SPEAKERS_DTYPE = polars_schema(ARTICLES_SCHEMA)["speakers"]

REPEATS_SCHEMA = {"content_hash": pl.String, "repeat_count": pl.Int32, "first_article_id": pl.String}
# Ordinal of a text's first sighting: runs (manifest versions) first, then order within the run.
SEEN_RUN_STRIDE = 1 << 40
HASH_SPACE = 1 << 64
PAIRS_SCHEMA = {"content_hash": pl.UInt64, "article_id": pl.UInt64, "seen": pl.Int64}


def text_pairs(paragraphs: pl.DataFrame, first_seen: int) -> pl.DataFrame:
    """Distinct (content_hash, article_id) pairs of a batch, with the ordinal of their first row.

    Both ids are 16 hex digits, kept as 64-bit integers (a quarter of the memory of their hex
    strings). Sorted by hash, so each count bucket reads one slice of it.
    """
    return (
        paragraphs.select(id_as_int("content_hash"), id_as_int("article_id"))
        .with_row_index("seen")
        .group_by("content_hash", "article_id")
        .agg(pl.col("seen").min().cast(pl.Int64) + first_seen)
        .sort("content_hash", "article_id")
    )


def repeat_buckets(pairs: int, pairs_per_bucket: int) -> int:
    """How many hash buckets (a power of two) keep each count task near `pairs_per_bucket` pairs.

    Counting then holds one bucket's pairs at a time, so its memory stays flat however large
    the run and the output's history grow.
    """
    buckets = 1
    while buckets * pairs_per_bucket < pairs:
        buckets *= 2
    return buckets


def hash_range(bucket: int, buckets: int) -> tuple[int, int]:
    """The content hashes [low, high) of one bucket out of a power of two."""
    width = HASH_SPACE // buckets
    return bucket * width, (bucket + 1) * width


def hash_slice(pairs: pl.DataFrame, low: int, high: int) -> pl.DataFrame:
    """The rows of hash-sorted pairs with low <= content_hash < high."""
    hashes = pairs["content_hash"]
    start = hashes.search_sorted(low, side="left")
    end = hashes.len() if high >= HASH_SPACE else hashes.search_sorted(high, side="left")
    return pairs.slice(start, end - start)


def bucket_repeats(
    old: pl.DataFrame, batches: Iterable[pl.DataFrame], n_batches: int
) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    """One hash bucket's pairs after this run, and the repeat counts of each batch's texts in it.

    `old` holds the bucket's pairs from earlier runs and `batches` this run's, in batch order: the
    first sighting of a pair is kept, so earlier runs and batches win.
    """
    new = _stack(batches)
    texts = pl.concat([old, new.drop("batch")]).unique(["content_hash", "article_id"], keep="first")
    counts = repeat_counts(texts.lazy())
    by_batch = new.partition_by("batch", as_dict=True, include_key=False)
    empty = pl.DataFrame(schema=PAIRS_SCHEMA)
    return texts.sort("content_hash", "article_id"), [
        repeats_of(by_batch.get((i,), empty), counts) for i in range(n_batches)
    ]


def _stack(batches: Iterable[pl.DataFrame]) -> pl.DataFrame:
    """The batches' pairs tagged with their batch number, copied into one frame: the memory-mapped
    files they were sliced from are released once this returns, instead of staying resident."""
    tagged = [pairs.with_columns(batch=pl.lit(i, pl.UInt32)) for i, pairs in enumerate(batches)]
    return pl.concat([pl.DataFrame(schema=PAIRS_SCHEMA | {"batch": pl.UInt32}), *tagged], rechunk=True)


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


def repeats_of(batch_pairs: pl.DataFrame, counts: pl.DataFrame) -> pl.DataFrame:
    """The counts of one batch's texts, with hex ids again, ready to join to its paragraphs."""
    found = batch_pairs.select("content_hash").unique().join(counts, on="content_hash")
    return found.with_columns(_as_hex(found["content_hash"]), _as_hex(found["first_article_id"]))


def id_as_int(column: str) -> pl.Expr:
    """A 16-hex id column as the 64-bit integer the repeat counts are keyed by."""
    return pl.col(column).str.to_integer(base=16, dtype=pl.UInt64)


def _as_hex(ids: pl.Series) -> pl.Series:
    return pl.Series(ids.name, [f"{i:016x}" for i in ids], dtype=pl.String)


def enrich_paragraphs(paragraphs: pl.DataFrame, repeats: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Join repetition counts, count sentences and decide boilerplate for cleaned rows."""
    frame = (
        paragraphs.with_columns(count_sentences_column(paragraphs["text"]))
        .join(repeats, on="content_hash", how="left", maintain_order="left")
        .with_columns(n_paragraphs=pl.len().over("source_file").cast(pl.Int32))
    )
    flagged = flag_boilerplate(
        frame.rename({"repeat_count": "n_articles_with_text"}),
        repeat_threshold=settings.repeat_threshold,
        edge_repeat_threshold=settings.edge_repeat_threshold,
    )
    return analyse_text(flagged.rename({"n_articles_with_text": "repeat_count"}).drop("n_paragraphs"), settings)


def analyse_text(paragraphs: pl.DataFrame, settings: Settings) -> pl.DataFrame:
    """Language, quotes, numbers and tone; a switched-off enrichment leaves its columns null."""
    texts = paragraphs["text"].to_list()
    languages, confidences = detect_languages(texts) if settings.language else ([None] * len(texts),) * 2
    quotes, shares = _article_quotes(paragraphs) if settings.quotes else ([None] * len(texts),) * 2
    numbers = _numbers(paragraphs["text"]) if settings.numbers else [None] * len(texts)
    scalars = {
        "language": languages,
        "language_confidence": confidences,
        "quoted_share": shares,
        "sentiment": sentiment_scores(texts, languages) if settings.sentiment else [None] * len(texts),
    }
    return paragraphs.with_columns(
        *(pl.Series(name, values, dtype=PARAGRAPH_DTYPES[name]) for name, values in scalars.items()),
        list_of_structs("quotes", quotes, QUOTE_TYPE),
        list_of_structs("numbers", numbers, NUMBER_TYPE),
    )


def _numbers(texts: pl.Series) -> list[list[dict]]:
    """find_numbers on the paragraphs that can hold a number (a third of them in news text)."""
    maybe = texts.str.contains(NUMBER_HINT)
    return [find_numbers(text) if hint else [] for text, hint in zip(texts, maybe)]


def _article_quotes(paragraphs: pl.DataFrame) -> tuple[list[list[dict]], list[float]]:
    """find_quotes over each article's paragraphs in order, so speakers carry across paragraphs."""
    quotes: list[list[dict]] = []
    shares: list[float] = []
    for article in paragraphs.select("source_file", "text").partition_by("source_file", maintain_order=True):
        found, share = find_quotes(article["text"].to_list())
        quotes += found
        shares += share
    return quotes, shares


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
