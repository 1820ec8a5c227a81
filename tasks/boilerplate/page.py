"""Windows over one page: the boilerplate signals read a paragraph's neighbours in reading order."""

from __future__ import annotations

import polars as pl


def along_page(expr: pl.Expr) -> pl.Expr:
    """`expr` evaluated per article (`source_file`) in paragraph order, whatever the row order of the
    batch: a shift then means the paragraph above or below, a cumulative sum the paragraphs so far."""
    return expr.over("source_file", order_by="paragraph_index")
