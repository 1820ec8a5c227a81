"""`make bench-enrich`: score n_sentences, numbers and quotes on the cases in bench/dev.

    python -m bench.enrich_quality [--dev bench/dev]

Each set has a dev file (tuned on) and a `_test` file kept aside (not tuned on). Sentences score
the share of texts whose count is exact; numbers score recall and precision of mentions matched
by kind and value. Quotes are scored by `bench.quote_dev.score()` on the hand-labelled offsets.
"""

from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from pathlib import Path

from bench import quote_dev
from tasks.enrich.numbers import find_numbers
from tasks.enrich.sentences import count_sentences

DEV = Path(__file__).resolve().parent / "dev"


def load(path: Path) -> list[dict]:
    """The JSON lines of one case file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentence_rows(cases: list[dict]) -> dict[str, tuple[int, int]]:
    """(exact, total) per class and overall."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for case in cases:
        exact = int(count_sentences(case["text"]) == case["count"])
        for key in (case["class"], "ALL"):
            scores[key][0] += exact
            scores[key][1] += 1
    return {key: (hit, total) for key, (hit, total) in scores.items()}


def matched(expected: list[dict], found: list[dict]) -> int:
    """How many mentions pair up one to one by kind and (nearly) equal value."""
    left = list(found)
    hits = 0
    for gold in expected:
        for i, mention in enumerate(left):
            if mention["kind"] == gold["kind"] and math.isclose(mention["value"], gold["value"], rel_tol=1e-3):
                hits += 1
                del left[i]
                break
    return hits


def number_rows(cases: list[dict]) -> dict[str, tuple[int, int, int]]:
    """(matched, gold, returned) per class and overall."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in cases:
        found = find_numbers(case["text"])
        counts = (matched(case["expected"], found), len(case["expected"]), len(found))
        for key in (case["class"], "ALL"):
            for i, n in enumerate(counts):
                scores[key][i] += n
    return {key: (hit, gold, returned) for key, (hit, gold, returned) in scores.items()}


def pct(part: int, whole: int) -> str:
    """A share as a percentage, or a dash for an empty whole."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def print_sentences(dev: Path) -> None:
    """Exact-count table: one row per class, dev and held-aside test side by side."""
    tuned, aside = sentence_rows(load(dev / "sentences.jsonl")), sentence_rows(load(dev / "sentences_test.jsonl"))
    print("## n_sentences: exact count\n\n| class | dev | test (held aside) |\n|---|---:|---:|")
    for key in sorted(set(tuned) | set(aside), key=lambda k: (k == "ALL", k)):
        cells = [f"{pct(*s)} ({s[0]}/{s[1]})" if (s := rows.get(key)) else "-" for rows in (tuned, aside)]
        print(f"| {key} | {cells[0]} | {cells[1]} |")


def print_numbers(dev: Path) -> None:
    """Recall and precision table: one row per class, dev and held-aside test side by side."""
    tuned, aside = number_rows(load(dev / "numbers.jsonl")), number_rows(load(dev / "numbers_test.jsonl"))
    print("\n## numbers: matched by kind and value\n")
    print("| class | dev recall | dev precision | test recall | test precision |\n|---|---:|---:|---:|---:|")
    for key in sorted(set(tuned) | set(aside), key=lambda k: (k == "ALL", k)):
        cells = []
        for rows in (tuned, aside):
            hit, gold, returned = rows.get(key, (0, 0, 0))
            cells += [f"{pct(hit, gold)} ({hit}/{gold})", f"{pct(hit, returned)} ({hit}/{returned})"]
        print(f"| {key} | " + " | ".join(cells) + " |")


def print_quotes() -> None:
    """Rows of the quotes scorer (none without ../shared/corpus, which holds the labelled articles)."""
    rows = quote_dev.score()
    if not rows:
        print("\n(quotes: ../shared/corpus not found, skipped)")
        return
    columns = list(rows[-1])  # the overall row also has false_quotes
    print("\n## quotes\n\n| " + " | ".join(columns) + " |\n|---" + "|---:" * (len(columns) - 1) + "|")
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "-")) for c in columns) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args()
    print_sentences(args.dev)
    print_numbers(args.dev)
    print_quotes()


if __name__ == "__main__":
    main()
