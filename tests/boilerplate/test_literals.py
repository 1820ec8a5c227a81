"""Tests for tasks.boilerplate.literals and the literal pre-filter of the furniture scan (patterns._may_match)."""

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.boilerplate.literals import minimal, python_regex, required_literals
from tasks.boilerplate.patterns import (
    _PARTS,
    _ROUTES,
    _WORDS,
    FURNITURE,
    LITERALS,
    _filtered,
    _may_match,
    _routed,
    fast,
    matches,
    short_lower,
)


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (
            r"terms (?:of|and) (?:use|service)",
            {"terms of use", "terms of service", "terms and use", "terms and service"},
        ),
        (r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b)", {"©", "(c)", "copyright"}),
        (r"inscr[ií]ba?", {"inscrib", "inscríb"}),  # "inscriba" holds "inscrib": one literal is enough
        (r"\bsign[ -]?up\b", {"sign up", "sign-up", "signup"}),
        (r"(?:cookie|çerez).*(?:use|nutz)", {"cookie", "çerez"}),  # the rarer side of the gap
        (r"फ\x{93c}?ॉलो", {"फॉलो", "फ\u093cॉलो"}),  # a Rust escape, the optional sign spelled out
        (r"\d+", None),
        (r"a|\w+", None),  # one alternative without literals: the whole has none
    ],
)
def test_required_literals(regex: str, expected: set[str] | None) -> None:
    """Literals one of which every match holds, the rarest (longest, fewest) such set."""
    assert required_literals(regex) == (None if expected is None else frozenset(expected))


@given(st.sets(st.text(alphabet="abé", max_size=5), max_size=12))
def test_minimal_keeps_the_strings_that_hold_no_other(strings: set[str]) -> None:
    assert minimal(strings) == {s for s in strings if not any(o != s and o in s for o in strings)}


def test_minimal_literals_of_the_patterns() -> None:
    assert minimal({"terms of use", "use", "cookie", "cookies", "e"}) == {"e"}
    assert minimal({"use", "cookie", "cookies", "sign up"}) == {"use", "cookie", "sign up"}
    assert set(_WORDS) == minimal(set(_WORDS))


def test_every_unanchored_alternative_has_literals() -> None:
    """A pattern without literals would be scanned on every paragraph: rewrite it to hold a word."""
    assert [branch for branch, literals in LITERALS.items() if literals is None] == []


def _scan_all(texts: list[str]) -> tuple[list[bool], list[bool]]:
    """The pre-filter's verdict and whether any furniture pattern matches, for each text."""
    text, n_chars = pl.col("text"), pl.col("n_chars")
    frame = pl.DataFrame({"text": texts, "n_chars": [len(t) for t in texts]}).with_columns(
        _lower=short_lower(text, n_chars)
    )
    full = frame.select(pl.any_horizontal(matches(pl.col("_lower"), n_chars, f) for f in FURNITURE.values()))
    return _may_match(frame).to_list(), full.to_series().to_list()


def test_each_literal_of_an_alternative_routes_to_it() -> None:
    """Every required literal of a filtered alternative holds a pre-filter word whose route, at the
    alternative's length cap, scans the alternative: a paragraph it matches reaches it."""
    routes = {(word, cap): route.split("|") for word, cap, route in _ROUTES.iter_rows()}
    unreached = [
        (branch, literal)
        for cap, branch in _PARTS
        if _filtered(branch)
        for literal in LITERALS[branch] or ()
        if not any(f"(?:{fast(branch)})" in "|".join(routes.get((word, cap), [])) for word in _WORDS if word in literal)
    ]
    assert unreached == []


def test_routes_scan_only_the_paragraphs_holding_their_words() -> None:
    """A paragraph holding a common literal inside another word ("hotel") is scanned by that
    literal's few alternatives and matches none; an address line with a telephone number matches;
    the same line in a paragraph too long for the route's cap is not scanned."""
    address = "hauptstraße 1, 10115 berlin, tel. 030 123456"
    short = pl.DataFrame(
        {
            "_lower": ["the hotel was full.", address, address + " " + "x" * 300],
            "n_chars": [19, len(address), len(address) + 301],
        }
    )
    assert _routed(short).to_list() == [False, True, False]


@pytest.mark.parametrize("branch", [branch for branch in LITERALS if _filtered(branch)])
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(data=st.data())
def test_prefilter_keeps_every_match_of_an_alternative(branch: str, data: st.DataObject) -> None:
    """Text generated from each filtered alternative that the patterns match passes the pre-filter.

    Examples are derived from the alternative, not drawn at random: `from_regex` meets `\\b` and
    negated classes by filtering, and on some alternatives a random run discarded 50 texts for one
    kept and failed Hypothesis's health check (CI, 2026-12-06), a flake that said nothing of the
    pre-filter."""
    texts = data.draw(st.lists(st.from_regex(python_regex(branch), fullmatch=True), min_size=1, max_size=20))
    kept, matched = _scan_all(texts)
    assert [t for t, k, m in zip(texts, kept, matched) if m and not k] == []
