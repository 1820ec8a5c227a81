"""Stage timing and counters of a task run, merged across tasks into the run summary.

In the spirit of datatrove's `track_time` and `stat_update`: a task records what it measured in
one place, and the summary adds the records of every task up instead of each task copying its own
timing code.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Stats:
    """Seconds per stage and named counts (read retries, task retries) of one or more task runs."""

    seconds: Counter[str] = field(default_factory=Counter)
    counts: Counter[str] = field(default_factory=Counter)

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Add the wall time of the block to `stage`: perf_counter, so a clock change cannot skew it."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - started

    def count(self, name: str, n: int = 1) -> None:
        """Add `n` to the counter `name` (read retries, task retries): summed over tasks like seconds."""
        self.counts[name] += n

    @classmethod
    def merged(cls, parts: Iterable[Stats]) -> Stats:
        """The sum of several records: seconds per stage and counts add up."""
        total = cls()
        for part in parts:
            total.seconds.update(part.seconds)
            total.counts.update(part.counts)
        return total
