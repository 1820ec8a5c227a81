"""Reader comment threads: comment headers that recur below the article's core or after the article.

Below an article, a comment thread shows in paragraph lists as short runs of text between the lines
the byline patterns flag (its headers: "Posted by Ann at 10:32 pm", "Mike Smith on March 3, 2012 at
10:32 am"), or that the markup names (`marked_furniture`: "Chris Nahr 07.15.12 at 11:59" in
`<span class="comment_author">` and `<span class="comment_time">`), or under each comment's reply
link ("Reply", "[Reply]", "Antworten", "Répondre": `REPLY_LINE`). Headers the byline patterns do not
know are found by their shape (`shape_headers`): short dated lines below the core ("Anton 07.08.12
at 01:31", "Rate This: 1 0") that recur with the same shape, each over a comment. Below the core
(topic.py's segment with the most prose), two or more headers with at most `MAX_KEPT_PER_HEADER`
kept paragraphs each make a thread, and what is kept below its first header is comments. On blogs
and forums the comments are prose too, and the core may hold them: a thread also starts at the
first header after the article that only comments have (the markup's, a reply link, a flagged line
of a recurring dated shape: `_from_article`), wherever the core ends.
A header line the markup places in a teaser (`TEASER_MARKUP`: the date or byline of another story the
page lists, inside the article or below it) heads no comment.
Language-free beyond the byline patterns, the class words and the reply words: only flags, those
lines, shapes and counts are read. The bylines of a multi-author article's sections stand further
apart, with several paragraphs each (a BBC page of correspondents' pieces: 7 to 11). A live page
whose posts were three paragraphs or fewer under byline-like headers, or under time stamps the
markup names, would read as a thread; no page of the gold sets or of BBC's has that shape (BBC's
time stamps are no paragraphs).
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, in_run, last_index
from tasks.boilerplate.subset import judged

# The reason codes that mark a comment's header line: a byline pattern, or markup that names it
# (`marked_furniture`: the commenter's name and time in elements classed "comment_author", "comment_time").
HEADERS = ("byline", "marked_furniture")
# A reply link alone on a line (in `_lower`: short paragraphs lower-cased), in several languages.
REPLY_LINE = (
    r"^\W*(?:reply|responder|responda|antworten|répondre|rispondi|beantwoorden|odpowiedz|svara|svar|balas"
    r"|ответить|回复|回覆|返信|답글)\W*$"
)
# A header line inside a teaser's markup (`<span class="teaser-xs__date">`): the date or byline of another
# story listed in the page, not of a comment.
TEASER_MARKUP = r"""class=["'][^"']*\bteaser"""
ARTICLE_PROSE = 2  # kept prose paragraphs above a thread that starts above the core's end: the article
LIST_LINES = 3  # header lines in a row that are a list, not a comment's header (`_thread`)
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
    """`frame` with `_comment_thread`: kept, below the first header of a thread (below the core, or
    after the article).

    Reads the `_segment` and `_core` columns that `topic.with_off_topic` leaves, `_reply`, `_width`,
    `_prose`, and the reasons the paragraph rules gave (`boilerplate_reason`). Only pages with two
    header lines or `SHAPE_MIN_REPEATS` short dated lines anywhere are judged (few are: the windows
    over pages cost 0.3 µs a paragraph on all of them).
    """
    page = "source_file"
    short = (pl.col("_width") < SHAPE_MAX_CHARS) & (pl.col("n_chars") > 0)
    reason = pl.col("boilerplate_reason")
    in_teaser = pl.when(reason.is_in(HEADERS)).then(pl.col("raw_html")).str.contains(TEASER_MARKUP).fill_null(False)
    rows = frame.with_columns(
        _header_line=(reason.is_in(HEADERS).fill_null(False) & ~in_teaser) | pl.col("_reply"),  # once a row
        _dated=short & pl.col("text").str.contains(DATED),  # cheaper on every row than on the short ones picked out
    )
    pages = (pl.col("_header_line").sum().over(page) >= MIN_HEADERS) | (
        pl.col("_dated").sum().over(page) >= SHAPE_MIN_REPEATS
    )
    return frame.with_columns(_comment_thread=judged(rows, pages, lambda subset: _thread(subset, kept)))


def _thread(frame: pl.DataFrame, kept: pl.Expr) -> pl.Series:
    """Per row of the judged pages: kept, under the first header of a thread below the core, or of
    one that starts after the article (`_from_article`).

    A comment's header is one or two lines over its text; `LIST_LINES` header lines in a row are a
    list (the writers of other stories a page recommends, a teaser list's dates), and none of them
    heads a comment."""
    idx, header = pl.col("paragraph_index"), pl.col("_header_line")
    below = (idx > last_index(pl.col("_segment") == pl.col("_core"))).fill_null(False)
    article = along_page((kept & pl.col("_prose")).cum_sum()) >= ARTICLE_PROSE
    frame = frame.with_columns(_below=below, _after_article=article, _header_line=header & ~_in_list(header))
    frame = frame.with_columns(_shaped=shape_headers(frame, kept, pl.col("_below") | pl.col("_after_article")))
    below_core = _under_headers(pl.col("_below") & (pl.col("_header_line") | pl.col("_shaped")), pl.col("_below"), kept)
    return frame.select(kept & (below_core | _from_article(kept)) & ~pl.col("is_lead")).to_series()


def _in_list(header: pl.Expr) -> pl.Expr:
    """Whether a row is one of `LIST_LINES` or more header lines in a row."""
    return in_run(header, LIST_LINES)


def _from_article(kept: pl.Expr) -> pl.Expr:
    """Whether a row is under the first header of a thread that starts after the article, wherever
    the core ends.

    On blogs and forums the comments are prose too: the core, the segment with the most prose, is
    then a long comment or the article and its comments in one run, and below it little or nothing
    is left to judge. Such a thread starts at the first header below `ARTICLE_PROSE` kept prose
    paragraphs that only a comment has: a line the markup names furniture (the commenter's name and
    time), a reply link, or a line of a recurring dated shape that another rule flagged. A kept one
    (a live page's "10:32", a results story's "Hawks 3 Owls 2") belongs to the text around it.
    From there on, dated byline lines ("Posted by: Ann | March 3, 2012 at 10:32 am") are headers
    too; undated ones ("By Jane Doe") head a multi-author page's sections and never count here.
    """
    header, reason = pl.col("_header_line"), pl.col("boilerplate_reason")
    marked = pl.col("_reply") | (header & (reason == "marked_furniture")).fill_null(False)
    start = pl.col("_after_article") & (marked | (pl.col("_shaped") & ~kept))
    first = along_page(start.cum_sum()) >= 1
    dated_byline = (header & (reason == "byline")).fill_null(False) & pl.col("_dated")
    return _under_headers(first & (start | dated_byline), first, kept)


def _under_headers(header: pl.Expr, counted: pl.Expr, kept: pl.Expr) -> pl.Expr:
    """Whether a row is at or below the first `header` of a page that has `MIN_HEADERS` or more,
    with at most `MAX_KEPT_PER_HEADER` kept paragraphs per header among the `counted` rows."""
    headers = header.sum().over("source_file")
    thread = (headers >= MIN_HEADERS) & ((counted & kept).sum().over("source_file") <= MAX_KEPT_PER_HEADER * headers)
    return thread & (along_page(header.cum_sum()) >= 1)


def shape_headers(frame: pl.DataFrame, kept: pl.Expr, region: pl.Expr) -> pl.Series:
    """Whether each row of `frame` is a comment header known by its shape alone.

    A candidate is a short dated line (`_dated`) in `region` (below the core or after the article:
    one call serves both of `_thread`'s judgements). Its shape is its sequence of token classes
    (`line_shape`): "Anton 07.08.12 at 01:31" and "Paul A. Rubin 07.08.12 at 13:51" are both
    `A9.9.9a9:9`. A header stands alone, between lines of other shapes: a run of dated lines one
    under the other is a list (a schedule, an archive's dates, a price list). The next kept
    paragraph below it is no shorter than `SHAPE_MAX_CHARS` (the comment; a festival's running order
    has more short lines there). `SHAPE_MIN_REPEATS` such lines of one shape in the region are
    headers.
    """
    shape = pl.col("_shape")
    alone = along_page(shape.shift(1)).ne_missing(shape) & along_page(shape.shift(-1)).ne_missing(shape)
    # shaped on those rows alone: a regex over every row of the judged pages costs 0.2 µs a BBC paragraph
    candidates = judged(frame, pl.col("_dated") & region, line_shape(pl.col("text")), otherwise=None)
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
