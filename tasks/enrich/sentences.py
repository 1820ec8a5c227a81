"""Rule-based English sentence splitter: terminal punctuation, abbreviations, initialisms and lists.

A full stop after an abbreviation or initialism ("Co.", "U.S.", "J.") ends a sentence only when the
next word is one that opens sentences ("It", "How", "The"); a time's "a.m."/"p.m." ends one unless
the sentence opened with it ("At 5 a.m. Mr Smith ..."). Dots inside URLs, e-mail addresses and
numbers never split; a spaced ellipsis ". . ." splits only when it has four dots or follows a word
directly; "[...]" never splits. Numbered or lettered list items ("1.)", "2)", "a.", "• 9.") each
start a sentence when they run in sequence.
"""

import re

import polars as pl

# Words that take a full stop without ending a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    "mr mrs ms mx dr prof sr jr st sgt cpl pte lt col gen maj capt cmdr adm rev fr hon rt "
    "sen rep gov pres supt insp det ch cllr vs v etc approx est dept univ corp inc ltd co plc pty bros "
    "jan feb apr jun jul aug sep sept oct nov dec tue tues thu thur thurs fri ft mt ave rd".split()
)
# Abbreviations that never end a sentence, whatever follows ("Smith v. The State", "e.g. The").
NEVER_FINAL = frozenset("vs v e.g i.e cf".split())
# Abbreviations that are also ordinary words ("no", "art") count only before a number: "No. 10".
NUMERIC_ABBREVIATIONS = frozenset("no nos n° vol fig p pp para art op".split())
# After an abbreviation or initialism a new sentence is assumed only before these common openers.
SENTENCE_OPENERS = frozenset(
    "the a an he she it they we i you but and so yet this that these those there his her their "
    "its our my your in on at as if when while after before however meanwhile then now still also "
    "how what why who where which did does do is are was were has have had not no yes some many "
    "most all both each every one for with from by during since until later last next only even "
    "such".split()
)
# Words that open a time phrase at the head of a sentence: "At 5 a.m. Mr Smith went ...".
TIME_PREPOSITIONS = frozenset("at by from until till after before around about since".split())
# Words that go on a time rather than start a sentence: "at 9 a.m. ET", "at 10 a.m. Friday".
TIME_FOLLOWERS = frozenset(
    "et est edt ct cst cdt pt pst pdt gmt bst utc cet cest monday tuesday wednesday thursday friday saturday "
    "sunday january february march april june july august september october november december".split()
)
_CLOSE_MARKS = "\"'”’)]»"
_CLOSERS = re.escape(_CLOSE_MARKS)
_OPENERS = re.escape("\"'“‘([«")
# A candidate boundary: terminal punctuation (incl. "..." and "…"), optional closing quotes or
# brackets, whitespace, then an optional opening quote or bracket and an upper-case letter or digit.
# "[.!?…](?:(?<=[.!?])[.!?]*)?" is "(?:[.!?]+|…)" written to start with a character set, which lets
# Python's re skip to the candidate characters instead of trying the pattern at every position.
_BOUNDARY = re.compile(rf"[.!?…](?:(?<=[.!?])[.!?]*)?[{_CLOSERS}]*(?P<gap>\s+)(?=[{_OPENERS}]*[A-Z0-9À-ÖØ-Þ])")
# The same boundary for Polars (Rust regex: no look-ahead, so the capital is consumed; \s widened
# to every character Python counts as space), or a list item "2) " without a dot. A text without a
# match is one sentence.
_MAY_SPLIT = rf"(?:[.!?]+|…)[{_CLOSERS}]*[\s\x1c-\x1f]+[{_OPENERS}]*[A-Z0-9À-ÖØ-Þ]|\d\)\s+[A-Z]"
# A list item marker: optional bullet, then "1.)", "1)", "1." or "a.", then a capitalised word.
_MARKER = re.compile(r"(?:(?<=\s)|^)(?:[•⁃]\s*)?(?P<label>\d{1,3}|[a-z])(?:\.\)|\)|\.)\s+(?=[A-Z])")
_TERMINAL_BEFORE = re.compile(rf"[.!?…][{_CLOSERS}]*\s+$")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
_WORD_AFTER = re.compile(r"[\"'“‘(\[«]*([A-Za-z]+)")
_FRONTED_TIME = re.compile(r"\W*(\w+)\s+\d{1,2}(?:[.:]\d{2})?\s*[ap]\.m", re.IGNORECASE)


