"""Build Arrow list<struct> columns from per-row lists of dicts, column by column.

Polars and pyarrow convert nested Python objects one value at a time (about 60 µs per paragraph
for links, quotes or numbers); filling one flat list per struct field and wrapping them in offsets
is an order of magnitude cheaper.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

import polars as pl
import pyarrow as pa


def list_of_structs(name: str, rows: list[list[dict] | None], struct: pa.StructType) -> pl.Series:
    """A Polars list<struct> Series from rows of dicts; a None row becomes a null list."""
    return pl.Series(name, _struct_lists(rows, struct))


def scattered_lists(name: str, length: int, at: pl.Series, rows: list[list[dict]], struct: pa.StructType) -> pl.Series:
    """list_of_structs of `rows` placed at the ascending row numbers `at` of a column of `length`
    rows, every other row an empty list (offsets that repeat): no Python list for the empty rows."""
    return _scattered(name, length, at, _struct_lists(rows, struct))


def scattered_tuples(
    name: str, length: int, at: pl.Series, rows: list[Sequence[tuple]], struct: pa.StructType
) -> pl.Series:
    """scattered_lists of rows whose items are tuples of the struct's fields in order, not dicts."""
    items = [item for row in rows for item in row]
    columns = list(zip(*items)) if items else [() for _ in struct]
    children = [pa.array(column, type=f.type) for column, f in zip(columns, struct)]
    flat = pa.StructArray.from_arrays(children, fields=list(struct))
    offsets = pa.array([0, *accumulate(len(row) for row in rows)], pa.int32())
    return _scattered(name, length, at, pa.ListArray.from_arrays(offsets, flat))


def _scattered(name: str, length: int, at: pl.Series, lists: pa.ListArray) -> pl.Series:
    """The lists placed at the ascending row numbers `at` of a column of `length` rows, every other
    row an empty list."""
    counts = pl.zeros(length, pl.Int32, eager=True).scatter(at, pl.Series(lists.value_lengths(), dtype=pl.Int32))
    offsets = pl.concat([pl.Series([0], dtype=pl.Int32), counts.cum_sum()]).to_arrow()
    return pl.Series(name, pa.ListArray.from_arrays(offsets, lists.values))


def _struct_lists(rows: list[list[dict] | None], struct: pa.StructType) -> pa.ListArray:
    """The Arrow list<struct> array of rows of dicts, one flat list per struct field."""
    fields = [f.name for f in struct]
    values: dict[str, list] = {f: [] for f in fields}
    offsets, valid, end = [0], [], 0
    for row in rows:
        valid.append(row is not None)
        for item in row or ():
            for f in fields:
                values[f].append(item[f])
        end += len(row or ())
        offsets.append(end)
    children = [pa.array(values[f.name], type=f.type) for f in struct]
    flat = pa.StructArray.from_arrays(children, fields=list(struct))
    mask = None if all(valid) else pa.array([not v for v in valid])
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), flat, mask=mask)
