"""What `newsflow run`, `inspect` and `repair` show in a terminal: progress, summary, output contents, repairs."""

from __future__ import annotations

import sys

from rich.console import Console, Group
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from tasks.commit.repair import RepairReport
from tasks.handoffs import RunSummary
from tasks.report.inspect import OutputContents
from tasks.report.quality import summary_rows


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


def summary_table(summary: RunSummary) -> Group:
    """The run summary as a heading and a two-column table."""
    table = Table()
    table.add_column("metric")
    table.add_column("value", justify="right")
    for row in summary_rows(summary):
        if row["metric"] not in ("run_id", "version"):
            table.add_row(row["metric"], f"{row['value']:,}" if isinstance(row["value"], int) else str(row["value"]))
    return Group(Text(f"newsflow run {summary.run_id} (manifest v{summary.version})", style="bold"), table)


def print_contents(output: str, found: OutputContents) -> None:
    """The tables, the recent runs and sample rows of an output folder."""
    console = Console(width=None if sys.stdout.isatty() else 160)  # a file or pipe has no width to fit
    tables = Table(title=f"{output} (manifest v{found.version})", title_justify="left")
    for column in ("table", "files", "rows", "bytes", "schema version"):
        tables.add_column(column, justify="left" if column == "table" else "right")
    for t in found.tables:
        versions = ", ".join(str(v) for v in t.schema_versions) or "–"
        tables.add_row(t.table, f"{t.files:,}", f"{t.rows:,}", f"{t.bytes:,}", versions)
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
    for r in found.runs:
        s = r.summary
        counts = [s.files_found, s.files_written, s.files_skipped, s.files_quarantined, s.paragraphs]
        total = sum(s.seconds.values())
        runs.add_row(f"v{r.version}", r.run_id, r.started_at[:19], *(f"{n:,}" for n in counts), f"{total:.1f}")
    console.print(runs)
    for table, frame in found.samples.items():
        console.print(f"[bold]{table}[/bold]: first rows of the newest file")
        with _polars_text():
            console.print(str(frame), markup=False, highlight=False)


def _polars_text():
    """Polars' table printing sized for a terminal: long text cut, every column shown."""
    import polars as pl

    return pl.Config(fmt_str_lengths=60, tbl_cols=-1, tbl_width_chars=160, tbl_hide_dataframe_shape=True)


def print_repair(output: str, report: RepairReport) -> None:
    """One line per problem found (fixed or not), then the verdict; plain lines, never wrapped."""
    where = f"{output} (manifest v{report.version})" if report.version else output
    for finding in report.findings:
        print(f"{'fixed' if finding.fixed else 'NOT FIXED'}: {finding.problem}")
    if not report.findings:
        print(f"{where}: healthy")
    elif report.ok:
        print(f"{where}: {len(report.findings)} problems found, all fixed")
    else:
        unfixed = sum(not f.fixed for f in report.findings)
        print(f"{where}: {unfixed} of {len(report.findings)} problems could not be fixed")
