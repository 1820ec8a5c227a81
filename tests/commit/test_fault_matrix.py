"""The fault matrix, in the spirit of SQLite's I/O-error tests: a fault at every storage operation.

The storage operations (reads, writes, commits, moves, deletes) of three small runs are recorded
first: four files (one bad) in two batches, then a rerun with one file changed, the bad one fixed
and a newer version of an article, so the replace path and a table left without rows are covered,
then one new file, which the skip list and the pair state take as deltas. Each recorded point k
becomes a rule that targets exactly that operation (same op, same path up to run ids, same
occurrence), so a new I/O call is covered without editing this file. The points exist only once a
run has been recorded in the Prefect harness, after collection, so each kind is one test looping
over them and naming every point that failed, rather than one pytest parameter per point.
At each point:
- EIO once (every point, in `make test`): the run ends either way; the next run ends with the rows
  of a clean run, no part listed twice, no orphan file, and a run after it skips every file;
- ENOSPC and EACCES from k on: the run fails with a one-line message naming the error, the output
  holds the previous dataset (or the new one when k comes after the manifest write), and a
  fault-free run afterwards equals a clean run;
- SIGKILL at k (a `newsflow run` process): the rerun equals a clean run.
`make test` runs EIO at every point and the other kinds at a sample (see SAMPLE_STRIDE);
`make test-faults` (marker `faults`) runs every kind at every point.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import committed_rows, write_files

from schemas import TABLES
from tasks.commit import protocol
from tasks.commit.manifest import load_manifest
from tasks.storage import faults
from tasks.storage.store import Store

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
FIRST = {
    "001_0000000000000001.txt": "['Story 1.', 'Shared footer.']",
    "002_0000000000000002.txt": "['Story 2.', 'Shared footer.']",
    "003_0000000000000003.txt": "['Story 3.', 'Story 3, more.']",
    "004_0000000000000004.txt": "['broken",
}
# One file rewritten and the bad one fixed: both replaced, and quarantine left with no rows (its empty
# part); a newer version of article 1 (written last, so the newest) supersedes 001.
SECOND = {
    **FIRST,
    "002_0000000000000002.txt": "['Story 2, rewritten.', 'Shared footer.']",
    "004_0000000000000004.txt": "['Story 4, repaired.']",
    "005_0000000000000001.txt": "['Story 1, updated.', 'Shared footer.']",
}
# One new file: small beside the output, so the skip list and the pair state take a delta each
# instead of being compacted, and the delta paths are faulted too.
THIRD = {**SECOND, "006_0000000000000006.txt": "['Story 6.']"}
INPUTS = {1: FIRST, 2: SECOND, 3: THIRD}
HOUR_AGO = time.time() - 3600
# A point's path holds placeholders for the run id and the run's partition, so its rule meets the same
# point in any run, on any day (a replay after midnight UTC writes the next day's partition).
RUN_ID, RUN_ID_SHAPE = "RUNID", protocol.RUN_ID.pattern
INGEST_DATE, INGEST_DATE_SHAPE = "ingest_date=DATE", r"ingest_date=\d{4}-\d{2}-\d{2}"
# `make test` (budget ~15 min on 2 cores; EIO at all 301 points takes 12-16 of them) samples the other
# kinds: every SAMPLE_STRIDE-th point (SIGKILL: every KILL_STRIDE-th) plus the manifest's write and
# commit points of every run, and EIO on S3 at every S3_STRIDE-th point of its own trace plus the
# manifest's write. `make test-faults` runs every kind at every point.
SAMPLE_STRIDE = 24
KILL_STRIDE = 40
S3_STRIDE = 24


@dataclass(frozen=True)
class Point:
    """One recorded storage operation: the run (1, 2 or 3) it belongs to, its op, path and occurrence."""

    run: int
    op: str
    path: str  # with the run id replaced by RUNID and the ingest date by DATE
    occurrence: int  # earlier operations of the same run with the same op and path

    @property
    def id(self) -> str:
        return f"run{self.run}:{self.op}:{self.path}#{self.occurrence}"

    def rule(self, error: str, sticky: bool = False) -> dict:
        pattern = re.escape(self.path).replace(RUN_ID, RUN_ID_SHAPE).replace(INGEST_DATE, INGEST_DATE_SHAPE)
        rule = {"op": self.op, "pattern": pattern, "skip": self.occurrence, "times": 1, "error": error}
        return rule | ({"times": -1, "sticky": True} if sticky else {})


def trace_points(run: int, trace: Path) -> list[Point]:
    """The points of one run's trace, run ids and dates taken out so a rule matches the same point of any
    run on any day."""
    seen: Counter[tuple[str, str]] = Counter()
    points = []
    for line in trace.read_text().splitlines():
        op, path = line.split(" ", 1)
        path = re.sub(INGEST_DATE_SHAPE, INGEST_DATE, re.sub(RUN_ID_SHAPE, RUN_ID, path))
        points.append(Point(run, op, path, seen[op, path]))
        seen[op, path] += 1
    return points


def run_flow(input_dir: Path, output: Path) -> dict:
    """The real flow in this process, in two batches on threads."""
    from flows.pipeline import newsflow
    from tasks.settings import Settings

    return newsflow(Settings(input=str(input_dir), output=str(output), batch_files=2, runner="thread"))


@dataclass
class Matrix:
    """The recorded points, the inputs of the runs and the clean outputs every faulted run must reach."""

    base: Path
    inputs: dict[int, Path]  # run number -> its input folder
    before: dict[int, Path | None]  # run number -> the output it starts from (None: a new output)
    clean: dict[int, Path]  # run number -> the output after that run without faults
    points: list[Point]
    env: dict[str, str]  # for `newsflow run` subprocesses: the harness's API URL
    outputs: str = ""  # an s3:// prefix for the outputs, or empty for local folders under base

    def fresh_output(self, name: str, run: int) -> Path | str:
        """A new output holding what run `run` starts from."""
        output = f"{self.outputs}/runs/{name}" if self.outputs else self.base / "runs" / name
        if not self.outputs:
            shutil.rmtree(output, ignore_errors=True)
        if self.before[run]:
            _copy(self.before[run], output)
        return output


def _copy(src: Path | str, dst: Path | str) -> None:
    """Copy an output folder, local or on S3."""
    if isinstance(src, Path):
        shutil.copytree(src, dst)
    else:
        Store(src).fs.copy(f"{src}/".removeprefix("s3://"), f"{dst}/".removeprefix("s3://"), recursive=True)


def _recorded(base: Path, outputs: str = "") -> Matrix:
    """Run every input without faults, recording each run's points and keeping each run's output."""
    from prefect.settings import PREFECT_API_URL

    inputs = {run: _write_input(base / f"input-{run}", run) for run in INPUTS}
    points, clean = [], {}
    for run in INPUTS:
        trace = base / f"trace-{run}.txt"
        output = f"{outputs}/clean-{run}" if outputs else base / f"clean-{run}"
        if run > 1:
            _copy(clean[run - 1], output)
        with pytest.MonkeyPatch.context() as env:
            env.setenv(faults.TRACE_ENV, str(trace))
            run_flow(inputs[run], output)
        points += trace_points(run, trace)
        clean[run] = output
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return Matrix(base, inputs, {run: clean.get(run - 1) for run in INPUTS}, clean, points, env, outputs)


def _write_input(folder: Path, run: int) -> Path:
    """Run `run`'s input files, each modified when its content first appeared (10 s per run, an hour
    ago): an unchanged file keeps its quick key from run to run, as a scraper's archive does."""
    write_files(folder, INPUTS[run])
    for name, text in INPUTS[run].items():
        since = min(r for r in INPUTS if r <= run and INPUTS[r].get(name) == text)
        os.utime(folder / name, (HOUR_AGO + 10 * since, HOUR_AGO + 10 * since))
    return folder


