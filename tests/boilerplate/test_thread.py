"""Tests for tasks.boilerplate.thread: reader comments under recurring headers below the core or after the article."""

import polars as pl
from test_boilerplate import frame, reasons
from test_topic import CORE, ON_TOPIC

from tasks.boilerplate.thread import line_shape

COMMENT = "Great piece, thanks. The council said the same thing about the old bridge back in spring."
HEADERS = ["Posted by Ann at 10:32 pm", "Mike Smith on March 3, 2012 at 10:32 am"]
# Comment headers no byline pattern knows: a linked name and date over each comment.
DATED = ["Anton 07.08.12 at 01:31", "Paul A. Rubin 07.08.12 at 13:51", "Mike 07.27.12 at 10:22"]
# A comment header of a WordPress theme (dragnet's "The Endeavour" pages): name and time, each classed.
HEADER_HTML = (
    '<span class="comment_author"><a href="http://example.org" class="url">Chris Nahr</a></span> '
    '<span class="comment_time">07.15.12 at 11:59</span>'
)
HEADER = "Chris Nahr 07.15.12 at 11:59"
HEADER2_HTML = '<span class="comment_author">Matthew Wyatt</span> <span class="comment_time">07.15.12 at 12:58</span>'
HEADER2 = "Matthew Wyatt 07.15.12 at 12:58"
LONG = f"{COMMENT} {COMMENT}"  # a comment whose segment, with two more, holds more prose than three article paragraphs


def with_html(texts: list[str], html: list[str | None]) -> pl.DataFrame:
    """`frame(texts)` whose raw_html is `html` where given, else the text itself."""
    return frame(texts).with_columns(raw_html=pl.Series([h or t for t, h in zip(texts, html, strict=True)]))


def linked(page: list[str], lines: list[str]) -> list[int]:
    """Link characters per paragraph: the given lines are links throughout (so `link_dense`), the rest none."""
    return [len(text) if text in lines else 0 for text in page]


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
    second = [paragraph.replace("spring", "summer") for paragraph in section]  # a section, not a copy
    page = [*CORE, "By Jane Doe", *section, "By John Roe", *second]
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


def test_line_shape_classes_names_words_and_numbers() -> None:
    """A run of capitalised words is one `A` (a name of any length), other words `a`, numbers `9`."""
    texts = [*DATED, "Rate This: 1 0", "Bout 15", "samuelweller , Tulsa, United States, 1 year ago"]
    shapes = pl.DataFrame({"text": texts}).select(line_shape(pl.col("text"))).to_series().to_list()
    assert shapes == ["A9.9.9a9:9", "A9.9.9a9:9", "A9.9.9a9:9", "A:99", "A9", "a,A,A,9aa"]


def test_dated_lines_of_one_shape_head_comments() -> None:
    """Three short dated lines of one shape below the core, each over a comment, are a thread's headers."""
    page = [*CORE, DATED[0], COMMENT, DATED[1], COMMENT + " Yes.", DATED[2], ON_TOPIC]
    assert reasons(frame(page, link_chars=linked(page, DATED)))[3:] == ["link_dense", "comment_thread"] * 3


def test_two_dated_lines_are_no_thread() -> None:
    """A shape that recurs only twice may be chance (two dated updates): no headers by shape."""
    page = [*CORE, DATED[0], COMMENT, DATED[1], ON_TOPIC]
    assert reasons(frame(page, link_chars=linked(page, DATED)))[3:] == ["link_dense", None] * 2


def test_a_list_of_dated_lines_heads_nothing() -> None:
    """Dated lines one under the other are a list (an archive, a schedule), not headers over comments."""
    page = [*CORE, *DATED, COMMENT, ON_TOPIC]
    assert reasons(frame(page, link_chars=linked(page, DATED)))[3:] == ["link_dense"] * 3 + [None, None]


def test_one_number_is_no_date() -> None:
    """Numbered lines ("Bout 15") head a live page's posts as often as comments: they need two numbers."""
    bouts = ["Bout 15", "Bout 14", "Bout 13"]
    page = [*CORE, bouts[0], COMMENT, bouts[1], COMMENT + " Yes.", bouts[2], ON_TOPIC]
    assert reasons(frame(page, link_chars=linked(page, bouts)))[3:] == ["link_dense", None] * 3


def test_dated_lines_over_short_lines_are_a_schedule() -> None:
    """A running order's times over short lines are no headers: a comment under a header is longer."""
    slots = ["Anna Calvi: 22:15 - 23:45", "Blur: 20:15 - 21:25", "Pulp: 18:15 - 19:15"]
    page = [*CORE, slots[0], "Anna Calvi plays", ON_TOPIC, slots[1], "Blur play", COMMENT, slots[2], "Pulp", COMMENT]
    assert reasons(frame(page, link_chars=linked(page, slots)))[3:] == ["link_dense", None, None] * 3


