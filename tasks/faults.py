"""Fault injection for the I/O layer, switched on only by tests.

`NEWSFLOW_FAULTS` names a JSON file holding a list of rules
`{"op": "read"|"write"|"commit", "match": "<substring of the path>", "times": N, "error": KIND}`;
KIND is `EIO`, `ENOSPC`, `EACCES` (an OSError) or `kill` (SIGKILL of the current process).
A rule fires on its first `times` matching calls (-1: always). Hit counts live in files beside
the rules so they hold across worker processes.
"""

from __future__ import annotations

import errno
import json
import os
import signal

ENV = "NEWSFLOW_FAULTS"


def check(op: str, path: str) -> None:
    """Raise or die here if an active rule says so; free when no rules are set."""
    rules_file = os.environ.get(ENV)
    if not rules_file:
        return
    with open(rules_file, encoding="utf-8") as f:
        rules = json.load(f)
    for number, rule in enumerate(rules):
        if rule["op"] == op and rule.get("match", "") in path and _take(rules_file, number, rule["times"]):
            _fire(rule["error"], op, path)


def _take(rules_file: str, number: int, times: int) -> bool:
    """Count one hit of rule `number`; true while it has hits left."""
    hits = f"{rules_file}.{number}.hits"
    fd = os.open(hits, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, b".")
        count = os.fstat(fd).st_size
    finally:
        os.close(fd)
    return times < 0 or count <= times


def _fire(kind: str, op: str, path: str) -> None:
    if kind == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    code = getattr(errno, kind)
    raise OSError(code, f"injected {kind} on {op}", path)
