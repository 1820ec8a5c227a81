"""Tests for tasks.boilerplate.topic: off-topic prose segments after the article's core."""

import polars as pl
from test_boilerplate import frame, reasons

from tasks.boilerplate.flag import flag_boilerplate
from tasks.boilerplate.topic import WORD

CORE = [
    "The council said the new river bridge would open next spring after two years of council delays.",
    "Council engineers said the bridge over the river passed its final safety checks this spring.",
    "Residents near the river welcomed the bridge, which the council says will cut journeys by half.",
]
TEASER = "Striker scores twice as United beat City in a thrilling derby at the stadium on Saturday."
ON_TOPIC = "Council leaders said the bridge opening would be marked with a river festival in spring."


def test_teaser_after_a_break_is_off_topic() -> None:
    """Prose after a flagged byline that shares no word with the core is another story's teaser."""
    assert reasons(frame([*CORE, "By Jane Doe", TEASER])) == [None, None, None, "byline", "off_topic"]


def test_on_topic_segment_after_a_break_stays() -> None:
    """A later segment that shares the core's words is more of the article."""
    assert reasons(frame([*CORE, "By Jane Doe", ON_TOPIC])) == [None, None, None, "byline", None]


def test_below_a_closing_notice_a_segment_needs_more_of_the_core_s_words() -> None:
    """A paragraph sharing some of the core's words stays after a byline or a caption, and goes below a
    newsletter or follow-us prompt (with a caption between too); a prompt above the core changes nothing."""
    loose = "The council also said a charity fun run through the park raised money for the local hospital."
    assert reasons(frame([*CORE, "By Jane Doe", loose]))[4:] == [None]
    assert reasons(frame([*CORE, "Image caption: The bridge at night", loose]))[4:] == [None]
    assert reasons(frame([*CORE, "Sign up for our newsletter", loose]))[4:] == ["off_topic"]
    assert reasons(frame([*CORE, "Follow us on Twitter", "Photo: Jo Lee", loose]))[4:] == ["caption", "off_topic"]
    assert reasons(frame(["Sign up for our newsletter", *CORE, "By Jane Doe", loose]))[5:] == [None]


def test_below_a_closing_notice_a_segment_of_short_lines_goes() -> None:
    """Lines narrower than body prose below a newsletter prompt (a site's other newsletters) are off
    topic; after a byline or a caption, or with the prompt above the core, they stay."""
    blurbs = [
        "Every weekday morning, the best of our coverage in your inbox.",
        "Startups are our core, so get our best coverage delivered weekly.",
    ]
    assert reasons(frame([*CORE, "Sign up for our newsletter", *blurbs]))[4:] == ["off_topic", "off_topic"]
    assert reasons(frame([*CORE, "By Jane Doe", *blurbs]))[4:] == [None, None]
    assert reasons(frame([*CORE, "Image caption: The bridge at night", *blurbs]))[4:] == [None, None]
    assert reasons(frame(["Sign up for our newsletter", *CORE, "By Jane Doe", *blurbs]))[5:] == [None, None]


def test_a_segment_is_judged_as_a_whole() -> None:
    """An on-topic paragraph pulls its segment's overlap up; the short line beside the teaser goes with it."""
    assert reasons(frame([*CORE, "By Jane Doe", TEASER, ON_TOPIC])) == [None, None, None, "byline", None, None]
    assert reasons(frame([*CORE, "By Jane Doe", "Derby report.", TEASER]))[4:] == ["off_topic", "off_topic"]


def test_a_copy_of_a_core_paragraph_does_not_pull_its_segment_on_topic() -> None:
    """In a list of teasers, the article's own teaser (a copy of its lead) is left out of the list's
    overlap and goes with the list; an on-topic paragraph beside it still keeps its segment."""
    assert reasons(frame([*CORE, "By Jane Doe", TEASER, CORE[0]]))[4:] == ["off_topic", "off_topic"]
    assert reasons(frame([*CORE, "By Jane Doe", ON_TOPIC, CORE[0]]))[4:] == [None, None]


