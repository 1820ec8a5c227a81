"""Tests for the contact_block rule: an address or contact block known by its shape, below the
story."""

import polars as pl
import pytest
from test_boilerplate import frame, reasons
from test_topic import CORE

from tasks.boilerplate.edges import contact_text

FOOTER = "Example Media GmbH Musterweg 4, D-12345 Musterstadt info@example.de www.example.de"


def reads_as_contact(texts: list[str]) -> list[bool]:
    """What `edges.contact_text` says of each text."""
    df = pl.DataFrame({"text": texts}).with_columns(n_chars=pl.col("text").str.len_chars())
    return contact_text(pl.col("text"), pl.col("n_chars"))(df).to_list()


def test_an_address_block_below_the_story_is_flagged() -> None:
    """A publisher's address under the article is furniture, with no "Tel" or "E-Mail" label."""
    assert reasons(frame([*CORE, FOOTER])) == [None, None, None, "contact_block"]


def test_the_same_block_above_the_story_stays() -> None:
    """Above the story such a line heads a press release or a review's data box: gold keeps it."""
    assert reasons(frame([FOOTER, *CORE])) == [None, None, None, None]


def test_the_same_block_inside_the_story_stays() -> None:
    """Between two paragraphs of the story, an address belongs to it."""
    assert reasons(frame([CORE[0], FOOTER, *CORE[1:]])) == [None, None, None, None]


def test_a_block_on_a_page_without_a_story_is_flagged() -> None:
    """Under a list of links with no story, the site's address is its footer."""
    links = ["Opening hours and prices", "Events this summer"]
    assert reasons(frame([*links, FOOTER], link_chars=[24, 18, 0])) == ["link_dense", "link_dense", "contact_block"]


@pytest.mark.parametrize(
    "text",
    [
        FOOTER,
        "Bäckerei Muster, Seestraße 3, 88662 Überlingen +49 7551 555 010",
        "202 Harbour Road, Springfield, IL 62704 (217) 555-0143",
        "Jo Lee: 555-201-0188 or jo.lee@example.com",
        "Stadtverein c/o Anna Muster, Postfach 12, CH-8000 Zürich",
        "Redacción: redaccion@example.com.ar // +54 11 5555-0100",
        "Press office, 1 Quay Street, Oswestry SY10 8NN 01691 555 010",
    ],
)
def test_blocks_known_by_their_shape(text: str) -> None:
    """Two or more contact tokens (e-mail, phone, postcode and town, www. domain, c/o) and few
    lower-case words."""
    assert reads_as_contact([text]) == [True]


@pytest.mark.parametrize(
    "text",
    [
        "The council says residents should call 0800 555 0100 or email help@example.gov.uk for advice",
        "Call us on 0800 555 0100",
        "Example Media GmbH, Musterweg 4, D-12345 Musterstadt, info@example.de.",
        "Festival 2018 Welcome Night at the Harbour Theatre 2019 Spring Gala",
    ],
)
def test_sentences_and_single_tokens_are_not_blocks(text: str) -> None:
    """A sentence giving a number and an address (mostly lower-case words), one token alone, a line
    that ends a sentence, years before capitalised words (not postcodes)."""
    assert reads_as_contact([text]) == [False]
