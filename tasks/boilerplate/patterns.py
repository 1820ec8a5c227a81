"""Furniture patterns: the regexes that name site furniture in many languages, and their matcher."""

from __future__ import annotations

from typing import NamedTuple

import polars as pl


class Furniture(NamedTuple):
    """A furniture pattern, checked only on paragraphs up to `max_chars` long.

    The length cap keeps a body paragraph that merely mentions a newsletter, cookies or sharing
    from being flagged.
    """

    max_chars: int
    regex: str


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = rf"(?:\b(?:19|20)\d{{2}}\b(?:[^:0-9]|$)|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH})"
_TIME = r"\b\d{1,2}[:h]\d{2}\b"

# Reason code -> pattern, in priority order (the first match names the paragraph). Lower case.
FURNITURE: dict[str, Furniture] = {
    "copyright": Furniture(
        400,
        r"^\s*(?:©|\(c\)\s*\d{4}|copyright\b)|©\s*\d{4}|all rights reserved"
        r"|todos los derechos reservados|tous droits réservés|alle rechte vorbehalten"
        r"|direitos reservados|tutti i diritti riservati|版权所有|著作権"
        r"|terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice)"
        r"|not responsible for the content of external"
        r"|registered (?:office|address)\s*:|registered in england(?: (?:&|and) wales)?\W*(?:no\b|number|\d)"
        r"|company (?:number|no\.|registration (?:no|number))\W*\d"
        r"|for your personal,? non-?commercial use",
    ),
    "cookie": Furniture(
        400, r"\bcookies?\b.{0,80}\b(?:use|accept|consent|settings|policy)\b|\b(?:use|uses|using) (?:of )?cookies\b"
    ),
    "newsletter": Furniture(
        160,
        r"newsletter|\bsign[ -]?up\b|\bsubscribe to (?:our|the|his|her|my)\b"
        r"|enter your e-?mail|(?:your|enter(?: an?| the)?|valid|registered)\s+e-?mail address|^\W*e-?mail address|inscr[ií]ba?[-‐ ]?(?:se|te)|boletín"
        r"|abonnez-vous|suscr[ií]b|delivered (?:straight )?to your (?:e-?mail )?inbox|mailing list|confirm your subscription"
        r"|newsstand price|e-?mail (?:has been|was) sent|e-?mail foi cadastrado|your first e-?mail|only send you",
    ),
    "subscription": Furniture(
        160,
        r"already a subscriber|subscribers? only|\bsubscribe (?:now|today)|\blog ?in\b"
        r"|\bsign ?in\b|create (?:an|your) account|keep me logged in|\bpaywall"
        r"|\bregister (?:now|for free|to)\b",
    ),
    "account": Furniture(
        200,
        r"(?:confirm|complete|activate) your (?:registration|subscription|account)|reset your password"
        r"|already have an account|account (?:is )?(?:already )?registered|never post to your"
        r"|sent you an e-?mail|check your (?:spam|junk|inbox)",
    ),
    "follow_us": Furniture(
        160,
        r"\bfollow (?:us|@|\w+(?: \w+)? on (?:twitter|facebook|instagram|x|tiktok|youtube)\b)"
        r"|\blike us on\b|^share\b|síguenos|suivez-nous|folgen sie uns|siga-nos|seguici"
        r"|^(?:facebook|twitter|whatsapp|email|pinterest|linkedin|reddit)\W*$"
        r"|^(?:(?:facebook|twitter|google\+|whatsapp|e-?mail|pinterest|linkedin|reddit|instagram|youtube|rss|tumblr"
        r"|telegram|flipboard|messenger|print|mobile|share)[\W_]*){2,}$",
    ),
    "comments": Furniture(
        200,
        r"leave a (?:comment|reply)|you are commenting using|notify me|comment policy"
        r"|your e-?mail address will not be published|required fields are marked"
        r"|save my name|^post (?:a )?comment|\bcomments?\s*\(\d+\)|^\d+\s+comments?$"
        r"|comments are closed|logged in to (?:leave a |post a )?comment"
        r"|(?:留言|评论|評論|コメント|kommentare?|commentaires?|comentarios?|comentários?|commenti|комментари\w*)\s*[(（]\d+[)）]",
    ),
    "comment_rules": Furniture(
        400,
        r"opinions? expressed in (?:reader |the )?comments|^comments? (?:are|is) (?:moderated|reviewed|the sole responsib)"
        r"|comment (?:posters|writers|rules|guidelines)|moderates? (?:all )?comments (?:to|before|and)"
        r"|comments below (?:have been|are) moderated"
        r"|avoid comments that|comment count on this article|listed below are links to weblogs|you can use these (?:html )?tags"
        r"|(?:^|[.!?]\s)(?:los|les|os|i) (?:comentarios|commentaires|comentários|commenti)\b[^.!?]*\b(?:responsab|opini[oóã]|pol[ií]tica|respet|respeit)"
        r"|(?:comentarios|commentaires|comentários|commenti)[^.!?]*(?:respetuos|respeitos|respectueu|rispettos)"
        r"|(?:do you have|you['’]?ve got|have you got) a story.*(?:e-?mail|get in touch|contact us)|we pay for your stories"
        r"|we want to hear what you think about this (?:article|story)"
        r"|(?:submit|write) a letter to the editor|publishing a diversity of letters|\btips@",
    ),
    "read_more": Furniture(
        160,
        r"^(?:read (?:more|also|next)|related(?: articles?| stories| content)?|see also"
        r"|also read|more from|more on this|you may also like|recommended|watch|listen"
        r"|leia (?:também|mais)|lire aussi|lesen sie auch|lee también|leer más|mehr zum thema)"
        r"\b\s*[:\-–—|]?",
    ),
    # A photo credit on its own line: "Getty", "AP", "Reuters/Corbis", "(photo AFP)".
    "credit": Furniture(
        80,
        r"^\(?(?:(?:photo|foto|image|picture|credit|crédit)s?\s*:?\s*)?(?:getty(?: images)?|ap|pa|afp|reuters|rex"
        r"|epa|corbis|shutterstock|alamy|dr|istock|dpa|efe|ansa|xinhua|bloomberg|pa (?:wire|media)|eyevine"
        r"|splash news)(?:\s*[/,;]\s*[^/,;]{1,40}){0,3}\)?\s*$",
    ),
    "caption": Furniture(
        200,
        r"^(?:image source|image caption|media caption|getty images|photo(?:graph)?|image"
        r"|picture|credit|foto|bild|source)\s*[:,]|this video can ?not be played"
        r"|^(?:video|watch|listen)\s*,|\b(?:getty images|reuters|afp|shutterstock|epa"
        r"|ap photo|istock)\s*\)?\s*$|^photo by\b",
    ),
    "interface": Furniture(
        200,
        r"this is a modal window|(?:beginning|end) of dialog window|escape will cancel|requires javascript"
        r"|enable javascript|javascript (?:is )?(?:disabled|required)|javascript be (?:enabled|turned on)"
        r"|flash (?:player|plug-?in)|\bcaptcha\b|browser does not support|ad ?blocker"
        r"|continue reading below|an error has occurred|error occurred|please try again|^report (?:an )?issue$"
        r"|tente (?:novamente|mais tarde)|int[eé]ntel?o (?:de nuevo|más tarde)|veuillez réessayer"
        r"|versuchen sie es (?:später )?(?:erneut|noch einmal)|riprova(?:re)? più tardi"
        r"|^(?:advertisement|advertising|sponsored|anzeige|werbung|publicité|publicidad|publicidade|pubblicità"
        r"|advertentie|реклама|reklama|广告|広告|광고)\W*$"
        r"|^[\W_]*(?:(?:previous|next|prev|older|newer|vorige|volgende|nächste|vorherige|précédent|suivant"
        r"|anterior|siguiente|próximo|precedente|successivo|предыдущ\w*|следующ\w*|上一[篇页頁]|下一[篇页頁])"
        r"(?:\s+(?:post|page|article|story|entry|seite|artikel|página|pagina))?[\W_]*){1,4}$",
    ),
    "byline": Furniture(
        100,
        r"^(?:published|updated|posted|last updated)\s*(?:on|at|:)?\s*"
        r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
        r"|\b\d+\s*(?:min(?:ute)?s?|minutos?) (?:read|de leitura)\b|tempo de leitura"
        r"|^\W*(?:posted by|publié par|publicado por|pubblicato da|veröffentlicht von|geplaatst door)\b",
    ),
}

