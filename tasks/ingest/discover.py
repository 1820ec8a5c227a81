"""Discover: the article files under the input root, their quick keys and modification times, and
the article id each file name carries."""

from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from datetime import UTC, datetime
from typing import NamedTuple

from tasks.storage.store import Store

ARTICLE_NAME = re.compile(r"(?:^|/)\d+_([0-9a-f]{16})\.txt$")
# A file modified this recently may change again within the same mtime tick without its key
# changing (git's "racily clean" entries): its key is not trusted, so the next run hashes it.
RACY_NS = 2_000_000_000


def discover(source: Store) -> list[str]:
    """Relative paths of every *.txt below the input root, sorted, symlinked folders not followed."""
    if not source.is_local:
        return [p for p in source.list_files() if p.endswith(".txt")]
    found = []
    for folder, dirs, files in os.walk(source.root):
        dirs.sort()
        rel = os.path.relpath(folder, source.root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.extend(prefix + name for name in files if name.endswith(".txt"))
    return sorted(found)


class Listed(NamedTuple):
    """What one listing tells of a file: a quick change key (None where it is not to be trusted, so
    the file is hashed) and the modification time that orders an article's versions."""

    key: str | None
    modified: datetime | None


def discover_with_keys(source: Store) -> dict[str, Listed]:
    """Every *.txt below the input root, sorted, with a cheap change key, as rsync and git's index use:
    size and mtime locally, size and ETag from an object store's one listing."""
    if not source.is_local:
        listing = source.list_details()
        return {p: _listed_object(listing[p]) for p in sorted(listing) if p.endswith(".txt")}
    now = time.time_ns()
    return {p: _listed_file(source.path(p), now) for p in discover(source)}


def _listed_file(path: str, now_ns: int) -> Listed:
    """Size and mtime of a regular file; no key for a symlink, pipe or device, so that every run
    checks it again through read_article (a link out of the input stays quarantined, not skipped by
    its target's key)."""
    try:
        info = os.lstat(path)
    except OSError:
        return Listed(None, None)
    ns = info.st_mtime_ns
    modified = datetime.fromtimestamp(ns // 10**9, UTC).replace(microsecond=ns // 1000 % 10**6)
    if not stat.S_ISREG(info.st_mode) or now_ns - info.st_mtime_ns < RACY_NS:
        return Listed(None, modified)
    return Listed(f"{info.st_size}:{info.st_mtime_ns}", modified)


def _listed_object(info: dict) -> Listed:
    tag = info.get("ETag") or info.get("etag") or info.get("LastModified") or info.get("mtime")
    return Listed(f"{info['size']}:{tag}" if tag else None, _object_modified(info))


def _object_modified(info: dict) -> datetime | None:
    """LastModified of an object store's listing (s3fs gives a datetime, other filesystems a timestamp)."""
    found = info.get("LastModified") or info.get("mtime") or info.get("last_modified")
    if isinstance(found, datetime):
        return found if found.tzinfo else found.replace(tzinfo=UTC)
    return datetime.fromtimestamp(float(found), UTC) if isinstance(found, int | float) else None


def article_id(source_file: str) -> str:
    """The 16-hex id of the file name; off that pattern, the first 16 hex of the path's sha256, so
    the id is known before the file is read and stays the same when its content changes."""
    match = ARTICLE_NAME.search(source_file)
    return match.group(1) if match else hashlib.sha256(source_file.encode()).hexdigest()[:16]
