"""Environment variables set for a while."""

from __future__ import annotations

import os

import pytest

from flows.environment import temporary_environ


def test_variables_set_for_a_while_are_restored_or_removed_after_even_on_error(monkeypatch):
    monkeypatch.setenv("NEWSFLOW_TEST_OWN", "mine")
    monkeypatch.delenv("NEWSFLOW_TEST_NEW", raising=False)
    with pytest.raises(KeyError), temporary_environ({"NEWSFLOW_TEST_OWN": "1", "NEWSFLOW_TEST_NEW": "2"}):
        assert (os.environ["NEWSFLOW_TEST_OWN"], os.environ["NEWSFLOW_TEST_NEW"]) == ("1", "2")
        raise KeyError("a failure inside")
    assert os.environ["NEWSFLOW_TEST_OWN"] == "mine"
    assert "NEWSFLOW_TEST_NEW" not in os.environ
