"""Real services on 127.0.0.1 for system tests, measurements and `make server-postgres`: a Prefect
server (on SQLite or PostgreSQL), a process work pool with the deployment from prefect.yaml, and a
`prefect worker` whose flow-run processes are measured.

PostgreSQL is Debian's `postgresql` package, started on a temporary data folder, a free port and
a socket folder of its own; as root its commands run as the `postgres` user (initdb refuses root).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from glob import glob
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SERVER_START_SECONDS = 180
POOL = "newsflow-pool"
DEPLOYMENT = "newsflow/newsflow-every-30-min"  # as prefect.yaml names it
SAMPLE_SECONDS = 0.2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_group(process: subprocess.Popen) -> None:
    """SIGINT to the process group first (as Ctrl-C would), then kill the group if it lingers."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def clean_env(home: Path) -> dict[str, str]:
    """This environment without any PREFECT_ setting, with its own PREFECT_HOME and telemetry off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return env | {"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def postgres_bin() -> Path | None:
    """The folder of Debian's PostgreSQL server binaries (the newest installed), or None."""
    found = sorted(glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


@contextmanager
def postgres(data: Path | None = None) -> Iterator[str]:
    """A PostgreSQL cluster on a free 127.0.0.1 port; yields its database URL for Prefect (asyncpg).

    Without `data`, the cluster lives in a temporary folder removed afterwards.
    """
    pg = postgres_bin()
    if pg is None:
        raise FileNotFoundError("PostgreSQL is not installed: apt-get install postgresql")
    folder = Path(data or tempfile.mkdtemp(prefix="newsflow-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres", "postgres")
    cluster, port = folder / "cluster", free_port()

    def run(*command: str) -> None:
        subprocess.run([*as_postgres, *command], check=True, capture_output=True, text=True)

    if not (cluster / "PG_VERSION").exists():
        run(str(pg / "initdb"), "-D", str(cluster), "-A", "trust", "-U", "prefect", "-E", "UTF8")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    run(str(pg / "pg_ctl"), "-D", str(cluster), "-l", str(folder / "postgres.log"), "-o", options, "-w", "start")
    try:
        created = subprocess.run(
            [*as_postgres, str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "prefect", "prefect"],
            capture_output=True,
            text=True,
        )
        if created.returncode and "already exists" not in created.stderr:
            raise RuntimeError(f"createdb failed: {created.stderr}")
        yield f"postgresql+asyncpg://prefect@127.0.0.1:{port}/prefect"
    finally:
        run(str(pg / "pg_ctl"), "-D", str(cluster), "-m", "fast", "-w", "stop")
        if data is None:
            shutil.rmtree(folder, ignore_errors=True)


def postgres_count(database_url: str, table: str) -> int:
    """Rows of a table in the PostgreSQL database of `database_url`, read with psql."""
    port = database_url.rsplit(":", 1)[1].split("/")[0]
    command = [str(postgres_bin() / "psql"), "-h", "127.0.0.1", "-p", port, "-U", "prefect", "-d", "prefect"]
    done = subprocess.run(
        [*command, "-tAc", f"select count(*) from {table}"], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"prefect server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"prefect server not healthy after {SERVER_START_SECONDS}s:\n{log.read_text()[-3000:]}")


@contextmanager
def prefect_server(home: Path, database_url: str | None = None, port: int | None = None) -> Iterator[dict[str, str]]:
    """A `prefect server start` on 127.0.0.1 with PREFECT_HOME `home` (SQLite there, or `database_url`),
    its scheduler off (no cron run fires by itself); yields the environment that reaches it."""
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    env = clean_env(home) | {"PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false"}
    env |= {"PREFECT_SERVER_DATABASE_CONNECTION_URL": database_url} if database_url else {}
    log = home / "server.log"
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        api = f"http://127.0.0.1:{port}/api"
        _wait_healthy(api, process, log)
        yield clean_env(home) | {"PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    finally:
        stop_group(process)


def prefect(env: dict[str, str], *args: str) -> str:
    """Run the `prefect` command line from the project folder; its stdout, or an error with its output."""
    done = subprocess.run([str(BIN / "prefect"), *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(f"prefect {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def deploy(env: dict[str, str]) -> None:
    """The process work pool and the deployment of the project's own prefect.yaml, as its header says."""
    prefect(env, "work-pool", "create", POOL, "--type", "process")
    prefect(env, "deploy", "--all", "--no-prompt", "--prefect-file", str(ROOT / "prefect.yaml"))


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A `prefect worker start` on the pool, polling every second."""
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [str(BIN / "prefect"), "worker", "start", "--pool", POOL, "--limit", "1"],
            env=env | {"PREFECT_WORKER_QUERY_SECONDS": "1"},
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        stop_group(process)


def _descendants(root: int) -> list[int]:
    """`root`'s child processes and theirs, from /proc/PID/task/TID/children (no scan of all of /proc)."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        for children in glob(f"/proc/{pid}/task/*/children"):
            try:
                with open(children) as f:
                    kids = [int(k) for k in f.read().split()]
            except OSError:
                continue
            found += kids
            stack += kids
    return found


def _peak_rss(pid: int) -> int:
    """VmHWM: the most resident memory the process has had, in bytes (0 once it has exited)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


class PeakRss:
    """The largest peak RSS (VmHWM) of any process below `root`, and of `root` itself when `with_root`:
    sampled, so a process that grows in its last SAMPLE_SECONDS before exiting is under-counted."""

    def __init__(self, root: int, with_root: bool = False) -> None:
        self.root, self.with_root, self.largest, self._done = root, with_root, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            pids = _descendants(self.root) + ([self.root] if self.with_root else [])
            self.largest = max([self.largest, *map(_peak_rss, pids)])

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.largest


def run_deployment(env: dict[str, str], settings: dict, worker_pid: int, seconds: float = 1800) -> dict:
    """Trigger the deployment with these settings (`prefect deployment run --params`), wait for its
    final state; its state, flow-run id, wall seconds from the trigger, the run's own seconds
    (Running to final, from the API) and the largest peak RSS below the worker."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    peak, started = PeakRss(worker_pid), time.perf_counter()
    printed = prefect(env, "deployment", "run", DEPLOYMENT, "--params", json.dumps({"settings": settings}))
    flow_run_id = re.search(r"UUID: ([0-9a-f-]{36})", printed)[1]
    deadline = time.monotonic() + seconds
    with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
        while not (run := client.read_flow_run(flow_run_id)).state.is_final():
            if time.monotonic() > deadline:
                raise TimeoutError(f"flow run {flow_run_id} still {run.state.type} after {seconds}s")
            time.sleep(0.2)
    wall = time.perf_counter() - started
    run_s = (run.end_time - run.start_time).total_seconds() if run.start_time and run.end_time else None
    return {
        "state": run.state,
        "flow_run_id": flow_run_id,
        "wall_s": wall,
        "run_s": run_s,
        "peak_rss_mb": peak.stop() / 2**20,
    }


def run_cli(env: dict[str, str], settings: dict, log: Path) -> dict:
    """`newsflow run` with the same settings in its own process: wall seconds, the largest peak RSS
    of it and its children (measured as for a deployment run) and its summary."""
    command = [str(BIN / "newsflow"), "run", "--quiet", "--json"]
    for name, value in settings.items():
        command += [f"--{name.replace('_', '-')}", str(value)]
    started = time.perf_counter()
    with open(log, "w") as err:
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        peak = PeakRss(process.pid, with_root=True)
        stdout, _ = process.communicate()
    largest = peak.stop()
    if process.returncode:
        raise RuntimeError(f"newsflow run failed ({process.returncode}); see {log}")
    summary = json.loads(stdout)
    return {"wall_s": time.perf_counter() - started, "peak_rss_mb": largest / 2**20, "summary": summary}


def _serve_postgres(args: argparse.Namespace) -> None:
    """`make server-postgres`: PostgreSQL in --data, and a Prefect server on it, until Ctrl-C."""
    home = Path(args.home).resolve()
    for stop_signal in (signal.SIGINT, signal.SIGTERM):  # both stop PostgreSQL and the server cleanly
        signal.signal(stop_signal, signal.default_int_handler)
    with postgres(Path(args.data).resolve()) as url, prefect_server(home, url, args.port) as env:
        print(f"Prefect UI: http://127.0.0.1:{args.port}  (PostgreSQL: {url})", flush=True)
        print(f"runs go there with: export PREFECT_API_URL={env['PREFECT_API_URL']}", flush=True)
        with suppress(KeyboardInterrupt):
            signal.pause()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A Prefect server on PostgreSQL, on 127.0.0.1, until Ctrl-C.")
    parser.add_argument("--data", required=True, help="folder of the PostgreSQL cluster (created on first use)")
    parser.add_argument("--home", required=True, help="PREFECT_HOME of the server")
    parser.add_argument("--port", type=int, default=4200)
    _serve_postgres(parser.parse_args(argv))


if __name__ == "__main__":
    main()
