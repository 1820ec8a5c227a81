"""Tests for the author_bio rule: an author's biography above or below the story, not inside it."""

from collections.abc import Callable

import polars as pl
import pytest
from test_boilerplate import frame, reasons
from test_topic import CORE

from tasks.boilerplate.edges import bio_text, intro_text

BIO = "Jane Doe is a senior reporter at the Example Post covering energy and climate."
INTRO = "Hallo, ich bin Maria, Bäckerin aus Ulm. Hier schreibe ich über Kuchen, Brot und alles, was ich backe."


def reads_as(test: Callable[[pl.Expr, pl.Expr], pl.Expr], texts: list[str]) -> list[bool]:
    """What one of edges.py's text tests (`bio_text`, `intro_text`) says of each text."""
    df = pl.DataFrame({"text": texts}).with_columns(n_chars=pl.col("text").str.len_chars())
    return df.select(test(pl.col("text"), pl.col("n_chars"))).to_series().to_list()


def test_a_biography_below_the_story_is_flagged() -> None:
    """An author box after the article's last paragraph is furniture."""
    assert reasons(frame([*CORE, BIO])) == [None, None, None, "author_bio"]


def test_a_long_biography_below_the_story_is_flagged() -> None:
    """A founder's box that lists the writer's roles runs past 500 characters (591 here); up to 800 it is a biography."""
    roles = "His primary roles are managing editorial, business development, content development and operations. "
    long_bio = (
        "Nat Jones is the Founder and Editor in Chief of Example Corporation and all its properties. " + roles * 5
    ).strip()
    assert len(long_bio) == 591
    assert reasons(frame([*CORE, long_bio])) == [None, None, None, "author_bio"]
    assert reads_as(bio_text, [long_bio + roles * 3]) == [False]


def test_a_biography_above_the_story_is_flagged() -> None:
    """An author box some templates print before the article is furniture too."""
    assert reasons(frame([BIO, *CORE])) == ["author_bio", None, None, None]


def test_the_same_sentence_inside_the_story_stays() -> None:
    """Between two paragraphs of the story, a sentence about a reporter is news."""
    jailed = "John Smith is a reporter for the Example Post who was jailed in 2019 for his reports on the council."
    assert reasons(frame([CORE[0], BIO, *CORE[1:]])) == [None, None, None, None]
    assert reasons(frame([CORE[0], jailed, *CORE[1:]])) == [None, None, None, None]


def test_biographies_in_a_row_below_the_story_are_all_flagged() -> None:
    """Two authors' boxes under one article: each is judged against the story, not the other box."""
    second = "Max Muster ist Redakteur im Ressort Wirtschaft und schreibt über Energie und Verkehr."
    assert reasons(frame([*CORE, BIO, second])) == [None, None, None, "author_bio", "author_bio"]


@pytest.mark.parametrize(
    "text",
    [
        BIO,
        "Jo Lee covers courts and crime for the Example Times.",
        "Max Muster ist freier Journalist in Berlin.",
        "Erika Mustermann ist Wirtschaftsredakteurin bei der Beispielzeitung.",
        "Redakteur in der Wirtschaft.",
        "Ana Gil es periodista y redactora de la sección de economía.",
        "Marie Dupont est journaliste au service politique.",
        "Jan Kowalski jest dziennikarzem działu gospodarczego.",
        "About the author: Sam Roe writes a weekly column on gardening.",
        "Über die Autor:in: Carla Muster schreibt seit 2022 über Gewalt im Netz.",
        "Jo Lee can be reached at jo.lee@example.com.",
        "Write to Jo Lee at jo.lee@example.com",
    ],
)
def test_biographies_in_several_languages(text: str) -> None:
    """A name (or its role alone) and a role at a publication, a heading, a contact line."""
    assert reads_as(bio_text, [text]) == [True]


@pytest.mark.parametrize(
    "text",
    [
        "He is the author of three books on the history of the bridge.",
        "This is a writer's dream, the mayor said.",
        "Donald Trump is a long-time critic of the council's plans.",
        "Switzerland was the biggest contributor to the rise.",
        "Kyle Baxter writes about the future of the bridge from an engineer's standpoint.",
        "Sand covers the road in Charlestown after the storm, photo by Jo Lee.",
        "The council is an independent body that reports to the minister.",
    ],
)
def test_news_sentences_are_not_biographies(text: str) -> None:
    """A pronoun, a pointer word, a role outside publishing, a verb without a publication."""
    assert reads_as(bio_text, [text]) == [False]


def test_a_self_introduction_below_the_story_is_flagged() -> None:
    """The writer's own box after the article's last paragraph is furniture."""
    assert reasons(frame([*CORE, INTRO])) == [None, None, None, "author_bio"]


def test_a_self_introduction_above_or_inside_the_story_stays() -> None:
    """Above the story it opens a first-person column; between its paragraphs it is the story's."""
    column = "I'm a nurse, and last winter I worked nights on the children's ward of our town's hospital."
    assert reasons(frame([column, *CORE])) == [None, None, None, None]
    assert reasons(frame([INTRO, *CORE])) == [None, None, None, None]
    assert reasons(frame([CORE[0], INTRO, *CORE[1:]])) == [None, None, None, None]


def test_a_self_introduction_on_a_page_without_a_story_stays() -> None:
    """Alone on its page it is an "about me" page's own text."""
    assert reasons(frame([INTRO])) == [None]


@pytest.mark.parametrize(
    "text",
    [
        INTRO,
        "I'm Amy and I'm so glad you stopped by! This blog is full of ideas for busy parents.",
        "I am a writer, teacher and keen gardener living by the sea.",
        "Mein Name ist Jo Muster. Ich fotografiere Landschaften und Menschen.",
        "Wir sind ein gemeinnütziger Verein, der Kindern in der Stadt das Schwimmen beibringt.",
        "We are a small team of volunteers who review local restaurants.",
        "Je suis Marie, photographe à Lyon.",
        "Example Daily is a website about the city's food, arts and events.",
        "Beispielmagazin ist ein Online-Lifestylemagazin für junge Familien.",
        "Jule Muster studierte Sportwissenschaften, bevor sie nach Hamburg zog.",
    ],
)
def test_self_introductions_in_several_languages(text: str) -> None:
    """A first-person introduction, a name that is a publication, a name that studied."""
    assert reads_as(intro_text, [text]) == [True]


@pytest.mark.parametrize(
    "text",
    [
        "I'm A Celebrity… Get Me Out of Here!",
        "I'm sure the council will listen, she said.",
        "We are grateful to our readers for their letters.",
        "Wir sind erreichbar:",
        "It is a website that anyone can edit.",
        "The council is an independent body that reports to the minister.",
    ],
)
def test_news_sentences_are_not_self_introductions(text: str) -> None:
    """A title with a capital article, first-person news, a pronoun, a body that is no publication."""
    assert reads_as(intro_text, [text]) == [False]
