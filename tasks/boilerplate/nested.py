"""Paragraphs nested in another: copies of text that an enclosing paragraph above already holds.

HTML parsers keep a `<p>` open around a table in quirks mode (and some pages nest `<p>` in other
ways), so a scraper that takes every `<p>` emits the enclosing one, holding the whole table's
text (an old news page's article, headline and dateline included), and then each `<p>` inside it
again. The enclosing paragraph's markup shows it: its inner HTML holds `<p>` tags. The run of
paragraphs right below it whose text it contains are its copies. They are flagged when the
enclosing paragraph is kept in the end, so no text counts twice, and judged on their own when it
is flagged, so no text is lost. Only pages with such a paragraph are judged (none of BBC's 1,701;
25 of 622 L3S-GN1 pages).
"""

from __future__ import annotations

import polars as pl

CONTAINER = r"(?i)<p[\s>]"  # a paragraph's inner HTML that opens another paragraph


def with_copies(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with `_outer_row`: for a copy, the row of the enclosing paragraph heading its run.

    A run is a container paragraph and the paragraphs right below it whose (non-empty) text its
    text contains; the first paragraph it does not contain ends the run, so a short line further
    down that happens to occur in a container's text is not taken for a copy. Rows are positions
    in `frame`, for `outer_kept`.
    """
    containers = frame["raw_html"].str.contains(CONTAINER)
    if not containers.any():  # nearly every batch: no row index, window or join to pay for
        return frame.with_columns(_outer_row=pl.lit(None, dtype=pl.UInt32))
    page = {"partition_by": "source_file", "order_by": "paragraph_index"}
    rows = frame.with_row_index("_row").with_columns(_container=containers)
    container = pl.col("_container")
    outer = pl.when(container).then(pl.col("text")).forward_fill().over(**page)
    inside = ~container & (pl.col("n_chars") > 0) & outer.str.contains(pl.col("text"), literal=True)
    copies = (
        rows.filter(container.any().over("source_file"))
        .with_columns(
            _inside=inside.fill_null(False), _head=pl.when(container).then("_row").forward_fill().over(**page)
        )
        .with_columns(_run=(~pl.col("_inside")).cum_sum().over(**page))
        .select(
            "_row", _outer_row=pl.when(pl.col("_inside") & container.any().over("source_file", "_run")).then("_head")
        )
    )
    return rows.join(copies, on="_row", how="left", maintain_order="left").drop("_row", "_container")


def outer_kept(kept: pl.Expr) -> pl.Expr:
    """Whether each row is a copy whose enclosing paragraph `kept` holds for."""
    return kept.gather(pl.col("_outer_row")).fill_null(False)
