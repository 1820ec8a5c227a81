"""Which known input files are unchanged since they were written: a rerun skips them."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

import polars as pl

from schemas.internal import QUICK_KEYS
from tasks.ingest.parse import BadInput
from tasks.ingest.read import read_article
from tasks.storage.store import Store

# Known files are re-hashed on threads: reads and sha256 release the GIL (2 cores: 1.8x faster).
HASH_THREADS = 4
HASH_CHUNK = 256


class Unchanged(NamedTuple):
    """Known files whose content is the same, the read retries used, and quick keys to record anew."""

    files: pl.DataFrame  # source_file
    read_retries: int
    refreshed: pl.DataFrame  # QUICK_KEYS rows


def unchanged_files(
    source: Store, known: pl.DataFrame, listing: pl.DataFrame, max_file_bytes: int, full_check: bool
) -> Unchanged:
    """The known files (skip-list rows: source_file, content_sha256, quick_key) whose content is the same.

    A file whose quick key is the one recorded when it was written is unchanged without being read
    (unless `full_check`); the others are hashed. A file hashed the same whose key differs (or was
    never recorded) gets its current key recorded, so the next run need not read it. Joins, not
    Python loops: a rerun compares every file of the archive.
    """
    now = known.join(listing.select("source_file", key_now="quick_key"), on="source_file")
    # a file quarantined unread has no sha256: its key is never trusted, so it is tried again
    same_key = pl.col("content_sha256").is_not_null() & (pl.col("quick_key") == pl.col("key_now")).fill_null(False)
    trusted = now.filter(same_key & (not full_check))
    to_hash = now.join(trusted, on="source_file", how="anti")
    same, retries = hashed_unchanged(
        source, dict(zip(to_hash["source_file"], to_hash["content_sha256"])), max_file_bytes
    )
    rehashed = to_hash.filter(pl.col("source_file").is_in(sorted(same)))
    refreshed = rehashed.filter(pl.col("key_now").is_not_null() & pl.col("key_now").ne_missing(pl.col("quick_key")))
    files = pl.concat([trusted.select("source_file"), rehashed.select("source_file")])
    return Unchanged(files, retries, refreshed.select("source_file", quick_key="key_now").cast(QUICK_KEYS))


def hashed_unchanged(source: Store, known: dict[str, str], max_file_bytes: int) -> tuple[set[str], int]:
    """The files of `known` (path to sha256) whose content is still the same, and the read retries used.

    A file that cannot be read here counts as changed: ingest reads it again and quarantines it
    with the reason.
    """
    paths = list(known)
    chunks = [paths[i : i + HASH_CHUNK] for i in range(0, len(paths), HASH_CHUNK)]

    def check(chunk: list[str]) -> tuple[list[str], int]:
        same, retries = [], 0
        for rel in chunk:
            try:
                data, used = read_article(source, rel, max_file_bytes)
            except BadInput:
                continue
            retries += used
            if hashlib.sha256(data).hexdigest() == known[rel]:
                same.append(rel)
        return same, retries

    with ThreadPoolExecutor(HASH_THREADS) as pool:
        checked = list(pool.map(check, chunks))
    return {rel for same, _ in checked for rel in same}, sum(retries for _, retries in checked)
