"""Repeat counts from the pair state's sorted runs equal a whole run's, through deltas, tombstones and repair."""

from __future__ import annotations

import polars as pl

from tasks.commit.manifest import load_manifest
from tasks.commit.repair import repair_output
from tasks.storage.store import Store

WORDS = "apples bridges clocks dunes engines forests glaciers harbours".split()
SHARED = [f"Shared paragraph about {word}, told again." for word in WORDS]  # digits would normalise alike
EDITED = "A paragraph the edited story and a later one share."
COLUMNS = ["article_id", "paragraph_index", "repeat_count", "first_article_id"]


def write(source, number: int, body: list[str] | None = None) -> None:
    """Article n holds the shared texts n % 8 and (n * 3) % 8 and one text of its own, unless given a body."""
    own = f"Story {WORDS[number % 8]} {WORDS[number // 8 % 8]} {WORDS[number // 64]} begins."
    body = body or [own, SHARED[number % 8], SHARED[number * 3 % 8]]
    (source / f"{number:03d}_{number:016x}.txt").write_text(repr(body))


def rows_of(output, article: int) -> list[tuple]:
    paragraphs = pl.scan_parquet(f"{output}/paragraphs/**/*.parquet").collect()
    found = paragraphs.filter(pl.col("article_id") == f"{article:016x}").select(COLUMNS)
    return found.sort("paragraph_index").rows()


def first_24(tmp_path, run_flow):
    """Input and output folders after a first run over articles 0 to 23: the base of the pair state."""
    source, output = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for number in range(24):
        write(source, number)
    run_flow(source, output)
    return source, output


def counts_like_a_whole_run(run_flow, source, output, whole, article: int) -> list[tuple]:
    """An article's counted rows in `output`, after checking a single run over `source` counts the same."""
    run_flow(source, whole)
    assert rows_of(output, article) == rows_of(whole, article)
    return rows_of(output, article)


def deltas(output) -> list[tuple[int, dict]]:
    state = load_manifest(Store(str(output))).state
    return [(run.pairs, run.dropped) for run in state.text_deltas]


def test_small_runs_add_deltas_and_count_like_a_whole_run(tmp_path, run_flow):
    source, output = first_24(tmp_path, run_flow)
    assert (len(load_manifest(Store(str(output))).state.texts), deltas(output)) == (1, [])
    for number in range(24, 28):
        write(source, number)
    run_flow(source, output)
    assert deltas(output) == [(11, {})]  # 24 holds its own text and the shared text 0 once (24 % 8 == 72 % 8)
    write(source, 2, [SHARED[1], EDITED])  # article 2 drops its own text and the shared texts 2 and 6
    run_flow(source, output)
    assert deltas(output) == [(11, {}), (2, {f"{2:016x}": 3})]  # 11 > 4 * 2: the base and the delta are looked up
    # SHARED[1] is in articles 1, 9, 17, 25 (n % 8) and 3, 11, 19, 27 (3n % 8), and now in 2
    assert counts_like_a_whole_run(run_flow, source, output, tmp_path / "whole-3", 2) == [
        (f"{2:016x}", 0, 9, f"{1:016x}"),
        (f"{2:016x}", 1, 1, f"{2:016x}"),
    ]
    write(source, 28, [EDITED, SHARED[2], SHARED[6]])
    run_flow(source, output)
    assert deltas(output) == [(16, {f"{2:016x}": 3})]  # 2 <= 4 * 3, then 11 <= 4 * 5: both merged, the base kept
    # SHARED[2] is in 10, 18, 26 and 6, 14, 22, SHARED[6] in 6, 14, 22 and 10, 18, 26; no longer in 2
    assert counts_like_a_whole_run(run_flow, source, output, tmp_path / "whole-4", 28) == [
        (f"{28:016x}", 0, 2, f"{2:016x}"),
        (f"{28:016x}", 1, 7, f"{6:016x}"),
        (f"{28:016x}", 2, 7, f"{6:016x}"),
    ]
    assert repair_output(Store(str(output))).findings == []


def test_a_damaged_delta_is_rebuilt_and_later_runs_count_like_a_whole_run(tmp_path, run_flow):
    source, output = first_24(tmp_path, run_flow)
    write(source, 2, [SHARED[1], EDITED])
    run_flow(source, output)
    store = Store(str(output))
    (delta,) = load_manifest(store).state.text_deltas
    (output / delta.files[0]).write_bytes(b"not parquet")
    findings = repair_output(store).findings
    assert [f.problem for f in findings] == ["the repeat pairs (2 files) do not match the paragraphs: rebuilt"]
    write(source, 28, [EDITED, SHARED[2], SHARED[6]])
    summary = run_flow(source, output)
    whole = tmp_path / "whole"
    run_flow(source, whole)
    assert (summary["files_written"], summary["state_rebuilt"]) == (1, 0)
    assert rows_of(output, 28) == rows_of(whole, 28)
    assert repair_output(store).findings == []
