"""Lines judged by where they stand against the story: an author's biography, a self-introduction,
a long site notice or an address block is furniture at the story's top or foot, and news between
two of its paragraphs, where a sentence about a reporter, a writer's own life, cookies and privacy
or an address belongs to the article. The text tests pick the candidates; `outside_story` and
`below_story` place them against the unique body.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import first_index, last_index
from tasks.boilerplate.patterns import (
    AUTHOR_BIO,
    BIO_PRONOUN,
    CLOSED_SENTENCE,
    CONTACT_LOWER_SHARE,
    CONTACT_MAX_CHARS,
    CONTACT_MIN_TOKENS,
    CONTACT_TOKEN,
    FURNITURE,
    LONG_NOTICE_CODES,
    MAX_CHARS,
    NOTICE_KEYWORDS,
    NOTICE_MAX_CHARS,
    SELF_INTRO,
    fast,
)
from tasks.boilerplate.subset import Verdict, judged


def bio_text(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Whether a paragraph up to `AUTHOR_BIO`'s cap opens with a name and a role at a publication, the
    name not a pronoun (`BIO_PRONOUN`). Both regexes are anchored at the start and scan every row
    (0.15 µs a BBC paragraph): picking the rows under the cap or the matches first copies the text
    column, which cost 0.1 µs more."""
    return (n_chars <= AUTHOR_BIO.max_chars) & text.str.contains(AUTHOR_BIO.regex) & ~text.str.contains(BIO_PRONOUN)


def notice_text(text: pl.Expr, n_chars: pl.Expr) -> Verdict:
    """Whether a paragraph longer than every furniture cap, up to `NOTICE_MAX_CHARS`, matches a family
    of `LONG_NOTICE_CODES`, judged on those paragraphs alone (`subset.judged`; 0.4% of BBC's, 13% of
    the trafilatura pages'): 0.09 µs a BBC paragraph and 1.0 on the trafilatura pages, where the regex
    over the whole column, null elsewhere, cost 0.8 on BBC. The families' regexes scan only the texts
    holding one of their literals (`NOTICE_KEYWORDS`), one family at a time: joined, they overflow the
    regex engine's lazy DFA (0.45 µs a trafilatura paragraph on those texts, against 0.26)."""
    long = (n_chars > MAX_CHARS) & (n_chars <= NOTICE_MAX_CHARS)
    lower = text.str.to_lowercase()
    candidate = lower.str.contains(NOTICE_KEYWORDS)
    family = pl.any_horizontal(lower.str.contains(fast(FURNITURE[code].regex)) for code in LONG_NOTICE_CODES)
    return lambda frame: judged(frame, long, lambda rows: judged(rows, candidate, family))


def intro_text(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Whether a paragraph up to `SELF_INTRO`'s cap introduces its writer or publication."""
    return (n_chars <= SELF_INTRO.max_chars) & text.str.contains(SELF_INTRO.regex) & ~text.str.contains(BIO_PRONOUN)


def contact_text(text: pl.Expr, n_chars: pl.Expr) -> Verdict:
    """Whether a paragraph up to `CONTACT_MAX_CHARS` that ends no sentence is an address or
    contact block by its shape: `CONTACT_MIN_TOKENS` or more contact tokens (`CONTACT_TOKEN`),
    and of its other words at most `CONTACT_LOWER_SHARE` in lower case. The tokens are counted
    on the short unpunctuated paragraphs (0.08 µs a BBC paragraph; a digit or "@" looked for
    first cost 0.26), the words only on the few with enough tokens (`subset.judged`), with the
    tokens cut out once."""
    token = fast(CONTACT_TOKEN)
    unclosed = (n_chars <= CONTACT_MAX_CHARS) & ~text.str.contains(CLOSED_SENTENCE)
    blocks = (pl.when(unclosed).then(text).str.count_matches(token) >= CONTACT_MIN_TOKENS).fill_null(False)
    rest = pl.col("_rest")
    words, lower = (rest.str.count_matches(rf"(?:^|\s)[^\s\p{{L}}]*{first}") for first in (r"\p{L}", r"\p{Ll}"))

    def few_lower(rows: pl.DataFrame) -> pl.Series:
        """Whether few of the words left with the tokens cut out open in lower case, row by row."""
        cut = rows.select(_rest=text.str.replace_all(token, " "))
        return cut.select(lower <= CONTACT_LOWER_SHARE * words).to_series()

    return lambda frame: judged(frame, blocks, few_lower)


def outside_story(body: pl.Expr, line: pl.Expr, below_only: pl.Expr | None = None) -> pl.Expr:
    """Whether a `line` (an author's biography, a long notice) stands above or below every other body
    paragraph of its article (or the article has none): at the story's top or foot, where author boxes
    and site notices sit, not between two of its paragraphs, where a sentence about a reporter, or
    about cookies and privacy, is news. Measured against a share of the body below it instead (a
    quarter), it also took biographies over kept comments, and cost readability's gold, which keeps
    them, 0.0009 dev F1 for 2 trafilatura snippets.

    A `below_only` line (a self-introduction) counts only below the story of an article that has one:
    above it, or on a page without a story, it is the page's own subject (an "about me" page, a column
    opening "I'm a self-employed business owner ..."), which took 0.00024 of dragnet's dev F1 and 4
    kept trafilatura snippets."""
    idx = pl.col("paragraph_index")
    below_only = pl.lit(False) if below_only is None else below_only
    story = body & ~line & ~below_only
    below = idx > last_index(story)
    return (line & ((idx < first_index(story)) | below).fill_null(True)) | (below_only & below).fill_null(False)


def below_story(body: pl.Expr, line: pl.Expr) -> pl.Expr:
    """Whether a `line` (an address or contact block) stands below every other body paragraph of its
    article, or the article has none: a site's footer. Above the story the same shape is a press
    release's or a review's header, which the gold sets keep."""
    return line & (pl.col("paragraph_index") > last_index(body & ~line)).fill_null(True)
