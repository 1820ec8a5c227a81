"""Discover: the article files under the input root, and the article id each file name carries."""

from __future__ import annotations

import os
import re

from tasks.storage.store import Store

ARTICLE_NAME = re.compile(r"(?:^|/)\d+_([0-9a-f]{16})\.txt$")


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


def article_id(source_file: str, content_sha256: str) -> str:
    """The 16-hex id of the file name, or the content hash's first 16 hex when off pattern."""
    match = ARTICLE_NAME.search(source_file)
    return match.group(1) if match else content_sha256[:16]
