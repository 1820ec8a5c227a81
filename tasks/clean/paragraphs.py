"""Clean: paragraph HTML to text, links and the bold lead, plus the hash that finds repeats."""

from __future__ import annotations

import hashlib

import polars as pl
import pyarrow as pa

from schemas import LINK_TYPE
from tasks.arrow_lists import list_of_structs
from tasks.clean.html_text import INVISIBLE_CHARS, CleanParagraph, clean_paragraph

# Paragraphs without `<` or `&` (most of them) need no parser: their text is normalize_text's
# normal form, computed here for the whole column at once. Python's str.split() also splits on
# \x1c-\x1f, which Rust's \s does not match. The space patterns replace what `[\s\x1c-\x1f]+` and
# `\s+` would, but leave single spaces (most matches) alone: 4x cheaper, the same text.
_MARKUP = "[<&]"
_SPACE_RUN = r"[\s\x1c-\x1f]{2,}|[[\s\x1c-\x1f]--\x20]"
_WHITESPACE_RUN = r"\s{2,}|[\s--\x20]"
_ASCII_SPACE_BUT_SPACE = r"[\t\n\x0b\x0c\r]"


def clean_paragraphs(paragraphs: pl.DataFrame, base_url: str) -> pl.DataFrame:
    """Add text, links, is_lead, counts and content_hash to ingested paragraph rows."""
    raw = paragraphs["raw_html"]
    markup = raw.str.contains(_MARKUP)
    rows = markup.arg_true()
    parsed = [clean_paragraph(html, base_url) for html in raw.filter(markup).to_list()]
    text = plain_texts(raw.clone().set(markup, None)).scatter(rows, [p.text for p in parsed])
    n = paragraphs.height
    frame = paragraphs.with_columns(
        text,
        _links(n, rows, parsed),
        pl.repeat(False, n, eager=True).scatter(rows, [p.is_bold for p in parsed]).alias("is_bold"),
        pl.repeat(0, n, dtype=pl.Int32, eager=True).scatter(rows, [p.link_chars for p in parsed]).alias("link_chars"),
        pl.Series("content_hash", content_hashes(text), dtype=pl.String),
    )
    return frame.with_columns(
        is_lead=pl.col("is_bold") & (pl.col("paragraph_index") == 0),
        n_links=pl.col("links").list.len().cast(pl.Int32),
        n_chars=pl.col("text").str.len_chars().cast(pl.Int32),
        n_words=pl.col("text").str.count_matches(r"\w+").cast(pl.Int32),
    ).drop("is_bold")


def plain_texts(raw: pl.Series) -> pl.Series:
    """normalize_text of every value: invisible characters dropped, NFC, whitespace collapsed."""
    visible = raw.str.replace_all(f"[{INVISIBLE_CHARS}]", "")
    wide = (visible.str.len_bytes() != visible.str.len_chars()).arg_true()  # NFC leaves ASCII (92% of news) as it is
    nfc = visible.scatter(wide, visible.gather(wide).str.normalize("NFC"))
    return nfc.str.replace_all(_SPACE_RUN, " ").str.strip_chars(" ").alias("text")


def _links(n: int, rows: pl.Series, parsed: list[CleanParagraph]) -> pl.Series:
    """Links per paragraph: built for the parsed rows only, empty lists elsewhere (offsets that repeat)."""
    found = list_of_structs("links", [paragraph.links for paragraph in parsed], LINK_TYPE).to_arrow()
    counts = pl.zeros(n, pl.Int32, eager=True).scatter(rows, pl.Series(found.value_lengths(), dtype=pl.Int32))
    offsets = pl.concat([pl.Series([0], dtype=pl.Int32), counts.cum_sum()]).to_arrow()
    return pl.Series("links", pa.ListArray.from_arrays(offsets, found.flatten()))


def normalised_texts(texts: pl.Series) -> pl.Series:
    """CCNet-style normal form: lower case, digits as 0, no punctuation, single spaces.

    ASCII rows (most) hold only ASCII digits and spaces, which the cheap byte patterns find: the
    Unicode `\\d` pass runs on the other rows only, and the whitespace pass only on rows where a
    run or a space other than ' ' can be: the same text for about a fifth less CPU than four full passes.
    """
    lower = texts.str.to_lowercase()
    wide = (lower.str.len_bytes() != lower.str.len_chars()).arg_true()
    digits = lower.str.replace_all("[1-9]", "0")
    digits = digits.scatter(wide, digits.gather(wide).str.replace_all(r"\d", "0"))
    words = digits.str.replace_all(r"[^\w\s]", "")
    spaced = words.str.contains("  ", literal=True) | words.str.contains(_ASCII_SPACE_BUT_SPACE)
    runs = spaced.scatter(wide, True).arg_true()
    return words.scatter(runs, words.gather(runs).str.replace_all(_WHITESPACE_RUN, " ")).str.strip_chars()


def content_hashes(texts: pl.Series) -> list[str]:
    """blake2b-64 of each normalised text: stable across Polars versions, unlike Series.hash."""
    normal = normalised_texts(texts).cast(pl.Binary)  # the UTF-8 bytes, without encoding each string again
    return [hashlib.blake2b(t, digest_size=8).hexdigest() for t in normal.to_list()]
