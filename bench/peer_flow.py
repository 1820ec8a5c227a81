"""The peer: the Prefect flow a user would first write for this job, to measure newsflow against.

    python bench/peer_flow.py SOURCE TARGET.parquet [--files N]

One Prefect task per article file (read, `ast.literal_eval`, BeautifulSoup `get_text()` per
paragraph) mapped on Prefect's default task runner, then one Polars DataFrame written to Parquet
at the end. `--files N` runs it on the first N files (sorted by path) only. Prints JSON: the
paragraphs and files done and the seconds spent from the first task submitted to the file written,
which `bench/run.py` uses to extrapolate a sample to the whole corpus.
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from pathlib import Path

import polars as pl
from bs4 import BeautifulSoup
from prefect import flow, task


# Retries as a user adds them after the first failures: on Python 3.11, ast.literal_eval in
# concurrent threads now and then raises "SystemError: AST constructor recursion depth mismatch".
@task(retries=3)
def read_article(path: str) -> list[dict]:
    """One article file to rows: its id, and each paragraph's index and text."""
    with open(path, encoding="utf-8") as f:
        paragraphs = ast.literal_eval(f.read())
    article_id = Path(path).stem[-16:]
    return [
        {"article_id": article_id, "paragraph_index": i, "text": BeautifulSoup(html, "html.parser").get_text()}
        for i, html in enumerate(paragraphs)
    ]


@flow
def peer_flow(paths: list[str], target: str) -> dict:
    """Every article in its own task, all rows in one DataFrame, one Parquet file."""
    started = time.perf_counter()
    futures = read_article.map(paths)
    rows = [row for future in futures for row in future.result()]
    pl.DataFrame(rows).write_parquet(target)
    return {"paragraphs": len(rows), "files": len(paths), "flow_body_s": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    parser.add_argument("--files", type=int, default=None, help="only the first N files, sorted by path")
    args = parser.parse_args(argv)
    paths = sorted(str(p) for p in args.source.rglob("*.txt"))
    print(json.dumps(peer_flow(paths[: args.files], str(args.target))))


if __name__ == "__main__":
    main()
