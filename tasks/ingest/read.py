"""Read a batch of article files: bounded, retried reads, parsed into paragraph and article rows.

A file becomes paragraph rows, or one quarantine row whose `error_kind` says what is wrong.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass

import polars as pl

from schemas.internal import INGESTED, INGESTED_ARTICLES, QUARANTINE_ROW
from tasks.ingest.discover import article_id
from tasks.ingest.parse import BadInput, parse_paragraphs, too_large_file
from tasks.settings import InputLimits
from tasks.storage.store import Store, is_transient_error

READ_ATTEMPTS = 3
READ_BACKOFF_SECONDS = 0.05


@dataclass(frozen=True)
class IngestedBatch:
    """What one batch of files became: paragraph rows, article rows and quarantine rows."""

    paragraphs: pl.DataFrame
    articles: pl.DataFrame
    quarantine: pl.DataFrame
    read_retries: int


def read_with_retry(source: Store, rel: str) -> tuple[bytes, int]:
    """Read a file, retrying transient OS errors with backoff; return the bytes and retries used."""
    for attempt in range(READ_ATTEMPTS):
        try:
            return source.read_bytes(rel), attempt
        except OSError as e:
            if not is_transient_error(e) or attempt == READ_ATTEMPTS - 1:
                raise
            time.sleep(READ_BACKOFF_SECONDS * 2**attempt)
    raise AssertionError("unreachable")


def read_article(source: Store, rel: str, max_file_bytes: int) -> tuple[bytes, int]:
    """The bytes of one input file and the retries used, or BadInput before reading what must not be read."""
    problem = _unreadable(source, rel, max_file_bytes)
    if problem:
        raise problem
    try:
        return read_with_retry(source, rel)
    except OSError as e:
        tried = f" after {READ_ATTEMPTS} attempts" if is_transient_error(e) else ""
        raise BadInput("io_error", f"could not read{tried}: {e.strerror or e}") from None


def _unreadable(source: Store, rel: str, max_file_bytes: int) -> BadInput | None:
    """Why a file must not be read at all: a link out of the input, a pipe or device, too many bytes."""
    try:
        if source.is_local:
            path = source.path(rel)
            if os.path.islink(path) and os.path.commonpath([os.path.realpath(path), source.root]) != source.root:
                return BadInput("outside_input", "symlink points outside the input folder; not followed")
            info = os.stat(path)  # one stat gives both the kind of file and its size
            if not stat.S_ISREG(info.st_mode):
                return BadInput("not_a_file", "not a regular file (a pipe, socket or device); not read")
            size = info.st_size
        else:
            size = source.size(rel)
    except OSError as e:
        return BadInput("io_error", f"could not read: {e.strerror or e}")
    if size > max_file_bytes:
        return too_large_file(size, max_file_bytes)
    return None


def ingest_files(source: Store, paths: list[str], limits: InputLimits) -> IngestedBatch:
    """Read and parse a batch of files into paragraph and article rows, or quarantine rows."""
    paragraphs: dict[str, list] = {name: [] for name in INGESTED}
    articles: dict[str, list] = {name: [] for name in INGESTED_ARTICLES}
    quarantine: list[dict] = []
    read_retries = 0
    for rel in paths:
        try:
            data, retries = read_article(source, rel, limits.max_file_bytes)
        except BadInput as e:
            quarantine.append(_quarantine_row(rel, None, None, e))
            continue
        read_retries += retries
        sha = hashlib.sha256(data).hexdigest()
        try:
            texts = parse_paragraphs(data, limits)
        except BadInput as e:
            quarantine.append(_quarantine_row(rel, sha, len(data), e))
            continue
        aid = article_id(rel)
        paragraphs["article_id"].extend([aid] * len(texts))
        paragraphs["source_file"].extend([rel] * len(texts))
        paragraphs["paragraph_index"].extend(range(len(texts)))
        paragraphs["raw_html"].extend(texts)
        for key, value in zip(articles, (aid, rel, sha)):
            articles[key].append(value)
    return IngestedBatch(
        pl.DataFrame(paragraphs, schema=INGESTED),
        pl.DataFrame(articles, schema=INGESTED_ARTICLES),
        pl.DataFrame(quarantine, schema=QUARANTINE_ROW),
        read_retries,
    )


def _quarantine_row(rel: str, sha: str | None, size: int | None, error: BadInput) -> dict:
    return {
        "source_file": rel,
        "content_sha256": sha,
        "size_bytes": size,
        "error_kind": error.kind,
        "error_message": error.message,
    }