# A legal document named as someone else's ("violates its terms of service", "the BBC's privacy policy"):
# a news sentence about it, unless it speaks to the reader. Lower case.
MENTION = (
    r"(?:\bits|\btheir|\w['’]s)\s+(?:own\s+)?(?:terms (?:of|and) (?:use|service|conditions)|privacy (?:policy|notice))"
)
ADDRESSED = r"\b(?:you|your|our|agree|©)|all rights reserved"

# A sentence that opens with a read-more label's word used as a verb or adjective ("Watch how the
# text changes", "Recommended daily amount: ..."), not as the label ("Watch: ...", "Recommended"). Lower case.
LABEL_IN_SENTENCE = r"^(?:watch (?:how|where|what|when|why|out)|recommended (?:daily|dose|dosage|amount|intake|by))\b"

# A byline needs case: "By Jane Doe", "Por Ana M. Gil" but not "by the way". Checked on the original text.
BYLINE_CASED = Furniture(100, r"^(?i:by|por|par|von|door|av|af|przez)\s+\p{Lu}(?:[^.!?]|\b\p{Lu}\.){0,60}$")

# A date and a clock time in a short line that ends no sentence: a dateline or a comment header
# ("Jo Lee, 3 May 2024 10:31"). Lower case; matched apart from the other patterns, as joining it to
# them makes the combined scan 15 times slower.
DATELINE = Furniture(100, rf"(?:{_DATE}.{{0,40}}{_TIME}|{_TIME}.{{0,40}}{_DATE})(?:.*[^.!?\s]|.*[ap]\.m\.)\s*$")

