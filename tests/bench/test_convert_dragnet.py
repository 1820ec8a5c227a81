"""The Dragnet converter: <p> paragraphs of the saved page, gold from the hand-copied text before the comment marker."""

from __future__ import annotations

from bench.convert_dragnet import article_lines, convert, corrected_text
from bench.gold_corpus import index_rows

PAGE = (
    "<html><head><meta charset='windows-1252'><link rel='canonical' href='http://blog.example.com/post'></head>"
    "<body><div>Home | About</div><p>Caf\u2019s reopen on <a href='/x'>Monday</a>, the mayor said.</p><p> </p>"
    "<p>Great post, thanks!</p><p>Posted by Ann at 9:14 AM</p></body></html>"
)
CORRECTED = "Caf\u2019s reopen\r\n   on Monday, the mayor said.\r\n\r\n!@#$%^&*()  COMMENTS\r\nGreat post, thanks!\r\n"


def test_gold_is_the_non_blank_lines_before_the_comment_marker_with_whitespace_collapsed():
    assert article_lines(CORRECTED) == ["Caf\u2019s reopen", "on Monday, the mayor said."]
    assert article_lines("Body.\n") == ["Body."]


def test_the_marker_is_found_in_its_hand_typed_variants_and_only_on_a_line_of_its_own():
    for marker in ("!@ $%^&*()  COMMENTS", "!@#$%^&*() COMMENTS", "  #$%^&*()  \tCOMMENTS\t", "!@#$%^&**()  COMMENTS"):
        assert article_lines(f"Body.\n{marker}\nA comment.\nSecond comment.") == ["Body."]
    kept = "Body.\n\n\n\n\nCOMMENTS\n274 Comments\nWe read the comments (#$%^&*) COMMENTS\n"
    assert article_lines(kept) == ["Body.", "COMMENTS", "274 Comments", "We read the comments (#$%^&*) COMMENTS"]


def test_gold_files_are_utf16_after_a_bom_else_utf8_else_windows_1252():
    text = "\u201cCaf\u00e9\u201d \u2013 \u00a375\n"
    assert corrected_text(text.encode()) == text
    assert corrected_text(text.encode("utf-16")) == text
    assert corrected_text(text.encode("windows-1252")) == text


def test_convert_writes_pages_and_nulls_the_gold_of_pages_whose_body_is_not_in_p(tmp_path):
    source = tmp_path / "dragnet"
    (source / "HTML").mkdir(parents=True)
    (source / "Corrected").mkdir()
    (source / "HTML" / "R1.html").write_bytes(PAGE.encode("windows-1252"))
    (source / "Corrected" / "R1.html.corrected.txt").write_bytes(CORRECTED.encode("utf-16"))
    (source / "HTML" / "2.html").write_bytes(b"<div>The body is in a div.</div><p>Home</p>")
    (source / "Corrected" / "2.html.corrected.txt").write_bytes(b"The body is in a div.\n")
    (source / "HTML" / "3.html").write_bytes(b"<p>No gold file.</p>")
    assert convert(source, tmp_path / "out") == 1
    rows = index_rows(tmp_path / "out")
    assert rows == [
        {"file": "000_42df441db905a699.txt", "url": None, "gold": None},
        {"file": "001_4884bbfe94dafc21.txt", "url": None, "gold": None},
        {
            "file": "002_3a3a09058b918531.txt",
            "url": "http://blog.example.com/post",
            "gold": ["Caf\u2019s reopen", "on Monday, the mayor said."],
        },
    ]
    assert (tmp_path / "out" / "002_3a3a09058b918531.txt").read_text(encoding="utf-8") == repr(
        [
            'Caf\u2019s reopen on <a href="/x">Monday</a>, the mayor said.',
            "Great post, thanks!",
            "Posted by Ann at 9:14 AM",
        ]
    )
    assert (tmp_path / "out" / "000_42df441db905a699.txt").read_text(encoding="utf-8") == "['Home']"
