"""The throw-away Prefect API server of a `newsflow run` without PREFECT_API_URL, started early and cheaply.

Prefect starts the same server itself at a flow's first API call, but only after the flow process has
imported Prefect's whole server package (FastAPI app, ORM models, migrations: about 2 s of CPU on this
project's machine) just to reach the class that launches it, and only once everything else is loaded.
Launched here, the server boots in its own process while the flow's modules load, and the flow
process never imports the server. It is launched before this process imports Prefect itself (about
a second of CPU), so Prefect is imported here lazily, in the functions that need it.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

from flows.environment import temporary_environ

# What Prefect's own temporary server gets (prefect.server.api.server.SubprocessASGIServer): no UI,
# only the services an ephemeral server runs.
SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
# Prefect settings for the server of one run (`temporary_api`, `for_one_run`); values in the environment win.
# No block types are registered at start: Prefect's memoised registration first imports every installed
# collection to hash the block registry (prefect_dask: Dask and distributed), on the boot's critical path.
# A run keeps its results in memory and reads no block, and a `prefect server start` on the same database
# registers them at its own start. Launch to /health, 10 rounds alternating: median 3.41 -> 3.27 s; a run on
# one file, 7 rounds: paired median -0.30 s (docs/benchmarks.md#prefects-fixed-cost). (Writing the task-run recorder's
# events a second at a time, tried on 2026-12-05, saved the server 1 s of CPU in a 2M run but no wall time,
# and a stop that fell during a periodic flush cancelled it: an error and its traceback printed at the end
# of a run that had succeeded.)
ONE_RUN_SETTINGS = {"PREFECT_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false", "PREFECT_API_BLOCKS_REGISTER_ON_START": "false"}
# uvicorn's command line, run with the cyclic GC collecting every 50,000 allocations instead of 700
# and its older generations ten times less often. Booting the server is importing (FastAPI,
# SQLAlchemy's models, every router: about 3 s of CPU), and at the default thresholds collections
# walked the growing heap of those imports again and again: 0.3-0.4 s of its time to /health
# (docs/benchmarks.md#prefects-fixed-cost). The server lives for one run: what a later collection
# lets wait is a few MB at most.
SERVER_MAIN = (
    "import gc, sys; gc.set_threshold(50_000, 20, 100); from uvicorn.main import main; sys.argv[0] = 'uvicorn'; main()"
)
POLL_SECONDS = 0.1
# How long `ready()` waits unless PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS is set. A fresh
# PREFECT_HOME's first start runs every database migration: 22 s to /health on a quiet 2-core machine
# (7 s once migrated), past Prefect's own default of 20 s, so a new user's first `make run` failed.
# A server that dies is seen at once (`ready` polls it), so waiting longer costs nothing then.
STARTUP_SECONDS = 120


class TemporaryServer:
    """A Prefect API server in a child process; `ready()` waits until it answers.

    Its socket is bound here, on a free local port, and handed to uvicorn already listening: no
    other process can take the port meanwhile, and requests wait in the queue until it serves.
    The socket sends without Nagle's delay (`TCP_NODELAY`, which Linux gives every connection it
    accepts): uvicorn takes a socket it is handed for a Unix one, so asyncio did not set it on them
    as it does on TCP connections, and every response, written as headers then body, waited for the
    client's delayed acknowledgement: 44 ms a request against 1-4 ms (`/api/health`, `/api/admin/storage`).
    """

    def __init__(self, output: IO[str] | None = None, settings: Mapping[str, str] | None = None) -> None:
        """`output` takes the server's own output (its error log); by default it shares this process's.

        `settings` are Prefect settings for the server, overridden by those in the environment.
        """
        with listening_socket() as listening:
            self.api_url = f"http://127.0.0.1:{listening.getsockname()[1]}/api"
            fd = str(listening.fileno())
            command = [
                sys.executable, "-c", SERVER_MAIN, "--app-dir", _site_packages(),
                "--factory", "prefect.server.api.server:create_app", "--fd", fd, "--log-level", "error",
                "--lifespan", "on",
            ]  # fmt: skip
            self.process = subprocess.Popen(
                command,
                env={**(settings or {}), **os.environ, **SERVER_ENV},
                pass_fds=[listening.fileno()],
                stdout=output,
                stderr=subprocess.STDOUT if output else None,
            )

    def ready(self) -> None:
        """Block until the server answers /health; raise if it exits or takes longer than Prefect allows."""
        timeout = startup_timeout()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server exited with status {self.process.returncode}")
            if _healthy(self.api_url):
                return
            time.sleep(POLL_SECONDS)
        raise RuntimeError(
            f"the temporary Prefect server did not answer on {self.api_url} within {timeout} s; on a busy"
            " machine raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or start one server"
            " (`make server`) and set PREFECT_API_URL"
        )

    def stop(self) -> None:
        """Terminate the server, as Prefect stops its own (SQLite's journal keeps the database whole); kill it if it lingers."""
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def for_one_run() -> TemporaryServer:
    """A temporary server for one run: it registers no block types (`ONE_RUN_SETTINGS`)."""
    return TemporaryServer(settings=ONE_RUN_SETTINGS)


@contextmanager
def temporary_api(launched: TemporaryServer | None = None) -> Iterator[TemporaryServer | None]:
    """A temporary server this process, its threads and its workers talk to, or None when PREFECT_API_URL names one.

    `launched` is one started earlier (flows.entry), used instead of starting one here.

    The address goes into the environment (workers inherit it) and into Prefect's process-wide
    settings, which threads without this context fall back to: with only a context-local setting,
    Prefect's background threads started a second temporary server of their own. Runs on it send
    no heartbeats (a server that dies with the run cannot watch for missed ones, and stopping the
    heartbeat thread costs up to a second) and print no links to its UI, which it has not.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield None
        return
    # before importing Prefect, whose settings may still name a server
    server = launched or for_one_run()
    with ExitStack() as stack:
        stack.callback(server.stop)
        from prefect.settings import (
            PREFECT_API_URL,
            PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
            PREFECT_UI_URL,
            temporary_settings,
        )

        if PREFECT_API_URL.value():  # a profile names a server: the one launched is not needed
            stack.close()
            yield None
            return
        stack.enter_context(temporary_environ({"PREFECT_API_URL": server.api_url, "PREFECT_UI_URL": ""}))
        stack.enter_context(_process_wide_settings())
        stack.enter_context(
            temporary_settings(
                {PREFECT_API_URL: server.api_url, PREFECT_UI_URL: "", PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
            )
        )
        stack.callback(send_pending)
        yield server


def listening_socket() -> socket.socket:
    """A socket listening on a free local port, whose connections send without Nagle's delay."""
    listening = socket.socket()
    listening.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by every connection it accepts
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    return listening


def _site_packages() -> str:
    """The folder Prefect is installed in, found without importing it."""
    return str(Path(importlib.util.find_spec("prefect").origin).parent.parent)


def send_pending() -> None:
    """Send the log lines and events still queued to the server before it stops, as Prefect does at exit."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all()
    EventsWorker.drain_all()


@contextmanager
def _process_wide_settings() -> Iterator[None]:
    """Prefect's process-wide settings read again from the environment, and the previous ones put back after."""
    import prefect.context
    from prefect.context import refresh_global_settings_context

    before = prefect.context.GLOBAL_SETTINGS_CONTEXT
    refresh_global_settings_context()
    try:
        yield
    finally:
        prefect.context.GLOBAL_SETTINGS_CONTEXT = before


def startup_timeout() -> float:
    """PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS where it is set (environment, profile,
    temporary settings), else `STARTUP_SECONDS`."""
    from prefect.settings import get_current_settings

    ephemeral = get_current_settings().server.ephemeral
    return (
        ephemeral.startup_timeout_seconds
        if "startup_timeout_seconds" in ephemeral.model_fields_set
        else STARTUP_SECONDS
    )


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
