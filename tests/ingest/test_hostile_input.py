"""Hostile and malformed input: generated literals, hand-made bad files, and a whole run over them.

Policy (docs/guarantees.md, "What each kind of input becomes"): every file either becomes article rows or exactly one
quarantine row whose error_kind says why; nothing in a file is ever executed; the run completes.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import string

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.ingest.parse import BadInput, _plain_items, parse_paragraphs
from tasks.ingest.read import ingest_files
from tasks.settings import InputLimits
from tasks.storage.store import Store

LIMITS = InputLimits()
QUARANTINE_KINDS = {
    "empty",
    "not_a_list",
    "non_string_item",
    "syntax_error",
    "decode_error",
    "too_deep",
    "too_large",
    "invalid_unicode",
}
# Text a scraper can produce: any character but lone surrogates.
PARAGRAPH = st.text(st.characters(exclude_categories=("Cs",)), min_size=0, max_size=40)
PARAGRAPHS = st.lists(PARAGRAPH, min_size=1, max_size=8)


def _render(items: list[str], style: str) -> bytes:
    """A list literal as scrapers write them: repr, JSON, one item per CRLF line, or with a BOM."""
    if style == "json":
        return json.dumps(items).encode()
    if style == "json_ascii":
        return json.dumps(items, ensure_ascii=False).encode()
    if style == "crlf":
        return ("[\r\n" + ",\r\n".join(map(repr, items)) + ",\r\n]\r\n").encode()
    literal = repr(items).encode()
    return b"\xef\xbb\xbf" + literal if style == "bom" else literal


def _acceptable(outcome: list[str] | str) -> bool:
    """A list of strings, or one of the documented quarantine kinds."""
    if isinstance(outcome, list):
        return all(isinstance(p, str) for p in outcome)
    return outcome in QUARANTINE_KINDS


def _parse_or_kind(data: bytes) -> list[str] | str:
    """The paragraphs, or the quarantine kind; any other exception fails the test."""
    try:
        return parse_paragraphs(data, LIMITS)
    except BadInput as e:
        assert e.message, "every quarantine carries a message"
        return e.kind


@given(PARAGRAPHS, st.sampled_from(["repr", "json", "json_ascii", "crlf", "bom"]))
def test_valid_literals_round_trip(items, style):
    assert parse_paragraphs(_render(items, style), LIMITS) == items


@given(PARAGRAPHS, st.data())
def test_almost_valid_literals_parse_or_quarantine(items, data):
    literal = _render(items, "repr")
    cut = data.draw(st.integers(0, len(literal)))
    noise = data.draw(st.binary(max_size=6))
    mutated = data.draw(
        st.sampled_from([literal[:cut], literal[:cut] + noise + literal[cut:], literal[:cut] + literal[cut + 1 :]])
    )
    outcome = _parse_or_kind(mutated)
    assert _acceptable(outcome)


def _python_reads(source: str) -> list[str] | None:
    """What Python's own parser reads: the list of strings, or None when it is something else."""
    try:
        value = ast.literal_eval(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


# Printable text: `repr` and `json.dumps` write it with no escape but the six the regex path reads.
PLAIN_TEXT = st.text(st.characters(categories=("L", "M", "N", "P", "S"), include_characters=" "), max_size=40)
# Characters that make or break a literal, for the mutations below.
SYNTAX = st.text(st.sampled_from(["'", '"', "\\", " ", ",", "[", "]", "\n", "\r", "x", "u", "0", "#", "\x00", "\x0c"]))


@given(st.lists(PLAIN_TEXT, min_size=1, max_size=8), st.sampled_from(["repr", "json_ascii", "crlf"]))
def test_scrapers_lists_are_read_without_the_syntax_tree(items, style):
    """A list as `repr` or `json.dumps` writes it, of text without control characters, is read by the
    regex path (`_plain_items`), to the same strings."""
    assert _plain_items(_render(items, style).decode()) == items


@given(PARAGRAPHS, st.sampled_from(["repr", "json", "json_ascii", "crlf"]), st.data())
def test_the_regex_path_reads_only_what_python_reads_the_same(items, style, data):
    """Whatever the regex path reads, whole or mutated (a cut, characters of literal syntax inserted,
    one dropped), Python's parser reads as the same list; what it leaves (None) goes to that parser."""
    literal = _render(items, style).decode()
    cut = data.draw(st.integers(0, len(literal)))
    noise = data.draw(SYNTAX.filter(lambda s: len(s) <= 4))
    mutations = [literal, literal[:cut], literal[:cut] + noise + literal[cut:], literal[:cut] + literal[cut + 1 :]]
    source = data.draw(st.sampled_from(mutations))
    read = _plain_items(source)
    assert read is None or read == _python_reads(source)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("['a', \"b\"]", ["a", "b"]),
        (" [\r\n'a',\r\n'b',\r\n]\r\n", ["a", "b"]),
        (r"""['It\'s', "say \"hi\"", 'C:\\temp', 'a\nb\tc\r']""", ["It's", 'say "hi"', "C:\\temp", "a\nb\tc\r"]),
        ("[]", None),  # empty: the parser's "empty" quarantine
        ("['a' 'b']", None),  # implicit concatenation
        (r"[r'a\d', u'b']", None),  # prefixes
        (r"['a\x41']", None),  # an escape other than the six
        ("['''a''']", None),  # triple quotes
        ("['a', # note\n'b']", None),  # a comment
        ("['a\x00']", None),  # a NUL: the parser's syntax error
        ("['a'] + ['b']", None),
        ("['a',,]", None),
        ("['a'", None),
    ],
)
def test_regex_path_cases(source, expected):
    """What the regex path reads, and what it leaves to Python's parser."""
    assert _plain_items(source) == expected
    if expected is not None:
        assert _python_reads(source) == expected


