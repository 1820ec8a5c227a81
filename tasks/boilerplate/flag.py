"""Flag site furniture (boilerplate) among cleaned paragraphs, vectorised with Polars.

Signals: multilingual furniture patterns, link density, short unpunctuated fragments at
the edges of an article, and corpus repetition (the same normalised text in many
articles, CCNet style). The first matching signal gives the paragraph's reason code.
"""

from __future__ import annotations

import polars as pl

REASONS: dict[str, str] = {
    "empty": "no visible text (images, embeds, form fields)",
    "copyright": "copyright or legal footer (©, all rights reserved, terms, privacy policy)",
    "cookie": "cookie or consent notice",
    "newsletter": "newsletter or e-mail sign-up prompt",
    "subscription": "subscription, paywall or log-in prompt",
    "follow_us": "'follow us' or share prompt for social networks",
    "comments": "comment form or comment-section furniture",
    "read_more": "'read more' / related-content line",
    "caption": "media caption or credit (Image source, Media caption, Photo: ...)",
    "byline": "byline, dateline or reading-time line",
    "link_dense": "most of the text sits inside links (menus, link lists)",
    "short_fragment": "short unpunctuated fragment before or after the article's body",
    "repeated": "same normalised text in many articles (or in two, outside the body)",
    "after_article_end": "after an end-of-article marker (comment section, related links, legal footer)",
}

DEFAULT_REPEAT_THRESHOLD = 5
DEFAULT_EDGE_REPEAT_THRESHOLD = 2
_LINK_DENSE_SHARE = 0.5  # share of characters inside links from which a paragraph is a menu
_LINK_DENSE_MAX_CHARS = 400  # longer link-heavy paragraphs are prose with many citations
_FRAGMENT_MAX_CHARS = 40  # shorter unpunctuated paragraphs at the edges are furniture
_BODY_MIN_CHARS = 80  # a unique, punctuated, link-light paragraph this long is article body

# Furniture patterns: (reason code, longest paragraph checked, regex). The length cap keeps a
# body paragraph that merely mentions a newsletter, cookies or sharing from being flagged.
_PATTERNS: list[tuple[str, int, str]] = [
    (
        "copyright",
        400,
        (
            r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b)|©\s*\d{4}|all rights reserved"
            r"|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten"
            r"|direitos reservados|tutti i diritti riservati|版权所有|著作権"
            r"|terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice)"
            r"|not responsible for the content of external"
        ),
    ),
    ("cookie", 400, r"\bcookies?\b.{0,80}\b(?:use|accept|consent|settings|policy)\b"),
    (
        "newsletter",
        160,
        (
            r"newsletter|\bsign[ -]?up\b|\bsubscribe to (?:our|the|his|her|my)\b"
            r"|enter your e-?mail|e-?mail address|inscr[ií]ba?[-‐ ]?(?:se|te)|boletín"
            r"|abonnez-vous|suscr[ií]b"
        ),
    ),
    (
        "subscription",
        160,
        (
            r"already a subscriber|subscribers? only|\bsubscribe (?:now|today)|\blog ?in\b"
            r"|\bsign ?in\b|create (?:an|your) account|keep me logged in|\bpaywall"
            r"|\bregister (?:now|for free|to)\b"
        ),
    ),
    (
        "follow_us",
        160,
        (
            r"\bfollow (?:us|@|\w+(?: \w+)? on (?:twitter|facebook|instagram|x|tiktok|youtube)\b)"
            r"|\blike us on\b|^share\b|síguenos|suivez-nous|folgen sie uns|siga-nos|seguici"
            r"|^(?:facebook|twitter|whatsapp|email|pinterest|linkedin|reddit)\W*$"
        ),
    ),
    (
        "comments",
        200,
        (
            r"leave a (?:comment|reply)|you are commenting using|notify me|comment policy"
            r"|your e-?mail address will not be published|required fields are marked"
            r"|save my name|^post (?:a )?comment|\bcomments?\s*\(\d+\)|^\d+\s+comments?$"
            r"|comments are closed|logged in to (?:leave a |post a )?comment"
        ),
    ),
    (
        "read_more",
        160,
        (
            r"^(?:read (?:more|also|next)|related(?: articles?| stories| content)?|see also"
            r"|also read|more from|more on this|you may also like|recommended|watch|listen"
            r"|leia (?:também|mais)|lire aussi|lesen sie auch|lee también|leer más|mehr zum thema)"
            r"\b\s*[:\-–—|]?"
        ),
    ),
    (
        "caption",
        200,
        (
            r"^(?:image source|image caption|media caption|getty images|photo(?:graph)?|image"
            r"|picture|credit|foto|bild|source)\s*[:,]|this video can ?not be played"
            r"|^(?:video|watch|listen)\s*,|\b(?:getty images|reuters|afp|shutterstock|epa"
            r"|ap photo|istock)\s*\)?\s*$|^photo by\b"
        ),
    ),
    (
        "byline",
        100,
        (
            r"^(?:published|updated|posted|last updated)\s*(?:on|at|:)?\s*"
            r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
            r"|\b\d+\s*(?:min(?:ute)?s?|minutos?) (?:read|de leitura)\b|tempo de leitura"
        ),
    ),
]

