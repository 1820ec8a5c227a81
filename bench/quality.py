"""`make bench-quality`: run the real flow on every gold corpus and score its boilerplate flags.

For each corpus folder with gold article bodies in its index.jsonl (default: all of ../shared/corpus
and of bench/out/gold, where the bench/convert_*.py scripts write public gold sets),
prints the scorer's token precision / recall / F1 of the kept paragraphs for keeping every paragraph,
for newsflow, and for the per-paragraph oracle, side by side, on all pages and on the dev and test
halves of `bench.split` (grouped by site: tune on dev, report test); then the share of paragraphs
flagged per reason code. Folders whose pages carry `with` / `without` snippets instead of a body
(bench/convert_trafilatura.py) get the same rows in a second table, scored by `bench.snippets`.
Without ../shared (a fresh clone) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

from bench import snippets
from bench.gold_corpus import index_rows
from bench.split import SPLITS, write_split

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_SCORER = SHARED / "tools" / "eval_boilerplate.py"
DEFAULT_ORACLE = SHARED / "tools" / "oracle_boilerplate.py"
CONVERTED = ROOT / "bench" / "out" / "gold"
SCORE = re.compile(r"P(?:recision)?\s+([\d.]+)\s+R(?:ecall)?\s+([\d.]+)\s+F1\s+([\d.]+)", re.I)
EMPTY = re.compile(r"without any kept paragraph (\d+)")


def gold_corpora(root: Path, label: str = "gold") -> list[Path]:
    """The folders under `root` whose index.jsonl gives at least one page a `label` (gold body, or
    `with` snippets), by name."""
    return sorted(index.parent for index in root.glob("*/index.jsonl") if _has(index, label))


def _has(index: Path, label: str) -> bool:
    return any(row.get(label) for row in index_rows(index.parent))


def run_flow(corpus: Path, output: Path) -> None:
    """One `newsflow run` in its own process, with a private Prefect home under `output`."""
    env = dict(os.environ, PREFECT_HOME=str(output / ".prefect"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    command = [sys.executable, "-m", "flows", "run", "--input", str(corpus), "--output", str(output / "out"), "--quiet"]
    subprocess.run(command, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def _run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def score(scorer: Path, paragraphs: Path, corpus: Path, keep_all: bool = False) -> tuple[str, str]:
    """Precision / recall / F1 as printed by the scorer, and its count of pages with nothing kept."""
    out = _run([sys.executable, str(scorer), str(paragraphs), str(corpus)] + (["--keep-all"] if keep_all else []))
    return "/".join(SCORE.search(out).groups()), EMPTY.search(out).group(1)


def oracle(script: Path, corpus: Path) -> str:
    """The per-paragraph oracle's precision / recall / F1."""
    line = next(line for line in _run([sys.executable, str(script), str(corpus)]).splitlines() if "oracle" in line)
    return "/".join(SCORE.search(line).groups())


def reason_shares(paragraphs: Path) -> pl.DataFrame:
    """Paragraphs and their share of the total per boilerplate reason (null = kept)."""
    frame = pl.read_parquet(paragraphs / "**" / "*.parquet", hive_partitioning=True, columns=["boilerplate_reason"])
    return (
        frame.group_by("boilerplate_reason")
        .len("paragraphs")
        .with_columns(share=(pl.col("paragraphs") / frame.height).round(4))
        .sort("paragraphs", descending=True)
    )


def _row(args: argparse.Namespace, name: str, part: str, corpus: Path, paragraphs: Path) -> str:
    """One table row: keep-all, newsflow and oracle scores of one corpus folder (or split of it)."""
    flow, empty = score(args.scorer, paragraphs, corpus)
    keep_all, _ = score(args.scorer, paragraphs, corpus, keep_all=True)
    best = oracle(args.oracle, corpus) if args.oracle.is_file() else "-"
    return f"| {name} | {part} | {keep_all} | {flow} | {empty} | {best} |"


def _snippet_row(name: str, part: str, corpus: Path, pages: dict[str, list[tuple[str, bool]]]) -> str:
    """One table row of a snippet corpus: snippets kept by keeping all, by newsflow and by the oracle,
    on `pages` (`snippets.flow_paragraphs` of the flow's output)."""
    labels = snippets.labelled_pages(corpus)
    keep_all, flow, best = (
        snippets.count(labels, pages, keep) for keep in (snippets.KEEP_ALL, snippets.NEWSFLOW, snippets.ORACLE)
    )
    counted = flow.kept_with + flow.lost_with, flow.kept_without + flow.flagged_without
    return f"| {name} | {part} | {len(labels)} | {counted[0]} / {counted[1]} | {keep_all.scores()} | {flow.scores()} | {best.scores()} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="folder of .txt files and index.jsonl (repeat)")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="eval_boilerplate.py to score with")
    parser.add_argument("--oracle", type=Path, default=DEFAULT_ORACLE, help="oracle_boilerplate.py")
    args = parser.parse_args(argv)
    roots = [root for root in (SHARED / "corpus", CONVERTED) if root.is_dir()]
    corpora = args.corpus or sorted(
        {c for root in roots for label in ("gold", "with") for c in gold_corpora(root, label)}
    )
    if not corpora or not args.scorer.is_file():
        print(f"skipped: no gold corpus or scorer under {SHARED} (bench-quality needs ../shared)")
        return 0
    rows, snippet_rows, shares = [], [], {}
    for corpus in corpora:
        index = corpus / "index.jsonl"
        with tempfile.TemporaryDirectory(prefix="newsflow-quality-") as tmp:
            run_flow(corpus.resolve(), Path(tmp))
            paragraphs = Path(tmp) / "out" / "paragraphs"
            parts = {"all": corpus} | {s: write_split(corpus, s, Path(tmp) / s) for s in SPLITS}
            if _has(index, "gold"):
                rows += [_row(args, corpus.name, part, folder, paragraphs) for part, folder in parts.items()]
            if _has(index, "with"):
                pages = snippets.flow_paragraphs(paragraphs)
                snippet_rows += [_snippet_row(corpus.name, part, folder, pages) for part, folder in parts.items()]
            shares[corpus.name] = reason_shares(paragraphs)
    print("P/R/F1 = token precision / recall / F1 of the kept paragraphs, mean over articles\n")
    print("| set | pages | keep every paragraph | newsflow | pages with nothing kept | oracle per paragraph |")
    print("|---|---|---|---|---:|---|")
    print("\n".join(rows))
    if snippet_rows:
        print("\nSnippet sets: P/R/F1 over every labelled snippet a paragraph holds (bench/snippets.py)\n")
        print(
            "| set | part | pages | with / without snippets | keep every paragraph | newsflow | oracle per paragraph |"
        )
        print("|---|---|---:|---|---|---|---|")
        print("\n".join(snippet_rows))
    with pl.Config(tbl_rows=50, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
        for name, table in shares.items():
            print(f"\nreasons on {name}:\n{table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
