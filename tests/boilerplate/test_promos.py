"""Tests for a site's promos and notices: calls for readers' tips and feedback, comment moderation rules
(comment_rules), and notices longer than the furniture caps above or below the story (long_notice)."""

import pytest
from test_boilerplate import frame, reasons
from test_topic import CORE

# A newsletter consent notice longer than every furniture cap (400 characters), invented.
CONSENT = (
    "Mit Absenden meiner E-Mail-Adresse willige ich bis auf Widerruf ein, den Newsletter der Beispiel GmbH "
    "mit Angeboten und Neuigkeiten zu erhalten. Ich bin damit einverstanden, dass meine Daten zu diesem Zweck "
    "gespeichert und ausgewertet werden. Die Einwilligung kann ich jederzeit mit Wirkung für die Zukunft "
    "widerrufen, etwa über den Abmeldelink in jeder Ausgabe. Weitere Hinweise finden sich in unserer "
    "Datenschutzerklärung."
)
# Comment rules as long, invented.
RULES = (
    "COMMENT RULES Comment posters are responsible for the opinions they express and for the accuracy of "
    "what they write. We ask everyone to stay on the topic of the story, to avoid personal attacks, foul "
    "language and advertising, and to respect the other readers. Comments that break these rules are "
    "removed without notice, and repeat offenders lose their accounts. Thank you for helping us keep the "
    "discussion civil and useful for every reader."
)
# A story's paragraph on cookies, as long, with the cookie pattern's words.
COOKIE_NEWS = (
    "The regulator said the site had used cookies to track readers across other websites without their "
    "consent, and that its settings page made refusing them far harder than accepting them. The company "
    "said it would change the banner within a month. Privacy campaigners said the fine was too small to "
    "change how the industry behaves, as the same practice was common on news and shopping sites across "
    "the country, and called for a ban."
)


def test_examples_are_longer_than_every_cap() -> None:
    """The notices here are past the copyright, cookie and comment rules patterns' 400 characters."""
    assert all(400 < len(text) <= 800 for text in (CONSENT, RULES, COOKIE_NEWS))


@pytest.mark.parametrize(
    "text",
    [
        "Have a view on this story? Send us your feedback!",
        "Send us your photos",
        "If you have any news tips you would like us to follow up, contact the newsroom.",
        "We want to hear your suggestions and comments. Email the desk with claims to check.",
        "Your comments and feedback are welcome. Email the editors.",
        "We reserve the right to delete comments and ban users who break these rules.",
        "All comments with links are held for moderation to prevent spam.",
        "Comments should not stray from the subject of the story.",
        "Comments are limited to 200 words or less.",
        "PLEASE, no personal attacks. Keep your comments directed to the topic.",
        # past the comments pattern's cap (200 characters), which names a short one
        "Comment Policy: Please stay positive with your comments. If your comment is rude, it gets deleted. If it is"
        " critical, please make it constructive. If you are a troll, make sure you are funny, and keep it short.",
        "Basic HTML is allowed (a href, strong, em).",
    ],
)
def test_calls_for_tips_and_moderation_rules(text: str) -> None:
    """A call for readers' tips, feedback or photos, or a moderation rule, is comment_rules anywhere."""
    assert reasons(frame([CORE[0], text, *CORE[1:]])) == [None, "comment_rules", None, None]


@pytest.mark.parametrize(
    "text",
    [
        "The editor said readers had sent in tips about the bridge, and the council confirmed two of them.",
        "Moderators removed the comments after the council complained about personal attacks on staff.",
    ],
)
def test_news_sentences_about_tips_and_comments_stay(text: str) -> None:
    """A story's sentence about tips or removed comments is not a call or a rule."""
    assert reasons(frame([CORE[0], text, *CORE[1:]])) == [None, None, None, None]


@pytest.mark.parametrize("notice", [CONSENT, RULES])
def test_a_long_notice_below_the_story_is_flagged(notice: str) -> None:
    """Past every cap, a consent notice or comment rules under the story read like prose and are notices."""
    assert reasons(frame([*CORE, notice])) == [None, None, None, "long_notice"]


def test_a_long_notice_above_the_story_is_flagged() -> None:
    """A notice some templates print above the article is one too."""
    assert reasons(frame([CONSENT, *CORE])) == ["long_notice", None, None, None]


def test_a_story_paragraph_with_the_same_words_inside_the_story_stays() -> None:
    """Between two paragraphs of the story, a long paragraph about cookies or consent is news."""
    assert reasons(frame([CORE[0], COOKIE_NEWS, *CORE[1:]])) == [None, None, None, None]
    assert reasons(frame([CORE[0], CONSENT, *CORE[1:]])) == [None, None, None, None]


def test_a_notice_longer_than_its_cap_stays() -> None:
    """Past 800 characters a paragraph is prose about terms or privacy, judged by the other rules."""
    longer = CONSENT + " " + CONSENT
    assert reasons(frame([*CORE, longer])) == [None, None, None, None]