# Markers after which nothing belongs to the article: comment-section and related-content
# headings (whole paragraph), comment forms and legal footers. Lower case.
END_MARKER = Furniture(
    200,
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
    r"|direitos reservados|tutti i diritti riservati",
)

# Sentence-final punctuation in several scripts; a fragment without it is not prose.
SENTENCE_END = r"[.!?…:;。！？」』\"'”’»)\]]\s*$"

_MAX_CHARS = max(f.max_chars for f in FURNITURE.values())


def fast(pattern: str) -> str:
    """ASCII word boundaries and digits: Unicode ones push Rust regex off its fast DFA (10x)."""
    return pattern.replace(r"\b", r"(?-u:\b)").replace(r"\d", "[0-9]")


_ANY = "|".join(f"(?:{fast(f.regex)})" for f in FURNITURE.values())


def matches(text: pl.Expr, n_chars: pl.Expr, pattern: Furniture) -> pl.Expr:
    """Whether a paragraph short enough for `pattern` matches it, lower-cased (null when longer)."""
    short = n_chars <= pattern.max_chars
    return short & pl.when(short).then(text.str.to_lowercase()).str.contains(fast(pattern.regex))


def _short_lower(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Lower-cased text of the paragraphs short enough for a furniture pattern, else null.

    Patterns are lower case and run on short paragraphs only, as case-insensitive matching and
    scanning long body paragraphs dominate the cost.
    """
    return pl.when(n_chars <= _MAX_CHARS).then(text.str.to_lowercase())


def _is_byline(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """A cased byline, or a dateline (lower-cased, short paragraphs only)."""
    short = n_chars <= BYLINE_CASED.max_chars
    dated = pl.when(short).then(text.str.to_lowercase()).str.contains(fast(DATELINE.regex)).fill_null(False)
    return short & (text.str.contains(fast(BYLINE_CASED.regex)) | dated)


def _first_furniture(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """Reason code of the first furniture pattern matching a short paragraph, else null."""
    lower = _short_lower(text, n_chars)
    expr = pl.when(_is_byline(text, n_chars)).then(pl.lit("byline"))
    for code, pattern in reversed(FURNITURE.items()):
        hit = (n_chars <= pattern.max_chars) & lower.str.contains(fast(pattern.regex))
        if code == "copyright":
            hit = hit & ~(lower.str.contains(fast(MENTION)) & ~lower.str.contains(fast(ADDRESSED)))
        elif code == "read_more":
            hit = hit & ~lower.str.contains(fast(LABEL_IN_SENTENCE))
        expr = pl.when(hit).then(pl.lit(code)).otherwise(expr)
    return expr


def _may_match(text: pl.Expr, n_chars: pl.Expr) -> pl.Expr:
    """True where any furniture pattern could match: one scan instead of one per pattern."""
    return _short_lower(text, n_chars).str.contains(_ANY).fill_null(False) | _is_byline(text, n_chars)


def furniture_codes(paragraphs: pl.DataFrame) -> pl.Series:
    """The first matching furniture code of every paragraph, evaluated only where some pattern may
    match (2% of news)."""
    text, n_chars = pl.col("text"), pl.col("n_chars")
    rows = paragraphs.select(_may_match(text, n_chars)).to_series().arg_true()
    found = paragraphs[rows].select(_first_furniture(text, n_chars)).to_series()
    return pl.repeat(None, paragraphs.height, dtype=pl.String, eager=True).scatter(rows, found)
