"""Environment variables set for a while, for child processes started meanwhile to inherit."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def temporary_environ(values: dict[str, str]) -> Iterator[None]:
    """Set these environment variables for the duration, then restore what was there (or remove them)."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
