"""`make bench`: time the floor, the peer flow and newsflow runs on a large recombined corpus, each in its own process.

Every run is a fresh process timed from start to exit. Peak RSS is read from the OS twice: the
largest single process (wait4's ru_maxrss, like `/usr/bin/time -v`, or the largest VmHWM sampled in the
process tree, which also sees workers forked from a fork server; Prefect's API server apart, in its
own column) and the sampled sum of PSS
over the whole process tree (flow process, worker processes and Prefect's temporary server).

The peer (bench/peer_flow.py: one Prefect task per article, BeautifulSoup per paragraph) runs on
the first `--peer-files` files only, because it is slow; its wall time for the whole corpus is
extrapolated as its fixed cost (process wall minus flow body) plus its flow body scaled by
paragraphs, and its row is marked `*`. Its RSS and PSS are the sample's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import fields
from pathlib import Path

from bench.make_corpus import build
from bench.servers import prefect_server
from flows.cli import build_parser
from tasks.settings import Enrichments, Settings

ROOT = Path(__file__).resolve().parent.parent
# The base stages only (ingest, clean, structural enrichment, write): every optional enrichment off.
BASE_FLAGS = [f"--no-{switch.name}" for switch in fields(Enrichments)]
NOOP_FLOW = "from prefect import flow\n@flow\ndef noop():\n    return 0\nnoop()\n"
# The prefect.yaml entrypoint called with the settings parameter, as a worker's flow-run process does.
ENTRYPOINT = (
    "import json, sys\nfrom flows.pipeline import newsflow\nfrom tasks.settings import Settings\n"
    "print(json.dumps(newsflow(Settings.model_validate_json(sys.argv[1]))))\n"
)
SAMPLE_SECONDS = 0.2
PREFECT_RUNS = ["prefect-noop", "base", "default", "rerun"]
# "served": PREFECT_RUNS again against one warm `prefect server start`, rows suffixed "@server".
RUNS = ["floor", "peer", *PREFECT_RUNS, "served", "entrypoint"]
NEWSFLOW_RUNS = ("base", "default", "rerun", "entrypoint")
PEER_FILES = 1000


def _tree_memory(root: int) -> tuple[int, int, int]:
    """Bytes of PSS of `root` and all its descendants; the largest peak RSS (VmHWM) among them but
    Prefect's temporary API server; and the server's peak RSS.

    Sampling the peaks matters: workers forked from a fork server are not `root`'s children, so
    wait4's ru_maxrss never sees them. The server (uvicorn) is Prefect's, not the pipeline's, so it
    has its own column. Processes that just exited count 0.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, largest, server, stack = 0, 0, 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        total += _status_kb(f"/proc/{pid}/smaps_rollup", "Pss:") * 1024
        peak = _status_kb(f"/proc/{pid}/status", "VmHWM:") * 1024
        if _is_api_server(pid):
            server = max(server, peak)
        else:
            largest = max(largest, peak)
    return total, largest, server


def _is_api_server(pid: int) -> bool:
    """Whether the process is Prefect's API server (flows/temporary_server.py runs it under uvicorn)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return b"uvicorn" in f.read()
    except OSError:
        return False


def _status_kb(path: str, field: str) -> int:
    """The kB figure of the line starting with `field` in a /proc file (0 when the process is gone)."""
    try:
        with open(path) as f:
            return next(int(line.split()[1]) for line in f if line.startswith(field))
    except (OSError, StopIteration):
        return 0


def measure(command: list[str], env: dict[str, str], log: Path) -> tuple[dict, str]:
    """Run `command` to completion: its wall seconds, largest process's peak RSS, peak tree PSS; and its stdout."""
    started = time.perf_counter()
    with open(log, "w") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, env=env, text=True)
        peaks, done = [0, 0, 0], threading.Event()  # tree PSS, largest RSS but the server's, the server's RSS

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                peaks[:] = map(max, peaks, _tree_memory(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        stdout = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}); see {log}")
    tree_pss, largest, server = peaks
    max_rss = max(usage.ru_maxrss * 1024, largest)
    return {
        "wall_s": wall,
        "max_rss_mb": max_rss / 2**20,
        "server_rss_mb": server / 2**20,
        "tree_pss_mb": tree_pss / 2**20,
    }, stdout


def stage_share(summary: dict, wall: float, workers: int) -> float:
    """Share of the process's wall time spent outside the stage functions (batch stages run `workers` wide)."""
    seconds = summary["seconds"]
    parallel = sum(seconds.get(k, 0.0) for k in ("ingest", "clean", "enrich"))
    serial = sum(v for k, v in seconds.items() if k not in ("ingest", "clean", "enrich", "total"))
    width = max(1, min(workers, summary["batches"]))
    return 1 - (serial + parallel / width) / wall


