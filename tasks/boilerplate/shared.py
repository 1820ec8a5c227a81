"""A story told in more than one file: repeated sentences that are the article, not a site's furniture.

`repeated` flags a text that several articles hold outside their unique body. That is right for a
site's teasers and footers, and wrong for a story several files tell: a wire story two sites carry,
a page saved twice under two names, an article whose later version adds a paragraph. Where every
paragraph of the story is repeated, the article has no unique body and all of it was flagged;
where only its opening or a new comment is unique, the rest of the story stood "outside" it.

Such a story is a run of consecutive repeated sentences (punctuated, link-light text that no
furniture pattern names) holding `MIN_RUN` or more prose paragraphs that is either all of the
page's prose, or next to its unique body and at least as long as that body (in prose characters):
then the run is the story and the unique part what one copy adds. Furniture also comes as runs of
prose beside the story (a paper's appeal for readers' support, a shop's legal notice), but shorter
than the story it stands beside.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, neighbour
from tasks.boilerplate.subset import judged

MIN_RUN = 3  # prose paragraphs in the run: a story, not one reused line or a pair of promos


def shared_story(frame: pl.DataFrame) -> pl.Series:
    """Per row of `frame`, whether it is in a run of repeated text that is a shared story (see the
    module). Reads `_repeated_text`, `_prose`, `_furniture`, `is_lead` and `n_chars`, and judges
    only the pages with `MIN_RUN` repeated prose paragraphs (96 of BBC's 1,701)."""
    repeated_prose = pl.col("_repeated_text") & pl.col("_prose")
    pages = frame.lazy().filter(repeated_prose).group_by("source_file").len().filter(pl.col("len") >= MIN_RUN)
    candidates = pages.select("source_file").collect().to_series()
    return judged(frame, pl.col("source_file").is_in(candidates.implode()), _in_story_runs)


def unique_prose() -> pl.Expr:
    """Prose that no other article holds and no furniture pattern names: the unique body, which
    rules.py's `_body` extends with the shared story."""
    return pl.col("_prose") & pl.col("_furniture").is_null() & ~pl.col("_repeated_text")


def _in_story_runs(pages: pl.DataFrame) -> pl.Series:
    """`shared_story` on whole pages: their runs of repeated text numbered, each run's paragraphs
    that have the unique body or the lead above or below them marked, then each run judged."""
    repeated, prose = pl.col("_repeated_text"), pl.col("_prose")
    unique = unique_prose()
    body = unique | pl.col("is_lead")
    pages = pages.with_columns(
        _run=along_page(repeated.rle_id()),
        _beside=repeated & (neighbour(body, 1) | neighbour(body, -1)),
    )
    run = ("source_file", "_run")
    chars = pl.when(prose).then(pl.col("n_chars")).otherwise(0)
    run_prose = (repeated & prose).sum().over(*run)
    run_chars = pl.when(repeated).then(chars).otherwise(0).sum().over(*run)
    whole = run_prose == prose.sum().over("source_file")
    beside = pl.col("_beside").any().over(*run) & (
        run_chars >= pl.when(unique).then(chars).otherwise(0).sum().over("source_file")
    )
    return pages.select(repeated & (run_prose >= MIN_RUN) & (whole | beside)).to_series()
