"""Quoted spans, their kind and share of each paragraph, and who said them, for one article."""

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

from tasks.enrich.hints import whole_words
from tasks.enrich.sentences import sentence_ends
from tasks.enrich.speakers import PRONOUN_GENDER, People, split_name

SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|explained|asked|warned|warns|stated|claimed|claims|"
    "insisted|insists|argued|argues|wrote|writes|tweeted|posted|replied|replies|responded|admitted|"
    "confirmed|declared|suggested|urged|acknowledged|commented|recalled|recalls|agreed|announced|"
    "stressed|conceded|continued|continues|noted|observed|remarked|revealed|vowed|promised|predicted|"
    "cautioned|complained|maintained|reiterated|joked|explains|notes|alleged|alleges|pledged|"
    "emphasised|emphasized|recounted|pleaded|pleads|described|describes|testified|chanted|reads|"
    "accused|condemned|welcomed|labelled|labeled|branded|dubbed|called|thinks|sings|sang"
)
# Verbs whose following noun phrase is the listener, not the speaker ("told MPs"), are excluded
# from the inverted "said Mr X" form.
INVERTED_VERBS = (
    "said|says|added|adds|wrote|writes|explained|explains|continued|continues|insisted|insists|warned|"
    "warns|argued|argues|noted|notes"
)
# Heads of a speaker's role phrase ("the council", "a spokesperson for the club").
ROLE_WORDS = (
    "minister|secretary|spokesman|spokeswoman|spokesperson|official|president|chancellor|mayor|"
    "chief|director|leader|head|source|governor|ambassador|envoy|prosecutor|prosecution|judge|lawyer|"
    "coach|manager|captain|chairman|chairwoman|chair|executive|founder|premier|senator|commissioner|"
    "commander|officer|general|adviser|advisor|economist|analyst|expert|witness|resident|campaigner|"
    "councillor|coroner|council|police|force|government|department|ministry|agency|company|firm|team|"
    "family|club|charity|union|court|report|statement|website|board|trust|neighbour|neighbor|friend|"
    "teacher|doctor|nurse|passenger|researcher|scientist|professor|organisers|organizers|MP|MSP|MS|"
    "MLA|PM|mother|father|sister|brother|wife|husband|son|daughter|prince|princess|king|queen|duke|"
    "duchess|fan|veteran|survivor|victim|owner"
)
# Plural roles that speak without an article ("Prosecutors alleged", "police said").
GROUP_WORDS = (
    "prosecutors|police|officials|authorities|critics|experts|residents|campaigners|protesters|agencies|"
    "teachers|parents|students|workers|doctors|nurses|fans|locals|villagers|neighbours|families|"
    "scientists|researchers|witnesses|voters|unions|ministers|leaders|analysts|investigators|activists"
)
DETERMINERS = "[Tt]he|[Aa]n?|[Oo]ne|[Ss]ome|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts"


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
# would otherwise retry every shorter prefix of each capitalised word. A full stop belongs to a
# word only for titles and initials, so a name never runs across a sentence end ("in May. She").
_WORD = (
    r"(?:(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Rep|Lt|Col|Gen|Sgt|Capt|Prof|Rev|Det|Insp|Supt|Jr)\.|[A-Z]\.|"
    r"(?:al-)?[A-Z][\w'’\-]*+)"
)
_NAME = rf"(?:(?:{_WORD}|(?:{_by_initial(NAME_PARTICLES)})(?=\s+[A-Z]))\s+){{0,5}}(?:al-)?[A-Z][\w'’\-]*+"
_ROLE = rf"(?:[\w'’\-]++\s+){{0,3}}?(?:{_by_initial(ROLE_WORDS)})s?(?![\w'’\-])"  # "the [deputy prime] minister"
_ROLE_PHRASE = rf"{_ROLE}(?:\s+(?:for|of|at)\s+(?:the\s+)?{_NAME})?"
_GROUP = rf"(?:[A-Z][\w'’\-]*+\s+){{0,2}}(?:{_by_initial(GROUP_WORDS)}|{_by_initial(GROUP_WORDS.title())})(?![\w'’\-])"


