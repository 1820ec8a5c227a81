"""Refresh docs/flow-run.png: a run against `make server`, its flow run page photographed.

By hand, not in CI: needs the server running on 127.0.0.1:PORT and Debian's `chromium`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=4200)
    parser.add_argument("--input", default="data")
    parser.add_argument("--png", default="docs/flow-run.png")
    args = parser.parse_args()
    ui = f"http://127.0.0.1:{args.port}"
    try:
        urllib.request.urlopen(f"{ui}/api/health", timeout=5).close()
    except OSError:
        print(f"no Prefect server at {ui}: start it with `make server` first", file=sys.stderr)
        return 1
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        print("chromium not found: apt-get update && apt-get install -y chromium", file=sys.stderr)
        return 1
    env = os.environ | {"PREFECT_API_URL": f"{ui}/api"}
    with tempfile.TemporaryDirectory() as output:
        subprocess.run(
            [str(BIN / "newsflow"), "run", "--input", args.input, "--output", output, "--quiet"], env=env, check=True
        )
    flow_run_id = subprocess.run(
        [str(BIN / "python"), "-c", LATEST_RUN], env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    shots = {args.png: f"{ui}/runs/flow-run/{flow_run_id}"}
    for png, page in shots.items():
        Path(png).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--window-size=1400,1100",
                "--virtual-time-budget=15000",
                f"--screenshot={Path(png).resolve()}",
                page,
            ],
            check=True,
            capture_output=True,
        )
        print(f"{png}: {page}")
    return 0


LATEST_RUN = """
from prefect.client.orchestration import get_client
from prefect.client.schemas.sorting import FlowRunSort
with get_client(sync_client=True) as client:
    print(client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=1)[0].id)
"""

if __name__ == "__main__":
    raise SystemExit(main())
