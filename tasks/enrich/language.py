"""Per-paragraph language identification with CLD2 (model compiled into the pycld2 wheel)."""

import re

import polars as pl
import pycld2

MIN_LETTERS = 20
"""Texts with fewer alphabetic characters than this get no language: too short to identify."""

# CLD2 rejects control characters, surrogates and non-characters as "invalid UTF-8".
_CLD2_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# The same class for Polars (its strings hold no surrogates), to call the Python one only where it changes a text.
_UNSAFE_HINT = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{fdd0}-\x{fdef}\x{fffe}\x{ffff}]"
# CLD2 still emits a few deprecated or regional codes; map them to ISO 639-1.
_ISO_FIXES = {"iw": "he", "jw": "jv", "in": "id", "zh-Hant": "zh", "mo": "ro"}


def _letters_at_least(count: int) -> re.Pattern[str]:
    """Match a text's start through its `count`-th letter: the test stops there, not at its end."""
    # Possessive, over complementary classes: a text short of letters fails without backtracking.
    return re.compile(rf"(?:[\W\d_]*+[^\W\d_]){{{max(count, 0)}}}")


def _at_least(count: int, chars: str) -> str:
    """A Polars regex for "holds `count` characters of the class `chars`" (one DFA pass, no matches built)."""
    return rf"(?:[^{chars}]*[{chars}]){{{max(count, 0)}}}"


def _enough_letters(texts: pl.Series, values: list[str], count: int) -> list[bool]:
    """Whether each text has `count` letters as Python's `[^\\W\\d_]` counts them, decided in Polars.

    ASCII letters are letters and no other ASCII character is, so `count` ASCII letters settle
    it one way and fewer than `count` letters or non-ASCII characters the other; only the few
    texts in between are counted by the Python regex, so no Unicode table of Rust's is relied on.
    """
    sure = texts.str.contains(_at_least(count, "A-Za-z")).to_list()
    maybe = texts.str.contains(_at_least(count, r"A-Za-z\x{80}-\x{10ffff}")).to_list()
    letters = _letters_at_least(count)
    return [s or bool(m and letters.match(text)) for s, m, text in zip(sure, maybe, values)]


def _detect_one(text: str, unsafe: bool) -> tuple[str | None, float | None]:
    """Return CLD2's top ISO 639-1 code and its share of the text, or nulls when not reliable."""
    try:
        reliable, _, details = pycld2.detect(_CLD2_UNSAFE.sub(" ", text) if unsafe else text)
    except pycld2.error:
        return None, None
    _, code, percent, _ = details[0]
    code = _ISO_FIXES.get(code, code)
    if not reliable or len(code) != 2:
        return None, None
    return code, percent / 100.0


def detect_languages(texts: pl.Series, min_chars: int = MIN_LETTERS) -> tuple[list[str | None], list[float | None]]:
    """Detect each text's language so non-English paragraphs can be routed or skipped.

    Returns (codes, confidences): ISO 639-1 codes, and the share of the text (0-1) CLD2 assigns
    to that language. Both are None when the text has fewer than `min_chars` letters, when CLD2
    flags its answer unreliable, or when the language has no ISO 639-1 code.
    """
    texts = texts.cast(pl.String).fill_null("")
    values = texts.to_list()
    unsafe = texts.str.contains(_UNSAFE_HINT).to_list()
    enough = _enough_letters(texts, values, min_chars)
    results = [_detect_one(text, bad) if ok else (None, None) for text, ok, bad in zip(values, enough, unsafe)]
    return [code for code, _ in results], [conf for _, conf in results]
