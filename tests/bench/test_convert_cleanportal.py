"""The CleanPortalEval converter: <p> paragraphs of the saved page, gold from the CleanEval-format blocks."""

from __future__ import annotations

from bench.convert_cleanportal import convert, gold_blocks
from bench.gold_corpus import index_rows

PAGE = (
    '<text id="http://news.example.com/story-1">\n<html><body><div>Home | World</div>'
    "<h1>Caf\u00e9s reopen</h1><p>Caf\u00e9s reopen on <a href='/x'>Monday</a>, the mayor said.</p><p> </p>"
    "<p>\u201cWe are ready,\u201d one owner said.</p><p>Share this story</p></body></html>"
)
GOLD = (
    "URL: http://news.example.com/story-1\n<h>Caf&eacute;s reopen\n \n<p>Caf&eacute;s reopen on Monday,\n"
    " the mayor said.\n\n<p>&#8220;We are ready,&#8221; one\n owner said.\n"
)


def test_gold_is_the_url_line_and_each_block_unescaped_with_whitespace_collapsed():
    assert gold_blocks(GOLD) == (
        "http://news.example.com/story-1",
        [
            "Caf\u00e9s reopen",
            "Caf\u00e9s reopen on Monday, the mayor said.",
            "\u201cWe are ready,\u201d one owner said.",
        ],
    )


def test_a_tag_opens_a_block_only_at_a_line_start_and_a_list_item_is_a_block():
    assert gold_blocks("<p>Use <p> for paragraphs.\n<l>First item\n<L>Second item") == (
        None,
        ["Use <p> for paragraphs.", "First item", "Second item"],
    )


def test_convert_writes_pages_and_nulls_the_gold_of_pages_whose_body_is_not_in_p(tmp_path):
    source = tmp_path / "CleanPortalEval-master"
    (source / "input").mkdir(parents=True)
    (source / "GoldStandard").mkdir()
    (source / "input" / "news_01.html").write_bytes(PAGE.encode())
    (source / "GoldStandard" / "news_01.txt").write_bytes(GOLD.encode())
    (source / "input" / "news_02.html").write_bytes(b"<div>The body is in a div.</div><p>Home</p>")
    (source / "GoldStandard" / "news_02.txt").write_bytes(b"URL: http://news.example.com/2\n<p>The body is in a div.\n")
    (source / "input" / "news_03.html").write_bytes(b"<p>No gold file.</p>")
    assert convert(source, tmp_path / "out") == 1
    rows = index_rows(tmp_path / "out")
    assert rows == [
        {
            "file": "000_b44524824e608e5c.txt",
            "url": "http://news.example.com/story-1",
            "gold": [
                "Caf\u00e9s reopen",
                "Caf\u00e9s reopen on Monday, the mayor said.",
                "\u201cWe are ready,\u201d one owner said.",
            ],
        },
        {"file": "001_9715cf7311ed544c.txt", "url": "http://news.example.com/2", "gold": None},
        {"file": "002_e9f6f67c1dbb3260.txt", "url": None, "gold": None},
    ]
    assert (tmp_path / "out" / "000_b44524824e608e5c.txt").read_text(encoding="utf-8") == repr(
        [
            'Caf\u00e9s reopen on <a href="/x">Monday</a>, the mayor said.',
            "\u201cWe are ready,\u201d one owner said.",
            "Share this story",
        ]
    )