def _subject(g: str) -> str:
    """Regex for a speaker: pronoun, named role, role phrase or name, in groups prefixed `g`."""
    return (
        rf"(?P<{g}_pron>\b[Hh]e|\b[Ss]he)|"
        rf"(?=\b(?:{DETERMINERS})\s+{_ROLE})(?:"  # both role forms need this: looked for once, not twice
        rf"(?:\b(?:{DETERMINERS})\s+{_ROLE},\s+(?P<{g}_named>{_NAME}),)|"
        rf"(?P<{g}_role>\b(?:{DETERMINERS})\s+{_ROLE_PHRASE}))|(?P<{g}_group>\b{_GROUP})|"
        rf"(?P<{g}_name>{_NAME})"
    )


# ", the U.S. attorney for …," ", who paid £1,050 …," ", 34," ", R-Neb.," or a bare comma. The
# phrase is possessive (`{0,120}+`): the only comma it takes is one before a digit, and a clause
# that closed the phrase there would need the `\s+` after it at that digit, so giving characters
# back never helps; re would otherwise step back over all of them from each name read as a subject.
_APPOSITIVE = (
    r"(?:,\s+(?:the|a|an|who|whose|[a-z])(?:[^,.;:!?#\"]|\.(?!\s+[A-Z])|,(?=\d)){0,120}+,"
    r"|,\s+(?:[A-Z][\w.\-]{0,10}|\d{1,3}),|,\s+who(?=\s)|,)?"
)
_ADVERBS = r"(?:(?:has|had|have|also|later|then|previously|earlier|again|further|once|\w+ly)\s+){0,2}"
# Where a clause can start: a capital (a name, He, The, According), or after an ASCII \b a name
# particle or a lower-case word that opens one: "he", "she", a determiner ("a" before a space), a
# group, an inverted verb or "according", the ones among them whose first letter is an opener
# (so no position the subject alternatives could not start at is let in, and none is let in that
# the openers would not). The lookahead rejects every other position before the costly
# alternation is tried there. Its ASCII \b is cheaper and holds wherever the Unicode one does.
_OPENERS = _initials("he|she|the|a|some|his|her|their|its|according|police|" + INVERTED_VERBS)
_LOWER_WORDS = ("he", "she", r"a\s", "an", "the", "one", "some", "his", "her", "their", "its", "according")
_LOWER_OPENERS = "|".join(
    word for word in [*_LOWER_WORDS, *GROUP_WORDS.split("|"), *INVERTED_VERBS.split("|")] if word[0] in _OPENERS
)
_CLAUSE_START = rf"(?=[A-Z]|(?a:\b)(?:{_by_initial(_LOWER_OPENERS + '|' + NAME_PARTICLES + '|al-')}))"
# A speech verb is a whole word: "co-wrote" and "pre-announced" are not speech.
_VERB = rf"(?<![\w\-])(?:{_by_initial(SPEECH_VERBS)})\b"
_ATTRIBUTION = re.compile(
    rf"{_CLAUSE_START}(?:(?:{_subject('a')}){_APPOSITIVE}\s+{_ADVERBS}{_VERB}"
    rf"|(?<![\w\-])(?:{_by_initial(INVERTED_VERBS)})\s+(?:(?:the\s+|a\s+)?{_ROLE}\s+(?P<b_titled>{_NAME})|{_subject('b')})"
    rf"|\b[Aa]ccording\s+to\s+(?:{_subject('c')}|(?P<c_source>(?:[a-z][\w'’\-]*+\s+){{0,3}}[a-z][\w'’\-]*+)))"
)
_VERB_WORDS = f"{SPEECH_VERBS}|according|According"  # every clause starts or ends at one of these
# `_VERB_WORDS` as whole words, and a few more (ASCII \b is cheaper and also holds after "é"),
# spelled backwards: its first match in the reversed text is the text's last verb, after which no
# clause can start.
_LAST_VERB = re.compile(rf"\b(?:{_by_initial('|'.join(w[::-1] for w in _VERB_WORDS.split('|')))})\b", re.ASCII)
# `_VERB_WORDS` for Polars. Masking a paragraph's quotes never makes a
# verb, so a paragraph without a match of this has no speech clause.
VERB_HINT = whole_words(_VERB_WORDS)
# Quote marks: straight and curly, and where a text has them, doubled single marks (‘‘ … ’’) as one.
_QUOTE_MARKS = '"“”'
_DOUBLED = re.compile(rf"[{_QUOTE_MARKS}]|‘‘|’’")
# Where a paragraph holds no match of this (checked in Polars), `_paragraph_quotes` finds no quote.
QUOTE_HINT = _DOUBLED.pattern
_MASK = "#"
_GAP = re.compile(r"[\s,.;:!?—–\-]*")
_SO_CALLED = re.compile(r"(?:so-called|so called|dubbed|nicknamed)\s*$", re.IGNORECASE)
_TITLE_CUE = re.compile(
    r"(?:film|movie|book|novel|album|song|single|track|series|show|programme|program|documentary|podcast|"
    r"play|musical|poem|opera|titled|entitled|headlined|magazine|newsletter|hashtag|slogan)\W*$",
    re.IGNORECASE,
)
_SAYING = re.compile(r"\b(?:saying|adding|writing|warning|telling \w+)[,:]?\s*$")
_TAIL = re.compile(r"[\s,]*[a-z]")
_SPEECH = re.compile(rf"{_VERB}|\b(?:saying|adding|describing|calling|telling|writing|warning|insisting|claiming)\b")
# The fields of a quote, in the order of the quotes column's struct (schemas.QUOTE_TYPE).
QUOTE_FIELDS = ("text", "speaker", "start", "end", "speaker_kind", "kind")
QuoteRow = tuple[str, str | None, int, int, str, str]
SCARE_WORDS = 3  # a quoted phrase this short, with no speech clause in its sentence, is not a quote
TITLE_WORDS = 12  # a title-case quoted span longer than this is a quote, not a title


