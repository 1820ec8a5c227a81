"""Prefect's own retries after partial progress: each retried task ends where one clean attempt would."""

from __future__ import annotations

import pytest
from support import committed_rows, write_files

from tasks.commit.manifest import load_manifest, manifest_versions
from tasks.storage.store import Store

FILES = {f"{i:03d}_{i:016x}.txt": repr([f"Story {i}.", "Shared footer."]) for i in range(1, 5)}


@pytest.fixture
def input_dir(tmp_path):
    return write_files(tmp_path / "input", FILES)


@pytest.fixture
def clean(input_dir, tmp_path, run_flow):
    """The output of two fault-free runs (the second changes one file): what every faulted run must equal."""
    output = tmp_path / "clean"
    run_flow(input_dir, output, batch_files=2)
    return output


def _parts_listed_once(url: str) -> bool:
    manifest = load_manifest(Store(url))
    return all(len(parts) == len(set(parts)) for parts in manifest.tables.values())


@pytest.mark.parametrize(
    "rule",
    [
        {"op": "delete", "match": "_staging", "skip": 1},  # the reproduction: removing staging
        {"op": "move", "match": "paragraphs/"},  # publishing, after the manifest was written
        {"op": "move", "match": "_state/files-"},
        {"op": "delete", "match": "_manifest/v"},  # pruning old manifests
    ],
    ids=["staging", "publish", "state", "prune"],
)
def test_a_commit_retried_after_its_manifest_only_finishes_publishing(
    input_dir, tmp_path, clean, run_flow, inject, rule
):
    output = tmp_path / "out"
    run_flow(input_dir, output, batch_files=2)
    quiet = rule["match"] == "_manifest/v"
    if quiet:  # a run with nothing new: its manifest is the one the next data run prunes
        run_flow(input_dir, output, batch_files=2)
    (input_dir / "002_0000000000000002.txt").write_text("['Story 2, rewritten.', 'Shared footer.']")
    run_flow(input_dir, clean, batch_files=2)
    hits = inject({**rule, "times": 1, "error": "EIO"})
    summary = run_flow(input_dir, output, batch_files=2)
    assert hits(0) >= rule.get("skip", 0) + 1, "the fault fired"
    assert (summary["files_written"], summary["files_replaced"], summary["task_retries"]) == (1, 1, 1)
    assert manifest_versions(Store(str(output))) == ([1, 3] if quiet else [1, 2])
    assert _parts_listed_once(str(output))
    assert committed_rows(str(output)) == committed_rows(str(clean))
    assert not (output / "_staging").exists() or not list((output / "_staging").iterdir())

    inject()
    again = run_flow(input_dir, output, batch_files=2)
    assert (again["files_written"], again["files_skipped"]) == (0, 4)
    assert committed_rows(str(output)) == committed_rows(str(clean))


@pytest.mark.parametrize(
    "rule",
    [
        {"op": "read", "match": "_state/files-"},  # plan: after recover, reading the skip list
        {"op": "write", "match": "batch-00000.pairs.arrow"},  # clean_batch: after its rows were staged
        {"op": "commit", "match": "repeats-0000.arrow"},  # count_repeats: after its pair state was staged
        {"op": "write", "match": "batch-00000.files.arrow"},  # enrich_batch: after its tables were staged
        {"op": "write", "match": "_state/files-"},  # commit_run: before its manifest
    ],
    ids=["plan", "clean", "count", "enrich", "commit"],
)
def test_every_retried_task_ends_as_one_clean_attempt(input_dir, tmp_path, clean, run_flow, inject, rule):
    output = tmp_path / "out"
    run_flow(input_dir, output, batch_files=2)
    (input_dir / "002_0000000000000002.txt").write_text("['Story 2, rewritten.', 'Shared footer.']")
    run_flow(input_dir, clean, batch_files=2)
    hits = inject({**rule, "times": 1, "error": "EIO"})
    summary = run_flow(input_dir, output, batch_files=2)
    assert hits(0) >= 2, "the fault fired and the task ran again"
    assert (summary["files_written"], summary["files_replaced"], summary["task_retries"]) == (1, 1, 1)
    assert manifest_versions(Store(str(output)))[-1] == 2 and _parts_listed_once(str(output))
    assert committed_rows(str(output)) == committed_rows(str(clean))


def test_a_read_error_in_the_quality_report_after_the_commit_is_retried(input_dir, tmp_path, run_flow, inject):
    hits = inject({"op": "read", "match": "paragraphs/", "times": 1, "error": "EIO"})
    summary = run_flow(input_dir, tmp_path / "out", batch_files=2)  # only the report reads committed parts here
    assert (hits(0) > 1, summary["files_written"]) == (True, 4)