@pytest.fixture(scope="module")
def matrix(tmp_path_factory, prefect_harness) -> Matrix:
    """The inputs, the clean outputs after each run, and the points recorded on the way (local output)."""
    return _recorded(tmp_path_factory.mktemp("matrix"))


@pytest.fixture(scope="module")
def s3_matrix(tmp_path_factory, prefect_harness, s3_endpoint) -> Matrix:
    """The same on the moto S3 server: another trace (no renames there: copies before the manifest)."""
    return _recorded(tmp_path_factory.mktemp("s3-matrix"), "s3://news/matrix")


def sampled(points: list[Point], stride: int = SAMPLE_STRIDE) -> list[Point]:
    """Every stride-th point, and where the manifest is written: the commit point itself."""
    on_manifest = {"write", "commit"}
    return [p for k, p in enumerate(points) if k % stride == 0 or (p.op in on_manifest and "_manifest/" in p.path)]


def _faulted(matrix: Matrix, name: str, rules: list[dict]) -> Path:
    rules_file = matrix.base / "rules" / f"{name}.json"
    rules_file.parent.mkdir(exist_ok=True)
    for stale in rules_file.parent.glob(f"{name}.json*"):
        stale.unlink()
    rules_file.write_text(json.dumps(rules))
    return rules_file


