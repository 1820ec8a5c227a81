"""Enrich stage on whole batches: the columns analysts query, on the seed and on fixtures."""

from __future__ import annotations

import polars as pl

from tasks.clean import paragraphs as clean
from tasks.enrich import paragraphs as enrich
from tasks.ingest.files import ingest_files
from tasks.settings import Settings
from tasks.storage.store import Store

SEED = "000_eb467b9fec6cd865.txt"


def enriched(folder, names, **options) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Paragraphs and articles of some files, through ingest, clean and enrich."""
    settings = Settings(input=str(folder), output="unused", **options)
    batch = ingest_files(Store(str(folder)), names, settings)
    cleaned = clean.clean_paragraphs(batch.paragraphs, settings.base_url)
    pairs = enrich.text_pairs(cleaned, 0)
    repeats = enrich.repeats_of(pairs, enrich.repeat_counts(pairs.lazy()))
    paragraphs = enrich.enrich_paragraphs(cleaned, repeats, settings)
    return paragraphs, enrich.article_rows(paragraphs, batch.articles)


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


def test_repeat_buckets_split_the_hash_space_in_powers_of_two():
    assert [enrich.repeat_buckets(pairs, 10) for pairs in (0, 10, 11, 41)] == [1, 1, 2, 8]
    assert enrich.hash_range(1, 4) == (1 << 62, 1 << 63)
    assert enrich.hash_range(3, 4)[1] == 1 << 64
    pairs = pl.DataFrame({"content_hash": [1, 1 << 62, (1 << 63) + 5], "article_id": [1, 2, 3], "seen": [0, 1, 2]})
    pairs = pairs.cast(enrich.PAIRS_SCHEMA)
    assert enrich.hash_slice(pairs, 1 << 62, 1 << 63)["article_id"].to_list() == [2]
    assert enrich.hash_slice(pairs, 1 << 63, 1 << 64)["article_id"].to_list() == [3]


def test_bucket_repeats_keep_first_sightings_and_count_per_batch():
    def frame(rows):
        return pl.DataFrame(rows, schema=enrich.PAIRS_SCHEMA, orient="row")

    old = frame([(5, 1, 0)])  # an earlier run saw text 5 in article 1
    batches = [frame([(5, 2, 10), (7, 2, 11)]), frame([(5, 1, 20)]), frame([])]
    texts, counts = enrich.bucket_repeats(old, iter(batches), 3)
    assert texts.rows() == [(5, 1, 0), (5, 2, 10), (7, 2, 11)]
    hex_id = "{:016x}".format
    assert [part.sort("content_hash").rows() for part in counts] == [
        [(hex_id(5), 2, hex_id(1)), (hex_id(7), 1, hex_id(2))],
        [(hex_id(5), 2, hex_id(1))],
        [],
    ]
