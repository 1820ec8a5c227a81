"""The one settings model: the flow's parameter, validated once; pure functions get only their part.

Every default is declared once, here: the small records below are what the stage functions take
(limits, switches, thresholds), and `Settings` takes its defaults from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MiB = 1024 * 1024
DEFAULT_BASE_URL = "https://www.bbc.co.uk"


@dataclass(frozen=True)
class InputLimits:
    """What ingest refuses to read or parse: a file becomes a quarantine row past any of these."""

    max_file_bytes: int = 16 * MiB
    max_paragraphs: int = 20_000
    max_paragraph_chars: int = 1_000_000
    max_depth: int = 50


@dataclass(frozen=True)
class RepeatThresholds:
    """From how many distinct articles a repeated text is boilerplate: anywhere, or at the article's edges."""

    anywhere: int = 5
    edge: int = 2


@dataclass(frozen=True)
class Enrichments:
    """Which optional enrichments run; a switched-off one leaves its columns null."""

    language: bool = True
    quotes: bool = True
    numbers: bool = True
    sentiment: bool = False


class Settings(BaseModel):
    """Everything a run can be told; defaults are what `make run` uses."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input: str = Field(description="Folder (or fsspec URL) searched recursively for *.txt article files.")
    output: str = Field(description="Folder (or fsspec URL) that holds the datasets and the manifest.")
    batch_files: int = Field(
        2000,
        ge=1,
        le=100_000,
        description="Most files per task run (a batch); batches are evened out to a multiple of `workers`.",
    )
    full_refresh: bool = Field(False, description="Delete the existing datasets and rebuild from scratch.")
    runner: Literal["auto", "thread", "process", "dask"] = Field(
        "auto", description="Task runner: 'auto' is a thread pool, or a process pool from 8,000 files to process."
    )
    workers: int = Field(2, ge=1, le=256, description="Worker processes or threads for the batch tasks.")
    dask_address: str | None = Field(None, description="tcp://HOST:PORT of an existing Dask scheduler.")
    base_url: str = Field(DEFAULT_BASE_URL, description="Site that relative links are resolved against.")
    max_file_bytes: int = Field(
        InputLimits.max_file_bytes, ge=1, description="Larger files are quarantined (too_large)."
    )
    max_paragraphs: int = Field(
        InputLimits.max_paragraphs, ge=1, description="Files with more paragraphs are quarantined (too_large)."
    )
    max_paragraph_chars: int = Field(
        InputLimits.max_paragraph_chars, ge=1, description="Files with a longer paragraph are quarantined (too_large)."
    )
    max_depth: int = Field(
        InputLimits.max_depth, ge=1, le=150, description="Deeper bracket nesting is quarantined (too_deep)."
    )
    repeat_threshold: int = Field(
        RepeatThresholds.anywhere,
        ge=2,
        description="A paragraph found in this many distinct articles is boilerplate (repeated).",
    )
    edge_repeat_threshold: int = Field(
        RepeatThresholds.edge, ge=2, description="The same, for paragraphs before or after the article's unique body."
    )
    full_check: bool = Field(
        False,
        description="Re-hash every known input file instead of skipping those whose size and mtime (or ETag) are unchanged.",
    )
    pairs_per_bucket: int = Field(
        500_000,
        ge=1,
        description="Repeat counting splits (text, article) pairs by hash into tasks of at most about this many, one per worker or more: its memory knob.",
    )

    language: bool = Field(Enrichments.language, description="Detect each paragraph's language (CLD2).")
    quotes: bool = Field(Enrichments.quotes, description="Find quoted spans and their speakers.")
    numbers: bool = Field(Enrichments.numbers, description="Find numeric mentions: counts, money, percentages, years.")
    sentiment: bool = Field(
        Enrichments.sentiment,
        description="Score the tone of English paragraphs (VADER); off by default: it costs more than all the rest.",
    )

    @property
    def limits(self) -> InputLimits:
        """The part ingest takes, so parse and read functions never see the whole model."""
        return InputLimits(self.max_file_bytes, self.max_paragraphs, self.max_paragraph_chars, self.max_depth)

    @property
    def thresholds(self) -> RepeatThresholds:
        """The part the boilerplate rules take."""
        return RepeatThresholds(self.repeat_threshold, self.edge_repeat_threshold)

    @property
    def enrichments(self) -> Enrichments:
        """The part the enrich step takes: which optional enrichments run."""
        return Enrichments(self.language, self.quotes, self.numbers, self.sentiment)

    @field_validator("input", "output")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value

    @model_validator(mode="after")
    def _sentiment_needs_language(self) -> Settings:
        if self.sentiment and not self.language:
            raise ValueError(
                "sentiment scores English paragraphs only, so it needs language detection: turn both off or keep language on"
            )
        return self
