"""Per-paragraph features for a model stacked on the boilerplate rules (bench/train_boilerplate.py).

Shallow text features of a paragraph and its neighbours (Kohlschuetter et al. 2010), its place
around the page's longest run of prose, how many paragraphs the rules flagged around it, and how
many of its long words the run shares. Language-free on purpose (lengths, link share,
punctuation, position, word overlap), so one set of weights could serve every language. Bench
only: no model over them beat the rules on held-out sites yet, so the flow does not use them.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.flag import flag_boilerplate, with_signals
from tasks.settings import RepeatThresholds

LONG_WORD = r"\w{5,}"  # words this long are mostly content words, in most languages


def _log(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.Float64).log1p()


def _neighbour(expr: pl.Expr, step: int) -> pl.Expr:
    """The value of `expr` on the paragraph `step` places away in the same page (0 past its ends)."""
    return expr.shift(step).over("source_file", order_by="paragraph_index").fill_null(0)


def with_features(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Paragraphs (the flow's columns) with the rules' reason `_rule` and every feature column."""
    thresholds = RepeatThresholds()
    reasons = flag_boilerplate(paragraphs, thresholds.anywhere, thresholds.edge)["boilerplate_reason"]
    frame = with_signals(paragraphs, thresholds.edge).with_columns(_rule=reasons)
    for stage in run_stages():
        frame = frame.with_columns(**stage)
    return with_overlap(frame).with_columns(**features())


def run_stages() -> list[dict[str, pl.Expr]]:
    """Temporary columns that locate each page's longest run of consecutive prose paragraphs, and
    count the paragraphs the rules flagged up to each one (`_flags`) and up to the run's ends."""
    prose, run, run_len, idx = pl.col("_prose"), pl.col("_run"), pl.col("_run_len"), pl.col("paragraph_index")
    start, end, flags = pl.col("_run_start"), pl.col("_run_end"), pl.col("_flags")
    page = {"order_by": "paragraph_index"}
    return [
        {
            "_run": (prose != prose.shift(1)).fill_null(True).cum_sum().over("source_file", **page),
            "_flags": pl.col("_rule").is_not_null().cum_sum().over("source_file", **page),
        },
        {"_run_len": pl.when(prose).then(pl.len().over("source_file", "_run")).otherwise(0)},
        {
            "_run_start": pl.when(prose & (run_len == run_len.max().over("source_file")))
            .then(idx)
            .min()
            .over("source_file")
        },
        {"_best_run": pl.when(idx == start).then(run).max().over("source_file")},
        {"_run_end": pl.when(run == pl.col("_best_run")).then(idx).max().over("source_file")},
        {
            "_flags_start": pl.when(idx == start).then(flags).max().over("source_file"),
            "_flags_end": pl.when(idx == end).then(flags).max().over("source_file"),
        },
    ]


def with_overlap(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `_overlap`: the share of a paragraph's distinct long words found in another paragraph of
    its page's longest prose run (a teaser for another story or an aside shares few of them)."""
    in_run = (
        pl.col("_prose")
        & (pl.col("paragraph_index") >= pl.col("_run_start"))
        & (pl.col("paragraph_index") <= pl.col("_run_end"))
    )
    words = (
        frame.with_row_index("_row")
        .select(
            "_row",
            "source_file",
            _in_run=in_run.fill_null(False),
            _word=pl.col("text").str.to_lowercase().str.extract_all(LONG_WORD).list.unique(),
        )
        .explode("_word")
        .drop_nulls("_word")
    )
    vocabulary = words.filter("_in_run").group_by("source_file", "_word").agg(_n=pl.len())
    shared = words.join(vocabulary, on=["source_file", "_word"], how="left").select(
        "_row", _shared=(pl.col("_n").fill_null(0) - pl.col("_in_run").cast(pl.UInt32)) > 0
    )
    share = shared.group_by("_row").agg(_overlap=pl.col("_shared").mean())
    overlap = pl.Series("_overlap", [0.0] * frame.height).scatter(share["_row"], share["_overlap"])
    return frame.with_columns(overlap)


def features() -> dict[str, pl.Expr]:
    """Feature name -> expression over the rules' signal columns, `_rule` and the run columns."""
    idx, start, end, flags = pl.col("paragraph_index"), pl.col("_run_start"), pl.col("_run_end"), pl.col("_flags")
    link_share, prose = pl.col("_link_share"), pl.col("_prose").cast(pl.Float64)
    flagged = pl.col("_rule").is_not_null().cast(pl.Float64)
    outside = pl.when(idx < start).then(start - idx).when(idx > end).then(idx - end).otherwise(0)
    between = (
        pl.when(idx < start).then(pl.col("_flags_start") - flags).when(idx > end).then(flags - pl.col("_flags_end"))
    )
    shallow = {
        "words": _log(pl.col("n_words")),
        "sentences": _log(pl.col("n_sentences").fill_null(0)),
        "link_share": link_share,
        "unpunctuated": pl.col("_unpunctuated").cast(pl.Float64),
        "prose": prose,
        "repeats": _log(pl.col("repeat_count").fill_null(1)),
        "at_edge": pl.col("_at_edge").cast(pl.Float64),
        "after_end": pl.col("_after_end").fill_null(False).cast(pl.Float64),
        "before_run": (idx < start).fill_null(False).cast(pl.Float64),
        "after_run": (idx > end).fill_null(False).cast(pl.Float64),
        "run_distance": _log(outside.fill_null(0)),
        "flagged_between": _log(between.fill_null(0)),
        "position": idx / pl.len().over("source_file"),
        "overlap": pl.col("_overlap"),
    }
    around = {
        f"{side}_{name}": _neighbour(expr, step)
        for side, step in (("prev", 1), ("next", -1))
        for name, expr in (("link_share", link_share), ("prose", prose), ("flagged", flagged))
    }
    return shallow | around
