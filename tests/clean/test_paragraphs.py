"""Tests for tasks.clean.paragraphs: the column-at-once parts of the clean stage."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.clean.paragraphs import clean_paragraphs, content_hashes, normalised_texts

BBC = "https://www.bbc.co.uk"


def test_normalised_text_collapses_every_whitespace_run_and_drops_punctuation() -> None:
    texts = pl.Series(["A\t\tB", " x\u3000 y\n", "a - b", "Route 66, 1999!", "one two"])
    assert normalised_texts(texts).to_list() == ["a b", "x y", "a b", "route 00 0000", "one two"]


def test_normalised_text_turns_every_unicode_digit_to_zero_and_every_unicode_space_to_one() -> None:
    texts = pl.Series(
        ["A\u00f1o \u0663\u0967, \uff11!", "caf\u00e9\u00a0\u2002\u2014 \u201cx\u201d", "\u00bfQu\u00e9?\u3000\t"]
    )
    assert normalised_texts(texts).to_list() == ["a\u00f1o 00 0", "caf\u00e9 x", "qu\u00e9"]


def _four_passes(texts: pl.Series) -> pl.Series:
    """The normal form spelled as four passes over every row: what the cheaper passes must equal."""
    lower = texts.str.to_lowercase().str.replace_all(r"\d", "0")
    return lower.str.replace_all(r"[^\w\s]", "").str.replace_all(r"\s+", " ").str.strip_chars()


SPACES_DIGITS_PUNCTUATION = st.sampled_from(
    list("aZ9_ .,'-\t\n\x0b\x0c\r\x1c\x00\x7f")
    + [
        "\u00a0",
        "\u2002",
        "\u3000",
        "\u0085",
        "\u200b",
        "\u0663",
        "\uff11",
        "\u00b2",
        "\u2019",
        "\u2014",
        "\u0130",
        "\u212a",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(SPACES_DIGITS_PUNCTUATION, max_size=20) | st.text(max_size=20), max_size=30))
def test_normalised_text_equals_the_four_full_passes_on_any_text(values: list[str]) -> None:
    texts = pl.Series(values, dtype=pl.String)
    assert normalised_texts(texts).to_list() == _four_passes(texts).to_list()


def test_content_hash_is_blake2b_64_of_the_normalised_utf8() -> None:
    assert content_hashes(pl.Series(["Caf\u00e9, 1999!", "caf\u00e9 0000"])) == ["7f0df64574c1a9ae"] * 2


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
