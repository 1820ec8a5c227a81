"""Topic drift: a stretch of prose after the article's core that shares few of its content words.

The paragraphs the other rules keep fall into segments, split wherever they flagged something
(furniture, a link list, a byline). The segment holding the most prose is the core, unless an
earlier one holding 60% as much is the article and the larger one is off its topic. A later segment
with prose is another story's teaser or an off-topic comment when its paragraphs share far fewer
content words with the core than the core's paragraphs share with each other; below a notice that
closes articles (a copyright line, a newsletter or follow-us prompt), sharing fewer than most of
them is enough, and a segment of short lines is off topic too. So is a run of headlines without
links that closes the core itself, or one above it, each judged as a segment of its own. A later
segment that only repeats the core's paragraphs is the article printed a second time. Below a
comment section's rules, what the page keeps is its comments, whatever their topic, and a core
there is the comment section of the article above it.
Language-free: words are runs of four or more letters, and pairs of ideographs for Chinese and
Japanese.
"""

from __future__ import annotations

import polars as pl

from tasks.boilerplate.page import along_page, first_index, last_index, page_has
from tasks.boilerplate.rules import BODY_MIN_CHARS, FRAGMENT_MAX_CHARS, TAIL_HEADLINE_MAX_CHARS
from tasks.boilerplate.subset import Verdict, judged

# Lower-cased content words: pairs of Han or Katakana characters, else runs of 4+ letters (Hiragana
# and Thai, which have no word breaks the regex can see, give none: such paragraphs are never judged).
WORD = r"[\p{Han}\p{Katakana}]{2}|[^\W\d_\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]{4,}"
OFF_TOPIC_SHARE = 0.35  # a later segment sharing under this part of the core's own word overlap is off topic
CORE_MIN_SHARE = 0.3  # a core with less of the page's prose is one post of many (a live page): nothing is judged
# An earlier segment with this share of the core's prose may be the article (`_with_earlier_core`).
EARLIER_CORE_SHARE = 0.6
# Below a site notice that closes articles, a later segment is off topic under this higher share: what such a
# notice heads is rarely the story, and a list of other stories from the same section shares more words with
# it than a teaser from anywhere (fundus dev +0.0015, googletrends and readability test +0.001 and +0.005; at
# 0.8 seven BBC body paragraphs went, at 0.7 none). The reason codes of those notices: not `cookie`, whose
# placeholders for a blocked video or post stand inside articles.
NOTICE_SHARE = 0.6
# The reason code of a comment section's rules, a call for readers' letters or tips, or a prompt to report an
# error: what follows the article there is readers' comments and the furniture around them (`_comment_section`).
COMMENT_RULES = "comment_rules"
END_NOTICES = ("copyright", "newsletter", "subscription", "follow_us", COMMENT_RULES, "account", "appeal")
SECTION_CORE_MIN_PARAGRAPHS = 2  # prose paragraphs of a core that a comment section below it needs
COPY_MIN_PARAGRAPHS = 2  # prose paragraphs of the core repeated below it that make a second copy of the article
HEADLINE_TAIL_MIN_LINES = 4  # headline lines closing the core that are a list of stories, not a heading or two
# A line that closes a statement: a full stop, colon, semicolon or ellipsis, before closing quotes or brackets. A
# headline ends with none, or with a question or exclamation mark.
STATEMENT_END = r"[.:;…。．：；][\"'”’»)\]]*\s*$"