# Markers after which nothing belongs to the article: comment-section and related-content
# headings (whole paragraph), comment forms and legal footers. A paragraph is checked only
# when it is short and comes after two body paragraphs (page headers hold legal lines too).
_END_MARKER_MAX_CHARS = 200
_END_MARKER = (
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions|leave a (?:comment|reply)"
    r"|post a comment|add (?:a|your) comment|join the (?:discussion|conversation)|discussion"
    r"|reader comments|comentários?|comentarios|commentaires|kommentare|commenti|комментари\w*"
    r"|related(?: articles?| stories| posts| content| coverage| news| reading)?|read next"
    r"|more from (?:\S+ ?){1,3}|more (?:stories|news|articles)|you (?:may|might) also like"
    r"|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed)|trending(?: now)?"
    r"|latest (?:news|stories|articles)|further reading|about the author|share this (?:article|story|post)"
    r"|leia também|veja também|à lire aussi|mehr zum thema|关联文章|関連記事|相关文章|читайте также)[^\w:]*$"
    r"|leave a (?:comment|reply)|you must be (?:logged in|signed in) to|comments are closed"
    r"|view the discussion thread|your e-?mail address will not be published|required fields are marked"
    r"|all rights reserved|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten"
    r"|direitos reservados|tutti i diritti riservati"
)

# A byline needs case: "By Jane Doe" but not "by the way". Checked on the original text.
_BYLINE_CASED = r"^(?i:by)\s+\p{Lu}[^.!?]{0,60}$"
_PATTERN_MAX_CHARS = max(max_chars for _, max_chars, _ in _PATTERNS)

# Sentence-final punctuation in several scripts; a fragment without it is not prose.
_SENTENCE_END = r"[.!?…:;。！？」』\"'”’»)\]]\s*$"


def _fast(pattern: str) -> str:
    """ASCII word boundaries and digits: Unicode ones push Rust regex off its fast DFA (10x)."""
    return pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]")


