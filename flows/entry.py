"""The `newsflow` command: a run's temporary Prefect server starts booting before the command line loads.

`newsflow run` without PREFECT_API_URL starts a Prefect server of its own (flows.temporary_server),
and the server's boot, about 3 s of imports, is the start of every such run's critical path. The
command line's modules (pydantic, rich, the settings and the handoff types, which load Polars,
fsspec and Arrow: about 0.3 s) need not come first: the server is launched here, from the raw
arguments, and the command line then runs on it. A command that turns out not to need it (options
that fail validation, a Prefect profile naming a server) leaves it stopped.
"""

from __future__ import annotations

import os
import sys

from flows.temporary_server import for_one_run

HELP = {"-h", "--help"}


def main() -> int:
    """Run the command line, with the temporary server already booting when a run will want it."""
    argv = sys.argv[1:]
    # every Prefect server this process starts (its own, or Prefect's under `serve`) inherits it
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    server = for_one_run() if wants_temporary_server(argv) else None
    try:
        from flows.cli import main as command_line

        return command_line(argv, server)
    finally:
        if server is not None:
            server.stop()


def wants_temporary_server(argv: list[str]) -> bool:
    """Whether these arguments ask for a run that will start its own server: `run`, no PREFECT_API_URL, no help."""
    return argv[:1] == ["run"] and not os.environ.get("PREFECT_API_URL") and not HELP & set(argv)
