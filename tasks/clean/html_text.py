"""Paragraph HTML (inner HTML of one <p>) to the text a reader sees, plus its links.

Pure functions, no Prefect: the clean task maps `clean_paragraph` over paragraphs.
lexbor (through selectolax) parses paragraphs with markup as an HTML5 fragment inside a `<p>`,
as a browser would; the paragraphs holding neither `<` nor `&` (most of them) need no parser.
tasks/clean/html_reference.py gives the same outputs from BeautifulSoup, the reference.
"""

from __future__ import annotations

import ctypes
import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tasks.settings import DEFAULT_BASE_URL

M_TOP_PAD, HEAP_TOP_PAD = -2, 4 << 20
# lexbor's scope checks make a start tag cost time in proportion to the depth of open block
# elements (20,000 nested <div> take 1.2 s, 100,000 take 90 s); paragraphs with more tags than
# this go to the reference parser, which is linear. The shared corpora have at most 7,530.
MAX_LEXBOR_TAGS = 10_000
# Characters of HTML a reused fragment parser takes before it is replaced (see _fragment_parser):
# lexbor keeps about 5.4 bytes per character, so about 1.4 MB per thread.
PARSER_BUDGET = 1 << 18

# Invisible format characters a reader never sees. ZWNJ/ZWJ (U+200C/U+200D) are kept on
# purpose: they change the shaping of Persian, Arabic and Indic text and join emoji.
INVISIBLE_CHARS = "\u200b\u2060\ufeff\u00ad\u180e"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS))
_HIDDEN_CLASS = re.compile(
    r"(?:^|\s)(?:[\w-]*visually-?hidden[\w-]*|sr-only|screen-?reader-text|visuallyhidden"
    r"|hidden|is-hidden|u-hidden|offscreen)(?=\s|$)",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_UNSAFE_SCHEME = re.compile(r"(?:javascript|data|vbscript):")
_HTTP_HOST = re.compile(r"https?://(?:[^/?#@]*@)?([^/?#:@\[\]]*)(?=[/?#:]|\Z)", re.IGNORECASE)
_SIMPLE_PATH = re.compile(r"/(?![/\\])(?!.*/\.)[^\s\\]*\Z")
_STRIP_FOR_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_SAFE_START = frozenset("/#?hH")

# Elements whose content is never shown as text on the page.
DROP = frozenset({"script", "style", "template", "noscript", "iframe", "svg", "math", "head"})
BOLD = frozenset({"b", "strong"})
BREAK = frozenset({"br", "hr", "div", "li", "p", "tr", "td", "th", "dd", "dt", "h1"})


class CleanParagraph(NamedTuple):
    """One cleaned paragraph: visible text, its links and two layout signals."""

    text: str
    links: list[dict]  # {"href", "text", "url", "domain", "is_internal", "is_unsafe"}
    is_bold: bool  # all visible text is inside <b>/<strong> (the BBC bold lead)
    link_chars: int  # characters of `text` that sit inside links


# What a parser's walk gives: visible text pieces, (href, anchor text pieces) per link, all bold.
Walk = tuple[list[str], list[tuple[str, list[str]]], bool]


def normalize_text(text: str) -> str:
    """Collapse whitespace, drop invisible characters and apply NFC, as a reader sees text."""
    if not text.isascii():
        text = _drop_invisible(text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def _drop_invisible(text: str) -> str:
    """text without INVISIBLE_CHARS. It looks for them first: str.translate costs about 80 ns a
    character on non-ASCII text (12 µs a paragraph) even when it has nothing to drop."""
    for char in INVISIBLE_CHARS:
        if char in text:
            return text.translate(_INVISIBLE)
    return text


def _site(host: str | None) -> str | None:
    """Host without a leading 'www.', so www.example.com and example.com are one site."""
    if not host:
        return None
    return host.removeprefix("www.")


@lru_cache(maxsize=64)
def _base(base_url: str) -> tuple[str, str | None]:
    """Origin and site of the base URL, cached: there is one base URL per run."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}", _site(parts.hostname)


def _host(url: str) -> str | None:
    """Lower-cased host of an absolute URL; a regex for http(s), urlsplit for the rest."""
    m = _HTTP_HOST.match(url)
    if m:
        return m[1].lower() or None
    return urlsplit(url).hostname


def _is_unsafe(href: str) -> bool:
    """A javascript:, data: or vbscript: href, in any case, with controls and spaces anywhere in it.
    An href starting with '/', '#', '?' or 'h' (nearly all) cannot be one and skips the regexes."""
    if href[:1] in _SAFE_START:
        return False
    return bool(_UNSAFE_SCHEME.match(_STRIP_FOR_SCHEME.sub("", href).lower()))


def resolve_link(href: str, anchor_text: str, base_url: str) -> dict:
    """Resolve one href against the site base URL; unsafe schemes are flagged, never resolved."""
    link = {"href": href, "text": anchor_text, "url": None, "domain": None}
    link["is_internal"] = False
    link["is_unsafe"] = _is_unsafe(href)
    if link["is_unsafe"]:
        return link
    try:
        origin, base_site = _base(base_url)
        if _HTTP_HOST.match(href):
            url = href
        elif _SIMPLE_PATH.match(href):  # root-relative path: urljoin would give the same
            url = origin + href
        else:
            url = urljoin(base_url, href)
        domain = _site(_host(url))
    except ValueError:  # e.g. a malformed IPv6 host
        return link
    link["url"], link["domain"] = url, domain
    if domain and base_site:
        link["is_internal"] = domain == base_site or domain.endswith("." + base_site)
    return link


def is_hidden(attrs: dict) -> bool:
    """True for elements a sighted reader does not see (visually-hidden spans, display:none)."""
    if "hidden" in attrs:
        return True
    cls, style = attrs.get("class"), attrs.get("style")
    if isinstance(cls, list):  # BeautifulSoup splits class; lexbor gives the attribute as written
        cls = " ".join(cls)
    return bool(cls and _hidden_class(cls)) or bool(style and _HIDDEN_STYLE.search(style))


def _hidden_class(cls: str) -> bool:
    """cls names a hiding class. Each such name holds 'hidden', 'sr-only' or 'screen', so an ASCII
    cls without them (where IGNORECASE is plain ASCII case) skips the regex, whose backtracking
    costs 1.3 µs on a BBC class list that hides nothing."""
    if cls.isascii():
        lower = cls.lower()
        if "hidden" not in lower and "sr-only" not in lower and "screen" not in lower:
            return False
    return bool(_HIDDEN_CLASS.search(cls))


def keep_heap_top_pad() -> None:
    """Let glibc keep 4 MiB free at the top of the heap: lexbor allocates and frees about 640 KiB
    per parse, and without the pad every parse moves the heap break twice and page-faults the
    memory back in, which more than doubles the cost of a paragraph (31 -> 13 µs on BBC markup)."""
    mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # glibc only; a no-op elsewhere
    if mallopt is not None:
        mallopt(M_TOP_PAD, HEAP_TOP_PAD)


keep_heap_top_pad()


class _Reused(threading.local):
    """This thread's fragment parser and how many more characters it may take."""

    parser: LexborHTMLParser | None = None
    budget = 0


_REUSED = _Reused()


def _fragment_parser(raw_html: str) -> LexborHTMLParser:
    """raw_html parsed as the children of a `<p>`, by a parser reused across paragraphs.

    Setting a fragment parser's inner_html parses in the same context, but into the document it
    already has: building and destroying a lexbor document per paragraph costs about as much as
    parsing it (6.8 -> 3.7 µs on BBC markup). The setter unlinks the old nodes without freeing
    them, so a parser is replaced once it has taken PARSER_BUDGET characters.
    """
    reused = _REUSED
    if reused.parser is None or reused.budget < len(raw_html):
        reused.parser = LexborHTMLParser("", is_fragment=True, fragment_tag="p")
        reused.budget = PARSER_BUDGET
    try:
        reused.parser.inner_html = raw_html
    except UnicodeEncodeError:  # a lone surrogate: the constructor drops it, the setter refuses
        return LexborHTMLParser(raw_html, is_fragment=True, fragment_tag="p")
    reused.budget -= len(raw_html)
    return reused.parser


def walk_lexbor(raw_html: str) -> Walk:
    """Visible text pieces, (href, anchor pieces) per link, and whether all text is bold.

    lexbor parses the paragraph as the children of a `<p>` (HTML5 fragment parsing). The walk
    follows sibling pointers and keeps each parent's next sibling on an explicit stack, so deeply
    nested markup cannot exhaust Python's recursion limit.
    """
    pieces: list[str] = []
    links: list[tuple[str, list[str]]] = []
    all_bold = True
    stack: list[tuple[LexborNode | None, bool, int, bool]] = []  # parent's next sibling, bold, link, block
    parser = _fragment_parser(raw_html)  # held while its nodes are read
    node, bold, link = parser.root, False, -1
    while True:
        if node is None:
            if not stack:
                return pieces, links, all_bold
            node, bold, link, block = stack.pop()
            if block:
                pieces.append(" ")
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content
            pieces.append(text)
            if link >= 0:
                links[link][1].append(text)
            all_bold = all_bold and (bold or text.isspace())
            node = node.next
            continue
        attrs = node.attributes
        if tag is None or tag[0] == "-" or tag in DROP or is_hidden(attrs):
            node = node.next  # comments, processing instructions, scripts, hidden spans
            continue
        block = tag in BREAK
        if block:
            pieces.append(" ")
        stack.append((node.next, bold, link, block))
        if tag == "a" and "href" in attrs:
            links.append((attrs["href"] or "", []))
            link = len(links) - 1
        bold = bold or tag in BOLD
        node = node.child


def clean_with(walk: Callable[[str], Walk], raw_html: str, base_url: str) -> CleanParagraph:
    """Visible text and resolved links of one paragraph's inner HTML, parsed by `walk`."""
    if "<" not in raw_html and "&" not in raw_html:  # fast path: plain text (most paragraphs)
        return CleanParagraph(normalize_text(raw_html), [], False, 0)
    pieces, raw_links, all_bold = walk(raw_html)
    text = normalize_text("".join(pieces))
    links = []
    for href, anchor in raw_links:
        links.append(resolve_link(href.strip(), normalize_text("".join(anchor)), base_url))
    link_chars = sum(len(link["text"]) for link in links)
    return CleanParagraph(text, links, all_bold and bool(text), min(link_chars, len(text)))


def clean_paragraph(raw_html: str, base_url: str = DEFAULT_BASE_URL) -> CleanParagraph:
    """Visible text and resolved links of one paragraph's inner HTML: lexbor, or the linear reference
    parser for a paragraph with more than MAX_LEXBOR_TAGS tags (lexbor's cost grows with depth)."""
    if len(raw_html) > MAX_LEXBOR_TAGS and raw_html.count("<") > MAX_LEXBOR_TAGS:
        from tasks.clean.html_reference import walk_soup  # here: html_reference imports this module

        return clean_with(walk_soup, raw_html, base_url)
    return clean_with(walk_lexbor, raw_html, base_url)