def _short_lower(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Lower-cased text of the paragraphs short enough for a furniture pattern, else null.

    Patterns are lower case and run on short paragraphs only, as case-insensitive matching and
    scanning long body paragraphs dominate the cost.
    """
    return pl.when(n_chars <= _PATTERN_MAX_CHARS).then(text.str.to_lowercase())


def _is_byline(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    return (n_chars <= 100) & text.str.contains(_fast(_BYLINE_CASED))


def _pattern_reason(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Reason code of the first furniture pattern matching a short paragraph, else null."""
    lower = _short_lower(text, n_chars)
    expr = pl.when(_is_byline(text, n_chars)).then(pl.lit("byline"))
    for code, max_chars, pattern in reversed(_PATTERNS):
        hit = (n_chars <= max_chars) & lower.str.contains(_fast(pattern))
        expr = pl.when(hit).then(pl.lit(code)).otherwise(expr)
    return expr


_ANY_PATTERN = "|".join(f"(?:{_fast(pattern)})" for _, _, pattern in _PATTERNS)


def _may_match(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """True where any furniture pattern could match: one scan instead of one per pattern."""
    return _short_lower(text, n_chars).str.contains(_ANY_PATTERN).fill_null(False) | _is_byline(text, n_chars)


def pattern_reasons(paragraphs: pl.DataFrame) -> pl.Series:
    """_pattern_reason of every paragraph, evaluated only where some pattern may match (2% of news)."""
    text, n_chars = pl.col("text"), pl.col("n_chars")
    candidates = paragraphs.select(_may_match(text, n_chars))
    rows = candidates.to_series().arg_true()
    found = paragraphs[rows].select(_pattern_reason(text, n_chars)).to_series()
    return pl.repeat(None, paragraphs.height, dtype=pl.String, eager=True).scatter(rows, found)


def _first_index(condition: pl.Expr) -> pl.Expr:
    """Per article, the first paragraph index where condition holds (null if none)."""
    return pl.when(condition).then(pl.col("paragraph_index")).min().over("source_file")


def flag_boilerplate(
    paragraphs: pl.DataFrame,
    repeat_threshold: int = DEFAULT_REPEAT_THRESHOLD,
    edge_repeat_threshold: int = DEFAULT_EDGE_REPEAT_THRESHOLD,
) -> pl.DataFrame:
    """Add is_boilerplate (never null) and boilerplate_reason (null when kept) to paragraphs.

    Text repeated across articles is flagged anywhere from `repeat_threshold` articles, but
    already from `edge_repeat_threshold` outside the article's unique body: reused background
    paragraphs inside a story stay, repeated teasers and footers around it go. Everything after
    an end-of-article marker that follows the body is flagged too.
    """
    text, n_chars, count = (
        pl.col("text"),
        pl.col("n_chars"),
        pl.col("n_articles_with_text"),
    )
    idx = pl.col("paragraph_index")
    link_share = pl.col("link_chars") / pl.max_horizontal(n_chars, 1)
    unpunctuated = ~text.str.contains(_SENTENCE_END)
    body_like = (n_chars >= _BODY_MIN_CHARS) & (link_share < _LINK_DENSE_SHARE) & ~unpunctuated
    unique_body = (body_like & (count < edge_repeat_threshold)) | pl.col("is_lead")
    first_body = _first_index(unique_body)
    second_body = _first_index(unique_body & (idx > first_body))
    end_marker = (
        (idx > second_body)
        & (n_chars <= _END_MARKER_MAX_CHARS)
        & pl.when(n_chars <= _END_MARKER_MAX_CHARS).then(text.str.to_lowercase()).str.contains(_fast(_END_MARKER))
    )
    article_end = _first_index(end_marker)
    last_body = pl.when(unique_body & ~(idx >= article_end).fill_null(False)).then(idx).max().over("source_file")
    at_edge = (idx < first_body) | (idx > last_body) | first_body.is_null()
    reason = (
        pl.when(pl.col("is_lead"))
        .then(pl.lit(None, dtype=pl.String))
        .when(n_chars == 0)
        .then(pl.lit("empty"))
        .otherwise(pl.col("_pattern"))
    )
    reason = (
        pl.when(reason.is_not_null() | pl.col("is_lead"))
        .then(reason)
        .when(
            (link_share >= _LINK_DENSE_SHARE)
            & (n_chars < _LINK_DENSE_MAX_CHARS)
            & (at_edge | unpunctuated | (pl.col("link_chars") == n_chars))
        )
        .then(pl.lit("link_dense"))
        .when(at_edge & (n_chars < _FRAGMENT_MAX_CHARS) & unpunctuated)
        .then(pl.lit("short_fragment"))
        .when((count >= repeat_threshold) | (at_edge & (count >= edge_repeat_threshold)))
        .then(pl.lit("repeated"))
        .when(idx > article_end)
        .then(pl.lit("after_article_end"))
    )
    return (
        paragraphs.with_columns(_pattern=pattern_reasons(paragraphs))
        .with_columns(boilerplate_reason=reason)
        .with_columns(is_boilerplate=pl.col("boilerplate_reason").is_not_null())
        .drop("_pattern")
    )
