"""list<struct> columns built in Arrow: rows of dicts, and found rows placed among empty ones."""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from tasks.arrow_lists import list_of_structs, scattered_lists, scattered_tuples

FIGURE = pa.struct([pa.field("text", pa.string()), pa.field("value", pa.float64())])


def test_list_of_structs_keeps_each_row_and_null_rows():
    column = list_of_structs("numbers", [[{"text": "5", "value": 5.0}], [], None], FIGURE)
    assert column.to_list() == [[{"text": "5", "value": 5.0}], [], None]


def test_scattered_lists_are_empty_lists_outside_the_found_rows():
    found = [[{"text": "two", "value": 2.0}, {"text": "3%", "value": 3.0}], [{"text": "£5", "value": 5.0}]]
    column = scattered_lists("numbers", 5, pl.Series([1, 4], dtype=pl.UInt32), found, FIGURE)
    assert column.to_list() == [[], found[0], [], [], found[1]]
    assert column.dtype == list_of_structs("numbers", [], FIGURE).dtype


def test_scattered_lists_with_nothing_found():
    column = scattered_lists("numbers", 3, pl.Series([], dtype=pl.UInt32), [], FIGURE)
    assert column.to_list() == [[], [], []]


def test_scattered_tuples_are_scattered_lists_of_the_fields_in_order():
    found = [(("two", 2.0), ("n/a", None)), (("£5", 5.0),)]
    as_dicts = [[dict(zip(("text", "value"), item)) for item in row] for row in found]
    at = pl.Series([0, 4], dtype=pl.UInt32)  # the first and the last row
    column = scattered_tuples("numbers", 5, at, found, FIGURE)
    assert column.to_list() == [as_dicts[0], [], [], [], as_dicts[1]]
    assert column.to_arrow() == scattered_lists("numbers", 5, at, as_dicts, FIGURE).to_arrow()


def test_scattered_tuples_with_nothing_found():
    column = scattered_tuples("numbers", 2, pl.Series([], dtype=pl.UInt32), [], FIGURE)
    assert column.to_list() == [[], []]
    assert column.dtype == list_of_structs("numbers", [], FIGURE).dtype