def with_off_topic(frame: pl.DataFrame, kept: pl.Expr, prose: pl.Expr) -> pl.DataFrame:
    """`frame` with `_off_topic`: kept by the other rules, but in an off-topic segment after the core,
    or in the core's closing run of headlines (`_headline_tail`) or a run of headlines above the core
    (`_headline_head`) when that run is off its topic. A segment with an `END_NOTICES` line between
    it and the core is judged at `NOTICE_SHARE`, the others at `OFF_TOPIC_SHARE`; below such a line, a
    segment whose lines are all narrower than body prose is off topic with no overlap to judge. The
    core may be an earlier segment than the one with the most prose (`_with_earlier_core`). With
    `_article_copy`: a later segment that prints the core a second time (`_copies`). And with
    `_comment_section`: a later segment below a `COMMENT_RULES` line under the core."""
    for stage in _segments(kept, prose):
        frame = frame.with_columns(**stage)
    frame = _with_earlier_core(frame, prose).with_columns(**_judgement(prose))
    # columns: the windows below read them per row
    frame = frame.with_columns(_below_notice=_below_first(END_NOTICES), _below_rules=_below_first((COMMENT_RULES,)))
    compared, relabelled = _judged_rows(frame, prose)
    drift = segment_drift(frame.with_columns(_segment=relabelled), compared, _share())
    copies = judged(frame, page_has(pl.col("_on_page_twice") & (pl.col("_segment") > pl.col("_core"))), _copies(prose))
    return frame.with_columns(
        _off_topic=(pl.lit(drift) | _short_lines()) & ~pl.col("is_lead"),
        _article_copy=copies,
        _comment_section=_comment_section(prose),
    )


def _judged_rows(frame: pl.DataFrame, prose: pl.Expr) -> tuple[pl.Expr, pl.Expr]:
    """The rows `segment_drift` compares (the core's prose and the later segments that hold prose, on a
    page with something to judge; the core's closing run of headlines and a run of headlines above the
    core, each with the core's prose), and each row's segment with those runs relabelled -1 and -2, so
    each is judged as a segment of its own (no other segment has those numbers)."""
    segment, core = pl.col("_segment"), pl.col("_core")
    later = (segment > core) & (pl.col("_segment_chars") > 0)
    core_prose = (segment == core) & prose
    tail = pl.lit(_headline_tail(frame, prose))  # other stories' titles closing the core
    head = pl.lit(_headline_head(frame, prose))  # and over the article
    compared = (
        (pl.col("_page_judged") & (core_prose | later))
        | (page_has(tail) & (core_prose | tail))
        | (page_has(head) & ~pl.col("_core_minor") & (core_prose | head))
    )
    return compared, pl.when(tail).then(-1).when(head).then(-2).otherwise(segment)


def _below_first(codes: tuple[str, ...]) -> pl.Expr:
    """Whether a row is below the first line flagged with one of `codes` under the core's last paragraph:
    with `END_NOTICES`, a copyright line, a newsletter, subscription or follow-us prompt there closes the
    article, and what follows it is rarely the story. A prompt above the core, or inside it, says nothing
    of what comes later."""
    notice = pl.col("boilerplate_reason").is_in(codes) & (
        pl.col("paragraph_index") > last_index(pl.col("_segment") == pl.col("_core"))
    )
    return (pl.col("paragraph_index") > first_index(notice)).fill_null(False)


def _comment_section(prose: pl.Expr) -> pl.Expr:
    """Whether a kept row is in a later segment below a `COMMENT_RULES` line under the core: below a
    comment section's rules ("Bitte halten Sie sich an unsere Netiquette", "Comments are moderated") or
    a call for readers' feedback or corrections, a page keeps its readers' comments, which share the
    article's words, and the bios, teasers and prompts around them (fundus test +0.0013, googletrends
    dev +0.001; no row of the gold sets' articles, no BBC row). Not on a page whose core is one post of
    many, nor under a core of one prose paragraph, too little to say that the article has ended."""
    later = (pl.col("_segment") > pl.col("_core")).fill_null(False)
    core_prose = ((pl.col("_segment") == pl.col("_core")) & prose).sum().over("source_file")
    article = ~pl.col("_core_minor") & (core_prose >= SECTION_CORE_MIN_PARAGRAPHS)
    return pl.col("_below_rules") & later & article & ~pl.col("is_lead")


