"""Processes that import newsflow's flows give memory Polars and Arrow free back to the OS within a moment,
whether or not they allocate again."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from flows import ALLOCATORS

# Build and drop a frame of about 900 MB; report resident anonymous memory before, with it, and a second
# after it was dropped, the process idle as a worker between tasks.
FREE_A_FRAME = """
import json, os, time
import flows
import polars as pl

def anon_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("RssAnon"))

before = anon_mb()
frame = pl.DataFrame({"x": pl.arange(0, 30_000_000, eager=True)}).with_columns(y=pl.col("x").cast(pl.String))
held = anon_mb()
del frame
time.sleep(1)
print(json.dumps({"conf": os.environ["_RJEM_MALLOC_CONF"], "before": before, "held": held, "after": anon_mb()}))
"""
ARROW_POOL = "import flows, pyarrow; print(pyarrow.default_memory_pool().backend_name)"


def _run(code: str, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ALLOCATORS}
    done = subprocess.run([sys.executable, "-c", code], env=clean | env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _free_a_frame(**env: str) -> dict:
    return json.loads(_run(FREE_A_FRAME, **env))


def test_a_dropped_frame_leaves_an_idle_process():
    found = _free_a_frame()
    assert found["conf"].endswith(ALLOCATORS["_RJEM_MALLOC_CONF"])  # after Polars' own defaults, which it puts first
    assert found["held"] - found["before"] > 500
    assert found["after"] - found["before"] < 50


def test_an_allocator_setting_of_ones_own_wins():
    found = _free_a_frame(_RJEM_MALLOC_CONF="dirty_decay_ms:-1")  # never purge: freed pages stay resident
    assert found["conf"].endswith(",dirty_decay_ms:-1")
    assert found["after"] - found["before"] > 500


def test_arrow_allocates_with_the_system_allocator_unless_told_otherwise():
    assert _run(ARROW_POOL) == "system"
    assert _run(ARROW_POOL, ARROW_DEFAULT_MEMORY_POOL="mimalloc") == "mimalloc"