TEASERS = [
    "Striker scores twice as United beat City in a thrilling derby at the stadium on Saturday night.",
    "Shares in the airline tumbled after it warned that fuel costs would wipe out its annual profits.",
    "A pop star has announced a world tour with concerts in twelve countries starting this autumn.",
    "Scientists have found a new species of frog living high in the mountains of northern Peru.",
]


def test_a_longer_list_of_other_stories_below_the_article_is_not_its_core() -> None:
    """Teasers holding more prose than the article below it are judged against the article, which comes
    first, when they are off its topic; paragraphs on its topic stay, one story split by a flag; an earlier
    segment with under 60% of the list's prose is not taken for the article."""
    assert reasons(frame([*CORE, "By Jane Doe", *TEASERS]))[3:] == ["byline"] + ["off_topic"] * 4
    more = [ON_TOPIC, ON_TOPIC.replace("spring", "summer"), ON_TOPIC.replace("festival", "fair"), ON_TOPIC + " Again."]
    assert reasons(frame([*CORE, "By Jane Doe", *more]))[3:] == ["byline"] + [None] * 4
    assert reasons(frame([CORE[0], "By Jane Doe", *TEASERS]))[1:] == ["byline"] + [None] * 4


def test_an_article_split_by_links_is_judged_as_one_against_a_longer_list_below_it() -> None:
    """Pieces of an article between "Read more" links, each under 60% of a list of teasers below it, are
    tried together as the core when together they hold that share: the list goes when off their topic and
    stays when on it; two pieces with under 60% of the list's prose together are not the article."""
    split = [CORE[0], "Read more", CORE[1], "Read more", CORE[2], "By Jane Doe"]
    assert reasons(frame([*split, *TEASERS])) == [None, "read_more"] * 2 + [None, "byline"] + ["off_topic"] * 4
    more = [ON_TOPIC, ON_TOPIC.replace("spring", "summer"), ON_TOPIC.replace("festival", "fair"), ON_TOPIC + " Again."]
    assert reasons(frame([*split, *more]))[6:] == [None] * 4
    assert reasons(frame([*split[:3], "By Jane Doe", *TEASERS]))[4:] == [None] * 4


def test_a_longer_list_below_a_closing_notice_is_judged_against_the_article_at_the_notice_s_share() -> None:
    """Paragraphs sharing some of the article's words, more prose than the article, stay as the core after a
    byline and go below a newsletter prompt, as any later segment there would."""
    loose = [
        "The council also said a charity fun run through the park raised money for the local hospital.",
        "The council also said a charity bake sale in the town hall raised money for the local school.",
        "The council also said a charity concert in the square raised money for the local hospice today.",
        "The council also said a charity swim at the leisure centre raised money for the local library.",
    ]
    assert reasons(frame([*CORE, "By Jane Doe", *loose]))[3:] == ["byline"] + [None] * 4
    assert reasons(frame([*CORE, "Sign up for our newsletter", *loose]))[3:] == ["newsletter"] + ["off_topic"] * 4


def test_a_second_copy_of_the_article_below_it_is_flagged_and_the_first_kept() -> None:
    """A page that prints its article twice keeps the first copy; a later segment with other prose
    beside a copy of a core paragraph is judged by its topic, the copy left out."""
    assert reasons(frame([*CORE, "By Jane Doe", *CORE]))[3:] == ["byline"] + ["article_copy"] * 3
    assert reasons(frame([*CORE, "By Jane Doe", CORE[0], ON_TOPIC]))[3:] == ["byline", None, None]


RULES = "Comments are moderated and appear once approved."
COMMENTS = [
    "I cross that river every day and the council should have built this bridge years ago.",
    "The council wasted two years on delays, so the bridge is no reason for the council to celebrate.",
]


