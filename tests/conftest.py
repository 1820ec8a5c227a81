"""Shared fixtures: one Prefect test harness per session, the seed, and a flow runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
    """A private Prefect home and temporary server for the whole session."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect_home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


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
