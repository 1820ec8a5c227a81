"""Tests for tasks.boilerplate.gallery: captions between photo lines of a gallery after the core."""

from test_boilerplate import frame, reasons
from test_topic import CORE, ON_TOPIC

CAPTIONS = [
    "Shares in the airline fell sharply after it warned that fuel costs would cut its profits this year.",
    "The carmaker said sales rose in Spain and Portugal, where demand for new cars soared last month.",
    "A film studio is turning away productions until the five new stages it is building are finished.",
    "The brewer dropped stuffed toy cats from a helicopter over the city to promote its share offer.",
    "Retail sales unexpectedly fell in June as households cut their spending on furniture and clothes.",
    "The bank's former trader, convicted of fraud, has been released from prison after four years.",
    "The fashion chain is planning a menswear push after hiring a rival's head of menswear design.",
    "Beer sales are still fragile after a decade of duty rises, according to the brewers' association.",
]


def gallery(core: list[str], between: list[str]) -> list[str]:
    """`core`, then a gallery of photos: one caption over each bare credit line, but `between[0]` above
    a credit the patterns do not know ("Fox 2000"), `between[1:3]` two captions in a row."""
    c = CAPTIONS
    return [
        *core,
        *[c[0], "Getty Images"],
        *[between[0], "Fox 2000", c[2], "AFP"],
        *[between[1], between[2], c[5], "Reuters"],
        *[c[6], "AP", c[7], "EPA"],
    ]


PHOTOS = ["captioned", "credit"]


def test_captions_between_photo_lines_of_a_gallery_after_the_core() -> None:
    """A caption whose credit is unknown, and captions in a row, go when the gallery outweighs the core."""
    page = gallery(CORE, [CAPTIONS[1], CAPTIONS[3], CAPTIONS[4]])
    assert reasons(frame(page)) == [
        *[None] * 3,
        *PHOTOS,
        *["gallery", "gallery", *PHOTOS],
        *["gallery", "gallery", *PHOTOS],
        *PHOTOS * 2,
    ]


def test_article_text_after_the_gallery_stays() -> None:
    """Below the last photo the article resumes up to other furniture, not up to a photo line."""
    page = [*gallery(CORE, [CAPTIONS[1], CAPTIONS[3], CAPTIONS[4]]), ON_TOPIC, "Advertisement"]
    assert reasons(frame(page))[-2:] == [None, "interface"]


def test_sections_between_photos_stay_where_the_core_outweighs_them() -> None:
    """A core with 30% or more of the page's prose leaves text between photos to topic.py: a section
    of the article shares its words and stays."""
    core = [*CORE, *(p + " Again." for p in CORE)]
    sections = [ON_TOPIC, ON_TOPIC + " Also.", ON_TOPIC + " Then."]
    assert reasons(frame(gallery(core, sections)))[6:] == [*PHOTOS, *[None, None, *PHOTOS] * 2, *PHOTOS * 2]


def test_article_sections_between_photos_stay_in_a_gallery_that_outweighs_the_core() -> None:
    """Text between two photos that shares the core's words as much as the core's own paragraphs do
    is the article around its photos, also where the captions outweigh the core."""
    sections = [ON_TOPIC, ON_TOPIC + " Also.", ON_TOPIC + " Then."]
    assert reasons(frame(gallery(CORE, sections)))[3:] == [*PHOTOS, *[None, None, *PHOTOS] * 2, *PHOTOS * 2]


def test_a_gallery_before_the_core_is_not_judged() -> None:
    """Text between photos above the article's core stays: it may open the article."""
    page = [*gallery([], CAPTIONS[1:5]), *CORE, *(p + " Again." for p in CORE), *(p + " Also." for p in CORE)]
    assert reasons(frame(page))[:14] == [*PHOTOS, *[None, None, *PHOTOS] * 2, *PHOTOS * 2]


def test_one_credit_line_is_no_gallery() -> None:
    """Between the photo lines of a page with a single bare credit line nothing is a gallery's."""
    media = ["Image source, Reuters", "Image source, AP", "Image source, EPA"]
    photos = [
        *CAPTIONS[:2],
        "Getty Images",
        *CAPTIONS[2:4],
        media[0],
        *CAPTIONS[4:6],
        media[1],
        *CAPTIONS[6:],
        media[2],
    ]
    page = [*CORE, "Advertisement", *photos]
    assert reasons(frame(page))[3:] == ["interface", None, None, "credit"] + [None, None, "caption"] * 3