def _run_with(matrix: Matrix, run: int, output: Path, rules_file: Path | None):
    """One in-process run, with the rules on; its summary or the exception it ended with."""
    with pytest.MonkeyPatch.context() as env:
        if rules_file:
            env.setenv(faults.ENV, str(rules_file))
        try:
            return run_flow(matrix.inputs[run], output)
        except Exception as e:  # the run may fail: what matters is what it leaves behind
            return e


def _healed(matrix: Matrix, point: Point, output: Path) -> list[str]:
    """Run again without faults: the clean rows, each part listed once, no orphans, then a run skipping all."""
    problems = []
    after = _run_with(matrix, point.run, output, None)
    if isinstance(after, Exception):
        return [f"the next run failed: {type(after).__name__}: {after}"]
    if committed_rows(str(output)) != committed_rows(str(matrix.clean[point.run])):
        problems.append("the next run's rows differ from a clean run's")
    problems += _layout_problems(output)
    if after["files_written"] or after["files_quarantined"]:
        third = _run_with(matrix, point.run, output, None)
        if isinstance(third, Exception) or third["files_skipped"] != third["files_found"]:
            problems.append(f"a third run did not skip every file: {third}")
    return problems


def _layout_problems(output: Path | str) -> list[str]:
    """Parts listed twice, listed but missing, or on disk but not listed."""
    store = Store(str(output))
    manifest = load_manifest(store)
    listed = [f"{t}/{p}" for t, parts in manifest.tables.items() for p in parts]
    on_disk = {f for t in manifest.tables for f in store.list_files(t)}
    problems = [f"listed twice: {rel}" for rel, n in Counter(listed).items() if n > 1]
    problems += [f"listed, missing: {rel}" for rel in set(listed) - on_disk]
    if not store.is_local:  # recover keeps a young run's uncommitted files there (IN_FLIGHT)
        return problems
    problems += [f"orphan: {rel}" for rel in on_disk - set(listed)]
    return problems + [f"staging left: {rel}" for rel in store.list_files("_staging")]


def _report(failures: dict[str, list[str]], tried: int) -> None:
    lines = [f"{point}: {'; '.join(problems)}" for point, problems in failures.items()]
    assert not failures, f"{len(failures)} of {tried} points failed:\n" + "\n".join(lines)


def test_the_trace_covers_every_kind_of_operation(matrix):
    ops = Counter(p.op for p in matrix.points)
    assert set(ops) == {"read", "write", "commit", "move", "delete"}, ops
    assert {p.run for p in matrix.points} == {1, 2, 3}
    state = load_manifest(Store(str(matrix.clean[3]))).state
    assert (len(state.file_deltas), len(state.text_deltas)) == (1, 1)  # the third run's deltas


def test_a_point_recorded_before_midnight_is_met_after_it(tmp_path):
    trace = tmp_path / "trace.txt"
    trace.write_text("move paragraphs/ingest_date=2026-12-04/part-20261204T235959-0a1b2c-00000.parquet\n")
    (point,) = trace_points(2, trace)
    assert point.id == "run2:move:paragraphs/ingest_date=DATE/part-RUNID-00000.parquet#0"
    pattern = point.rule("EIO")["pattern"]
    assert re.fullmatch(pattern, "paragraphs/ingest_date=2026-12-05/part-20261205T000001-3d4e5f-00000.parquet")
    assert not re.fullmatch(pattern, "articles/ingest_date=2026-12-05/part-20261205T000001-3d4e5f-00000.parquet")


def test_transient_eio_once_at_every_point(matrix):
    _transient(matrix, matrix.points)


