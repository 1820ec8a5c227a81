"""`newsflow run|serve|alerts|inspect|repair`: the command line. Options are generated from the pydantic models."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel, ValidationError
from rich.console import Console

from flows.serve import ServeOptions
from tasks.handoffs import RunSummary
from tasks.settings import Settings

if TYPE_CHECKING:
    from flows.temporary_server import TemporaryServer


def _add_model_options(parser: argparse.ArgumentParser, model: type[BaseModel]) -> None:
    """One --option per model field, its help text from the field's description."""
    for name, field in model.model_fields.items():
        flag = "--" + name.replace("_", "-")
        if field.annotation is bool:
            parser.add_argument(
                flag,
                dest=name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=f"{field.description} (default: {field.default})",
            )
        else:
            default = None if field.is_required() else field.default
            parser.add_argument(flag, dest=name, default=None, help=f"{field.description} (default: {default})")


def _model(model: type[BaseModel], args: argparse.Namespace) -> BaseModel:
    values = {k: v for k, v in vars(args).items() if k in model.model_fields and v is not None}
    return model.model_validate(values)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsflow", description="Scraped news articles to Parquet, as a Prefect flow."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the flow once")
    _add_model_options(run, Settings)
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    run.add_argument("--quiet", action="store_true", help="no progress bar and no Prefect log lines; only the summary")
    serve = commands.add_parser("serve", help="serve a deployment that runs the flow on a cron schedule")
    _add_model_options(serve, Settings)
    _add_model_options(serve, ServeOptions)
    alerts = commands.add_parser("alerts", help="install the automations that watch a deployment")
    install = alerts.add_subparsers(dest="alerts_command", required=True).add_parser(
        "install", help="create or replace: failed or crashed runs, quality warnings, no completed run in 2 intervals"
    )
    install.add_argument("--deployment", required=True, help="FLOW/DEPLOYMENT, e.g. newsflow/newsflow-every-30-min")
    install.add_argument("--notify", help="notification block to send to, as TYPE/NAME (e.g. slack-webhook/ops)")
    inspect = commands.add_parser("inspect", help="print what an output folder holds, without Prefect")
    inspect.add_argument("output", help="the output folder (or fsspec URL) of earlier runs")
    inspect.add_argument("--runs", type=int, default=5, help="how many recent runs to list (default: 5)")
    inspect.add_argument("--samples", type=int, default=3, help="sample rows per table (default: 3)")
    repair = commands.add_parser(
        "repair", help="verify an output folder against its manifest and fix what can be fixed"
    )
    repair.add_argument("output", help="the output folder (or fsspec URL) to verify")
    return parser


def main(argv: list[str] | None = None, server: TemporaryServer | None = None) -> int:
    """The command line on `argv`; a run uses `server`, a temporary server already launched (flows.entry), if given."""
    args = build_parser().parse_args(argv)
    if args.command == "inspect":
        return _inspect(args)
    if args.command == "repair":
        return _repair(args)
    if args.command == "alerts":
        return _install_alerts(args)
    return _run_or_serve(args, server)


def _run_or_serve(args: argparse.Namespace, server: TemporaryServer | None) -> int:
    """Validate the options and the input, then run the flow once or serve it."""
    try:
        settings = _model(Settings, args)
        options = _model(ServeOptions, args) if args.command == "serve" else None
    except ValidationError as e:
        for error in e.errors():
            where = "--" + "-".join(str(p) for p in error["loc"]).replace("_", "-")
            print(f"newsflow: {where}: {error['msg']}", file=sys.stderr)
        return 2
    if problem := _input_problem(settings) or _dask_problem(settings):
        print(f"newsflow: {problem}", file=sys.stderr)
        return 2
    if options is not None:
        from flows.serve import serve

        serve(settings, options)
        return 0
    return _run(settings, args, server)


def _input_problem(settings: Settings) -> str | None:
    """Why the input folder cannot be read, said before Prefect starts; None when it can."""
    from tasks.plan.input_root import InputNotReadable, check_input_root
    from tasks.storage.store import Store

    try:
        check_input_root(Store(settings.input))
    except InputNotReadable as e:
        return f"--input: {e}"
    return None


def _dask_problem(settings: Settings) -> str | None:
    """Why the Dask workers could not report to this run's API, said before Prefect starts."""
    if settings.runner != "dask" or not settings.dask_address:
        return None  # without importing Prefect's settings, a second of CPU before the server can start
    from prefect.settings import PREFECT_API_URL

    from flows.shared_api import dask_api_problem

    problem = dask_api_problem(settings.dask_address, PREFECT_API_URL.value())
    return f"--dask-address: {problem}" if problem else None


def _run(settings: Settings, args: argparse.Namespace, launched: TemporaryServer | None) -> int:
    """Run the flow once: a live progress bar on a terminal, then the summary. Without PREFECT_API_URL,
    on a temporary server: `launched`, or one started here."""
    console = Console()
    show_bar = console.is_terminal and not args.quiet and not args.json
    if show_bar or args.quiet:  # Prefect's per-task lines would fight the bar; the UI keeps them all
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "WARNING"
    from flows.temporary_server import temporary_api

    try:
        with temporary_api(launched) as server:  # boots while the flow's modules load
            # Prefect imports it when the flow starts, to send the run's parameters: after the server is up
            import fastapi.encoders  # noqa: F401

            from flows.console import ProgressBar, summary_table
            from flows.pipeline import newsflow
            from flows.runners import start_worker_imports
            from flows.ui import observing

            gc.freeze()  # the modules' objects out of every later collection's walk: 0.5 s of this process's CPU in a 2M run
            if server:
                if settings.runner in ("auto", "process"):
                    # on the core this process leaves idle while the server boots
                    start_worker_imports(settings.workers)
                server.ready()
            bar = ProgressBar(console) if show_bar else None
            if bar:
                with bar.progress, observing(bar):
                    summary = newsflow(settings)
            else:
                summary = newsflow(settings)
    except Exception as e:  # the flow run's Failed state and its logs hold the details
        print(f"newsflow: run failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        console.print(summary_table(RunSummary.from_dict(summary)))
    return 0


def _install_alerts(args: argparse.Namespace) -> int:
    """Create the deployment's automations on the server PREFECT_API_URL names, and list them."""
    from flows.alerts import AlertsError, install

    try:
        names = install(args.deployment, args.notify)
    except AlertsError as e:
        print(f"newsflow: {e}", file=sys.stderr)
        return 1
    print("\n".join(f"installed: {name}" for name in names))
    return 0


def _inspect(args: argparse.Namespace) -> int:
    """Print the tables, the recent runs and sample rows of an output folder."""
    from flows.console import print_contents
    from tasks.report.inspect import inspect_output

    try:
        found = inspect_output(args.output, runs=args.runs, samples=args.samples)
    except (ValueError, OSError) as e:
        print(f"newsflow: {e}", file=sys.stderr)
        return 1
    print_contents(args.output, found)
    return 0


def _repair(args: argparse.Namespace) -> int:
    """Verify an output and fix what can be fixed: exit 0 when it is healthy or fixed, 1 when not."""
    from flows.console import print_repair
    from tasks.commit.lock import output_lock
    from tasks.commit.repair import repair_output
    from tasks.storage.store import Store

    store = Store(args.output)
    try:
        with output_lock(store, run_id="repair"):
            report = repair_output(store)
    except (RuntimeError, OSError) as e:
        print(f"newsflow: {e}", file=sys.stderr)
        return 1
    print_repair(args.output, report)
    return 0 if report.ok else 1
