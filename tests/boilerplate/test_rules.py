"""Tests for tasks.boilerplate.rules: each rule found by name and evaluated alone."""

import polars as pl
import pytest
from test_boilerplate import BODY, frame, reasons

from tasks.boilerplate.flag import REASONS, with_signals
from tasks.boilerplate.rules import RULES, Signals

MENU = "Home | World | Business | Sport"
# A select menu's label and options, its links lost: capitalised, unpunctuated, in alphabetical order.
STATES = (
    "State AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY"
)
MAKES = "Make All AC Aixam Alfa Romeo Asia Aston Martin Audi Austin Bentley BMW Bristol Cadillac Caterham Chevrolet Chrysler Citroen Daewoo Daihatsu"
# A form's label and drop-down in HTML, and the text the scraper made of them.
SELECT_HTML = (
    '<label>Make</label> <select name="make"><option value="0">All</option><option value="3">AC</option>'
    "<option>Aixam<option>Alfa Romeo<option>Aston Martin</select>"
)
SELECT_TEXT = "Make All AC Aixam Alfa Romeo Aston Martin"
# Names listed in a story: capitalised and unpunctuated too, but not in alphabetical order.
NAMES = "Jason Brand Nelson Kraemer George Nagobads Fred Sulzbach Roy Burek Dean Fisher Thom Parks David Thom Len Clement Mark Granger David Rudd"


def holds(code: str, df: pl.DataFrame) -> list[bool]:
    """Where the rule named `code` holds on its own, ignoring every other rule and the lead."""
    rule = next(r for r in RULES if r.code == code)
    return with_signals(df, 2).select(rule.holds(Signals(5, 2)).fill_null(False)).to_series().to_list()


def test_rules_mirror_reasons_in_priority_order() -> None:
    """One rule per reason code, in the order REASONS documents them."""
    assert [r.code for r in RULES] == list(REASONS)


@pytest.mark.parametrize(
    ("code", "df", "expected"),
    [
        ("empty", frame([BODY, ""]), [False, True]),
        (
            "newsletter",
            frame([BODY, "Sign up for our newsletter", "Get our newsletter " + BODY * 2]),
            [False, True, False],
        ),
        ("byline", frame(["By Jane Doe", "by the way, it rained", "Updated 3 May"]), [True, False, True]),
        ("captioned", frame([BODY, "The mayor at the bridge", "Getty", BODY + " Three."]), [False, True, False, False]),
        (
            "link_dense",
            frame([MENU, BODY, BODY, BODY], link_chars=[len(MENU), 0, 60, 0]),
            [True, False, False, False],
        ),
        ("short_fragment", frame(["Menu", BODY, "Crosshead", BODY, "Top stories"]), [True, False, False, False, True]),
        (
            "select_menu",
            frame([SELECT_TEXT, BODY, SELECT_TEXT]).with_columns(raw_html=pl.Series([SELECT_HTML, BODY, SELECT_TEXT])),
            [True, False, False],
        ),
        (
            "form_field",
            frame(["Your e-mail:", BODY, "Password:"]).with_columns(
                raw_html=pl.Series(['Your e-mail: <input type="text" name="email">', BODY, "Password:"])
            ),
            [True, False, False],
        ),
        ("word_list", frame([STATES, BODY, NAMES, MAKES]), [True, False, False, True]),
        (
            "repeated",
            frame([BODY, BODY + " Two.", BODY + " Three.", BODY + " Four.", BODY + " Five."], [2, 1, 2, 1, 5]),
            [True, False, False, False, True],
        ),
        ("after_article_end", frame([BODY, BODY + " Two.", "Related stories", BODY]), [False, False, False, True]),
        (
            "duplicate",
            frame(["Top picks.", BODY, "Why now?", BODY + " Two.", "Why now?", BODY + " Three.", "Top picks."]),
            [True, False, False, False, False, False, True],
        ),
    ],
)
def test_rule_alone(code: str, df: pl.DataFrame, expected: list[bool]) -> None:
    """Each rule flags exactly its own rows when evaluated by itself."""
    assert holds(code, df) == expected


