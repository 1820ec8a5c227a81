"""Discover: the article files under the input root, their quick keys, and the article id each
file name carries."""

from __future__ import annotations

import os
import re
import stat
import time

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


def discover_with_keys(source: Store) -> dict[str, str | None]:
    """Every *.txt below the input root, sorted, with a cheap change key, as rsync and git's index use:
    size and mtime locally, size and ETag from an object store's one listing; None where there is
    none to trust, so the file is hashed."""
    if not source.is_local:
        listing = source.list_details()
        return {p: _object_key(listing[p]) for p in sorted(listing) if p.endswith(".txt")}
    now = time.time_ns()
    return {p: _file_key(source.path(p), now) for p in discover(source)}


def _file_key(path: str, now_ns: int) -> str | None:
    """Size and mtime of a regular file; None for a symlink, pipe or device, so that every run checks
    it again through read_article (a link out of the input stays quarantined, not skipped by its
    target's key)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode) or now_ns - info.st_mtime_ns < RACY_NS:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}"


def _object_key(info: dict) -> str | None:
    tag = info.get("ETag") or info.get("etag") or info.get("LastModified") or info.get("mtime")
    return f"{info['size']}:{tag}" if tag else None


def article_id(source_file: str, content_sha256: str) -> str:
    """The 16-hex id of the file name, or the content hash's first 16 hex when off pattern."""
    match = ARTICLE_NAME.search(source_file)
    return match.group(1) if match else content_sha256[:16]
