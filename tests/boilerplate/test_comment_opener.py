"""Tests for the comment-section opener as the article's end (rules.stages, `COMMENT_OPENER`)."""

import re

import pytest
from test_boilerplate import BODY, frame, reasons

from tasks.boilerplate.patterns import COMMENT_OPENER

# A reader comment long enough that four of them hold over 3/4 of a two-paragraph post's prose.
COMMENT = (
    "I walk over that bridge every morning and the delays were a disgrace from start to finish, "
    "the council should publish what the overruns cost and who signed off on the contractor's plans."
)
OPENER = "{ 4 comments… read them below or add one }"


def thread(opener: str, header: str) -> list[str]:
    """A two-paragraph post, then `opener` and four comments, each over a `header` line."""
    return [BODY, BODY + " Again.", opener, *[line for i in range(4) for line in (f"{i}: {COMMENT}", header)]]


@pytest.mark.parametrize(
    "text",
    [
        "12 comments",
        "no comments",
        "one comment",
        "{ 53 comments… read them below or add one }",
        "3 responses to “the bridge”",
        "10 thoughts on “the bridge”",
        "there are 7 comments about:",
        "comments (4)",
        "leave a reply",
        "have your say",
        "kommentare",
        "trackback url for this entry: http://example.org/tb/51782",
        "comments on this article are now closed.",
        "we are no longer accepting comments on this article.",
        "be the first to post a comment on this story",
    ],
)
def test_comment_section_openers(text: str) -> None:
    """Counts, headings, prompts, trackback lines and closed notices open a comment section."""
    assert re.search(COMMENT_OPENER, text)


@pytest.mark.parametrize(
    "text",
    [
        "facebook declined to comment on this story.",
        "discussion:",
        "comments on the report showed anger",
        "no comment",
        "no comment.",
    ],
)
def test_sentences_about_comments_open_nothing(text: str) -> None:
    """A sentence that mentions comments, a minutes' "Discussion:" heading, and "No comment" (a refusal,
    or a programme's name in a site's menu) are no opener."""
    assert not re.search(COMMENT_OPENER, text)


def test_opener_over_reply_links_ends_a_short_post() -> None:
    """Comments hold most of the page's prose, yet under an opener with reply links below it they go,
    the first comment (above the first reply link) too; the opener line itself stays to the other rules."""
    assert reasons(frame(thread(OPENER, "Reply"))) == [None] * 3 + ["after_article_end", "short_fragment"] * 4


def test_opener_over_bylines_ends_a_short_post() -> None:
    """Commenters' bylines under each comment ("Posted by Ann at 10:32 pm") count as headers too."""
    page = thread("3 Responses to “The bridge”", "Posted by Ann at 10:32 pm")
    assert reasons(frame(page)) == [None] * 3 + ["after_article_end", "byline"] * 4


def test_opener_without_comment_headers_below_needs_the_share() -> None:
    """Without comment headers below, an opener with over 3/4 of the body's prose below it ends
    nothing: the guard of every end marker."""
    texts = [BODY, BODY + " Again.", OPENER, *[f"{i}: {COMMENT}" for i in range(4)]]
    assert reasons(frame(texts)) == [None] * 7


def test_comments_heading_inside_a_story_stays() -> None:
    """A "Comments" heading with most of the prose below it and no comment headers under it is a
    section of the story (about readers' comments), not the end of the article."""
    texts = [BODY, BODY + " Again.", "Comments", *[f"{i}: {COMMENT}" for i in range(4)]]
    assert reasons(frame(texts)) == [None, None, None, None, None, None, None]


def test_opener_before_the_body_ends_nothing() -> None:
    """A comment count in the post's meta line, above the body's second paragraph, ends no article
    (no `after_article_end`): the comments are found by their reply links alone (thread.py), from
    the first one after the article's two paragraphs."""
    texts = [BODY, "12 Comments", BODY + " Again.", *[line for i in range(4) for line in (f"{i}: {COMMENT}", "Reply")]]
    assert reasons(frame(texts)) == [None, "comments", None, None] + ["comment_thread"] * 6 + ["short_fragment"]


def test_a_programme_named_no_comment_in_a_menu_above_the_story_ends_nothing() -> None:
    """Euronews lists its programmes, "No Comment" among them, above the story: the story stays."""
    ring = "The Ring is our weekly programme of political debate, where the sharpest arguments meet."
    menu = ["The Ring", ring, ring + " Live.", "No Comment"]
    story = [BODY, BODY + " Again.", BODY + " Once more."]
    assert reasons(frame([*menu, *story]))[4:] == [None, None, None]
