"""Differential check: the lexbor fast path against the BeautifulSoup reference on every markup paragraph.

    python -m bench.check_html ../shared/corpus/bbc ../shared/corpus/aeb [--rounds 2] [--show 20]

For each corpus, every paragraph holding `<` or `&` is cleaned by both; prints how many give identical
text, links, is_bold and link_chars, where the others differ (file, paragraph index, fields), and
CPU µs per markup paragraph for each parser (best of `--rounds` passes, interleaved, same process).
Exits 1 when any paragraph differs.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tasks.clean.html_reference import clean_paragraph_reference
from tasks.clean.html_text import CleanParagraph, clean_paragraph
from tasks.settings import DEFAULT_BASE_URL

Labelled = tuple[str, int, str, str]  # file name, paragraph index, base URL, raw HTML


def markup_paragraphs(corpus: Path) -> list[Labelled]:
    """Every paragraph with `<` or `&` in the corpus, with its label and its article's base URL."""
    urls = {}
    index = corpus / "index.jsonl"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            urls[entry["file"]] = entry.get("url")
    found = []
    for path in sorted(corpus.rglob("*.txt")):
        try:
            paragraphs = ast.literal_eval(path.read_text(encoding="utf-8"))
        except (ValueError, SyntaxError, UnicodeDecodeError, MemoryError, RecursionError):
            continue
        if not isinstance(paragraphs, list):
            continue
        base = urls.get(path.name) or DEFAULT_BASE_URL
        for i, html in enumerate(paragraphs):
            if isinstance(html, str) and ("<" in html or "&" in html):
                found.append((path.name, i, base, html))
    return found


def timed(clean: Callable[[str, str], CleanParagraph], items: list[Labelled]) -> tuple[float, list[CleanParagraph]]:
    """CPU seconds to clean every item (steadier than wall time on a shared machine), and the results."""
    started = time.process_time()
    results = [clean(html, base) for _, _, base, html in items]
    return time.process_time() - started, results


def differing_fields(fast: CleanParagraph, reference: CleanParagraph) -> list[str]:
    """Names of the outputs that differ."""
    return [name for name in CleanParagraph._fields if getattr(fast, name) != getattr(reference, name)]


def check(corpus: Path, rounds: int, show: int) -> int:
    """Print the comparison and timings for one corpus; the number of differing paragraphs."""
    items = markup_paragraphs(corpus)
    best = {"lexbor": float("inf"), "beautifulsoup": float("inf")}
    for _ in range(rounds):
        spent, fast = timed(clean_paragraph, items)
        best["lexbor"] = min(best["lexbor"], spent)
        spent, reference = timed(clean_paragraph_reference, items)
        best["beautifulsoup"] = min(best["beautifulsoup"], spent)
    diffs = [(item, differing_fields(f, r)) for item, f, r in zip(items, fast, reference) if f != r]
    n = max(1, len(items))
    speeds = ", ".join(f"{name} {1e6 * s / n:.1f} µs" for name, s in best.items())
    print(
        f"{corpus}: {len(items) - len(diffs):,} / {len(items):,} markup paragraphs identical; CPU {speeds} per paragraph"
    )
    for (name, i, _, _), fields in diffs[:show]:
        print(f"  differs: {name} paragraph {i}: {', '.join(fields)}")
    return len(diffs)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=2, help="timed passes per parser, interleaved")
    parser.add_argument("--show", type=int, default=20, help="differences listed per corpus")
    args = parser.parse_args(argv)
    differing = sum(check(corpus, args.rounds, args.show) for corpus in args.corpora)
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
