"""Ingest: find article files, read them, and parse their list literal without evaluating anything.

A file becomes paragraph rows, or one quarantine row whose `error_kind` says what is wrong. The
parser only inspects Python's syntax tree: the content must be a list display whose items are all
plain string literals, so no input can run code.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import polars as pl

from tasks.settings import Settings
from tasks.storage.store import Store, is_transient_error

ARTICLE_NAME = re.compile(r"(?:^|/)\d+_([0-9a-f]{16})\.txt$")
UTF8_BOM = b"\xef\xbb\xbf"
READ_ATTEMPTS = 3
READ_BACKOFF_SECONDS = 0.05
# Known files are re-hashed on threads: reads and sha256 release the GIL (2 cores: 1.8x faster).
HASH_THREADS = 4
HASH_CHUNK = 256


class BadInput(Exception):
    """A file that cannot become an article; `kind` is the quarantine error_kind."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class IngestedBatch:
    """What one batch of files became: paragraph rows, article rows and quarantine rows."""

    paragraphs: pl.DataFrame
    articles: pl.DataFrame
    quarantine: list[dict] = field(default_factory=list)
    read_retries: int = 0


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


def parse_paragraphs(data: bytes, settings: Settings) -> list[str]:
    """The paragraphs of one file, or BadInput saying exactly why not."""
    if len(data) > settings.max_file_bytes:
        raise BadInput("too_large", f"file is {len(data):,} bytes, over max_file_bytes={settings.max_file_bytes:,}")
    if not data.strip():
        raise BadInput("empty", "file is empty")
    try:
        source = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInput("decode_error", f"not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}") from None
    items = _list_items(source, settings.max_depth)
    if not items:
        raise BadInput("empty", "the list has no paragraphs")
    if len(items) > settings.max_paragraphs:
        raise BadInput("too_large", f"{len(items):,} paragraphs, over max_paragraphs={settings.max_paragraphs:,}")
    longest = max(map(len, items))
    if longest > settings.max_paragraph_chars:
        raise BadInput(
            "too_large",
            f"a paragraph has {longest:,} characters, over max_paragraph_chars={settings.max_paragraph_chars:,}",
        )
    return _valid_unicode(items)


def _valid_unicode(items: list[str]) -> list[str]:
    """Join JSON-style surrogate pairs ('\\ud83d\\ude00' is one emoji); refuse lone halves."""
    try:
        "".join(items).encode("utf-8")
        return items
    except UnicodeEncodeError:
        joined = [i.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass") for i in items]
    try:
        "".join(joined).encode("utf-8")
    except UnicodeEncodeError as e:
        raise BadInput("invalid_unicode", f"a paragraph holds a lone surrogate ({e.object[e.start]!r})") from None
    return joined


def _list_items(source: str, max_depth: int) -> list[str]:
    """The string items of a list display, checked node by node (never evaluated)."""
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as e:
        if "too many nested" in str(e.msg):
            raise BadInput(
                "too_deep", f"brackets nested deeper than Python's parser allows (max_depth={max_depth})"
            ) from None
        where = f" at line {e.lineno}" if e.lineno else ""
        raise BadInput("syntax_error", f"not a Python list literal: {e.msg}{where}") from None
    except (RecursionError, MemoryError) as e:
        raise BadInput("too_deep", f"content too deeply nested or too complex to parse: {type(e).__name__}") from None
    body = tree.body
    if not isinstance(body, ast.List):
        raise BadInput("not_a_list", f"content is {_describe(body)}, not a list of strings")
    for index, item in enumerate(body.elts):
        if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
            if _depth(item) > max_depth:
                raise BadInput("too_deep", f"item {index} nests deeper than max_depth={max_depth}")
            raise BadInput("non_string_item", f"item {index} is {_describe(item)}, not a string")
    return [item.value for item in body.elts]


def _describe(node: ast.AST) -> str:
    """A person's name for a syntax node: 'a number', 'a dict', 'code (a function call)'."""
    if isinstance(node, ast.Constant):
        return f"a {type(node.value).__name__} constant"
    names = {ast.List: "a nested list", ast.Tuple: "a tuple", ast.Dict: "a dict", ast.Set: "a set"}
    if type(node) in names:
        return names[type(node)]
    return f"code (a {type(node).__name__} expression)"


def _depth(node: ast.AST) -> int:
    """Nesting depth of containers under `node`, without recursion."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        current, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in ast.iter_child_nodes(current))
    return deepest


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


def read_article(source: Store, rel: str, settings: Settings) -> tuple[bytes, int]:
    """The bytes of one input file and the retries used, or BadInput before reading what must not be read."""
    problem = _unreadable(source, rel, settings)
    if problem:
        raise problem
    try:
        return read_with_retry(source, rel)
    except OSError as e:
        tried = f" after {READ_ATTEMPTS} attempts" if is_transient_error(e) else ""
        raise BadInput("io_error", f"could not read{tried}: {e.strerror or e}") from None


def _unreadable(source: Store, rel: str, settings: Settings) -> BadInput | None:
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
    if size > settings.max_file_bytes:
        return BadInput("too_large", f"file is {size:,} bytes, over max_file_bytes={settings.max_file_bytes:,}")
    return None


def unchanged_files(source: Store, known: dict[str, str], settings: Settings) -> tuple[set[str], int]:
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
                data, used = read_article(source, rel, settings)
            except BadInput:
                continue
            retries += used
            if hashlib.sha256(data).hexdigest() == known[rel]:
                same.append(rel)
        return same, retries

    with ThreadPoolExecutor(HASH_THREADS) as pool:
        checked = list(pool.map(check, chunks))
    return {rel for same, _ in checked for rel in same}, sum(retries for _, retries in checked)


def ingest_files(source: Store, paths: list[str], settings: Settings) -> IngestedBatch:
    """Read and parse a batch of files into paragraph and article rows, or quarantine rows."""
    ids, files, indexes, htmls = [], [], [], []
    articles: dict[str, list] = {"article_id": [], "source_file": [], "content_sha256": []}
    batch = IngestedBatch(pl.DataFrame(), pl.DataFrame())
    for rel in paths:
        try:
            data, retries = read_article(source, rel, settings)
        except BadInput as e:
            batch.quarantine.append(_quarantine_row(rel, None, None, e.kind, e.message))
            continue
        batch.read_retries += retries
        sha = hashlib.sha256(data).hexdigest()
        try:
            paragraphs = parse_paragraphs(data, settings)
        except BadInput as e:
            batch.quarantine.append(_quarantine_row(rel, sha, len(data), e.kind, e.message))
            continue
        aid = article_id(rel, sha)
        ids.extend([aid] * len(paragraphs))
        files.extend([rel] * len(paragraphs))
        indexes.extend(range(len(paragraphs)))
        htmls.extend(paragraphs)
        for key, value in zip(articles, (aid, rel, sha)):
            articles[key].append(value)
    batch.paragraphs = pl.DataFrame(
        {"article_id": ids, "source_file": files, "paragraph_index": indexes, "raw_html": htmls},
        schema={"article_id": pl.String, "source_file": pl.String, "paragraph_index": pl.Int32, "raw_html": pl.String},
    )
    batch.articles = pl.DataFrame(articles, schema=dict.fromkeys(articles, pl.String))
    return batch


def _quarantine_row(rel: str, sha: str | None, size: int | None, kind: str, message: str) -> dict:
    return {"source_file": rel, "content_sha256": sha, "size_bytes": size, "error_kind": kind, "error_message": message}
