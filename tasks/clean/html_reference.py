"""The reference parse of paragraph HTML: BeautifulSoup (html.parser), kept to check the fast path.

`clean_paragraph_reference` gives the outputs of `tasks.clean.html_text.clean_paragraph` from a
pure-Python parser; `make check-html` and tests/clean/test_html_differential.py compare the two.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from tasks.clean.html_text import BOLD, BREAK, DROP, CleanParagraph, Walk, clean_with, is_hidden
from tasks.settings import DEFAULT_BASE_URL


def walk_soup(raw_html: str) -> Walk:
    """Visible text pieces, (href, anchor pieces) per link, and whether all text is bold.

    BeautifulSoup parses; the tree is walked with an explicit stack so that deeply nested
    markup cannot exhaust Python's recursion limit.
    """
    pieces: list[str] = []
    links: list[tuple[str, list[str]]] = []
    all_bold = True
    soup = BeautifulSoup(raw_html, "html.parser")
    stack: list[tuple[PageElement | None, bool, int]] = [(child, False, -1) for child in reversed(soup.contents)]
    while stack:
        node, bold, link = stack.pop()
        if node is None:  # the end of a block element
            pieces.append(" ")
            continue
        if type(node) is NavigableString:
            pieces.append(str(node))
            if link >= 0:
                links[link][1].append(str(node))
            all_bold = all_bold and (bold or node.isspace())
            continue
        if not isinstance(node, Tag) or node.name in DROP or is_hidden(node.attrs):
            continue  # comments, doctypes, scripts, hidden spans
        if node.name in BREAK:
            pieces.append(" ")
            stack.append((None, bold, link))
        if node.name == "a" and "href" in node.attrs:
            links.append((node.attrs["href"], []))
            link = len(links) - 1
        bold = bold or node.name in BOLD
        stack.extend((child, bold, link) for child in reversed(node.contents))
    return pieces, links, all_bold


def clean_paragraph_reference(raw_html: str, base_url: str = DEFAULT_BASE_URL) -> CleanParagraph:
    """clean_paragraph with BeautifulSoup as the parser: the slow, pure-Python reference."""
    return clean_with(walk_soup, raw_html, base_url)
