"""Convert the GoogleTrends-2017 gold set (Leonhardt et al., BoilerNet, 2020) into a gold corpus folder.

GoogleTrends-2017 is 180 pages (news, blogs, shops, reference; many sites) that Google Trends
searches led to, each saved as `prepared_html/gt_N.html`, in which every text node is wrapped in a
span whose `__boilernet_label` is 1 when people marked it as the page's main content (its
`raw_html/` folder holds other pages, not the same ones). The pages are never committed: this script
reads a local copy and writes, into the folder you name (e.g. bench/out/gold/googletrends), one
`NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s inner HTML with the label spans
unwrapped (the way ../shared/corpus/aeb was made) and an index.jsonl whose gold is the text of the
page's labelled spans, one entry per span, and whose url is the page's canonical or og:url address
(for the dev/test split by site). The same format holds BoilerNet's CleanEval copy (737 English web
pages of all kinds, `datasets/cleaneval/prepared_html/ce_N.html`), which converts alike. Pages whose
`<p>`s hold under half of the gold's words keep gold null, as in bench/gold_corpus.py. A copy of the
data set is in the GitHub repository sakata-yusuke-75/boilernet_japanese, commit 31de39a
(folder datasets/googletrends/prepared_html):

    git -C MIRROR archive 31de39a335bfc6c41da78cb502e75670996cb6d1 datasets/googletrends | tar x -C /tmp
    python -m bench.convert_googletrends --source /tmp/datasets/googletrends/prepared_html --target bench/out/gold/googletrends
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from bench.gold_corpus import Page, collapsed, decoded, hashed_name, page_url, run_converter, write_corpus

LABELLED = "span[__boilernet_label]"
CONTENT = 'span[__boilernet_label="1"]'


def gold_blocks(prepared: str) -> list[str]:
    """The text of every span people labelled as main content, whitespace collapsed."""
    return collapsed(span.text() or "" for span in LexborHTMLParser(prepared).css(CONTENT))


def unlabelled(prepared: str) -> str:
    """The page's markup with the label spans unwrapped, as the publisher served it."""
    tree = LexborHTMLParser(prepared)
    for span in tree.css(LABELLED):
        span.unwrap()
    return tree.html or ""


def numbered_pages(source: Path) -> dict[int, Path]:
    """Page number -> file, for every page named as BoilerNet names them (gt_12.html -> 12)."""
    pages = {page.stem.rsplit("_", 1)[-1]: page for page in source.glob("*_*.html")}
    return {int(number): page for number, page in pages.items() if number.isdigit()}


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""

    def pages() -> Iterator[Page]:
        for number, page in sorted(numbered_pages(source).items()):
            prepared = decoded(page.read_bytes())
            html = unlabelled(prepared)
            yield hashed_name(number, page.name), html, page_url(html), gold_blocks(prepared)

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "a BoilerNet prepared_html folder (gt_N.html, ce_N.html)", convert, argv)


if __name__ == "__main__":
    main()
