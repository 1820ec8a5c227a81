"""Tests for tasks.clean.html_text: visible text, links and the bold-lead signal, from both parsers."""

import ast
import unicodedata
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.clean.html_reference import clean_paragraph_reference
from tasks.clean.html_text import (
    _HIDDEN_CLASS,
    _STRIP_FOR_SCHEME,
    _UNSAFE_SCHEME,
    INVISIBLE_CHARS,
    _hidden_class,
    _is_unsafe,
    clean_paragraph,
    is_hidden,
    normalize_text,
)
from tasks.clean.paragraphs import clean_paragraphs

BBC = "https://www.bbc.co.uk"
SEED = Path(__file__).resolve().parents[2] / "data" / "000_eb467b9fec6cd865.txt"


@pytest.fixture(params=[clean_paragraph, clean_paragraph_reference], ids=["lexbor", "beautifulsoup"])
def clean(request):
    """Each test below holds for the lexbor fast path and for the BeautifulSoup reference."""
    return request.param


HIDDEN = '<span class="visually-hidden ssrcss-1f39n02-VisuallyHidden e16en2lz0">, <!-- -->external</span>'


def test_plain_text_fast_path_normalises_whitespace(clean) -> None:
    """Plain paragraphs skip the tokenizer but are still normalised."""
    assert clean("  Two\u00a0 spaces\n here. ", BBC) == ("Two spaces here.", [], False, 0)


def test_visually_hidden_span_does_not_leak(clean) -> None:
    """BBC's screen-reader suffix ', external' is not visible text."""
    raw = f'<a href="https://www.facebook.com/bbc">Facebook{HIDDEN}</a> and more.'
    cleaned = clean(raw, BBC)
    assert cleaned.text == "Facebook and more."
    assert cleaned.links[0]["text"] == "Facebook"
    assert cleaned.link_chars == 8


def test_visually_hidden_video_label_keeps_aria_hidden_text(clean) -> None:
    """aria-hidden text is what a sighted reader sees; the hidden label is not."""
    raw = (
        '<span class="visually-hidden ssrcss-1f39n02-VisuallyHidden">Clip. Video, 00:00:51</span>'
        '<span aria-hidden="true">Clip</span>'
    )
    assert clean(raw, BBC).text == "Clip"


def test_br_becomes_space(clean) -> None:
    """<br> separates words instead of gluing them."""
    assert clean("<strong>Jane Doe</strong><br/>BBC News", BBC).text == "Jane Doe BBC News"


def test_entities_decoded(clean) -> None:
    """Named and numeric entities read as their characters."""
    assert clean("A &amp; B &lt;3 &quot;x&quot; &#8217; caf&eacute;", BBC).text == ('A & B <3 "x" \u2019 caf\u00e9')


def test_script_style_and_comments_dropped(clean) -> None:
    """Script, style and comment content never reaches the text."""
    raw = "a<script>var s = '<b>';</script><style>p{}</style><!-- c -->b"
    assert clean(raw, BBC).text == "ab"


def test_zero_width_removed_and_nfc(clean) -> None:
    """Zero-width spaces and BOMs vanish; combining sequences are composed (NFC)."""
    assert clean("zero\u200bwidth\ufeff cafe\u0301", BBC).text == "zerowidth caf\u00e9"


def test_curly_quotes_and_non_latin_intact(clean) -> None:
    """Typography and other scripts pass through unchanged."""
    text = "“Quoted” – Ελληνικά 中文 فارسی می‌خواهم"
    assert clean(f"<i>{text}</i>", BBC).text == text


def test_is_bold_only_when_all_text_bold(clean) -> None:
    """The bold lead is all <b>/<strong>; an inline bold word is not."""
    assert clean('<b class="x">Lead sentence.</b>', BBC).is_bold is True
    assert clean("Some <b>bold</b> word.", BBC).is_bold is False
    assert clean("<b> </b>", BBC).is_bold is False


@pytest.mark.parametrize(
    ("href", "url", "domain", "internal"),
    [
        ("/news/uk-1", "https://www.bbc.co.uk/news/uk-1", "bbc.co.uk", True),
        ("https://www.bbc.co.uk/sport", "https://www.bbc.co.uk/sport", "bbc.co.uk", True),
        ("//news.bbc.co.uk/x", "https://news.bbc.co.uk/x", "news.bbc.co.uk", True),
        ("https://www.ft.com/content/1", "https://www.ft.com/content/1", "ft.com", False),
        ("https://bbc.com/news", "https://bbc.com/news", "bbc.com", False),
        ("/a/../b?q=1#f", "https://www.bbc.co.uk/b?q=1#f", "bbc.co.uk", True),
    ],
)
def test_link_resolution(clean, href: str, url: str, domain: str, internal: bool) -> None:
    """Relative, absolute and protocol-relative hrefs resolve against the site base URL."""
    (link,) = clean(f'See <a href="{href}">this</a>.', BBC).links
    assert link == {
        "href": href,
        "text": "this",
        "url": url,
        "domain": domain,
        "is_internal": internal,
        "is_unsafe": False,
    }


