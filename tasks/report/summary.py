"""Run summaries: the counts that must add up, and where the time went."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from tasks.handoffs import EnrichedBatch, Plan, RepeatBucket, RunSummary
from tasks.stats import Stats


def run_summary(plan: Plan, results: list[EnrichedBatch], repeats: list[RepeatBucket], commit: Stats) -> RunSummary:
    """Counts and stage seconds of a run; found = written + skipped + quarantined always holds."""
    kinds: Counter[str] = Counter()
    for result in results:
        kinds.update(result.quarantine_kinds)
    written = sum(r.n_articles + r.n_older for r in results)
    quarantined = sum(r.n_quarantined for r in results)
    if written + plan.skipped + quarantined != plan.found:
        raise RuntimeError(
            f"accounting error: found {plan.found} files but written {written} + skipped {plan.skipped} "
            f"+ quarantined {quarantined} = {written + plan.skipped + quarantined}"
        )
    # The zero keeps "repeats" in the seconds when no bucket ran (nothing new to count).
    zero_repeats = Stats(Counter({"repeats": 0.0}))
    stats = Stats.merged([plan.stats, zero_repeats, *(r.stats for r in repeats), *(r.stats for r in results), commit])
    return RunSummary(
        run_id=plan.run.run_id,
        files_found=plan.found,
        files_written=written,
        files_skipped=plan.skipped,
        files_quarantined=quarantined,
        files_replaced=len(plan.replaced),
        older_versions=sum(r.n_older for r in results),
        versions_superseded=len(plan.superseded),
        paragraphs=sum(r.n_paragraphs for r in results),
        read_retries=stats.counts["read_retries"],
        task_retries=stats.counts["task_retries"],
        state_rebuilt=stats.counts["state_rebuilt"],
        quarantine_kinds=dict(sorted(kinds.items())),
        batches=len(results),
        seconds={stage: round(value, 3) for stage, value in stats.seconds.items()},
        version=plan.run.version,
    )


def with_seconds(summary: RunSummary, stage: str, seconds: float) -> RunSummary:
    """The summary with one more timed step (the commit, after its manifest holds the summary)."""
    return replace(summary, seconds={**summary.seconds, stage: round(seconds, 3)})


def with_total(summary: RunSummary, seconds: float) -> RunSummary:
    """The summary with the flow's whole time and its paragraphs per second."""
    total = with_seconds(summary, "total", seconds)
    return replace(total, paragraphs_per_second=round(summary.paragraphs / max(seconds, 1e-9)))
