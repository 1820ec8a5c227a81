"""Flag site furniture (boilerplate) among cleaned paragraphs, vectorised with Polars.

Signals: multilingual furniture patterns, link density, short unpunctuated fragments at
the edges of an article, the caption above a photo credit, and corpus repetition (the same
normalised text in many articles, CCNet style). The first rule of `rules.RULES` that holds
gives the reason code.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.gallery import with_gallery_gaps
from tasks.boilerplate.nested import with_copies
from tasks.boilerplate.patterns import furniture_codes, short_lower
from tasks.boilerplate.rules import (
    DEFAULT_EDGE_REPEAT_THRESHOLD,
    DEFAULT_REPEAT_THRESHOLD,
    REASONS,
    RULES,
    SITUATIONAL,
    Rule,
    Signals,
    stages,
)
from tasks.boilerplate.teaser import with_teasers
from tasks.boilerplate.thread import with_comment_thread
from tasks.boilerplate.topic import with_off_topic

__all__ = ["REASONS", "flag_boilerplate", "with_signals"]


def flag_boilerplate(
    paragraphs: pl.DataFrame,
    repeat_threshold: int = DEFAULT_REPEAT_THRESHOLD,
    edge_repeat_threshold: int = DEFAULT_EDGE_REPEAT_THRESHOLD,
) -> pl.DataFrame:
    """Add is_boilerplate (never null) and boilerplate_reason (null when kept) to paragraphs.

    Text repeated across articles is flagged anywhere from `repeat_threshold` articles, but
    already from `edge_repeat_threshold` outside the article's unique body: reused background
    paragraphs inside a story stay, repeated teasers and footers around it go. Everything after
    an end-of-article marker that follows the body is flagged too. Then the segments those rules
    leave between their flags are judged against the page's core: as a photo gallery's captions
    after it (`gallery.with_gallery_gaps`), as teasers of other stories after it
    (`teaser.with_teasers`), as a comment thread below it (`thread.with_comment_thread`), or as
    off its topic (`topic.with_off_topic`). Last, against
    the reasons so far, the copies of a kept enclosing paragraph (`nested.with_copies`).
    """
    s = Signals(repeat_threshold, edge_repeat_threshold)
    by_paragraph = _reason(s, [rule for rule in RULES if rule.stage == "paragraph"])
    frame = with_signals(paragraphs, edge_repeat_threshold).with_columns(boilerplate_reason=by_paragraph)
    kept = pl.col("boilerplate_reason").is_null() & pl.col("_outer_row").is_null()  # a copy counts text twice
    frame = with_comment_thread(with_off_topic(frame, kept=kept, prose=s.prose), kept)
    frame = with_teasers(with_gallery_gaps(frame, s.prose))
    by_segment = _reason(s, [rule for rule in RULES if rule.stage == "segment"])
    return (
        frame.with_columns(boilerplate_reason=pl.coalesce("boilerplate_reason", by_segment))
        .with_columns(boilerplate_reason=_rescued(pl.col("boilerplate_reason"), s))
        .with_columns(
            boilerplate_reason=pl.coalesce(
                "boilerplate_reason", _reason(s, [rule for rule in RULES if rule.stage == "final"])
            )
        )
        .with_columns(is_boilerplate=pl.col("boilerplate_reason").is_not_null())
        .drop(set(frame.columns) - set(paragraphs.columns) - {"boilerplate_reason"})
    )


def _reason(s: Signals, rules: list[Rule]) -> pl.Expr:
    """The code of the first of `rules` that holds (null if none, and always on the lead)."""
    reason = pl.when(pl.col("is_lead")).then(pl.lit(None, dtype=pl.String))
    for rule in rules:
        reason = reason.when(rule.holds(s)).then(pl.lit(rule.code))
    return reason


def with_signals(paragraphs: pl.DataFrame, edge_repeat_threshold: int) -> pl.DataFrame:
    """Paragraphs with the temporary columns the rules read (`Signals`), stage by stage; the short
    ones' text lower-cased once (`_lower`) for the furniture patterns and the end markers."""
    frame = with_copies(paragraphs).with_columns(_lower=short_lower(pl.col("text"), pl.col("n_chars")))
    frame = frame.with_columns(_furniture=furniture_codes(frame))
    for stage in stages(edge_repeat_threshold):
        frame = frame.with_columns(**stage)
    return frame


def _rescued(reason: pl.Expr, s: Signals) -> pl.Expr:
    """Reasons with the situational ones dropped on an article they would leave without any text.

    Edge, repetition and end-of-article rules judge a paragraph against the article's body; when
    they flag every visible paragraph of an article that holds prose, there was no body to judge
    against, so none of them holds. An article without prose (a video page) stays flagged.
    """
    emptied = ~(reason.is_null() & (s.n_chars > 0)).any().over("source_file") & s.prose.any().over("source_file")
    return pl.when(emptied & reason.is_in(SITUATIONAL)).then(pl.lit(None, dtype=pl.String)).otherwise(reason)
