"""Quiet scheduled runs (nothing new found) neither erode the manifests of the runs that wrote data
nor leave the quality report without earlier runs to compare with."""

from __future__ import annotations

from tasks.commit.manifest import Manifest, ManifestState, expired_manifests, load_manifest, manifest_versions
from tasks.commit.protocol import RunOutput, commit
from tasks.commit.skip_list import SkipListChange
from tasks.handoffs import RunSummary
from tasks.plan.plan import make_plan
from tasks.report import quality
from tasks.report.summary import run_summary
from tasks.settings import MiB
from tasks.stats import Stats
from tasks.storage.store import Store


def quiet_run(source: Store, output: Store) -> None:
    """What a scheduled run that finds nothing new commits, without Prefect: plan, then an empty commit."""
    plan = make_plan(source, output, 2000, False, MiB, False)
    assert plan.batches == []
    summary = run_summary(plan, [], [], Stats())
    nothing = RunOutput({}, SkipListChange(), None, set(), summary)
    commit(output, plan.run, load_manifest(output), nothing, False)


def test_sixty_quiet_runs_between_two_real_ones(seed_dir, tmp_path, run_flow):
    output = Store(str(tmp_path / "out"))
    first = run_flow(seed_dir, tmp_path / "out")
    for _ in range(60):
        quiet_run(Store(str(seed_dir)), output)
        assert manifest_versions(output)[0] == 1
    assert manifest_versions(output) == [1, 61]

    (seed_dir / "001_1111111111111111.txt").write_text("['A new paragraph about rain.', 'Then about snow.']")
    second = run_flow(seed_dir, tmp_path / "out")
    assert (first["version"], second["version"], second["files_written"]) == (1, 62, 1)
    assert manifest_versions(output) == [1, 62]

    inputs = quality.load_inputs(output)
    assert [s.run_id for s in inputs.summaries] == [first["run_id"], second["run_id"]]
    report = quality.quality_report(inputs)
    assert report.row_counts[0] == {"metric": "files_found", "this_run": 2, "previous_run": 1}
    [total] = [row for row in report.boilerplate if row["value"] == "all reasons"]
    assert total == {"value": "all reasons", "this_run": 0.0, "previous_median": 0.069}
    assert "boilerplate share (all reasons) is 0.0%, previous runs 6.9%" in report.warnings


def _manifest(version: int, written: int) -> Manifest:
    summary = RunSummary.from_dict(
        {
            "run_id": f"r{version}",
            "files_found": 1,
            "files_written": written,
            "files_skipped": 1 - written,
            "files_quarantined": 0,
        }
    )
    return Manifest(version, f"r{version}", "", 1, {}, ManifestState(), [], [], summary)


def test_only_runs_that_wrote_data_count_against_retention():
    data, quiet = (lambda v: _manifest(v, 1)), (lambda v: _manifest(v, 0))
    assert expired_manifests(list(range(1, 54)), data(52), data(53), kept=50) == [1, 2, 3]
    assert expired_manifests(list(range(1, 54)), data(52), quiet(53), kept=50) == []
    assert expired_manifests([1, 2, 3], quiet(2), quiet(3), kept=2) == [2]
    assert expired_manifests([1, 2, 3, 4], quiet(3), data(4), kept=2) == [3, 1]
