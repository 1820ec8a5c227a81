"""Score boilerplate flags against snippet labels: is each `with` snippet kept and each `without` one flagged?

For corpus folders whose index.jsonl gives pages `with` and `without` snippets instead of a gold
body (bench/convert_trafilatura.py). Counted as trafilatura's own evaluation counts them, over all
snippets of all pages: a `with` snippet inside a kept paragraph is a true positive, else a false
negative; a `without` snippet inside a kept paragraph is a false positive, else a true negative.
Only snippets that some paragraph of the page holds are counted (whitespace collapsed, NFC): one
outside every `<p>` can be neither kept nor flagged by a paragraph flag. The oracle keeps exactly
the paragraphs that hold a `with` snippet or no `without` one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from bench.gold_corpus import index_rows

SPACE = re.compile(r"\s+")
Keep = Callable[[bool, bool, bool], bool]  # (flagged, holds a with snippet, holds a without snippet) -> kept


@dataclass
class Counts:
    """Snippets kept and lost of each label, summed over pages."""

    kept_with: int = 0
    lost_with: int = 0
    kept_without: int = 0
    flagged_without: int = 0

    def scores(self) -> str:
        """Precision / recall / F1, three decimals, as the token scorer prints them."""
        precision = self.kept_with / max(1, self.kept_with + self.kept_without)
        recall = self.kept_with / max(1, self.kept_with + self.lost_with)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"{precision:.3f}/{recall:.3f}/{f1:.3f}"


def KEEP_ALL(flagged: bool, has_with: bool, has_without: bool) -> bool:
    """Every paragraph kept: the recall ceiling and precision floor of the page's `<p>`s."""
    return True


def NEWSFLOW(flagged: bool, has_with: bool, has_without: bool) -> bool:
    """The paragraphs newsflow does not flag."""
    return not flagged


def ORACLE(flagged: bool, has_with: bool, has_without: bool) -> bool:
    """The best a paragraph flag can do: keep a paragraph unless it holds only `without` snippets."""
    return has_with or not has_without


def normal(text: str) -> str:
    """Text as snippets are matched: NFC, whitespace collapsed to single spaces."""
    return SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def labelled_pages(corpus: Path) -> dict[str, tuple[list[str], list[str]]]:
    """File name -> (with, without) snippets, normalised, for every page of the index that has any."""
    pages = {}
    for entry in index_rows(corpus):
        if entry.get("with") or entry.get("without"):
            pages[entry["file"]] = (
                [normal(s) for s in entry.get("with") or []],
                [normal(s) for s in entry.get("without") or []],
            )
    return pages


def flow_paragraphs(paragraphs: Path) -> dict[str, list[tuple[str, bool]]]:
    """File name -> its paragraphs' (normalised text, is_boilerplate), in order, from the flow's output."""
    frame = pl.read_parquet(
        paragraphs / "**" / "*.parquet",
        hive_partitioning=True,
        columns=["source_file", "paragraph_index", "text", "is_boilerplate"],
    ).sort("source_file", "paragraph_index")
    pages: dict[str, list[tuple[str, bool]]] = {}
    for source, text, flagged in frame.select("source_file", "text", "is_boilerplate").iter_rows():
        pages.setdefault(Path(source).name, []).append((normal(text or ""), bool(flagged)))
    return pages


def count(
    labels: dict[str, tuple[list[str], list[str]]], pages: dict[str, list[tuple[str, bool]]], keep: Keep
) -> Counts:
    """The snippets `keep`'s choice of paragraphs keeps and loses, over every labelled page."""
    counts = Counts()
    for name, (with_, without) in labels.items():
        paragraphs = pages.get(name, [])
        texts = [text for text, _ in paragraphs]
        kept = [
            text
            for text, flagged in paragraphs
            if keep(flagged, any(s in text for s in with_), any(s in text for s in without))
        ]
        found, missed = _held(with_, texts, kept)
        counts.kept_with, counts.lost_with = counts.kept_with + found, counts.lost_with + missed
        found, missed = _held(without, texts, kept)
        counts.kept_without, counts.flagged_without = counts.kept_without + found, counts.flagged_without + missed
    return counts


def _held(snippets: list[str], texts: list[str], kept: list[str]) -> tuple[int, int]:
    """Of the snippets some paragraph holds, how many a kept paragraph holds and how many none does."""
    held = [snippet for snippet in snippets if any(snippet in text for text in texts)]
    found = sum(any(snippet in text for text in kept) for snippet in held)
    return found, len(held) - found