def newsflow_row(name: str, command: list[str], env: dict, out: Path, workers: int) -> dict:
    """One flow process that prints its summary as JSON, measured, with the flow's own summary."""
    result, stdout = measure(command, env, out / f"{name}.log")
    summary = json.loads(stdout)
    wall = result["wall_s"]
    return {
        "run": name,
        **result,
        "paragraphs": summary["paragraphs"],
        "prefect_s": wall - summary["seconds"]["total"],
        "outside_stages": stage_share(summary, wall, workers),
        "stage_seconds": summary["seconds"],
    }


def floor_row(corpus_dir: Path, env: dict, out: Path) -> dict:
    """bench/floor.py on the corpus, measured like the flow runs."""
    command = [sys.executable, str(ROOT / "bench" / "floor.py"), str(corpus_dir), str(out / "floor.parquet")]
    result, stdout = measure(command, env, out / "floor.log")
    return {"run": "floor", **result, "paragraphs": json.loads(stdout)["paragraphs"]}


def peer_row(corpus_dir: Path, corpus: dict, env: dict, out: Path, files: int) -> dict:
    """bench/peer_flow.py on the first `files` files (0: all), its wall time extrapolated to the whole corpus."""
    command = [sys.executable, str(ROOT / "bench" / "peer_flow.py"), str(corpus_dir), str(out / "peer.parquet")]
    sampled = 0 < files < corpus["articles"]
    result, stdout = measure([*command, "--files", str(files)] if sampled else command, env, out / "peer.log")
    done = json.loads(stdout)
    fixed, body = result["wall_s"] - done["flow_body_s"], done["flow_body_s"]
    scale = corpus["total_paragraphs"] / done["paragraphs"] if sampled else 1.0
    row = {"run": "peer*" if sampled else "peer", **result, "paragraphs": done["paragraphs"], "prefect_s": fixed}
    if sampled:
        row["sample"] = {**done, "wall_s": result["wall_s"], "of_files": corpus["articles"]}
        row["wall_s"], row["paragraphs"] = fixed + body * scale, corpus["total_paragraphs"]
    return row


def prefect_rows(
    runs: list[str], env: dict, out: Path, common: list[str], workers: int, suffix: str = ""
) -> list[dict]:
    """The no-op flow, then the base, default and rerun rows of `runs`, each a fresh process in `env`.

    With `suffix` ("@server") the rows run against the warm server `env` names, as scheduled
    deployments and many runs do; their outputs are folders of their own.
    """
    rows = []
    if "prefect-noop" in runs:
        noop, _ = measure([sys.executable, "-c", NOOP_FLOW], env, out / f"prefect-noop{suffix}.log")
        rows.append({"run": f"prefect-noop{suffix}", **noop, "paragraphs": 0, "prefect_s": noop["wall_s"]})
    newsflow = str(Path(sys.executable).parent / "newsflow")
    for name, flags, fresh in (("base", BASE_FLAGS, True), ("default", [], True), ("rerun", [], False)):
        if name not in runs:
            continue
        target = out / (("base" if name == "base" else "default") + suffix)
        if fresh:
            shutil.rmtree(target, ignore_errors=True)
        command = [newsflow, "run", *common, "--output", str(target), *flags, "--json"]
        rows.append(newsflow_row(name + suffix, command, env, out, workers))
    return rows


def warm_page_cache(corpus_dir: Path) -> None:
    """Read every corpus file once, untimed, so every row starts from the same warm page cache.

    Otherwise the first row (the floor) alone reads the corpus from disk whenever other work has
    pushed it out of memory: 14.2 s instead of 7.4 at 2M paragraphs after a test suite had run,
    which halves every ratio to the floor.
    """
    for path in sorted(corpus_dir.rglob("*.txt")):
        path.read_bytes()


