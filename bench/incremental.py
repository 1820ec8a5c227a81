"""Incremental runs: what a run costs over outputs with 10k, 100k or more known files.

For each history size H (small synthetic files, one short paragraph each, 1,000 per folder, mtimes
an hour old): a first run writes all H files; a no-op rerun finds nothing new; then 100 new files
arrive and a third run writes them. Reported from the runs' own summaries: plan seconds per known
file of the no-op run beside the time to list the input alone, and the stage and commit seconds
of the 100-new-file run. Needs no ../shared; everything is made here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tasks.ingest.discover import discover, discover_with_keys
from tasks.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
HOUR_NS = 3600 * 10**9


def write_files(folder: Path, start: int, count: int) -> None:
    """`count` tiny article files numbered from `start`, an hour old (so their quick keys are trusted)."""
    old = time.time_ns() - HOUR_NS
    for n in range(start, start + count):
        path = folder / f"{n // 1000:05d}" / f"{n:07d}_{n:016x}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(repr([f"Paragraph {n} of the synthetic history, with a few words."]))
        os.utime(path, ns=(old, old))


def run(source: Path, output: Path) -> dict:
    """One `newsflow run` in its own process; its summary."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    command = [sys.executable, "-m", "flows", "run", "--input", str(source), "--output", str(output), "--json"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def listing_seconds(source: Path) -> tuple[float, float]:
    """Seconds to list the input's files, and to list them with their quick keys."""
    started = time.perf_counter()
    discover(Store(str(source)))
    listed = time.perf_counter() - started
    started = time.perf_counter()
    discover_with_keys(Store(str(source)))
    return listed, time.perf_counter() - started


def measure(work: Path, history: int, new: int) -> dict:
    source, output = work / f"in-{history}", work / f"out-{history}"
    for stale in (source, output):  # a previous invocation's files would make the first run a rerun
        shutil.rmtree(stale, ignore_errors=True)
    write_files(source, 0, history)
    first = run(source, output)
    noop = run(source, output)
    listed, keyed = listing_seconds(source)
    write_files(source, history, new)
    added = run(source, output)
    stages = {k: v for k, v in added["seconds"].items() if k not in ("total",)}
    return {
        "known files": history,
        "first run s": first["seconds"]["total"],
        "no-op plan s": noop["seconds"]["plan"],
        "listing s": round(listed, 3),
        "listing + keys s": round(keyed, 3),
        "plan µs/known file beyond listing": round((noop["seconds"]["plan"] - listed) / history * 1e6, 2),
        f"{new}-new plan s": stages.get("plan"),
        f"{new}-new stages + commit s": round(sum(v for k, v in stages.items() if k != "plan"), 3),
        f"{new}-new repeats s": stages.get("repeats"),
        f"{new}-new commit s": stages.get("commit"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "out" / "incremental")
    parser.add_argument("--history", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()
    rows = [measure(args.work, h, args.new) for h in args.history]
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |\n|" + "---:|" * len(keys))
    for row in rows:
        print("| " + " | ".join(f"{row[k]:,}" if isinstance(row[k], int) else str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
