"""Photo-gallery captions the caption rule misses: kept text between two photo lines after the core.

A gallery page (two or more bare credit lines, `rules.Signals.gallery`) shows each photo as a
caption above its credit line, and `rules.captioned` flags those pairs. What it leaves is a caption
whose credit line is missing or is no credit the patterns know ("Marvel 2015", "Burberry/Testino"),
and two or more captions in a row: kept paragraphs with a photo line (`PHOTO_LINES`: a credit,
a media caption or a flagged caption) directly above and directly below them, after the article's
core (topic.py's segment with the most prose).

They are judged only where the core holds under `topic.CORE_MIN_SHARE` of the page's prose, the
share below which topic.py judges nothing: there the gallery's captions outweigh the article.
Where the core holds more, topic.py judges the text between two photos like any later segment.
And a segment between two photos that shares the core's words as much as the core's own paragraphs
do (`topic.segment_drift` at share 1) is more of the article, its photos interleaved: it stays.
Language-free: only the reasons the paragraph rules gave, the segments, prose lengths and shared
words are read.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, page_has
from tasks.boilerplate.subset import judged
from tasks.boilerplate.topic import segment_drift

PHOTO_LINES = ["credit", "caption", "agency_caption", "captioned"]  # reason codes of a photo's caption or credit line
ARTICLE_SHARE = 1.0  # a gap sharing the core's words at least as much as the core's paragraphs do is the article


def with_gallery_gaps(frame: pl.DataFrame, prose: pl.Expr) -> pl.DataFrame:
    """`frame` with `_gallery_gap`: kept, after the core, between two photo lines of a gallery that
    outweighs the core, and less on the core's topic than the core itself.

    Reads `_gallery`, the `_segment`, `_core` and `_core_minor` columns `topic.with_off_topic` leaves
    (null `_segment`: not kept) and the reasons the paragraph rules gave (`boilerplate_reason`). Only
    gallery pages are judged (few are: none of BBC's 1,701 pages, 8 of the gold sets' 4,078).
    """
    if not frame.get_column("_gallery").any():  # nearly every batch: no window
        return frame.with_columns(_gallery_gap=pl.lit(False))
    return frame.with_columns(_gallery_gap=judged(frame, pl.col("_gallery"), lambda rows: _gaps(rows, prose)))


def _gaps(rows: pl.DataFrame, prose: pl.Expr) -> pl.Series:
    """Per row of gallery pages, whether it is a gap between photo lines whose segment drifts from the core."""
    reason, segment, core = pl.col("boilerplate_reason"), pl.col("_segment"), pl.col("_core")
    photo = pl.when(reason.is_not_null()).then(reason.is_in(PHOTO_LINES))  # null on a kept row
    above = along_page(photo.forward_fill().shift(1)).fill_null(False)
    below = along_page(photo.backward_fill().shift(-1)).fill_null(False)
    gap = (segment > core).fill_null(False) & above & below & pl.col("_core_minor") & ~pl.col("is_lead")
    rows = rows.with_columns(_gap=gap)
    compared = page_has(pl.col("_gap")) & (pl.col("_gap") | ((segment == core) & prose))
    return rows.get_column("_gap") & segment_drift(rows, compared, share=ARTICLE_SHARE)