def test_end_marker_above_most_of_the_body_is_a_heading() -> None:
    """A 'Related' line with most of the article below it cuts nothing; one near the end does."""
    texts = [BODY, BODY + " Two.", "Related", *(f"{BODY} Part {n}." for n in range(8))]
    assert reasons(frame(texts))[3:] == [None] * 8
    tail = [BODY, BODY + " Two.", BODY + " Three.", BODY + " Four.", "Related", BODY + " Teaser."]
    assert reasons(frame(tail))[4:] == ["read_more", "after_article_end"]


def test_page_left_without_text_keeps_its_prose() -> None:
    """When situational rules would empty an article that holds prose, they stand down on it."""
    texts = [BODY, BODY + " Two.", "At root"]
    assert reasons(frame(texts, counts=[2, 2, 1])) == [None, None, None]
    video = ["Joins BBC News", "03/10/2025", "Breakfast"]
    assert reasons(frame(video)) == ["short_fragment"] * 3


def test_listing_without_prose_keeps_its_items() -> None:
    """A shop page of product links and prices has a body though it has no prose: two or more single
    links of fragment length that only `link_dense` flags, which the rules would empty, stand down."""
    items = [
        "Season Two Soundtrack on vinyl with a digital album",
        "$41.98",
        "Season Two Soundtrack on cassette with a digital album",
        "$20.98",
    ]
    links = [len(items[0]), 0, len(items[2]), 0]
    assert reasons(frame(items, link_chars=links)) == [None, None, None, None]
    # One linked line alone is a footer credit, not a listing.
    assert reasons(frame(items[:2], link_chars=links[:2])) == ["link_dense", "short_fragment"]


def test_page_of_menus_short_links_or_repeated_promos_has_no_body() -> None:
    """Pages without a body stay fully flagged: menu lines (several links each), links shorter than a
    fragment (menu entries), and a stub whose only long lines are promos other articles repeat."""
    menus = [
        "Domain Registration | Renewals | Transfers | Web Hosting",
        "Webmaster Resources | Forum | Free HTML Tutorials",
    ]
    menu_page = frame(menus, link_chars=[len(m) - 12 for m in menus]).with_columns(
        n_links=pl.Series([4, 3], dtype=pl.Int32)
    )
    assert reasons(menu_page) == ["link_dense", "link_dense"]
    entries = ["Today's Word", "Yesterday's Word", "Archives"]
    assert reasons(frame(entries, link_chars=[len(t) for t in entries])) == ["link_dense"] * 3
    promos = [
        "Joins BBC News",
        "The best photographs of the week, chosen by our picture desk",
        "Ten years of the festival in pictures and the stories behind them",
    ]
    links = [0, len(promos[1]), len(promos[2])]
    assert reasons(frame(promos, counts=[1, 2, 2], link_chars=links)) == ["short_fragment", "link_dense", "link_dense"]
    # The same lines found in no other article are the page's own listing.
    assert reasons(frame(promos, link_chars=links)) == [None, None, None]


def test_ideographs_count_wider() -> None:
    """A 20-character Chinese sentence without a full stop is prose, not a short fragment."""
    chinese = "一波波接續性低溫寒流報到已將新竹尖石鄉後山"
    assert reasons(frame([chinese, BODY])) == [None, None]
    assert reasons(frame(["Top stories", BODY])) == ["short_fragment", None]


def test_long_link_list_without_a_sentence_end() -> None:
    """A long run of linked headlines that ends no sentence is a link list; linked prose that ends one stays."""
    headlines = "·富夫妻望子成龙假离婚 三月后丈夫另娶妻子傻眼 ·沪银行关照直系亲属房贷记录 夫妻为同一借款人 " * 4
    prose = "The minister cited the report, the audit, the review and the inquiry in her reply to the committee. " * 5
    texts = [BODY, headlines.strip(), prose, BODY + " Two."]
    links = [0, len(headlines) - 10, len(prose) - 40, 0]
    assert reasons(frame(texts, link_chars=links)) == [None, "link_dense", None, None]


def test_teaser_headlines_after_closing_furniture() -> None:
    """Unpunctuated headlines past the furniture that ends an article go; a closing list stays."""
    headline = "Crowds cheer as the bridge finally opens after two years of delays"
    texts = [BODY, BODY + " Two.", headline, "© 2024 Example Media Ltd.", headline + " again"]
    assert reasons(frame(texts)) == [None, None, None, "copyright", "short_fragment"]


