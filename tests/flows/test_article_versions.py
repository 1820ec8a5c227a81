"""Article versions over runs: one article's files, the newest published, every version recorded."""

from __future__ import annotations

import os

import duckdb
import polars as pl

from schemas import KEYS, TABLES

# Modification times (seconds since the epoch), oldest first, all well in the past.
T0, T1, T2, T3 = 1_780_000_000, 1_780_000_100, 1_780_000_200, 1_780_000_300
FIRST = {
    "001_aaaaaaaaaaaaaaaa.txt": ("['A, first draft.', 'Shared line.', 'A ends.']", T1),
    "002_aaaaaaaaaaaaaaaa.txt": ("['A, second draft.', 'Shared line.']", T2),
    "003_bbbbbbbbbbbbbbbb.txt": ("['B.', 'Shared line.']", T1),
}
SECOND = {
    "004_aaaaaaaaaaaaaaaa.txt": ("['A, final.', 'Shared line.', 'A, new end.']", T3),
    "000_bbbbbbbbbbbbbbbb.txt": ("['B, an older copy fetched late.']", T0),  # older than 003
}


def write(folder, files: dict[str, tuple[str, int]]) -> None:
    folder.mkdir(exist_ok=True)
    for name, (text, mtime) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        os.utime(folder / name, (mtime, mtime))


def read(output, table: str) -> pl.DataFrame:
    return pl.read_parquet(f"{output}/{table}/**/*.parquet", hive_partitioning=False)


def versions(output) -> dict[str, tuple]:
    rows = read(output, "article_versions").sort("source_file")
    return {
        r["source_file"]: (r["n_paragraphs"], r["run_id"], r["superseded_by_run_id"])
        for r in rows.iter_rows(named=True)
    }


def assert_keys_unique(output) -> None:
    """Each table's documented key is unique, as DuckDB reads the dataset."""
    for table in TABLES:
        key = ", ".join(KEYS[table])
        query = f"select count(*) - count(distinct ({key})) from read_parquet('{output}/{table}/**/*.parquet')"
        assert duckdb.sql(query).fetchall() == [(0,)], table


def test_three_versions_over_two_runs_publish_the_newest_and_record_every_one(tmp_path, run_flow):
    source, output = tmp_path / "in", tmp_path / "out"
    write(source, FIRST)
    first = run_flow(source, output, batch_files=1)
    assert (first["files_written"], first["older_versions"], first["versions_superseded"]) == (3, 1, 0)
    run1 = first["run_id"]
    assert versions(output) == {
        "001_aaaaaaaaaaaaaaaa.txt": (3, run1, run1),  # older than 002, seen in the same run
        "002_aaaaaaaaaaaaaaaa.txt": (2, run1, None),
        "003_bbbbbbbbbbbbbbbb.txt": (2, run1, None),
    }
    assert sorted(read(output, "articles")["source_file"]) == ["002_aaaaaaaaaaaaaaaa.txt", "003_bbbbbbbbbbbbbbbb.txt"]

    write(source, SECOND)
    second = run_flow(source, output, batch_files=1)
    run2 = second["run_id"]
    counts = ("files_written", "files_skipped", "older_versions", "versions_superseded")
    assert tuple(second[k] for k in counts) == (2, 3, 1, 1)
    assert versions(output) == {
        "000_bbbbbbbbbbbbbbbb.txt": (1, run2, run2),  # arrived later but older: recorded, not published
        "001_aaaaaaaaaaaaaaaa.txt": (3, run1, run1),
        "002_aaaaaaaaaaaaaaaa.txt": (2, run1, run2),  # superseded by the newer 004
        "003_bbbbbbbbbbbbbbbb.txt": (2, run1, None),
        "004_aaaaaaaaaaaaaaaa.txt": (3, run2, None),
    }
    paragraphs = read(output, "paragraphs").sort("source_file", "paragraph_index")
    assert paragraphs.select("source_file", "text", "repeat_count").rows() == [
        ("003_bbbbbbbbbbbbbbbb.txt", "B.", 1),
        ("003_bbbbbbbbbbbbbbbb.txt", "Shared line.", 2),
        ("004_aaaaaaaaaaaaaaaa.txt", "A, final.", 1),
        ("004_aaaaaaaaaaaaaaaa.txt", "Shared line.", 2),  # articles A and B, whatever A's versions
        ("004_aaaaaaaaaaaaaaaa.txt", "A, new end.", 1),
    ]
    assert dict(read(output, "articles").select("article_id", "source_file").iter_rows()) == {
        "aaaaaaaaaaaaaaaa": "004_aaaaaaaaaaaaaaaa.txt",
        "bbbbbbbbbbbbbbbb": "003_bbbbbbbbbbbbbbbb.txt",
    }
    assert_keys_unique(output)

    third = run_flow(source, output, batch_files=1)
    assert (third["files_written"], third["files_skipped"]) == (0, 5)


def test_new_content_in_the_current_file_supersedes_its_old_version(tmp_path, run_flow):
    source, output = tmp_path / "in", tmp_path / "out"
    write(source, {"001_aaaaaaaaaaaaaaaa.txt": ("['Before.']", T1)})
    run1 = run_flow(source, output)["run_id"]
    write(source, {"001_aaaaaaaaaaaaaaaa.txt": ("['After.', 'Added.']", T2)})
    second = run_flow(source, output)
    assert (second["files_replaced"], second["versions_superseded"]) == (1, 0)
    rows = read(output, "article_versions").sort("run_id")
    assert rows.select("n_paragraphs", "run_id", "superseded_by_run_id").rows() == [
        (1, run1, second["run_id"]),
        (2, second["run_id"], None),
    ]
    assert read(output, "paragraphs")["text"].to_list() == ["After.", "Added."]
    assert_keys_unique(output)
