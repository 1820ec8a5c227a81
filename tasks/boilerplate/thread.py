"""Reader comment threads: comment headers that recur below the article's core.

Below an article, a comment thread shows in paragraph lists as short runs of text between the lines
the byline patterns flag (its headers: "Posted by Ann at 10:32 pm", "Mike Smith on March 3, 2012 at
10:32 am"), or that the markup names (`marked_furniture`: "Chris Nahr 07.15.12 at 11:59" in
`<span class="comment_author">` and `<span class="comment_time">`), or under each comment's reply
link ("Reply", "[Reply]", "Antworten", "Répondre": `REPLY_LINE`). Headers the byline patterns do not
know are found by their shape (`shape_headers`): short dated lines below the core ("Anton 07.08.12
at 01:31", "Rate This: 1 0") that recur with the same shape, each over a comment. Below the core
(topic.py's segment with the most prose), two or more headers with at most `MAX_KEPT_PER_HEADER`
kept paragraphs each make a thread, and what is kept below its first header is comments.
Language-free beyond the byline patterns, the class words and the reply words: only flags, those
lines, shapes and counts are read. The bylines of a multi-author article's sections stand further
apart, with several paragraphs each (a BBC page of correspondents' pieces: 7 to 11). A live page
whose posts were three paragraphs or fewer under byline-like headers would read as a thread; no page
of the gold sets or of BBC's has that shape.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page
from tasks.boilerplate.subset import judged

# The reason codes that mark a comment's header line: a byline pattern, or markup that names it
# (`marked_furniture`: the commenter's name and time in elements classed "comment_author", "comment_time").
HEADERS = ("byline", "marked_furniture")
# A reply link alone on a line (in `_lower`: short paragraphs lower-cased), in several languages.
REPLY_LINE = (
    r"^\W*(?:reply|responder|responda|antworten|répondre|rispondi|beantwoorden|odpowiedz|svara|svar|balas"
    r"|ответить|回复|回覆|返信|답글)\W*$"
)
MIN_HEADERS = 2  # one byline below the body is an author box or a section's writer, not a thread
MAX_KEPT_PER_HEADER = 3  # more kept paragraphs per header read as an article's sections or a live page's posts
# A header found by its shape is narrower than this (`_width`), and so is no comment below it.
SHAPE_MAX_CHARS = 60
SHAPE_MIN_REPEATS = 3  # lines of one shape below the core that make a thread's headers
# Two numbers apart: a date or a clock time ("07.08.12 at 01:31", "March 3, 2012", "22:15"), a rating
# ("Rate This: 1 0"). One number alone heads a live page's posts ("Bout 15") as well as comments.
DATED = r"[0-9][^0-9]+[0-9]"  # ASCII digits: a quarter of the cost of `\d` (all of Unicode's digits)
# The token classes of a line's shape: a run of capitalised words (a name: "Paul A. Rubin"), any other
# word, a number. What is left (punctuation) is kept, white space dropped.
NAME_RUN = r"\p{Lu}[\p{L}\p{M}'’]*(?:\s+\p{Lu}[\p{L}\p{M}'’]*\.?)*"
WORD = r"[\p{Ll}\p{Lo}\p{Lm}][\p{L}\p{M}'’]*"


def with_comment_thread(frame: pl.DataFrame, kept: pl.Expr) -> pl.DataFrame:
    """`frame` with `_comment_thread`: kept, below the core and below the first header of a thread.

    Reads the `_segment` and `_core` columns that `topic.with_off_topic` leaves, `_lower`, `_width`,
    and the reasons the paragraph rules gave (`boilerplate_reason`). Only pages with two header
    lines or `SHAPE_MIN_REPEATS` short dated lines anywhere are judged (few are: the windows over
    pages cost 0.3 µs a paragraph on all of them).
    """
    page = "source_file"
    reply = pl.col("_lower").str.contains(REPLY_LINE).fill_null(False)
    short = (pl.col("_width") < SHAPE_MAX_CHARS) & (pl.col("n_chars") > 0)
    rows = frame.with_columns(
        _header_line=pl.col("boilerplate_reason").is_in(HEADERS).fill_null(False) | reply,  # found once on every row
        _dated=short & pl.col("text").str.contains(DATED),  # cheaper on every row than on the short ones picked out
    )
    pages = (pl.col("_header_line").sum().over(page) >= MIN_HEADERS) | (
        pl.col("_dated").sum().over(page) >= SHAPE_MIN_REPEATS
    )
    return frame.with_columns(_comment_thread=judged(rows, pages, lambda subset: _thread(subset, kept)))


def _thread(frame: pl.DataFrame, kept: pl.Expr) -> pl.Series:
    """Per row of the judged pages: kept, below the core, under the first header of a thread."""
    page = "source_file"
    idx = pl.col("paragraph_index")
    below = (idx > pl.when(pl.col("_segment") == pl.col("_core")).then(idx).max().over(page)).fill_null(False)
    frame = frame.with_columns(_below=below)
    frame = frame.with_columns(_shaped=shape_headers(frame, kept))
    header = pl.col("_below") & (pl.col("_header_line") | pl.col("_shaped"))
    headers = header.sum().over(page)
    thread = (headers >= MIN_HEADERS) & ((pl.col("_below") & kept).sum().over(page) <= MAX_KEPT_PER_HEADER * headers)
    after_header = along_page(header.cum_sum()) >= 1
    return frame.select(kept & thread & after_header & ~pl.col("is_lead")).to_series()


def shape_headers(frame: pl.DataFrame, kept: pl.Expr) -> pl.Series:
    """Whether each row of `frame` is a comment header known by its shape alone.

    A candidate is a short dated line below the core (`_dated`, `_below`). Its shape is its
    sequence of token classes (`line_shape`): "Anton 07.08.12 at 01:31" and "Paul A. Rubin 07.08.12
    at 13:51" are both `A9.9.9a9:9`. A header stands alone, between lines of other shapes: a run of
    dated lines one under the other is a list (a schedule, an archive's dates, a price list). The
    next kept paragraph below it is no shorter than `SHAPE_MAX_CHARS` (the comment; a festival's
    running order has more short lines there). `SHAPE_MIN_REPEATS` such lines of one shape on the
    page are headers.
    """
    shape = pl.col("_shape")
    alone = along_page(shape.shift(1)).ne_missing(shape) & along_page(shape.shift(-1)).ne_missing(shape)
    # shaped on those rows alone: a regex over every row of the judged pages costs 0.2 µs a BBC paragraph
    candidates = judged(frame, pl.col("_dated") & pl.col("_below"), line_shape(pl.col("text")), otherwise=None)
    next_kept = along_page(pl.when(kept).then(pl.col("_width")).shift(-1).backward_fill())
    return (
        frame.with_columns(_shape=candidates)
        .with_columns(_shape=pl.when(alone).then(shape))
        .select(
            _shaped=(
                shape.is_not_null()
                & (pl.len().over("source_file", "_shape") >= SHAPE_MIN_REPEATS)
                & (next_kept >= SHAPE_MAX_CHARS)
            ).fill_null(False)
        )
        .to_series()
    )


def line_shape(text: pl.Expr) -> pl.Expr:
    """A line's shape: each run of capitalised words `A`, each other word `a`, each number `9`,
    punctuation kept and white space dropped ("Mike Smith on 07.27.12 at 10:22" -> `Aa9.9.9a9:9`)."""
    classes = text.str.replace_all(NAME_RUN, "A").str.replace_all(WORD, "a").str.replace_all(r"\d+", "9")
    return classes.str.replace_all(r"\s+", "")
