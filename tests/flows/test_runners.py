"""The flow opens the task runner its own settings ask for, however it is started, bounded by `workers`."""

from __future__ import annotations

from flows.runners import PROCESS_POOL_MIN_FILES, runner_kind
from tasks.settings import Settings


def test_auto_is_decided_by_the_files_the_run_has_to_process():
    auto = Settings(input="in", output="out")
    assert runner_kind(auto, PROCESS_POOL_MIN_FILES - 1) == "thread"
    assert runner_kind(auto, PROCESS_POOL_MIN_FILES) == "process"
    assert runner_kind(auto.model_copy(update={"runner": "thread"}), PROCESS_POOL_MIN_FILES) == "thread"


def test_the_entrypoint_flow_runs_at_most_workers_batches_at_once(seed_dir, tmp_path, prefect_harness):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.pipeline import newsflow

    (seed_dir / "001_1111111111111111.txt").write_text("['First paragraph.', 'Second paragraph.']")
    (seed_dir / "002_2222222222222222.txt").write_text("['Third paragraph.']")
    settings = Settings(input=str(seed_dir), output=str(tmp_path / "out"), batch_files=1, workers=1)
    state = newsflow(settings, return_state=True)
    assert state.is_completed()

    with get_client(sync_client=True) as client:
        run = client.read_flow_run(state.state_details.flow_run_id)
        tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
    assert {"runner:thread", "input:input"} <= set(run.tags)
    assert not any(tag == "runner:auto" for tag in run.tags)
    spans = sorted((t.start_time, t.end_time) for t in tasks if t.name.startswith(("clean batch", "enrich batch")))
    assert len(spans) == 6
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:])), "one worker: no two batches overlap"