def test_a_thread_that_holds_the_core_is_judged_from_the_article() -> None:
    """Comments under headers the markup names, after three article paragraphs: the longest comment is
    the core, yet everything kept under the first header goes and the article stays."""
    page = [*CORE, HEADER, COMMENT, HEADER2, LONG, LONG + " Yes."]
    html = [None, None, None, HEADER_HTML, None, HEADER2_HTML, None, None]
    assert reasons(with_html(page, html)) == [None] * 3 + ["marked_furniture", "comment_thread"] * 2 + [
        "comment_thread"
    ]


def test_reply_links_in_the_article_run_head_a_thread() -> None:
    """Reply links no rule flags leave the article and its comments one run of prose, the core: the
    thread is judged from the first reply link on (the comment above it, the first, stays)."""
    page = [*CORE, COMMENT, "Reply", LONG, "Reply", COMMENT + " Yes."]
    assert reasons(frame(page)) == [None] * 4 + ["comment_thread"] * 4


def test_the_article_needs_two_prose_paragraphs_above_the_thread() -> None:
    """Under one prose paragraph above the first reply link there is no article to set the comments
    apart from: nothing is judged from there."""
    page = [CORE[0], "Reply", LONG, "Reply", COMMENT + " Yes."]
    assert reasons(frame(page)) == [None] * 5


def test_dated_bylines_count_below_a_marked_header() -> None:
    """Below a header the markup names, a dated byline is a second comment header; an undated one
    ("By Jane Doe") may be a section's writer and does not count, so one header is no thread."""
    dated = "Posted by: Ann | March 3, 2012 at 10:32 am"
    for byline, thread in ((dated, True), ("By Jane Doe", False)):
        page = [*CORE, HEADER, COMMENT, byline, LONG, LONG + " Yes.", LONG + " No."]
        html = [None, None, None, HEADER_HTML, *[None] * 5]
        comment = "comment_thread" if thread else None
        assert reasons(with_html(page, html)) == [None] * 3 + ["marked_furniture", comment, "byline"] + [comment] * 3


def test_a_live_page_under_time_stamps_is_no_thread() -> None:
    """A live page's posts under bare time stamps, the longest in the middle: a time stamp no rule flags
    belongs to the text around it, so nothing is judged."""
    post = "Firefighters closed both lanes of the bridge at ten while council engineers checked the span."
    page = [*CORE, "10:32", post, "10:15", LONG, LONG + " Yes.", "09:58", post + " Again.", "09:40", post + " Once."]
    assert reasons(frame(page)) == [None] * len(page)


def test_kept_numbered_subheadings_are_the_article() -> None:
    """A results story's kept subheadings of one dated shape ("Hawks 3 Owls 2") over a paragraph each
    are its sections, not comment headers, above the core's end as below it."""
    result = "At home, the Hawks scored twice in the third period and held on to beat the Owls by one goal."
    page = [*CORE, "Hawks 3 Owls 2", result, "Bears 4 Lions 1", result + " Again.", "Wolves 2 Foxes 0", LONG, LONG]
    assert reasons(frame(page)) == [None] * len(page)


def test_dates_of_other_stories_teased_in_the_article_head_no_thread() -> None:
    """A news site lists other stories inside and below its article, each under a date its markup
    classes as a teaser's (`teaser-absatz__date`, `teaser-xs__date`): those dates are no comment
    headers, so the article's paragraphs between them stay; the same dates classed as a comment's are."""
    for kind, thread in (("teaser-absatz", False), ("comment", True)):
        dates = ["24.03.2023", "22.03.2023 • 15:02 Uhr", "04.01.2023 • 08:03 Uhr"]
        page = [*CORE, dates[0], COMMENT, COMMENT + " Yes.", dates[1], dates[2]]
        html = [None] * 3 + [f'<span class="{kind}__date">{dates[0]}</span>', None, None]
        html += [f'<span class="{kind}__date">{d}</span>' for d in dates[1:]]
        comment = "comment_thread" if thread else None
        assert reasons(with_html(page, html))[3:6] == ["marked_furniture", comment, comment]


def test_runs_of_writers_recommended_inside_a_long_article_head_no_thread() -> None:
    """A guide interrupted, every few paragraphs, by four writers' names of stories it recommends (each
    classed as a byline): a list of header lines, not a comment's header, so the guide stays. Two such
    lines in a row (a comment's name and time) still head comments."""
    names = ["Matt Jancer", "David Nield", "Aarian Marshall", "Boone Ashworth"]
    byline = [f'<span class="byline__name">{name}</span>' for name in names]
    page = [*CORE, *names, LONG, LONG + " Yes.", *names, LONG + " No.", LONG + " Maybe."]
    html = [None] * 3 + byline + [None, None] + byline + [None, None]
    assert (
        reasons(with_html(page, html))
        == [None] * 3 + ["marked_furniture"] * 4 + [None] * 2 + ["marked_furniture"] * 4 + [None] * 2
    )
    page = [*CORE, *names[:2], COMMENT, *names[2:], COMMENT + " Yes."]
    html = [None] * 3 + byline[:2] + [None] + byline[2:] + [None]
    assert reasons(with_html(page, html))[3:] == ["marked_furniture"] * 2 + ["comment_thread"] + [
        "marked_furniture"
    ] * 2 + ["comment_thread"]
