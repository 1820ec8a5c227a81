"""Every table exists from the first commit on: a table without rows reads as zero rows everywhere."""

from __future__ import annotations

import duckdb
import polars as pl
import pyarrow.dataset as ds
import pytest
from support import write_files

from schemas import TABLES

FILES = {"001_0000000000000001.txt": "['Story 1.', 'Shared footer.']"}
BAD = {"001_0000000000000001.txt": "['broken"}


@pytest.mark.parametrize(
    ("files", "empty"),
    [(FILES, ["quarantine"]), (BAD, ["paragraphs", "articles", "article_versions"])],
    ids=["clean day", "every file quarantined"],
)
def test_a_table_without_rows_reads_as_zero_rows_with_its_schema(tmp_path, run_flow, files, empty):
    output = tmp_path / "out"
    run_flow(write_files(tmp_path / "input", files), output)
    for table in empty:
        names = [f.name for f in TABLES[table]] + ["ingest_date"]
        glob = f"{output}/{table}/**/*.parquet"
        arrow = ds.dataset(output / table, format="parquet", partitioning="hive").to_table()
        assert (arrow.num_rows, arrow.schema.names) == (0, names)
        frame = pl.read_parquet(glob, hive_partitioning=True)
        assert (frame.height, frame.columns) == (0, names)
        assert pl.scan_parquet(glob, hive_partitioning=True).collect().schema == frame.schema
        found = duckdb.sql(f"select * from read_parquet('{glob}', hive_partitioning = true)")
        assert (len(found.fetchall()), found.columns) == (0, names)


def test_the_empty_part_does_not_disturb_rows_that_come_later(tmp_path, run_flow):
    output = tmp_path / "out"
    run_flow(write_files(tmp_path / "input", FILES), output)
    summary = run_flow(write_files(tmp_path / "input", {"002_0000000000000002.txt": "['broken"}), output)
    assert summary["files_quarantined"] == 1
    glob = f"{output}/quarantine/**/*.parquet"
    assert pl.read_parquet(glob, hive_partitioning=True)["source_file"].to_list() == ["002_0000000000000002.txt"]
    assert duckdb.sql(f"select source_file from read_parquet('{glob}', hive_partitioning = true)").fetchall() == [
        ("002_0000000000000002.txt",)
    ]
