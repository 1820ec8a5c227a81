"""What the tasks of a run hand each other: small frozen records of paths and counts.

Frames never travel between tasks (Prefect would pickle them into worker processes and keep them);
they are staged as files under the run's staging folder and these records name them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from tasks.commit.staging import RunInfo
from tasks.stats import Stats

if TYPE_CHECKING:
    from tasks.repeats.runs import PairRun


class Batch(NamedTuple):
    """A batch of a plan as the flow sees it: its number of files, and its first and last (for messages)."""

    files: int
    first: str
    last: str


@dataclass(frozen=True)
class Plan:
    """The input files of a run, in batches, and what the output already holds of them."""

    run: RunInfo
    batches: list[Batch]  # the files themselves are staged (`planned`): a plan holds no list of every path
    found: int  # input files found
    skipped: int  # unchanged since they were written
    replaced: list[str]  # files written before whose content changed: their rows are replaced
    superseded: list[str]  # current versions of articles that a newer file of this run replaces
    replaced_ids: list[str]  # articles whose published rows this run replaces (their repeat pairs are dropped)
    text_files: list[str]  # the committed (text, article) pair files of the base, in hash-bucket order
    text_pairs: int  # pairs in those files
    planned: str | None = None  # the batches' files, staged one part per batch (PLANNED rows)
    quick_keys: str | None = None  # staged quick keys to record (QUICK_KEYS rows): a part per batch, then known files'
    text_deltas: list[PairRun] = field(default_factory=list)  # the newer pair runs, oldest first
    stats: Stats = field(default_factory=Stats)
    healed: list[str] = field(default_factory=list)  # state files rebuilt from the tables, and why


@dataclass(frozen=True)
class CleanedBatch:
    """One batch ingested and cleaned: staged paragraphs, articles, quarantine rows and text pairs."""

    batch_no: int
    paragraphs: str
    articles: str
    quarantine: str
    versions: str
    pairs: str
    n_pairs: int
    n_paragraphs: int
    stats: Stats


@dataclass(frozen=True)
class RepeatBucket:
    """One hash bucket counted: the counts each batch needs (one part per batch) and its new pair state."""

    counts: str
    state: str
    pairs: int
    stats: Stats
    kept: int = 0  # committed pair runs left as they were (tasks/repeats/runs.py Counting.kept)
    dropped: dict[str, int] = field(default_factory=dict)  # the tombstones of the run it wrote


@dataclass(frozen=True)
class EnrichedBatch:
    """One batch ready to publish: the tables it staged and the skip-list rows of its files."""

    batch_no: int
    written: list[str]
    files: str
    n_articles: int
    n_older: int  # files read as an older version of their article: recorded in article_versions only
    n_paragraphs: int
    n_quarantined: int
    quarantine_kinds: dict[str, int]
    stats: Stats


@dataclass(frozen=True)
class RunSummary:
    """What a run did: files found = written + skipped + quarantined, paragraphs, retries and seconds.

    A file written as an older version of its article counts as written (its row is in article_versions).
    """

    run_id: str
    files_found: int
    files_written: int
    files_skipped: int
    files_quarantined: int
    files_replaced: int
    paragraphs: int
    read_retries: int
    task_retries: int
    quarantine_kinds: dict[str, int]
    batches: int
    seconds: dict[str, float]
    older_versions: int | None = (
        None  # files written only to article_versions: a newer file of their article is current
    )
    versions_superseded: int | None = None  # current versions this run replaced with a newer file of their article
    state_rebuilt: int | None = None  # state files (skip list, repeat pairs) found missing or damaged and rebuilt
    version: int | None = None
    paragraphs_per_second: int | None = None

    def to_dict(self) -> dict:
        """The summary as the flow returns it and the manifest keeps it (plain JSON)."""
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, data: dict) -> RunSummary:
        """A summary as the manifest kept it; keys an older summary lacks are None."""
        return cls(**{k: data.get(k) for k in cls.__dataclass_fields__})
