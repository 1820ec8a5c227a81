"""The deployment as production runs it: a real `prefect server start` (on SQLite, and on PostgreSQL),
the process work pool and the deployment from the project's own prefect.yaml, a real `prefect worker`,
a run triggered with parameters: it writes what a CLI run writes."""

from __future__ import annotations

from contextlib import ExitStack

import pytest
from support import api_client, committed_rows, small_corpus

from bench.servers import (
    deploy,
    postgres,
    postgres_bin,
    postgres_count,
    prefect_server,
    run_cli,
    run_deployment,
    worker,
)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def deployed(request, tmp_path_factory):
    """(env reaching the server, the worker process, the PostgreSQL URL or None) for a server on SQLite or on PostgreSQL."""
    folder = tmp_path_factory.mktemp(f"deployed-{request.param}")
    with ExitStack() as stack:
        database_url = None
        if request.param == "postgres":
            if postgres_bin() is None:
                pytest.skip(
                    "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)"
                )
            database_url = stack.enter_context(postgres())
        env = stack.enter_context(prefect_server(folder / "home", database_url))
        deploy(env)
        yield env, stack.enter_context(worker(env, folder / "worker.log")), database_url


def test_a_worker_runs_the_deployment_as_the_cli_runs_the_flow(deployed, tmp_path):
    env, worker_process, database_url = deployed
    source = small_corpus(tmp_path / "input")
    settings = {"input": str(source), "runner": "process", "workers": 2, "batch_files": 2}

    run = run_deployment(env, settings | {"output": str(tmp_path / "deployed")}, worker_process.pid, seconds=600)
    assert run["state"].is_completed(), run["state"].message
    cli = run_cli(env, settings | {"output": str(tmp_path / "cli")}, tmp_path / "cli.log")

    assert committed_rows(str(tmp_path / "deployed")) == committed_rows(str(tmp_path / "cli"))
    with api_client(env) as client:
        flow_run = client.read_flow_run(run["flow_run_id"])
    assert flow_run.name.endswith(" input: 5 files, 4 written, 1 quarantined")
    assert {"newsflow", "input:input", "runner:process", "quarantined-files"} <= set(flow_run.tags)
    assert flow_run.parameters["settings"]["output"] == str(tmp_path / "deployed")
    if database_url:  # the runs are in PostgreSQL, not in a SQLite file
        assert postgres_count(database_url, "flow_run") == 2
    print(
        f"\npeak RSS of the largest process: worker-run deployment {run['peak_rss_mb']:.0f} MB "
        f"(flow run {run['wall_s']:.1f} s from trigger), CLI {cli['peak_rss_mb']:.0f} MB ({cli['wall_s']:.1f} s)"
    )
