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

MIN_RUN = 3  # prose paragraphs in the run: a story, not one reused line or a pair of promos


def shared_story(repeated_text: pl.Expr, prose: pl.Expr, unique_prose: pl.Expr) -> pl.Expr:
    """Whether a paragraph is in a run of `repeated_text` that is a shared story (see the module).

    Reads the page's runs of repeated text, numbered (`_repeated_run`), and whether a paragraph of
    one has the unique body or the lead above or below it (`_beside_body`): both columns, as a
    window over a window is not allowed.
    """
    run = ("source_file", "_repeated_run")
    chars = pl.when(prose).then(pl.col("n_chars")).otherwise(0)
    run_prose = (repeated_text & prose).sum().over(*run)
    run_chars = pl.when(repeated_text).then(chars).otherwise(0).sum().over(*run)
    whole = run_prose == prose.sum().over("source_file")
    unique_chars = pl.when(unique_prose).then(chars).otherwise(0).sum().over("source_file")
    beside = pl.col("_beside_body").any().over(*run) & (run_chars >= unique_chars)
    return repeated_text & (run_prose >= MIN_RUN) & (whole | beside)
