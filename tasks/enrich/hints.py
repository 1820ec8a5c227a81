"""Pre-filters in Polars' regex dialect: one pass over a column tells which rows a Python step can
find something in, so the step runs on those only. Each pattern must never rule out such a row."""

_NOT_WORD = "[^A-Za-z0-9_]"  # across an ASCII \b from a word character: never an ASCII letter, digit or "_"


def whole_words(alternation: str) -> str:
    """Any word of `alternation` between ASCII word boundaries: Python's `(?a:\\b)` spelled out,
    since Rust's \\b is Unicode (a word after "é" would not start at one)."""
    return f"(?:^|{_NOT_WORD})(?:{alternation})(?:{_NOT_WORD}|$)"
