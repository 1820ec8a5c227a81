"""Quoted spans, their share of each paragraph, and who said them, for one article."""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from tasks.enrich.sentences import sentence_ends

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|explained|asked|warned|warns|stated|claimed|claims|"
    "insisted|insists|argued|argues|wrote|writes|tweeted|posted|replied|responded|admitted|"
    "confirmed|declared|suggested|urged|acknowledged|commented|recalled|agreed|announced|"
    "stressed|conceded|continued|noted|observed|remarked|revealed|vowed|promised|predicted|"
    "cautioned|complained|maintained|reiterated|joked|explains|notes"
)
# Verbs whose following noun phrase is the listener, not the speaker ("told MPs"), are excluded
# from the inverted "said Mr X" form.
INVERTED_VERBS = (
    "said|says|added|adds|wrote|writes|explained|explains|continued|insisted|insists|warned|warns|"
    "argued|argues|noted|notes"
)
ROLE_WORDS = (
    "minister|secretary|spokesman|spokeswoman|spokesperson|official|president|chancellor|mayor|"
    "chief|director|leader|head|source|governor|ambassador|envoy|prosecutor|judge|lawyer|coach|"
    "manager|captain|chairman|chairwoman|chair|executive|founder|premier|senator|commissioner|"
    "commander|officer|general|adviser|advisor|economist|analyst|expert|witness|resident|"
    "campaigner|councillor|MP|MSP|MS|MLA|mother|father|sister|brother|wife|husband|son|daughter"
)
MALE_TITLES = frozenset("Mr Mr. Sir Lord King Prince Mister".split())
FEMALE_TITLES = frozenset("Mrs Mrs. Ms Ms. Miss Lady Dame Queen Princess".split())
TITLES = MALE_TITLES | FEMALE_TITLES | frozenset("Dr Dr. Prof Prof. Professor Rev".split())
# Capitalised words that start a sentence or clause but are not part of a speaker's name.
NAME_STOPWORDS = frozenset(
    "But And Or So Yet However Meanwhile Speaking Asked Writing Earlier Later Then Now Also Still "
    "Last Next This That These Those The A An In On At By For From With Without After Before When "
    "While Since As If Yesterday Today Tonight Previously Separately Instead Indeed Ultimately "
    "Her His Their Its Our My Your Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December".split()
)
NON_NAMES = frozenset("It They We I You He She There Here What Who Which".split())
ORG_WORDS = frozenset(
    "Office Street Department Ministry Council Police Service Services Government Party Group "
    "Company Association Union Agency Commission Committee Court Board Trust Authority News "
    "Foundation Institute University Bank Army Navy Force Forces Club League Federation "
    "Corporation Organisation Organization Network Times Post Guardian Telegraph House Kremlin "
    "Pentagon Palace Hospital School College Centre Center FC Ltd Inc Plc Airways Airlines".split()
)


def _by_initial(words: str) -> str:
    """Regroup an alternation of words by first letter ("said|says|told" -> "s(?:aid|ays)|t(?:old)").

    re tries alternatives one by one at each position, so this cuts the tries per word several
    fold. Only words sharing the first letter can match at a position, and their order is kept,
    so the matches are the same in any context.
    """
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{initial}(?:{'|'.join(rests)})" for initial, rests in groups.items())


def _initials(words: str) -> str:
    """The first letters of an alternation of words, for a character class."""
    return "".join(sorted({word[0] for word in words.split("|")}))


NAME_PARTICLES = "de|da|di|du|van|von|der|den|le|la|bin|ibn|dos|das|del"
# Name and role-phrase words are possessive (*+, ++): what may follow one (".", ",", a space, the
# end of the clause) is never a word character, so giving some back cannot help a match, and re
# would otherwise retry every shorter prefix of each capitalised word.
_NAME = (
    rf"(?:(?:[A-Z][\w'’\-]*+\.?|al-[A-Z][\w'’\-]*+|(?:{_by_initial(NAME_PARTICLES)})(?=\s+[A-Z]))\s+){{0,5}}"
    r"(?:[A-Z][\w'’\-]*+|al-[A-Z][\w'’\-]*+)"
)
_ROLE = rf"(?:[\w'’\-]++\s+){{0,3}}?(?:{_by_initial(ROLE_WORDS)})"  # "the [deputy prime] minister"
_ROLE_PHRASE = rf"{_ROLE}(?:\s+for\s+(?:the\s+)?{_NAME})?"