@dataclass(slots=True)
class _Attribution:
    """One "X said" clause: where it is, the subject as written, and its kind."""

    start: int
    end: int
    kind: str  # "pron", "role", "group", "source", or a name: "name", "named" (after a role), "titled"
    subject: str
    subject_at: int


@dataclass(slots=True)
class _Quote:
    """A quoted span in one paragraph, linked to the other parts of a multi-paragraph quote."""

    para: int
    start: int
    end: int
    open_mark: int
    close_mark: int | None
    close_end: int | None = None
    chain: list["_Quote"] = field(default_factory=list)
    speaker: str | None = None
    speaker_kind: str = "none"
    kind: str = "quote"
    via: _Attribution | None = None


# The quotes of a paragraph not read for quote marks: one list shared by all of them (never
# appended to), not a new one each.
_NO_QUOTES: list[_Quote] = []


def _clauses(masked: str) -> Iterator[re.Match]:
    """The matches of `_ATTRIBUTION.finditer(masked)`, without the costly scan after the last verb.

    A clause starts at a speech verb or "according" ("said Mr X") or ends at one ("Mr X said"),
    so none starts after the last one, found once by the cheaper `_LAST_VERB`. Matches are never
    empty, so searching on from each match's end is what finditer does.
    """
    last, pos = _last_verb(masked), 0
    while pos <= last and (match := _ATTRIBUTION.search(masked, pos)):
        yield match
        pos = match.end()


def _last_verb(masked: str) -> int:
    """Where the last speech verb or "according" starts, or -1 without one (whole words read the
    same backwards, so the first match in the reversed text is the last in the text)."""
    found = _LAST_VERB.search(masked[::-1])
    return len(masked) - found.end() if found else -1


def _attributions(masked: str) -> list[_Attribution]:
    """Find every speech clause in a paragraph whose quotes have been masked out."""
    found: list[_Attribution] = []
    for match in _clauses(masked):
        key = cast(str, match.lastgroup)  # the subject is the last named group of every branch
        subject = match.group(key)
        kind = key.split("_")[1]
        if kind == "name" and subject in PRONOUN_GENDER:
            kind = "pron"
        found.append(_Attribution(match.start(), match.end(), kind, subject, match.start(key)))
    return found


