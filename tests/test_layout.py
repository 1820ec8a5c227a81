"""The layout's one hard rule: under tasks/, only prefect_tasks.py imports Prefect."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_only_prefect_tasks_imports_prefect():
    modules = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "tasks").rglob("*.py")
        if path.name != "__init__.py" and path.stem != "prefect_tasks"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'prefect' or m.startswith('prefect.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert (len(modules) > 30, done.stdout.strip()) == (True, "[]")