def _subject(g: str) -> str:
    """Regex for a speaker: pronoun, role phrase or capitalised name, in groups prefixed `g`."""
    return (
        rf"(?P<{g}_pron>\b[Hh]e|\b[Ss]he)|(?P<{g}_role>\b(?:[Tt]he|[Aa]n?)\s+{_ROLE_PHRASE})|"
        rf"(?P<{g}_name>{_NAME})"
    )


_APPOSITIVE = r"(?:,\s+(?:the|a|an|who|whose|[a-z])[^,.;:!?#\"]{0,80},|,)?"
_ADVERBS = r"(?:(?:has|had|have|also|later|then|previously|earlier|again|further|once|\w+ly)\s+){0,2}"
# Where a clause can start: a capital (a name, He, The, According), the first letter of a
# lower-case word opening one (he, she, the, a, an inverted verb, according), or a name particle,
# which can start mid-word. The lookahead rejects every other position before the costly
# alternation is tried there. Its ASCII \b is cheaper and holds wherever the Unicode one does.
_OPENERS = _initials("he|she|the|a|according|" + INVERTED_VERBS)
_CLAUSE_START = rf"(?=[A-Z]|(?a:\b)[{_OPENERS}]|{_by_initial(NAME_PARTICLES + '|al-')})"
_ATTRIBUTION = re.compile(
    rf"{_CLAUSE_START}(?:(?:{_subject('a')}){_APPOSITIVE}\s+{_ADVERBS}(?:{_by_initial(SPEECH_VERBS)})\b"
    rf"|\b(?:{_by_initial(INVERTED_VERBS)})\s+(?:(?:the\s+|a\s+)?{_ROLE}\s+(?P<b_titled>{_NAME})|{_subject('b')})"
    rf"|\b[Aa]ccording\s+to\s+(?:{_subject('c')}))"
)
# Every speech verb or "according" in the text, and a few more (ASCII \b is cheaper and also
# holds after "é"): where this finds none, no clause can start.
_HAS_VERB = re.compile(rf"\b(?:{_by_initial(SPEECH_VERBS + '|according|According')})\b", re.ASCII)
_QUOTE_MARK = re.compile(r"[\"“”]")
_MASK = "#"
_GAP = re.compile(r"[\s,.;:!?—–\-]*")


@dataclass
class _Attribution:
    """One "X said" clause: where it is, the subject as written, and its kind."""

    start: int
    end: int
    kind: str  # "pron", "role" or "name"
    subject: str


@dataclass
class _Quote:
    """A quoted span in one paragraph, linked to the other parts of a multi-paragraph quote."""

    para: int
    start: int
    end: int
    open_mark: int
    close_mark: int | None
    chain: list["_Quote"] = field(default_factory=list)
    speaker: str | None = None
    via: _Attribution | None = None


@dataclass
class _Mention:
    """A named speaker mention, kept in article order for resolving "he" and "the minister"."""

    para: int
    pos: int
    form: str
    key: str
    gender: str | None
    person: bool


def _clean_name(name: str) -> str | None:
    """Strip clause openers ("But", "On Monday") from a capitalised run; None if nothing is left."""
    tokens = name.split()
    while tokens and tokens[0] in NAME_STOPWORDS:
        tokens.pop(0)
    if not tokens or tokens[0] in NON_NAMES or tokens[-1] in NAME_STOPWORDS:
        return None
    return " ".join(tokens)


def _clauses(masked: str) -> Iterator[re.Match]:
    """The matches of `_ATTRIBUTION.finditer(masked)`, without the costly scan after the last verb.

    A clause starts at a speech verb or "according" ("said Mr X") or ends at one ("Mr X said"),
    so none starts where no verb follows, which the cheaper `_HAS_VERB` tells. Matches are never
    empty, so searching on from each match's end is what finditer does.
    """
    pos = 0
    while _HAS_VERB.search(masked, pos) and (match := _ATTRIBUTION.search(masked, pos)):
        yield match
        pos = match.end()