def _mark_kind(text: str, i: int, width: int) -> str:
    """Classify a quote mark as "open", "close" or "either" from the characters around it."""
    ch = text[i]
    prev = text[i - 1] if i else " "
    nxt = text[i + width] if i + width < len(text) else " "
    if ch == "“" or ch == "‘":
        return "close" if nxt.isspace() and not prev.isspace() else "open"
    if ch == "”" or ch == "’":
        return "open" if (prev.isspace() or not i) and not nxt.isspace() else "close"
    if (prev.isspace() or prev in "([{—–-/") and not nxt.isspace():
        return "open"
    if nxt.isspace() or nxt in ".,;:!?)]}—–-'’":
        return "close"
    return "either"


def _mark_starts(text: str) -> list[int]:
    """Where the straight and curly double quote marks are, in order: a str.find per mark costs a
    fifth of a regex scan of the text for the three."""
    starts = []
    for mark in _QUOTE_MARKS:
        at = text.find(mark)
        while at >= 0:
            starts.append(at)
            at = text.find(mark, at + 1)
    starts.sort()
    return starts


def _paragraph_quotes(text: str, para: int, pending: _Quote | None) -> list[_Quote]:
    """Pair quote marks in one paragraph; a pending quote from the previous one may continue."""
    quotes: list[_Quote] = []
    if "’’" in text or "‘‘" in text:
        marks = [
            (m.start(), m.end(), _mark_kind(text, m.start(), m.end() - m.start())) for m in _DOUBLED.finditer(text)
        ]
    else:
        marks = [(i, i + 1, _mark_kind(text, i, 1)) for i in _mark_starts(text)]
        if not marks:
            return quotes
    open_at: tuple[int, int] | None = None
    continues = pending is not None and marks[0][0] == len(text) - len(text.lstrip())
    for pos, end, kind in marks:
        if open_at is None and kind in ("open", "either"):
            open_at = (pos, end)
        elif open_at is not None and kind in ("close", "either"):
            quotes.append(_Quote(para, open_at[1], pos, open_at[0], pos, end))
            open_at = None
    if open_at is not None:
        quotes.append(_Quote(para, open_at[1], len(text.rstrip()), open_at[0], None))
    if continues and pending is not None and quotes and quotes[0].open_mark == marks[0][0]:
        pending.chain.append(quotes[0])
        quotes[0].chain = pending.chain
    for quote in quotes:
        if not quote.chain:
            quote.chain = [quote]
    return quotes


def _mask(text: str, quotes: list[_Quote]) -> str:
    """Blank out quoted text and marks so speech verbs inside quotes are not read as attribution."""
    parts: list[str] = []
    done = 0
    for quote in quotes:
        stop = quote.close_end if quote.close_end is not None else len(text)
        parts += text[done : quote.open_mark], _MASK * (stop - quote.open_mark)
        done = stop
    return "".join(parts) + text[done:] if parts else text


def _sentence_bounds(ends: list[int], pos: int) -> tuple[int, int]:
    """Return the start and end offsets of the sentence containing `pos` (`ends` ascending, as
    sentence_ends gives them)."""
    after = bisect_right(ends, pos)
    start = ends[after - 1] if after else 0
    end = ends[after] if after < len(ends) else ends[-1] if ends else pos
    return start, end


def _own_clauses(quotes: list[_Quote], atts: list[_Attribution], masked: str, text: str) -> None:
    """Give each quote of a paragraph the clause that states its speaker, splitting the paragraph
    into sentences only for a quote without a clause right after it."""
    ends = None
    for quote in quotes:
        quote.via = _clause_after(quote, atts, masked)
        if quote.via is None:
            ends = sentence_ends(text) if ends is None else ends
            quote.via = _clause_in_sentence(quote, atts, ends)


def _clause_after(quote: _Quote, atts: list[_Attribution], masked: str) -> _Attribution | None:
    """The clause right after the quote ('"…," he said'), which states its speaker."""
    if quote.close_end is not None:
        after = cast(re.Match[str], _GAP.match(masked, quote.close_end)).end()  # `*`: it always matches
        for att in atts:
            if att.start == after:
                return att
    return None


