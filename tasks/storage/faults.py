"""Fault injection for the I/O layer, switched on only by tests.

`NEWSFLOW_FAULTS` names a JSON file holding a list of rules
`{"op": OP, "match": "<substring of the path>", "times": N, "skip": M, "error": KIND}`.
OP is where `Store` asks: `read`, `write` (before any byte), `commit` (a complete temporary file
is on disk, not yet renamed over the target), `move` (publishing a staged file) or `delete`.
KIND is `EIO`, `ENOSPC`, `EACCES` (an OSError), `kill` (SIGKILL of the current process) or
`hold` (block until a file named like the rules file plus `.release` exists).
A rule lets its first `skip` matching calls (default 0) pass, then fires on the next `times`
(-1: always). Instead of `match`, `pattern` is a regular expression the whole path must match
(run ids differ between runs: the fault matrix targets a point of a recorded trace this way).
With `"sticky": true` a rule, once fired, fires at every later point whatever its op and path: a
disk that stays full or a permission that stays revoked. Hit counts live in files beside the
rules so they hold across worker processes.

`NEWSFLOW_FAULTS_TRACE` names a file that every point appends `OP PATH` to, one line each: the
trace the fault matrix enumerates.
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import time

ENV = "NEWSFLOW_FAULTS"
TRACE_ENV = "NEWSFLOW_FAULTS_TRACE"
HOLD_LIMIT_SECONDS = 300


def check(op: str, path: str) -> None:
    """Record the point, then raise, block or die here if an active rule says so; free when unset."""
    trace = os.environ.get(TRACE_ENV)
    if trace:
        _record(trace, op, path)
    rules_file = os.environ.get(ENV)
    if not rules_file:
        return
    with open(rules_file, encoding="utf-8") as f:
        rules = json.load(f)
    for number, rule in enumerate(rules):
        fired = f"{rules_file}.{number}.fired"
        if rule.get("sticky") and os.path.exists(fired):
            _fire(rule["error"], op, path, rules_file)
        if rule["op"] == op and _matches(rule, path) and _take(rules_file, number, rule):
            if rule.get("sticky"):
                open(fired, "w").close()
            _fire(rule["error"], op, path, rules_file)


def _record(trace: str, op: str, path: str) -> None:
    """One line per point, appended in a single write so lines of concurrent workers never mix."""
    fd = os.open(trace, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{op} {path}\n".encode())
    finally:
        os.close(fd)


def _matches(rule: dict, path: str) -> bool:
    if "pattern" in rule:
        return re.fullmatch(rule["pattern"], path) is not None
    return rule.get("match", "") in path


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
