"""Tests for tasks.boilerplate.page: windows and look-ups over one article."""

import polars as pl

from tasks.boilerplate.page import in_run, page_has

# Three articles: a holds a true row, b only a false row and a null, c only a null.
PAGES = pl.DataFrame(
    {"source_file": ["a", "b", "a", "b", "c"], "flag": [False, None, True, False, None]},
    schema={"source_file": pl.String, "flag": pl.Boolean},
)


def test_page_has_is_the_window_any_over_the_article() -> None:
    """Every row of article a, and only those, has a row where the condition holds: nulls hold for
    no article, as `any` skips them."""
    flag = pl.col("flag")
    expected = PAGES.select(flag.any().over("source_file")).to_series().to_list()
    assert PAGES.select(page_has(flag)).to_series().to_list() == expected == [True, False, True, False, False]


def test_in_run_counts_rows_in_a_row_on_each_page_in_paragraph_order() -> None:
    """Runs are read in paragraph order per page, whatever the batch's row order: page a's three
    true rows in a row count, page b's two, split by a false row from a third, do not."""
    rows = pl.DataFrame(
        {
            "source_file": ["a", "b", "a", "b", "a", "b", "b", "a"],
            "paragraph_index": [2, 0, 0, 1, 1, 2, 3, 3],
            "flag": [True, True, True, True, True, False, True, False],
        }
    )
    assert rows.select(in_run(pl.col("flag"), 3)).to_series().to_list() == [
        True,
        False,
        True,
        False,
        True,
        False,
        False,
        False,
    ]
