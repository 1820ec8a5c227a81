"""Convert the L3S-GN1 gold set (Kohlschuetter et al., WSDM 2010) into a gold corpus folder.

L3S-GN1 is 621 English news pages from 408 sites (Google News, 2008), each with a copy in which
people marked every text block as headline, full text, supplemental, related content, comments
or not content. Its licence allows research use only, so the pages are never committed: this
script reads a local copy and writes, into the folder you name (e.g. bench/out/gold/l3s-gn1),
one `NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s inner HTML of the original page
(the way ../shared/corpus/aeb was made) and an index.jsonl whose gold is the page's full-text
blocks (class x-nc-sel2), one entry per block. Pages whose `<p>`s hold under half of the gold's
words keep gold null (their body sits in other elements: a paragraph flag cannot be judged on
them; 448 of the 621 pages keep their gold). A copy of the data set is in the GitHub
repository geodrome/page-signal, folder L3S-GN1-20100130203947-00001 (original/, annotated/,
url-mapping.txt):

    git -C MIRROR archive HEAD L3S-GN1-20100130203947-00001 | tar x -C /tmp
    python -m bench.convert_l3s --source /tmp/L3S-GN1-20100130203947-00001 --target bench/out/gold/l3s-gn1
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from bs4 import UnicodeDammit
from selectolax.lexbor import LexborHTMLParser

FULL_TEXT = "span.x-nc-sel2"
SPACE = re.compile(r"\s+")
TOKEN = re.compile(r"\w+")
MIN_COVERED = 0.5  # share of the gold's words the page's <p>s must hold for the page to be scored
MAPPING = re.compile(r"<urn:uuid:([0-9a-f-]+)>\s+(\S+)")


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


def gold_blocks(annotated: str) -> list[str]:
    """The text of every block people marked as the article's full text, whitespace collapsed."""
    blocks = (SPACE.sub(" ", span.text() or "").strip() for span in LexborHTMLParser(annotated).css(FULL_TEXT))
    return [block for block in blocks if block]


def urls(source: Path) -> dict[str, str]:
    """Page uuid -> the URL it was crawled from (url-mapping.txt)."""
    text = (source / "url-mapping.txt").read_text(encoding="utf-8", errors="replace")
    return dict(MAPPING.findall(text))


def write_corpus(target: Path, pages: Iterable[tuple[str, str, str | None, list[str]]]) -> int:
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


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""
    where = urls(source)

    def pages() -> Iterator[tuple[str, str, str | None, list[str]]]:
        for number, original in enumerate(sorted((source / "original").glob("*.html"))):
            uuid = original.stem
            annotated = source / "annotated" / original.name
            gold = gold_blocks(decoded(annotated.read_bytes())) if annotated.is_file() else []
            name = f"{number:03d}_{uuid.replace('-', '')[:16]}.txt"
            yield name, decoded(original.read_bytes()), where.get(uuid), gold

    return write_corpus(target, pages())


def run_converter(
    doc: str, source_help: str, convert: Callable[[Path, Path], int], argv: list[str] | None = None
) -> None:
    """The command line every bench/convert_*.py script shares: --source, --target, and a count."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help=source_help)
    parser.add_argument("--target", type=Path, required=True, help="folder to write the corpus into")
    args = parser.parse_args(argv)
    print(f"{convert(args.source, args.target)} pages written to {args.target}")


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "L3S-GN1 folder with original/ and annotated/", convert, argv)


if __name__ == "__main__":
    main()
