"""Imported by the fork server of local workers only (the last of `flows.runners.WORKER_MODULES`): it
leaves without the interpreter's teardown.

The fork server exits once the flow process and its workers have gone. Its teardown (freeing the
objects of Prefect, Polars and the tasks it imported for its workers: 0.28 s on this project's
machine) held open the standard output it shares with the flow process, so whatever reads
`newsflow run`'s output to its end (`newsflow run --json | jq`, `make bench`) waited that long after
the run had ended. It has nothing to flush or release: it writes nothing, and its workers, forked
from it, exit by `os._exit` themselves. Elsewhere (no `FORK_SERVER_MARK` in the environment)
importing this module does nothing; the fork server takes the mark out of its environment, so its
workers do not inherit it.
"""

import atexit
import os

FORK_SERVER_MARK = "NEWSFLOW_FORK_SERVER"
"""Set only in the environment the fork server starts with (`flows.runners.start_worker_imports`)."""

if os.environ.pop(FORK_SERVER_MARK, None):
    atexit.register(os._exit, 0)  # registered last, run first: before any other exit handler or teardown
