"""The flow end to end on the seed and on fixtures: facts, accounting, reruns, readers."""

from __future__ import annotations

import os
import time

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
from support import FILE_COUNTS, file_counts

from tasks.commit.manifest import load_files_state, load_manifest
from tasks.storage.store import Store

SEED_NAME = "000_eb467b9fec6cd865.txt"
VOLATILE = ["run_id", "ingested_at", "ingest_date"]


def read_table(output, table: str) -> pl.DataFrame:
    """A table as Polars reads it, sorted so runs compare row for row."""
    frame = pl.scan_parquet(f"{output}/{table}/**/*.parquet", hive_partitioning=True).collect()
    return frame.sort(frame.columns[:3]) if frame.height else frame


def stable(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.drop([c for c in VOLATILE if c in frame.columns])


def test_seed_end_to_end(seed_dir, tmp_path, run_flow):
    summary = run_flow(seed_dir, tmp_path / "out")
    assert file_counts(summary) == {
        "files_found": 1,
        "files_written": 1,
        "files_skipped": 0,
        "files_quarantined": 0,
        "paragraphs": 29,
    }
    paragraphs = read_table(tmp_path / "out", "paragraphs")
    assert paragraphs.height == 29
    lead = paragraphs.row(0, named=True)
    assert lead["is_lead"] and not lead["is_boilerplate"]
    assert lead["text"].startswith("The UK is withdrawing troops from Mali")
    assert paragraphs.filter(pl.col("is_boilerplate"))[["paragraph_index", "boilerplate_reason"]].rows() == [
        (27, "newsletter"),
        (28, "copyright"),
    ]
    france = paragraphs.row(7, named=True)
    assert [(link["url"], link["text"]) for link in france["links"]] == [
        ("https://www.bbc.co.uk/news/world-europe-63575602", "formally ending")
    ]
    assert paragraphs["is_lead"].sum() == 1
    article = read_table(tmp_path / "out", "articles").row(0, named=True)
    assert (article["article_id"], article["n_paragraphs"], article["n_content_paragraphs"]) == (
        "eb467b9fec6cd865",
        29,
        27,
    )
    assert article["lead"] == lead["text"]


def test_three_readers_agree(seed_dir, tmp_path, run_flow):
    run_flow(seed_dir, tmp_path / "out")
    root = tmp_path / "out" / "paragraphs"
    arrow = ds.dataset(root, partitioning="hive").to_table()
    polars = pl.scan_parquet(f"{root}/**/*.parquet", hive_partitioning=True).collect()
    duck = duckdb.sql(
        f"select count(*), min(ingested_at) from read_parquet('{root}/**/*.parquet', hive_partitioning = true)"
    )
    assert arrow.num_rows == polars.height == duck.fetchall()[0][0] == 29
    assert arrow.schema.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    assert arrow.schema.field("paragraph_index").type == pa.int32()
    assert "ingest_date" in arrow.schema.names and "ingest_date" in polars.columns


def test_rerun_is_idempotent_and_changes_replace_rows(seed_dir, tmp_path, run_flow):
    out = tmp_path / "out"
    (seed_dir / "001_1111111111111111.txt").write_text("['First version.', 'Second paragraph.']")
    run_flow(seed_dir, out)
    before = {t: read_table(out, t) for t in ("paragraphs", "articles")}

    again = run_flow(seed_dir, out)
    assert (again["files_written"], again["files_skipped"], again["paragraphs"]) == (0, 2, 0)
    for table, frame in before.items():
        assert read_table(out, table).equals(frame)

    (seed_dir / "001_1111111111111111.txt").write_text("['Changed version.']")
    changed = run_flow(seed_dir, out)
    assert (changed["files_written"], changed["files_skipped"], changed["files_replaced"]) == (1, 1, 1)
    paragraphs = read_table(out, "paragraphs")
    assert paragraphs.filter(pl.col("article_id") == "1111111111111111")["text"].to_list() == ["Changed version."]
    assert paragraphs.filter(pl.col("article_id") == "eb467b9fec6cd865").height == 29
    assert read_table(out, "articles").height == 2


def test_full_refresh_rebuilds_the_same_rows(seed_dir, tmp_path, run_flow):
    out = tmp_path / "out"
    run_flow(seed_dir, out)
    first = stable(read_table(out, "paragraphs"))
    refreshed = run_flow(seed_dir, out, full_refresh=True)
    assert (refreshed["files_written"], refreshed["files_skipped"]) == (1, 0)
    assert stable(read_table(out, "paragraphs")).equals(first)


def test_bad_files_are_quarantined_and_accounted(seed_dir, tmp_path, run_flow):
    bad = {
        "010_0000000000000001.txt": (b"", "empty"),
        "011_0000000000000002.txt": (b"{'a': 1}", "not_a_list"),
        "012_0000000000000003.txt": (b"['a', 2]", "non_string_item"),
        "013_0000000000000004.txt": (b"['unterminated", "syntax_error"),
        "014_0000000000000005.txt": (b"['caf\xe9']", "decode_error"),
        "015_0000000000000006.txt": (b"[" * 500 + b"]" * 500, "too_deep"),
        "016_0000000000000007.txt": (b"['" + b"x" * 2000 + b"']", "too_large"),
    }
    for name, (data, _) in bad.items():
        (seed_dir / name).write_bytes(data)
    summary = run_flow(seed_dir, tmp_path / "out", max_paragraph_chars=1000, batch_files=3)
    assert (summary["files_found"], summary["files_written"], summary["files_quarantined"]) == (8, 1, 7)
    quarantine = read_table(tmp_path / "out", "quarantine")
    assert dict(quarantine[["source_file", "error_kind"]].rows()) == {name: kind for name, (_, kind) in bad.items()}
    assert quarantine["error_message"].null_count() == 0
    assert read_table(tmp_path / "out", "paragraphs").height == 29

    again = run_flow(seed_dir, tmp_path / "out", max_paragraph_chars=1000, batch_files=3)
    assert (again["files_skipped"], again["files_quarantined"]) == (8, 0)
    assert read_table(tmp_path / "out", "quarantine").height == 7


def test_repeated_paragraph_counts_distinct_articles(tmp_path, run_flow):
    source = tmp_path / "in"
    source.mkdir()
    shared = "Sign up for the morning briefing, every weekday."
    for number in range(3):
        (source / f"00{number}_{number:016x}.txt").write_text(repr([f"Story {number} starts here.", shared]))
    run_flow(source, tmp_path / "out", batch_files=2)
    rows = read_table(tmp_path / "out", "paragraphs").filter(pl.col("paragraph_index") == 1)
    assert rows["repeat_count"].to_list() == [3, 3, 3]
    assert rows["first_article_id"].to_list() == ["0000000000000000"] * 3

    (source / "003_0000000000000003.txt").write_text(repr(["A later story.", shared]))
    run_flow(source, tmp_path / "out")
    later = read_table(tmp_path / "out", "paragraphs").filter(pl.col("article_id") == "0000000000000003")
    assert later.row(1, named=True)["repeat_count"] == 4
    assert later.row(1, named=True)["first_article_id"] == "0000000000000000"


def test_repeat_counts_do_not_depend_on_hash_buckets(tmp_path, run_flow):
    source, whole = tmp_path / "in", tmp_path / "whole"
    source.mkdir()
    words = "apples bridges clocks dunes engines forests glaciers harbours".split()
    texts = [f"Shared paragraph about {word}, told again." for word in words]  # digits would normalise alike

    def write(number: int, extra: str = "") -> None:
        # article n holds the shared texts n % 8 and (n * 3) % 8 and one text of its own
        body = [
            f"Story {words[number % 8]} {words[number // 8]} begins.{extra}",
            texts[number % 8],
            texts[number * 3 % 8],
        ]
        (source / f"{number:03d}_{number:016x}.txt").write_text(repr(body))

    for number in range(6):
        write(number)
    incremental = tmp_path / "incremental"
    run_flow(source, incremental, pairs_per_bucket=1000, batch_files=4)
    for number in range(6, 12):
        write(number)
    run_flow(source, incremental, pairs_per_bucket=4, batch_files=4)
    write(11, " Edited.")
    edited = run_flow(source, incremental, pairs_per_bucket=16, batch_files=4)
    run_flow(source, whole, batch_files=5)

    manifest = load_manifest(Store(str(incremental)))
    assert (edited["files_replaced"], manifest.state.text_pairs, len(manifest.state.texts)) == (1, 33, 4)
    # rows keep the counts of the run that wrote them: articles 6 to 11 were written knowing all 12
    columns = ["article_id", "paragraph_index", "repeat_count", "first_article_id", "is_boilerplate"]
    later = pl.col("article_id") >= "0000000000000006"
    counts = read_table(incremental, "paragraphs").filter(later).select(columns)
    assert counts.equals(read_table(whole, "paragraphs").filter(later).select(columns))
    shared_0 = counts.filter(pl.col("article_id") == "0000000000000008", pl.col("paragraph_index") == 1)
    assert shared_0.row(0)[2:] == (2, "0000000000000000", True)  # texts[0] is in articles 0 and 8


def test_reruns_trust_unchanged_quick_keys_and_full_check_hashes_again(tmp_path, run_flow):
    source, output = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    article, hour_ago = source / "001_aaaaaaaaaaaaaaaa.txt", time.time_ns() - 3600 * 10**9
    article.write_text("['First paragraph.']")
    os.utime(article, ns=(hour_ago, hour_ago))
    assert run_flow(source, output)["files_written"] == 1
    store = Store(str(output))
    assert load_files_state(store, load_manifest(store))["quick_key"].to_list() == [f"20:{hour_ago}"]

    article.write_text("['Other paragraph.']")  # same size, and the mtime put back: the quick key holds
    os.utime(article, ns=(hour_ago, hour_ago))
    assert file_counts(run_flow(source, output)) == {
        **dict.fromkeys(FILE_COUNTS, 0),
        "files_found": 1,
        "files_skipped": 1,
    }
    rehashed = run_flow(source, output, full_check=True)
    assert (rehashed["files_written"], rehashed["files_replaced"]) == (1, 1)
    assert read_table(output, "paragraphs")["text"].to_list() == ["Other paragraph."]


def test_a_missing_input_fails_the_flow_run_before_any_work(tmp_path, prefect_harness):
    from flows.pipeline import newsflow
    from tasks.settings import Settings

    settings = Settings(input=str(tmp_path / "nowhere"), output=str(tmp_path / "out"))
    state = newsflow(settings, return_state=True)
    assert state.is_failed()
    assert state.message == (
        "Flow run encountered an exception: InputNotReadable: cannot read the input folder "
        f"{tmp_path / 'nowhere'}: No such file or directory; nothing was done"
    )
    assert not (tmp_path / "out").exists()
