"""A story told in more than one file: repeated sentences that are the article, not a site's furniture.

`repeated` flags a text that several articles hold outside their unique body. That is right for a
site's teasers and footers, and wrong for a story several files tell in full: a wire story two
sites carry, a page saved twice under two names. There every paragraph of the story is repeated,
so the article had no unique body and all of it was flagged.

Such a story is a run of consecutive repeated sentences (punctuated, link-light text that no
furniture pattern names) holding `MIN_RUN` or more prose paragraphs and all of the page's prose.
Runs beside a unique body are left to `repeated`: a paper's appeal for readers' support or a shop's
legal notice below the story reads like prose too, and word overlap with the story does not tell
them from the background paragraphs a follow-up story reuses (docs/benchmarks.md).
"""

from __future__ import annotations

import polars as pl

MIN_RUN = 3  # prose paragraphs in the run: a story, not one reused line or a pair of promos


def shared_story(repeated_text: pl.Expr, run: pl.Expr, prose: pl.Expr) -> pl.Expr:
    """Whether a paragraph is in a run of `repeated_text` (numbered per page by `run`) that holds
    `MIN_RUN` or more `prose` paragraphs and every prose paragraph of its page."""
    run_prose = (repeated_text & prose).sum().over("source_file", run)
    return repeated_text & (run_prose >= MIN_RUN) & (run_prose == prose.sum().over("source_file"))
