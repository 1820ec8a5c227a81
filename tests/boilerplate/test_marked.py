"""Tests for tasks.boilerplate.marked and the marked_furniture rule: furniture the markup's class names."""

import polars as pl
import pytest
from test_boilerplate import BODY, frame, reasons
from test_thread import COMMENT, HEADER, HEADER2, HEADER2_HTML, HEADER_HTML, with_html
from test_topic import CORE, ON_TOPIC

from tasks.boilerplate.marked import marked, marked_share


def shares(rows: list[tuple[str, str]]) -> list[float]:
    """marked_share of each (raw_html, text) pair, rounded to 3 places."""
    df = pl.DataFrame({"raw_html": [h for h, _ in rows], "text": [t for _, t in rows]})
    values = df.select(marked_share(pl.col("raw_html"), pl.col("text"))).to_series().to_list()
    return [round(v, 3) for v in values]


def test_share_of_text_inside_furniture_classes() -> None:
    """Characters inside marked elements over visible characters, white space aside: two classed
    spans make a whole header, a linked author name part of a German byline (14 of 45), a nested
    link and an entity count as text, and tag names may be upper case."""
    rows = [
        (HEADER_HTML, HEADER),
        (
            'Von <a class="author-link" href="/a">Moritz Bachmann</a> publiziert am 25. September 2018',
            "Von Moritz Bachmann publiziert am 25. September 2018",
        ),
        ('<SPAN class="byline">By Ann &amp; <B>Bob</B></SPAN>', "By Ann & Bob"),
        ('<span class="metadata__byline__author">Analysis by Chris Cillizza</span>', "Analysis by Chris Cillizza"),
    ]
    assert shares(rows) == [1.0, 0.311, 1.0, 1.0]


def test_class_words_count_in_lower_case_only() -> None:
    """A row picked for a lower-case class word counts only lower-case ones: the link classed
    "ReadMore" beside a classed date is not furniture text (4 of 25 characters are), as it would
    not be on a row of its own."""
    html = '<span class="date">May 3</span> <a class="ReadMore" href="/s">Read the whole story here</a>'
    assert shares([(html, "May 3 Read the whole story here")]) == [0.16]


@pytest.mark.parametrize(
    "cls",
    ["authority", "update", "candidate", "timeline", "metadata", "Byline", "image-caption", "photo-credit", "kicker"],
)
def test_class_words_match_whole_tokens_only(cls: str) -> None:
    """A furniture word inside a longer one is not it ("author" in "authority", "date" in "update" and
    "candidate", "time" in "timeline", "meta" in "metadata"); words are matched in lower case, as
    templates write them; captions, credits and kickers are not furniture words (gold on aeb)."""
    df = pl.DataFrame({"raw_html": [f'<span class="{cls}">March 6, 2001</span>'], "text": ["March 6, 2001"]})
    assert marked(df).to_list() == [False]


def test_void_element_does_not_stretch_the_element() -> None:
    """A `<br>` inside a byline has no closing tag: the text after the byline's own `</span>` is not in it."""
    rows = [('<span class="byline">By Ann<br></span> said the council on Monday', "By Ann said the council on Monday")]
    assert shares(rows) == [0.185]  # "ByAnn": 5 of 27


def test_unpunctuated_marked_lines_are_flagged_anywhere() -> None:
    """A comment header and a date line the markup names go, inside the body too; an author's
    biography in an "author" box ends a sentence and stays (gold on CleanEval), and a caption
    classed so stays (gold on aeb)."""
    texts = [BODY, HEADER, BODY + " Two.", "March 6, 2001", "Ann Lee is a writer in Leeds.", "The bridge at dawn", BODY]
    html = [
        None,
        HEADER_HTML,
        None,
        '<span class="entry-date">March 6, 2001</span>',
        '<span class="author-bio">Ann Lee is a writer in Leeds.</span>',
        '<span class="caption">The bridge at dawn</span>',
        None,
    ]
    assert reasons(with_html(texts, html)) == [None, "marked_furniture", None, "marked_furniture", None, None, None]


def test_marked_headers_make_a_comment_thread() -> None:
    """Two comment headers the markup names head a thread below the core: the comments under them go.
    The same lines in plain text are two dated lines, too few to be headers by their shape alone."""
    page = [*CORE, HEADER, COMMENT, HEADER2, ON_TOPIC]
    html = [None] * len(CORE) + [HEADER_HTML, None, HEADER2_HTML, None]
    assert reasons(with_html(page, html))[3:] == ["marked_furniture", "comment_thread"] * 2
    assert reasons(frame(page))[3:] == [None, None, None, None]
