"""The L3S-GN1 converter: <p> paragraphs of the original page, full-text blocks of the annotated one."""

from __future__ import annotations

from bench.convert_l3s import convert, gold_blocks
from bench.gold_corpus import covered, decoded, index_rows, paragraphs

ORIGINAL = (
    "<html><head><meta charset='iso-8859-1'></head><body><div>Menu</div>"
    "<p>Caf\xe9 owners met on <a href='/x'>Monday</a>.</p><p>  </p><p>Share this</p></body></html>"
)
ANNOTATED = (
    "<body><span class='x-nc-sel1'>Headline</span><p><span class='x-nc-sel2'>Caf\xe9 owners\n met on Monday.</span></p>"
    "<p><span class='x-nc-sel0'>Share this</span></p></body>"
)


def test_paragraphs_are_the_inner_html_and_text_of_non_blank_p_elements():
    assert paragraphs(decoded(ORIGINAL.encode("latin-1"))) == (
        ['Café owners met on <a href="/x">Monday</a>.', "Share this"],
        ["Café owners met on Monday.", "Share this"],
    )


def test_gold_is_the_full_text_blocks_with_whitespace_collapsed():
    assert gold_blocks(ANNOTATED) == ["Café owners met on Monday."]


def test_covered_is_the_share_of_gold_words_the_paragraphs_hold():
    assert covered(["one two three four"], ["two four", "five"]) == 0.5


def test_convert_writes_pages_and_nulls_the_gold_of_pages_whose_body_is_not_in_p(tmp_path):
    source = tmp_path / "l3s"
    (source / "original").mkdir(parents=True)
    (source / "annotated").mkdir()
    pages = {"0a1b2c3d-0000-0000-0000-000000000001": ORIGINAL, "0a1b2c3d-0000-0000-0000-000000000002": "<p>Other</p>"}
    for uuid, html in pages.items():
        (source / "original" / f"{uuid}.html").write_bytes(html.encode("latin-1"))
        (source / "annotated" / f"{uuid}.html").write_bytes(ANNOTATED.encode("latin-1"))
    (source / "url-mapping.txt").write_text(
        "<urn:uuid:0a1b2c3d-0000-0000-0000-000000000001>\thttp://news.example.com/a\n", encoding="utf-8"
    )
    assert convert(source, tmp_path / "out") == 1
    rows = index_rows(tmp_path / "out")
    assert rows == [
        {
            "file": "000_0a1b2c3d00000000.txt",
            "url": "http://news.example.com/a",
            "gold": ["Café owners met on Monday."],
        },
        {"file": "001_0a1b2c3d00000000.txt", "url": None, "gold": None},
    ]
    assert (tmp_path / "out" / "001_0a1b2c3d00000000.txt").read_text(encoding="utf-8") == "['Other']"
