"""Task workers report to the flow's own API server instead of starting their own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from ipaddress import ip_address
from urllib.parse import urlsplit

from prefect.context import FlowRunContext
from prefect.settings import PREFECT_API_URL, temporary_settings


@contextmanager
def workers_share_api() -> Iterator[None]:
    """Point every task worker at this flow run's API server, for the flow's duration.

    Without an explicit PREFECT_API_URL the flow talks to a temporary server, and a worker that
    does not know its address starts a temporary server of its own: seconds of start-up per
    process-pool worker, and Dask workers' task runs recorded in a private database, invisible in
    the UI. Process-pool workers inherit the environment at their first task; Dask workers get the
    settings serialised with each task, so both are set.
    """
    if PREFECT_API_URL.value():
        yield
        return
    url = str(FlowRunContext.get().client.api_url).rstrip("/")
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            yield
    finally:
        del os.environ["PREFECT_API_URL"]


def dask_api_problem(dask_address: str | None, api_url: str | None) -> str | None:
    """Why a Dask cluster could not report to this run's API, or None: a scheduler on another host
    cannot reach the temporary server a run without PREFECT_API_URL starts on 127.0.0.1."""
    if not dask_address or api_url or _is_loopback(urlsplit(dask_address).hostname):
        return None
    return (
        f"Dask workers of {dask_address} cannot reach this run's temporary Prefect API on 127.0.0.1: "
        "set PREFECT_API_URL to a Prefect server they can reach (see docs/operations.md)"
    )


def _is_loopback(host: str | None) -> bool:
    try:
        return host is not None and (host == "localhost" or ip_address(host).is_loopback)
    except ValueError:
        return False