def test_long_teaser_headlines_after_closing_furniture() -> None:
    """A teaser headline glued to its summary runs to about 30 words, a Japanese one to 60 ideographs
    (180 wide): past the furniture that ends an article both go; wider unpunctuated text stays."""
    latin = "Crowds cheer as the bridge finally opens after two years of delays and a budget that doubled while the council argued over who would pay for the new lanes"
    japanese = "どこも書かない「箱根駅伝 山の神」のつくり方…指導経験者が“ルール破り”の実情を激白"
    wide = latin + " and what the mayor now says about the next bridge across the river north of town"
    texts = [BODY, BODY + " Two.", "© 2024 Example Media Ltd.", latin, japanese, wide]
    assert (len(latin), len(japanese) * 3, len(wide)) == (154, 126, 235)
    assert reasons(frame(texts))[2:] == ["copyright", "short_fragment", "short_fragment", None]


def test_gallery_captions_above_credits() -> None:
    """In a gallery, each caption above a bare credit goes with it; the article around it stays."""
    caption = "The mayor cuts the ribbon as crowds gather on the new bridge over the river on Sunday."
    texts = [BODY, BODY + " Two.", caption, "AP", caption + " Again.", "Reuters/Corbis", BODY + " Three."]
    assert reasons(frame(texts)) == [None, None, "captioned", "credit", "captioned", "credit", None]


def test_gallery_caption_whose_credit_is_missing() -> None:
    """In a gallery, prose below one credit and above the next photo's caption is a caption too; prose after the last credit stays."""
    caption = "The mayor cuts the ribbon as crowds gather on the new bridge over the river on Sunday."
    texts = [
        BODY,
        BODY + " Two.",
        caption,
        "AP",
        caption + " No credit.",
        caption + " Again.",
        "Reuters",
        BODY + " Three.",
    ]
    assert reasons(frame(texts)) == [None, None, "captioned", "credit", "captioned", "captioned", "credit", None]


def test_author_note_after_a_german_end_marker() -> None:
    """An author heading after the body ends the article: the note below it is flagged, the heading is not."""
    texts = [
        BODY,
        BODY + " Zwei.",
        BODY + " Drei.",
        "Über die Autorin:",
        "Jo Lee schreibt seit 2010 über Städte und Verkehr.",
    ]
    assert reasons(frame(texts))[3:] == [None, "after_article_end"]


def test_comment_column_heading_inside_a_table_ends_nothing() -> None:
    """A table's 'Comment' column between its cells is body; a 'Comments' heading after the body still ends it."""
    body = [BODY, BODY + " Two.", BODY + " Three."]
    table = ["Entity status", "Comment", "new", "Pick up new tasks"]
    assert reasons(frame([*body, *table, BODY + " Four."])) == [None] * 8
    thread = ["Comments", "Jane Doe", BODY + " Great piece."]
    assert reasons(frame([*body, *thread])) == [
        None,
        None,
        None,
        "short_fragment",
        "short_fragment",
        "after_article_end",
    ]
    form = ["Salt to taste", "Leave a reply", "Name", BODY + " Nice recipe."]
    assert reasons(frame([*body, *form]))[4:] == ["comments", "short_fragment", "after_article_end"]


def test_wire_story_opening_repeated_on_another_site_is_body() -> None:
    """Repeated prose running unbroken into the body is its opening; teasers set apart by a line stay repeated."""
    story = [BODY + " One.", "Short and punctuated.", BODY + " Two.", BODY + " Three.", BODY + " Four."]
    assert reasons(frame(story, counts=[2, 2, 2, 1, 1])) == [None] * 5
    teasers = [BODY + " Teaser.", BODY + " Other teaser.", "Top stories", BODY + " Three.", BODY + " Four."]
    assert reasons(frame(teasers, counts=[2, 2, 1, 1, 1])) == ["repeated", "repeated", "short_fragment", None, None]
    one = [BODY + " Teaser.", BODY + " Three.", BODY + " Four."]
    assert reasons(frame(one, counts=[2, 1, 1])) == ["repeated", None, None]


