"""The mypyc-compiled enrichment modules (setup.py) give exactly what their Python source gives.

The source is loaded beside the compiled modules by importlib from the .py files, each pure module
importing the other pure ones. Without compiled modules (no C compiler at install) there is nothing
to compare and the tests are skipped.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.enrich import numbers, quotes, sentences

ENRICH = Path(quotes.__file__).parent
PROJECT = tomllib.loads((ENRICH.parents[1] / "pyproject.toml").read_text())
NAMES = PROJECT["tool"]["newsflow"]["compiled"]  # each imports only those before it
COMPILED = [name for name in NAMES if not getattr(sys.modules[f"tasks.enrich.{name}"], "__file__", "").endswith(".py")]

pytestmark = pytest.mark.skipif(
    not COMPILED, reason="no compiled enrichment modules: installed without a C compiler, pure Python runs"
)

# What the quote, number and sentence finders react to, and odd characters around it.
PIECES = [
    '"', "“", "”", "‘‘", "’’", "'", "‘", "’", " said", " he said.", ", said Mr Tom Hale.", " she added", " Hale",
    ", according to police", " The minister said", " Ms Ada Ruiz, 34, said:", " the council", " told us", " He",
    " She", " Mr. ", " Dr ", "£5bn", " 3.5%", " two thirds of", " a million", " 1 in 5", " between 3 and 5 per cent",
    " -0.5%", " 2015", " the 1990s", "$5-10m", " 10 000 people", " twenty-one", " hundred", " dozen", " 5 p.m. ",
    " e.g. ", "1) ", " a) ", ". ", "? ", "! ", "… ", "...", "\n", "  ", "—", "é", "İ", "ſ", "\u212a", "\u00a0", "\x1c",
]  # fmt: skip
paragraph = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=16).map("".join)
article = st.lists(st.one_of(paragraph, st.none()), max_size=6)


def pure_modules() -> dict[str, ModuleType]:
    """The five modules run from their .py files, each importing the pure others; sys.modules is
    left as it was."""
    saved = {name: sys.modules.pop(f"tasks.enrich.{name}") for name in NAMES}
    try:
        for name in NAMES:
            spec = importlib.util.spec_from_file_location(f"tasks.enrich.{name}", ENRICH / f"{name}.py")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
        return {name: sys.modules[f"tasks.enrich.{name}"] for name in NAMES}
    finally:
        sys.modules.update({f"tasks.enrich.{name}": module for name, module in saved.items()})


PURE = pure_modules() if COMPILED else {}


def test_all_five_are_compiled_and_built_from_the_current_source():
    stale = [
        name
        for name in NAMES
        if Path(sys.modules[f"tasks.enrich.{name}"].__file__).stat().st_mtime < (ENRICH / f"{name}.py").stat().st_mtime
    ]
    assert (COMPILED, stale) == (list(NAMES), [])


def test_the_source_is_loaded_pure():
    assert all(module.__file__.endswith(".py") for module in PURE.values())


def test_a_missing_paragraph_is_an_empty_one_both_ways():
    article = [None, 'Ms Ada Ruiz said: "We will go."']
    expected = (
        [
            [],
            [
                {
                    "text": "We will go.",
                    "speaker": "Ada Ruiz",
                    "start": 19,
                    "end": 30,
                    "speaker_kind": "name",
                    "kind": "quote",
                }
            ],
        ],
        [0.0, 11 / 31],
    )
    assert (quotes.find_quotes(article), PURE["quotes"].find_quotes(article)) == (expected, expected)


@settings(max_examples=400, deadline=None)
@given(article)
def test_quotes_agree(paragraphs):
    assert quotes.find_quotes(paragraphs) == PURE["quotes"].find_quotes(paragraphs)


@settings(max_examples=400, deadline=None)
@given(paragraph, st.sampled_from([0, None]), st.sampled_from([0, None]))
def test_numbers_and_sentences_agree(text, digits_at, words_at):
    compiled = (numbers.find_numbers(text, digits_at, words_at), sentences.sentence_ends(text))
    assert compiled == (PURE["numbers"].find_numbers(text, digits_at, words_at), PURE["sentences"].sentence_ends(text))
