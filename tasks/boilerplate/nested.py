"""Paragraphs nested in another: copies of text that an enclosing paragraph above already holds.

HTML parsers keep a `<p>` open around a table in quirks mode (and some pages nest `<p>` in other
ways), so a scraper that takes every `<p>` emits the enclosing one, holding the whole table's
text (an old news page's article, headline and dateline included), and then each `<p>` inside it
again. The enclosing paragraph's markup shows it: its inner HTML holds `<p>` tags. Below it, the
paragraphs whose text it contains are its copies, also past a line it lacks (a parser moves an
ad slot's "Story continues" out of the table, between the copies). They are flagged when the
enclosing paragraph is kept in the end, so no text counts twice, and judged on their own when it
is flagged, so no text is lost. Only pages with such a paragraph are judged (none of BBC's 1,701;
25 of 622 L3S-GN1 pages).
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, page_has
from tasks.boilerplate.subset import judged

CONTAINER = r"(?i)<p[\s>]"  # a paragraph's inner HTML that opens another paragraph
# Every paragraph below a container is searched in its text: a longer one (no article is) is not
# judged, so a hostile file of one huge container over 20,000 paragraphs costs under a second.
MAX_CONTAINER_CHARS = 50_000


def with_copies(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with `_outer_row`: for a copy, the row of the nearest enclosing paragraph above it
    that contains its (non-empty) text; null elsewhere. Rows are positions in `frame`, read by
    `outer_kept`."""
    containers = frame.select(
        (pl.col("n_chars") <= MAX_CONTAINER_CHARS) & pl.col("raw_html").str.contains(CONTAINER)
    ).to_series()
    if not containers.any():  # nearly every batch: no row index or window to pay for
        return frame.with_columns(_outer_row=pl.lit(None, dtype=pl.UInt32))
    container = pl.col("_container")
    outer_text = along_page(pl.when(container).then(pl.col("text")).forward_fill())
    outer_row = along_page(pl.when(container).then(pl.col("_row")).forward_fill())
    copy = ~container & (pl.col("n_chars") > 0) & outer_text.str.contains(pl.col("text"), literal=True)
    rows = frame.with_row_index("_row").with_columns(_container=containers)  # a row index is the value here
    copies = judged(rows, page_has(container), pl.when(copy).then(outer_row), otherwise=None)
    return frame.with_columns(_outer_row=copies)


def outer_kept(kept: pl.Expr) -> pl.Expr:
    """Whether each row is a copy whose enclosing paragraph `kept` holds for."""
    return kept.gather(pl.col("_outer_row")).fill_null(False)
