"""The docs' reference tables are generated from the code and must be current; their links must resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flows.docs import BLOCKS, pages, render
from schemas import ERROR_KINDS

ROOT = Path(__file__).resolve().parents[2]
MARKDOWN = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _outside_code(text: str) -> list[str]:
    """The page's lines outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def _anchors(path: Path) -> set[str]:
    return {_slug(line.lstrip("#")) for line in _outside_code(path.read_text()) if line.startswith("#")}


def _links(path: Path) -> list[str]:
    text = "\n".join(_outside_code(path.read_text()))
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", t)]


def test_generated_pages_are_found():
    assert [p.relative_to(ROOT).as_posix() for p in pages()] == ["docs/columns.md"]


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_generated_tables_are_current(path):
    text = path.read_text()
    assert render(text) == text, f"{path.name} is out of date: run `make docs`"


def test_every_generated_table_is_on_exactly_one_page():
    texts = [p.read_text() for p in MARKDOWN]
    for name in BLOCKS:
        assert sum(f"<!-- generated:{name} -->" in t for t in texts) == 1, name


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.name)
def test_every_link_resolves(path):
    for link in _links(path):
        file, _, anchor = link.partition("#")
        target = (path.parent / file).resolve() if file else path
        assert target.is_file(), f"{path.name}: {link}"
        if anchor:
            assert anchor in _anchors(target), f"{path.name}: {link}"


def test_slugs_match_github():
    assert _slug(" Cost of each step (`make bench-stages`)") == "cost-of-each-step-make-bench-stages"
    assert _slug("Readers and the commit") == "readers-and-the-commit"


def test_every_error_kind_is_documented():
    source = "".join(p.read_text() for p in (ROOT / "tasks" / "ingest").glob("*.py"))
    used = set(re.findall(r'BadInput\(\s*"(\w+)"', source))
    assert used and used <= set(ERROR_KINDS)
