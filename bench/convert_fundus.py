"""Convert flairNLP/fundus's parser test pages (news publishers of many countries, MIT) into a gold corpus folder.

fundus, a news crawler, keeps for each publisher it supports one saved article page per version of
that publisher's parser, `tests/resources/parser/test_data/<country>/<Publisher>_<yyyy_mm_dd>.html.gz`
(its address in the folder's `meta.info`), and in `<Publisher>.json`, keyed by version ("V1",
"V1_1", ...), what that version extracts from its page: the `body` (summary, then sections of
headline and paragraphs) is article text its maintainers checked by hand. About 250 publishers in
30-odd countries and their languages, saved 2023-2026: the kind of page the issue's held-out set
is. This script reads a local copy and writes, into the folder you name (e.g. bench/out/gold/fundus),
one `NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s inner HTML and an index.jsonl whose
gold is the body's summary, headlines and paragraphs. A page's file does not name its version
(fundus picks it by the page's date from the parser's code), so each page takes the version whose
body its `<p>`s hold most of. Pages whose `<p>`s hold under half of that body keep gold null, as in
bench/gold_corpus.py. Nothing of it is committed. A copy is in the GitHub repository flairNLP/fundus:

    mkdir -p /tmp/fundus && git -C MIRROR archive HEAD tests/resources/parser/test_data | tar x -C /tmp/fundus
    python -m bench.convert_fundus --source /tmp/fundus/tests/resources/parser/test_data --target bench/out/gold/fundus
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from bench.gold_corpus import Page, collapsed, covered, decoded, hashed_name, paragraphs, run_converter, write_corpus


def body_blocks(body: dict) -> list[str]:
    """A fundus article body as text blocks: the summary's, then each section's headline and paragraphs."""
    blocks = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        blocks += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    return collapsed(blocks)


def page_gold(html: str, versions: dict[str, dict]) -> list[str]:
    """The body of the version whose blocks the page's `<p>`s hold most of (empty when none has one)."""
    _, texts = paragraphs(html)
    bodies = [body_blocks(version["body"]) for version in versions.values() if version.get("body")]
    return max(bodies, key=lambda blocks: covered(blocks, texts), default=[])


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""

    def pages() -> Iterator[Page]:
        saved = sorted(source.glob("*/*.html.gz"))
        for number, page in enumerate(saved):
            publisher = page.name.split("_", 1)[0]
            expected = page.parent / f"{publisher}.json"
            info = page.parent / "meta.info"
            versions = json.loads(expected.read_text(encoding="utf-8")) if expected.is_file() else {}
            url = (json.loads(info.read_text(encoding="utf-8")) if info.is_file() else {}).get(page.name, {}).get("url")
            html = decoded(gzip.decompress(page.read_bytes()))
            yield hashed_name(number, page.relative_to(source).as_posix()), html, url, page_gold(html, versions)

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "fundus's tests/resources/parser/test_data folder (<country>/...)", convert, argv)


if __name__ == "__main__":
    main()
