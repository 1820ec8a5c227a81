"""The floor: the least work any pipeline must do (read, literal_eval, one zstd Parquet of strings and ids)."""

from __future__ import annotations

import ast
import json
import os
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq


def floor(source: str, target: str) -> dict:
    """Read every *.txt below `source`, parse it and write its raw paragraphs and ids to `target`."""
    started = time.perf_counter()
    ids, htmls = [], []
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                paragraphs = ast.literal_eval(f.read())
            ids.extend([name[-20:-4]] * len(paragraphs))
            htmls.extend(paragraphs)
    table = pa.table({"article_id": ids, "raw_html": htmls})
    pq.write_table(table, target, compression="zstd")
    return {"paragraphs": len(htmls), "seconds": round(time.perf_counter() - started, 3)}


if __name__ == "__main__":
    print(json.dumps(floor(sys.argv[1], sys.argv[2])))
