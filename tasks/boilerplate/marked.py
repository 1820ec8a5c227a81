"""Furniture the markup names: text inside elements whose CSS class says what it is.

A paragraph's `raw_html` (the inner HTML of its `<p>`) often keeps the class names of the site's
templates, and those are English words on sites of every language: `<span class="comment_author">`,
`<time class="content__dateline-wpd">`, `<span class="meta_author">`. A class word that names a kind
of furniture (`FURNITURE_CLASSES`) is matched as a whole token of the class attribute, split on
space, `-` and `_`, so "author" is not found in "authority", "date" in "update" or "candidate",
"time" in "timeline", nor "meta" in "metadata".

Here a paragraph is marked when `MARKED_SHARE` of its visible characters sit inside such elements;
the rule (`rules.marked_furniture`) decides when that makes it furniture. Left out of the
words, measured on the gold sets: "caption" and "credit" (a photo's caption and its credit are
gold on aeb, dragnet and readability pages), "standfirst" (an article's summary, gold), and a
tag that wraps the whole paragraph (`<small>`, `<em>`, `<i>`: mostly gold, editor's notes and
standfirsts).

The class words are matched in lower case, as templates write them (`entry-meta`, `comment_author`;
on the gold sets a case-blind match adds only one site's `readMore`): a case-blind regex over every
paragraph's HTML costs 0.3 µs a BBC paragraph, this one 0.07 µs. Its literal ` class` lets the regex
engine skip HTML without one, so a separate `class=` pre-filter only adds its own cost (0.03 µs). The
elements' text is measured only on the rows whose HTML holds such a class (`subset.judged`: 0.08 µs
a BBC paragraph in all, against 0.14 µs for the same expressions over every row); BBC's classes name
none (`ssrcss-…-InlineLink`, `…-BoldText`).
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.subset import judged

MARKED_SHARE = 0.8  # share of a paragraph's visible characters inside marked elements from which it is marked
# Class words that name furniture: a byline or author line, a dateline or a date, time or time stamp
# (published, updated, modified, posted), a post's meta line, a comment's header or reply link, and
# share, related-content, read-more and tag widgets.
FURNITURE_CLASSES = (
    "byline",
    "author",
    "dateline",
    "date",
    "time",
    "timestamp",
    "published",
    "updated",
    "modified",
    "posted",
    "meta",
    "comment",
    "comments",
    "reply",
    "share",
    "related",
    "readmore",
    "tags",
)
# A class attribute (quoted or not) holding one of the words as a whole token, in lower case.
FURNITURE_CLASS = (
    r"""\sclass\s*=\s*["']?(?:[^"'>]*[\s_-])?(?:""" + "|".join(FURNITURE_CLASSES) + r""")(?:[\s_"'>-]|$)"""
)
# One level of markup inside a marked element: a void element or a comment (no closing tag), or an
# element with its text and closing tag. Deeper nesting ends the match early, so the share found is
# never more than the element holds.
_INNER = r"(?i:<(?:br|img|wbr|hr)\b[^>]*>|<![^>]*>|<[a-z][a-z0-9]*\b[^>]*>[^<]*(?:</[a-z][a-z0-9]*>)?)"
# An element whose class names furniture, with the text and markup inside it: tag names in any case,
# the class and its words in lower case, as the rows were picked (`FURNITURE_CLASS`).
MARKED_ELEMENT = r"<(?i:[a-z][a-z0-9]*)\b[^>]*?" + FURNITURE_CLASS + r"[^>]*>[^<]*(?:" + _INNER + r"[^<]*)*"


def marked(paragraphs: pl.DataFrame) -> pl.Series:
    """Whether `MARKED_SHARE` of each paragraph's visible characters sit inside elements whose class
    names furniture, judged only on the paragraphs whose HTML holds such a class (columns raw_html, text)."""
    raw_html, text = pl.col("raw_html"), pl.col("text")
    return judged(paragraphs, raw_html.str.contains(FURNITURE_CLASS), marked_share(raw_html, text) >= MARKED_SHARE)


def marked_share(raw_html: pl.Expr, text: pl.Expr) -> pl.Expr:
    """Share of a paragraph's visible characters (white space aside) inside the elements whose class
    names furniture (`MARKED_ELEMENT`)."""
    # an element's characters: its markup and white space dropped, an entity (&amp;, &#160;) one character
    chars = pl.element().str.replace_all(r"<[^>]*>|\s", "").str.replace_all(r"&#?\w+;", "x").str.len_chars()
    inside = raw_html.str.extract_all(MARKED_ELEMENT).list.eval(chars).list.sum()
    visible = text.str.replace_all(r"\s", "").str.len_chars()
    return (inside / pl.max_horizontal(visible, 1)).fill_null(0.0)
