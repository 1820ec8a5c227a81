"""Two runs on one output: the second stops with a clear message and touches nothing; commits never interleave."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tasks.commit.lock import OutputLocked, output_lock
from tasks.commit.manifest import load_manifest, manifest_versions
from tasks.storage import faults
from tasks.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]


def _input(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir()
    for i in range(1, 5):
        (folder / f"{i:03d}_{i:016x}.txt").write_text(repr([f"Story {i}.", "Shared line."]))
    return folder


def test_second_run_stops_while_the_lock_is_held(tmp_path, run_flow):
    output = tmp_path / "out"
    with output_lock(Store(str(output)), run_id="holder"), pytest.raises(OutputLocked) as caught:
        run_flow(_input(tmp_path), output)
    assert str(caught.value).startswith(f'another newsflow run is writing to {output} ({{"run_id": "holder", "pid": ')
    assert str(caught.value).endswith("; try again when it ends")
    assert sorted(os.listdir(output)) == ["_lock"]


@pytest.mark.system
def test_a_run_paused_before_its_commit_blocks_a_second_run(tmp_path, run_flow, prefect_harness):
    from prefect.settings import PREFECT_API_URL

    input_dir, output = _input(tmp_path), tmp_path / "out"
    rules = tmp_path / "faults.json"
    rules.write_text(json.dumps([{"op": "write", "match": "_manifest/v", "times": 1, "error": "hold"}]))
    env = {**os.environ, faults.ENV: str(rules), "PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [sys.executable, "-m", "flows", "run", "--input", str(input_dir), "--output", str(output)]
    first = subprocess.Popen(
        [*command, "--batch-files", "2", "--quiet", "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(Path(f"{rules}.0.hits"), first)
        staged = sorted(p.relative_to(output) for p in (output / "_staging").rglob("*") if p.is_file())
        with pytest.raises(OutputLocked, match=f'"pid": {first.pid}'):
            run_flow(input_dir, output)
        assert sorted(p.relative_to(output) for p in (output / "_staging").rglob("*") if p.is_file()) == staged
        assert manifest_versions(Store(str(output))) == []
    finally:
        Path(f"{rules}.release").touch()
        stdout, stderr = first.communicate(timeout=180)
    assert first.returncode == 0, stderr.decode()[-2000:]
    assert json.loads(stdout)["files_written"] == 4
    second = run_flow(input_dir, output)
    assert (second["files_skipped"], second["version"]) == (4, 2)
    assert manifest_versions(Store(str(output))) == [1, 2]
    assert load_manifest(Store(str(output)), 1).summary.files_written == 4


def _wait_for(path: Path, process: subprocess.Popen) -> None:
    """Block until the paused run reaches its fault point (or fail if it died first)."""
    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "the first run never reached its commit"
        time.sleep(0.05)


def test_a_create_only_write_never_replaces_a_file(tmp_path):
    store = Store(str(tmp_path))
    store.write_bytes("_manifest/v000001.json", b"first", create_only=True)
    with pytest.raises(FileExistsError):
        store.write_bytes("_manifest/v000001.json", b"second", create_only=True)
    assert store.read_bytes("_manifest/v000001.json") == b"first"
    assert sorted(p.name for p in (tmp_path / "_manifest").iterdir()) == ["v000001.json"]
