"""Enrich a batch's paragraphs: repetition joined, sentences counted, boilerplate flagged, then the
optional enrichments (language, quotes, numbers, tone)."""

from __future__ import annotations

import polars as pl

from schemas import NUMBER_TYPE, PARAGRAPHS_SCHEMA, QUOTE_TYPE, polars_schema
from tasks.arrow_lists import list_of_structs
from tasks.boilerplate.flag import flag_boilerplate
from tasks.enrich.language import detect_languages
from tasks.enrich.numbers import NUMBER_HINT, find_numbers
from tasks.enrich.quotes import find_quotes
from tasks.enrich.sentences import count_sentences_column
from tasks.enrich.sentiment import sentiment_scores
from tasks.settings import Enrichments, RepeatThresholds

PARAGRAPH_DTYPES = polars_schema(PARAGRAPHS_SCHEMA)


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
    texts = paragraphs["text"].to_list()
    nulls = [None] * len(texts)
    languages, confidences = detect_languages(texts) if enrichments.language else (nulls, nulls)
    quotes, shares = _article_quotes(paragraphs) if enrichments.quotes else (nulls, nulls)
    numbers = _numbers(paragraphs["text"]) if enrichments.numbers else nulls
    scalars = {
        "language": languages,
        "language_confidence": confidences,
        "quoted_share": shares,
        "sentiment": sentiment_scores(texts, languages) if enrichments.sentiment else nulls,
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
