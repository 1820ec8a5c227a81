"""Convert the Dragnet gold set (Moz, Peters and Lecocq, WWW 2013) into a gold corpus folder.

Dragnet's data is 1,381 English web pages Moz collected in 2012 (news, blogs, company and how-to
pages; some 440 sites), each saved as `HTML/X.html`, with the text people copied from it by hand
into `Corrected/X.html.corrected.txt`: the main content first, then, on 421 pages, the reader
comments after a line holding the string `!@#$%^&*()  COMMENTS` (typed by hand: 24 carry a variant,
such as one space or a missing `!`). The data is licensed AGPLv3, so the pages and their text are
never committed: this script reads a local copy and writes, into the folder you name (e.g.
bench/out/gold/dragnet), one `NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s inner HTML
(the way ../shared/corpus/aeb was made) and an index.jsonl whose gold is the non-blank lines before
the comment marker, whitespace collapsed, and whose url is the page's canonical or og:url address
if it names one (else bench/split.py takes the host its links point to). Pages whose `<p>`s hold
under half of the gold's words keep gold null, as in bench/gold_corpus.py. A copy of the data set
is in the GitHub repository seomoz/dragnet_data:

    mkdir -p /tmp/dragnet && git -C MIRROR archive HEAD | tar x -C /tmp/dragnet
    tar xzf /tmp/dragnet/dragnet_HTML.tar.gz -C /tmp/dragnet && tar xzf /tmp/dragnet/dragnet_Corrected.tar.gz -C /tmp/dragnet
    python -m bench.convert_dragnet --source /tmp/dragnet --target bench/out/gold/dragnet

(j-szulc/html-cleaning-dataset-merged holds the same pages as dragnet_data/input/X.html, and the same
gold files as dragnet_data/GoldStandard/X.txt: copy them into HTML/ and Corrected/ under these names.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import UnicodeDammit

from bench.gold_corpus import Page, decoded, gold_lines, hashed_name, page_url, run_converter, write_corpus

COMMENTS = re.compile(r"^[ \t]*(?:[!@#$%^&*()][ \t]*){5,}COMMENTS[ \t]*\r?$", re.MULTILINE)


def corrected_text(raw: bytes) -> str:
    """A gold file's text: UTF-16 after a byte-order mark (5 files), UTF-8 when valid, else
    windows-1252 (38 files saved on Windows; bs4's own guess reads some as cp852 or mac_iceland)."""
    return UnicodeDammit(raw, user_encodings=["utf-8", "windows-1252"]).unicode_markup or ""


def article_lines(corrected: str) -> list[str]:
    """The gold: the non-blank lines before the comment marker line, whitespace collapsed."""
    return gold_lines(COMMENTS.split(corrected, maxsplit=1)[0])


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""

    def pages() -> Iterator[Page]:
        for number, page in enumerate(sorted((source / "HTML").glob("*.html"))):
            html = decoded(page.read_bytes())
            corrected = source / "Corrected" / f"{page.name}.corrected.txt"
            gold = article_lines(corrected_text(corrected.read_bytes())) if corrected.is_file() else []
            yield hashed_name(number, page.name), html, page_url(html), gold

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "the data set's folder with HTML/ and Corrected/", convert, argv)


if __name__ == "__main__":
    main()
