"""Ingest: the safe list-literal parser and what each kind of bad file becomes."""

from __future__ import annotations

import warnings

import pytest

from tasks.ingest.discover import article_id
from tasks.ingest.parse import BadInput, parse_paragraphs
from tasks.ingest.read import ingest_files
from tasks.settings import InputLimits
from tasks.storage.store import Store

LIMITS = InputLimits(max_file_bytes=10_000, max_paragraphs=3, max_paragraph_chars=50)


def test_parses_both_quote_styles_and_escapes():
    data = b"""['It\\'s "here"', "it's", '&quot;x&quot; <b>y</b>']"""
    assert parse_paragraphs(data, LIMITS) == ['It\'s "here"', "it's", "&quot;x&quot; <b>y</b>"]


def test_unknown_escapes_stay_as_written_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert parse_paragraphs(b"['C:\\\\temp', 'a \\d b', 'x\\8']", LIMITS) == ["C:\\temp", "a \\d b", "x\\8"]


def test_accepts_bom_and_crlf():
    assert parse_paragraphs(b"\xef\xbb\xbf[\r\n'a',\r\n'b'\r\n]\r\n", LIMITS) == ["a", "b"]


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (b"", "empty", "file is empty"),
        (b"  \n", "empty", "file is empty"),
        (b"[]", "empty", "the list has no paragraphs"),
        (b"{'a': 1}", "not_a_list", "content is a dict, not a list of strings"),
        (b"'just a string'", "not_a_list", "content is a str constant, not a list of strings"),
        (
            b"__import__('os').system('touch /tmp/pwned')",
            "not_a_list",
            "content is code (a Call expression), not a list of strings",
        ),
        (b"['a', 1]", "non_string_item", "item 1 is a int constant, not a string"),
        (b"['a', ['b']]", "non_string_item", "item 1 is a nested list, not a string"),
        (b"['a', f'{x}']", "non_string_item", "item 1 is code (a JoinedStr expression), not a string"),
        (b"['a', 'b'", "syntax_error", "not a Python list literal: '[' was never closed at line 1"),
        (b"['caf\xe9']", "decode_error", "not UTF-8: byte 0xe9 at offset 5"),
        (b"[" * 300 + b"]" * 300, "too_deep", "brackets nested deeper than Python's parser allows (max_depth=50)"),
        (b"['a', " + b"[" * 60 + b"]" * 60 + b"]", "too_deep", "item 1 nests deeper than max_depth=50"),
        (b"['a', 'b', 'c', 'd']", "too_large", "4 paragraphs, over max_paragraphs=3"),
        (b"['" + b"x" * 51 + b"']", "too_large", "a paragraph has 51 characters, over max_paragraph_chars=50"),
        (b"['" + b"x" * 10_001 + b"']", "too_large", "file is 10,005 bytes, over max_file_bytes=10,000"),
        (b"['\\ud800']", "invalid_unicode", "a paragraph holds a lone surrogate ('\\ud800')"),
    ],
)
def test_bad_input_kinds(data, kind, message):
    with pytest.raises(BadInput) as caught:
        parse_paragraphs(data, LIMITS)
    assert (caught.value.kind, caught.value.message) == (kind, message)


def test_article_id_from_name_or_path():
    assert article_id("sub/012_00ff00ff00ff00ff.txt") == "00ff00ff00ff00ff"
    assert article_id("story.txt") == "cdfde2934aa6050a"  # sha256 of the path: known before the file is read


def test_ingest_files_accounts_for_every_file(tmp_path):
    (tmp_path / "001_aaaaaaaaaaaaaaaa.txt").write_text("['one', 'two']")
    (tmp_path / "002_bbbbbbbbbbbbbbbb.txt").write_text("not a list")
    names = sorted(p.name for p in tmp_path.iterdir())
    batch = ingest_files(Store(str(tmp_path)), names, LIMITS)
    assert batch.paragraphs.rows() == [
        ("aaaaaaaaaaaaaaaa", "001_aaaaaaaaaaaaaaaa.txt", 0, "one"),
        ("aaaaaaaaaaaaaaaa", "001_aaaaaaaaaaaaaaaa.txt", 1, "two"),
    ]
    assert batch.articles["source_file"].to_list() == ["001_aaaaaaaaaaaaaaaa.txt"]
    assert batch.quarantine.select("source_file", "error_kind").rows() == [("002_bbbbbbbbbbbbbbbb.txt", "syntax_error")]