def _clause_in_sentence(quote: _Quote, atts: list[_Attribution], ends: list[int]) -> _Attribution | None:
    """Without a clause right after it, the quote's speaker is stated earlier or later in its sentence."""
    start, _ = _sentence_bounds(ends, quote.open_mark)
    before = [a for a in atts if start <= a.start and a.end <= quote.open_mark]
    if before:
        return before[-1]
    if quote.close_end is not None:
        _, end = _sentence_bounds(ends, quote.close_end)
        after_quote = [a for a in atts if quote.close_end <= a.start < end]
        if after_quote:
            return after_quote[0]
    return None


def _kind(quote: _Quote, text: str, masked: str) -> str:
    """Tell a real quote from a title ("The Monsters") or a scare quote (a so-called "reset")."""
    if len(quote.chain) > 1:
        return "quote"
    span = text[quote.start : quote.end].strip()
    before = text[max(0, quote.open_mark - 20) : quote.open_mark]
    # the cue words all end in "d", the only letter (?i)d matches: any other end skips the scan
    if before.rstrip()[-1:] in ("d", "D") and _SO_CALLED.search(before):
        return "scare"
    if quote.via is not None or not span:
        return "quote"
    words = span.split(None, TITLE_WORDS)  # every word when there are at most TITLE_WORDS, else one more
    title_case = (
        len(words) <= TITLE_WORDS
        and span[-1] not in ".,;:!?"
        and span[0].isupper()
        and all(w[0].isupper() for w in words if len(w) > 3)
    )
    if title_case and (_TITLE_CUE.search(before) or len(words) > SCARE_WORDS):
        return "title"
    if len(words) <= SCARE_WORDS and span[-1] not in ".!?" and not _spoken_around(quote, masked):
        return "scare"
    return "quote"


def _spoken_around(quote: _Quote, masked: str) -> bool:
    """Whether the quote's sentence has a speech verb we could not tie to a speaker ("the embassy
    said the talks were "premature"", '"True," one told me'), or the quote opens a sentence."""
    start = masked.rfind(". ", 0, quote.open_mark) + 1
    if not masked[start : quote.open_mark].strip():
        return True
    stop = quote.close_end if quote.close_end is not None else len(masked)
    return bool(_SPEECH.search(masked, start, quote.open_mark) or _SPEECH.search(masked, stop, stop + 40))


class _Clauses:
    """The speech clauses of each paragraph, found when first asked for: most paragraphs without a
    quote are never looked at, nor those `spoken` tells have no speech verb."""

    def __init__(self, masked: list[str], spoken: Sequence[bool] | None) -> None:
        self.masked = masked
        self.spoken = spoken
        self._found: dict[int, list[_Attribution]] = {}

    def __getitem__(self, para: int) -> list[_Attribution]:
        if para not in self._found:
            maybe = self.spoken is None or self.spoken[para]
            self._found[para] = _attributions(self.masked[para]) if maybe else []
        return self._found[para]

    def subjects(self, para: int) -> set[int]:
        """Where the named subjects of a paragraph's speech clauses start."""
        return {a.subject_at for a in self[para] if a.kind in ("name", "named", "titled")}


class _Speakers:
    """Resolves each attribution's subject to a speaker string and its kind, over the article."""

    def __init__(self, masked: list[str], atts: _Clauses) -> None:
        self.people = People(masked, atts.subjects)

    def resolve(self, att: _Attribution, para: int) -> tuple[str | None, str]:
        """The speaker an attribution names or refers to, and how: name, resolved, role or none."""
        if att.kind == "pron":
            speaker = self.people.pronoun(para, att.start, att.subject)
            return (speaker, "resolved") if speaker else (None, "none")
        if att.kind in ("role", "group", "source"):
            head = att.subject.split()[-1].lower().removesuffix("s") if att.kind == "role" else ""
            if att.subject[:4].lower() == "the " and head and (speaker := self.people.role(para, att.start, head)):
                return speaker, "resolved"
            return _role_text(att.subject), "role"
        name = split_name(att.subject)
        if name is None:
            return None, "none"
        return self.people.fullest(name).text, "name"


