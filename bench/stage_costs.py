"""Cost of each stage and enrichment in µs per paragraph, on one core, without Prefect.

    python -m bench.stage_costs --corpus ../shared/corpus/bbc [--repeat 3]

Runs the pipeline's own pure functions on every file of the corpus in this process (Polars held to
one thread) and prints the best of `--repeat` timings for each step, in CPU seconds of this
process: on a shared machine wall time moves with other work (2x and more), CPU time far less.
The allocators are set as in the flow's processes (`flows.ALLOCATORS`): how soon freed memory goes
back to the OS changes what a step costs by up to a third.
"""

from __future__ import annotations

import argparse
import os

import flows  # noqa: F401  (before Polars and Arrow load: the allocator settings of the flow's processes)

os.environ["POLARS_MAX_THREADS"] = "1"  # before Polars is imported: one core, as reported

import io  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import replace  # noqa: E402
from datetime import UTC, datetime  # noqa: E402

import pyarrow.parquet as pq  # noqa: E402

from schemas import TABLES, conform  # noqa: E402
from tasks.clean.paragraphs import clean_paragraphs  # noqa: E402
from tasks.commit.staging import RunInfo, with_run_columns  # noqa: E402
from tasks.enrich.articles import article_rows  # noqa: E402
from tasks.enrich.paragraphs import analyse_text, enrich_paragraphs  # noqa: E402
from tasks.ingest.discover import discover  # noqa: E402
from tasks.ingest.read import ingest_files  # noqa: E402
from tasks.repeats.buckets import repeat_counts, repeats_of  # noqa: E402
from tasks.repeats.pairs import text_pairs  # noqa: E402
from tasks.settings import DEFAULT_BASE_URL, Enrichments, InputLimits, RepeatThresholds  # noqa: E402
from tasks.storage.store import PARQUET_OPTIONS, Store  # noqa: E402

ENRICHMENTS = ("language", "quotes", "numbers", "sentiment")


def best_of(repeat: int, step: Callable[[], object]) -> tuple[float, object]:
    """Fastest wall time of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.process_time()
        result = step()
        times.append(time.process_time() - started)
    return min(times), result


def measure(corpus: str, repeat: int) -> tuple[int, dict[str, float]]:
    """Seconds per step over the whole corpus, and its paragraph count."""
    source = Store(corpus)
    base = Enrichments(language=False, quotes=False, numbers=False, sentiment=False)
    files = discover(source)
    seconds: dict[str, float] = {}
    seconds["ingest (read + parse)"], batch = best_of(repeat, lambda: ingest_files(source, files, InputLimits()))
    seconds["clean"], cleaned = best_of(repeat, lambda: clean_paragraphs(batch.paragraphs, DEFAULT_BASE_URL))
    seconds["repeat counts"], repeats = best_of(
        repeat, lambda: repeats_of(pairs := text_pairs(cleaned, 0), repeat_counts(pairs.lazy()))
    )
    seconds["enrich: sentences + boilerplate"], paragraphs = best_of(
        repeat, lambda: enrich_paragraphs(cleaned, repeats, RepeatThresholds(), base)
    )
    for name in ENRICHMENTS:
        only = replace(base, **{name: True, "language": name in ("language", "sentiment")})
        spent, _ = best_of(repeat, lambda only=only: analyse_text(paragraphs, only))
        seconds[f"enrichment: {name}"] = spent - (seconds["enrichment: language"] if name == "sentiment" else 0)
    seconds["articles rollup"], articles = best_of(repeat, lambda: article_rows(paragraphs, batch.articles))
    run = RunInfo("bench", datetime.now(UTC), 1)
    table = conform(with_run_columns(paragraphs, run), TABLES["paragraphs"])
    seconds["write paragraphs (zstd Parquet)"], _ = best_of(
        repeat, lambda: pq.write_table(table, io.BytesIO(), **PARQUET_OPTIONS)
    )
    return batch.paragraphs.height, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpus/bbc")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paragraphs, seconds = measure(args.corpus, args.repeat)
    print(f"{paragraphs:,} paragraphs from {args.corpus}, one core, CPU time, best of {args.repeat}\n")
    print("| step | µs/paragraph |\n|---|---:|")
    for step, spent in seconds.items():
        print(f"| {step} | {spent / paragraphs * 1e6:.1f} |")


if __name__ == "__main__":
    main()
