"""Time the quotes step of this tree against an older commit's, interleaved in one process.

    git worktree add /tmp/quotes_old <commit>
    python -m bench.quotes_interleaved --old /tmp/quotes_old [--corpus DIR ...] [--paragraphs 200000]

The old tree's tasks/enrich is copied into a temporary package (its `tasks.enrich` imports pointed
at the copy), so both versions of `_article_quotes` (Polars hints, then find_quotes per article
with a quote mark) run in this process on the same cleaned rows of each corpus folder, cut to
whole articles after `--paragraphs`. Rounds alternate which version goes first, and a full garbage
collection precedes each run, so neither is charged for collecting the other's garbage. Prints
CPU µs per paragraph (best of the rounds) and whether the two outputs are equal.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from bench.enrich_differential import corpus_rows
from tasks.enrich import paragraphs as current

OLD_PACKAGE = "enrich_old"


def old_step(tree: str, folder: Path) -> Callable[[pl.DataFrame, list[str]], object]:
    """The old tree's `_article_quotes`, imported from a copy of its tasks/enrich under `folder`."""
    copy = folder / OLD_PACKAGE
    shutil.copytree(Path(tree) / "tasks" / "enrich", copy)
    for module in copy.glob("*.py"):
        module.write_text(module.read_text(encoding="utf-8").replace("tasks.enrich.", f"{OLD_PACKAGE}."), "utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module(f"{OLD_PACKAGE}.paragraphs")._article_quotes


def whole_articles(rows: pl.DataFrame, paragraphs: int) -> pl.DataFrame:
    """The rows of the first articles, up to the one that reaches `paragraphs` rows."""
    ends = rows["source_file"].rle().struct.field("len").cum_sum()
    articles = int((ends < paragraphs).sum()) + 1
    return rows.head(int(ends[min(articles, len(ends)) - 1]))


def interleaved(steps: dict[str, Callable], rows: pl.DataFrame, rounds: int) -> tuple[dict[str, float], bool]:
    """Best CPU seconds of each step over `rounds` alternating rounds, and whether their outputs agree."""
    texts = rows["text"].to_list()
    best = dict.fromkeys(steps, float("inf"))
    results: dict[str, object] = {}
    for round_ in range(rounds):
        for name in list(steps)[:: 1 if round_ % 2 == 0 else -1]:
            results.pop(name, None)
            gc.collect()
            started = time.process_time()
            results[name] = steps[name](rows, texts)
            best[name] = min(best[name], time.process_time() - started)
    first, *others = results.values()
    return best, all(other == first for other in others)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="a worktree of the commit to compare with")
    parser.add_argument("--corpus", nargs="*", default=["../shared/corpus/bbc"])
    parser.add_argument("--paragraphs", type=int, default=200_000, help="per corpus folder, cut to whole articles")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        steps = {"old": old_step(args.old, Path(folder)), "new": current._article_quotes}
        for corpus in args.corpus:
            rows = whole_articles(corpus_rows(corpus), args.paragraphs)
            best, same = interleaved(steps, rows, args.rounds)
            old, new = (best[name] / rows.height * 1e6 for name in ("old", "new"))
            print(
                f"{corpus}: {rows.height:,} paragraphs, best of {args.rounds} interleaved rounds, CPU µs/paragraph: "
                f"old {old:.2f}, new {new:.2f} ({(old - new) / old:.1%} less), outputs equal: {same}"
            )


if __name__ == "__main__":
    main()