def _copies(prose: pl.Expr) -> Verdict:
    """Per row of the pages given, whether it repeats a core paragraph in a later segment whose prose
    paragraphs, `COPY_MIN_PARAGRAPHS` or more, all repeat the core's: the article printed a second time
    below itself (a page that carries it for two layouts); one paragraph printed twice is a standfirst
    or a pull quote, and stays. Such a segment shares every word with the core, and `segment_drift`
    leaves copies out of its mean, so only this judges it."""
    page, segment = pl.col("source_file"), pl.col("_segment")
    copy = (segment > pl.col("_core")).fill_null(False) & (segment == pl.col("_core")).any().over(page, "text")

    def verdict(rows: pl.DataFrame) -> pl.Series:
        rows = rows.with_columns(_copy=copy)  # a column: the segment's windows read it per row
        copied = (prose & pl.col("_copy")).sum().over(page, segment) >= COPY_MIN_PARAGRAPHS
        whole = copied & (~prose | pl.col("_copy")).all().over(page, segment)
        return rows.select(pl.col("_copy") & whole).to_series()

    return verdict


def _share() -> pl.Expr:
    """The share of the core's own overlap a later segment needs: `NOTICE_SHARE` below a closing notice."""
    return pl.when(pl.col("_below_notice")).then(NOTICE_SHARE).otherwise(OFF_TOPIC_SHARE)


def _short_lines() -> pl.Expr:
    """Below such a notice, a later segment whose lines are all narrower than body prose: sign-up blurbs,
    job and service links, comment-form lines, too short to compare with the core (on a page whose core
    is one post of many, nothing is judged)."""
    later = pl.col("_below_notice") & (pl.col("_segment") > pl.col("_core"))
    widest = pl.when(later).then(pl.col("_width")).max().over("source_file", "_segment")
    return (widest < BODY_MIN_CHARS).fill_null(False) & ~pl.col("_core_minor")


def _segments(kept: pl.Expr, prose: pl.Expr) -> list[dict[str, pl.Expr]]:
    """Stages of temporary columns: each kept paragraph's segment, its prose characters, and the page's
    core segment (most prose characters, the first on a tie) with its prose characters (`_core_chars`)."""
    segment, chars, core_chars = pl.col("_segment"), pl.col("_segment_chars"), pl.col("_core_chars")
    # shifted inside the count's page window: one window, not two (0.08 µs a BBC paragraph less)
    starts = kept & ~kept.shift(1).fill_null(False)
    return [
        {"_segment": pl.when(kept).then(along_page(starts.cum_sum()))},
        {"_segment_chars": pl.when(kept).then(_prose_chars(prose).sum().over("source_file", "_segment"))},
        {"_core_chars": chars.max().over("source_file")},
        {"_core": pl.when((chars == core_chars) & (chars > 0)).then(segment).min().over("source_file")},
    ]


def _earlier(prose: pl.Expr) -> dict[str, pl.Expr]:
    """The earlier segment to try as the core: the first holding `EARLIER_CORE_SHARE` of the core's prose;
    else, when the segments above the core hold that share together (`_merged`), the first of them with
    prose, which stands for them all: an article split by links to other stories ("Related: ...",
    "Czytaj więcej") into pieces each smaller than a list below it."""
    segment, chars, core, page = pl.col("_segment"), pl.col("_segment_chars"), pl.col("_core"), "source_file"
    share = EARLIER_CORE_SHARE * pl.col("_core_chars")
    above = (segment < core).fill_null(False)
    single = pl.when(above & (chars >= share)).then(segment).min().over(page)
    merged = single.is_null() & (pl.when(above).then(_prose_chars(prose)).sum().over(page) >= share)
    first = pl.when(above & (chars > 0)).then(segment).min().over(page)
    return {"_earlier": pl.coalesce(single, pl.when(merged).then(first)), "_merged": merged}