def _opens_sentence(text: str, next_start: int) -> bool:
    """Tell whether the word at `next_start` is one that commonly opens a sentence."""
    following = _WORD_AFTER.match(text, next_start)
    return following is not None and following.group(1).lower() in SENTENCE_OPENERS


def _abbreviation_ends(text: str, start: int, dot: int, next_start: int) -> bool:
    """Tell whether the full stop at `dot`, in the sentence begun at `start`, ends that sentence."""
    words = text[max(start, dot - 200) : dot].rsplit(None, 2)
    token = words[-1].lstrip("\"'“‘([«") if words else ""
    word = token.lower()
    before_digit = text[next_start : next_start + 1].isdigit()
    if word in NUMERIC_ABBREVIATIONS and before_digit:
        return False
    if not token[-1:].isalpha():
        return True  # a number, a URL or e-mail address ending in a digit, a closing mark
    if word in NEVER_FINAL:
        return False
    if word in ("a.m", "p.m") and len(words) > 1 and words[-2][-1:].isdigit():
        # "left at 6 p.m. Mr Smith": a time ends its sentence unless the sentence opened with it
        fronted = _FRONTED_TIME.fullmatch(text, start, dot)
        following = _WORD_AFTER.match(text, next_start)
        return not (
            fronted
            and fronted.group(1).lower() in TIME_PREPOSITIONS
            or following
            and following.group(1).lower() in TIME_FOLLOWERS
        )
    if word in ABBREVIATIONS or _INITIALISM.fullmatch(token) and (len(token) > 1 or token.isupper()):
        # "& Co. It closed", "the U.S. How": listed words, initialisms ("U.S.", "J.") end only before an opener
        return _opens_sentence(text, next_start)
    return True  # an ordinary word, a URL or an e-mail address


def _spaced_ellipsis_ends(text: str, dot: int) -> bool:
    """A spaced ellipsis (". . .") ends a sentence when it has four dots or follows a word directly."""
    first = dot
    while text[first - 2 : first] in (". ", ".\u00a0"):
        first -= 2
    dots = (dot - first) // 2 + 1
    return dots == 1 or dots >= 4 or (first > 0 and not text[first - 1].isspace())


def _list_markers(text: str) -> list[re.Match]:
    """List item markers that run in sequence ("1) ... 2) ..."), starting at the text's start or at 1/a."""
    markers, previous = [], None
    for match in _MARKER.finditer(text):
        label = match["label"]
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        at_start = not text[: match.start()].strip()
        if at_start or value == 1 or (previous is not None and value == previous + 1):
            markers.append(match)
            previous = value
    # A lone "1." or "a." in the middle of a text is a word or a number, not a list
    return [m for m in markers if len(markers) > 1 or not text[: m.start()].strip()]


def sentence_ends(text: str) -> list[int]:
    """Return the offsets where sentences end (exclusive), so callers can map spans to sentences."""
    may_list = _MARKER.match(text) or "1. " in text or "1) " in text or "1.) " in text or " a. " in text
    markers = _list_markers(text) if may_list else []
    marker_dots = {m.end("label") for m in markers}
    ends, start = [], 0
    for match in _BOUNDARY.finditer(text):
        dot, punct_end = match.start(), match.start("gap")
        if dot in marker_dots or text[dot - 1 : dot] == "[" and not _TERMINAL_BEFORE.search(text, 0, dot - 1):
            continue  # a list marker's dot, or an ellipsis in brackets inside a sentence ("Bohr [...] used")
        single_dot = text[dot:punct_end].rstrip(_CLOSE_MARKS) == "."
        if single_dot and not (_spaced_ellipsis_ends(text, dot) and _abbreviation_ends(text, start, dot, match.end())):
            continue
        ends.append(punct_end)
        start = match.end()
    if markers:  # each item after the first ends the text before it
        ends = sorted(set(ends).union(len(text[: m.start()].rstrip()) for m in markers) - {0})
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
    rows = texts.str.contains(_MAY_SPLIT).arg_true()
    counts = [count_sentences(text) for text in texts.gather(rows).to_list()]
    # Elsewhere one sentence unless blank; Python's whitespace is Rust's \s plus \x1c-\x1f.
    one_unless_blank = texts.str.contains(r"[^\s\x1c-\x1f]").cast(pl.Int32)
    return one_unless_blank.scatter(rows, pl.Series(counts, dtype=pl.Int32)).alias("n_sentences")
