"""Check that analyse_text gives the same columns as an older commit, for refactors that must not
change the enrichments' output.

    git worktree add /tmp/enrich_old <commit>
    python -m bench.enrich_differential --old /tmp/enrich_old [--corpus DIR ...] [--mutated 120000]

Each corpus folder (default: the four of ../shared/corpus) is ingested and cleaned as the flow does;
`--mutated` more paragraphs are made from them by random edits (quote marks, speech clauses,
figures, case, cuts) and regrouped into articles. The old commit's analyse_text runs in a
subprocess with that worktree first on the path, this one's in another; language,
language_confidence, quotes, quoted_share and numbers must be equal on every row. Exits 1 and
names the first differing row of each column otherwise. Nothing is written outside a temp folder.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

from tasks.clean.paragraphs import clean_paragraphs
from tasks.ingest.discover import discover
from tasks.ingest.read import ingest_files
from tasks.settings import DEFAULT_BASE_URL, InputLimits
from tasks.storage.store import Store

CORPORA = [f"../shared/corpus/{name}" for name in ("bbc", "aeb", "readability", "plain")]
COMPARED = ["language", "language_confidence", "quotes", "quoted_share", "numbers"]
# Inserted by the mutations: what the quote and number finders react to.
SNIPPETS = [
    '"', "“", "”", "‘‘", "’’", "'", " he said", ", said Mr Smith.", " she added", ", according to police",
    " The minister said", " Ms Jane Roe, 34, said", "£5bn", " 3.5%", " two thirds of", " a million", " 1 in 5",
    " between 3 and 5 per cent", " -0.5%", " 2015", " the 1990s", "$5-10m", " 10 000 people", " twenty-one",
    "\n", "  ", " Mr.", " Dr ", " He", " She", " the council said", " told", "—", "é",
]  # fmt: skip
# Run in a subprocess with one tree first on sys.path: analyse_text of every input file, all enrichments on.
ANALYSE = """
import sys, polars as pl
from tasks.enrich.paragraphs import analyse_text
from tasks.settings import Enrichments
for path in sys.argv[1:]:
    analysed = analyse_text(pl.read_parquet(path), Enrichments(language=True, quotes=True, numbers=True))
    analysed.select({columns}).write_parquet(path + sys.argv[0])
"""


def corpus_rows(folder: str) -> pl.DataFrame:
    """The cleaned paragraphs of a corpus folder: source_file and text, as analyse_text reads them."""
    source = Store(folder)
    read = ingest_files(source, discover(source), InputLimits())
    return clean_paragraphs(read.paragraphs, DEFAULT_BASE_URL).select("source_file", "text")


def mutated_rows(texts: list[str], count: int, seed: int = 16) -> pl.DataFrame:
    """`count` paragraphs made by random edits of `texts`, in made-up articles of 3 to 15 paragraphs."""
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    while len(rows) < count:
        article = f"mutated_{len(rows):07d}.txt"
        rows += [(article, _mutated(rng.choice(texts), texts, rng)) for _ in range(rng.randint(3, 15))]
    return pl.DataFrame(rows[:count], schema=["source_file", "text"], orient="row")


def _mutated(text: str, texts: list[str], rng: random.Random) -> str:
    """Up to four random edits: an insertion, a cut, a case swap, a quote mark swap, a truncation or a splice."""
    for _ in range(rng.randint(0, 4)):
        op, at = rng.random(), rng.randint(0, len(text))
        if op < 0.45:
            text = text[:at] + rng.choice(SNIPPETS) + text[at:]
        elif op < 0.6:
            text = text[:at] + text[at + rng.randint(1, 5) :]
        elif op < 0.7:
            text = text.swapcase() if rng.random() < 0.1 else text[:at] + text[at : at + 1].swapcase() + text[at + 1 :]
        elif op < 0.8:
            text = text.replace('"', "“", 1) if rng.random() < 0.5 else text.replace("“", '"')
        elif op < 0.9:
            text = text[:at]
        else:
            text = text[:at] + rng.choice(texts)[: rng.randint(0, 80)] + text[at:]
    return text


def analyse(tree: str, inputs: list[Path], suffix: str) -> None:
    """analyse_text of the code in `tree` on every input, written beside it with `suffix`."""
    code = ANALYSE.format(columns=["source_file", "text", *COMPARED])
    command = [sys.executable, "-c", f"import sys; sys.path.insert(0, {tree!r}); sys.argv[0] = {suffix!r}\n{code}"]
    subprocess.run([*command, *map(str, inputs)], check=True, cwd=tree)


def differing(old: pl.DataFrame, new: pl.DataFrame) -> list[str]:
    """One line per compared column that differs: how many rows, and the first one's values."""
    lines = []
    for column in COMPARED:
        before, after = old[column].to_list(), new[column].to_list()
        rows = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
        if rows:
            first = rows[0]
            lines.append(f"{column}: {len(rows)} rows differ, first {first}: {before[first]!r} -> {after[first]!r}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", required=True, help="a worktree of the commit to compare with")
    parser.add_argument("--corpus", nargs="*", default=CORPORA)
    parser.add_argument("--mutated", type=int, default=120_000)
    args = parser.parse_args()
    frames = {Path(folder).name: corpus_rows(folder) for folder in args.corpus}
    pool = pl.concat(list(frames.values()))["text"].to_list()
    if args.mutated:
        frames["mutated"] = mutated_rows(pool, args.mutated)
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        inputs = [Path(folder) / f"{name}.parquet" for name in frames]
        for path, frame in zip(inputs, frames.values()):
            frame.write_parquet(path)
        analyse(str(Path(args.old).resolve()), inputs, ".old")
        analyse(str(Path(__file__).resolve().parents[1]), inputs, ".new")
        for path in inputs:
            lines = differing(pl.read_parquet(f"{path}.old"), pl.read_parquet(f"{path}.new"))
            print(f"{path.stem}: {pl.read_parquet(path).height:,} paragraphs, {'; '.join(lines) or 'identical'}")
            failed = failed or bool(lines)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
