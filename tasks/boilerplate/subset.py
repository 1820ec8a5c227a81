"""Judge the rows of the few pages a signal needs and scatter its verdicts back into a column of the batch."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

Verdict = pl.Expr | Callable[[pl.DataFrame], pl.Series]  # an expression, or a function of the rows: one value each


def judged(frame: pl.DataFrame, rows: pl.Expr, verdict: Verdict, otherwise: bool | None = False) -> pl.Series:
    """A column of `frame`: `verdict` where `rows` holds, computed on those rows alone (so its windows
    and joins cost nothing on the other pages: thread.py, gallery.py, teaser.py, nested.py), and
    `otherwise` elsewhere and where the verdict is null. No row index, no join back."""
    mask = frame.select(rows).to_series()
    subset = frame.filter(mask)
    values = subset.select(verdict).to_series() if isinstance(verdict, pl.Expr) else verdict(subset)
    values = values if otherwise is None else values.fill_null(otherwise)
    return pl.repeat(otherwise, frame.height, dtype=values.dtype, eager=True).scatter(mask.arg_true(), values)
