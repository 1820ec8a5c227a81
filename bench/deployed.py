"""`python -m bench.deployed`: a CLI run against a worker-run deployment on the same corpus, back to back.

One Prefect server (SQLite, or PostgreSQL with --postgres), the process work pool and the deployment
of prefect.yaml, a real `prefect worker`. Then, alternating: `newsflow run` and the deployment
triggered with the same settings, each on a fresh output. Wall seconds (the deployment's from the
trigger to its final state; `run s`: the flow run's own, Running to Completed) and peak RSS of the
largest process, with the load average at the start.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench.make_corpus import build
from bench.servers import ROOT, deploy, postgres, prefect_server, run_cli, run_deployment, worker


def measure_both(corpus: Path, out: Path, runs: int, use_postgres: bool, settings: dict) -> list[dict]:
    """Alternate CLI and deployment runs on `corpus`; one row per run."""
    rows = []
    with ExitStack() as stack:
        url = stack.enter_context(postgres()) if use_postgres else None
        env = stack.enter_context(prefect_server(out / "home", url))
        deploy(env)
        process = stack.enter_context(worker(env, out / "worker.log"))
        for i in range(runs):
            for path in ("cli", "deployment"):
                target = out / f"{path}-{i}"
                shutil.rmtree(target, ignore_errors=True)
                load = os.getloadavg()[0]
                given = settings | {"input": str(corpus), "output": str(target)}
                if path == "cli":
                    result = run_cli(env, given, out / f"{path}-{i}.log")
                else:
                    result = run_deployment(env, given, process.pid)
                    assert result["state"].is_completed(), result["state"].message
                rows.append(
                    {"path": path, "run": i, "load": load}
                    | {key: result.get(key) for key in ("wall_s", "run_s", "peak_rss_mb")}
                )
                print(json.dumps(rows[-1]), flush=True)
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--paragraphs", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "deployed")
    parser.add_argument("--runs", type=int, default=2, help="pairs of runs (CLI, then deployment)")
    parser.add_argument("--postgres", action="store_true", help="the Prefect server on PostgreSQL")
    parser.add_argument("--runner", default="auto")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    corpus = out.parent / f"corpus-{args.corpus.resolve().name}-{args.paragraphs}"
    build(args.corpus, corpus, args.paragraphs)
    settings = {"runner": args.runner, "workers": args.workers}
    rows = measure_both(corpus, Path(tempfile.mkdtemp(dir=out)), args.runs, args.postgres, settings)
    print(f"{'path':<12}{'run':>4}{'wall s':>9}{'run s':>8}{'peak RSS MB':>13}{'load':>7}")
    for r in rows:
        run_s = f"{r['run_s']:.1f}" if r["run_s"] else "-"
        print(f"{r['path']:<12}{r['run']:>4}{r['wall_s']:>9.1f}{run_s:>8}{r['peak_rss_mb']:>13.0f}{r['load']:>7.1f}")


if __name__ == "__main__":
    main()
