"""newsflow's Prefect flow, command line, serving and deployment.

Importing it first makes the allocators of Polars and Arrow hand freed memory back to the OS at once.
Worker processes run task after task, and what one task freed stayed resident under the next one's
peak, so peak memory grew with the number of batches (529 MB at 4M paragraphs against 463 MB at 1M,
docs/benchmarks.md#memory). Polars' jemalloc, configured by `_RJEM_MALLOC_CONF` when Polars loads,
kept freed pages for 0.5 s and then 1 s more (Polars' own setting, which it puts before ours, so
ours wins); Arrow's default pool, mimalloc, kept them too, where the system allocator returns large
buffers when they are freed. Set here, before any newsflow module loads Polars or Arrow, both reach
the flow process and every worker process it starts, which inherit the environment. Values already
set in the environment win.
"""

import os

ALLOCATORS = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0", "ARROW_DEFAULT_MEMORY_POOL": "system"}
for _name, _value in ALLOCATORS.items():
    os.environ.setdefault(_name, _value)
