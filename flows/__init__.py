"""newsflow's Prefect flow, command line, serving and deployment.

Importing it first makes the allocators of Polars and Arrow hand freed memory back to the OS within
a tenth of a second. Worker processes run task after task, and what one task freed stayed resident
under the next one's peak, so peak memory grew with the number of batches (529 MB at 4M paragraphs
against 463 MB at 1M, docs/benchmarks.md#memory). Polars' jemalloc, configured by `_RJEM_MALLOC_CONF`
when Polars loads, kept freed pages for 0.5 s and then 1 s more (Polars' own setting, which it puts
before ours, so ours wins), and purged them only when the process allocated again; ours keeps them
0.1 s and purges from a background thread, so they leave between tasks too. Returning them at once
(`dirty_decay_ms:0`) made every column a step builds fault its pages in afresh: a quarter of the
workers' CPU went to the kernel, and base runs took 9-12% longer for 8% less peak memory
(docs/benchmarks.md#allocator-decay). Arrow's default pool, mimalloc, kept freed pages too, where the
system allocator returns large buffers when they are freed. Set here, before any newsflow module
loads Polars or Arrow, both reach the flow process and every worker process it starts, which inherit
the environment. Values already set in the environment win.
"""

import os

ALLOCATORS = {
    "_RJEM_MALLOC_CONF": "dirty_decay_ms:100,muzzy_decay_ms:0,background_thread:true",
    "ARROW_DEFAULT_MEMORY_POOL": "system",
}
for _name, _value in ALLOCATORS.items():
    os.environ.setdefault(_name, _value)
