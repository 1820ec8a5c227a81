"""Convert leogao2/htmltotext-benchmark (hand extractions in several languages) into a gold corpus folder.

The data set is 28 web pages saved in 2020 as `benchmarkdata/<language>/html/<kind>-<site>-<slug>.html`
(news in Croatian, English, German and Chinese; English blogs; forum threads; a wiki page), each with
the text its contributor copied from the page by hand in `benchmarkdata/<language>/text/` under the
same name. It states no licence, so the pages and their text are never committed: this script reads a
local copy and writes, into the folder you name (e.g. bench/out/gold/htmltotext), one
`NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s inner HTML (the way ../shared/corpus/aeb
was made) and an index.jsonl whose gold is the copied text's non-blank lines and whose url is the
page's canonical or og:url address if it names one. Pages whose `<p>`s hold under half of the gold's
words keep gold null, as in bench/gold_corpus.py: the five forum threads (their posts are not in
`<p>`s), a blog and the wiki page. 21 pages are scored. A copy is in the GitHub repository leogao2/htmltotext-benchmark:

    mkdir -p /tmp/htmltotext && git -C MIRROR archive HEAD benchmarkdata | tar x -C /tmp/htmltotext
    python -m bench.convert_htmltotext --source /tmp/htmltotext/benchmarkdata --target bench/out/gold/htmltotext
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench.gold_corpus import Page, decoded, gold_lines, hashed_name, page_url, run_converter, write_corpus


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""

    def pages() -> Iterator[Page]:
        for number, page in enumerate(sorted(source.glob("*/html/*.html"))):
            html = decoded(page.read_bytes())
            text = page.parent.parent / "text" / f"{page.stem}.txt"
            gold = gold_lines(text.read_text(encoding="utf-8", errors="replace")) if text.is_file() else []
            yield hashed_name(number, page.relative_to(source).as_posix()), html, page_url(html), gold

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "the data set's benchmarkdata/ folder (<language>/html and <language>/text)", convert, argv)


if __name__ == "__main__":
    main()
