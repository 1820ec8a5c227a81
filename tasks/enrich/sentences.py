"""Rule-based English sentence splitter: terminal punctuation plus an abbreviation list."""

import re

import polars as pl

# Words that take a full stop without ending a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof sr jr st sgt cpl pte lt col gen maj capt cmdr adm rev fr hon rt "
    "sen rep gov pres supt insp det ch cllr vs v etc approx est dept univ corp inc ltd co plc "
    "jan feb apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri ft mt ave rd".split()
)
# Abbreviations that are also ordinary words ("no", "art") count only before a number: "No. 10".
NUMERIC_ABBREVIATIONS = frozenset("no nos vol fig p pp para art op".split())
# After an initialism like "U.S." a new sentence is assumed only before these common openers.
SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i you but and so yet this that these those there his her their "
    "its our in on at as if when while after before however meanwhile".split()
)
_CLOSERS = re.escape("\"'”’)]»")
_OPENERS = re.escape("\"'“‘([«")
# A candidate boundary: terminal punctuation (incl. "..." and "…"), optional closing quotes or
# brackets, whitespace, then an optional opening quote or bracket and an upper-case letter or digit.
_BOUNDARY = re.compile(rf"(?:[.!?]+|…)[{_CLOSERS}]*(?P<gap>\s+)(?=[{_OPENERS}]*[A-Z0-9À-ÖØ-Þ])")
# The same boundary for Polars (Rust regex: no look-ahead, so the capital is consumed; \s widened
# to every character Python counts as space). A text without a match is one sentence.
_MAY_SPLIT = rf"(?:[.!?]+|…)[{_CLOSERS}]*[\s\x1c-\x1f]+[{_OPENERS}]*[A-Z0-9À-ÖØ-Þ]"
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}$")  # "14. Charles Leclerc": a numbered-list marker
_WORD_AFTER = re.compile(r"[\"'“‘(\[«]*([A-Za-z]+)")


def _is_abbreviation(text: str, dot: int, next_start: int) -> bool:
    """Tell whether the full stop at `dot` belongs to an abbreviation rather than ending a sentence."""
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return _LIST_NUMBER.match(text, 0, dot) is not None
    word = match.group(1)
    if "." in word or len(word) == 1 and word.isupper():
        # Initialisms ("U.S.", "e.g.") and initials ("J. Smith") rarely end sentences.
        following = _WORD_AFTER.match(text, next_start)
        return not (following and following.group(1).lower() in SENTENCE_OPENERS)
    word = word.lower()
    if word in NUMERIC_ABBREVIATIONS:
        return text[next_start : next_start + 1].isdigit()
    return word in ABBREVIATIONS


def sentence_ends(text: str) -> list[int]:
    """Return the offsets where sentences end (exclusive), so callers can map spans to sentences."""
    ends = []
    for match in _BOUNDARY.finditer(text):
        punct_end = match.start("gap")
        single_dot = punct_end - match.start() == 1 and text[match.start()] == "."
        if single_dot and _is_abbreviation(text, match.start(), match.end()):
            continue
        ends.append(punct_end)
    stripped = len(text.rstrip())
    if stripped and (not ends or ends[-1] < stripped):
        ends.append(stripped)
    return ends


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences so per-sentence counts and features are meaningful."""
    sentences, start = [], 0
    for end in sentence_ends(text):
        sentence = text[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    return sentences


def count_sentences(text: str) -> int:
    """Count sentences for the n_sentences column."""
    return len(split_sentences(text))


def count_sentences_column(texts: pl.Series) -> pl.Series:
    """count_sentences of every text, calling Python only where a boundary is possible (a fifth of news paragraphs)."""
    may_split = texts.str.contains(_MAY_SPLIT).to_list()
    counts = [count_sentences(t) if split else int(bool(t.strip())) for t, split in zip(texts, may_split)]
    return pl.Series("n_sentences", counts, dtype=pl.Int32)