def test_below_a_comment_section_s_rules_the_comments_go_whatever_their_topic() -> None:
    """Readers' comments share the article's words, and stay after a byline or a newsletter prompt; below
    the comment section's rules they go, and a short line with them. Rules above the core change nothing."""
    assert reasons(frame([*CORE, RULES, *COMMENTS]))[3:] == ["comment_rules"] + ["comment_section"] * 2
    assert reasons(frame([*CORE, RULES, "Ann, London", COMMENTS[0]]))[4:] == ["comment_section"] * 2
    assert reasons(frame([*CORE, "By Jane Doe", *COMMENTS]))[3:] == ["byline", None, None]
    assert reasons(frame([*CORE, "Sign up for our newsletter", *COMMENTS]))[3:] == ["newsletter", None, None]
    assert reasons(frame([RULES, *CORE, "By Jane Doe", *COMMENTS]))[4:] == ["byline", None, None]


def test_a_comment_section_with_more_prose_than_the_article_is_not_its_core() -> None:
    """Comments below the rules holding more prose than the article above them: the article is the core
    and the comments go; after a byline, the same comments, on the article's topic, stay as the core."""
    comments = [*COMMENTS, COMMENTS[0].replace("every day", "each week"), COMMENTS[1].replace("two", "three")]
    assert reasons(frame([*CORE, RULES, *comments]))[3:] == ["comment_rules"] + ["comment_section"] * 4
    assert reasons(frame([*CORE, "By Jane Doe", *comments]))[3:] == ["byline"] + [None] * 4


def test_below_the_rules_a_live_page_keeps_its_posts() -> None:
    """When the core holds under 30% of the page's prose (one post of many), nothing below the rules goes."""
    posts = [*CORE, RULES]
    for _ in range(3):
        posts += [TEASER, TEASER + " More.", TEASER + " Again.", TEASER + " Still.", "By Jane Doe"]
    assert reasons(frame(posts))[4:] == [None, None, None, None, "byline"] * 3


def test_segments_without_prose_and_before_the_core_stay() -> None:
    """A list after the body (no prose) and prose before the core are never judged."""
    items = ["Striker Tom Jones scores.", "Keeper Ann Lee saves."]
    assert reasons(frame([*CORE, "By Jane Doe", *items]))[4:] == [None, None]
    assert reasons(frame([TEASER, "By Jane Doe", *CORE])) == [None, "byline", None, None, None]


def test_live_page_is_not_judged() -> None:
    """When the core holds under 30% of the page's prose, it is one post of many: nothing is off topic."""
    posts = [*CORE]
    for _ in range(3):
        posts += ["By Jane Doe", TEASER, TEASER + " More.", TEASER + " Again.", TEASER + " Still."]
    assert reasons(frame(posts)) == [None] * 3 + ["byline", None, None, None, None] * 3


def test_a_core_of_one_paragraph_judges_nothing() -> None:
    """With a single core paragraph there is no overlap to compare with."""
    assert reasons(frame([CORE[0], "By Jane Doe", TEASER])) == [None, "byline", None]


def test_words_are_long_letter_runs_or_ideograph_pairs() -> None:
    """Runs of 4+ letters in any alphabet, Han/Katakana pairs; digits, short words and Hiragana give none."""
    words = pl.Series(["Die Brücke öffnet 2025 im Frühling", "新しい橋が来年開通する", "สะพานใหม่"])
    assert words.str.to_lowercase().str.extract_all(WORD).to_list() == [
        ["brücke", "öffnet", "frühling"],
        ["来年", "開通"],
        [],
    ]