@pytest.mark.parametrize("href", ["javascript:alert(1)", " JaVa&#10;Script:alert(1)", "data:text/html,x", "vbscript:x"])
def test_unsafe_links_flagged_never_resolved(clean, href: str) -> None:
    """Unsafe schemes are flagged and get no URL or domain, even when obfuscated."""
    (link,) = clean(f'<a href="{href}">click</a>', BBC).links
    assert link["is_unsafe"] is True
    assert link["url"] is None
    assert link["domain"] is None
    assert link["is_internal"] is False


def test_seed_paragraphs(clean) -> None:
    """The seed's bold lead and its inline link come out as a reader sees them."""
    paragraphs = ast.literal_eval(SEED.read_text(encoding="utf-8"))
    lead = clean(paragraphs[0], BBC)
    assert lead.is_bold is True
    assert lead.text.startswith("The UK is withdrawing troops from Mali")
    seventh = clean(paragraphs[7], BBC)
    assert [(lk["url"], lk["text"]) for lk in seventh.links] == [
        ("https://www.bbc.co.uk/news/world-europe-63575602", "formally ending")
    ]
    assert seventh.link_chars == len("formally ending")
    assert seventh.text == (
        "The UK is the latest country to pull its troops from Mali, with France formally ending its"
        " decade-long presence last week."
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<&")), min_size=1, max_size=20))
def test_plain_paragraphs_cleaned_as_a_column_equal_the_python_fast_path(texts):
    frame = pl.DataFrame(
        {"article_id": "a", "source_file": "f", "paragraph_index": range(len(texts)), "raw_html": texts},
        schema={"article_id": pl.String, "source_file": pl.String, "paragraph_index": pl.Int32, "raw_html": pl.String},
    )
    cleaned = clean_paragraphs(frame, "https://example.org")
    assert cleaned["text"].to_list() == [clean_paragraph(t).text for t in texts]
    assert cleaned["links"].to_list() == [[] for _ in texts]


@pytest.mark.parametrize(
    ("cls", "hidden"),
    [
        ("ssrcss-1xjjfut-BoldText e5tfeyi3", False),  # ASCII, no 'hidden', 'sr-only' or 'screen': no regex
        ("hidden-gem", False),  # holds 'hidden', so the regex decides: not a hiding class
        ("ssrcss-1f39n02-VisuallyHidden e16en2lz0", True),
        ("Screen-Reader-Text", True),
        ("\u017fr-only", True),  # long s: not ASCII, so the regex decides, and IGNORECASE folds it to 's'
        ("\u017fr-onl", False),
    ],
)
def test_hidden_class_names(cls: str, hidden: bool) -> None:
    """The hiding class names, on both sides of the substring check that skips the regex."""
    assert is_hidden({"class": cls}) is hidden


CLASS_CHARS = "hidensrolyvualtcxHIDENSROLYVUALTCX-_ \t\u00a0\u017f\u0130\u0131\u212a\u00e9"


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=CLASS_CHARS, max_size=40) | st.text(max_size=20))
def test_hidden_class_check_equals_the_regex(cls: str) -> None:
    """Skipping the regex for ASCII class lists without the three substrings never changes the answer."""
    assert _hidden_class(cls) is bool(_HIDDEN_CLASS.search(cls))


@pytest.mark.parametrize(
    ("href", "unsafe"),
    [
        ("/javascript:x", False),  # starts with '/': no regex
        ("h", False),
        ("", False),
        ("javascript:x", True),
        ("\x01JavaScript:x", True),  # a control first: the regexes decide
        ("d\tata:x", True),
        ("vbscript", False),
    ],
)
def test_unsafe_hrefs(href: str, unsafe: bool) -> None:
    """Unsafe schemes, on both sides of the first-character check that skips the regexes."""
    assert _is_unsafe(href) is unsafe


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="javscriptdbJAVSCRIPTDB:/#?hH \t\x00\x01\x7f\u00e9", max_size=14) | st.text(max_size=12))
def test_unsafe_check_equals_the_regexes(href: str) -> None:
    """Skipping the regexes for hrefs starting with '/', '#', '?' or 'h' never changes the answer."""
    assert _is_unsafe(href) is bool(_UNSAFE_SCHEME.match(_STRIP_FOR_SCHEME.sub("", href).lower()))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=INVISIBLE_CHARS + "ae\u0301\u00e9 \u00a0\t", max_size=12) | st.text(max_size=30))
def test_normalize_text_equals_translate_nfc_and_split(text: str) -> None:
    """Looking for invisible characters before str.translate gives the text translate would."""
    expected = " ".join(unicodedata.normalize("NFC", text.translate(dict.fromkeys(map(ord, INVISIBLE_CHARS)))).split())
    assert normalize_text(text) == expected
