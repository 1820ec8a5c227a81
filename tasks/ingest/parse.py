"""Parse one file's list literal into paragraphs without evaluating anything.

The parser only inspects Python's syntax tree: the content must be a list display whose items are
all plain string literals, so no input can run code. Anything else raises BadInput, whose `kind`
becomes the quarantine row's `error_kind`. The list a scraper writes (`repr` of its paragraphs) is
read without the tree, by one regex match per item (`_plain_items`); anything else goes to the tree.
"""

from __future__ import annotations

import ast
import re
import threading
import warnings

from tasks.settings import InputLimits

UTF8_BOM = b"\xef\xbb\xbf"
# Python 3.11's AST constructor keeps its recursion depth in shared state, so two threads parsing
# at once can fail with "SystemError: AST constructor recursion depth mismatch" (CPython
# gh-106905, seen here under the thread runner's load). Parsing holds the GIL throughout anyway,
# so one parse at a time costs nothing.
_PARSE_LOCK = threading.Lock()

# One item of a list of plain string literals, with the spaces around it and the comma or bracket
# after it. A literal's characters stand for themselves but for the escapes `_ESCAPES` reads; any
# other escape (\x, \u, \N, octal, a line continuation), a line break, a NUL, a prefix (r'', u''),
# triple quotes, comments or implicit concatenation leave it to Python's parser.
_SPACE = "[ \t\r\n]*"
_BODY = r"[^{q}\\\n\r\x00]*(?:\\[\\'\"ntr][^{q}\\\n\r\x00]*)*"
_ITEM = re.compile(f"""{_SPACE}(?:'({_BODY.format(q="'")})'|"({_BODY.format(q='"')})"){_SPACE}([,\\]])""")
_OPEN = re.compile(rf"{_SPACE}\[")
_CLOSE = re.compile(rf"{_SPACE}\]{_SPACE}")
_END = re.compile(_SPACE)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r"}


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
    """The string items of a list display: `_plain_items`'s, else checked node by node (never evaluated)."""
    plain = _plain_items(source)
    if plain is not None:
        return plain
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


def _plain_items(source: str) -> list[str] | None:
    """The items of a list of plain string literals, as Python reads them, or None for any other source.

    Python's parser builds a syntax tree of every item (2.2 µs a BBC paragraph, most of ingest) where
    one regex match per item does (tests/ingest/test_hostile_input.py checks the two agree on
    generated and mutated lists). None sends the source to the parser: an empty list, and whatever
    `_ITEM` does not read.
    """
    opened = _OPEN.match(source)
    if opened is None:
        return None
    items: list[str] = []
    at, closed = opened.end(), False
    for item in _ITEM.finditer(source, at):
        if item.start() != at or closed:
            return None
        body = item[1] if item[1] is not None else item[2]
        items.append(_ESCAPE.sub(_unescaped, body) if "\\" in body else body)
        at, closed = item.end(), item[3] == "]"
    rest = source[at:]
    ended = (_END if closed else _CLOSE).fullmatch(rest) is not None  # _CLOSE after a last comma
    return items if items and ended else None


def _unescaped(escape: re.Match[str]) -> str:
    """The character one of `_ESCAPES` stands for."""
    return _ESCAPES[escape[1]]


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
