"""Alerts as code against a real Prefect server: `newsflow alerts install` creates the automations,
a failed deployment run produces the event the failure automation fires on, and quality drift
emits an event whose payload says what drifted."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import timedelta

import pytest
from support import api_client

from bench.servers import BIN, DEPLOYMENT, deploy, run_deployment, worker

EVENT_SECONDS = 120
TITLES = ["run failed or crashed", "run completed with quality warnings", "no completed run in 1 h 00 min"]


def _newsflow(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "newsflow"), *args], env=env, capture_output=True, text=True, timeout=300)


def _events(client, name: str, resource_id: str, seconds: float = EVENT_SECONDS) -> list:
    """Events of that name about that resource, once the server has stored at least one."""
    from prefect.events.filters import EventFilter, EventNameFilter, EventResourceFilter

    wanted = EventFilter(event=EventNameFilter(name=[name]), resource=EventResourceFilter(id=[resource_id]))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := client.read_events(filter=wanted, limit=50).events:
            return found
        time.sleep(1)
    pytest.fail(f"no {name} event about {resource_id} after {seconds}s")


@pytest.fixture(scope="module")
def deployed(server):
    deploy(server)
    return server


def test_alerts_install_creates_the_automations_once(deployed):
    for _ in range(2):  # installing again replaces them
        done = _newsflow(deployed, "alerts", "install", "--deployment", DEPLOYMENT)
        assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"installed: newsflow {DEPLOYMENT}: {title}" for title in TITLES]

    with api_client(deployed) as client:
        deployment = client.read_deployment_by_name(DEPLOYMENT)
        found = {a.name: a for a in client.read_automations() if a.name.startswith("newsflow ")}
    assert sorted(found) == sorted(f"newsflow {DEPLOYMENT}: {title}" for title in TITLES)
    failed, quality, silent = (found[f"newsflow {DEPLOYMENT}: {title}"].trigger for title in TITLES)
    ours = f"prefect.deployment.{deployment.id}"
    assert failed.expect == {"prefect.flow-run.Failed", "prefect.flow-run.Crashed"}
    assert failed.match_related.model_dump()["prefect.resource.id"] == ours
    assert quality.expect == {"prefect.flow-run.Completed"}
    assert [r.model_dump()["prefect.resource.id"] for r in quality.match_related] == [
        ours,
        "prefect.tag.quality-warning",
    ]
    assert (silent.posture, silent.expect, silent.within) == (
        "Proactive",
        {"prefect.flow-run.Completed"},
        timedelta(hours=1),
    )

    missing = _newsflow(deployed, "alerts", "install", "--deployment", "newsflow/nope")
    assert (missing.returncode, missing.stderr) == (
        1,
        f"newsflow: no deployment 'newsflow/nope' on {deployed['PREFECT_API_URL']}/\n",
    )


def test_a_failed_run_fires_the_failure_automation(deployed, tmp_path):
    assert _newsflow(deployed, "alerts", "install", "--deployment", DEPLOYMENT).returncode == 0
    settings = {"input": str(tmp_path / "not-mounted"), "output": str(tmp_path / "out")}
    with worker(deployed, tmp_path / "worker.log") as process:
        run = run_deployment(deployed, settings, process.pid, seconds=300)
    assert run["state"].is_failed()
    assert "InputNotReadable: cannot read the input folder" in run["state"].message

    with api_client(deployed) as client:
        deployment = client.read_deployment_by_name(DEPLOYMENT)
        [failure] = _events(client, "prefect.flow-run.Failed", f"prefect.flow-run.{run['flow_run_id']}")
        [automation] = client.read_automations_by_name(f"newsflow {DEPLOYMENT}: run failed or crashed")
        fired = _events(client, "prefect.automation.triggered", f"prefect.automation.{automation.id}")
    assert f"prefect.deployment.{deployment.id}" in {r.id for r in failure.related}
    assert f"prefect.event.{failure.id}" in {r.id for e in fired for r in e.related}


def test_quality_drift_emits_an_event_with_the_warnings(server, seed_dir, tmp_path):
    out = str(tmp_path / "out")
    assert _newsflow(server, "run", "--input", str(seed_dir), "--output", out, "--quiet").returncode == 0
    (seed_dir / "001_1111111111111111.txt").write_text("['A new paragraph about rain.', 'Then about snow.']")
    done = _newsflow(server, "run", "--input", str(seed_dir), "--output", out, "--quiet", "--json")
    assert done.returncode == 0, done.stderr
    run_id = json.loads(done.stdout)["run_id"]

    with api_client(server) as client:
        [drift] = _events(client, "newsflow.quality.drift", f"newsflow.output.{out}")
    assert drift.payload["run_id"] == run_id
    assert "boilerplate share (all reasons) is 0.0%, previous runs 6.9%" in drift.payload["warnings"]
    assert "prefect.flow-run" in {r.id.rsplit(".", 1)[0] for r in drift.related}
