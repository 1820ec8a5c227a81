"""The shared writing of a converted gold corpus: what every bench/convert_*.py script has in common.

A converter reads a public gold data set and writes, into the folder you name (e.g.
bench/out/gold/l3s-gn1), one `NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s inner HTML
as a Python list literal (the way ../shared/corpus/aeb was made) and an index.jsonl with one
{"file", "url", "gold"} line per page. This module holds the parts that do not depend on the data
set: decoding a page, its `<p>` paragraphs, the gold's coverage by them (pages whose `<p>`s hold
under MIN_COVERED of the gold's words keep gold null), gold text with whitespace collapsed, the
page's own address, the file names, writing the folder and the command line. Each converter keeps
only how its data set is laid out and where its gold comes from.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from bs4 import UnicodeDammit
from selectolax.lexbor import LexborHTMLParser

SPACE = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")
MIN_COVERED = 0.5  # share of the gold's words the page's <p>s must hold for the page to be scored
ADDRESS = ('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")

Page = tuple[str, str, str | None, list[str]]  # (file name, page HTML, URL, gold blocks), as write_corpus takes them


def decoded(raw: bytes) -> str:
    """The page's markup as text, in the encoding its bytes or meta tag declare (else guessed)."""
    return UnicodeDammit(raw, is_html=True).unicode_markup or ""


def paragraphs(html: str) -> tuple[list[str], list[str]]:
    """Inner HTML and text of every `<p>` with visible characters, in document order."""
    found = [(p.inner_html or "", p.text() or "") for p in LexborHTMLParser(html).css("p")]
    kept = [(inner, text) for inner, text in found if text.strip()]
    return [inner for inner, _ in kept], [text for _, text in kept]


def covered(gold: list[str], texts: list[str]) -> float:
    """Share of the gold's word tokens (a multiset, lower-cased) that the paragraph texts hold."""
    want = Counter(w.lower() for block in gold for w in TOKEN.findall(block))
    have = Counter(w.lower() for text in texts for w in TOKEN.findall(text))
    return sum((want & have).values()) / max(1, sum(want.values()))


def collapsed(texts: Iterable[str]) -> list[str]:
    """The texts with whitespace collapsed and trimmed, the blank ones left out."""
    blocks = (SPACE.sub(" ", text).strip() for text in texts)
    return [block for block in blocks if block]


def gold_lines(cleaned: str) -> list[str]:
    """The hand-copied article text's non-blank lines, whitespace collapsed."""
    return collapsed(cleaned.splitlines())


def page_url(html: str) -> str | None:
    """The page's own absolute address from its canonical link or og:url, if it names one."""
    tree = LexborHTMLParser(html)
    for selector, attribute in ADDRESS:
        node = tree.css_first(selector)
        value = (node.attributes.get(attribute) or "").strip() if node else ""
        if value.startswith(("http://", "https://")):
            return value
    return None


def hashed_name(number: int, key: str) -> str:
    """`NNN_<16 hex>.txt`: the page's number and the first 16 hex of the SHA-1 of a key naming it."""
    return f"{number:03d}_{hashlib.sha1(key.encode()).hexdigest()[:16]}.txt"


def uuid_name(number: int, uuid: str) -> str:
    """`NNN_<16 hex>.txt` for a page its data set names by a UUID: the page's number and the UUID's
    first 16 hex digits (no hashing: the UUID is already random)."""
    return f"{number:03d}_{uuid.replace('-', '')[:16]}.txt"


def write_corpus(target: Path, pages: Iterable[Page]) -> int:
    """Write a gold corpus folder from (file name, page HTML, URL, gold blocks) tuples; returns how
    many pages have gold.

    Each page's file holds the inner HTML of its non-blank `<p>`s as a Python list literal, and
    index.jsonl one {"file", "url", "gold"} line per page, in the order given. The gold is null when
    it is empty or the `<p>`s hold under MIN_COVERED of its words.
    """
    target.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, html, url, gold in pages:
        inner, texts = paragraphs(html)
        (target / name).write_text(repr(inner), encoding="utf-8")
        rows.append({"file": name, "url": url, "gold": gold if gold and covered(gold, texts) >= MIN_COVERED else None})
    lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (target / "index.jsonl").write_text(lines, encoding="utf-8")
    return sum(1 for row in rows if row["gold"])


def index_rows(corpus: Path) -> list[dict]:
    """The {"file", "url", "gold"} (or snippet) entries of a corpus folder's index.jsonl, in order."""
    lines = (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def run_converter(
    doc: str, source_help: str, convert: Callable[[Path, Path], int], argv: list[str] | None = None
) -> None:
    """The command line every bench/convert_*.py script shares: --source, --target, and a count."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help=source_help)
    parser.add_argument("--target", type=Path, required=True, help="folder to write the corpus into")
    args = parser.parse_args(argv)
    print(f"{convert(args.source, args.target)} pages written to {args.target}")
