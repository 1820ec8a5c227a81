"""Helpers shared by the tests that run real processes: ports, processes, fixtures on disk."""

from __future__ import annotations

import ast
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from tasks.commit.manifest import load_manifest
from tasks.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER_START_SECONDS = 120
SEED = ROOT / "data" / "000_eb467b9fec6cd865.txt"
VOLATILE = {"run_id", "ingested_at"}
TABLES = ("paragraphs", "articles", "quarantine")
FILE_COUNTS = ("files_found", "files_written", "files_skipped", "files_quarantined", "paragraphs")


def file_counts(summary: dict) -> dict:
    """The counts of a run summary that must add up: files found, written, skipped, quarantined."""
    return {key: summary[key] for key in FILE_COUNTS}


def small_corpus(folder: Path) -> Path:
    """The seed, three articles recombined from its paragraphs (one in a subfolder) and one bad file."""
    paragraphs = ast.literal_eval(SEED.read_text(encoding="utf-8"))
    (folder / "later").mkdir(parents=True)
    shutil.copy(SEED, folder / SEED.name)
    (folder / "001_1111111111111111.txt").write_text(repr(paragraphs[::-1]), encoding="utf-8")
    (folder / "002_2222222222222222.txt").write_text(repr(paragraphs[:12]), encoding="utf-8")
    (folder / "later" / "003_3333333333333333.txt").write_text(repr(paragraphs[5::2]), encoding="utf-8")
    (folder / "later" / "004_4444444444444444.txt").write_text("{'not': 'a list'}", encoding="utf-8")
    return folder


def committed_rows(url: str) -> dict[str, list[dict]]:
    """Every table's rows from the files the latest manifest lists, without run ids and timestamps, sorted."""
    store = Store(url)
    manifest = load_manifest(store)
    rows = {}
    for table in TABLES:
        parts = [store.read_parquet(f"{table}/{part}") for part in manifest.tables[table]]
        found = pa.concat_tables(parts).to_pylist() if parts else []
        rows[table] = sorted(
            ({k: v for k, v in row.items() if k not in VOLATILE} for row in found),
            key=lambda r: (r["source_file"], r.get("paragraph_index", 0)),
        )
    return rows


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    """Block until something listens on 127.0.0.1:`port`; fail if `process` dies first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args} exited with {process.returncode}"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listening on port {port} after {seconds} s")


def stop(processes: list[subprocess.Popen]) -> None:
    """Terminate, then kill what has not exited after 20 s."""
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_group(process: subprocess.Popen) -> None:
    """SIGINT to the process group first (as Ctrl-C would), then kill the group if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def clean_env(home: Path) -> dict[str, str]:
    """This environment without any PREFECT_ setting, with its own PREFECT_HOME and telemetry off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return env | {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"prefect server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"prefect server not healthy after {SERVER_START_SECONDS}s:\n{log.read_text()[-3000:]}")


@contextmanager
def prefect_server(home: Path, extra_env: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """A `prefect server start` on a free 127.0.0.1 port with PREFECT_HOME `home`; yields the env to reach it."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = clean_env(home) | (extra_env or {})
    log = home / "server.log"
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        api = f"http://127.0.0.1:{port}/api"
        _wait_healthy(api, process, log)
        yield env | {"PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    finally:
        stop_group(process)


@contextmanager
def api_client(env: dict):
    """A sync Prefect client of the server `env` points to."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
        yield client
