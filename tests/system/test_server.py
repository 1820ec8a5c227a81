"""Against a real `prefect server start`: a run, its task runs and artifacts, a failed run, and a
served deployment on a schedule, all read back through the Prefect API the UI uses."""

from __future__ import annotations

import json
import subprocess
import time

import pytest
from support import api_client, file_counts, recorded_task_runs

from bench.servers import BIN, stop_group

RUN_SECONDS = 180


def _newsflow(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "newsflow"), *args], env=env, capture_output=True, text=True, timeout=RUN_SECONDS)


def _flow_runs(client, tag: str):
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags

    return client.read_flow_runs(flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[tag])))


def _artifacts(client, flow_run_id) -> dict:
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    found = client.read_artifacts(
        artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
    )
    return {a.key: a for a in found}


def test_run_against_server_shows_runs_tasks_and_artifacts(server, seed_dir, tmp_path):
    (seed_dir / "001_1111111111111111.txt").write_text("['First paragraph.', 'Second paragraph.']")
    (seed_dir / "002_2222222222222222.txt").write_text("not a list")
    done = _newsflow(server, "run", "--input", str(seed_dir), "--output", str(tmp_path / "out"), "--batch-files", "1")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr

    with api_client(server) as client:
        [run] = _flow_runs(client, "input:input")
        assert run.state.is_completed()
        assert run.name.endswith(" input: 3 files, 2 written, 1 quarantined")
        assert {"newsflow", "input:input", "runner:thread", "quarantined-files"} <= set(run.tags)
        assert "runner:auto" not in run.tags
        tasks = recorded_task_runs(client, run.id, 10)  # plan, 3 clean, count, 3 enrich, commit, report
        names = sorted(t.name for t in tasks if "batch" in t.name or "bucket" in t.name)
        batches = [f"{stage} batch {i}/3" for stage in ("clean", "enrich") for i in (1, 2, 3)]
        assert names == sorted([*batches, "count repeats bucket 1/1"])
        assert all(t.state.is_completed() for t in tasks)
        artifacts = _artifacts(client, run.id)

    assert set(artifacts) == {"newsflow-run-summary", "newsflow-quality-report", "newsflow-progress"}
    summary = {row["metric"]: row["value"] for row in json.loads(artifacts["newsflow-run-summary"].data)}
    assert file_counts(summary) == {
        "files_found": 3,
        "files_written": 2,
        "files_skipped": 0,
        "files_quarantined": 1,
        "paragraphs": 31,
    }
    assert summary["quarantined: syntax_error"] == 1
    assert {"seconds: ingest", "seconds: clean", "seconds: enrich", "seconds: total", "paragraphs_per_second"} <= set(
        summary
    )
    assert artifacts["newsflow-progress"].data == 100.0
    report = artifacts["newsflow-quality-report"].data
    assert "| files_written | 2 | – |" in report
    assert "| `002_2222222222222222.txt` | syntax_error |" in report
    assert "| all reasons | 6.5% | – |" in report  # 2 of 31 paragraphs: the seed's newsletter and copyright lines


def test_failed_run_says_what_failed_and_where(server, seed_dir, tmp_path):
    (seed_dir / "001_1111111111111111.txt").write_text("['First paragraph.']")
    rules = tmp_path / "faults.json"
    rules.write_text(json.dumps([{"op": "write", "match": "-00001.parquet", "times": -1, "error": "EACCES"}]))
    env = server | {"NEWSFLOW_FAULTS": str(rules)}
    done = _newsflow(
        env, "run", "--input", str(seed_dir), "--output", str(tmp_path / "out"), "--batch-files", "1", "--quiet"
    )
    assert done.returncode == 1
    assert "newsflow: run failed: StageFailed: enrich batch 2/2 (files 001_1111111111111111.txt) failed:" in done.stderr

    with api_client(server) as client:
        runs = [r for r in _flow_runs(client, "newsflow") if r.state.is_failed()]
    assert len(runs) == 1
    assert "enrich batch 2/2 (files 001_1111111111111111.txt) failed: PermissionError" in runs[0].state.message


def test_served_deployment_has_its_schedule_and_runs(server, seed_dir, tmp_path):
    serve = subprocess.Popen(
        [str(BIN / "newsflow"), "serve", "--cron", "*/30 * * * *", "--name", "every-30-min"]
        + ["--input", str(seed_dir), "--output", str(tmp_path / "out")],
        env=server,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        with api_client(server) as client:
            deployment = _wait_for(lambda: _deployment(client, "newsflow/every-30-min"))
            [schedule] = deployment.schedules
            assert (schedule.schedule.cron, schedule.schedule.timezone, schedule.active) == (
                "*/30 * * * *",
                "UTC",
                True,
            )
            assert deployment.global_concurrency_limit.limit == 1
            assert deployment.concurrency_options.collision_strategy == "CANCEL_NEW"
            assert deployment.parameters["settings"]["input"] == str(seed_dir)
            triggered = client.create_flow_run_from_deployment(deployment.id)
            finished = _wait_for(lambda: _final(client.read_flow_run(triggered.id)))
        assert finished.state.is_completed(), finished.state.message
        assert finished.name.endswith(" input: 1 files, 1 written, 0 quarantined")
        assert "runner:thread" in finished.tags

        # a custom run (as the UI's "Custom run" sends it) runs on the runner its own parameters name
        custom = deployment.parameters["settings"] | {"output": str(tmp_path / "custom"), "runner": "process"}
        with api_client(server) as client:
            triggered = client.create_flow_run_from_deployment(deployment.id, parameters={"settings": custom})
            finished = _wait_for(lambda: _final(client.read_flow_run(triggered.id)))
        assert finished.state.is_completed(), finished.state.message
        assert {"runner:process", "input:input"} <= set(finished.tags)
        assert "runner:thread" not in finished.tags
    finally:
        stop_group(serve)


def _deployment(client, name: str):
    from prefect.exceptions import ObjectNotFound

    try:
        return client.read_deployment_by_name(name)
    except ObjectNotFound:
        return None


def _final(flow_run):
    return flow_run if flow_run.state and flow_run.state.is_final() else None


def _wait_for(probe, seconds: float = RUN_SECONDS):
    """Poll `probe` until it returns something (the served process and the run take a while)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if (found := probe()) is not None:
            return found
        time.sleep(0.5)
    pytest.fail(f"nothing after {seconds}s")
