"""`newsflow run|serve|inspect`: the command line. Options are generated from the pydantic models."""

from __future__ import annotations

import argparse
import json
import os
import sys

from pydantic import BaseModel, ValidationError
from rich.console import Console, Group
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from flows.serve import ServeOptions
from tasks.settings import Settings


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
    inspect = commands.add_parser("inspect", help="print what an output folder holds, without Prefect")
    inspect.add_argument("output", help="the output folder (or fsspec URL) of earlier runs")
    inspect.add_argument("--runs", type=int, default=5, help="how many recent runs to list (default: 5)")
    inspect.add_argument("--samples", type=int, default=3, help="sample rows per table (default: 3)")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    if args.command == "inspect":
        return _inspect(args)
    try:
        settings = _model(Settings, args)
        options = _model(ServeOptions, args) if args.command == "serve" else None
    except ValidationError as e:
        for error in e.errors():
            where = "--" + "-".join(str(p) for p in error["loc"]).replace("_", "-")
            print(f"newsflow: {where}: {error['msg']}", file=sys.stderr)
        return 2
    if options is not None:
        from flows.serve import serve

        serve(settings, options)
        return 0
    return _run(settings, args)


def _run(settings: Settings, args: argparse.Namespace) -> int:
    """Run the flow once: a live progress bar on a terminal, then the summary."""
    console = Console()
    show_bar = console.is_terminal and not args.quiet and not args.json
    if show_bar or args.quiet:  # Prefect's per-task lines would fight the bar; the UI keeps them all
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "WARNING"
    from flows.runners import flow_for
    from flows.ui import observing

    bar = ProgressBar(console) if show_bar else None
    try:
        if bar:
            with bar.progress, observing(bar):
                summary = flow_for(settings)(settings)
        else:
            summary = flow_for(settings)(settings)
    except Exception as e:  # the flow run's Failed state and its logs hold the details
        print(f"newsflow: run failed: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        console.print(summary_table(summary))
    return 0


class FilesPerSecond(ProgressColumn):
    """Files per second of a stage, once rich has seen enough of it to tell."""

    def render(self, task) -> Text:
        return Text(f"{task.speed:,.1f} files/s" if task.speed else "", style="progress.data.speed")


class ProgressBar:
    """The terminal view of a run: files cleaned and enriched, paragraphs, rate and time left."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(
            TextColumn("{task.description:<7}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("files  {task.fields[paragraphs]}"),
            FilesPerSecond(),
            TimeRemainingColumn(),
            console=console,
        )
        self.stages: dict[str, int] = {}
        self.paragraphs = 0

    def planned(self, files: int, batches: int) -> None:
        for stage in ("clean", "enrich"):
            self.stages[stage] = self.progress.add_task(stage, total=files, paragraphs="")

    def batch_done(self, stage: str, files: int, paragraphs: int) -> None:
        self.paragraphs += paragraphs
        shown = f"{self.paragraphs:,} paragraphs" if stage == "enrich" else ""
        self.progress.update(self.stages[stage], advance=files, **({"paragraphs": shown} if shown else {}))


def summary_table(summary: dict) -> Group:
    """The run summary as a heading and a two-column table."""
    from tasks.report.quality import summary_rows

    table = Table()
    table.add_column("metric")
    table.add_column("value", justify="right")
    for row in summary_rows(summary):
        if row["metric"] not in ("run_id", "version"):
            table.add_row(row["metric"], f"{row['value']:,}" if isinstance(row["value"], int) else str(row["value"]))
    return Group(Text(f"newsflow run {summary['run_id']} (manifest v{summary['version']})", style="bold"), table)


def _inspect(args: argparse.Namespace) -> int:
    """Print the tables, the recent runs and sample rows of an output folder."""
    from tasks.report.inspect import inspect_output

    try:
        found = inspect_output(args.output, runs=args.runs, samples=args.samples)
    except (ValueError, OSError) as e:
        print(f"newsflow: {e}", file=sys.stderr)
        return 1
    console = Console(width=None if sys.stdout.isatty() else 160)  # a file or pipe has no width to fit
    tables = Table(title=f"{args.output} (manifest v{found['version']})", title_justify="left")
    for column in ("table", "files", "rows", "bytes", "schema version"):
        tables.add_column(column, justify="left" if column == "table" else "right")
    for t in found["tables"]:
        versions = ", ".join(str(v) for v in t["schema_versions"]) or "–"
        tables.add_row(t["table"], f"{t['files']:,}", f"{t['rows']:,}", f"{t['bytes']:,}", versions)
    console.print(tables)
    runs = Table(title="recent runs", title_justify="left")
    for column in (
        "version",
        "run id",
        "started (UTC)",
        "found",
        "written",
        "skipped",
        "quarantined",
        "paragraphs",
        "seconds",
    ):
        runs.add_column(column)
    for r in found["runs"]:
        s = r["summary"]
        counts = [s["files_found"], s["files_written"], s["files_skipped"], s["files_quarantined"], s["paragraphs"]]
        total = sum(s["seconds"].values())
        runs.add_row(f"v{r['version']}", r["run_id"], r["started_at"][:19], *(f"{n:,}" for n in counts), f"{total:.1f}")
    console.print(runs)
    for table, frame in found["samples"].items():
        console.print(f"[bold]{table}[/bold]: first rows of the newest file")
        with _polars_text():
            console.print(str(frame), markup=False, highlight=False)
    return 0


def _polars_text():
    """Polars' table printing sized for a terminal: long text cut, every column shown."""
    import polars as pl

    return pl.Config(fmt_str_lengths=60, tbl_cols=-1, tbl_width_chars=160, tbl_hide_dataframe_shape=True)
