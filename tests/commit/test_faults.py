"""Injected I/O faults in-process: retried reads and writes, unreadable files, a full disk, a
folder that cannot be written. Each run's summary must still add up."""

from __future__ import annotations

import json
import re

import polars as pl
import pytest
from support import write_files

from tasks.commit.lock import OutputNotWritable
from tasks.commit.protocol import manifest_versions
from tasks.storage import faults
from tasks.storage.store import Store

ARTICLES = {f"{i:03d}_{i:016x}.txt": repr([f"Article {i} paragraph {j}." for j in range(3)]) for i in range(1, 6)}


@pytest.fixture
def articles_dir(tmp_path):
    return write_files(tmp_path / "input", ARTICLES)


def _balanced(summary: dict) -> bool:
    return summary["files_found"] == summary["files_written"] + summary["files_skipped"] + summary["files_quarantined"]


def _rows(output, table: str) -> list[tuple]:
    frame = pl.read_parquet(f"{output}/{table}/**/*.parquet", hive_partitioning=False)
    return sorted(frame.drop("run_id", "ingested_at").rows())


def test_transient_read_errors_are_retried_and_counted(articles_dir, tmp_path, run_flow, inject):
    hits = inject({"op": "read", "match": "003_", "times": 2, "error": "EIO"})
    summary = run_flow(articles_dir, tmp_path / "out", batch_files=2)
    assert (summary["files_written"], summary["files_quarantined"], summary["read_retries"]) == (5, 0, 2)
    assert hits(0) == 3 and _balanced(summary)


def test_persistent_read_error_quarantines_then_a_rerun_ingests(articles_dir, tmp_path, run_flow, inject):
    output = tmp_path / "out"
    inject({"op": "read", "match": "003_", "times": -1, "error": "EIO"})
    summary = run_flow(articles_dir, output, batch_files=2)
    assert (summary["files_written"], summary["files_quarantined"], summary["quarantine_kinds"]) == (
        4,
        1,
        {"io_error": 1},
    )
    quarantine = pl.read_parquet(f"{output}/quarantine/**/*.parquet")
    assert quarantine.select("source_file", "content_sha256", "error_kind", "error_message").rows() == [
        ("003_0000000000000003.txt", None, "io_error", "could not read after 3 attempts: injected EIO on read")
    ]
    assert _balanced(summary)

    inject()
    again = run_flow(articles_dir, output, batch_files=2)
    # An unreadable file has no sha256 on record, so every rerun tries it again.
    assert (again["files_written"], again["files_skipped"], again["files_replaced"]) == (1, 4, 1)
    assert _balanced(again)
    assert pl.read_parquet(f"{output}/quarantine/**/*.parquet").height == 0
    assert pl.read_parquet(f"{output}/articles/**/*.parquet")["source_file"].sort().to_list() == sorted(ARTICLES)


def test_transient_write_errors_are_retried_by_prefect_and_counted(articles_dir, tmp_path, run_flow, inject):
    clean = tmp_path / "clean"
    run_flow(articles_dir, clean, batch_files=2)
    hits = inject(
        {"op": "write", "match": "batch-00001.cleaned.arrow", "times": 1, "error": "EIO"},
        {"op": "commit", "match": "_manifest/", "times": 1, "error": "EIO"},
    )
    output = tmp_path / "out"
    summary = run_flow(articles_dir, output, batch_files=2)
    assert (summary["files_written"], summary["task_retries"], hits(0), hits(1)) == (5, 2, 2, 2)
    assert _balanced(summary)
    assert manifest_versions(Store(str(output))) == [1]
    for table in ("paragraphs", "articles"):
        assert _rows(output, table) == _rows(clean, table)