def test_prose_above_the_only_credit_line_is_body() -> None:
    """Above a lone wire credit the closing prose stays; a short caption above it still goes."""
    texts = [BODY, BODY + " Two.", BODY + " Three.", "AFP, AP"]
    assert reasons(frame(texts)) == [None, None, None, "credit"]
    chart = [BODY, BODY + " Two.", "Billboard, Metacritic and Google Trends", "Getty"]
    assert reasons(frame(chart)) == [None, None, "captioned", "credit"]


def test_text_shown_twice_around_the_body() -> None:
    """A prompt above and below the article goes; a question an interview repeats inside it stays."""
    prompt = "The best of our journalism, every week."
    texts = [prompt, BODY, "Why now?", BODY + " Two.", "Why now?", BODY + " Three.", prompt]
    assert reasons(frame(texts)) == ["duplicate", None, None, None, None, None, "duplicate"]
    assert reasons(frame([prompt, BODY, BODY + " Two."])) == [None, None, None]


def test_widget_printed_twice_above_the_article_is_no_body() -> None:
    """A block of programme blurbs the page prints twice (desktop and mobile menus) above the story
    goes; a page that prints its article twice, or repeats one paragraph in it, keeps every copy."""
    shows = [
        "The Ring is our weekly debate show, where the toughest arguments meet.",
        "In-depth conversations with business leaders.",
        "Europe's best food experts join forces against fraud.",
    ]
    story = [BODY, BODY + " Two.", BODY + " Three.", BODY + " Four."]
    assert reasons(frame([*shows, *shows, *story])) == ["duplicate"] * 6 + [None] * 4
    article = [BODY, BODY + " Two.", BODY + " Three."]
    assert reasons(frame([*article, *article, "More news"])) == [None] * 6 + ["short_fragment"]
    assert reasons(frame([BODY, *story])) == [None] * 5


def test_copyright_credit_of_reprinted_material_ends_nothing() -> None:
    """A figure's 'Used with permission' copyright line is flagged, the body below it is not; a page
    foot's copyright line still ends the article."""
    body = [BODY, BODY + " Two.", BODY + " Three."]
    credit = "Copyright Aetna, Inc., 1992. All rights reserved. Used with permission )"
    assert reasons(frame([*body, credit, BODY + " Four.", BODY + " Five."])) == [None] * 3 + ["copyright", None, None]
    foot = "Copyright 2004 Example News. All rights reserved."
    assert reasons(frame([*body, foot, BODY + " Four."]))[3:] == ["copyright", "after_article_end"]


def test_numbers_on_their_own_line_are_not_repeated_furniture() -> None:
    """List numbering and table figures found in many articles stay; a repeated date line does not."""
    texts = [BODY, "1.", BODY + " Two.", "$155,000", BODY + " Three.", "21.01.2022", BODY + " Four."]
    assert reasons(frame(texts, [1, 9, 1, 9, 1, 9, 1])) == [None, None, None, None, None, "repeated", None]


def test_letter_salutation_and_closing_beside_prose_are_body() -> None:
    """A line ending with a comma next to prose opens or closes a letter; the signature and a menu stay flagged."""
    texts = ["Dear Mr Prime Minister,", BODY, BODY + " Two.", "Respectfully submitted,", "Jane Doe", MENU]
    assert reasons(frame(texts)) == [None, None, None, None, "short_fragment", "short_fragment"]


def test_furniture_that_reads_like_prose_does_not_extend_the_body() -> None:
    """A long legal footer is no body paragraph: the teaser headlines above it are past the body's end."""
    promo = "Sign up for our morning newsletter to get the best of our journalism in your inbox every day."
    teasers = [
        "Bank launches an app that helps rural producers plan their harvest",
        "Five tips to keep your resolutions",
    ]
    footer = "Copyright Example Media Ltd. All rights reserved. Reproduction is forbidden without permission."
    page = [BODY, BODY + " Again.", promo, *teasers, footer]
    assert reasons(frame(page)) == [None, None, "newsletter", "short_fragment", "short_fragment", "copyright"]


