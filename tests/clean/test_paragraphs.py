"""Tests for tasks.clean.paragraphs: the column-at-once parts of the clean stage."""

import polars as pl

from tasks.clean.paragraphs import clean_paragraphs, normalised_texts

BBC = "https://www.bbc.co.uk"


def test_normalised_text_collapses_every_whitespace_run_and_drops_punctuation() -> None:
    texts = pl.Series(["A\t\tB", " x\u3000 y\n", "a - b", "Route 66, 1999!", "one two"])
    assert normalised_texts(texts).to_list() == ["a b", "x y", "a b", "route 00 0000", "one two"]


def test_links_land_on_their_own_rows_among_plain_paragraphs() -> None:
    raw = ["plain", '<a href="/news">News</a> and <a href="https://x.org/">X</a>', "also plain", "<b>no links</b>"]
    frame = pl.DataFrame(
        {"article_id": "a", "source_file": "f", "paragraph_index": range(len(raw)), "raw_html": raw},
        schema={"article_id": pl.String, "source_file": pl.String, "paragraph_index": pl.Int32, "raw_html": pl.String},
    )
    cleaned = clean_paragraphs(frame, BBC)
    assert [[link["url"] for link in links] for links in cleaned["links"].to_list()] == [
        [],
        ["https://www.bbc.co.uk/news", "https://x.org/"],
        [],
        [],
    ]
    assert cleaned["n_links"].to_list() == [0, 2, 0, 0]
    assert cleaned["text"].to_list() == ["plain", "News and X", "also plain", "no links"]