def _attributions(masked: str) -> list[_Attribution]:
    """Find every speech clause in a paragraph whose quotes have been masked out."""
    found: list[_Attribution] = []
    for match in _clauses(masked):
        groups = {k: v for k, v in match.groupdict().items() if v}
        key = next(iter(groups))
        kind = key.split("_")[1] if key != "b_titled" else "name"
        subject = groups[key]
        if kind == "name":
            subject = _clean_name(subject)
            if subject is None:
                continue
            if subject in ("He", "She"):
                kind = "pron"
        found.append(_Attribution(match.start(), match.end(), kind, subject))
    return found


def _mark_kind(text: str, i: int) -> str:
    """Classify a quote mark as "open", "close" or "either" from the characters around it."""
    ch = text[i]
    if ch == "“":
        return "open"
    if ch == "”":
        return "close"
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if (prev.isspace() or prev in "([{—–-/") and not nxt.isspace():
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}—–-'’":
        return "close"
    return "either"


def _paragraph_quotes(text: str, para: int, pending: _Quote | None) -> list[_Quote]:
    """Pair quote marks in one paragraph; a pending quote from the previous one may continue."""
    quotes: list[_Quote] = []
    if not _QUOTE_MARK.search(text):
        return quotes  # most paragraphs: one C-level scan, no match objects or list built
    open_at: int | None = None
    marks = [(m.start(), _mark_kind(text, m.start())) for m in _QUOTE_MARK.finditer(text)]
    continues = pending is not None and bool(marks) and marks[0][0] == len(text) - len(text.lstrip())
    for pos, kind in marks:
        if open_at is None and kind in ("open", "either"):
            open_at = pos
        elif open_at is not None and kind in ("close", "either"):
            quotes.append(_Quote(para, open_at + 1, pos, open_at, pos))
            open_at = None
    if open_at is not None:
        quotes.append(_Quote(para, open_at + 1, len(text.rstrip()), open_at, None))
    if continues and quotes and quotes[0].open_mark == marks[0][0]:
        pending.chain.append(quotes[0])
        quotes[0].chain = pending.chain
    for quote in quotes:
        if not quote.chain:
            quote.chain = [quote]
    return quotes


def _mask(text: str, quotes: list[_Quote]) -> str:
    """Blank out quoted text and marks so speech verbs inside quotes are not read as attribution."""
    parts, done = [], 0
    for quote in quotes:
        stop = quote.close_mark + 1 if quote.close_mark is not None else len(text)
        parts += text[done : quote.open_mark], _MASK * (stop - quote.open_mark)
        done = stop
    return "".join(parts) + text[done:] if parts else text


def _sentence_bounds(ends: list[int], pos: int) -> tuple[int, int]:
    """Return the start and end offsets of the sentence containing `pos`."""
    start = max((e for e in ends if e <= pos), default=0)
    end = min((e for e in ends if e > pos), default=ends[-1] if ends else pos)
    return start, end


def _own_attribution(quote: _Quote, atts: list[_Attribution], masked: str, ends: list[int]) -> _Attribution | None:
    """Pick the clause that states this quote's speaker: right after it, earlier or later in its sentence."""
    if quote.close_mark is not None:
        after = _GAP.match(masked, quote.close_mark + 1).end()
        for att in atts:
            if att.start == after:
                return att
    start, _ = _sentence_bounds(ends, quote.open_mark)
    before = [a for a in atts if start <= a.start and a.end <= quote.open_mark]
    if before:
        return before[-1]
    if quote.close_mark is not None:
        _, end = _sentence_bounds(ends, quote.close_mark + 1)
        after_quote = [a for a in atts if quote.close_mark < a.start < end]
        if after_quote:
            return after_quote[0]
    return None


