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

import re
from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from bench.gold_corpus import Page, collapsed, decoded, run_converter, uuid_name, write_corpus

FULL_TEXT = "span.x-nc-sel2"
MAPPING = re.compile(r"<urn:uuid:([0-9a-f-]+)>\s+(\S+)")


def gold_blocks(annotated: str) -> list[str]:
    """The text of every block people marked as the article's full text, whitespace collapsed."""
    return collapsed(span.text() or "" for span in LexborHTMLParser(annotated).css(FULL_TEXT))


def urls(source: Path) -> dict[str, str]:
    """Page uuid -> the URL it was crawled from (url-mapping.txt)."""
    text = (source / "url-mapping.txt").read_text(encoding="utf-8", errors="replace")
    return dict(MAPPING.findall(text))


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""
    where = urls(source)

    def pages() -> Iterator[Page]:
        for number, original in enumerate(sorted((source / "original").glob("*.html"))):
            uuid = original.stem
            annotated = source / "annotated" / original.name
            gold = gold_blocks(decoded(annotated.read_bytes())) if annotated.is_file() else []
            yield uuid_name(number, uuid), decoded(original.read_bytes()), where.get(uuid), gold

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "L3S-GN1 folder with original/ and annotated/", convert, argv)


if __name__ == "__main__":
    main()
