"""Compare two newsflow outputs row for row, every column but run_id and ingested_at.

For refactors that must not change behaviour: run the old and the new code on the same input into
two folders, then `python -m bench.compare_outputs OLD NEW`. Exits 1 when any table differs and
names the columns that do.
"""

from __future__ import annotations

import argparse
import sys

import polars as pl

from schemas import TABLES

VOLATILE = ["run_id", "ingested_at"]


def table_rows(output: str, table: str) -> pl.DataFrame | None:
    """A table's rows in key order, without the run's own columns; None when it has no file."""
    try:
        frame = pl.read_parquet(f"{output}/{table}/**/*.parquet", hive_partitioning=False)
    except (FileNotFoundError, pl.exceptions.ComputeError):
        return None
    key = ["source_file", "paragraph_index"] if "paragraph_index" in frame.columns else ["source_file"]
    return frame.drop(VOLATILE, strict=False).sort(key)


def differences(old: str, new: str) -> list[str]:
    """One line per table: identical, or how it differs."""
    lines = []
    for table in TABLES:
        a, b = table_rows(old, table), table_rows(new, table)
        if a is None or b is None:
            lines.append(f"{table}: {'no rows' if a is None and b is None else 'missing on one side'}")
            continue
        shared = [c for c in a.columns if c in b.columns]
        if a.select(shared).equals(b.select(shared)) and a.columns == b.columns:
            lines.append(f"{table}: {a.height:,} rows identical")
            continue
        changed = [c for c in shared if a.height == b.height and not a[c].equals(b[c])]
        extra = sorted(set(a.columns) ^ set(b.columns))
        lines.append(
            f"{table}: DIFFERENT ({a.height:,} vs {b.height:,} rows; columns differing {changed}; only on one side {extra})"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    args = parser.parse_args()
    lines = differences(args.old, args.new)
    print("\n".join(lines))
    sys.exit(1 if any("DIFFERENT" in line or "missing" in line for line in lines) else 0)


if __name__ == "__main__":
    main()
