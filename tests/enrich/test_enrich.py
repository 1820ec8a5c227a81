"""Enrich stage on whole batches: the columns analysts query, on the seed and on fixtures."""

from __future__ import annotations

import polars as pl

from tasks.clean.paragraphs import clean_paragraphs
from tasks.enrich.articles import article_rows
from tasks.enrich.paragraphs import analyse_text, enrich_paragraphs
from tasks.ingest.read import ingest_files
from tasks.repeats.buckets import repeat_counts, repeats_of
from tasks.repeats.pairs import text_pairs
from tasks.settings import DEFAULT_BASE_URL, Enrichments, InputLimits, RepeatThresholds
from tasks.storage.store import Store

SEED = "000_eb467b9fec6cd865.txt"


def enriched(folder, names, **switches) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Paragraphs and articles of some files, through ingest, clean and enrich."""
    batch = ingest_files(Store(str(folder)), names, InputLimits())
    cleaned = clean_paragraphs(batch.paragraphs, DEFAULT_BASE_URL)
    pairs = text_pairs(cleaned, 0)
    repeats = repeats_of(pairs, repeat_counts(pairs.lazy()))
    paragraphs = enrich_paragraphs(cleaned, repeats, RepeatThresholds(), Enrichments(**switches))
    return paragraphs, article_rows(paragraphs, batch.articles)


def test_seed_quotes_numbers_language(seed_dir):
    paragraphs, articles = enriched(seed_dir, [SEED])
    wagner = paragraphs.row(4, named=True)
    assert [(q["speaker"], q["start"]) for q in wagner["quotes"]] == [("James Heappey", 1)]
    assert wagner["quotes"][0]["text"].startswith("The Wagner Group is linked to mass human rights abuses")
    assert paragraphs.row(1, named=True)["numbers"] == [
        {"text": "2020", "value": 2020.0, "kind": "year", "unit": None},
        {"text": "300 British soldiers", "value": 300.0, "kind": "count", "unit": "soldiers"},
    ]
    assert set(paragraphs["language"]) == {"en"}
    article = articles.row(0, named=True)
    assert (article["language"], article["n_quotes"], article["speakers"]) == (
        "en",
        12,
        [{"speaker": "James Heappey", "n_quotes": 9}],
    )


def test_multi_paragraph_quote_unknown_speaker_money_and_french(tmp_path):
    paragraphs = [
        'Ms Patel said: "We will not stop.',
        '"The work goes on until it is done."',
        '"Nobody knows what comes next," a sign in the window read.',
        "The bill rose to £15.8m, up 12% on the year.",
        "Residents said the new park is wonderful.",
        "Le gouvernement a annoncé une nouvelle réforme des retraites mardi soir.",
    ]
    (tmp_path / "001_00000000000000aa.txt").write_text(repr(paragraphs))
    frame, _ = enriched(tmp_path, ["001_00000000000000aa.txt"], sentiment=True)
    speakers = [[q["speaker"] for q in quotes] for quotes in frame["quotes"]]
    assert speakers[:3] == [["Patel"], ["Patel"], [None]]
    assert frame.row(3, named=True)["numbers"] == [
        {"text": "£15.8m", "value": 15_800_000.0, "kind": "money", "unit": "GBP"},
        {"text": "12%", "value": 12.0, "kind": "percent", "unit": "%"},
    ]
    assert frame.row(5, named=True)["language"] == "fr"
    assert frame["sentiment"].cast(pl.Float64).round(4).to_list()[3:] == [0.0, 0.5719, None]


def test_switched_off_enrichments_are_null(seed_dir):
    paragraphs, articles = enriched(seed_dir, [SEED], language=False, quotes=False, numbers=False, sentiment=False)
    for column in ("language", "language_confidence", "quotes", "quoted_share", "numbers", "sentiment"):
        assert paragraphs[column].null_count() == 29, column
    assert (articles.row(0, named=True)["speakers"], articles.row(0, named=True)["n_quotes"]) == (None, None)


def test_quotes_columns_are_empty_and_zero_outside_the_quoted_rows():
    frame = pl.DataFrame(
        {
            "source_file": ["a.txt", "a.txt", "b.txt", "b.txt", "b.txt"],
            "text": ['A "so-called" plan.', "None here.", "None.", 'Mr Jones said: "We won."', '"Again," he added.'],
        }
    )
    quotes_only = Enrichments(language=False, quotes=True, numbers=False, sentiment=False)
    analysed = analyse_text(frame, quotes_only)
    assert analysed["quotes"].to_list() == [
        [{"text": "so-called", "speaker": None, "start": 3, "end": 12, "speaker_kind": "none", "kind": "scare"}],
        [],
        [],
        [{"text": "We won.", "speaker": "Jones", "start": 16, "end": 23, "speaker_kind": "name", "kind": "quote"}],
        [{"text": "Again,", "speaker": "Jones", "start": 1, "end": 7, "speaker_kind": "resolved", "kind": "quote"}],
    ]
    # a scare quote's row has a share of 0 like a row without quotes; Float32 as the schema has it
    assert analysed["quoted_share"].to_list() == pl.Series([0.0, 0.0, 0.0, 7 / 24, 6 / 18], dtype=pl.Float32).to_list()
    assert analysed.schema == analyse_text(frame.head(0), quotes_only).schema
    numbers_only = analyse_text(frame, Enrichments(language=False, quotes=False, numbers=True, sentiment=False))
    assert numbers_only["quotes"].null_count() == numbers_only["quoted_share"].null_count() == 5