@given(st.binary(max_size=300))
def test_binary_garbage_never_raises_anything_else(data):
    assert _acceptable(_parse_or_kind(data))


@given(
    st.recursive(st.text(string.ascii_letters, max_size=3), lambda inner: st.lists(inner, max_size=3), max_leaves=20)
)
def test_nested_lists_are_never_accepted_as_paragraphs(value):
    outcome = _parse_or_kind(repr([value]).encode())
    expected = [value] if isinstance(value, str) else "non_string_item"
    assert outcome == expected


def test_python_code_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    payloads = [
        f"__import__('os').system('touch {marker}')",
        f"[__import__('os').system('touch {marker}')]",
        f"[f\"{{__import__('os').system('touch {marker}')}}\"]",
        f"import os; os.system('touch {marker}')",
        f"[(lambda: open('{marker}', 'w'))()]",
        f"['a', *[open('{marker}', 'w')]]",
    ]
    kinds = [_parse_or_kind(p.encode()) for p in payloads]
    assert kinds == [
        "not_a_list",
        "non_string_item",
        "non_string_item",
        "syntax_error",
        "non_string_item",
        "non_string_item",
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (b"[" * 100_000, "too_deep"),
        (b"['a', " + b"(" * 120 + b"'x'" + b")" * 120 + b"]", ["a", "x"]),
        (b"['" + b"x" * 1_000_001 + b"']", "too_large"),
        (repr(["p"] * 20_001).encode(), "too_large"),
        (repr(["p"] * 20_000).encode(), ["p"] * 20_000),
        (repr(["<b>" * 5_000 + "deep" + "</b>" * 5_000]).encode(), ["<b>" * 5_000 + "deep" + "</b>" * 5_000]),
        (b"['\xed\xa0\x80']", "decode_error"),
        (b"['a\x00']", "syntax_error"),
        (bytes(range(256)), "decode_error"),
    ],
    ids=[
        "unclosed-100k",
        "parens-120",
        "paragraph-1M",
        "20001-paragraphs",
        "20000-paragraphs",
        "markup-5k-deep",
        "utf8-surrogate",
        "nul-byte",
        "all-bytes",
    ],
)
def test_limits_at_default_settings(data, outcome):
    assert _parse_or_kind(data) == outcome


def _kinds(batch) -> dict[str, str]:
    return dict(batch.quarantine.select("source_file", "error_kind").iter_rows())


