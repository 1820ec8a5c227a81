"""The 64-bit ids of repeat counting turned back into the 16-hex strings the tables hold."""

from __future__ import annotations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tasks.repeats.pairs import as_hex, id_as_int

U64 = st.integers(min_value=0, max_value=(1 << 64) - 1)


def _formatted(ids: list[int]) -> list[str]:
    return [f"{i:016x}" for i in ids]


def test_as_hex_pins_every_byte_and_both_ends_of_the_range():
    ids = [0, 1, 0xFF, 0x100, 0x0123456789ABCDEF, (1 << 63) - 1, 1 << 63, (1 << 64) - 1]
    hexes = as_hex(pl.Series("content_hash", ids, dtype=pl.UInt64))
    assert hexes.name == "content_hash"
    assert hexes.dtype == pl.String
    assert hexes.to_list() == [
        "0000000000000000",
        "0000000000000001",
        "00000000000000ff",
        "0000000000000100",
        "0123456789abcdef",
        "7fffffffffffffff",
        "8000000000000000",
        "ffffffffffffffff",
    ]


def test_as_hex_of_a_slice_and_of_chunks_reads_the_right_values():
    ids = pl.Series("id", [5, 0x0123456789ABCDEF, 7, (1 << 64) - 2], dtype=pl.UInt64)
    assert as_hex(ids[1:3]).to_list() == ["0123456789abcdef", "0000000000000007"]
    chunked = pl.concat([ids[:1], ids[1:]], rechunk=False)
    assert as_hex(chunked).to_list() == _formatted(ids.to_list())
    assert as_hex(ids[:0]).to_list() == []


@given(st.lists(U64, max_size=300))
def test_as_hex_formats_as_python_does(ids):
    hexes = as_hex(pl.Series("id", ids, dtype=pl.UInt64))
    assert hexes.to_list() == _formatted(ids)
    assert pl.DataFrame({"id": hexes}).select(id_as_int("id"))["id"].to_list() == ids
