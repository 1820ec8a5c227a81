"""Worker processes report to the flow's own API server instead of starting their own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.context import FlowRunContext


@contextmanager
def workers_share_api() -> Iterator[None]:
    """Point process-pool workers at this flow run's API server.

    In ephemeral mode each worker process would otherwise start a temporary Prefect server of its
    own: seconds of start-up and a busy CPU per worker. Workers inherit the environment at their
    first task, so setting PREFECT_API_URL for the flow's duration is enough.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield
        return
    os.environ["PREFECT_API_URL"] = str(FlowRunContext.get().client.api_url).rstrip("/")
    try:
        yield
    finally:
        del os.environ["PREFECT_API_URL"]
