"""The `newsflow` command launches a run's temporary server before the command line's modules load."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.servers import clean_env
from flows.entry import wants_temporary_server

# The command, with the server's launch recorded: whether the command line's heavy modules had loaded
# by then, and the server, to see it stopped once the command has failed.
RECORDED = """
import json, sys
import flows.temporary_server as ts
seen = []
launch = ts.TemporaryServer.__init__
def recorded(self, *args, **kwargs):
    launch(self, *args, **kwargs)
    seen.append({"handoffs_loaded": "tasks.handoffs" in sys.modules, "server": self})
ts.TemporaryServer.__init__ = recorded
from flows.entry import main
sys.argv = ["newsflow", *sys.argv[1:]]
code = main()
[launched] = seen
print(json.dumps({"code": code, "handoffs_loaded": launched["handoffs_loaded"], "exited": launched["server"].process.poll() is not None}))
"""


def test_a_run_launches_its_server_first_and_a_failed_one_stops_it(tmp_path):
    missing = tmp_path / "no-such-folder"
    args = ["run", "--input", str(missing), "--output", str(tmp_path / "out")]
    env = clean_env(tmp_path / "home")
    done = subprocess.run([sys.executable, "-c", RECORDED, *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"code": 2, "handoffs_loaded": False, "exited": True}
    assert "--input" in done.stderr  # the command line's own message for the missing folder


def test_only_a_run_without_an_api_url_wants_a_temporary_server(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    assert wants_temporary_server(["run", "--input", "data"])
    assert not wants_temporary_server(["run", "--help"])
    assert not wants_temporary_server(["serve", "--input", "data"])
    assert not wants_temporary_server(["inspect", "data/output"])
    assert not wants_temporary_server([])
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.internal:4200/api")
    assert not wants_temporary_server(["run", "--input", "data"])
