"""Run summaries: the counts that must add up, and where the time went."""

from __future__ import annotations

from collections import Counter


def run_summary(plan: dict, results: list[dict], repeats: list[dict]) -> dict:
    """Counts and stage seconds of a run; found = written + skipped + quarantined always holds."""
    kinds: Counter[str] = Counter()
    stage_seconds: Counter[str] = Counter({"plan": plan["seconds"], "repeats": sum(r["seconds"] for r in repeats)})
    for result in results:
        kinds.update(dict(result["quarantine_kinds"]))
        stage_seconds.update(result["seconds"])
    written = sum(r["n_articles"] for r in results)
    skipped = plan["skipped"]
    quarantined = sum(r["n_quarantined"] for r in results)
    if written + skipped + quarantined != plan["found"]:
        raise RuntimeError(
            f"accounting error: found {plan['found']} files but written {written} + skipped {skipped} "
            f"+ quarantined {quarantined} = {written + skipped + quarantined}"
        )
    return {
        "run_id": plan["run"].run_id,
        "files_found": plan["found"],
        "files_written": written,
        "files_skipped": skipped,
        "files_quarantined": quarantined,
        "files_replaced": len(plan["replaced"]),
        "paragraphs": sum(r["n_paragraphs"] for r in results),
        "read_retries": plan["read_retries"] + sum(r["read_retries"] for r in results),
        "task_retries": sum(r["task_retries"] for r in [plan, *repeats, *results]),
        "quarantine_kinds": dict(sorted(kinds.items())),
        "batches": len(results),
        "seconds": {stage: round(value, 3) for stage, value in stage_seconds.items()},
    }