def _with_earlier_core(frame: pl.DataFrame, prose: pl.Expr) -> pl.DataFrame:
    """`frame` with the core moved to the first segment holding `EARLIER_CORE_SHARE` of the core's prose or
    more (`_earlier`), on the pages where the core, judged against that earlier segment as any later
    segment is (at `NOTICE_SHARE` below a closing notice), is off its topic: the article comes first,
    and a longer list of other stories' teasers or of readers' comments below it is not the article (a
    tech site's deals under a games story, aeb test +0.004; l3s-gn1 dev +0.001). Where no segment holds
    that share alone but those above the core do together (`_merged`), they are tried as one, and
    become one segment when moved (a Polish daily's story split by "Czytaj więcej" links over a longer
    list of teasers, fundus test +0.0018; a CNN story split by "Related:" lines over a disclaimer,
    readability test +0.003). Where the two share their topic, they are one story split by a flag, and
    the core stays where it was; unless a `COMMENT_RULES` line stands between them: then the core is
    the article's comment section, which shares its words (a taz story under its netiquette and readers'
    comments, fundus test +0.002)."""
    trial = _trial(frame, prose)
    trial = trial.with_columns(_below_notice=_below_first(END_NOTICES), _comments=_rules_between())
    drift = segment_drift(trial, pl.col("_compared"), _share())
    moved = (pl.lit(drift) | pl.col("_comments")) & (pl.col("_segment") == pl.col("_judged"))
    moves = trial.filter(moved).select("source_file", "_merged", "_core_chars", _earlier="_core").unique("source_file")
    if moves.is_empty():
        return frame
    # the moved pages' new core from the trial: a join, not `_earlier`'s windows on every page
    frame = frame.join(moves, on="source_file", how="left", maintain_order="left", suffix="_moved")
    on_moved = pl.col("_earlier").is_not_null()
    return frame.with_columns(
        _segment=pl.when(on_moved).then(_tried()).otherwise("_segment"),
        _core=pl.when(on_moved).then("_earlier").otherwise("_core"),
        _core_chars=pl.coalesce("_core_chars_moved", "_core_chars"),
    ).drop("_earlier", "_merged", "_core_chars_moved")


def _trial(frame: pl.DataFrame, prose: pl.Expr) -> pl.DataFrame:
    """The rows of the pages with an earlier segment to try as the core (`_earlier`), each with its
    segment as tried (`_tried`), the trial's core and the segment it judges (`_judged`: the core), the
    rows to compare and the prose characters of the trial's core (`_core_chars`). `_earlier`'s windows
    run only on the pages with prose above their core (317 of BBC's 1,701)."""
    segment, core, earlier, tried = pl.col("_segment"), pl.col("_core"), pl.col("_earlier"), _tried()
    above = frame.filter(page_has((segment < core) & (pl.col("_segment_chars") > 0)))
    trial = above.with_columns(**_earlier(prose)).select(
        "source_file",
        "paragraph_index",
        "text",
        "boilerplate_reason",
        "_merged",
        _segment=tried,
        _core=earlier,
        _judged=core,
        _compared=((tried == earlier) & prose) | (segment == core),
        _core_chars=pl.when(tried == earlier).then(_prose_chars(prose)).sum().over("source_file"),
    )
    return trial.filter(pl.col("_core") < pl.col("_judged"))  # page-wide values: whole pages


def _tried() -> pl.Expr:
    """A row's segment in the trial: on a page whose segments above the core are tried together
    (`_merged`), the first of them (`_earlier`) for all of them."""
    segment, earlier = pl.col("_segment"), pl.col("_earlier")
    joined = pl.col("_merged") & (segment >= earlier) & (segment < pl.col("_core"))
    return pl.when(joined).then(earlier).otherwise(segment)


