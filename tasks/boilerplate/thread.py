"""Reader comment threads: comment headers that recur below the article's core.

Below an article, a comment thread shows in paragraph lists as short runs of text between the
lines the byline patterns flag (its headers: "Posted by Ann at 10:32 pm", "Mike Smith on March 3,
2012 at 10:32 am") or under each comment's reply link ("Reply", "[Reply]", "Antworten",
"Répondre": `REPLY_LINE`). Below the core (topic.py's segment with the most prose), two or more
headers with at most `MAX_KEPT_PER_HEADER` kept paragraphs each make a thread, and what is kept
below its first header is comments. Language-free beyond the byline patterns and the reply words:
only flags, those lines and counts are read. The bylines of a multi-author article's sections
stand further apart, with several paragraphs each (a BBC page of correspondents' pieces: 7 to 11).
A live page whose posts were three paragraphs or fewer under byline-like headers would read as a
thread; no page of the gold sets or of BBC's has that shape.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.subset import judged

HEADER = "byline"  # the reason code that marks a comment's header line
# A reply link alone on a line (in `_lower`: short paragraphs lower-cased), in several languages.
REPLY_LINE = (
    r"^\W*(?:reply|responder|responda|antworten|répondre|rispondi|beantwoorden|odpowiedz|svara|svar|balas"
    r"|ответить|回复|回覆|返信|답글)\W*$"
)
MIN_HEADERS = 2  # one byline below the body is an author box or a section's writer, not a thread
MAX_KEPT_PER_HEADER = 3  # more kept paragraphs per header read as an article's sections or a live page's posts


def with_comment_thread(frame: pl.DataFrame, kept: pl.Expr) -> pl.DataFrame:
    """`frame` with `_comment_thread`: kept, below the core and below the first header of a thread.

    Reads the `_segment` and `_core` columns that `topic.with_off_topic` leaves, `_lower`, and the
    reasons the paragraph rules gave (`boilerplate_reason`). Only pages with two header lines
    anywhere are judged (few are: the windows over pages cost 0.3 µs a paragraph on all of them).
    """
    page = "source_file"
    reply = pl.col("_lower").str.contains(REPLY_LINE).fill_null(False)
    header_line = pl.col("_header_line")  # found once on every row, read again on the judged pages
    rows = frame.with_columns(_header_line=pl.col("boilerplate_reason").eq_missing(HEADER) | reply)
    idx = pl.col("paragraph_index")
    below = (idx > pl.when(pl.col("_segment") == pl.col("_core")).then(idx).max().over(page)).fill_null(False)
    header = below & header_line
    headers = header.sum().over(page)
    thread = (headers >= MIN_HEADERS) & ((below & kept).sum().over(page) <= MAX_KEPT_PER_HEADER * headers)
    after_header = header.cum_sum().over(page, order_by="paragraph_index") >= 1
    verdict = kept & thread & after_header & ~pl.col("is_lead")
    pages = header_line.sum().over(page) >= MIN_HEADERS
    return frame.with_columns(_comment_thread=judged(rows, pages, verdict))
