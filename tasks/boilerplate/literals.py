"""Required literals of a regex: strings one of which occurs in every match.

A paragraph holding none of a furniture alternative's required literals cannot match it, so one
cheap scan for the literals spares most paragraphs the costly furniture scans (`patterns._may_match`).
The literals are read off the patterns themselves, so a new pattern brings its own. Python's regex
parser reads the patterns: they keep to the syntax Rust's regex crate and Python's `re` share
(`\\x{...}` escapes aside, rewritten first), and tests/boilerplate/test_literals.py checks the
literals against the Rust engine on examples of every alternative.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# A character class of up to this many characters counts as that many one-character literals, and
# a literal set grows by concatenation up to this many strings: past these, literals are too many
# for a fast scan.
MAX_CLASS = 4
MAX_STRINGS = 64

# (exact, required): every string the item matches when they are few (else None), and a set one of
# which every match of it contains (None when unknown).
Literals = tuple[set[str] | None, set[str] | None]


def required_literals(regex: str) -> frozenset[str] | None:
    """Strings one of which occurs in every match of `regex`, or None when it has no such set."""
    exact, required = _sequence(_parser.parse(python_regex(regex)))
    best = _cheapest(exact, required)
    return None if best is None else frozenset(minimal(best))


def python_regex(regex: str) -> str:
    """A pattern in the syntax Python's `re` reads: Rust's `\\x{...}` escapes as `\\uXXXX`."""
    return re.sub(r"\\x\{([0-9a-f]+)\}", lambda escape: f"\\u{int(escape[1], 16):04x}", regex)


def _cost(strings: set[str] | None) -> float:
    """How often a literal set is expected to occur in text: short literals are common ones."""
    if not strings or "" in strings:
        return float("inf")
    return sum(len(s.encode()) ** -3 for s in strings)


def _cheapest(*sets: set[str] | None) -> set[str] | None:
    """The rarest usable set among `sets` (None if none is usable)."""
    best = min(sets, key=_cost, default=None)
    return best if _cost(best) < float("inf") else None


def _product(left: set[str] | None, right: set[str] | None) -> set[str] | None:
    """Every concatenation of a left and a right string, when they stay few."""
    if left is None or right is None:
        return None
    joined = {a + b for a in left for b in right}
    return joined if len(joined) <= MAX_STRINGS else None


def minimal(strings: set[str]) -> set[str]:
    """`strings` without those that contain another: a text holding the longer holds the shorter.

    A string is compared only with the kept ones that start with one of its characters or pairs of
    characters, not with every kept one (the patterns' 1,111 literals: 0.027 s to 0.015 s)."""
    kept: dict[str, list[str]] = {}  # by their first two characters
    for s in sorted(strings, key=len):
        starts = {s[i : i + n] for n in (0, 1, 2) for i in range(len(s) + 1)}
        if not any(k in s for start in starts for k in kept.get(start, ())):
            kept.setdefault(s[:2], []).append(s)
    return {s for group in kept.values() for s in group}


def _sequence(items: list[tuple[Any, Any]]) -> Literals:
    """A concatenation: its exact strings, and the rarest run of consecutive items' exact strings.

    A run starting after an item with one exact string is never the rarest: the same run with that
    string in front is as many strings, none shorter. So runs start only after other items, and a
    long literal is scanned once, not once per character (every alternative of the patterns: 0.24 s
    to 0.09 s of each process's import)."""
    nodes = [_item(op, arg) for op, arg in items]
    required = _cheapest(*(r for _, r in nodes))
    lowest = _cost(required)  # kept beside `required`: a long literal has hundreds of runs to weigh against it
    for start in range(len(nodes)):
        if start and nodes[start - 1][0] is not None and len(nodes[start - 1][0]) == 1:
            continue
        run: set[str] | None = {""}
        for exact, _ in nodes[start:]:
            run = _product(run, exact)
            if run is None:
                break
            if (cost := _cost(run)) < lowest:
                required, lowest = run, cost
    exact: set[str] | None = {""}
    for item_exact, _ in nodes:
        exact = _product(exact, item_exact)
    return exact, required


def _item(op: Any, arg: Any) -> Literals:  # noqa: PLR0911 (one return per kind of item)
    """One parsed item: a character, an assertion, a class, a group, an alternation or a repeat."""
    if op is sre.LITERAL:
        return {chr(arg)}, None
    if op is sre.AT:
        return {""}, None  # zero-width: ^, $, \b
    if op is sre.IN:
        return _class(arg), None
    if op is sre.SUBPATTERN:
        return _sequence(arg[-1])
    if op is sre.BRANCH:
        return _alternation(arg[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, body = arg
        exact, required = _sequence(body)
        if high == 1 and exact is not None:
            return (exact if low else exact | {""}), None
        return None, (_cheapest(exact, required) if low else None)
    return None, None  # any character, a negated class or a category such as \w


def _class(members: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a small class of characters and ranges (None for larger or negated ones)."""
    chars: set[str] = set()
    for op, arg in members:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < MAX_CLASS:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars if len(chars) <= MAX_CLASS else None


def _alternation(branches: list[list[tuple[Any, Any]]]) -> Literals:
    """Alternatives: the union of their exact strings, and of their required literals."""
    parts = [_sequence(branch) for branch in branches]
    exact: set[str] | None = None
    if all(e is not None for e, _ in parts):
        exact = set().union(*(e for e, _ in parts if e is not None))
        exact = exact if len(exact) <= MAX_STRINGS else None
    each = [_cheapest(e, r) for e, r in parts]
    required = set().union(*(r for r in each if r is not None)) if all(r is not None for r in each) else None
    return exact, required