def test_pages_are_judged_apart_in_any_row_order() -> None:
    """Two articles in one shuffled batch: each teaser is judged against its own page's core."""
    one = frame([*CORE, "By Jane Doe", TEASER])
    batch = pl.concat([one, one.with_columns(source_file=pl.lit("001_b.txt"))]).sample(
        fraction=1.0, shuffle=True, seed=3
    )
    flagged = flag_boilerplate(batch).sort("source_file", "paragraph_index")
    assert flagged["boilerplate_reason"].to_list() == [None, None, None, "byline", "off_topic"] * 2


HEADLINES = [
    "Striker scores twice as United beat City in a derby thriller",
    "Film star announces a surprise wedding on a holiday island",
    "Why are pensioners winning the lottery jackpot twice?",
    "Chef reveals his favourite recipe for the summer barbecue",
]
ON_TOPIC_LIST = [
    "Council engineers will check the river bridge every spring",
    "Residents near the river can walk the bridge from spring",
    "The council bridge will carry buses over the river",
    "Council delays pushed the river bridge opening to spring",
]


def test_headlines_closing_the_core_are_off_topic() -> None:
    """Four headlines without links at the core's end, sharing none of its words, with no flagged
    line between: other stories' titles (a question mark ends a headline too)."""
    assert reasons(frame([*CORE, *HEADLINES])) == [None] * 3 + ["off_topic"] * 4


def test_a_closing_list_on_the_core_s_topic_stays() -> None:
    """Lines of the headline shape that share the core's words are a list of the article."""
    assert reasons(frame([*CORE, *ON_TOPIC_LIST])) == [None] * 7


def test_headline_runs_that_are_short_or_inside_the_core_stay() -> None:
    """Three headlines are too few; four followed by more prose do not close the core; a line that
    ends with a full stop or holds a link breaks the run."""
    assert reasons(frame([*CORE, *HEADLINES[:3]])) == [None] * 6
    assert reasons(frame([*CORE, *HEADLINES, CORE[0] + " Again."])) == [None] * 8
    assert reasons(frame([*CORE, HEADLINES[0] + ".", *HEADLINES[1:]])) == [None] * 7
    linked = frame([*CORE, *HEADLINES], link_chars=[0, 0, 0, 20, 0, 0, 0])
    assert reasons(linked) == [None] * 7


def test_a_headline_run_under_one_paragraph_stays() -> None:
    """As for a later segment, a core of one prose paragraph has no overlap of its own to compare with."""
    assert reasons(frame([CORE[0], *HEADLINES])) == [None] * 5


def test_headlines_above_the_core_are_off_topic() -> None:
    """Four headlines over the article, apart from its core, sharing none of its words: other
    stories' titles (a most-read list). The standfirst under them, a statement, ends the run."""
    page = [*HEADLINES, ON_TOPIC, "By Jane Doe", *CORE]
    assert reasons(frame(page)) == ["off_topic"] * 4 + [None, "byline", None, None, None]


def test_headlines_above_the_core_are_judged_per_page_in_any_row_order() -> None:
    """Two such pages in one shuffled batch: each run of headlines is found in its page's paragraph order."""
    one = frame([*HEADLINES, ON_TOPIC, "By Jane Doe", *CORE])
    batch = pl.concat([one, one.with_columns(source_file=pl.lit("001_b.txt"))]).sample(
        fraction=1.0, shuffle=True, seed=5
    )
    flagged = flag_boilerplate(batch).sort("source_file", "paragraph_index")
    assert flagged["boilerplate_reason"].to_list() == (["off_topic"] * 4 + [None, "byline", None, None, None]) * 2


def test_headline_runs_above_the_core_that_are_on_topic_or_broken_stay() -> None:
    """Titles of the article's own subject stay; so do two pairs of headlines split by a statement."""
    assert reasons(frame([*ON_TOPIC_LIST, "By Jane Doe", *CORE])) == [None] * 4 + ["byline", None, None, None]
    split = [*HEADLINES[:2], TEASER, *HEADLINES[2:], "By Jane Doe", *CORE]
    assert reasons(frame(split)) == [None] * 5 + ["byline", None, None, None]
