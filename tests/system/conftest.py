"""A real Prefect server shared by the system tests of one module."""

from __future__ import annotations

import pytest

from bench.servers import prefect_server


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A `prefect server start` with its own PREFECT_HOME; yields the env to reach it."""
    with prefect_server(tmp_path_factory.mktemp("server_home")) as env:
        yield env