def run_all(args: argparse.Namespace) -> dict:
    """Build the corpus, then measure the floor, the peer, a no-op flow, the base stages, the default run and a rerun."""
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    corpus_dir = out / f"corpus-{args.corpus.resolve().name}-{args.paragraphs}"
    corpus = build(args.corpus, corpus_dir, args.paragraphs)
    warm_page_cache(corpus_dir)
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.setdefault("PREFECT_HOME", str(out / "prefect-home"))
    # Prefect's 20 s default fails runs when other work loads the machine; waiting longer is timed honestly.
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    common = ["--input", str(corpus_dir), "--runner", args.runner, "--workers", str(args.workers), *args.extra]
    rows = []

    if "floor" in args.runs:
        rows.append(floor_row(corpus_dir, env, out))
    if "peer" in args.runs:
        rows.append(peer_row(corpus_dir, corpus, env, out, args.peer_files))
    rows += prefect_rows(args.runs, env, out, common, args.workers)
    if "served" in args.runs:
        with prefect_server(out / "served-home") as served:
            served_env = served | {"PREFECT_HOME": env["PREFECT_HOME"]}
            rows += prefect_rows(PREFECT_RUNS, served_env, out, common, args.workers, suffix="@server")
    if "entrypoint" in args.runs:
        target = out / "entrypoint"
        shutil.rmtree(target, ignore_errors=True)
        parsed = vars(build_parser().parse_args(["run", *common, "--output", str(target)]))
        settings = {k: v for k, v in parsed.items() if k in Settings.model_fields and v is not None}
        command = [sys.executable, "-c", ENTRYPOINT, json.dumps(settings)]
        rows.append(newsflow_row("entrypoint", command, env, out, args.workers))
    add_ratios(rows)
    return {
        "corpus": corpus,
        "runner": args.runner,
        "workers": args.workers,
        "extra_args": args.extra,
        "base_switches": BASE_FLAGS,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "rows": rows,
    }


def add_ratios(rows: list[dict]) -> None:
    """Paragraphs per second, and wall time against the floor's and the peer's, on every row."""
    floor_wall = next((r["wall_s"] for r in rows if r["run"] == "floor"), None)
    peer_wall = next((r["wall_s"] for r in rows if r["run"].startswith("peer")), None)
    for row in rows:
        row["paragraphs_per_s"] = row["paragraphs"] / row["wall_s"]
        row["x_floor"] = row["wall_s"] / floor_wall if row["paragraphs"] and floor_wall else None
        newsflow = row["run"].removesuffix("@server") in NEWSFLOW_RUNS and row["paragraphs"]
        row["x_peer"] = row["wall_s"] / peer_wall if newsflow and peer_wall else None


def table(report: dict) -> str:
    """The rows as a fixed-width text table."""
    head = f"{'run':<21}{'paragraphs':>11}{'wall s':>9}{'para/s':>10}{'x floor':>9}{'x peer':>8}{'max RSS MB':>11}"
    head += f"{'server MB':>10}{'tree PSS MB':>12}{'prefect s':>10}{'outside %':>10}"
    lines = [head]
    for r in report["rows"]:
        x_floor = f"{r['x_floor']:.2f}" if r["x_floor"] else "-"
        x_peer = f"{r['x_peer']:.3f}" if r.get("x_peer") else "-"
        prefect = f"{r['prefect_s']:.1f}" if "prefect_s" in r else "-"
        outside = f"{100 * r['outside_stages']:.0f}" if "outside_stages" in r else "-"
        server = "-" if r["run"].endswith("@server") else f"{r.get('server_rss_mb', 0):.0f}"
        lines.append(
            f"{r['run']:<21}{r['paragraphs']:>11,}{r['wall_s']:>9.2f}{r['paragraphs_per_s']:>10,.0f}{x_floor:>9}{x_peer:>8}"
            f"{r['max_rss_mb']:>11.0f}{server:>10}{r['tree_pss_mb']:>12.0f}{prefect:>10}{outside:>10}"
        )
    for r in report["rows"]:
        if "sample" in r:
            s = r["sample"]
            lines.append(
                f"* peer extrapolated: ran on the first {s['files']:,} of {s['of_files']:,} files ({s['paragraphs']:,}"
                f" paragraphs) in {s['wall_s']:.1f} s, {s['flow_body_s']:.1f} s of it in the flow body; wall ="
                f" {r['prefect_s']:.1f} s fixed + flow body x {r['paragraphs'] / s['paragraphs']:.2f};"
                " RSS and PSS are the sample's"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--paragraphs", type=int, default=500_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--runner", default="auto", help="newsflow --runner for the flow runs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--peer-files", type=int, default=PEER_FILES, help="files the peer runs on (0: all)")
    parser.add_argument("--runs", type=lambda v: v.split(","), default=RUNS, help=f"comma list of {','.join(RUNS)}")
    parser.add_argument("extra", nargs="*", help="more `newsflow run` options, after --")
    args = parser.parse_args(argv)
    report = run_all(args)
    path = args.out / f"bench-{args.paragraphs}-{args.runner}-{'-'.join(args.runs)}.json"
    path.write_text(json.dumps(report, indent=1))
    print(table(report))
    print(f"written {path}")


if __name__ == "__main__":
    main()