def test_transient_eio_once_at_sampled_points_on_s3(s3_matrix):
    _transient(s3_matrix, sampled(s3_matrix.points, S3_STRIDE))


def _transient(matrix: Matrix, points: list[Point]) -> None:
    failures, outcomes = {}, {}
    for k, point in enumerate(points):
        rules_file = _faulted(matrix, f"eio-{k}", [point.rule("EIO")])
        output = matrix.fresh_output(f"eio-{k}", point.run)
        ended = _run_with(matrix, point.run, output, rules_file)
        outcomes[point.id] = f"failed: {ended}" if isinstance(ended, Exception) else "succeeded"
        problems = [] if Path(f"{rules_file}.0.hits").exists() else ["the point was never reached"]
        problems += _healed(matrix, point, output)
        if problems:
            failures[point.id] = problems
    (matrix.base / "eio-outcomes.json").write_text(json.dumps(outcomes, indent=1))  # how each faulted run ended
    _report(failures, len(points))


def _persistent(matrix: Matrix, points: list[Point], kind: str) -> None:
    failures = {}
    for k, point in enumerate(points):
        rules_file = _faulted(matrix, f"{kind}-{k}", [point.rule(kind, sticky=True)])
        output = matrix.fresh_output(f"{kind}-{k}", point.run)
        ended = _run_with(matrix, point.run, output, rules_file)
        problems = _failed_clearly(ended, kind)
        if not _intact(matrix, point, output):
            problems.append("the output holds neither the previous nor the new dataset")
        problems += _healed(matrix, point, output)
        if problems:
            failures[point.id] = problems
    _report(failures, len(points))


def _failed_clearly(ended, kind: str) -> list[str]:
    """A failed run whose message is one line naming the error (`[Errno 28] no space left on device …`)."""
    if not isinstance(ended, Exception):
        return [f"the run succeeded under a persistent {kind}"]
    message = str(ended)
    if f"[Errno {getattr(errno, kind)}]" not in message or "\n" in message:
        return [f"unclear failure: {type(ended).__name__}: {message[:300]}"]
    return []


def _intact(matrix: Matrix, point: Point, output: Path | str) -> bool:
    """Before the commit the output holds the previous dataset, in its manifest and its table folders alike.

    After the manifest write the run is committed: the next run finishes publishing it (`_healed`).
    """
    previous = matrix.before[point.run]
    manifest = load_manifest(Store(str(output)))
    if previous is None:
        return manifest is not None or not any(Store(str(output)).list_files(table) for table in TABLES)
    if manifest.version > load_manifest(Store(str(previous))).version:
        return True
    on_disk = sorted(rel for table in TABLES for rel in Store(str(output)).list_files(table))
    before = sorted(rel for table in TABLES for rel in Store(str(previous)).list_files(table))
    return committed_rows(str(output)) == committed_rows(str(previous)) and on_disk == before


@pytest.mark.parametrize("kind", ["ENOSPC", "EACCES"])
def test_persistent_errors_at_sampled_points(matrix, kind):
    _persistent(matrix, sampled(matrix.points), kind)


@pytest.mark.faults
@pytest.mark.parametrize("kind", ["ENOSPC", "EACCES"])
def test_persistent_errors_at_every_point(matrix, kind):
    _persistent(matrix, matrix.points, kind)


def _killed(matrix: Matrix, points: list[Point]) -> None:
    failures = {}
    for k, point in enumerate(points):
        rules_file = _faulted(matrix, f"kill-{k}", [point.rule("kill")])
        output = matrix.fresh_output(f"kill-{k}", point.run)
        command = [sys.executable, "-m", "flows", "run", "--input", str(matrix.inputs[point.run])]
        command += ["--output", str(output), "--batch-files", "2", "--runner", "thread", "--quiet", "--json"]
        env = {**matrix.env, faults.ENV: str(rules_file)}
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        problems = [] if done.returncode == -9 else [f"not killed: exit {done.returncode} {done.stderr[-500:]}"]
        problems += _healed(matrix, point, output)
        if problems:
            failures[point.id] = problems
    _report(failures, len(points))


def test_sigkill_at_sampled_points(matrix):
    _killed(matrix, sampled(matrix.points, KILL_STRIDE))


@pytest.mark.faults
def test_sigkill_at_every_point(matrix):
    _killed(matrix, matrix.points)
