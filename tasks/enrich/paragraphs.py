"""Enrich a batch's paragraphs: repetition joined, sentences counted, boilerplate flagged, then the
optional enrichments (language, quotes, numbers, tone)."""

from __future__ import annotations

from dataclasses import astuple

import polars as pl

from schemas import NUMBER_TYPE, PARAGRAPHS_SCHEMA, QUOTE_TYPE, polars_schema
from tasks.arrow_lists import list_of_structs, scattered_lists, scattered_tuples
from tasks.boilerplate.flag import flag_boilerplate
from tasks.enrich.language import detect_languages
from tasks.enrich.numbers import DIGIT_HINT, NUMBER_HINT, WORD_HINT, find_numbers
from tasks.enrich.quotes import QUOTE_HINT, VERB_HINT, QuoteRow, quoted_paragraphs
from tasks.enrich.sentences import count_sentences_column
from tasks.enrich.sentiment import sentiment_scores
from tasks.settings import Enrichments, RepeatThresholds

PARAGRAPH_DTYPES = polars_schema(PARAGRAPHS_SCHEMA)
ANALYSED = ("language", "language_confidence", "quoted_share", "sentiment", "quotes", "numbers")


def enrich_paragraphs(
    paragraphs: pl.DataFrame, repeats: pl.DataFrame, thresholds: RepeatThresholds, enrichments: Enrichments
) -> pl.DataFrame:
    """Join repetition counts, count sentences and decide boilerplate for cleaned rows."""
    frame = paragraphs.with_columns(count_sentences_column(paragraphs["text"])).join(
        repeats, on="content_hash", how="left", maintain_order="left"
    )
    flagged = flag_boilerplate(frame, repeat_threshold=thresholds.anywhere, edge_repeat_threshold=thresholds.edge)
    return analyse_text(flagged, enrichments)


def analyse_text(paragraphs: pl.DataFrame, enrichments: Enrichments) -> pl.DataFrame:
    """Language, quotes, numbers and tone; a switched-off enrichment leaves its columns null."""
    if not any(astuple(enrichments)):  # the base stages: no Python list of the texts to build
        return paragraphs.with_columns(pl.lit(None, PARAGRAPH_DTYPES[name]).alias(name) for name in ANALYSED)
    texts = paragraphs["text"].to_list()
    nulls = [None] * len(texts)
    languages, confidences = detect_languages(paragraphs["text"]) if enrichments.language else (nulls, nulls)
    quotes, shares = _article_quotes(paragraphs, texts) if enrichments.quotes else _no_quotes(len(texts))
    numbers = (
        _numbers(paragraphs["text"], texts) if enrichments.numbers else list_of_structs("numbers", nulls, NUMBER_TYPE)
    )
    sentiment = sentiment_scores(texts, languages) if enrichments.sentiment else nulls
    return paragraphs.with_columns(
        pl.Series("language", languages, dtype=PARAGRAPH_DTYPES["language"]),
        pl.Series("language_confidence", confidences, dtype=PARAGRAPH_DTYPES["language_confidence"]),
        shares,
        pl.Series("sentiment", sentiment, dtype=PARAGRAPH_DTYPES["sentiment"]),
        quotes,
        numbers,
    )


def _numbers(column: pl.Series, texts: list[str]) -> pl.Series:
    """The numbers column: find_numbers on the paragraphs that can hold a number (a third of them in
    news text), each scan (digits, spelled numbers) only where Polars finds what it needs and from
    where it first finds it; the digit and word tests run on those paragraphs only, and the others
    are empty lists in Arrow."""
    rows = column.str.contains(NUMBER_HINT).arg_true()
    hinted = column.gather(rows)
    scans = pl.DataFrame({"row": rows, "digit": hinted.str.find(DIGIT_HINT), "word": hinted.str.find(WORD_HINT)})
    scans = scans.filter(pl.col("digit").is_not_null() | pl.col("word").is_not_null())
    found = [find_numbers(texts[row], digits_at, words_at) for row, digits_at, words_at in scans.iter_rows()]
    return scattered_lists("numbers", len(texts), scans["row"], found, NUMBER_TYPE)


def _article_quotes(paragraphs: pl.DataFrame, texts: list[str]) -> tuple[pl.Series, pl.Series]:
    """The quotes and quoted_share columns: quoted_paragraphs over each article's paragraphs in
    order, so speakers carry across paragraphs.

    Articles are runs of rows with one source_file; an article without a quote mark has no quotes
    and a share of 0 in every paragraph, so quoted_paragraphs runs only on the others. Only the rows with
    a quote (a third of news paragraphs) are in Python, as tuples, scattered into empty lists and zeros.
    """
    marked = paragraphs["text"].str.contains(QUOTE_HINT).fill_null(False).to_list()
    spoken = paragraphs["text"].str.contains(VERB_HINT).fill_null(False).to_list()
    lengths = paragraphs["source_file"].rle().struct.field("len").to_list()
    rows: list[int] = []
    found: list[tuple[QuoteRow, ...]] = []
    shares: list[float] = []
    start = 0
    for length in lengths:
        end = start + length
        if any(marked[start:end]):
            for at, quotes, share in quoted_paragraphs(texts[start:end], marked[start:end], spoken[start:end]):
                rows.append(start + at)
                found.append(quotes)
                shares.append(share)
        start = end
    at = pl.Series(rows, dtype=pl.UInt32)
    share_dtype = PARAGRAPH_DTYPES["quoted_share"]
    share_column = pl.zeros(len(texts), share_dtype, eager=True).scatter(at, pl.Series(shares, dtype=share_dtype))
    return scattered_tuples("quotes", len(texts), at, found, QUOTE_TYPE), share_column.alias("quoted_share")


def _no_quotes(length: int) -> tuple[pl.Series, pl.Series]:
    """The quotes and quoted_share columns with the enrichment off: nulls."""
    nulls = [None] * length
    return list_of_structs("quotes", nulls, QUOTE_TYPE), pl.Series(
        "quoted_share", nulls, dtype=PARAGRAPH_DTYPES["quoted_share"]
    )
