"""list<struct> columns built in Arrow: rows of dicts, and found rows placed among empty ones."""

from __future__ import annotations

import polars as pl
import pyarrow as pa

from tasks.arrow_lists import list_of_structs, scattered_lists

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