def _role_text(phrase: str) -> str:
    """A role phrase as a speaker: lower-case article ("The council" -> "the council")."""
    first, _, rest = phrase.partition(" ")
    return (
        f"{first.lower()} {rest}"
        if first in ("The", "A", "An", "One", "Some", "His", "Her", "Their", "Its")
        else phrase
    )


def find_quotes(
    paragraphs: Sequence[str | None], marked: Sequence[bool] | None = None, spoken: Sequence[bool] | None = None
) -> tuple[list[list[dict]], list[float]]:
    """Extract quotes, their kind and speakers per paragraph so quotes and sources can be queried.

    Speakers are resolved over the whole article: a name as its fullest form in the article, "he"
    or "she" as the latest person that fits, "the minister" as the person given that role, a
    paragraph that goes on quoting as the previous quote's speaker. Scare quotes and titles get
    their own kind and no speaker; `quoted_share` counts real quotes only. `marked` and `spoken`,
    when given, are False for the paragraphs without a QUOTE_HINT or VERB_HINT match (found in
    Polars), which are then not read for quote marks or speech clauses.
    """
    rows: list[list[dict]] = [[] for _ in paragraphs]
    shares = [0.0] * len(paragraphs)
    for i, found, share in quoted_paragraphs(paragraphs, marked, spoken):
        rows[i], shares[i] = [dict(zip(QUOTE_FIELDS, row)) for row in found], share
    return rows, shares


def quoted_paragraphs(
    paragraphs: Sequence[str | None], marked: Sequence[bool] | None = None, spoken: Sequence[bool] | None = None
) -> list[tuple[int, tuple[QuoteRow, ...], float]]:
    """find_quotes of the paragraphs with a quote only, (index, rows, quoted_share) of each in order,
    with each row a tuple of QUOTE_FIELDS.

    Every other paragraph has no quotes and a share of 0 (two thirds of news paragraphs): a caller
    that fills a column sparsely builds nothing for them. Rows are tuples, not dicts: the garbage
    collector stops tracking a tuple of strings and numbers at the first collection it survives, so
    the rows a batch keeps until its column is built are not traversed again and again.
    """
    texts = [p or "" for p in paragraphs]
    per_para: list[list[_Quote]] = []
    pending: _Quote | None = None
    for i, text in enumerate(texts):
        quotes = _paragraph_quotes(text, i, pending) if marked is None or marked[i] else _NO_QUOTES
        pending = quotes[-1] if quotes and quotes[-1].close_mark is None else None
        per_para.append(quotes)
    quoted = [i for i, quotes in enumerate(per_para) if quotes]
    if quoted:
        _attribute(texts, per_para, quoted, spoken)
    return [(i, tuple(_row(texts[i], q) for q in per_para[i]), _share(texts[i], per_para[i])) for i in quoted]


def _share(text: str, quotes: list[_Quote]) -> float:
    """The share of a paragraph inside its real quotes (kind "quote")."""
    return sum(q.end - q.start for q in quotes if q.kind == "quote") / len(text)


def _row(text: str, quote: _Quote) -> QuoteRow:
    return text[quote.start : quote.end], quote.speaker, quote.start, quote.end, quote.speaker_kind, quote.kind


def _attribute(
    texts: list[str], per_para: list[list[_Quote]], quoted: list[int], spoken: Sequence[bool] | None
) -> None:
    """Find speech clauses up to the last quoted paragraph and give each quote its kind and speaker.

    `quoted` lists the paragraphs with a quote, in order: only they are visited (most of an
    article's paragraphs have none), and a paragraph without one is its own masked text.
    """
    masked = [_mask(t, q) if q else t for t, q in zip(texts[: quoted[-1] + 1], per_para)]
    atts = _Clauses(masked, spoken)
    speakers = _Speakers(masked, atts)
    for i in quoted:
        quotes = per_para[i]
        if atts[i]:
            _own_clauses(quotes, atts[i], masked[i], texts[i])
        for quote in quotes:
            quote.kind = _kind(quote, texts[i], masked[i])
    for i in quoted:
        quotes = per_para[i]
        for j, quote in enumerate(quotes):
            if quote.kind != "quote":
                continue
            if quote.chain[0] is quote:
                _assign_chain(quote.chain, speakers)
            if quote.speaker is None and quote.via is None:
                _inherit(quote, quotes[:j], quotes[j + 1 :], i, atts, per_para, speakers)


