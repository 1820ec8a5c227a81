"""From and to s3:// (a real moto S3 server on 127.0.0.1) the flow writes what a local run writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import BUCKET, committed_rows, small_corpus, upload

from schemas import TABLES
from tasks.commit.manifest import load_manifest, manifest_versions
from tasks.storage import faults
from tasks.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_flow_from_and_to_s3_writes_what_a_local_run_writes(tmp_path, s3_endpoint, run_flow):
    source = small_corpus(tmp_path / "input")
    local = run_flow(source, tmp_path / "local", batch_files=2)

    source_url, output = upload(source, "input"), f"s3://{BUCKET}/output"
    on_s3 = run_flow(source_url, output, batch_files=2)
    again = run_flow(source_url, output, batch_files=2)

    counts = ("files_found", "files_written", "files_quarantined", "paragraphs", "batches")
    # 5 files at most 2 a batch, evened out for 2 workers: batches of 2, 1, 1 and 1
    assert [on_s3[k] for k in counts] == [local[k] for k in counts] == [5, 4, 1, 82, 4]
    assert (again["files_written"], again["files_skipped"], again["paragraphs"]) == (0, 5, 0)
    on_s3_rows, local_rows = committed_rows(output), committed_rows(str(tmp_path / "local"))
    # the copies differ in modification time only: LastModified of the upload, mtime of the local file
    assert all(row.pop("file_modified_at") is not None for row in on_s3_rows["article_versions"])
    assert all(row.pop("file_modified_at") is not None for row in local_rows["article_versions"])
    assert on_s3_rows == local_rows
    store = Store(output)
    manifest = load_manifest(store)
    listed = manifest.live_files()
    assert [f for f in store.list_files() if f.split("/")[0] in TABLES or f.startswith("_staging")] == sorted(listed)
    assert manifest.version == 2 and manifest_versions(store) == [1, 2]


def test_a_manifest_on_s3_never_lists_a_file_that_is_not_there(tmp_path, s3_endpoint, run_flow, monkeypatch):
    source_url = upload(small_corpus(tmp_path / "input"), "fail-input")
    output = Store(f"s3://{BUCKET}/fail-output")
    run_flow(source_url, output.url, runner="thread")
    Store(source_url).write_bytes("005_5555555555555555.txt", b"['A new article.']")
    rules = tmp_path / "faults.json"
    rules.write_text(json.dumps([{"op": "move", "times": -1, "error": "EIO"}]))
    monkeypatch.setenv("NEWSFLOW_FAULTS", str(rules))

    with pytest.raises(OSError):
        run_flow(source_url, output.url, runner="thread")
    manifest = load_manifest(output)
    listed = sorted(manifest.live_files())
    assert [rel for rel in listed if not output.exists(rel)] == []
    assert manifest.version == 1

    monkeypatch.delenv("NEWSFLOW_FAULTS")
    resumed = run_flow(source_url, output.url, runner="thread")
    assert (resumed["files_written"], resumed["files_skipped"], resumed["paragraphs"]) == (1, 5, 1)


def test_two_concurrent_runs_on_s3_never_both_commit(tmp_path, s3_endpoint, run_flow, prefect_harness):
    from prefect.settings import PREFECT_API_URL

    source_url, output = upload(small_corpus(tmp_path / "input"), "race-input"), f"s3://{BUCKET}/race-output"
    rules = tmp_path / "faults.json"
    rules.write_text(json.dumps([{"op": "write", "match": "_manifest/v", "times": 1, "error": "hold"}]))
    env = {**os.environ, faults.ENV: str(rules), "PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [sys.executable, "-m", "flows", "run", "--input", source_url, "--output", output, "--quiet", "--json"]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 180
        while not Path(f"{rules}.0.hits").exists():  # the first run has staged and copied its files
            assert first.poll() is None and time.monotonic() < deadline, first.stderr.read()[-2000:]
            time.sleep(0.05)
        store = Store(output)
        held = [rel for rel in store.list_files() if not rel.startswith("_lock")]
        second = run_flow(source_url, output)  # starts, plans and commits version 1 while the first waits
        assert (second["version"], second["files_written"]) == (1, 4)
        assert all(store.exists(rel) for rel in held), "the second run's recover left the first run's work alone"
    finally:
        Path(f"{rules}.release").touch()
        _, stderr = first.communicate(timeout=180)
    assert first.returncode == 1
    assert (
        f"newsflow: run failed: VersionTaken: another run committed version 1 of {output} while this one ran; "
        "this run committed nothing and removed its files: run again"
    ) in stderr
    manifest = load_manifest(store)
    assert (manifest_versions(store), manifest.run_id) == ([1], second["run_id"])
    assert store.list_files("_staging") == []
    tables = [rel for rel in store.list_files() if rel.split("/")[0] in TABLES]
    assert tables == sorted(manifest.live_files())