def test_files_that_must_not_be_read(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("['top secret']")
    (root / "001_aaaaaaaaaaaaaaaa.txt").symlink_to(secret)
    (root / "002_bbbbbbbbbbbbbbbb.txt").symlink_to(tmp_path / "missing.txt")
    os.mkfifo(root / "003_cccccccccccccccc.txt")
    with open(root / "004_dddddddddddddddd.txt", "wb") as f:
        f.truncate(50 * 1024**3)  # sparse: refused from its size, never read into memory
    (root / "005_eeeeeeeeeeeeeeee.txt").write_text("['good']")
    (root / "006_ffffffffffffffff.txt").symlink_to(root / "005_eeeeeeeeeeeeeeee.txt")
    names = sorted(p.name for p in root.iterdir())
    batch = ingest_files(Store(str(root)), names, LIMITS)
    messages = dict(batch.quarantine.select("source_file", "error_message").iter_rows())
    assert messages == {
        "001_aaaaaaaaaaaaaaaa.txt": "symlink points outside the input folder; not followed",
        "002_bbbbbbbbbbbbbbbb.txt": "symlink points outside the input folder; not followed",
        "003_cccccccccccccccc.txt": "not a regular file (a pipe, socket or device); not read",
        "004_dddddddddddddddd.txt": "file is 53,687,091,200 bytes, over max_file_bytes=16,777,216",
    }
    assert _kinds(batch) == {
        "001_aaaaaaaaaaaaaaaa.txt": "outside_input",
        "002_bbbbbbbbbbbbbbbb.txt": "outside_input",
        "003_cccccccccccccccc.txt": "not_a_file",
        "004_dddddddddddddddd.txt": "too_large",
    }
    assert batch.articles["source_file"].to_list() == ["005_eeeeeeeeeeeeeeee.txt", "006_ffffffffffffffff.txt"]


def test_dangling_link_inside_the_input_is_an_io_error(tmp_path):
    (tmp_path / "001_aaaaaaaaaaaaaaaa.txt").symlink_to(tmp_path / "gone.txt")
    batch = ingest_files(Store(str(tmp_path)), ["001_aaaaaaaaaaaaaaaa.txt"], LIMITS)
    assert batch.quarantine.select("error_kind", "error_message").rows() == [
        ("io_error", "could not read: No such file or directory")
    ]


def test_names_off_pattern_get_the_path_hash_as_id(tmp_path):
    names = ["story.txt", "12_ABCDEF0123456789.txt", "sp ace é\nnewline.txt"]
    for name in names:
        (tmp_path / name).write_text(f"[{name!r}]")
    batch = ingest_files(Store(str(tmp_path)), sorted(names), LIMITS)
    expected = {n: hashlib.sha256(n.encode()).hexdigest()[:16] for n in names}
    assert dict(batch.articles.select("source_file", "article_id").iter_rows()) == expected


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["..", ".", "/", "\\", "a", "é", "\x00", ":", "~"]), max_size=12).map("".join))
def test_store_paths_never_leave_the_root(tmp_path, rel):
    store = Store(str(tmp_path))
    try:
        path = store.path(rel)
    except ValueError as e:
        assert "leaves the store root" in str(e)
        return
    assert path == store.root or path.startswith(store.root + "/")
    assert ".." not in path[len(store.root) :].split("/")


# ------------------------------------------------------------------ a whole run over hostile files

