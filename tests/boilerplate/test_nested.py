"""Tests for tasks.boilerplate.nested: copies of text a kept enclosing paragraph already holds."""

import polars as pl
from test_boilerplate import BODY, frame, reasons

from tasks.boilerplate.flag import flag_boilerplate
from tasks.boilerplate.nested import MAX_CONTAINER_CHARS, with_copies
from tasks.clean.paragraphs import clean_paragraphs
from tasks.settings import DEFAULT_BASE_URL

SECOND = "Work on the approach roads starts in March, the council's engineer told a meeting on Monday."
# A <p> kept open around a table (quirks mode), as a scraper that takes every <p> hands it over.
CONTAINER = f"Bridge opens in spring 12:40, Jan 13 2008<table><tr><td><p>{BODY}</p><p>{SECOND}</p></td></tr></table>"


def cleaned(raw: list[str]) -> pl.DataFrame:
    """One article's raw paragraphs through the real clean stage, each seen in one article."""
    ingested = pl.DataFrame(
        {"article_id": "a", "source_file": "000_a.txt", "paragraph_index": range(len(raw)), "raw_html": raw},
        schema={"article_id": pl.String, "source_file": pl.String, "paragraph_index": pl.Int32, "raw_html": pl.String},
    )
    return clean_paragraphs(ingested, DEFAULT_BASE_URL).with_columns(repeat_count=pl.lit(1, pl.Int64))


def test_copies_below_a_kept_container_are_flagged() -> None:
    """The enclosing paragraph keeps the whole text; the nested ones that repeat it go."""
    flagged = flag_boilerplate(cleaned([CONTAINER, BODY, SECOND, "Comments on this story are welcome below."]))
    assert flagged["text"][0] == f"Bridge opens in spring 12:40, Jan 13 2008 {BODY} {SECOND}"
    assert flagged["boilerplate_reason"].to_list() == [None, "nested", "nested", None]


def test_copies_go_on_past_a_line_the_container_lacks() -> None:
    """An ad slot's line a parser moved out of the table sits between the copies; below it they are
    still copies, and a paragraph the container lacks stays."""
    later = "The mayor welcomed the date in a short statement on Tuesday."
    assert reasons(cleaned([CONTAINER, BODY, "Story continues", SECOND, later])) == [
        None,
        "nested",
        None,
        "nested",
        None,
    ]


def test_copies_of_a_flagged_container_are_judged_on_their_own() -> None:
    """When the rules flag the enclosing paragraph (all of it a link here), its copy stays unless
    its own signals flag it: no text is lost."""
    page = cleaned([f'<a href="/x">{CONTAINER}</a>', BODY])
    assert with_copies(page)["_outer_row"].to_list() == [None, 0]
    assert reasons(page) == ["link_dense", None]


def test_without_markup_nothing_is_a_copy() -> None:
    """Plain paragraphs that repeat a longer one's words are not nested: only markup shows nesting."""
    assert reasons(frame([f"{BODY} {SECOND}", BODY, SECOND])) == [None, None, None]


def test_a_container_longer_than_any_article_is_not_judged() -> None:
    """Every paragraph below a container is searched in it, so a hostile one is left alone."""
    for size, expected in ((MAX_CONTAINER_CHARS, 0), (MAX_CONTAINER_CHARS + 1, None)):
        outer = ((BODY + " ") * (size // len(BODY) + 1))[:size]
        page = frame([outer, BODY]).with_columns(raw_html=pl.Series([f"<p>{outer}</p>", BODY]))
        assert with_copies(page)["_outer_row"].to_list() == [None, expected]
