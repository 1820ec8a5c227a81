"""One run at a time per output: an exclusive lock file under the output root."""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tasks.storage.store import Store

LOCK_FILE = "_lock"


class OutputLocked(RuntimeError):
    """Another run holds the output."""


class OutputNotWritable(RuntimeError):
    """The output folder cannot be created or written; nothing has been done."""


@contextmanager
def output_lock(store: Store, run_id: str, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the output's lock for a run; wait up to `wait_seconds`, then stop with a clear message.

    The kernel drops a flock when its process dies, so a killed run never leaves a stale lock.
    On object stores there is no lock: use one deployment with a concurrency limit of 1 there.
    """
    if not store.is_local:
        yield
        return
    fd = _open_lock_file(store)
    try:
        _acquire(fd, store, wait_seconds)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"run_id": run_id, "pid": os.getpid(), "since": time.time()}).encode(), 0)
        yield
    finally:
        os.close(fd)


def _open_lock_file(store: Store) -> int:
    """Create the output folder, prove a file can be written in it, and open the lock file."""
    try:
        os.makedirs(store.root, exist_ok=True)
        probe, probe_path = tempfile.mkstemp(prefix=".probe-", dir=store.root)
        os.close(probe)
        os.unlink(probe_path)
        return os.open(store.path(LOCK_FILE), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise OutputNotWritable(
            f"cannot write to the output folder {store.url}: {e.strerror or e}; nothing was done"
        ) from None


def _acquire(fd: int, store: Store, wait_seconds: float) -> None:
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 4096, 0).decode(errors="replace") or "unknown"
                raise OutputLocked(
                    f"another newsflow run is writing to {store.url} ({holder}); try again when it ends"
                ) from None
            time.sleep(0.2)
