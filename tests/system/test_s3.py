"""From and to s3:// (a real moto S3 server on 127.0.0.1) the flow writes what a local run writes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import committed_rows, small_corpus, stop, wait_for_port

from bench.servers import free_port
from schemas import TABLES
from tasks.commit.manifest import load_manifest, manifest_versions
from tasks.storage.store import Store

BUCKET = "news"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """http:// address of a `moto_server` that s3fs reaches through AWS_ENDPOINT_URL_S3 and dummy keys."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    moto_server = str(Path(sys.executable).parent / "moto_server")
    with (
        open(tmp_path_factory.mktemp("moto") / "moto.log", "w") as log,
        pytest.MonkeyPatch.context() as env,
    ):
        server = subprocess.Popen(
            [moto_server, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=subprocess.STDOUT
        )
        for name, value in {
            "AWS_ENDPOINT_URL_S3": endpoint,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }.items():
            env.setenv(name, value)
        try:
            wait_for_port(port, server)
            Store(f"s3://{BUCKET}").fs.mkdir(BUCKET)
            yield endpoint
        finally:
            stop([server])


def upload(folder: Path, prefix: str) -> str:
    """Copy a local folder under s3://BUCKET/prefix/ and return that URL."""
    Store(f"s3://{BUCKET}").fs.put(f"{folder}/", f"{BUCKET}/{prefix}/", recursive=True)
    return f"s3://{BUCKET}/{prefix}"


def test_flow_from_and_to_s3_writes_what_a_local_run_writes(tmp_path, s3_endpoint, run_flow):
    source = small_corpus(tmp_path / "input")
    local = run_flow(source, tmp_path / "local", batch_files=2)

    source_url, output = upload(source, "input"), f"s3://{BUCKET}/output"
    on_s3 = run_flow(source_url, output, batch_files=2)
    again = run_flow(source_url, output, batch_files=2)

    counts = ("files_found", "files_written", "files_quarantined", "paragraphs", "batches")
    assert [on_s3[k] for k in counts] == [local[k] for k in counts] == [5, 4, 1, 82, 3]
    assert (again["files_written"], again["files_skipped"], again["paragraphs"]) == (0, 5, 0)
    assert committed_rows(output) == committed_rows(str(tmp_path / "local"))
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