GOOD = {
    "001_0000000000000001.txt": b"['<b>Lead</b> para.', 'Second <a href=\"/news/x\">link</a>.']",
    "sub/002_0000000000000002.txt": b"\xef\xbb\xbf['With a BOM.']",
    "003_0000000000000003.txt": b"[\r\n'CRLF one.',\r\n'CRLF two.'\r\n]\r\n",
    "004_0000000000000004.txt": (
        b'[\'<a href="javascript:alert(1)">click</a> and <a href="data:text/html,x">data</a>\','
        b" '<script>alert(1)</script>Visible <img src=x onerror=alert(1)> text<!-- c -->.',"
        b" '" + b"<span>" * 3000 + b"Deep" + b"</span>" * 3000 + b"']"
    ),
    "odd name.txt": b"['Off-pattern name.']",
}
BAD = {
    "010_000000000000000a.txt": (b"", "empty"),
    "011_000000000000000b.txt": (b"{'not': 'a list'}", "not_a_list"),
    "012_000000000000000c.txt": (b"['a', 2]", "non_string_item"),
    "013_000000000000000d.txt": (b"['truncated", "syntax_error"),
    "014_000000000000000e.txt": (b"__import__('os').system('touch PWNED')", "not_a_list"),
    "015_000000000000000f.txt": (b"[" * 5000 + b"]" * 5000, "too_deep"),
    "016_0000000000000010.txt": (b"['" + b"x" * 1_000_001 + b"']", "too_large"),
    "017_0000000000000011.txt": (bytes(range(256)) * 4, "decode_error"),
    "018_0000000000000012.txt": ("['café']".encode("latin-1"), "decode_error"),
    "019_0000000000000013.txt": (b"['\\udc80 lone']", "invalid_unicode"),
}


@pytest.fixture
def hostile_dir(tmp_path):
    folder = tmp_path / "hostile"
    for name, data in {**GOOD, **{n: d for n, (d, _) in BAD.items()}}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (tmp_path / "outside.txt").write_text("['outside']")
    (folder / "020_0000000000000014.txt").symlink_to(tmp_path / "outside.txt")
    # An hour old, so every quick key is trusted on the rerun whatever the machine's speed (keys of
    # files modified in the last 2 s are not), as they are for real input.
    for path in [*folder.rglob("*.txt"), tmp_path / "outside.txt"]:
        os.utime(path, (os.stat(path).st_atime, os.stat(path).st_mtime - 3600))
    return folder


def _table(output, name: str) -> pl.DataFrame:
    return pl.read_parquet(f"{output}/{name}/**/*.parquet", hive_partitioning=True)


def test_hostile_folder_run_completes_and_writes_every_good_file(hostile_dir, tmp_path, run_flow):
    output = tmp_path / "out"
    summary = run_flow(hostile_dir, output, batch_files=3)
    expected_kinds = {name: kind for name, (_, kind) in BAD.items()} | {"020_0000000000000014.txt": "outside_input"}
    assert (summary["files_found"], summary["files_written"], summary["files_quarantined"]) == (16, 5, 11)
    assert summary["files_found"] == summary["files_written"] + summary["files_skipped"] + summary["files_quarantined"]
    quarantine = _table(output, "quarantine")
    assert dict(quarantine.select("source_file", "error_kind").iter_rows()) == expected_kinds
    assert quarantine["error_message"].str.len_chars().min() > 0
    paragraphs = _table(output, "paragraphs").sort("source_file", "paragraph_index")
    assert paragraphs.group_by("source_file").len().sort("source_file").rows() == [
        ("001_0000000000000001.txt", 2),
        ("003_0000000000000003.txt", 2),
        ("004_0000000000000004.txt", 3),
        ("odd name.txt", 1),
        ("sub/002_0000000000000002.txt", 1),
    ]
    hostile = paragraphs.filter(pl.col("source_file") == "004_0000000000000004.txt")
    assert hostile["text"].to_list()[1:] == ["Visible text.", "Deep"]
    assert not paragraphs["text"].str.contains("<").any()
    links = hostile["links"][0].to_list()
    assert [(lk["href"], lk["url"], lk["is_unsafe"]) for lk in links] == [
        ("javascript:alert(1)", None, True),
        ("data:text/html,x", None, True),
    ]
    assert not (tmp_path / "PWNED").exists() and not (hostile_dir / "PWNED").exists()
    top = ["_lock", "_manifest", "_staging", "_state", "article_versions", "articles", "paragraphs", "quarantine"]
    assert sorted(os.listdir(output)) == top and os.listdir(output / "_staging") == []

    again = run_flow(hostile_dir, output, batch_files=3)
    # Unchanged bad files are skipped like good ones; the unreadable link is checked again.
    assert (again["files_written"], again["files_skipped"], again["files_quarantined"]) == (0, 15, 1)
    assert dict(_table(output, "quarantine").select("source_file", "error_kind").iter_rows()) == expected_kinds
    assert _table(output, "quarantine").height == 11
