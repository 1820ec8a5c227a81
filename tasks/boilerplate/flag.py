"""Flag site furniture (boilerplate) among cleaned paragraphs, vectorised with Polars.

Signals: multilingual furniture patterns, link density, short unpunctuated fragments at
the edges of an article, the caption above a photo credit, and corpus repetition (the same
normalised text in many articles, CCNet style). The first rule of `rules.RULES` that holds
gives the reason code.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.gallery import with_gallery_gaps
from tasks.boilerplate.marked import marked
from tasks.boilerplate.nested import with_copies
from tasks.boilerplate.page import page_has
from tasks.boilerplate.patterns import furniture_codes, short_lower
from tasks.boilerplate.rules import (
    DEFAULT_EDGE_REPEAT_THRESHOLD,
    DEFAULT_REPEAT_THRESHOLD,
    FRAGMENT_MAX_CHARS,
    LISTING_MIN_ITEMS,
    REASONS,
    RULES,
    SITUATIONAL,
    Column,
    Rule,
    Signals,
    repeated,
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
    (`teaser.with_teasers`), as a comment thread below it (`thread.with_comment_thread`), as its
    comment section below the section's rules, or as off its topic (`topic.with_off_topic`). The
    rules that judge a paragraph by its place stand down on an article they would leave without
    text that has a body, prose or a listing (`_rescued`). Last, against the reasons so far, the
    copies of a kept enclosing paragraph (`nested.with_copies`).
    """
    s = Signals(repeat_threshold, edge_repeat_threshold)
    by_paragraph = _reason(s, [rule for rule in RULES if rule.stage == "paragraph"])
    frame = with_signals(_numbered_pages(paragraphs), edge_repeat_threshold).with_columns(
        boilerplate_reason=by_paragraph
    )
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
        .with_columns(is_boilerplate=pl.col("boilerplate_reason").is_not_null(), source_file=paragraphs["source_file"])
        .drop(set(frame.columns) - set(paragraphs.columns) - {"boilerplate_reason"})
    )


def _numbered_pages(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """`paragraphs` with each article's `source_file` replaced by its number among them while the rules
    run: their windows, joins and look-ups by article then hash and compare small integers instead of
    paths (the flag about 5% cheaper on BBC's and Dragnet's pages: best of 7, alternating, 7.30 -> 6.91
    and 13.11 -> 12.53 µs a paragraph); `flag_boilerplate` puts the names back."""
    return paragraphs.with_columns(pl.col("source_file").rank("dense"))


def _reason(s: Signals, rules: list[Rule]) -> pl.Expr:
    """The code of the first of `rules` that holds (null if none, and always on the lead)."""
    reason = pl.when(pl.col("is_lead")).then(pl.lit(None, dtype=pl.String))
    for rule in rules:
        reason = reason.when(rule.holds(s)).then(pl.lit(rule.code))
    return reason


def with_signals(paragraphs: pl.DataFrame, edge_repeat_threshold: int) -> pl.DataFrame:
    """Paragraphs with the temporary columns the rules read (`Signals`), stage by stage; the short
    ones' text lower-cased once (`_lower`) for the furniture patterns and the end markers, and the
    paragraphs the markup names furniture (`_marked`, marked.py)."""
    frame = with_copies(paragraphs).with_columns(_lower=short_lower(pl.col("text"), pl.col("n_chars")))
    frame = frame.with_columns(_furniture=furniture_codes(frame), _marked=marked(frame))
    for stage in stages(edge_repeat_threshold):
        frame = frame.with_columns(**{name: _evaluated(column, frame) for name, column in stage.items()})
    return frame


def _evaluated(column: Column, frame: pl.DataFrame) -> pl.Expr | pl.Series:
    """A column of a stage as `with_columns` takes it: an expression, or a function's series on `frame`."""
    return column if isinstance(column, pl.Expr) else column(frame)


def _rescued(reason: pl.Expr, s: Signals) -> pl.Expr:
    """Reasons with the situational ones dropped on an article they would leave without any text.

    Edge, repetition and end-of-article rules judge a paragraph against the article's body; when
    they flag every visible paragraph of an article that has a body, there was no body to judge
    against, so none of them holds. A body is prose, or the items of a listing (`_listing`: a
    shop's products and their prices). An article with neither truly has no body and stays
    flagged: a video page's "Joins BBC News", "03/10/2025", "Breakfast", or a stub whose only long
    text is a promo other articles repeat. Reasons that say what a text is (a furniture pattern,
    a form field, a word list, a line the markup names furniture) are never dropped.
    """
    emptied = ~page_has(reason.is_null() & (s.n_chars > 0))
    has_body = page_has(s.prose) | _listing(reason, s)
    return pl.when(emptied & has_body & reason.is_in(SITUATIONAL)).then(pl.lit(None, dtype=pl.String)).otherwise(reason)


def _listing(reason: pl.Expr, s: Signals) -> pl.Expr:
    """Whether an article is a listing: `LISTING_MIN_ITEMS` or more items, each a single link at
    least `FRAGMENT_MAX_CHARS` wide (an ideograph counting three) that nothing but its shape
    (`link_dense`) flags, and that `repeated` would not flag (a product's or a story's name).

    Each condition keeps a kind of furniture out, on pages of the gold sets whose body is not in
    their `<p>`s: a menu, breadcrumb or tag line holds several links in one paragraph; a shorter
    single link is a menu entry ("Archives", "More >>", "Add a Comment"); a list other articles
    repeat is a sidebar (a blog's recommended books); and one such line alone is a footer credit
    ("Site Development by ...", "Create a free website or blog at WordPress.com.").
    """
    item = (reason == "link_dense") & (s.n_links == 1) & (s.width >= FRAGMENT_MAX_CHARS) & ~repeated(s)
    return item.sum().over("source_file") >= LISTING_MIN_ITEMS
