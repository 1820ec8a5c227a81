"""Convert the CleanPortalEval gold set (PPKE NLP group) into a gold corpus folder.

CleanPortalEval is 70 English pages of four news publishers (BBC News, MSNBC TV, the Wall Street
Journal's Brussels blog, two Washington Post blogs; 2012-2013), each saved as `input/X.html` behind a
CleanEval-style `<text id="URL">` line, with the text people kept in `GoldStandard/X.txt` in
CleanEval's format: a `URL:` line, then every block opened by `<p>`, `<h>` or `<l>` at the start of
a line, wrapped over several lines, its characters HTML-escaped. The repository states no licence,
so the pages and their text are never committed: this script reads a local copy and writes, into
the folder you name (e.g. bench/out/gold/cleanportal), one `NNN_<16 hex>.txt` per page holding every
non-blank `<p>`'s inner HTML (the way ../shared/corpus/aeb was made) and an index.jsonl whose gold
is the blocks, unescaped and whitespace collapsed, and whose url is the gold's `URL:` line (for the
dev/test split by site). Pages whose `<p>`s hold under half of the gold's words keep gold null, as
in bench/gold_corpus.py. A copy is in the GitHub repository j-szulc/html-cleaning-dataset-merged
(folder CleanPortalEval-master, from ppke-nlpg/CleanPortalEval):

    git -C MIRROR archive HEAD CleanPortalEval-master | tar x -C /tmp
    python -m bench.convert_cleanportal --source /tmp/CleanPortalEval-master --target bench/out/gold/cleanportal
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from bench.gold_corpus import Page, collapsed, decoded, hashed_name, run_converter, write_corpus

URL_LINE = re.compile(r"^\s*URL:\s*(\S+)")
BLOCK_START = re.compile(r"^[ \t]*<(?:p|h|l)>", re.MULTILINE | re.IGNORECASE)


def gold_blocks(gold: str) -> tuple[str | None, list[str]]:
    """The page's address from the `URL:` line and the text of every block after it, unescaped and
    whitespace collapsed (a block runs from its tag to the next line that opens one)."""
    found = URL_LINE.match(gold)
    body = gold[found.end() :] if found else gold
    return (found.group(1) if found else None), collapsed(html.unescape(block) for block in BLOCK_START.split(body))


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""

    def pages() -> Iterator[Page]:
        for number, page in enumerate(sorted((source / "input").glob("*.html"))):
            gold = source / "GoldStandard" / f"{page.stem}.txt"
            url, blocks = gold_blocks(decoded(gold.read_bytes())) if gold.is_file() else (None, [])
            yield hashed_name(number, page.name), decoded(page.read_bytes()), url, blocks

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "the data set's folder with input/ and GoldStandard/", convert, argv)


if __name__ == "__main__":
    main()
