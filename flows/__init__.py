"""newsflow's Prefect flow, command line, serving and deployment.

Importing it first makes Polars' allocator (jemalloc, configured by `_RJEM_MALLOC_CONF` when Polars
loads) hand freed memory back to the OS at once, where Polars' own setting keeps it for 0.5 s and
then 1 s more (its value goes after Polars' defaults, so it wins). Worker processes
run task after task, and what one task freed stayed resident under the next one's peak, so the peak
grew with the number of batches: 529 MB at 4M paragraphs against 463 MB at 1M (docs/benchmarks.md).
Set here, before any newsflow module loads Polars, it reaches the flow process and every worker
process it starts, which inherit the environment. An `_RJEM_MALLOC_CONF` already set wins.
"""

import os

POLARS_ALLOCATOR = "dirty_decay_ms:0,muzzy_decay_ms:0"
os.environ.setdefault("_RJEM_MALLOC_CONF", POLARS_ALLOCATOR)
