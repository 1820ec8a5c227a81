"""The one settings model: the flow's parameter, validated once, passed to every task."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MiB = 1024 * 1024


class Settings(BaseModel):
    """Everything a run can be told; defaults are what `make run` uses."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input: str = Field(description="Folder (or fsspec URL) searched recursively for *.txt article files.")
    output: str = Field(description="Folder (or fsspec URL) that holds the datasets and the manifest.")
    batch_files: int = Field(2000, ge=1, le=100_000, description="Files per task run (a batch).")
    full_refresh: bool = Field(False, description="Delete the existing datasets and rebuild from scratch.")
    runner: Literal["auto", "thread", "process", "dask"] = Field(
        "auto", description="Task runner: 'auto' is a thread pool, or a process pool from 8,000 input files."
    )
    workers: int = Field(2, ge=1, le=256, description="Worker processes or threads for the batch tasks.")
    dask_address: str | None = Field(None, description="tcp://HOST:PORT of an existing Dask scheduler.")
    base_url: str = Field("https://www.bbc.co.uk", description="Site that relative links are resolved against.")
    max_file_bytes: int = Field(16 * MiB, ge=1, description="Larger files are quarantined (too_large).")
    max_paragraphs: int = Field(20_000, ge=1, description="Files with more paragraphs are quarantined (too_large).")
    max_paragraph_chars: int = Field(
        1_000_000, ge=1, description="Files with a longer paragraph are quarantined (too_large)."
    )
    max_depth: int = Field(50, ge=1, le=150, description="Deeper bracket nesting is quarantined (too_deep).")
    repeat_threshold: int = Field(
        5, ge=2, description="A paragraph found in this many distinct articles is boilerplate (repeated)."
    )
    edge_repeat_threshold: int = Field(
        2, ge=2, description="The same, for paragraphs before or after the article's unique body."
    )
    pairs_per_bucket: int = Field(
        500_000,
        ge=1,
        description="Repeat counting splits (text, article) pairs by hash into tasks of about this many: its memory knob.",
    )

    language: bool = Field(True, description="Detect each paragraph's language (CLD2).")
    quotes: bool = Field(True, description="Find quoted spans and their speakers.")
    numbers: bool = Field(True, description="Find numeric mentions: counts, money, percentages, years.")
    sentiment: bool = Field(
        False,
        description="Score the tone of English paragraphs (VADER); off by default: it costs more than all the rest.",
    )

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
