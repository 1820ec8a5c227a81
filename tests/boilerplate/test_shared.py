"""Tests for tasks.boilerplate.shared: a story other files tell too is kept, a site's repeated prose is not."""

import pytest
from test_boilerplate import BODY, frame, reasons

STORY = [
    "YALA, Thailand - Suspected insurgents exploded a bomb that injured 39 people in a market on Wednesday.",
    "The explosion was the third blow for the government in as many days, after an ambush on Monday.",
    "An army spokesman said the ambush was a reaction to the military's progress in tracking the insurgents.",
    "Attackers hiding by the roadside fired on a truck carrying eight soldiers, the spokesman said.",
]
APPEAL = [
    "We have a small favour to ask. More people are reading our journalism than ever before, and we need you.",
    "Thanks to all the readers who have supported our independent, investigative journalism this year.",
    "If everyone who reads our reporting helps to support it, our future would be much more secure.",
]
PAGE = ["Please support local business!", "Thai market bombing injures 39", "By Jane Doe, Associated Press Writer"]


@pytest.mark.parametrize("count", [2, 7])
def test_a_story_other_files_tell_in_full_is_kept(count: int) -> None:
    """Two sites carry the same wire story (or seven do): its paragraphs are the article, not furniture."""
    df = frame([*PAGE, *STORY, ""], counts=[1, 1, 1] + [count] * len(STORY) + [1])
    assert reasons(df) == [None, "short_fragment", "byline", None, None, None, None, "empty"]


def test_a_short_run_of_repeated_prose_stays_flagged() -> None:
    """Two repeated promos on a page without other prose are not a story (`MIN_RUN`)."""
    df = frame([*PAGE, *APPEAL[:2]], counts=[1, 1, 1, 2, 2])
    assert reasons(df) == [None, "short_fragment", "byline", "repeated", "repeated"]


def test_a_story_told_after_a_unique_opening_is_kept() -> None:
    """Two sites carry a wire story, one with its own first paragraph: the shared rest is more of the
    page than its unique opening, so it is the story and the opening what one copy adds."""
    df = frame([BODY, *STORY, "Menu"], counts=[1] + [2] * len(STORY) + [1])
    assert reasons(df) == [None, None, None, None, None, "short_fragment"]


def test_repeated_prose_shorter_than_the_unique_body_beside_it_stays_flagged() -> None:
    """A paper's appeal for support below its story is a run of repeated prose, shorter than the story."""
    df = frame([*STORY, *APPEAL], counts=[1] * len(STORY) + [2] * len(APPEAL))
    assert reasons(df) == [None, None, None, None, "repeated", "repeated", "repeated"]


def test_a_run_that_is_not_all_of_the_page_prose_stays_flagged() -> None:
    """A page whose story is not in its paragraphs, with repeated promos in two runs: no run is the story."""
    texts = [*PAGE, *APPEAL, "Menu", STORY[0], STORY[1]]
    df = frame(texts, counts=[1, 1, 1, 2, 2, 2, 2, 2, 2])
    assert reasons(df)[3:6] == ["repeated", "repeated", "repeated"]
