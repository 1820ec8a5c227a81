"""Convert the Chinese-Web-Content-Extraction-Dataset (immortal-autumn, MIT) into a gold corpus folder.

The data set is 69 Chinese web pages (news, essays, forums, novels, a paper, a wiki entry), each
saved as `original/<uuid>.html`, with the article text people copied by hand from the page into
`cleaned/<uuid>.txt`. The pages are never committed: this script reads a local copy and writes,
into the folder you name (e.g. bench/out/gold/chinese), one `NNN_<16 hex>.txt` per page holding
every non-blank `<p>`'s inner HTML (the way ../shared/corpus/aeb was made) and an index.jsonl whose
gold is the cleaned text's non-blank lines and whose url is the page's canonical or og:url address
if it names one (most do not: bench/split.py then takes the host its links point to). Pages whose
`<p>`s hold under half of the gold's `\\w+` tokens keep gold null, as in bench/gold_corpus.py: a
token is a clause in Chinese, which is what the scorer counts too, and counting characters instead
keeps the same 54 of the 69 pages. A copy of the data set is in the GitHub repository
immortal-autumn/Chinese-Web-Content-Extraction-Dataset:

    git -C MIRROR archive HEAD original cleaned | tar x -C /tmp/zhset
    python -m bench.convert_chinese --source /tmp/zhset --target bench/out/gold/chinese
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bench.gold_corpus import Page, gold_lines, page_url, run_converter, uuid_name, write_corpus


def decoded(raw: bytes) -> str:
    """The page's markup as text: UTF-8 when its bytes are valid UTF-8, else GB18030.

    The pages declare gb2312, gbk or utf-8, or nothing; GB18030 is a superset of the first two, and
    several gb2312 pages hold GBK characters (a strict gb2312 decoder fails there, and bs4's
    UnicodeDammit then guesses windows-1252 or ptcp154 for 3 of them), while two UTF-8 pages name
    gb2312 or gbk on a script tag. A few broken byte pairs become U+FFFD.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages have gold."""

    def pages() -> Iterator[Page]:
        for number, original in enumerate(sorted((source / "original").glob("*.html"))):
            html = decoded(original.read_bytes())
            cleaned = source / "cleaned" / f"{original.stem}.txt"
            gold = gold_lines(cleaned.read_text(encoding="utf-8-sig", errors="replace")) if cleaned.is_file() else []
            yield uuid_name(number, original.stem), html, page_url(html), gold

    return write_corpus(target, pages())


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "the data set's folder with original/ and cleaned/", convert, argv)


if __name__ == "__main__":
    main()
