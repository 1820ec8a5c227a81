"""Shared fixtures: one Prefect test harness per session, the seed, a flow runner and a moto S3 server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import BUCKET, stop, wait_for_port

from bench.servers import free_port
from flows.temporary_server import TemporaryServer, send_pending

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "000_eb467b9fec6cd865.txt"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
TIERS = ("unit", "flow", "system")


def pytest_collection_modifyitems(items):
    """Each test's tier: `system` where it says so or lives in tests/system, `flow` when it needs the
    Prefect harness, `unit` otherwise; `make test-fast` runs the unit tier."""
    for item in items:
        if any(item.get_closest_marker(tier) for tier in TIERS):
            continue
        if "system" in item.path.parent.name:
            item.add_marker(pytest.mark.system)
        elif "prefect_harness" in item.fixturenames:
            item.add_marker(pytest.mark.flow)
        else:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory):
    """A private Prefect home and one temporary API server for the whole session, logging to a file.

    The server is the one `newsflow run` starts (flows.temporary_server): it serves a socket bound
    before it starts. Prefect's own test harness picks a free port, releases it and has a process
    started seconds later bind it, and on a machine running other suites something else can take the
    port meanwhile. A test that fails while using it shows the server's state (pytest_runtest_makereport).
    """
    home = tmp_path_factory.mktemp("prefect_home")
    os.environ["PREFECT_HOME"] = str(home)
    from prefect.context import _temporary_global_settings_context, get_settings_context
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, temporary_settings

    with open(home / "server.log", "w") as log:
        server = TemporaryServer(output=log)
        try:
            with temporary_settings({PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS: 120}):  # a loaded machine
                server.ready()
            with (
                temporary_settings({PREFECT_API_URL: server.api_url}),
                _temporary_global_settings_context(get_settings_context()),  # for threads without a context
            ):
                yield server
                send_pending()
        finally:
            server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test that used the harness gets a section saying whether its server still runs, and its log's end."""
    report = yield
    server = getattr(item, "funcargs", {}).get("prefect_harness")  # set up for this test, directly or by a fixture
    if report.failed and server:
        state = "running" if server.process.poll() is None else f"exited with status {server.process.returncode}"
        log = Path(os.environ["PREFECT_HOME"]) / "server.log"
        report.sections.append(("Prefect harness server", f"{server.api_url}: {state}\n{log.read_text()[-3000:]}"))
    return report


@pytest.fixture
def seed_dir(tmp_path) -> Path:
    """An input folder holding only the seed article."""
    folder = tmp_path / "input"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture
def run_flow(prefect_harness):
    """Run the real flow in this process with the given settings; return its summary."""
    from flows.pipeline import newsflow
    from tasks.settings import Settings

    def run(input_dir, output_dir, **options) -> dict:
        settings = Settings(input=str(input_dir), output=str(output_dir), **options)
        return newsflow(settings)

    return run


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory):
    """http:// address of a `moto_server` that s3fs reaches through AWS_ENDPOINT_URL_S3 and dummy keys."""
    import s3fs

    from tasks.storage.store import Store

    s3fs.S3FileSystem.clear_instance_cache()  # fsspec caches clients by arguments, not by endpoint
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
