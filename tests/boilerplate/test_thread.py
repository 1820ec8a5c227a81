"""Tests for tasks.boilerplate.thread: reader comments under recurring headers below the core."""

from test_boilerplate import frame, reasons
from test_topic import CORE, ON_TOPIC

COMMENT = "Great piece, thanks. The council said the same thing about the old bridge back in spring."
HEADERS = ["Posted by Ann at 10:32 pm", "Mike Smith on March 3, 2012 at 10:32 am"]


def test_comments_under_recurring_headers_below_the_core() -> None:
    """Two headers with a comment each: both comments go, the headers keep their byline code."""
    page = [*CORE, HEADERS[0], COMMENT, HEADERS[1], ON_TOPIC]
    assert reasons(frame(page)) == [None] * 3 + ["byline", "comment_thread", "byline", "comment_thread"]


def test_three_comments_per_header_are_still_a_thread() -> None:
    """Up to three kept paragraphs per header below the core."""
    page = [*CORE, HEADERS[0], COMMENT, COMMENT + " Yes.", HEADERS[1], COMMENT + " No.", ON_TOPIC, ON_TOPIC + " Ok."]
    assert reasons(frame(page))[3:] == ["byline"] + ["comment_thread"] * 2 + ["byline"] + ["comment_thread"] * 3


def test_one_header_below_the_body_is_no_thread() -> None:
    """A single byline below the body (an author box, a section's writer) leaves what follows alone."""
    assert reasons(frame([*CORE, HEADERS[0], ON_TOPIC, ON_TOPIC + " Ok."]))[3:] == ["byline", None, None]


def test_sections_by_several_writers_are_no_thread() -> None:
    """Four paragraphs under each of two bylines are an article's sections, not comments."""
    section = [ON_TOPIC, ON_TOPIC + " Yes.", ON_TOPIC + " No.", ON_TOPIC + " Ok."]
    page = [*CORE, "By Jane Doe", *section, "By John Roe", *section]
    assert reasons(frame(page))[3:] == ["byline", *[None] * 4, "byline", *[None] * 4]


def test_headers_above_the_core_do_not_count() -> None:
    """Bylines before the article's core are page furniture above it, not a thread below it."""
    page = [HEADERS[0], "By Jane Doe", *CORE, COMMENT]
    assert reasons(frame(page)) == ["byline", "byline", None, None, None, None]


def test_text_between_the_core_and_the_first_header_stays() -> None:
    """Only what is below the thread's first header is comments."""
    page = [*CORE, ON_TOPIC + " More.", "Tags: bridge", HEADERS[0], COMMENT, HEADERS[1], COMMENT + " No."]
    assert reasons(frame(page))[3:] == [None, None, "byline", "comment_thread", "byline", "comment_thread"]


def test_reply_links_head_comments_too() -> None:
    """A reply link alone on a line (any case, brackets, several languages) counts as a header."""
    page = [*CORE, COMMENT, "[Reply]", COMMENT + " Yes.", "Antworten", COMMENT + " No."]
    links = [len(text) if text in ("[Reply]", "Antworten") else 0 for text in page]
    assert reasons(frame(page, link_chars=links))[3:] == [
        None,
        "link_dense",
        "comment_thread",
        "link_dense",
        "comment_thread",
    ]