@pytest.mark.parametrize(
    ("rule", "where"),
    [
        (
            {"op": "write", "match": "batch-00000.cleaned.arrow"},
            r"_staging/\d{8}T\d{6}-[0-9a-f]{6}/batch-00000\.cleaned\.arrow",
        ),
        ({"op": "commit", "match": "_manifest/"}, r"_manifest/v000002\.json"),
    ],
    ids=["staging", "manifest"],
)
def test_disk_full_fails_clearly_and_keeps_the_committed_dataset(articles_dir, tmp_path, run_flow, inject, rule, where):
    output = tmp_path / "out"
    first = run_flow(articles_dir, output, batch_files=2)
    before = {t: _rows(output, t) for t in ("paragraphs", "articles")}
    (articles_dir / "006_0000000000000006.txt").write_text("['A new article.']")
    (articles_dir / "001_0000000000000001.txt").write_text("['Article 1, edited.']")
    hits = inject({**rule, "times": -1, "error": "ENOSPC"})
    expected = rf"no space left on device while writing {where} in {re.escape(str(output))}; the committed dataset is unchanged"
    with pytest.raises(Exception, match=expected):
        run_flow(articles_dir, output, batch_files=2)
    assert hits(0) == 1, "a full disk is not retried"
    assert manifest_versions(Store(str(output))) == [first["version"]]
    assert {t: _rows(output, t) for t in ("paragraphs", "articles")} == before
    assert not list(output.rglob(".tmp-*"))


def test_unwritable_output_fails_before_any_work(articles_dir, tmp_path, run_flow):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputNotWritable) as caught:
        run_flow(articles_dir, blocker / "out")
    assert (
        str(caught.value) == f"cannot write to the output folder {blocker / 'out'}: Not a directory; nothing was done"
    )
    assert blocker.read_text() == "not a folder"


def test_a_summary_that_does_not_add_up_stops_the_commit():
    from dataclasses import replace

    from tasks.commit.staging import RunInfo
    from tasks.handoffs import EnrichedBatch, Plan
    from tasks.report.summary import run_summary
    from tasks.stats import Stats

    plan = Plan(
        RunInfo("r", None, 1),
        [],
        found=4,
        skipped=1,
        replaced=[],
        superseded=[],
        replaced_ids=[],
        text_files=[],
        text_pairs=0,
    )
    result = EnrichedBatch(
        0,
        [],
        "f",
        n_articles=1,
        n_older=0,
        n_paragraphs=2,
        n_quarantined=1,
        quarantine_kinds={"empty": 1},
        stats=Stats(),
    )
    with pytest.raises(RuntimeError) as caught:
        run_summary(plan, [result], [], Stats())
    assert str(caught.value) == "accounting error: found 4 files but written 1 + skipped 1 + quarantined 1 = 3"
    summary = run_summary(replace(plan, found=3), [result], [], Stats())
    assert _balanced(summary.to_dict()) and summary.quarantine_kinds == {"empty": 1}


def test_the_fault_hook_records_points_and_targets_one_exactly(tmp_path, monkeypatch):
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv(faults.TRACE_ENV, str(trace))
    rules = tmp_path / "rules.json"
    run = r"\d{8}T\d{6}-[0-9a-f]{6}"
    rules.write_text(
        json.dumps(
            [{"op": "write", "pattern": f"_staging/{run}/a", "skip": 1, "times": -1, "error": "ENOSPC", "sticky": True}]
        )
    )
    monkeypatch.setenv(faults.ENV, str(rules))
    faults.check("write", "_staging/20261201T000000-abcdef/a")  # the first match passes (skip 1)
    faults.check("write", "_staging/20261201T000000-abcdef/ab")  # the whole path must match
    with pytest.raises(OSError, match=r"\[Errno 28\] injected ENOSPC on write"):
        faults.check("write", "_staging/20261201T000000-abcdef/a")
    with pytest.raises(OSError, match=r"\[Errno 28\] injected ENOSPC on delete"):  # sticky: every later point
        faults.check("delete", "_manifest/v000001.json")
    assert trace.read_text().splitlines() == [
        "write _staging/20261201T000000-abcdef/a",
        "write _staging/20261201T000000-abcdef/ab",
        "write _staging/20261201T000000-abcdef/a",
        "delete _manifest/v000001.json",
    ]
