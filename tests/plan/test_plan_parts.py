"""A plan holds no list of every path: its batches are sizes and ends, the files and their quick keys
are staged one part per batch, and the listing is built from compact columns a chunk at a time."""

from __future__ import annotations

import os
import time

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from tasks.commit.staging import read_staged_part
from tasks.handoffs import Batch
from tasks.ingest import discover
from tasks.ingest.discover import article_id, article_ids, discover_with_keys
from tasks.plan.plan import batch_sizes, make_plan
from tasks.storage.store import Store

HOUR_AGO_NS = time.time_ns() - 3600 * 10**9
NAMES = [f"00{n}_{n:016x}.txt" for n in range(1, 6)]


def write_files(folder, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_bytes(b"['<p>x</p>']")
        os.utime(folder / name, ns=(HOUR_AGO_NS, HOUR_AGO_NS))


def test_batches_are_even_and_a_multiple_of_the_workers():
    assert batch_sizes(13_753, 2000, 2) == [1720] + [1719] * 7  # 8 batches, not 7: no round runs one batch alone
    assert batch_sizes(55_006, 2000, 2) == [1965] * 14 + [1964] * 14
    assert batch_sizes(4000, 2000, 2) == [2000, 2000]
    assert batch_sizes(500, 2000, 2) == [250, 250]
    assert batch_sizes(5, 2, 2) == [2, 1, 1, 1]
    assert batch_sizes(5, 2, 1) == [2, 2, 1]
    assert batch_sizes(3, 2000, 8) == [1, 1, 1]  # never more batches than files
    assert batch_sizes(0, 2000, 2) == []


def test_a_plan_batches_for_its_workers(tmp_path):
    write_files(tmp_path / "in", NAMES)
    plan = make_plan(Store(str(tmp_path / "in")), Store(str(tmp_path / "out")), 2000, False, 10_000, False, workers=2)
    assert plan.batches == [Batch(3, NAMES[0], NAMES[2]), Batch(2, NAMES[3], NAMES[4])]


def test_a_plan_stages_each_batch_files_and_quick_keys_as_one_part(tmp_path):
    write_files(tmp_path / "in", NAMES)
    output = Store(str(tmp_path / "out"))
    plan = make_plan(Store(str(tmp_path / "in")), output, 2, False, 10_000, False)
    assert plan.batches == [Batch(2, NAMES[0], NAMES[1]), Batch(2, NAMES[2], NAMES[3]), Batch(1, NAMES[4], NAMES[4])]
    for n, batch in enumerate([NAMES[0:2], NAMES[2:4], NAMES[4:]]):
        assert read_staged_part(output, plan.planned, n)["source_file"].to_list() == batch
        keys = read_staged_part(output, plan.quick_keys, n)
        assert keys["source_file"].to_list() == batch
        assert keys["quick_key"].to_list() == [f"12:{HOUR_AGO_NS}"] * len(batch)
    assert read_staged_part(output, plan.quick_keys, 3).height == 0  # no known file's key recorded anew


def test_the_listing_is_the_same_when_read_a_chunk_of_entries_at_a_time(tmp_path, monkeypatch):
    write_files(tmp_path / "sub", NAMES[:3])
    write_files(tmp_path, NAMES[3:])
    (tmp_path / "notes.md").write_text("not an article")
    whole = discover_with_keys(Store(str(tmp_path)))
    monkeypatch.setattr(discover, "LIST_CHUNK", 2)
    assert discover_with_keys(Store(str(tmp_path))).equals(whole)
    assert whole["source_file"].to_list() == [*NAMES[3:], *(f"sub/{name}" for name in NAMES[:3])]


def test_article_ids_of_a_column_are_those_of_each_name():
    paths = ["sub/012_00ff00ff00ff00ff.txt", "story.txt", "x_0123456789abcdef.txt", "7_0123456789abcdef.txt"]
    assert article_ids(pl.Series(paths)).to_list() == [article_id(p) for p in paths]
    assert article_ids(pl.Series(paths)).to_list()[::3] == ["00ff00ff00ff00ff", "0123456789abcdef"]


def test_a_parquet_file_written_in_parts_holds_them_in_order_one_row_group_each(tmp_path):
    store = Store(str(tmp_path))
    parts = [pa.table({"n": [1, 2]}), pa.table({"n": [3]}), pa.table({"n": [4, 5, 6]})]
    store.write_parquet_parts("state/x.parquet", parts[0].schema, iter(parts))
    written = pq.ParquetFile(tmp_path / "state" / "x.parquet")
    assert written.metadata.num_row_groups == 3
    assert written.read()["n"].to_pylist() == [1, 2, 3, 4, 5, 6]
    assert os.listdir(tmp_path / "state") == ["x.parquet"]  # no temporary file left