def _mention(att: _Attribution, para: int) -> _Mention:
    """Describe a named speaker for later pronoun and role resolution."""
    tokens = att.subject.split()
    gender = "m" if tokens[0] in MALE_TITLES else "f" if tokens[0] in FEMALE_TITLES else None
    org = any(t in ORG_WORDS or (t.isupper() and len(t) > 1) for t in tokens)
    person = not org and (tokens[0] in TITLES or len(tokens) >= 2)
    return _Mention(para, att.start, att.subject, tokens[-1].lower(), gender, person)


def _resolve(att: _Attribution, para: int, mentions: list[_Mention]) -> str | None:
    """Turn a pronoun or role reference into the latest prior named speaker, or None if unclear."""
    prior = [m for m in mentions if (m.para, m.pos) < (para, att.start)]
    keys_person = {m.key for m in prior if m.person}
    people = [m for m in prior if m.person or m.key in keys_person]
    gender_of = {m.key: m.gender for m in people if m.gender}
    if att.kind == "pron":
        wanted = "m" if att.subject.lower() == "he" else "f"
        fits = [m for m in people if gender_of.get(m.key, wanted) == wanted]
    elif att.subject.split()[0].lower() == "the":
        role = att.subject.split()[-1].lower()
        roled = {m.key for m in people if role in m.form.lower().split()}
        fits = [m for m in people if m.key in roled]
    else:
        return att.subject
    if not fits:
        return None
    latest = fits[-1]
    rivals = {m.key for m in fits if m.para == latest.para and m.key != latest.key}
    return None if rivals else latest.form


def find_quotes(paragraphs: Sequence[str]) -> tuple[list[list[dict]], list[float]]:
    """Extract quotes and speakers per paragraph so quote-heavy paragraphs and sources can be queried.

    Speakers are the name as written at the nearest mention: the attribution's own words when it
    names someone ("Mr Heappey said"), else for "he"/"she"/"the minister" the most recent prior
    named speaker in the article (same person = same surname). None when unstated or ambiguous.
    """
    texts = [p or "" for p in paragraphs]
    per_para: list[list[_Quote]] = []
    pending: _Quote | None = None
    for i, text in enumerate(texts):
        quotes = _paragraph_quotes(text, i, pending)
        pending = quotes[-1] if quotes and quotes[-1].close_mark is None else None
        per_para.append(quotes)
    masked = [_mask(t, q) for t, q in zip(texts, per_para)]
    atts = [_attributions(m) for m in masked]
    mentions = [_mention(a, i) for i, row in enumerate(atts) for a in row if a.kind == "name"]
    for i, quotes in enumerate(per_para):
        if quotes and atts[i]:  # else no quote here has its own clause: via stays None
            ends = sentence_ends(texts[i])
            for quote in quotes:
                quote.via = _own_attribution(quote, atts[i], masked[i], ends)
    for quotes in per_para:
        for j, quote in enumerate(quotes):
            if quote.chain[0] is quote:
                _assign_speaker(quote.chain, mentions)
            if quote.speaker is None and j and quote.via is None:
                _inherit(quote, quotes[j - 1], masked[quote.para])
    rows = [
        [{"text": texts[q.para][q.start : q.end], "speaker": q.speaker, "start": q.start, "end": q.end} for q in quotes]
        for quotes in per_para
    ]
    shares = [
        sum(q.end - q.start for q in quotes) / len(text) if text else 0.0 for text, quotes in zip(texts, per_para)
    ]
    return rows, shares


def _assign_speaker(chain: list[_Quote], mentions: list[_Mention]) -> None:
    """Give every part of a (possibly multi-paragraph) quote the speaker stated for any part."""
    for part in reversed(chain):
        if part.via is not None:
            speaker = _resolve(part.via, part.para, mentions)
            for piece in chain:
                piece.speaker = speaker
            return


def _inherit(quote: _Quote, previous: _Quote, masked: str) -> None:
    """Continue the previous quote's speaker across '"…," he said. "…"' in one paragraph."""
    att = previous.via
    trailing = att is not None and previous.close_mark is not None and att.start > previous.close_mark
    if previous.speaker and trailing and _GAP.fullmatch(masked, att.end, quote.open_mark):
        quote.speaker = previous.speaker
