"""The htmltotext-benchmark converter: pages from every language folder, gold from the copied text."""

from __future__ import annotations

from bench.convert_htmltotext import convert
from bench.gold_corpus import index_rows

NEWS = (
    "<html><head><link rel='canonical' href='https://www.example.hr/vijesti/a'></head><body>"
    "<nav><p>Naslovnica</p></nav><p>Vlada je u četvrtak <a href='/b'>donijela</a> odluku.</p>"
    "<p> </p><p>Odluka stupa na snagu sutra.</p></body></html>"
)
FORUM = "<html><body><div class='post'>Hello all, my first post here.</div><p>Reply</p></body></html>"


def test_convert_writes_every_language_and_nulls_the_gold_of_pages_whose_text_is_not_in_p(tmp_path):
    pages = {
        "hr/html/news-index-a.html": (
            NEWS,
            "Vlada je u četvrtak donijela odluku.\n\n  Odluka stupa  na snagu sutra.\n",
        ),
        "en/html/forum-board-1.html": (FORUM, "Hello all, my first post here.\n"),
    }
    for path, (html, text) in pages.items():
        page = tmp_path / "benchmarkdata" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html, encoding="utf-8")
        copied = page.parent.parent / "text" / f"{page.stem}.txt"
        copied.parent.mkdir(exist_ok=True)
        copied.write_text(text, encoding="utf-8")
    assert convert(tmp_path / "benchmarkdata", tmp_path / "out") == 1
    rows = index_rows(tmp_path / "out")
    assert rows == [
        {"file": "000_7665cb0dffbaa9a9.txt", "url": None, "gold": None},
        {
            "file": "001_029e0cd6ee77eb9c.txt",
            "url": "https://www.example.hr/vijesti/a",
            "gold": ["Vlada je u četvrtak donijela odluku.", "Odluka stupa na snagu sutra."],
        },
    ]
    assert (tmp_path / "out" / "001_029e0cd6ee77eb9c.txt").read_text(encoding="utf-8") == repr(
        ["Naslovnica", 'Vlada je u četvrtak <a href="/b">donijela</a> odluku.', "Odluka stupa na snagu sutra."]
    )
