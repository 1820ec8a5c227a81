"""`make bench-quality`: run the real flow on a corpus with gold bodies and score its boilerplate flags.

Prints the scorer's token precision / recall / F1 of the kept paragraphs (and of keeping every
paragraph, for reference) and the share of paragraphs flagged per boilerplate reason code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "aeb"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "eval_boilerplate.py"


def run_flow(corpus: Path, output: Path) -> None:
    """One `newsflow run` in its own process, with a private Prefect home under `output`."""
    env = dict(os.environ, PREFECT_HOME=str(output / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    command = [sys.executable, "-m", "flows", "run", "--input", str(corpus), "--output", str(output / "out"), "--quiet"]
    subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def score(scorer: Path, paragraphs: Path, corpus: Path, keep_all: bool = False) -> str:
    """The scorer's report, as printed by it."""
    command = [sys.executable, str(scorer), str(paragraphs), str(corpus)] + (["--keep-all"] if keep_all else [])
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def reason_shares(paragraphs: Path) -> pl.DataFrame:
    """Paragraphs and their share of the total per boilerplate reason (null = kept)."""
    frame = pl.read_parquet(paragraphs / "**" / "*.parquet", hive_partitioning=True, columns=["boilerplate_reason"])
    return (
        frame.group_by("boilerplate_reason")
        .len("paragraphs")
        .with_columns(share=(pl.col("paragraphs") / frame.height).round(4))
        .sort("paragraphs", descending=True)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt files and index.jsonl")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="eval_boilerplate.py to score with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsflow-quality-") as tmp:
        output = Path(tmp)
        run_flow(args.corpus.resolve(), output)
        paragraphs = output / "out" / "paragraphs"
        print(f"corpus {args.corpus}")
        print("flow:     " + score(args.scorer, paragraphs, args.corpus).replace("\n", "\n          "))
        print("keep-all: " + score(args.scorer, paragraphs, args.corpus, keep_all=True).splitlines()[-1])
        with pl.Config(tbl_rows=50, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
            print(reason_shares(paragraphs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
