"""Per-paragraph language identification with CLD2 (model compiled into the pycld2 wheel)."""

import re
from collections.abc import Sequence

import pycld2

MIN_LETTERS = 20
"""Texts with fewer alphabetic characters than this get no language: too short to identify."""

# CLD2 rejects control characters, surrogates and non-characters as "invalid UTF-8".
_CLD2_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# CLD2 still emits a few deprecated or regional codes; map them to ISO 639-1.
_ISO_FIXES = {"iw": "he", "jw": "jv", "in": "id", "zh-Hant": "zh", "mo": "ro"}


def _letters_at_least(count: int) -> re.Pattern[str]:
    """Match a text's start through its `count`-th letter: the test stops there, not at its end."""
    # Possessive, over complementary classes: a text short of letters fails without backtracking.
    return re.compile(rf"(?:[\W\d_]*+[^\W\d_]){{{max(count, 0)}}}")


def _detect_one(text: str, enough_letters: re.Pattern[str]) -> tuple[str | None, float | None]:
    """Return CLD2's top ISO 639-1 code and its share of the text, or nulls when not reliable."""
    if not enough_letters.match(text):
        return None, None
    try:
        reliable, _, details = pycld2.detect(_CLD2_UNSAFE.sub(" ", text))
    except pycld2.error:
        return None, None
    _, code, percent, _ = details[0]
    code = _ISO_FIXES.get(code, code)
    if not reliable or len(code) != 2:
        return None, None
    return code, percent / 100.0


def detect_languages(texts: Sequence[str], min_chars: int = MIN_LETTERS) -> tuple[list[str | None], list[float | None]]:
    """Detect each text's language so non-English paragraphs can be routed or skipped.

    Returns (codes, confidences): ISO 639-1 codes, and the share of the text (0-1) CLD2 assigns
    to that language. Both are None when the text has fewer than `min_chars` letters, when CLD2
    flags its answer unreliable, or when the language has no ISO 639-1 code.
    """
    enough_letters = _letters_at_least(min_chars)
    results = [_detect_one(text or "", enough_letters) for text in texts]
    return [code for code, _ in results], [conf for _, conf in results]
