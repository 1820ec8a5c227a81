"""The snippet set: trafilatura's labelled pages converted, and kept paragraphs scored by snippet."""

from __future__ import annotations

import ast
import json

import pyarrow as pa
import pyarrow.parquet as pq

from bench import snippets
from bench.convert_trafilatura import convert

PAGE = "<html><body><nav>Home</nav><p>The mayor opened the  bridge.</p><p>Sign up for our newsletter</p></body></html>"


def test_convert_writes_the_p_elements_and_the_snippets_of_every_page_it_finds(tmp_path):
    source = tmp_path / "tests"
    (source / "eval").mkdir(parents=True)
    (source / "eval" / "a.html").write_text(PAGE, encoding="utf-8")
    labels = {
        "https://news.example.org/bridge": {"file": "a.html", "with": ["opened the bridge"], "without": ["Home"]},
        "hard::missing.html": {"file": "missing.html", "with": ["x"], "without": []},
    }
    (source / "evaldata.json").write_text(json.dumps(labels), encoding="utf-8")

    assert convert(source, tmp_path / "out") == 1
    (entry,) = [json.loads(line) for line in (tmp_path / "out" / "index.jsonl").read_text().splitlines()]
    assert entry == {
        "file": entry["file"],
        "url": "https://news.example.org/bridge",
        "gold": None,
        "with": ["opened the bridge"],
        "without": ["Home"],
    }
    assert entry["file"].startswith("000_") and len(entry["file"]) == len("000_") + 16 + len(".txt")
    written = ast.literal_eval((tmp_path / "out" / entry["file"]).read_text(encoding="utf-8"))
    assert written == ["The mayor opened the  bridge.", "Sign up for our newsletter"]


def _flow_output(tmp_path, rows: list[tuple[str, int, str, bool]]):
    """A paragraphs dataset laid out as the flow writes it (hive folders), with the columns scored."""
    folder = tmp_path / "paragraphs" / "language=en"
    folder.mkdir(parents=True)
    names = ["source_file", "paragraph_index", "text", "is_boilerplate"]
    pq.write_table(pa.table(dict(zip(names, map(list, zip(*rows))))), folder / "part-0.parquet")
    return tmp_path / "paragraphs"


def test_snippets_count_what_each_choice_of_paragraphs_keeps(tmp_path):
    index = [
        {"file": "000_a.txt", "with": ["opened the bridge", "not in any paragraph"], "without": ["newsletter", "Home"]},
        {"file": "001_b.txt", "gold": ["a body"]},  # no snippets: not a labelled page
    ]
    (tmp_path / "index.jsonl").write_text("".join(json.dumps(e) + "\n" for e in index), encoding="utf-8")
    paragraphs = _flow_output(
        tmp_path,
        [
            ("000_a.txt", 1, "Sign up for our newsletter", False),
            ("000_a.txt", 0, "The mayor  opened the\nbridge.", True),
            ("001_b.txt", 0, "a body", False),
        ],
    )
    labels, pages = snippets.labelled_pages(tmp_path), snippets.flow_paragraphs(paragraphs)

    assert labels == {"000_a.txt": (["opened the bridge", "not in any paragraph"], ["newsletter", "Home"])}
    assert pages["000_a.txt"] == [("The mayor opened the bridge.", True), ("Sign up for our newsletter", False)]
    # Only snippets some paragraph holds count: one `with`, one `without` here.
    assert snippets.count(labels, pages, snippets.KEEP_ALL) == snippets.Counts(1, 0, 1, 0)
    assert snippets.count(labels, pages, snippets.NEWSFLOW) == snippets.Counts(0, 1, 1, 0)
    assert snippets.count(labels, pages, snippets.ORACLE) == snippets.Counts(1, 0, 0, 1)
    assert snippets.Counts(1, 0, 1, 0).scores() == "0.500/1.000/0.667"
    assert snippets.Counts(0, 1, 1, 0).scores() == "0.000/0.000/0.000"
