"""Tests for tasks.boilerplate: each reason code, the lead guard and the seed article."""

import ast
from pathlib import Path

import polars as pl
import pytest

from tasks.boilerplate.flag import REASONS, flag_boilerplate
from tasks.clean.html_text import clean_paragraph

SEED = Path(__file__).resolve().parents[2] / "data" / "000_eb467b9fec6cd865.txt"
BODY = "The council said the new bridge would open next spring after two years of delays."


def frame(texts: list[str], counts: list[int] | None = None, link_chars: list[int] | None = None) -> pl.DataFrame:
    """One article's paragraphs in flag_boilerplate's input schema."""
    n = len(texts)
    return pl.DataFrame(
        {
            "article_id": ["a"] * n,
            "source_file": ["000_a.txt"] * n,
            "paragraph_index": list(range(n)),
            "n_paragraphs": [n] * n,
            "raw_html": texts,
            "text": texts,
            "n_chars": [len(t) for t in texts],
            "link_chars": link_chars or [0] * n,
            "n_links": [1 if c else 0 for c in (link_chars or [0] * n)],
            "is_lead": [False] * n,
            "repeat_count": counts or [1] * n,
        },
        schema_overrides={
            "paragraph_index": pl.Int32,
            "n_paragraphs": pl.Int32,
            "n_chars": pl.Int32,
            "link_chars": pl.Int32,
            "n_links": pl.Int32,
            "repeat_count": pl.Int64,
        },
    )


def reasons(df: pl.DataFrame) -> list[str | None]:
    """Reason column as a list."""
    return flag_boilerplate(df)["boilerplate_reason"].to_list()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("© 2024 Example Media Ltd. All rights reserved.", "copyright"),
        ("Tous droits réservés.", "copyright"),
        ("We use cookies to give you the best experience. Accept all cookies?", "cookie"),
        ("Sign up for our morning newsletter.", "newsletter"),
        ("Abonnez-vous à notre lettre d'information.", "newsletter"),
        ("Get the Example Times delivered to your inbox", "newsletter"),
        ("Seu e-mail foi cadastrado com sucesso!", "newsletter"),
        ("Already a subscriber? Log in here.", "subscription"),
        ("Follow us on Facebook and Instagram.", "follow_us"),
        ("Síguenos en Twitter.", "follow_us"),
        ("Leave a comment", "comments"),
        ("Read more: Ten things to know about the bridge", "read_more"),
        ("Lesen Sie auch: Die Brücke ist fertig", "read_more"),
        ("Image source, Getty Images", "caption"),
        ("Media caption, The mayor opened the bridge", "caption"),
        ("This video can not be played", "caption"),
        ("(Credit: Clayton Aldern / Grist)", "caption"),
        ("[Foto: © Jo Lee/iStock.com]", "caption"),
        ("Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com", "caption"),
        ("This is a modal window.", "interface"),
        ("We've noticed that you are using an ad blocker.", "interface"),
        ("Oops! We had a problem sending your message. Please try again later.", "interface"),
        ("Por favor, tente mais tarde!", "interface"),
        ("Advertisement", "interface"),
        ("Anzeige", "interface"),
        ("« Vorige | Nächste »", "interface"),
        ("Next Article", "interface"),
        ("Facebook Twitter Google+ Mobile RSS", "follow_us"),
        ("Email Print RSS Share:", "follow_us"),
        ("Jo Lee 發表在 Blog 留言(42) 人氣(900)", "comments"),
        ("Kommentare (3)", "comments"),
        ("— Posted by Jo Lee", "byline"),
        ("Publié par Marie Dupont", "byline"),
        ("By Jane Doe, Transport correspondent", "byline"),
        ("By Charles M. Blow", "byline"),
        ("Por Ana Gil y Luis Pérez", "byline"),
        ("Par Marie Dupont", "byline"),
        ("Published on 12 March 2024", "byline"),
        ("By Jo Lee on Monday, November 18th, 2019 at 11:08 a.m.", "byline"),
        ("Jo Lee 於 2014/01/01 20:31 回覆", "byline"),
        ("We use cookies to measure how the site is used.", "cookie"),
        ("Example News Ltd, registered in England and Wales no. 123456. Registered office: 1 High St.", "copyright"),
        ("This copy is for your personal, non-commercial use only.", "copyright"),
        ("Please check your inbox to confirm your registration.", "account"),
        ("We've sent you an email with a link to reset your password.", "account"),
        ("Comments are moderated and appear once approved.", "comment_rules"),
        ("The opinions expressed in reader comments are those of their authors.", "comment_rules"),
        ("Los comentarios publicados son responsabilidad de sus autores.", "comment_rules"),
        ("Os comentários não representam a opinião do jornal.", "comment_rules"),
        ("Got a story? Email us at tips@example.com", "comment_rules"),
        ("Submit a letter to the editor or write to letters@example.com.", "comment_rules"),
        ("This site requires that JavaScript be enabled and the Flash plug-in be installed.", "interface"),
    ],
)
def test_pattern_reasons(text: str, code: str) -> None:
    """Each furniture pattern yields its own reason code, in the middle of an article too."""
    assert reasons(frame([BODY, text, BODY])) == [None, code, None]


