"""Build a large benchmark corpus from a folder of real articles, without inventing any text.

Each new article copies the length of a real one and takes its paragraph at position i from a
real article's position i, so leads stay first and promos stay near the end; ids are new and
derived from the seed, so the same arguments always give the same corpus. A `corpus.json` beside
the files records the arguments; a folder that already holds the same corpus is reused.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import random
import shutil
from pathlib import Path

GENERATOR_VERSION = 1
FILES_PER_FOLDER = 1000


def read_articles(source: Path) -> list[list[str]]:
    """The paragraph lists of every well-formed *.txt below `source`, in file-name order."""
    articles = []
    for path in sorted(source.rglob("*.txt")):
        try:
            value = ast.literal_eval(path.read_text(encoding="utf-8"))
        except (ValueError, SyntaxError, UnicodeDecodeError):
            continue
        if isinstance(value, list) and value and all(isinstance(p, str) for p in value):
            articles.append(value)
    return articles


def recombine(articles: list[list[str]], paragraphs: int, seed: int = 0) -> list[list[str]]:
    """New articles totalling at least `paragraphs`, each a real length filled position by position."""
    rng = random.Random(seed)
    longest = max(map(len, articles))
    by_position = [[a[i] for a in articles if len(a) > i] for i in range(longest)]
    made, total = [], 0
    while total < paragraphs:
        template = articles[len(made) % len(articles)]
        made.append([rng.choice(by_position[i]) for i in range(len(template))])
        total += len(template)
    return made


def article_name(seed: int, number: int) -> str:
    """`NNNNNNN_<16 hex>.txt` under a folder of FILES_PER_FOLDER files; the id hashes seed and number."""
    digest = hashlib.blake2b(f"{seed}:{number}".encode(), digest_size=8).hexdigest()
    return f"{number // FILES_PER_FOLDER:04d}/{number:07d}_{digest}.txt"


def build(source: Path, target: Path, paragraphs: int, seed: int = 0) -> dict:
    """Write the corpus into `target` (or reuse it when already built) and return its description."""
    wanted = {"source": str(source.resolve()), "paragraphs": paragraphs, "seed": seed, "version": GENERATOR_VERSION}
    marker = target / "corpus.json"
    if marker.exists():
        built = json.loads(marker.read_text())
        if {k: built.get(k) for k in wanted} == wanted:
            return built
    elif target.exists() and any(target.iterdir()):
        raise SystemExit(f"{target} is not empty and holds no corpus.json: refusing to overwrite it")
    shutil.rmtree(target, ignore_errors=True)
    articles = recombine(read_articles(source), paragraphs, seed)
    for number, article in enumerate(articles):
        path = target / article_name(seed, number)
        if number % FILES_PER_FOLDER == 0:
            os.makedirs(path.parent, exist_ok=True)
        path.write_text(repr(article), encoding="utf-8")
    built = {**wanted, "articles": len(articles), "total_paragraphs": sum(map(len, articles))}
    marker.write_text(json.dumps(built, indent=1))
    return built


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="folder of real NNN_<hex>.txt articles")
    parser.add_argument("--target", type=Path, required=True, help="folder to write the corpus into")
    parser.add_argument("--paragraphs", type=int, required=True, help="paragraphs wanted (at least)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(build(args.source, args.target, args.paragraphs, args.seed)))


if __name__ == "__main__":
    main()