def _assign_chain(chain: list[_Quote], speakers: _Speakers) -> None:
    """Give every part of a (possibly multi-paragraph) quote the speaker stated for any part."""
    for part in reversed(chain):
        if part.via is not None:
            speaker, kind = speakers.resolve(part.via, part.para)
            for piece in chain:
                piece.speaker = speaker
                piece.speaker_kind = kind if piece is part or speaker is None else _carried(kind)
            return


def _carried(kind: str) -> str:
    """The speaker kind of a quote that takes its speaker from another quote's clause."""
    return "role" if kind == "role" else "resolved"


def _inherit(
    quote: _Quote,
    before: list[_Quote],
    after: list[_Quote],
    para: int,
    atts: _Clauses,
    per_para: list[list[_Quote]],
    speakers: _Speakers,
) -> None:
    """A quote without its own clause: the paragraph's other quotes' speaker, else the latest speech
    in the two paragraphs before ('"…," he said. "…"', or a paragraph that goes on quoting)."""
    if _from_neighbours(quote, before, after) or before:
        return
    if not _decided_in_paragraph(quote, para, atts, speakers):
        _from_earlier_paragraphs(quote, para, atts, per_para, speakers)


def _from_neighbours(quote: _Quote, before: list[_Quote], after: list[_Quote]) -> bool:
    """The speaker of the nearest real quote of the same paragraph that has one; True when found."""
    for other in [*reversed(before), *after]:
        if other.kind == "quote" and other.speaker is not None:
            quote.speaker, quote.speaker_kind = other.speaker, _carried(other.speaker_kind)
            return True
    return False


def _decided_in_paragraph(quote: _Quote, para: int, atts: _Clauses, speakers: _Speakers) -> bool:
    """A '…, saying, "…"' lead-in or a speech clause before the quote gives its speaker; any other
    clause, text before the quote or a clause after it that is not speech leaves it unattributed.
    True when the paragraph decides, so earlier paragraphs are not asked."""
    masked = speakers.people.masked[para]
    if _SAYING.search(masked, max(0, quote.open_mark - 20), quote.open_mark):
        quote.speaker = speakers.people.sentence_subject(para, quote.open_mark)
        quote.speaker_kind = "resolved" if quote.speaker else "none"
        return True
    clauses = [a for a in atts[para] if a.end <= quote.open_mark]
    if clauses:
        speaker, kind = speakers.resolve(clauses[-1], para)
        quote.speaker, quote.speaker_kind = speaker, _carried(kind) if speaker else "none"
        return True
    if atts[para] or quote.open_mark > 0:
        return True
    # '"…," a sign in the window read.': a clause of its own, not one we read as speech
    return quote.close_end is not None and bool(_TAIL.match(masked, quote.close_end))


def _from_earlier_paragraphs(
    quote: _Quote, para: int, atts: _Clauses, per_para: list[list[_Quote]], speakers: _Speakers
) -> None:
    """The latest speech in the two paragraphs before: its quote's speaker, or its clause's."""
    for earlier in range(para - 1, max(-1, para - 3), -1):
        spoken = [q for q in per_para[earlier] if q.kind == "quote"]
        if spoken:
            if spoken[-1].speaker is not None:
                quote.speaker, quote.speaker_kind = spoken[-1].speaker, _carried(spoken[-1].speaker_kind)
            return
        if atts[earlier]:
            speaker, kind = speakers.resolve(atts[earlier][-1], earlier)
            if speaker is not None:
                quote.speaker, quote.speaker_kind = speaker, _carried(kind)
            return