@pytest.mark.parametrize("text", ["Getty", "Reuters/Corbis", "(photo AFP)", "EPA/Jane Doe"])
def test_bare_credit_lines(text: str) -> None:
    """A photo credit on its own line is a credit (and the short line above it its caption)."""
    assert reasons(frame([BODY, BODY + " Two.", "The mayor at the bridge", text])) == [
        None,
        None,
        "captioned",
        "credit",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Apple is a big customer of the factory.",
        "The 10:30 train on 3 May 2019 was cancelled.",
        "The 1975: 22:15 - 23:45",
        "Por qué la ciudad necesita un puente nuevo",
        "Par ailleurs, le pont ouvrira au printemps",
        "Von der Leyen visits the bridge",
        "Getty Museum reopens its garden",
        "A long-awaited email from the council arrived in her inbox.",
        "Next year the bridge will close.",
        "Previous owners had sold the land.",
        "Advertisement revenue fell by a third.",
        "Facebook and Twitter were blamed.",
        "The post was shared by the mayor.",
        "The app was removed for breaking its terms of service, the company said.",
        "Critics said the firm's own privacy policy allowed the data to be sold.",
        "Results are sent to an email address the clinic provides.",
        "The senator's comments are being reviewed by the ethics committee.",
        "The firm's registered office is in Cyprus, the filing shows.",
        "Officials said they would review the comments before the vote.",
        '"We want to hear what you think," the mayor told residents.',
        '"Do you have a story to tell?" the flyer asked.',
        "(Source: Canadian Institute of Advanced Research survey)",
    ],
)
def test_body_lines_like_furniture_are_kept(text: str) -> None:
    """Sentences with a time, a lowercase word after 'Por'/'Par', an agency name, or furniture's words
    (next, advertisement, someone else's terms or privacy policy, an e-mail address) stay: they are news."""
    assert reasons(frame([BODY, text, BODY])) == [None, None, None]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("By subscribing, you agree to Example News's terms of use and privacy policy.", "copyright"),
        ("Users of this site agree to its Terms of Service.", "copyright"),
        ("Terms of Use | Privacy Policy | Contact", "copyright"),
        ("Enter your email address to follow this blog.", "newsletter"),
        ("Please enter a valid email address", "newsletter"),
        ("Email Address:", "newsletter"),
    ],
)
def test_legal_and_email_lines_for_the_reader_are_flagged(text: str, code: str) -> None:
    """The same phrases addressed to the reader, or as form labels and footer links, stay furniture."""
    assert reasons(frame([BODY, text, BODY])) == [None, code, None]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Watch how the water rises when the gates close.", None),
        ("Recommended daily amount: two cups, split into two meals.", None),
        ("Watch: The bridge opens after two years", "read_more"),
        ("Watch the moment the bridge opened", "read_more"),
        ("Recommended for you", "read_more"),
    ],
)
def test_read_more_words_opening_a_sentence(text: str, code: str | None) -> None:
    """'Watch how ...' and 'Recommended daily ...' are sentences; 'Watch:' and 'Recommended' are labels."""
    assert reasons(frame([BODY, text, BODY])) == [None, code, None]


