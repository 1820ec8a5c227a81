"""The boilerplate rules, one small function each beside its thresholds, in priority order.

A rule takes the per-paragraph signals of its page (`Signals`) and returns a boolean expression;
the first rule that holds names the paragraph's reason code. RULES is that ordered table, and
REASONS (code -> meaning) is read from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, NamedTuple

import polars as pl

from tasks.boilerplate.edges import (
    below_story,
    bio_text,
    contact_text,
    intro_text,
    notice_text,
    outside_story,
)
from tasks.boilerplate.nested import outer_kept
from tasks.boilerplate.page import along_page, first_index, in_run, last_index, neighbour, page_has
from tasks.boilerplate.patterns import (
    COMMENT_OPENER,
    END_MARKER,
    FURNITURE,
    REPRINT_CREDIT,
    SENTENCE_END,
    fast,
    matches,
)
from tasks.boilerplate.shared import shared_story, unique_prose
from tasks.boilerplate.subset import judged
from tasks.boilerplate.thread import MIN_HEADERS, REPLY_LINE
from tasks.settings import RepeatThresholds

DEFAULT_REPEAT_THRESHOLD = RepeatThresholds.anywhere
DEFAULT_EDGE_REPEAT_THRESHOLD = RepeatThresholds.edge
LINK_DENSE_SHARE = 0.5  # share of characters inside links from which a paragraph is a menu
LINK_DENSE_MAX_CHARS = 400  # longer link-heavy paragraphs that end a sentence are prose with many citations
SELECT_MENU_SHARE = 0.5  # share of characters in a select menu's options from which a paragraph is that menu
# An option of a select menu in the paragraph's HTML and its text, up to the next tag (`</option>` is optional).
OPTION = r"(?i)<option\b[^>]*>[^<]*"
# A form control in a paragraph's HTML: a text box, check box or radio button, text area, button, drop-down,
# field label or the form itself.
FORM_CONTROL = r"(?i)<(?:input|textarea|button|select|label|form)\b"
NUMBER_RUN = 5  # lines of one number each in a row, from which they are a chart's axis labels, not text
WIDGET_BLOCK = 3  # paragraphs in a row printed twice on a page, from which they are a widget, not body
FRAGMENT_MAX_CHARS = 40  # shorter unpunctuated paragraphs at the edges are furniture
LISTING_MIN_ITEMS = 2  # single links of fragment length or more on a page without prose that make it a listing
TAIL_HEADLINE_MAX_CHARS = 180  # past furniture after the body, unpunctuated lines this wide are teasers (60 ideographs)
LEAD_IN_PROSE = 2  # an unbroken run of punctuated text leading into the body with this much prose is a copy of it
BODY_MIN_CHARS = 80  # a unique, punctuated, link-light paragraph this long is article body
END_AFTER_BODY_SHARE = 0.25  # a marker with over 3/4 of the body's characters below it is a heading inside it
# Lengths count a Chinese or Japanese character as this many Latin ones (one holds a word).
IDEOGRAPH_WIDTH = 3
IDEOGRAPHS = r"[\p{Han}\p{Hiragana}\p{Katakana}]"
# One number on a line of its own: list numbering ("1."), a table figure ("$155,000", "2.9"); not a date or
# a clock time ("21.01.2022", "11/13/91", "15:40"), which head teasers and comments.
NUMBER_LINE = r"^[^\p{L}\d]*\d+(?:,\d{3})*(?:[.,]\d+)?[^\p{L}\d]*$"
# A word list: this many words or more, this share of them capitalised, at most this share of list
# separators (an authored list of names has commas), and this share of adjacent words in alphabetical
# order by their initial (chance gives about half; a select menu's options are sorted).
WORD_LIST_MIN_WORDS = 20
WORD_LIST_CAPITALISED = 0.8
WORD_LIST_SEPARATORS = 0.05
WORD_LIST_ASCENDING = 0.7


@dataclass(frozen=True)
class Signals:
    """Per-paragraph signals the rules read: input columns and the temporary columns of `stages`."""

    repeat_threshold: int
    edge_repeat_threshold: int
    n_chars: pl.Expr = pl.col("n_chars")
    link_chars: pl.Expr = pl.col("link_chars")
    n_links: pl.Expr = pl.col("n_links")  # links in the paragraph
    count: pl.Expr = pl.col("repeat_count")  # distinct articles holding the same normalised text
    furniture: pl.Expr = pl.col("_furniture")  # code of the first furniture pattern matching, else null
    width: pl.Expr = pl.col("_width")  # n_chars with ideographs counted IDEOGRAPH_WIDTH times
    link_share: pl.Expr = pl.col("_link_share")
    option_share: pl.Expr = pl.col("_option_share")  # share of characters in the options of select menus (OPTION)
    form_field: pl.Expr = pl.col("_form_field")  # shorter than body prose, its HTML holding a FORM_CONTROL
    unpunctuated: pl.Expr = pl.col("_unpunctuated")
    prose: pl.Expr = pl.col("_prose")  # long, punctuated and link-light: reads like article text
    at_edge: pl.Expr = pl.col("_at_edge")  # outside the body: before its lead-in run, after its last unique paragraph
    after_tail_break: pl.Expr = pl.col("_after_tail_break")  # past furniture that follows the last body paragraph
    after_end: pl.Expr = pl.col("_after_end")  # after an end-of-article marker that follows the body
    above_credit: pl.Expr = pl.col("_above_credit")  # the next paragraph is a photo credit on its own
    # below one photo credit line, and the paragraph after next is another credit line
    between_photos: pl.Expr = pl.col("_between_photos")
    gallery: pl.Expr = pl.col("_gallery")  # the article holds two or more photo credit lines
    # after the core in a gallery, kept between two photo lines (gallery.py)
    gallery_gap: pl.Expr = pl.col("_gallery_gap")
    # after the core, a headline link over its summary, next to another, kept or flagged (teaser.py)
    teaser: pl.Expr = pl.col("_teaser")
    # a copy of text in the paragraph enclosing it, which the reasons so far keep (nested.py)
    nested: pl.Expr = outer_kept(pl.col("boilerplate_reason").is_null())
    on_page_twice: pl.Expr = pl.col("_on_page_twice")  # the same text is another paragraph of the article too
    number_line: pl.Expr = pl.col("_number_line")  # one number and no letter (NUMBER_LINE)
    shared_story: pl.Expr = pl.col("_shared_story")  # a story other files tell too (shared.py)
    # in a later segment, or the core's closing run of headlines, that shares few words with the core (topic.py)
    off_topic: pl.Expr = pl.col("_off_topic")
    # in a later segment whose prose all repeats the core's paragraphs: the article printed twice (topic.py)
    article_copy: pl.Expr = pl.col("_article_copy")
    comment_thread: pl.Expr = pl.col("_comment_thread")  # below the first header of a comment thread (thread.py)
    # in a later segment below a comment section's rules under the core (topic.py)
    comment_section: pl.Expr = pl.col("_comment_section")
    # ends with a comma beside prose: a letter's salutation or closing ("Dear Minister,", "Respectfully,")
    clause: pl.Expr = pl.col("_clause")
    marked: pl.Expr = pl.col("_marked")  # mostly inside elements whose class names furniture (marked.py)
    word_list: pl.Expr = pl.col("_word_list")  # a long unpunctuated run of capitalised words in alphabetical order
    # reads as an author's biography (AUTHOR_BIO) and stands above or below every other body paragraph,
    # or introduces the writer or publication (SELF_INTRO) below them
    author_bio: pl.Expr = pl.col("_author_bio")
    # a notice longer than the furniture caps (LONG_NOTICE_CODES) above or below every other body paragraph
    long_notice: pl.Expr = pl.col("_long_notice")
    # an address or contact block by its shape (edges.contact_text) below every other body
    # paragraph, or on a page without any
    contact_block: pl.Expr = pl.col("_contact_block")


# A temporary column of `stages`: an expression over the batch, or a function of the frame so far
# that judges only the pages it needs (`_on_pages`).
Column = pl.Expr | Callable[[pl.DataFrame], pl.Series]


def _on_pages(trigger: pl.Expr, verdict: pl.Expr, otherwise: bool | None = False) -> Column:
    """`verdict` computed only on the pages with a row where `trigger` holds (`subset.judged`), and
    `otherwise` elsewhere: for a signal that is `otherwise` on a page without such a row, whose page
    windows few pages need (a photo credit's neighbours, an end marker's, a closing comma's)."""
    return lambda frame: judged(frame, page_has(trigger), verdict, otherwise)


def _ideographs(text: pl.Expr) -> pl.Expr:
    """Ideographs in each text, counted only in texts with a non-ASCII character (5x cheaper on news)."""
    wide = text.str.len_bytes() > text.str.len_chars()
    return pl.when(wide).then(text).str.count_matches(IDEOGRAPHS).fill_null(0)


def _option_chars(raw_html: pl.Expr) -> pl.Expr:
    """Characters of the text in the options of select menus (`OPTION`), looked for only in HTML that has one."""
    options = pl.when(raw_html.str.contains(r"(?i)<option")).then(raw_html).str.extract_all(OPTION)
    text = pl.element().str.replace(r"^<[^>]*>", "").str.strip_chars()
    return options.list.eval(text.str.len_chars()).list.sum().fill_null(0)


def _form_field(raw_html: pl.Expr, width: pl.Expr) -> pl.Expr:
    """Whether a paragraph narrower than body prose (`BODY_MIN_CHARS`) holds a form control in its
    HTML (`FORM_CONTROL`), looked for only in those paragraphs (0.07 µs a BBC paragraph)."""
    short = width < BODY_MIN_CHARS
    return (short & pl.when(short).then(raw_html).str.contains(FORM_CONTROL)).fill_null(False)


def _comment_header(width: pl.Expr, unpunctuated: pl.Expr) -> pl.Expr:
    """Whether a line heads or closes a reader comment, as thread.py's headers do: a byline ("Posted
    by Ann at 10:32 pm", "Tim Worstall 11.06.12 at 11:06 am"), a line the markup names furniture
    that ends no sentence, or a reply link alone on a fragment (`_reply`)."""
    byline = pl.col("_furniture").eq_missing("byline")
    reply = pl.col("_reply") & (width < FRAGMENT_MAX_CHARS)
    return byline | (pl.col("_marked") & unpunctuated) | reply


def _word_list(text: pl.Expr, words: pl.Expr) -> pl.Expr:
    """Whether a text is a list of words, not prose: the options of a select menu, or an index.

    Of its `WORD_LIST_MIN_WORDS` or more words (`words`, counted on texts that end no sentence),
    `WORD_LIST_CAPITALISED` start with a capital, commas or semicolons part at most
    `WORD_LIST_SEPARATORS` of them, and `WORD_LIST_ASCENDING` of its adjacent words are in
    alphabetical order by their initial ("State AK AL AR AZ CA ...", "Make All AC Aixam Alfa Romeo
    Asia Aston Martin ..."). Headlines in title case are shorter, names listed in a story are
    parted by commas and not sorted by first name, prose has lower-case words, and a script
    without case (Chinese, Arabic) has no capitals.
    """
    long_text = pl.when(words >= WORD_LIST_MIN_WORDS).then(text)
    capitalised = long_text.str.count_matches(r"(?:^|\s)\p{Lu}") >= WORD_LIST_CAPITALISED * words
    unseparated = long_text.str.count_matches(r"[,;](?:\s|$)") <= WORD_LIST_SEPARATORS * words
    initial = pl.element().str.strip_chars().str.to_lowercase()
    ascending = (
        pl.when(capitalised & unseparated)
        .then(text)
        .str.extract_all(r"(?:^|\s)\p{L}")
        .list.eval((initial >= initial.shift(1)).mean())  # the first word has none before it: null, not counted
        .list.first()
    )
    return (ascending >= WORD_LIST_ASCENDING).fill_null(False)


def stages(edge_repeat_threshold: int) -> list[dict[str, Column]]:
    """The temporary columns behind `Signals`, in stages that each read the columns of earlier ones.

    The unique body is the prose paragraphs found in fewer than `edge_repeat_threshold` articles
    that no furniture pattern matches and no widget printed twice holds (`_widget_copy`), plus the
    lead: a legal footer or a comment notice long enough to read like prose would otherwise stretch
    the body down to the page's end. It starts
    earlier when an unbroken run of punctuated, furniture-free paragraphs
    with `LEAD_IN_PROSE` prose ones leads into it: the same wire story on another site repeats its
    opening, while repeated teasers above an article stand apart, between headlines, menus or links.

    An end marker counts only when short, after two body paragraphs (page headers hold legal lines
    too), with a quarter of the body above it (else it heads a section), and not as a table's
    column heading: a "Comment" no furniture pattern matches, between short plain lines (table
    cells), is part of the body.
    Nor does a copyright line that credits reprinted material (`REPRINT_CREDIT`): it sits under
    a figure or excerpt inside the body, which goes on below it.
    The first comment-section opener after two body paragraphs (`COMMENT_OPENER`: "12 Comments",
    "Leave a Reply") ends the article even with more than 3/4 of the body below it when two or more
    comment headers follow it (`_comment_header`, as thread.py's `MIN_HEADERS`): reader comments
    are prose, so a long thread under a short post counts as body. A heading "Comments" in a story
    has no commenters' bylines or reply links under it.

    Computed once as columns: rules share them, and window expressions are not re-evaluated. The
    windows around a photo credit, an end marker or a line ending with a comma run only on the pages
    that have one (`_on_pages`; on BBC none has an end marker, and 8 of 61,774 paragraphs end with a
    comma): 0.8 µs a BBC paragraph less than over every page, 1.3 on the trafilatura pages.
    """
    text, n_chars, count, idx = (
        pl.col("text"),
        pl.col("n_chars"),
        pl.col("repeat_count"),
        pl.col("paragraph_index"),
    )
    width, link_share, unpunctuated, prose = (pl.col(c) for c in ("_width", "_link_share", "_unpunctuated", "_prose"))
    body, first, second, end, last = (pl.col(c) for c in ("_body", "_first", "_second", "_end", "_last"))
    body_chars = pl.when(body).then(n_chars).otherwise(0)
    body_before = along_page(body_chars.cum_sum()) - body_chars
    furniture_like = pl.col("_furniture").is_not_null() | (link_share >= LINK_DENSE_SHARE) | (n_chars == 0)
    run_start = pl.col("_run_start").fill_null(0)
    lead_in = prose & (idx >= run_start) & (idx < first)
    cell = (width < FRAGMENT_MAX_CHARS) & unpunctuated & ~furniture_like
    column_heading = pl.col("_furniture").is_null() & neighbour(cell, 1) & neighbour(cell, -1)
    lower = pl.col("_lower")
    end_line = pl.col("_end_line")
    credit_line = pl.when(end_line).then(lower).str.contains(fast(REPRINT_CREDIT)).fill_null(False)
    marker = (idx > second) & pl.col("_marker_line")
    credit = pl.col("_furniture") == "credit"
    first_opener = first_index(
        marker & pl.when(end_line).then(lower).str.contains(fast(COMMENT_OPENER)).fill_null(False)
    )
    headers_below = (pl.col("_comment_header") & (idx > first_opener)).sum().over("source_file")
    share_ok = body_before >= END_AFTER_BODY_SHARE * body_chars.sum().over("source_file")
    comma = text.str.contains(r",\s*$")
    unnamed, lead = pl.col("_furniture").is_null(), pl.col("is_lead")
    unique = unique_prose()
    bio, notice, intro, contact = (pl.col(c) for c in ("_bio", "_notice", "_intro", "_contact"))
    ends = (marker & share_ok) | ((idx == first_opener) & (headers_below >= MIN_HEADERS))
    return [
        {
            "_width": n_chars + (IDEOGRAPH_WIDTH - 1) * _ideographs(text),
            "_link_share": pl.col("link_chars") / pl.max_horizontal(n_chars, 1),
            "_option_share": _option_chars(pl.col("raw_html")) / pl.max_horizontal(n_chars, 1),
            "_unpunctuated": ~text.str.contains(SENTENCE_END),
            "_above_credit": _on_pages(credit, neighbour(credit, -1)),
            "_between_photos": _on_pages(credit, neighbour(credit, 1) & neighbour(credit, -2)),
            "_gallery": credit.sum().over("source_file") >= 2,
            "_on_page_twice": pl.len().over("source_file", "text") > 1,
            "_number_line": text.str.contains(NUMBER_LINE),
            "_end_line": matches(lower, n_chars, END_MARKER),
            # a reply link alone on its line, for `_comment_header` and thread.py's headers (one scan)
            "_reply": lower.str.contains(REPLY_LINE).fill_null(False),
            "_bio": bio_text(text, n_chars),
            "_notice": notice_text(text, n_chars),
            "_intro": intro_text(text, n_chars),
            "_contact": contact_text(text, n_chars),
        },
        {
            "_prose": (width >= BODY_MIN_CHARS) & (link_share < LINK_DENSE_SHARE) & ~unpunctuated,
            "_form_field": _form_field(pl.col("raw_html"), width),
            "_comment_header": _comment_header(width, unpunctuated),
            # an end marker that is no table's column heading nor reprint credit, as a column: `_end` reads
            # it twice, and inside its windows the scan and the neighbour windows cost 0.6 µs a BBC paragraph
            "_marker_line": _on_pages(end_line, end_line & ~column_heading & ~credit_line),
            # words (one more than spaces; text is whitespace-normalised) only in long texts that end no
            # sentence, the candidates for `_word_list` (5.5% of BBC paragraphs)
            "_words": pl.when(unpunctuated & (n_chars >= 2 * WORD_LIST_MIN_WORDS))
            .then(text)
            .str.count_matches(" ", literal=True)
            + 1,
            # sentences other articles hold too, whose runs shared.py reads
            "_repeated_text": ~unpunctuated
            & (link_share < LINK_DENSE_SHARE)
            & (count >= edge_repeat_threshold)
            & unnamed,
        },
        {
            "_shared_story": shared_story,
            "_clause": _on_pages(comma, comma & (neighbour(prose, 1) | neighbour(prose, -1))),
            "_word_list": _word_list(text, pl.col("_words")),
            "_widget_copy": _on_pages(pl.col("_on_page_twice"), _widget_copy(pl.col("_on_page_twice"), unique)),
        },
        {"_body": (unique & ~pl.col("_widget_copy")) | (pl.col("_shared_story") & prose) | lead},
        {
            "_first": first_index(body),
            "_author_bio": _on_pages(bio | intro, outside_story(body, bio, intro)),
            "_long_notice": _on_pages(notice, outside_story(body, notice)),
            "_contact_block": _on_pages(contact, below_story(body, contact)),
        },
        {
            "_second": first_index(body & (idx > first)),
            "_run_start": pl.when((unpunctuated | furniture_like) & (idx < first))
            .then(idx + 1)
            .max()
            .over("source_file"),
        },
        {
            "_start": pl.when(lead_in.sum().over("source_file") >= LEAD_IN_PROSE).then(run_start).otherwise(first),
            "_end": _on_pages(marker, first_index(ends), otherwise=None),
        },
        {"_last": last_index(body & ~(idx >= end).fill_null(False))},
        {
            "_at_edge": (idx < pl.col("_start")) | (idx > last) | first.is_null(),
            "_after_tail_break": idx > first_index((idx > last) & (furniture_like | (count >= edge_repeat_threshold))),
            "_after_end": idx > end,
        },
    ]


def _widget_copy(twice: pl.Expr, unique: pl.Expr) -> pl.Expr:
    """Whether a paragraph is in a block of `WIDGET_BLOCK` or more that the page prints twice, on a
    page whose unique prose printed once outweighs one copy of what it prints twice: a widget the
    page carries in two slots (a desktop and a mobile menu of programmes, service notices, offers).
    A page that prints its whole article twice, or one paragraph twice (a standfirst repeated in the
    story), keeps those copies as body."""
    chars = pl.when(unique).then(pl.col("n_chars")).otherwise(0)
    once = pl.when(~twice).then(chars).otherwise(0).sum().over("source_file")
    copies = pl.when(twice).then(chars).otherwise(0).sum().over("source_file")
    return in_run(twice, WIDGET_BLOCK) & (once > copies / 2)


def empty(s: Signals) -> pl.Expr:
    """No visible text: an image, embed or form field left nothing a reader sees."""
    return s.n_chars == 0


def nested(s: Signals) -> pl.Expr:
    """Already in the paragraph that encloses it: the scraper took the outer `<p>` and then this one."""
    return s.nested


def furniture(code: str) -> Callable[[Signals], pl.Expr]:
    """The rule of one furniture pattern (patterns.FURNITURE[code], with its length cap)."""

    def rule(s: Signals) -> pl.Expr:
        return s.furniture == code

    rule.__name__ = code
    return rule


def captioned(s: Signals) -> pl.Expr:
    """Directly above a photo credit line: the caption of that photo (a gallery repeats the pair).

    Prose above the page's only credit line stays: a wire credit ("Reuters", "AFP, AP") often
    closes the body, while a caption that reads like prose is a gallery's, with credits under each.
    In a gallery, prose between one photo's credit and the next photo's caption is a caption whose
    credit is missing.
    """
    return (s.above_credit & (s.gallery | ~s.prose)) | (s.gallery & s.between_photos)


def link_dense(s: Signals) -> pl.Expr:
    """Mostly link text, not long prose; inside the body only when unpunctuated or all link.

    Long link-heavy text is prose with many citations only when it ends a sentence: an unpunctuated
    one is a link list at any length. Chinese headlines are short in characters but count wide, so
    a list of 40 of them (1,400 characters, 4,000 wide) was kept as prose.
    """
    in_links = (s.link_share >= LINK_DENSE_SHARE) & ((s.width < LINK_DENSE_MAX_CHARS) | s.unpunctuated)
    return in_links & (s.at_edge | s.unpunctuated | (s.link_chars == s.n_chars))


def select_menu(s: Signals) -> pl.Expr:
    """Mostly the options of a form's select menu (a drop-down of states, makes, categories or months).

    Its text is a list of choices, never prose, so anywhere on the page; a long paragraph that
    holds a small menu among its text stays.
    """
    return s.option_share >= SELECT_MENU_SHARE


def form_field(s: Signals) -> pl.Expr:
    """A form's field: a short paragraph whose HTML holds a form control (`FORM_CONTROL`).

    A text box, check box, radio button, text area, button, drop-down or field label is where the
    reader types or clicks ("Your e-mail:", "Password:", "* Town / City", a poll's options, a
    comment box), never article text, so anywhere on the page. A paragraph as long as body prose
    (`BODY_MIN_CHARS`) that holds one (a page laid out inside a form, prose around an embedded
    drop-down or search box) is judged by the other rules.
    """
    return s.form_field


def word_list(s: Signals) -> pl.Expr:
    """A list of words: a select menu's options or an index whose links were lost (`_word_list`).

    Judged on its own text, not its place, so anywhere on the page: a search form between two
    paragraphs of the body is furniture too.
    """
    return s.word_list


def marked_furniture(s: Signals) -> pl.Expr:
    """Mostly inside elements whose class names furniture (marked.py: "byline", "comment_author",
    "dateline"), and ending no sentence: a byline, a date line, a post's meta line, a comment's header.

    Judged on its own markup, not its place, so anywhere on the page: a comment thread's headers sit
    between comments the body rules may keep. A punctuated paragraph in such an element stays: an
    author's biography in an "author" box is gold on CleanEval, a comment's text is judged by its place.
    These lines head comment threads too (thread.py), as the byline pattern's lines do.
    """
    return s.marked & s.unpunctuated


def author_bio(s: Signals) -> pl.Expr:
    """An author's biography above or below the story: "Jane Doe is a reporter at X covering energy."

    A sentence with a name and a role between two paragraphs of the story stays: news about a
    reporter ("Smith is a reporter who was jailed in 2019") is told inside the body. So does a
    self-introduction ("I'm Amy and ...", "Gothamist is a website about ...") anywhere but below the
    story: above it, it opens a first-person column or an "about" page.
    """
    return s.author_bio


def long_notice(s: Signals) -> pl.Expr:
    """A legal, consent or comment-rules notice longer than the furniture caps, above or below the story:
    "Mit Absenden meiner E-Mail-Adresse willige ich ... ein ...", "COMMENT RULES Comment posters are ...".

    Such a notice reads like prose, so the body rules keep it; between two paragraphs of the story, the
    same words (a story about cookies or a site's terms) are news and stay.
    """
    return s.long_notice


def contact_block(s: Signals) -> pl.Expr:
    """An address or contact block known by its shape below the story, in any language: "Example
    GmbH Musterweg 4, 12345 Musterstadt info@example.de", "1 Main St. Springfield, IL 62701
    (217) 555-0100".

    The `contact` pattern needs a "Tel" or "E-Mail" label; this needs two contact tokens and few
    lower-case words (`edges.contact_text`). It counts below the story, or on a page without one
    (a site's footer); above the story such a line is a press release's header ("Media
    Inquiries: Jo Lee, 301-555-0100, ...") or a review's data box, which the gold sets keep
    (dragnet dev -0.00008 F1, aeb -0.0004); between two of its paragraphs, an address belongs to
    the story.
    """
    return s.contact_block


def short_fragment(s: Signals) -> pl.Expr:
    """Unpunctuated: short at the article's edges, or a teaser headline after the furniture that ends it;
    or anywhere, one of `NUMBER_RUN` or more lines in a row that each hold one number and no word.

    A list that closes the body directly stays: only lines past a furniture paragraph count. So
    does a line ending with a comma beside prose: it opens or closes a letter ("Dear Minister,",
    "Respectfully submitted,"), where a menu item or headline ends without one. A run of bare
    numbers is a chart's axis labels or a score box's cells ("0", "’17", "’18", ...), which no gold
    set keeps, while a table's rows hold their labels beside the figures.
    """
    short = (s.at_edge & (s.width < FRAGMENT_MAX_CHARS)) | (s.after_tail_break & (s.width < TAIL_HEADLINE_MAX_CHARS))
    return (short & s.unpunctuated & ~s.clause) | in_run(s.number_line, NUMBER_RUN)


def repeated(s: Signals) -> pl.Expr:
    """In many articles anywhere, or in a few outside the unique body; not a story that other
    files tell too (shared.py).

    One number on its own line is not: list numbering ("1.", "2.") and table figures recur across
    pages because they hold no words, not because a site repeats them around its articles.
    """
    many = (s.count >= s.repeat_threshold) | (s.at_edge & (s.count >= s.edge_repeat_threshold))
    return many & ~s.number_line & ~s.shared_story


def duplicate(s: Signals) -> pl.Expr:
    """Outside the unique body, a text the page shows twice or more (a teaser, prompt or widget in two slots).

    Inside the body a repeat stays: interviews repeat their questions, pull quotes their sentence.
    """
    return s.on_page_twice & s.at_edge


def after_article_end(s: Signals) -> pl.Expr:
    """Past an end-of-article marker that follows the body (see `stages` for when a marker counts)."""
    return s.after_end


def gallery(s: Signals) -> pl.Expr:
    """After the core, between two photo lines of a gallery, off the core's topic: captions `captioned` missed (gallery.py)."""
    return s.gallery_gap


def teaser(s: Signals) -> pl.Expr:
    """After the core, a run of headline links each over its summary: other stories' teasers (teaser.py)."""
    return s.teaser


def comment_thread(s: Signals) -> pl.Expr:
    """Below the core, under the first of the recurring headers of a comment thread (thread.py): bylines,
    reply links, or short dated lines that recur with one shape ("Anton 07.08.12 at 01:31"); or from
    the first header after the article that only comments have, even above the core's end."""
    return s.comment_thread


def comment_section(s: Signals) -> pl.Expr:
    """After the core, below the rules of its comment section or a call for readers' feedback (topic.py)."""
    return s.comment_section


def article_copy(s: Signals) -> pl.Expr:
    """A second copy of the article's core below it, paragraph for paragraph (topic.py)."""
    return s.article_copy


def off_topic(s: Signals) -> pl.Expr:
    """A segment after the core, between flagged paragraphs, or a run of headlines closing the core or
    above it, that is about something else (topic.py)."""
    return s.off_topic


class Rule(NamedTuple):
    """One row of the table: the reason code it writes, its meaning for docs/columns.md, its test."""

    code: str
    meaning: str
    holds: Callable[[Signals], pl.Expr]
    # Judges a paragraph by its place around the article's body, not by its own text, so it stands
    # down on an article it would leave without any text (flag._rescued).
    situational: bool = False
    # When it is judged: first on each paragraph's signals ("paragraph"); then on the segments the
    # paragraph rules leave between their flags ("segment"); last against the reasons after the
    # rescue ("final": a copy goes only when the paragraph enclosing it stays in the end).
    stage: Literal["paragraph", "segment", "final"] = "paragraph"


_FURNITURE_MEANINGS = {
    "copyright": "copyright or legal footer (©, a copyright line behind a © the encoding garbled, all rights reserved or no reprint without permission, terms, privacy policy or legal notice by name, in several languages; Chinese ICP licence), licence, affiliate disclosure or disclaimer, press-ethics or complaints notice, a note that a wire story ran unedited; a longer legal footer that opens with its © notice",
    "cookie": "cookie or consent notice, or a placeholder for content the privacy settings block, in several languages",
    "newsletter": "newsletter or e-mail sign-up prompt, in several languages",
    "subscription": "subscription, paywall or log-in prompt, membership or donation appeal",
    "account": "account or sign-up confirmation notice (confirm your registration, reset your password), or a line of a log-in or password form, in several languages",
    "follow_us": "'follow us' or share prompt, in several languages, or a line of share-button names",
    "comments": "comment form, its fields and help, or comment-section furniture (comments closed, a comment count)",
    "comment_rules": "comment rules or moderation notice, or a call for readers' stories, letters, tips or corrections",
    "read_more": "'read more' / related-content line, in several languages",
    "credit": "photo or agency credit on a line of its own (Getty, AP, Reuters/Corbis, a writer's initials and agency: aja/PAP)",
    "caption": "media caption or credit (Image source, Media caption, Photo: ...), source line, a credit closing a caption (© AFP / Jo Lee)",
    "agency_caption": "a news agency's photo caption up to 400 characters: prose closing with the agency's credit ((AP Photo/Jo Lee), (NASA via AP, File)) or opening with its formula (In this Dec. 12, 2006, file photo, ...; FILE - ...)",
    "interface": "page-interface text: ad label, previous/next link, video player, script (JavaScript, modern browser), ad-blocker or error notice, rating widget, print or search label, notification prompt, a forum's who-is-online line",
    "byline": "byline ('Posted by' too), an author or editor label (Автор:, 责任编辑：), dateline, dated update line, comment header, reading-time line, an author box's link to all their posts, a piece's writer and editor or a broadcaster's note of when the story aired",
    "appeal": "long appeal opening the paragraph (newsletter, newsletter consent, follow us, 'if you enjoyed this article') or its closing sentence (membership, donation)",
    "contact": "contact or address block: a phone number with a fax number, e-mail address or postcode, a toll-free number or bank details, in a line that ends no sentence",
}

# Priority order: the first rule that holds names the paragraph. The lead is never flagged.
RULES: list[Rule] = [
    Rule("empty", "no visible text (images, embeds, form fields)", empty),
    *(Rule(code, _FURNITURE_MEANINGS[code], furniture(code)) for code in FURNITURE),
    Rule(
        "captioned",
        "text directly above a photo credit line: the photo's caption (prose only in a gallery of two or more credits, where prose between a credit and the next caption is one too)",
        captioned,
        situational=True,
    ),
    Rule("link_dense", "most of the text sits inside links (menus, link lists)", link_dense, situational=True),
    Rule(
        "select_menu",
        "most of the text is the options of a form's select menu (a drop-down of states, makes, categories or months)",
        select_menu,
    ),
    Rule(
        "form_field",
        "a form's field: a paragraph shorter than body prose (80 characters, an ideograph counting three) whose HTML holds a form control (text box, check box, radio button, text area, button, drop-down or field label)",
        form_field,
    ),
    Rule(
        "word_list",
        "a long run of capitalised words in alphabetical order that ends no sentence and has next to no commas: a select menu's options (states, countries, makes) or an index whose links were lost",
        word_list,
    ),
    Rule(
        "marked_furniture",
        "a line the markup names furniture: 80% of its text inside elements whose class holds a furniture word (byline, author, dateline, date, time, timestamp, published, updated, modified, posted, meta, comment, comments, reply, share, related, readmore, tags), ending no sentence",
        marked_furniture,
    ),
    Rule(
        "author_bio",
        "an author's biography or contact line above or below every other body paragraph of the story: a name and a role at a publication (is a reporter at, covers ... for, ist Redakteur, es periodista, jest dziennikarzem; several languages), a role alone (Redakteur in der Wirtschaft), an 'About the author:' heading opening the text, 'can be reached at', 'Write to ... at' an e-mail address; or, below the story only, the writer or publication introducing itself: a first-person self-introduction (I'm Amy and ..., Hallo, ich bin Maria, Wir sind ein Verein, We are a team), a name that is a publication (Gothamist is a website about ...), a name that studied (X studierte ...)",
        author_bio,
        situational=True,
    ),
    Rule(
        "long_notice",
        "a notice longer than the furniture patterns' caps (up to 800 characters) in the words of a legal footer, disclaimer, cookie or consent notice or comment rules, above or below every other body paragraph of the story",
        long_notice,
        situational=True,
    ),
    Rule(
        "contact_block",
        "an address or contact block by its shape below every other body paragraph of the story (or on a page without one), in any language: a line up to 300 characters that ends no sentence, holds two or more contact tokens (e-mail address, phone number, postcode with its town or state, www. domain, c/o) and has at most a third of its other words in lower case",
        contact_block,
        situational=True,
    ),
    Rule(
        "short_fragment",
        "short unpunctuated fragment before or after the article's body, or one of five or more lines in a row that each hold one number and no word (a chart's axis labels)",
        short_fragment,
        situational=True,
    ),
    Rule(
        "repeated",
        "same normalised text in many articles (or in two, outside the body); never a story other files tell too",
        repeated,
        situational=True,
    ),
    Rule(
        "duplicate",
        "same text twice or more on its page, outside the article's body (a teaser, prompt or widget shown in two places)",
        duplicate,
        situational=True,
    ),
    Rule(
        "after_article_end",
        "after an end-of-article marker (comment section or form, related links, about the author, legal footer; headings in several languages) that follows the body's first quarter, or after a comment section's opener (a count of comments, its heading or prompt, trackback, comments closed) with two or more comment headers (bylines, reply links) below it",
        after_article_end,
        situational=True,
    ),
    Rule(
        "gallery",
        "photo-gallery captions after the article's core: kept text with a photo line (credit or caption) directly above and below it that shares fewer of the core's words than the core's own paragraphs do, on a page with two or more credit lines whose core holds under 30% of its prose (a caption whose credit is missing or unknown, captions in a row)",
        gallery,
        situational=True,
        stage="segment",
    ),
    Rule(
        "teaser",
        "teasers of other stories after the article's core: a kept paragraph that opens with a headline link and a line break over the story's summary, next to another such paragraph, kept or flagged already (not on a listing page whose core is such entries)",
        teaser,
        situational=True,
        stage="segment",
    ),
    Rule(
        "comment_thread",
        "reader comments: below the article's core, the text under the first of two or more comment headers (byline-like lines, lines the markup names furniture, reply links, or three or more short dated lines of one shape, each alone over a longer paragraph) with at most three kept paragraphs each; or, when a thread starts above the core's end, the text under the first of two or more headers after two prose paragraphs of the article (lines the markup names furniture, reply links, flagged dated lines of one shape, and below the first of those, dated bylines) with at most three kept paragraphs each",
        comment_thread,
        situational=True,
        stage="segment",
    ),
    Rule(
        "comment_section",
        "after the article's core, below a comment section's rules, a call for readers' letters, tips or feedback, or a prompt to report an error (`comment_rules`): readers' comments and the bios, teasers and prompts around them, whatever their topic (not on a page whose core holds under 30% of its prose or one prose paragraph)",
        comment_section,
        situational=True,
        stage="segment",
    ),
    Rule(
        "article_copy",
        "a second copy of the article below it: in a segment after the article's core whose prose paragraphs all repeat the core's, a paragraph that repeats one of the core (a page that prints its article twice, for another layout)",
        article_copy,
        situational=True,
        stage="segment",
    ),
    Rule(
        "off_topic",
        "prose after the article's core that shares few of its words (teasers of other stories, off-topic comments; below a copyright line or a newsletter, follow-us or subscription prompt, fewer than most, or lines all narrower than body prose), or a run of four or more headline lines (no link, 40 to 180 characters wide, no full stop, colon or semicolon at the end) closing the core or above it that shares few of the words of its prose (other stories' titles)",
        off_topic,
        situational=True,
        stage="segment",
    ),
    Rule(
        "nested",
        "a copy: the text of a paragraph nested in the one above it, which holds it (a <p> kept open around others)",
        nested,
        stage="final",
    ),
]

REASONS: dict[str, str] = {rule.code: rule.meaning for rule in RULES}

SITUATIONAL = [rule.code for rule in RULES if rule.situational]
