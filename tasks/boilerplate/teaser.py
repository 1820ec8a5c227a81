"""Teasers of other stories after the article: a headline link over its summary, in runs.

A teaser list shows each story as its headline, a link to it, then a line break and the story's
summary in plain text. The scraper hands each over as one paragraph that reads like prose, the
headline glued to the summary ("Liverpool manager Benitez may sue Hicks Liverpool boss Rafael
Benitez is considering ..."), with too little of it inside the link for `rules.link_dense`, and
sharing some words with a short article on the same beat, so topic.py keeps it. Its markup
shows it: the paragraph's inner HTML opens with a link (`HEADLINE_OVER_SUMMARY`), closed by a
`<br>`, with text after it.

Two or more such paragraphs in a row after the article's core (topic.py's segment with the most
prose) are teasers. The run counts entries the paragraph rules flagged already: where a summary is
a few words under a long headline, most of the entry is link text and `rules.link_dense` takes it,
so in an archive's list the entries with a longer summary were left alone between flagged ones. A
listing page whose core is made of such entries (an index of reports, a blog network's latest
posts) is its own content: where the core holds one, nothing is judged. Language-free: only the
markup and the segments are read.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, page_has
from tasks.boilerplate.subset import judged

_WRAPPER = r"(?:strong|b|h\d|span|em)"  # inline or heading tags around the headline link
# Inner HTML opening with a headline link (plain text, three or more characters), a line break after
# it, then text: "<a href=...>Headline</a><br>Summary ...", also inside <strong> or <h3>.
HEADLINE_OVER_SUMMARY = (
    rf"(?is)^\s*(?:<{_WRAPPER}[^>]*>\s*)*<a\s[^>]*>[^<]{{3,}}</a>\s*(?:</{_WRAPPER}>\s*)*<br\s*/?>\s*\S"
)


def with_teasers(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with `_teaser`: kept after the core, a headline link over its summary next to another,
    kept or flagged.

    Reads `raw_html` and the `_segment` and `_core` columns that `topic.with_off_topic` leaves (null
    `_segment`: not kept). The pattern is tried only on paragraphs with a link (0.04 µs a BBC
    paragraph), and only pages holding such an entry are judged (none of BBC's 1,701; 28 of
    L3S-GN1's 558).
    """
    segment, core = pl.col("_segment"), pl.col("_core")
    entries = frame.select(
        pl.when(pl.col("n_links") > 0).then(pl.col("raw_html")).str.contains(HEADLINE_OVER_SUMMARY).fill_null(False)
    ).to_series()
    if not entries.any():  # nearly every batch: no window
        return frame.with_columns(_teaser=pl.lit(False))
    entry = pl.col("_entry")
    listing = page_has(entry & (segment == core))
    in_run = along_page(entry.shift(1)).fill_null(False) | along_page(entry.shift(-1)).fill_null(False)
    later = (segment > core).fill_null(False)
    kept = segment.is_not_null()
    verdict = entry & kept & in_run & later & ~listing & ~pl.col("is_lead")
    rows = frame.with_columns(_entry=entries)
    return frame.with_columns(_teaser=judged(rows, page_has(entry), verdict))