def _rules_between() -> pl.Expr:
    """Whether a `COMMENT_RULES` line stands between the trial's core (an earlier segment) and the segment it judges."""
    segment, idx = pl.col("_segment"), pl.col("paragraph_index")
    between = (idx > last_index(segment == pl.col("_core"))) & (idx < first_index(segment == pl.col("_judged")))
    return page_has((pl.col("boilerplate_reason") == COMMENT_RULES) & between.fill_null(False))


def _prose_chars(prose: pl.Expr) -> pl.Expr:
    """A row's characters when it is prose, else 0: what a segment's and a page's prose are measured in."""
    return pl.when(prose).then(pl.col("n_chars")).otherwise(0)


def _judgement(prose: pl.Expr) -> dict[str, pl.Expr]:
    """Whether the core holds under `CORE_MIN_SHARE` of the page's prose (gallery.py reads it too), and
    whether the page has anything to judge: prose in a later segment, under a core that is not minor."""
    segment, core = pl.col("_segment"), pl.col("_core")
    minor = pl.col("_core_chars") < CORE_MIN_SHARE * _prose_chars(prose).sum().over("source_file")
    kept = segment.is_not_null()
    return {"_core_minor": minor, "_page_judged": page_has(kept & prose & (segment > core)) & ~minor}


def segment_drift(frame: pl.DataFrame, compared: pl.Expr, share: pl.Expr | float = OFF_TOPIC_SHARE) -> pl.Series:
    """Per row of `frame`, whether its later segment's paragraphs have a mean word overlap with the core
    under `share` of the reference, judged on the rows where `compared` holds: the core's paragraphs and
    those of the later segments to judge (columns source_file, text, _segment, _core). False elsewhere.

    `share` is a number, or an expression over each row's own columns (a window over the page would see
    the compared rows only): a segment is judged at its first row's.

    A paragraph's overlap is the share of its distinct words found in a core paragraph (other than
    itself); the reference is the median overlap of the core's paragraphs. A later segment's copy of a
    core paragraph is left out of its segment's mean: in a list of other stories' teasers, the article's
    own teaser says nothing of the list's topic (a news site's list under the story, dragnet dev +0.0002).
    """
    in_core = (pl.col("_segment") == pl.col("_core")).cast(pl.Int32)
    keys = frame.select("source_file", "_segment")
    words = (  # from the columns read: filtering and joining the whole frame copied every column's rows
        frame.select("source_file", "_segment", "text", "_core", _share=share, _compared=compared)
        .filter("_compared")
        .with_row_index("_row")
        .select(
            "_row",
            "source_file",
            "_segment",
            "_share",
            _in_core=in_core,
            _copy=(in_core.sum().over("source_file", "text") > 0) & (in_core == 0),
            _word=pl.col("text").str.to_lowercase().str.extract_all(WORD).list.unique(),
        )
        .explode("_word")
        .drop_nulls("_word")
    )
    shared = pl.col("_in_core").sum().over("source_file", "_word") > pl.col("_in_core")
    overlap = (
        words.with_columns(_shared=shared)
        .group_by("_row")  # a row has one page, segment and core flag: one key, not four (0.08 µs a BBC paragraph)
        .agg(
            pl.col("source_file", "_segment", "_in_core", "_copy", "_share").first(), _overlap=pl.col("_shared").mean()
        )
    )
    drift = (
        overlap.with_columns(
            _reference=pl.when(pl.col("_in_core") == 1).then(pl.col("_overlap")).median().over("source_file")
        )
        .filter((pl.col("_in_core") == 0) & ~pl.col("_copy"))
        .group_by("source_file", "_segment")
        .agg(_drift=pl.col("_overlap").mean() < pl.col("_share").first() * pl.col("_reference").first())
    )
    per_row = keys.join(drift, on=["source_file", "_segment"], how="left", maintain_order="left")
    return per_row.get_column("_drift").fill_null(False)


