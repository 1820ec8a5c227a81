"""Render the docs' reference tables from the code, so the docs cannot drift from it.

`python -m flows.docs` rewrites each block between `<!-- generated:NAME -->` and
`<!-- /generated:NAME -->` in README.md and docs/*.md (or in the files given as arguments);
a test fails when any of them is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyarrow as pa

from schemas.tables import ERROR_KINDS, PARTITION_COLUMN, SCHEMA_VERSION, TABLES
from tasks.boilerplate.flag import REASONS
from tasks.settings import Settings


def _type_name(type_: pa.DataType) -> str:
    if pa.types.is_list(type_):
        return f"list<{_type_name(type_.value_type)}>"
    if pa.types.is_struct(type_):
        return "struct<" + ", ".join(f.name for f in type_) + ">"
    return str(type_)


def columns() -> str:
    """One table per output table, a row per column with type, meaning and example."""
    parts = [f"Schema version {SCHEMA_VERSION}. Every table also has the hive partition column `{PARTITION_COLUMN}`.\n"]
    for name, schema in TABLES.items():
        parts.append(f"#### `{name}`\n\n| column | type | nullable | meaning | example |\n|---|---|---|---|---|")
        for field in schema:
            meta = {k.decode(): v.decode() for k, v in field.metadata.items()}
            null = "yes" if field.nullable else "no"
            parts.append(
                f"| `{field.name}` | {_type_name(field.type)} | {null} | {meta['description']} | {meta['example']} |"
            )
        parts.append("")
    return "\n".join(parts)


def settings() -> str:
    """Every setting with its command-line option, default and meaning."""
    rows = ["| option | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        default = "required" if field.is_required() else f"`{field.default}`"
        option = name.replace("_", "-")
        option = f"--[no-]{option}" if field.annotation is bool else f"--{option}"
        rows.append(f"| `{option}` | {default} | {field.description} |")
    return "\n".join(rows) + "\n"


def _codes(title: str, codes: dict[str, str]) -> str:
    return "\n".join([f"| {title} | meaning |", "|---|---|", *(f"| `{c}` | {m} |" for c, m in codes.items())]) + "\n"


BLOCKS = {
    "columns": columns,
    "settings": settings,
    "reasons": lambda: _codes("boilerplate_reason", REASONS),
    "error_kinds": lambda: _codes("error_kind", ERROR_KINDS),
}


ROOT = Path(__file__).resolve().parents[1]


def render(text: str) -> str:
    """The page with every generated block brought up to date."""
    for name, make in BLOCKS.items():
        pattern = re.compile(rf"(<!-- generated:{name} -->\n).*?(<!-- /generated:{name} -->)", re.S)
        text = pattern.sub(lambda m, make=make: m[1] + make() + m[2], text)
    return text


def pages(root: Path = ROOT) -> list[Path]:
    """The README and every docs/ page that holds a generated block."""
    candidates = [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    return [path for path in candidates if path.exists() and "<!-- generated:" in path.read_text()]


if __name__ == "__main__":
    for path in [Path(arg) for arg in sys.argv[1:]] or pages():
        path.write_text(render(path.read_text()))
