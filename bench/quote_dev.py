"""Quote and speaker accuracy on the hand-labelled dev set (bench/dev/quotes_labels.jsonl).

    python -m bench.quote_dev [--corpus ../shared/corpus] [--split dev|test|all]
    python -m bench.quote_dev --show bbc 012_0123456789abcdef.txt   # print an article for labelling

Labels are offsets into the cleaned paragraph text (the `text` column): the corpus file is run
through the real ingest and clean stages, then `find_quotes` per article. Rules: bench/dev/QUOTE_LABELLING.md.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from tasks.clean.paragraphs import clean_paragraphs
from tasks.enrich.quotes import find_quotes
from tasks.ingest.read import ingest_files
from tasks.settings import DEFAULT_BASE_URL, InputLimits
from tasks.storage.store import Store

LABELS = Path(__file__).resolve().parent / "dev" / "quotes_labels.jsonl"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
CLASSES = ("named_in_paragraph", "pronoun", "continuation", "role", "none")
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady rev judge justice king queen prince princess "
    "det ch insp dci supt sgt pc sen rep gov".split()
)
Finder = Callable[[Sequence[str]], tuple[list[list[dict]], list[float]]]


def article_texts(corpus: Path, name: str, files: Sequence[str]) -> dict[str, list[str]]:
    """The cleaned `text` of every paragraph of the given files, as the flow produces it."""
    folder = str(corpus / name)
    batch = ingest_files(Store(folder), sorted(set(files)), InputLimits())
    cleaned = clean_paragraphs(batch.paragraphs, DEFAULT_BASE_URL)
    return {
        frame["source_file"][0]: frame["text"].to_list()
        for frame in cleaned.select("source_file", "text").partition_by("source_file", maintain_order=True)
    }


def load_labels(path: Path = LABELS) -> list[dict]:
    """The labelled quotes, one dict per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def normalised(speaker: str) -> list[str]:
    """A speaker's words for comparison: lower case, without titles, articles or a possessive."""
    words = speaker.replace("’", "'").removesuffix("'s").replace(".", " ").lower().split()
    while len(words) > 1 and words[0] in TITLES | {"the", "a", "an"}:
        words.pop(0)
    return words


def speaker_right(predicted: str | None, label: str | None) -> bool:
    """Exact match for names; a role phrase (it has a lower-case word) also matches a part of it."""
    if predicted is None or label is None:
        return predicted is label
    guess, gold = normalised(predicted), normalised(label)
    if guess == gold:
        return True
    if label == label.title() or not guess:
        return False
    short, long = sorted((guess, gold), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(label: dict, found: list[dict]) -> dict | None:
    """The returned quote covering at least half of the labelled span and half of itself."""
    span = (label["start"], label["end"])
    for quote in found:
        both = _overlap(span, (quote["start"], quote["end"]))
        if 2 * both >= span[1] - span[0] and 2 * both >= quote["end"] - quote["start"]:
            return quote
    return None


def _speaker_text(texts: list[str], speaker: dict | None) -> str | None:
    if speaker is None:
        return None
    return texts[speaker["paragraph"]][speaker["start"] : speaker["end"]]


def score(corpus: Path = CORPUS, split: str = "all", finder: Finder = find_quotes) -> list[dict]:
    """Rows per written-form class and overall: quotes found, speaker right of found, false quotes.

    Each row: class, n (labelled quotes), found (% of n), speaker_right (% of found); the last
    row, class "all", also has false_quotes (% of returned quotes that match no labelled quote).
    No rows when the corpus is absent.
    """
    if not (corpus / "bbc").is_dir():
        return []
    articles, texts = labelled_articles(corpus, split)
    tally = {c: [0, 0, 0] for c in CLASSES}  # labelled, found, speaker right
    returned = false = 0
    for key, rows in articles.items():
        paragraphs = texts[key]
        quotes, _ = finder(paragraphs)
        real = [[q for q in para if q.get("kind", "quote") == "quote"] for para in quotes]
        matched: set[int] = set()
        for row in rows:
            hit = _match(row, real[row["paragraph"]])
            if row["kind"] != "quote":
                continue
            counts = tally[row["class"]]
            counts[0] += 1
            if hit is not None:
                matched.add(id(hit))
                counts[1] += 1
                counts[2] += speaker_right(hit["speaker"], _speaker_text(paragraphs, row["speaker"]))
        returned += sum(map(len, real))
        false += sum(id(q) not in matched for para in real for q in para)
    total = [sum(c[i] for c in tally.values()) for i in range(3)]
    rows = [_row(name, *counts) for name, counts in tally.items()]
    return [*rows, _row("all", *total) | {"false_quotes": _pct(false, returned)}]


def labelled_articles(
    corpus: Path, split: str
) -> tuple[dict[tuple[str, str], list[dict]], dict[tuple[str, str], list[str]]]:
    """The labels of `split` by (corpus, file), and the cleaned paragraphs of each of those articles."""
    articles: dict[tuple[str, str], list[dict]] = {}
    for row in load_labels():
        if split in ("all", row["split"]):
            articles.setdefault((row["corpus"], row["file"]), []).append(row)
    texts: dict[tuple[str, str], list[str]] = {}
    for name in sorted({c for c, _ in articles}):
        found = article_texts(corpus, name, [f for c, f in articles if c == name])
        texts.update({(name, f): t for f, t in found.items()})
    return articles, texts


def _pct(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _row(name: str, n: int, found: int, right: int) -> dict:
    return {"class": name, "n": n, "found": _pct(found, n), "speaker_right": _pct(right, found)}


def show(corpus: Path, name: str, file: str) -> None:
    """Print an article's cleaned paragraphs and the quotes found, with offsets, for labelling."""
    paragraphs = article_texts(corpus, name, [file])[file]
    quotes, _ = find_quotes(paragraphs)
    for i, (text, found) in enumerate(zip(paragraphs, quotes)):
        print(f"[{i}] {text}")
        for j, quote in enumerate(found):
            print(f"    {i}.{j} {quote['start']}:{quote['end']} {quote.get('kind', 'quote')} -> {quote['speaker']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--show", nargs=2, metavar=("CORPUS", "FILE"))
    args = parser.parse_args()
    if not (args.corpus / "bbc").is_dir():
        print(f"skipped: no corpus at {args.corpus}")
        return
    if args.show:
        show(args.corpus, *args.show)
        return
    for split in ("dev", "test") if args.split == "all" else (args.split,):
        print(f"\n{split} split ({LABELS.name})\n\n| class | n | found % | speaker right % |\n|---|---:|---:|---:|")
        rows = score(args.corpus, split)
        for row in rows:
            print(f"| {row['class']} | {row['n']} | {row['found']} | {row['speaker_right']} |")
        print(f"\nfalse quotes: {rows[-1]['false_quotes']}% of quotes returned")


if __name__ == "__main__":
    main()