def _headline_tail(frame: pl.DataFrame, prose: pl.Expr) -> pl.Series:
    """Per row of `frame`, whether it is in a run of `HEADLINE_TAIL_MIN_LINES` or more headlines
    (`_headline`) that closes the core, below all of its other paragraphs and some of its prose. A
    site that lists other stories' titles under the article as plain text leaves them in the core's
    segment, with no flagged line between (a tabloid's "more stories", a trade site's top stories).

    Judged on the columns it reads, on the pages whose core has that many headline lines (84 of
    1,695 BBC pages).
    """
    headline = _headline((pl.col("_segment") == pl.col("_core")).fill_null(False))
    columns = frame.select("source_file", "paragraph_index", "_segment", "_core", _prose=prose, _headline=headline)
    return _on_headline_pages(columns, _closing_run)


def _headline_head(frame: pl.DataFrame, prose: pl.Expr) -> pl.Series:
    """Per row of `frame`, whether it is in a run of kept lines above the core, headlines (`_headline`)
    and short lines that are not prose, with `HEADLINE_TAIL_MIN_LINES` or more headlines. A site that
    lists its most-read titles over the article as plain text leaves them in a segment with the
    article's heading and standfirst (Le Monde); the standfirst, a statement, ends the run.

    Judged on the pages with that many headline lines above the core.
    """
    above = (pl.col("_segment") < pl.col("_core")).fill_null(False)
    short = above & ~prose & (pl.col("_width") < FRAGMENT_MAX_CHARS)
    columns = frame.select("source_file", "paragraph_index", _headline=_headline(above), _short=short)
    return _on_headline_pages(columns, _opening_run)


def _on_headline_pages(columns: pl.DataFrame, verdict: Verdict) -> pl.Series:
    """`verdict` judged on the pages of `columns` with `HEADLINE_TAIL_MIN_LINES` or more `_headline`
    rows (False elsewhere): no run of that many can be on the others."""
    listing = columns.filter("_headline").group_by("source_file").len().filter(pl.col("len") >= HEADLINE_TAIL_MIN_LINES)
    return judged(columns, pl.col("source_file").is_in(listing["source_file"].implode()), verdict)


def _opening_run(pages: pl.DataFrame) -> pl.Series:
    """`_headline_head` on whole pages (columns source_file, paragraph_index, _headline, _short)."""
    headline = pl.col("_headline")
    line = headline | pl.col("_short")
    headlines = headline.cast(pl.Int32).sum().over("source_file", along_page(line.rle_id()))
    return pages.select(line & (headlines >= HEADLINE_TAIL_MIN_LINES)).to_series()


def _headline(rows: pl.Expr) -> pl.Expr:
    """Whether one of `rows` reads like a headline: no link, `FRAGMENT_MAX_CHARS` to
    `TAIL_HEADLINE_MAX_CHARS` wide, ending no statement (`STATEMENT_END`), not the lead."""
    width = pl.col("_width")
    shaped = rows & (pl.col("n_links") == 0) & (width >= FRAGMENT_MAX_CHARS) & (width < TAIL_HEADLINE_MAX_CHARS)
    statement = pl.when(shaped).then(pl.col("text")).str.contains(STATEMENT_END).fill_null(True)
    return shaped & ~statement & ~pl.col("is_lead")


def _closing_run(pages: pl.DataFrame) -> pl.Series:
    """`_headline_tail` on whole pages (columns source_file, paragraph_index, _segment, _core, _prose, _headline)."""
    headline, idx = pl.col("_headline"), pl.col("paragraph_index")
    in_core = (pl.col("_segment") == pl.col("_core")).fill_null(False)
    below = idx > last_index(in_core & ~headline)
    pages = pages.with_columns(_run=headline & below.fill_null(False))
    run = pl.col("_run") & (pl.col("_run").sum().over("source_file") >= HEADLINE_TAIL_MIN_LINES)
    return pages.select(run & page_has(in_core & pl.col("_prose") & ~run)).to_series()
