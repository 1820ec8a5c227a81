"""Tests for tasks.boilerplate.subset: a verdict judged on a few pages' rows, scattered back."""

import polars as pl

from tasks.boilerplate.subset import judged

# Two pages; only page b is judged. Its rows come second and fourth, so the verdicts must land there.
PAGES = pl.DataFrame({"source_file": ["a", "b", "a", "b"], "n_chars": [10, 30, 20, 40]})
ON_B = pl.col("source_file") == "b"


def test_windows_see_only_the_judged_rows_and_the_rest_is_otherwise() -> None:
    """The shortest row is page b's first (30): page a's (10) never enters the minimum, and reads
    `otherwise` (False)."""
    assert judged(PAGES, ON_B, pl.col("n_chars") == pl.col("n_chars").min()).to_list() == [False, True, False, False]


def test_a_function_of_the_judged_rows_gives_one_value_each_in_their_order() -> None:
    """The function gets page b's two rows (30, then 40) and its values go back to rows 1 and 3."""
    assert judged(PAGES, ON_B, lambda rows: rows.get_column("n_chars") > 35).to_list() == [False, False, False, True]


def test_a_null_verdict_reads_as_otherwise_unless_otherwise_is_null() -> None:
    """Boolean verdicts are never null; a value column (nested.py's enclosing row) keeps its nulls."""
    big = pl.when(pl.col("n_chars") > 35).then(pl.col("n_chars"))
    assert judged(PAGES, ON_B, big > 0).to_list() == [False, False, False, True]
    assert judged(PAGES, ON_B, big, otherwise=None).to_list() == [None, None, None, 40]


def test_no_judged_row_gives_a_column_of_otherwise() -> None:
    """Nothing to judge: the verdict runs on no rows and every row reads `otherwise`."""
    assert judged(PAGES, pl.lit(False), pl.col("n_chars") > 0).to_list() == [False] * 4
