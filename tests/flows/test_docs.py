"""The README's reference tables are generated from the code and must be current."""

from __future__ import annotations

import re
from pathlib import Path

from flows.docs import render
from schemas import ERROR_KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_readme_tables_are_current():
    readme = (ROOT / "README.md").read_text()
    assert render(readme) == readme, "README is out of date: run `make docs`"


def test_every_error_kind_is_documented():
    source = "".join(p.read_text() for p in (ROOT / "tasks" / "ingest").glob("*.py"))
    used = set(re.findall(r'BadInput\(\s*"(\w+)"', source))
    assert used and used <= set(ERROR_KINDS)
