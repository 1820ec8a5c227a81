"""The temporary Prefect server `newsflow run` starts for itself when no PREFECT_API_URL names one."""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import threading
import urllib.request
from contextlib import closing
from pathlib import Path

import prefect.context
import pytest
from prefect.settings import (
    PREFECT_API_URL,
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
    PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS,
    PREFECT_UI_URL,
    temporary_settings,
)

from bench.servers import BIN, clean_env
from flows.temporary_server import ONE_RUN_SETTINGS, STARTUP_SECONDS, listening_socket, startup_timeout, temporary_api

PREFECT_SUFFIX = re.compile(r"-[0-9a-f]{3}$")  # what Prefect appends to a task run's name from its function


def _processes_with(variable: str) -> list[int]:
    """Processes whose environment holds `variable` (NAME=value)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if variable.encode() in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                found.append(int(pid))
        except OSError:
            continue
    return found


def _environment(pid: int) -> dict[str, str]:
    """A process's environment as it started."""
    pairs = Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0")
    return dict(pair.split("=", 1) for pair in pairs if pair)


def test_a_run_without_an_api_url_records_on_its_own_server_and_stops_it(seed_dir, tmp_path):
    home = tmp_path / "home"
    args = ["run", "--input", str(seed_dir), "--output", str(tmp_path / "out"), "--runner", "process", "--json"]
    env = clean_env(home) | {
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"
    }  # a new database, a busy machine
    done = subprocess.run([str(BIN / "newsflow"), *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["files_written"], summary["paragraphs"]) == (1, 29)
    with closing(sqlite3.connect(home / "prefect.db")) as db:  # the server kept the run in this PREFECT_HOME
        flow_runs = db.execute("SELECT id, state_type FROM flow_run").fetchall()
        tasks = db.execute("SELECT name, state_type FROM task_run WHERE flow_run_id = ?", [flow_runs[0][0]]).fetchall()
    assert [state for _, state in flow_runs] == ["COMPLETED"]
    # every task run's last state, recorded from its events
    names = sorted(PREFECT_SUFFIX.sub("", name) for name, _ in tasks)
    assert names == [
        "clean batch 1/1",
        "commit_run",
        "count repeats bucket 1/1",
        "enrich batch 1/1",
        "plan",
        "quality report",
    ]
    assert {state for _, state in tasks} == {"COMPLETED"}
    assert "Starting temporary server" not in done.stderr  # Prefect never started a server of its own
    assert "Error logging to API" not in done.stderr  # every log line reached the server before it stopped
    assert "ERROR" not in done.stderr  # nor did the server report an error of its own
    assert "View at" not in done.stderr  # no link to a UI the temporary server does not serve
    assert _processes_with(f"PREFECT_HOME={home}") == []


def test_the_temporary_server_answers_while_open_and_is_gone_after(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))  # the server's database
    process_wide = prefect.context.GLOBAL_SETTINGS_CONTEXT
    unset = temporary_settings(
        {PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 120}, restore_defaults={PREFECT_API_URL}
    )
    with unset, temporary_api() as server:
        server.ready()
        with urllib.request.urlopen(f"{server.api_url}/health") as response:
            assert response.read() == b"true"
        assert PREFECT_API_URL.value() == os.environ["PREFECT_API_URL"] == server.api_url
        seen_by_a_thread = []  # a new thread starts without this context: it reads the process-wide settings
        thread = threading.Thread(target=lambda: seen_by_a_thread.append(PREFECT_API_URL.value()))
        thread.start()
        thread.join()
        assert seen_by_a_thread == [server.api_url]
        assert (PREFECT_FLOWS_HEARTBEAT_FREQUENCY.value(), PREFECT_UI_URL.value()) == (None, "")
        assert ONE_RUN_SETTINGS.items() <= _environment(server.process.pid).items()  # registers no block types
    assert (tmp_path / "prefect.db").exists()
    assert server.process.poll() is not None
    assert "PREFECT_API_URL" not in os.environ
    assert prefect.context.GLOBAL_SETTINGS_CONTEXT is process_wide  # the previous settings are back


def test_the_servers_connections_send_without_nagles_delay():
    # uvicorn wraps the socket it is handed as a Unix one, as here, so asyncio sets no TCP option on
    # what it accepts: the listening socket's own option is what its connections have
    with listening_socket() as listening, socket.create_connection(listening.getsockname()):
        as_uvicorn_sees_it = socket.fromfd(listening.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
        connection, _ = as_uvicorn_sees_it.accept()
        with as_uvicorn_sees_it, socket.socket(fileno=connection.detach()) as accepted:
            assert accepted.family == socket.AF_INET
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_a_server_that_outlives_runs_starts_as_prefects_own_does(prefect_harness):
    # it stands for a server users keep: block types registered, every setting Prefect's default
    assert ONE_RUN_SETTINGS.keys().isdisjoint(_environment(prefect_harness.process.pid))


def test_no_server_is_started_when_an_api_url_is_set():
    with temporary_settings({PREFECT_API_URL: "http://prefect.internal:4200/api"}), temporary_api() as server:
        assert server is None
        assert "PREFECT_API_URL" not in os.environ


def test_a_server_too_slow_to_answer_fails_with_the_setting_to_raise_and_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path))
    unset = temporary_settings(
        {PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 0}, restore_defaults={PREFECT_API_URL}
    )
    busy = pytest.raises(RuntimeError, match="within 0 s; on a busy machine raise PREFECT_SERVER_EPHEMERAL_STARTUP")
    with busy, unset, temporary_api() as server:
        server.ready()
    assert server.process.poll() is not None


def test_the_start_up_wait_is_newsflows_unless_prefects_setting_is_set(monkeypatch):
    """A fresh home's migrations outlast Prefect's default 20 s: newsflow waits 120 s unless told."""
    monkeypatch.delenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", raising=False)
    assert (STARTUP_SECONDS, startup_timeout()) == (120, 120)
    with temporary_settings({PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 33}):
        assert startup_timeout() == 33
