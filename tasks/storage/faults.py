"""Fault injection for the I/O layer, switched on only by tests.

`NEWSFLOW_FAULTS` names a JSON file holding a list of rules
`{"op": OP, "match": "<substring of the path>", "times": N, "skip": M, "error": KIND}`.
OP is where `Store` asks: `read`, `write` (before any byte), `commit` (a complete temporary file
is on disk, not yet renamed over the target), `move` (publishing a staged file) or `delete`.
KIND is `EIO`, `ENOSPC`, `EACCES` (an OSError), `kill` (SIGKILL of the current process) or
`hold` (block until a file named like the rules file plus `.release` exists).
A rule lets its first `skip` matching calls (default 0) pass, then fires on the next `times`
(-1: always). Hit counts live in files beside the rules so they hold across worker processes.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import time

ENV = "NEWSFLOW_FAULTS"
HOLD_LIMIT_SECONDS = 300


def check(op: str, path: str) -> None:
    """Raise, block or die here if an active rule says so; free when no rules are set."""
    rules_file = os.environ.get(ENV)
    if not rules_file:
        return
    with open(rules_file, encoding="utf-8") as f:
        rules = json.load(f)
    for number, rule in enumerate(rules):
        if rule["op"] == op and rule.get("match", "") in path and _take(rules_file, number, rule):
            _fire(rule["error"], op, path, rules_file)


def _take(rules_file: str, number: int, rule: dict) -> bool:
    """Count one hit of rule `number`; true when the hit falls in the rule's firing window."""
    hits = f"{rules_file}.{number}.hits"
    fd = os.open(hits, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, b".")
        count = os.fstat(fd).st_size - rule.get("skip", 0)
    finally:
        os.close(fd)
    return count > 0 and (rule["times"] < 0 or count <= rule["times"])


def _fire(kind: str, op: str, path: str, rules_file: str) -> None:
    if kind == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if kind == "hold":
        deadline = time.monotonic() + HOLD_LIMIT_SECONDS
        while not os.path.exists(f"{rules_file}.release") and time.monotonic() < deadline:
            time.sleep(0.05)
        return
    code = getattr(errno, kind)
    raise OSError(code, f"injected {kind} on {op}", path)
