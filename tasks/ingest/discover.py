"""Discover: the article files under the input root, their quick keys and modification times, and
the article id each file name carries."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from itertools import islice
from typing import NamedTuple

import polars as pl

from schemas.internal import LISTING
from tasks.storage.store import Store

ARTICLE_NAME = re.compile(r"(?:^|/)\d+_([0-9a-f]{16})\.txt$")
# A file modified this recently may change again within the same mtime tick without its key
# changing (git's "racily clean" entries): its key is not trusted, so the next run hashes it.
RACY_NS = 2_000_000_000
LIST_THREADS = 2
FILE_TYPE_BITS = 0o170000  # the bits of st_mode that stat.S_IFMT keeps
LIST_CHUNK = 4096  # directory entries turned into columns at a time
WALK_SCHEMA = {"source_file": pl.String, "mode": pl.Int64, "size": pl.Int64, "mtime_ns": pl.Int64}


def discover(source: Store) -> list[str]:
    """Relative paths of every *.txt below the input root, sorted, symlinked folders not followed."""
    if not source.is_local:
        return [p for p in source.list_files() if p.endswith(".txt")]
    return sorted(rel for found in _walk(source.root, with_stat=False) for rel in found["source_file"])


def _walk(root: str, with_stat: bool) -> Iterator[pl.DataFrame]:
    """Per folder below a local root, the relative paths of its *.txt files (`source_file`) and,
    `with_stat`, their lstat fields (`mode`, `size`, `mtime_ns`; null where lstat failed); symlinked
    folders are not followed (as os.walk).

    Folders are read LIST_THREADS at a time: lstat releases the GIL, so on a large archive the
    stat calls of two folders overlap.
    """
    level = [(root, "")]
    with ThreadPoolExecutor(LIST_THREADS) as pool:
        while level:
            found = list(pool.map(lambda folder: _folder(*folder, with_stat), level))
            level = [sub for _, subfolders in found for sub in subfolders]
            yield from (files for files, _ in found)


def _folder(folder: str, prefix: str, with_stat: bool) -> tuple[pl.DataFrame, list[tuple[str, str]]]:
    """One folder's *.txt files (and their lstat fields when asked) and its subfolders.

    Entries are turned into columns LIST_CHUNK at a time: a DirEntry and its stat_result cost about
    1 KB of Python objects per file, which a walk that kept them would hold for the whole archive.
    """
    chunks, subfolders = [], []
    try:
        with os.scandir(folder) as scan:
            while entries := list(islice(scan, LIST_CHUNK)):
                files = []
                for entry in entries:
                    if _holds(entry.is_dir):
                        if not _holds(entry.is_symlink):
                            subfolders.append((entry.path, f"{prefix}{entry.name}/"))
                    elif entry.name.endswith(".txt"):
                        files.append(entry)
                chunks.append(_columns(files, prefix, with_stat))
    except OSError:
        return _columns([], prefix, with_stat), []
    return pl.concat([_columns([], prefix, with_stat), *chunks]), subfolders


def _columns(files: list[os.DirEntry], prefix: str, with_stat: bool) -> pl.DataFrame:
    """Files as compact columns: their relative paths, and their lstat fields when asked."""
    columns: dict[str, list] = {"source_file": [prefix + entry.name for entry in files]}
    if with_stat:
        stats = [_lstat(entry) for entry in files]
        columns["mode"] = [info.st_mode if info else None for info in stats]
        columns["size"] = [info.st_size if info else None for info in stats]
        columns["mtime_ns"] = [info.st_mtime_ns if info else None for info in stats]
    return pl.DataFrame(columns, schema={name: WALK_SCHEMA[name] for name in columns})


def _holds(test: Callable[[], bool]) -> bool:
    """An entry's `is_dir` or `is_symlink`; as os.walk, one that cannot be told (a link loop, a link
    into a folder off limits) is neither: a file, listed without a key, then quarantined by ingest."""
    try:
        return test()
    except OSError:
        return False


def _lstat(entry: os.DirEntry) -> os.stat_result | None:
    try:
        return entry.stat(follow_symlinks=False)
    except OSError:
        return None


class Listed(NamedTuple):
    """What an object store's listing tells of a file: a quick change key (None where it is not to
    be trusted, so the file is hashed) and the modification time that orders an article's versions."""

    key: str | None
    modified_us: int | None  # microseconds since the epoch, UTC


def discover_with_keys(source: Store) -> pl.DataFrame:
    """LISTING rows of every *.txt below the input root, sorted, with a cheap change key, as rsync
    and git's index use: size and mtime locally (one walk, one lstat per file), size and ETag from
    an object store's one listing."""
    if source.is_local:
        return _local_listing(source.root, time.time_ns()).sort("source_file")
    listing = source.list_details()
    rows = [(rel, *_listed_object(listing[rel])) for rel in listing if rel.endswith(".txt")]
    schema = {"source_file": pl.String, "quick_key": pl.String, "file_modified_at": pl.Int64}
    return pl.DataFrame(rows, schema=schema, orient="row").cast(LISTING).sort("source_file")


def _local_listing(root: str, now_ns: int) -> pl.DataFrame:
    """LISTING rows from one walk's lstat fields, gathered as flat columns: every run lists the whole
    archive, so the key and its trust are worked out by Polars over all files at once.

    No key for a symlink, pipe or device, so that every run checks it again through read_article (a
    link out of the input stays quarantined, not skipped by its target's key), nor for a file
    modified within RACY_NS.
    """
    frame = pl.concat([pl.DataFrame(schema=WALK_SCHEMA), *_walk(root, with_stat=True)])
    trusted = ((pl.col("mode") & FILE_TYPE_BITS) == stat.S_IFREG) & (now_ns - pl.col("mtime_ns") >= RACY_NS)
    return frame.select(
        "source_file",
        quick_key=pl.when(trusted).then(pl.format("{}:{}", "size", "mtime_ns")),
        file_modified_at=pl.col("mtime_ns") // 1000,
    ).cast(LISTING)


def _listed_object(info: dict) -> Listed:
    tag = info.get("ETag") or info.get("etag") or info.get("LastModified") or info.get("mtime")
    return Listed(f"{info['size']}:{tag}" if tag else None, _object_modified(info))


def _object_modified(info: dict) -> int | None:
    """LastModified of an object store's listing in microseconds (s3fs gives a datetime, other
    filesystems a timestamp; a naive datetime is UTC)."""
    found = info.get("LastModified") or info.get("mtime") or info.get("last_modified")
    if isinstance(found, datetime):
        found = (found if found.tzinfo else found.replace(tzinfo=UTC)).timestamp()
    return round(float(found) * 1_000_000) if isinstance(found, int | float) else None


def article_ids(paths: pl.Series) -> pl.Series:
    """`article_id` of every path, by Polars' regex: a plan of the whole archive makes no Python
    string per file (except for names off the pattern)."""
    ids = paths.str.extract(ARTICLE_NAME.pattern, 1)
    if ids.null_count():
        ids = pl.select(pl.coalesce(ids, paths.map_elements(article_id, return_dtype=pl.String))).to_series()
    return ids.alias("article_id")


def article_id(source_file: str) -> str:
    """The 16-hex id of the file name; off that pattern, the first 16 hex of the path's sha256, so
    the id is known before the file is read and stays the same when its content changes."""
    match = ARTICLE_NAME.search(source_file)
    return match.group(1) if match else hashlib.sha256(source_file.encode()).hexdigest()[:16]