def test_long_body_paragraph_mentioning_newsletter_is_kept() -> None:
    """Patterns apply to short paragraphs only: prose about a sign-up flow is body."""
    text = BODY + " Users must sign up with an email address, which critics say collects too much data."
    assert reasons(frame([BODY, text, BODY])) == [None, None, None]


def test_link_dense() -> None:
    """A paragraph that is mostly link text is a menu or link list."""
    menu = "Home | World | Business | Sport"
    assert reasons(frame([BODY, menu, BODY], link_chars=[0, len(menu), 0])) == [None, "link_dense", None]


def test_linked_sentence_inside_body_is_kept() -> None:
    """A sentence whose words are mostly one inline link stays inside the body, not at its edges."""
    linked = "Prosecutors said the case revolved around the issue of informed consent."
    links = [0, 54, 0, 54]
    assert reasons(frame([BODY, linked, BODY, linked], link_chars=links)) == [None, None, None, "link_dense"]
    fully = [0, len(linked), 0, 0]
    assert reasons(frame([BODY, linked, BODY, BODY], link_chars=fully)) == [None, "link_dense", None, None]


def test_tail_after_end_marker() -> None:
    """After a comment-section heading that follows the body, the rest of the article is flagged."""
    comment = "I disagree with the council, the bridge was never needed and cost far too much money."
    texts = [BODY, BODY, "3 Comments", comment, comment + " Really.", "More from The Example Times"]
    assert reasons(frame(texts)) == [None, None, "comments", "after_article_end", "after_article_end", "read_more"]


@pytest.mark.parametrize(
    ("form", "reason"),
    [
        ("Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.", "comments"),
        ("Votre adresse e-mail ne sera pas publiée", "comments"),
        ("Mail (will not be published) (required)", "comments"),
        ("Schreibe einen Kommentar", "short_fragment"),
        ("Deja una respuesta", "short_fragment"),
    ],
)
def test_comment_form_ends_the_article_in_other_languages(form: str, reason: str) -> None:
    """A comment form's privacy note or heading, in the languages the `comments` pattern knows, ends
    the article as its English wording does: the comments below it are flagged."""
    comment = "Danke für den Artikel, genau so habe ich es auch erlebt, als wir im Sommer dort waren."
    texts = [BODY, BODY, form, comment, comment + " Wirklich."]
    assert reasons(frame(texts)) == [None, None, reason, "after_article_end", "after_article_end"]


def test_end_marker_needs_body_before_it() -> None:
    """A legal line in the page header, before two body paragraphs, cuts nothing."""
    texts = [BODY, "© 2019 Example News. All rights reserved.", BODY, BODY]
    assert reasons(frame(texts)) == [None, "copyright", None, None]


def test_short_fragment_only_at_edges() -> None:
    """Unpunctuated fragments before/after the body are furniture; inside it they stay."""
    assert reasons(frame(["Menu", BODY, "Crosshead", BODY, "Top stories"])) == [
        "short_fragment",
        None,
        None,
        None,
        "short_fragment",
    ]


