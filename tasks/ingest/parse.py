"""Parse one file's list literal into paragraphs without evaluating anything.

The parser only inspects Python's syntax tree: the content must be a list display whose items are
all plain string literals, so no input can run code. Anything else raises BadInput, whose `kind`
becomes the quarantine row's `error_kind`.
"""

from __future__ import annotations

import ast
import threading
import warnings

from tasks.settings import InputLimits

UTF8_BOM = b"\xef\xbb\xbf"
# Python 3.11's AST constructor keeps its recursion depth in shared state, so two threads parsing
# at once can fail with "SystemError: AST constructor recursion depth mismatch" (CPython
# gh-106905, seen here under the thread runner's load). Parsing holds the GIL throughout anyway,
# so one parse at a time costs nothing.
_PARSE_LOCK = threading.Lock()


class BadInput(Exception):
    """A file that cannot become an article; `kind` is the quarantine error_kind."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def too_large_file(size: int, max_file_bytes: int) -> BadInput:
    """The one too_large message for a file's bytes, whether its size came from a stat or a read."""
    return BadInput("too_large", f"file is {size:,} bytes, over max_file_bytes={max_file_bytes:,}")


def parse_paragraphs(data: bytes, limits: InputLimits) -> list[str]:
    """The paragraphs of one file, or BadInput saying exactly why not."""
    if len(data) > limits.max_file_bytes:  # also when the file grew after read_article's stat
        raise too_large_file(len(data), limits.max_file_bytes)
    if not data.strip():
        raise BadInput("empty", "file is empty")
    try:
        source = data.removeprefix(UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInput("decode_error", f"not UTF-8: byte 0x{data[e.start]:02x} at offset {e.start}") from None
    items = _list_items(source, limits.max_depth)
    if not items:
        raise BadInput("empty", "the list has no paragraphs")
    if len(items) > limits.max_paragraphs:
        raise BadInput("too_large", f"{len(items):,} paragraphs, over max_paragraphs={limits.max_paragraphs:,}")
    longest = max(map(len, items))
    if longest > limits.max_paragraph_chars:
        raise BadInput(
            "too_large",
            f"a paragraph has {longest:,} characters, over max_paragraph_chars={limits.max_paragraph_chars:,}",
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
        with _PARSE_LOCK, warnings.catch_warnings():
            # an unknown escape ('\d') stays a backslash and the letter, as Python reads it; the
            # parser's warning (DeprecationWarning, SyntaxWarning from 3.12) is about the input, not us
            warnings.simplefilter("ignore", (DeprecationWarning, SyntaxWarning))
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
