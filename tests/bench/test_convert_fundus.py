"""The fundus converter: each saved page takes the body of the parser version it holds, its address
from meta.info, and gold null where its text is not in `<p>`s."""

from __future__ import annotations

import gzip
import json

from bench.convert_fundus import convert
from bench.gold_corpus import index_rows

PAGE = (
    "<html><body><nav><p>Startseite</p></nav><p>Die Regierung hat am Donnerstag entschieden.</p>"
    "<h2>Was folgt</h2><p>Die Regel gilt ab morgen.</p><footer><p>© 2024 Zeitung</p></footer></body></html>"
)
NOT_IN_P = "<html><body><div>Ein Text nur in einem div, ohne Absatz.</div></body></html>"


def body(summary: list[str], sections: list[tuple[list[str], list[str]]]) -> dict:
    return {"summary": summary, "sections": [{"headline": h, "paragraphs": p} for h, p in sections]}


def test_convert_matches_each_page_to_its_version_and_reads_its_address(tmp_path):
    folder = tmp_path / "test_data" / "de"
    folder.mkdir(parents=True)
    (folder / "Zeitung_2024_05_01.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (folder / "Blatt_2025_01_02.html.gz").write_bytes(gzip.compress(NOT_IN_P.encode()))
    versions = {
        "V1": {"body": body([], [([], ["Ein alter Artikel, den diese Seite nicht enthält."])]), "title": "Alt"},
        "V2": {
            "body": body(
                ["Die Regierung hat am  Donnerstag entschieden."], [(["Was folgt"], ["Die Regel gilt ab morgen."])]
            ),
            "title": "Neu",
        },
    }
    (folder / "Zeitung.json").write_text(json.dumps(versions), encoding="utf-8")
    (folder / "Blatt.json").write_text(
        json.dumps({"V1": {"body": body([], [([], ["Ein Text nur in einem div, ohne Absatz."])])}}), encoding="utf-8"
    )
    info = {"Zeitung_2024_05_01.html.gz": {"url": "https://www.zeitung.example/a", "crawl_date": "2024-05-01 10:00:00"}}
    (folder / "meta.info").write_text(json.dumps(info), encoding="utf-8")
    assert convert(tmp_path / "test_data", tmp_path / "out") == 1
    rows = index_rows(tmp_path / "out")
    assert rows == [
        {"file": "000_cefa5059da79d7db.txt", "url": None, "gold": None},
        {
            "file": "001_96957162cf99f522.txt",
            "url": "https://www.zeitung.example/a",
            "gold": ["Die Regierung hat am Donnerstag entschieden.", "Was folgt", "Die Regel gilt ab morgen."],
        },
    ]
    assert (tmp_path / "out" / rows[1]["file"]).read_text(encoding="utf-8") == repr(
        ["Startseite", "Die Regierung hat am Donnerstag entschieden.", "Die Regel gilt ab morgen.", "© 2024 Zeitung"]
    )