def test_a_run_of_bare_numbers_inside_the_body_is_a_fragment() -> None:
    """Five lines in a row that each hold one number are a chart's axis labels, even between body
    paragraphs; four, or a figure with its label, stay."""
    axis = ["0", "’17", "’18", "$915", "2.5"]
    assert reasons(frame([BODY, *axis, BODY])) == [None] + ["short_fragment"] * 5 + [None]
    assert reasons(frame([BODY, *axis[:4], BODY])) == [None] * 6
    assert reasons(frame([BODY, *axis[:4], "2.5 million", BODY])) == [None] * 7


def test_repeated_anywhere_and_at_edges() -> None:
    """Text in many articles is flagged anywhere; text in two only outside the body."""
    shared = "Background: the bridge was first proposed in 1998 by the regional council."
    texts = [BODY, shared, BODY, shared, "Everything you need to know about our award winning events."]
    counts = [1, 2, 1, 5, 2]
    assert reasons(frame(texts, counts)) == [None, None, None, "repeated", "repeated"]


def test_empty_and_reason_never_null_when_flagged() -> None:
    """Empty paragraphs are flagged; is_boilerplate is never null and matches the reason."""
    out = flag_boilerplate(frame(["", BODY]))
    assert out["boilerplate_reason"].to_list() == ["empty", None]
    assert out["is_boilerplate"].to_list() == [True, False]
    assert out["is_boilerplate"].null_count() == 0


def test_lead_anchors_body_start() -> None:
    """Text shared with another version of the story, right after the lead, is body."""
    shared = "Background: the bridge was first proposed in 1998 by the regional council."
    df = frame([BODY, shared, BODY + " More.", BODY], [2, 2, 1, 1]).with_columns(
        is_lead=pl.Series([True, False, False, False])
    )
    assert reasons(df) == [None, None, None, None]
    assert reasons(frame([BODY, shared, BODY + " More.", BODY], [2, 2, 1, 1])) == ["repeated", "repeated", None, None]


def test_lead_never_flagged() -> None:
    """The article lead is kept even when it looks like furniture."""
    df = frame(["Sign up", BODY]).with_columns(is_lead=pl.Series([True, False]))
    assert reasons(df) == [None, None]


def test_every_reason_is_documented() -> None:
    """REASONS lists short snake_case codes with one-line descriptions."""
    assert set(REASONS) == {
        "empty",
        "copyright",
        "cookie",
        "newsletter",
        "subscription",
        "account",
        "follow_us",
        "comments",
        "comment_rules",
        "read_more",
        "credit",
        "caption",
        "agency_caption",
        "interface",
        "byline",
        "appeal",
        "contact",
        "captioned",
        "link_dense",
        "select_menu",
        "form_field",
        "word_list",
        "marked_furniture",
        "author_bio",
        "long_notice",
        "contact_block",
        "short_fragment",
        "repeated",
        "duplicate",
        "after_article_end",
        "gallery",
        "teaser",
        "comment_thread",
        "comment_section",
        "article_copy",
        "off_topic",
        "nested",
    }
    assert all(code.isidentifier() and code.islower() and "\n" not in d for code, d in REASONS.items())


def test_seed_article() -> None:
    """On the seed only the newsletter promo and the copyright footer are boilerplate."""
    cleaned = [clean_paragraph(p, "https://www.bbc.co.uk") for p in ast.literal_eval(SEED.read_text(encoding="utf-8"))]
    df = frame([c.text for c in cleaned], link_chars=[c.link_chars for c in cleaned]).with_columns(
        is_lead=pl.Series([True] + [False] * (len(cleaned) - 1))
    )
    got = reasons(df)
    assert cleaned[0].is_bold
    assert got[27] == "newsletter"
    assert got[-1] == "copyright"
    assert got == [None] * 27 + ["newsletter", "copyright"]


def test_articles_are_the_source_files() -> None:
    """Two files sharing an article id are separate articles: each has its own body edges."""
    df = pl.concat([frame([BODY, "Top stories"]), frame(["Menu", BODY]).with_columns(source_file=pl.lit("001_a.txt"))])
    assert reasons(df) == [None, "short_fragment", "short_fragment", None]
