"""Topic drift: a stretch of prose after the article's core that shares few of its content words.

The paragraphs the other rules keep fall into segments, split wherever they flagged something
(furniture, a link list, a byline). The segment holding the most prose is the core. A later segment
with prose is another story's teaser or an off-topic comment when its paragraphs share far fewer
content words with the core than the core's paragraphs share with each other. Language-free:
words are runs of four or more letters, and pairs of ideographs for Chinese and Japanese.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, page_has

# Lower-cased content words: pairs of Han or Katakana characters, else runs of 4+ letters (Hiragana
# and Thai, which have no word breaks the regex can see, give none: such paragraphs are never judged).
WORD = r"[\p{Han}\p{Katakana}]{2}|[^\W\d_\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]{4,}"
OFF_TOPIC_SHARE = 0.35  # a later segment sharing under this part of the core's own word overlap is off topic
CORE_MIN_SHARE = 0.3  # a core with less of the page's prose is one post of many (a live page): nothing is judged


def with_off_topic(frame: pl.DataFrame, kept: pl.Expr, prose: pl.Expr) -> pl.DataFrame:
    """`frame` with `_off_topic`: kept by the other rules, but in an off-topic segment after the core."""
    for stage in _segments(kept, prose):
        frame = frame.with_columns(**stage)
    segment, core = pl.col("_segment"), pl.col("_core")
    later = (segment > core) & (pl.col("_segment_chars") > 0)  # a later segment is judged when it holds prose
    compared = pl.col("_page_judged") & (((segment == core) & prose) | later)
    return frame.with_columns(_off_topic=pl.lit(segment_drift(frame, compared)) & ~pl.col("is_lead"))


def _segments(kept: pl.Expr, prose: pl.Expr) -> list[dict[str, pl.Expr]]:
    """Stages of temporary columns: each kept paragraph's segment, the page's core segment (most
    prose characters, the first on a tie), whether the core holds under `CORE_MIN_SHARE` of the
    page's prose (gallery.py reads it too), and whether the page has anything to judge."""
    segment, chars, best, core = (pl.col(c) for c in ("_segment", "_segment_chars", "_best", "_core"))
    prose_chars = pl.when(prose).then(pl.col("n_chars")).otherwise(0)
    # shifted inside the count's page window: one window, not two (0.08 µs a BBC paragraph less)
    starts = kept & ~kept.shift(1).fill_null(False)
    return [
        {"_segment": pl.when(kept).then(along_page(starts.cum_sum()))},
        {"_segment_chars": pl.when(kept).then(prose_chars.sum().over("source_file", "_segment"))},
        {"_best": chars.max().over("source_file")},
        {"_core": pl.when((chars == best) & (best > 0)).then(segment).min().over("source_file")},
        {"_core_minor": best < CORE_MIN_SHARE * prose_chars.sum().over("source_file")},
        {"_page_judged": page_has(kept & prose & (segment > core)) & ~pl.col("_core_minor")},
    ]


def segment_drift(frame: pl.DataFrame, compared: pl.Expr, share: float = OFF_TOPIC_SHARE) -> pl.Series:
    """Per row of `frame`, whether its later segment's paragraphs have a mean word overlap with the core
    under `share` of the reference, judged on the rows where `compared` holds: the core's paragraphs and
    those of the later segments to judge (columns source_file, text, _segment, _core). False elsewhere.

    A paragraph's overlap is the share of its distinct words found in a core paragraph (other than
    itself); the reference is the median overlap of the core's paragraphs.
    """
    in_core = (pl.col("_segment") == pl.col("_core")).cast(pl.Int32)
    words = (
        frame.filter(compared)
        .with_row_index("_row")
        .select(
            "_row",
            "source_file",
            "_segment",
            _in_core=in_core,
            _word=pl.col("text").str.to_lowercase().str.extract_all(WORD).list.unique(),
        )
        .explode("_word")
        .drop_nulls("_word")
    )
    shared = pl.col("_in_core").sum().over("source_file", "_word") > pl.col("_in_core")
    overlap = (
        words.with_columns(_shared=shared)
        .group_by("_row")  # a row has one page, segment and core flag: one key, not four (0.08 µs a BBC paragraph)
        .agg(pl.col("source_file", "_segment", "_in_core").first(), _overlap=pl.col("_shared").mean())
    )
    drift = (
        overlap.with_columns(
            _reference=pl.when(pl.col("_in_core") == 1).then(pl.col("_overlap")).median().over("source_file")
        )
        .filter(pl.col("_in_core") == 0)
        .group_by("source_file", "_segment")
        .agg(_drift=pl.col("_overlap").mean() < share * pl.col("_reference").first())
    )
    per_row = frame.join(drift, on=["source_file", "_segment"], how="left", maintain_order="left")
    return per_row.get_column("_drift").fill_null(False)
