"""Convert trafilatura's evaluation pages (snippet labels, many languages) into a snippet corpus folder.

trafilatura's repository (Apache 2.0 code; the pages are their publishers') holds ~990 saved web
pages (about half German, then English, Polish, French, Spanish; news, blogs, institutions) and
`tests/evaldata.json`, which gives each page a few text snippets people marked as belonging to the
main text (`with`) and a few that must not (`without`: menus, footers, cookie and comment notices).
The pages are never committed: this script reads a local copy and writes, into the folder you name
(e.g. bench/out/gold/trafilatura), one `NNN_<16 hex>.txt` per page holding every non-blank `<p>`'s
inner HTML (the way ../shared/corpus/aeb was made) and an index.jsonl with the page's address and
its `with` and `without` snippets, which `bench.snippets` scores (gold stays null: there is no whole
body to compare tokens with). Copy the files out of a mirror of adbar/trafilatura:

    git -C MIRROR archive HEAD tests/eval tests/cache tests/evaldata.json | tar x -C /tmp/trafilatura
    python -m bench.convert_trafilatura --source /tmp/trafilatura/tests --target bench/out/gold/trafilatura
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.gold_corpus import decoded, hashed_name, paragraphs, run_converter

PAGE_FOLDERS = ("eval", "cache")


def page_file(source: Path, name: str) -> Path | None:
    """The saved page `evaldata.json` names, in whichever folder holds it."""
    return next((source / folder / name for folder in PAGE_FOLDERS if (source / folder / name).is_file()), None)


def convert(source: Path, target: Path) -> int:
    """Write the corpus folder; returns how many pages were written."""
    target.mkdir(parents=True, exist_ok=True)
    labels = json.loads((source / "evaldata.json").read_text(encoding="utf-8"))
    lines = []
    for number, (key, label) in enumerate(labels.items()):
        page = page_file(source, label["file"])
        if page is None:
            continue
        inner, _ = paragraphs(decoded(page.read_bytes()))
        name = hashed_name(number, key)
        (target / name).write_text(repr(inner), encoding="utf-8")
        url = key if key.startswith(("http://", "https://")) else None  # "hard::site-name.html" keys name no address
        entry = {"file": name, "url": url, "gold": None, "with": label["with"], "without": label["without"]}
        lines.append(json.dumps(entry, ensure_ascii=False))
    (target / "index.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def main(argv: list[str] | None = None) -> None:
    run_converter(__doc__, "trafilatura's tests/ folder (evaldata.json, eval/, cache/)", convert, argv)


if __name__ == "__main__":
    main()
