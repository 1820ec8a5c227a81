"""Fixtures of the commit tests: fault rules switched on for one test."""

from __future__ import annotations

import json

import pytest

from tasks.storage import faults


@pytest.fixture
def inject(tmp_path, monkeypatch):
    """Switch on fault rules for this test; returns a function that reads a rule's hit count."""
    rules_file = tmp_path / "faults.json"

    def set_rules(*rules: dict):
        rules_file.write_text(json.dumps(list(rules)))
        monkeypatch.setenv(faults.ENV, str(rules_file))
        return lambda number: (tmp_path / f"faults.json.{number}.hits").stat().st_size

    yield set_rules
    monkeypatch.delenv(faults.ENV, raising=False)
