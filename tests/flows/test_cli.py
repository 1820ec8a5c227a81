"""The command line: validation messages, the summary table, the progress bar and `inspect`."""

from __future__ import annotations

import io
import subprocess

import prefect  # noqa: F401  (Prefect binds its console log handler to stderr before capsys replaces it)
from rich.console import Console

from flows.cli import main
from flows.console import ProgressBar


def test_invalid_options_are_named_clearly(capsys):
    assert main(["run", "--input", "in", "--output", "out", "--workers", "0"]) == 2
    assert "newsflow: --workers: Input should be greater than or equal to 1" in capsys.readouterr().err
    assert main(["serve", "--input", "in", "--output", "out", "--cron", "every day"]) == 2
    err = capsys.readouterr().err
    assert "newsflow: --cron: Value error, 'every day' is not a cron expression like '*/30 * * * *'" in err
    assert main(["serve", "--input", "in", "--output", "out", "--cron", "0 6 * * *", "--timezone", "Mars/Base"]) == 2
    assert "--timezone: Value error, 'Mars/Base' is not an IANA time zone" in capsys.readouterr().err


def test_run_prints_summary_table_then_inspect_shows_the_output(prefect_harness, seed_dir, tmp_path, capsys):
    out = str(tmp_path / "out")
    assert main(["run", "--input", str(seed_dir), "--output", out]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("newsflow run ")
    assert "│ files_written         │     1 │" in printed
    assert "│ paragraphs            │    29 │" in printed
    assert "━" in printed and "\x1b[" not in printed  # a table, and no terminal codes when piped

    assert main(["inspect", out, "--samples", "2"]) == 0
    printed = capsys.readouterr().out
    assert "│ paragraphs       │     1 │   29 │" in printed
    assert "│ articles         │     1 │    1 │" in printed
    assert "│ quarantine       │     1 │    0 │" in printed  # one zero-row file: every table exists
    assert "│ v1      │ " in printed
    assert "The UK is withdrawing troops from Mali" in printed


def test_inspect_of_an_empty_folder_says_so(tmp_path, capsys):
    assert main(["inspect", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"newsflow: {tmp_path} holds no committed newsflow run\n"


def test_progress_bar_shows_files_paragraphs_and_rate():
    console = Console(file=io.StringIO(), force_terminal=True, width=120, color_system=None)
    bar = ProgressBar(console)
    with bar.progress:
        bar.planned(files=3, batches=2)
        bar.batch_done("clean", files=2, paragraphs=0)
        bar.batch_done("clean", files=1, paragraphs=0)
        bar.batch_done("enrich", files=3, paragraphs=31)
    final = console.file.getvalue().rsplit("\x1b[2K", 1)[-1].splitlines()  # the last frame drawn
    assert final[0].startswith("clean") and "3/3 files" in final[0] and "files/s" in final[0]
    assert final[1].startswith("enrich") and "3/3 files  31 paragraphs" in final[1]


def test_missing_or_unreadable_input_stops_before_any_work(tmp_path, capsys):
    missing, a_file, out = tmp_path / "nowhere", tmp_path / "a-file.txt", tmp_path / "out"
    a_file.write_text("['not a folder']")
    assert main(["run", "--input", str(missing), "--output", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"newsflow: --input: cannot read the input folder {missing}: No such file or directory; nothing was done\n"
    )
    assert main(["serve", "--input", str(a_file), "--output", str(out), "--cron", "0 6 * * *"]) == 2
    assert capsys.readouterr().err == (
        f"newsflow: --input: cannot read the input folder {a_file}: Not a directory; nothing was done\n"
    )
    assert not out.exists()


def test_a_remote_dask_scheduler_needs_an_api_its_workers_reach(seed_dir, tmp_path):
    """Said before Prefect starts, so in a fresh process with no PREFECT_API_URL (the harness sets one here)."""
    from bench.servers import BIN, clean_env
    from flows.shared_api import dask_api_problem

    args = ["run", "--input", str(seed_dir), "--output", str(tmp_path / "out"), "--runner", "dask"]
    done = subprocess.run(
        [str(BIN / "newsflow"), *args, "--dask-address", "tcp://10.1.2.3:8786"],
        env=clean_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "newsflow: --dask-address: Dask workers of tcp://10.1.2.3:8786 cannot reach this run's temporary Prefect "
        "API on 127.0.0.1: set PREFECT_API_URL to a Prefect server they can reach (see docs/operations.md)\n"
    )
    assert dask_api_problem("tcp://127.0.0.1:8786", None) is None
    assert dask_api_problem("tcp://localhost:8786", None) is None
    assert dask_api_problem("tcp://10.1.2.3:8786", "http://prefect.internal:4200/api") is None