def test_select_menu_options_are_a_word_list_anywhere() -> None:
    """A select menu's options whose links were lost go, above, inside or below the body: a long run
    of capitalised words, without punctuation, in alphabetical order."""
    texts = [STATES, BODY, MAKES, BODY + " Two.", "Index : A B C D E F G H I J K L M N O P Q R S T U V W X Y Z"]
    assert reasons(frame(texts)) == ["word_list", None, "word_list", None, "word_list"]


@pytest.mark.parametrize(
    "text",
    [
        NAMES,  # names in a story's order, not the alphabet's
        "Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Georgia, "
        "Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland",  # an authored list
        "Senate Backs A Bill To Cut Taxes For Small Firms",  # a headline in title case: short
        "Die Stadt Berlin hat am Montag den neuen Flughafen eröffnet nachdem Bauarbeiten Verzögerungen und "
        "Kosten die Planung über viele Jahre bestimmt hatten",  # German prose: capitalised nouns, lower-case verbs
        "上海 北京 广州 深圳 天津 重庆 成都 杭州 南京 武汉 西安 苏州 长沙 沈阳 青岛 郑州 大连 东莞 宁波 厦门",  # no case
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon",  # lower case
    ],
)
def test_word_list_traps_are_kept(text: str) -> None:
    """Long unpunctuated lines that are no select menu stay in the body: names in a story's order, a
    list parted by commas, a short title-case headline, German prose, a script without case, lower-case words."""
    assert reasons(frame([BODY, text, BODY + " Two."])) == [None, None, None]


def test_select_menu_options_go_anywhere_a_paragraph_holding_a_small_one_stays() -> None:
    """A paragraph that is mostly a select menu's options (in its HTML; `</option>` may be left out)
    goes, inside the body too; a long paragraph of prose with a small drop-down in it stays."""
    prose = f"{BODY} {BODY} Pick a make: All AC"
    prose_html = f'{BODY} {BODY} Pick a make: <select><option value="0">All</option><option>AC</option></select>'
    df = frame([BODY, SELECT_TEXT, BODY + " Two.", prose, BODY + " Three."]).with_columns(
        raw_html=pl.Series([BODY, SELECT_HTML, BODY + " Two.", prose_html, BODY + " Three."])
    )
    assert reasons(df) == [None, "select_menu", None, None, None]


# A comment form and a poll, as a scraper hands over the <p>s that hold their fields, and the text it made of them.
FORM_HTML = [
    '<label for="email">Your e-mail:</label> <input type="text" name="email" id="email">',
    '<input type="radio" name="poll" value="1"> Nolan - BOL v Bla',
    '<textarea name="comment" rows="7"></textarea> Your Turn:',
    '<button type="submit">Post</button>',
    '<label id="label_town" for="town">* Town / City</label>',
]
FORM_TEXT = ["Your e-mail:", "Nolan - BOL v Bla", "Your Turn:", "Post", "* Town / City"]


def test_form_fields_go_anywhere_long_text_around_a_control_stays() -> None:
    """A short paragraph whose HTML holds a form control (a text box, radio button, text area,
    button or field label) is a form's field, inside the body too, whatever its language; a long
    paragraph holding one (a page laid out inside a form, an article with an embedded search box)
    and a paragraph that only names a form in its text stay."""
    article = f"{BODY} {BODY} {BODY} Search the archive below."
    texts = [BODY, *FORM_TEXT[:2], BODY + " Two.", *FORM_TEXT[2:], article, "Fill in the form below.", BODY + " Three."]
    html = [BODY, *FORM_HTML[:2], BODY + " Two.", *FORM_HTML[2:], article + ' <input type="search" name="q">']
    html += ["Fill in the <em>form</em> below.", BODY + " Three."]
    df = frame(texts).with_columns(raw_html=pl.Series(html))
    field = "form_field"
    assert reasons(df) == [None, field, field, None, field, field, field, None, None, None]


def test_form_field_on_a_chinese_page() -> None:
    """The markup, not the words, names a form's field: a Chinese comment form's name box goes
    inside the body, while the same short line without a control stays."""
    texts = [BODY, "发表名", BODY + " Two.", "个人主页", BODY + " Three."]
    html = [BODY, '<input type="text" name="author" id="author"> 发表名', BODY + " Two.", "个人主页", BODY + " Three."]
    assert reasons(frame(texts).with_columns(raw_html=pl.Series(html))) == [None, "form_field", None, None, None]
