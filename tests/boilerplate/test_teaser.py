"""Tests for tasks.boilerplate.teaser: runs of headline links over summaries after the core."""

import polars as pl
from test_boilerplate import frame, reasons
from test_topic import CORE

from tasks.boilerplate.teaser import HEADLINE_OVER_SUMMARY

ARTICLE = [*CORE, *(p + " Again." for p in CORE)]  # more prose than the teasers: the page's core

# Teasers on the same beat: they share the core's words, so topic.py keeps them.
STORIES = [
    ("Council delays new river crossing", "The council said the second bridge over the river would open a year late."),
    ("Engineers check the old bridge", "Council engineers said the old river bridge needs repairs before spring."),
    ("Residents split over bridge tolls", "Residents near the river said the council's bridge toll was too high."),
]


def teaser_page(before: list[str], stories: list[tuple[str, str]], after: list[str]) -> pl.DataFrame:
    """A page of plain paragraphs with teaser entries (`<a>headline</a><br>summary`) between them."""
    texts = [*before, *(f"{h} {s}" for h, s in stories), *after]
    html = [*before, *(f'<a href="/story/{i}">{h}</a><br>{s}' for i, (h, s) in enumerate(stories)), *after]
    links = [0] * len(before) + [len(h) for h, _ in stories] + [0] * len(after)
    return frame(texts, link_chars=links).with_columns(raw_html=pl.Series(html))


def test_headline_links_over_summaries_after_the_core_are_teasers() -> None:
    """A run of entries below the article, after a break, goes even where it shares the core's words."""
    assert reasons(teaser_page([*ARTICLE, "By Jane Doe"], STORIES, [])) == [None] * 6 + ["byline"] + ["teaser"] * 3


def test_a_single_entry_stays() -> None:
    """One paragraph opening with a headline link is not a list of other stories."""
    assert reasons(teaser_page([*ARTICLE, "By Jane Doe"], STORIES[:1], [])) == [None] * 6 + ["byline", None]


def test_entries_in_the_core_or_before_it_stay() -> None:
    """The core's own paragraphs and what comes before the core are never teasers."""
    assert reasons(teaser_page(ARTICLE, STORIES, [])) == [None] * 9
    assert reasons(teaser_page([], STORIES, ["By Jane Doe", *ARTICLE])) == [None] * 3 + ["byline"] + [None] * 6


def test_a_listing_page_is_its_own_content() -> None:
    """Where the core itself is such entries (an index of reports), later entries stay too."""
    page = teaser_page([], STORIES, ["By Jane Doe"])
    later = [(headline, summary.replace("said", "says")) for headline, summary in STORIES[:2]]  # not copies
    more = teaser_page([], later, []).with_columns(paragraph_index=pl.col("paragraph_index") + 4)
    assert reasons(pl.concat([page, more])) == [None] * 3 + ["byline", None, None]


def test_headline_over_summary_markup() -> None:
    """A link opening the paragraph, closed by a line break, with text after it; wrappers allowed."""
    cases = {
        '<a href="/a">Bridge opens</a><br>The council said ...': True,
        '<h3><a href="/a">Bridge opens</a></h3><br/>The council said ...': True,
        ' <strong><a class="x" href="/a">Bridge opens</a></strong> <BR> The council said ...': True,
        '<a href="/a">Bridge</a> opens, the council said.<br>More': False,  # a link in running text
        '<a href="/a">Bridge opens</a><br>': False,  # nothing below the line break
        'The <a href="/a">council</a> said<br>More': False,  # not opening the paragraph
        '<a href="/a"><img src="x.jpg"></a><br>The council said ...': False,  # an image link, no headline
    }
    got = pl.Series(list(cases)).str.contains(HEADLINE_OVER_SUMMARY).to_list()
    assert got == list(cases.values())


def test_an_entry_between_link_dense_entries_is_a_teaser() -> None:
    """Entries whose summary is too short to outweigh the headline link are flagged `link_dense`;
    the one with a longer summary between them is in the same run of teasers."""
    short = ("Council names the new bridge after a local engineer", "Vote on Monday")
    stories = [short, STORIES[0], short]
    assert reasons(teaser_page([*ARTICLE, "By Jane Doe"], stories, [])) == [None] * 6 + [
        "byline",
        "link_dense",
        "teaser",
        "link_dense",
    ]


def test_a_list_of_sources_after_the_article_stays() -> None:
    """An article's own list of short linked items (its sources, each a link then its description on
    the same line) is no run of headline links over summaries: it stays, next to a flagged entry too."""
    sources = [
        '<a href="/r1">River survey 2023</a>, the council report on the crossing.',
        '<a href="/r2">Toll study</a>, by the regional transport board.',
    ]
    texts = ["River survey 2023, the council report on the crossing.", "Toll study, by the regional transport board."]
    entry = teaser_page(
        [*ARTICLE, "By Jane Doe"], [("Council names the new bridge after a local engineer", "Vote")], []
    )
    items = frame(texts, link_chars=[17, 10]).with_columns(
        raw_html=pl.Series(sources), paragraph_index=pl.Series([8, 9], dtype=pl.Int32)
    )
    assert reasons(pl.concat([entry, items])) == [None] * 6 + ["byline", "link_dense", None, None]
