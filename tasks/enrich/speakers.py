"""Who a speaker is within one article: names to their fullest form, "he"/"she" and roles to a person."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple


def _forenames() -> dict[str, str]:
    """Forename -> "m", "f" or "u" (either), from the shipped list (see its header for source and licence)."""
    lines = (Path(__file__).with_name("forenames.tsv")).read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


FORENAMES = _forenames()
MALE_TITLES = frozenset("Mr Sir Lord King Prince Mister Father Brother Duke Earl Baron".split())
FEMALE_TITLES = frozenset("Mrs Ms Miss Lady Dame Queen Princess Mother Sister Duchess Countess Baroness".split())
# Honorifics and ranks written before a name: they make it a person but are not part of the name.
TITLES = (
    MALE_TITLES
    | FEMALE_TITLES
    | frozenset(
        "Dr Prof Professor Rev Reverend Judge Justice Det Detective Ch Chief Insp Inspector Supt Superintendent "
        "Sgt Sergeant Con Constable PC DC DS DI DCI DSI Cllr Councillor Sen Senator Rep Gov Governor Lt Col Gen "
        "Capt Captain Cpl Pte Maj Major Cmdr Adm Admiral Pres President Rabbi Imam Pastor Bishop Archbishop "
        "Cardinal Pope Sheikh Dame".split()
    )
)
# Job or role words written capitalised before a name ("Coroner Catherine Wood"): cut with the title,
# with the words that qualify them ("Foreign Secretary", "Acting Director") but only then, so
# "Environment Agency" keeps its first word.
NAME_ROLES = frozenset(
    "minister secretary spokesman spokeswoman spokesperson official president chancellor mayor chief "
    "director leader head source governor ambassador envoy prosecutor judge lawyer coach manager captain "
    "chairman chairwoman chair executive founder premier senator commissioner commander officer general "
    "adviser advisor economist analyst expert witness resident campaigner councillor mp msp mla coroner "
    "pathologist sheriff singer influencer priest presenter correspondent editor reporter author actor "
    "actress star host player striker veteran activist barrister solicitor attorney nurse teacher student "
    "chef artist writer boss principal headteacher vicar passenger researcher scientist professor doctor "
    "inspector superintendent constable detective sergeant neighbour neighbor friend victim survivor owner "
    "co-founder ceo cfo cto chairperson trustee partner agent consultant surgeon paramedic firefighter "
    "musician rapper comedian designer photographer producer filmmaker novelist poet historian speaker fan pm".split()
)
ROLE_ALIASES = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "sgt": "sergeant",
    "prof": "professor",
    "dr": "doctor",
    "pres": "president",
    "justice": "judge",
    "cllr": "councillor",
    "force": "police",
    "pm": "minister",
}
# Capitalised words that open a sentence or clause but are not part of a name.
NAME_STOPWORDS = frozenset(
    "But And Or So Yet However Meanwhile Speaking Asked Writing Earlier Later Then Now Also Still Last Next "
    "This That These Those The A An In On At By For From With Without After Before When While Since As If "
    "Yesterday Today Tonight Previously Separately Instead Indeed Ultimately Her His Their Its Our My Your "
    "Although Though Because Despite Whether Unless Until Once Where Why How Like Under Over Among Amid "
    "During Through Following Both Neither Either Each Every Some Many Most Several Another Other Such Only "
    "Even Just Perhaps Maybe Already Recently Finally Eventually Overall Elsewhere Nevertheless Nonetheless "
    "Moreover Furthermore Additionally Alternatively Otherwise Thus Hence Therefore Accordingly Regardless "
    "It They We I You He She There Here What Who Which Whose Whom Dear Sadly Unfortunately Luckily Thankfully "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December Mon Tue Wed Thu Fri Sat Sun".split()
)
ORG_WORDS = frozenset(
    "Office Street Department Ministry Council Police Service Services Government Party Group Company "
    "Association Union Agency Commission Committee Court Board Trust Authority News Foundation Institute "
    "University Bank Army Navy Force Forces Club League Federation Corporation Organisation Organization "
    "Network Times Post Guardian Telegraph House Kremlin Pentagon Palace Hospital School College Centre "
    "Center FC Ltd Inc Plc Airways Airlines Records Media Press Society Alliance Coalition Council Fund "
    "Church Museum Library Studios Games Festival Campaign Project Programme Program Report Review".split()
)
# Capitalised words that qualify a place or body rather than being a forename.
QUALIFIERS = frozenset(
    "North South East West Northern Southern Eastern Western Central New Great Greater United Upper Lower "
    "British English Scottish Welsh Irish American European African Asian Arab Chinese Russian French "
    "German Israeli Palestinian Ukrainian Indian Royal National International Federal State City".split()
)
PRONOUN_GENDER = {"he": "m", "she": "f", "He": "m", "She": "f"}
# A capitalised run that may be a name: titles with a full stop, initials, particles, "al-".
_TOKEN = r"(?:(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Rep|Lt|Col|Gen|Sgt|Capt|Prof|Rev|Det|Insp|Supt|Jr)\.|[A-Z]\.|(?:al-)?[A-Z][\w'’\-]*+)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|le|la|bin|ibn|dos|das|del)"
# Capitalised words in a row, where a name may be. Kept simple because it reads every paragraph a
# pronoun looks back over: a title with a full stop ("Mr. Trump") splits the run, and the fuller
# form found by `People.fullest` puts the title's gender back.
NAME_RUN = re.compile(r"[A-Z][\w'’\-]*+(?:\s+(?:al-)?[A-Z][\w'’\-]*+){0,6}")
_RUN_BEFORE = re.compile(rf"(?<![\w'’\-])(?:{_TOKEN}\s+(?:{_PARTICLE}\s+)?){{1,4}}$")
_RUN_AFTER = re.compile(rf"(?:\s+{_TOKEN}){{1,2}}")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s")
LOOK_BACK = 6  # paragraphs searched for the person a pronoun refers to
PERSON_CHECKS = 4  # mentions of a single word read to tell a surname from a place
FULLER_CHECKS = 8  # mentions of a name read for a fuller form of it (news gives it in full early)


class Name(NamedTuple):
    """A capitalised run read as a name: its words without titles, and what the titles tell.

    A named tuple, not a frozen dataclass: made and hashed as a dict key per mention, at a quarter of the cost.
    """

    words: tuple[str, ...]
    gender: str | None
    sure: bool  # the gender comes from a title (Mr, Dame), not from a forename list
    person: bool
    org: bool
    roles: frozenset[str]

    @property
    def text(self) -> str:
        """The name as the speaker column holds it: its words without titles or a possessive."""
        return " ".join(self.words)


@lru_cache(maxsize=1 << 16)
def split_name(run: str) -> Name | None:
    """Read a capitalised run ("Det Ch Insp Ollie Stride's") as a name; None if no name is left."""
    tokens = run.split()
    if tokens[-1].endswith(("'s", "’s")):
        tokens[-1] = tokens[-1][:-2]
    start, gender, titled, roles = 0, None, False, set()
    for i, token in enumerate(tokens):
        bare = token.rstrip(".")
        if i == start and (bare in NAME_STOPWORDS or "-year-old" in bare.lower()):
            start = i + 1
        elif bare in TITLES or bare.lower() in NAME_ROLES:
            start, titled = i + 1, titled or bare in TITLES
            gender = "m" if bare in MALE_TITLES else "f" if bare in FEMALE_TITLES else gender
            roles.add(ROLE_ALIASES.get(bare.lower(), bare.lower()))
    words = tuple(t for t in tokens[start:] if t)
    while words and words[-1].rstrip(".") in NAME_STOPWORDS:
        words = words[:-1]
    if not words or (len(words) == 1 and words[0] in NAME_STOPWORDS):
        return None
    org = any(w in ORG_WORDS or (len(w) > 1 and w.isupper()) for w in words)
    forename = FORENAMES.get(words[0]) if len(words) > 1 else None
    person = not org and (titled or forename is not None)
    sure = gender is not None
    if gender is None and forename in ("m", "f"):
        gender = forename
    return Name(words, gender, sure, person, org, frozenset(roles))


@dataclass(slots=True)
class Mention:
    """A name in the article: where, what it reads as, and whether it is a sentence's subject."""

    para: int
    pos: int
    name: Name
    salient: bool
    subject: bool = False  # the subject of a speech clause


class People:
    """The people of one article, read on demand from its masked paragraphs (quotes blanked)."""

    def __init__(self, masked: list[str], subjects: Callable[[int], set[int]]) -> None:
        self.masked = masked
        self.subjects = subjects  # start offsets of the named speech subjects of a paragraph
        self._mentions: dict[int, list[Mention]] = {}
        self._full: dict[Name, Name] = {}
        self._joined: str | None = None
        self._surnames: dict[str, bool] = {}

    @property
    def joined(self) -> str:
        """The whole article in one string, where other forms of a name are looked for; built on first use."""
        if self._joined is None:
            self._joined = "\n".join(self.masked)
        return self._joined

    def mentions(self, para: int) -> list[Mention]:
        """Names in one paragraph; the first person of each sentence and speech subjects are salient."""
        if para not in self._mentions:
            text, found, done = self.masked[para], [], -1
            subjects = self.subjects(para)
            for match in NAME_RUN.finditer(text):
                name = split_name(match.group())
                if name is None:
                    continue
                start = match.start()
                if name.org:  # kept for "the force" -> "the Metropolitan Police"
                    found.append(Mention(para, start, name, False))
                    continue
                subject = start in subjects
                if not (name.person or subject or self._is_person(name.words)):
                    continue  # a place or a thing
                new_sentence = done < 0 or bool(_SENTENCE_BREAK.search(text, done, start))
                done = match.end()
                found.append(Mention(para, start, name, new_sentence or subject, subject))
            self._mentions[para] = found
        return self._mentions[para]

    def _is_person(self, words: tuple[str, ...]) -> bool:
        """One word is a person's name if it is a forename or the article writes it after a title
        or a forename somewhere ("Starmer" after "Keir")."""
        if len(words) > 1:
            return False
        word = words[0]
        if word in FORENAMES:
            return True
        if word not in self._surnames:
            self._surnames[word] = any(
                before in TITLES or before in FORENAMES for before in _words_before(self.joined, word)
            )
        return self._surnames[word]

    def fullest(self, name: Name) -> Name:
        """The fullest form of this person's name in the article ("Keir Starmer" for "Sir Keir")."""
        if name not in self._full:
            self._full[name] = _merged(self._fuller(name), name)
        return self._full[name]

    def _fuller(self, name: Name) -> Name:
        words = name.words
        if len(words) > 2:
            return name
        # A fuller form of two words holds them both ("Kathleen Hawk Sawyer"); of one, it ends or
        # starts with it ("Keir Starmer" for "Starmer" or "Keir").
        joined, key = self.joined, " ".join(words)
        best, at, seen = name, joined.find(key), 0
        while at >= 0 and seen < FULLER_CHECKS:
            end = at + len(key)
            if _bounded(joined, at, end):
                seen += 1
                for form in _forms_around(joined, at, end, single=len(words) == 1):
                    best = _fuller_form(name, best, form)
            if len(best.words) > len(words) and best.words[0] in FORENAMES:
                return best  # news names a person in full once: no need to read every mention
            at = joined.find(key, end)
        return best

    def recent(self, para: int, pos: int, look_back: int = LOOK_BACK) -> Iterator[Mention]:
        """Mentions before (para, pos), latest first, within `look_back` paragraphs, read as needed."""
        yield from (m for m in reversed(self.mentions(para)) if m.pos < pos)
        for earlier in range(para - 1, max(-1, para - look_back), -1):
            yield from reversed(self.mentions(earlier))

    def pronoun(self, para: int, pos: int, pronoun: str) -> str | None:
        """The latest salient person before a "he"/"she" that fits it; None if two fit in one sentence."""
        wanted = PRONOUN_GENDER[pronoun]
        latest = next((m for m in self.recent(para, pos) if m.salient and self._fits(m, wanted)), None)
        if latest is None:
            return None
        if latest.subject:
            for rival in reversed(self.mentions(latest.para)):
                if rival.pos >= latest.pos or not rival.subject:
                    continue
                if self._sentence_between(latest.para, rival.pos, latest.pos):
                    break
                if rival.name.words != latest.name.words and self._fits(rival, wanted):
                    return None
        return self.fullest(latest.name).text

    def _fits(self, mention: Mention, gender: str) -> bool:
        return self.fullest(mention.name).gender in (gender, None)

    def role(self, para: int, pos: int, role: str) -> str | None:
        """The latest person given this role ("the coroner" after "Coroner Catherine Wood"), or the
        organisation it names ("the force" after "the Metropolitan Police"); None if there is none."""
        role = ROLE_ALIASES.get(role, role)
        for earlier in range(para, -1, -1):
            if role not in self.masked[earlier].lower():
                continue  # most paragraphs never name the role: no need to read their names
            for mention in reversed(self.mentions(earlier)):
                name = mention.name
                if (earlier, mention.pos) >= (para, pos):
                    continue
                if mention.salient and (role in name.roles or role in self._roles_around(mention)):
                    full = self.fullest(name)
                    self.note(para, pos, full)
                    return full.text
                if name.org and role.title() in name.words:
                    return name.text
        return None

    def sentence_subject(self, para: int, pos: int) -> str | None:
        """The first person named in the sentence holding `pos` ("X issued a statement, saying, "…"")."""
        subject = None
        for mention in self.mentions(para):
            if mention.pos >= pos:
                break
            if mention.salient and (subject is None or self._sentence_between(para, mention.pos, pos)):
                subject = mention
        if subject is None or self._sentence_between(para, subject.pos, pos):
            return None
        return self.fullest(subject.name).text

    def note(self, para: int, pos: int, name: Name) -> None:
        """Record a person a pronoun may refer to later ("the judge said … he added")."""
        mentions = self.mentions(para)
        mentions.append(Mention(para, pos, name, True, True))
        mentions.sort(key=lambda m: m.pos)

    def _roles_around(self, mention: Mention) -> set[str]:
        """The role word just before a name ("chief economist Jane Roe", "The judge, Mr Justice …")."""
        before = self.masked[mention.para][max(0, mention.pos - 30) : mention.pos].replace(",", " ").split()
        word = before[-1].lower() if before else ""
        return {ROLE_ALIASES.get(word, word)} & NAME_ROLES

    def _sentence_between(self, para: int, start: int, end: int) -> bool:
        return bool(_SENTENCE_BREAK.search(self.masked[para], start, end))


def _merged(name: Name, other: Name) -> Name:
    """A name with what another form of it tells: gender, person, roles."""
    if name is other:
        return name
    first, second = (other, name) if other.sure and not name.sure else (name, other)
    return Name(
        name.words,
        first.gender or second.gender,
        name.sure or other.sure,
        name.person or other.person,
        name.org and other.org,
        name.roles | other.roles,
    )


def _words_before(text: str, word: str) -> Iterator[str]:
    """The word written just before the first few whole-word occurrences of `word`."""
    at, seen = text.find(word), 0
    while at >= 0 and seen < PERSON_CHECKS:
        end = at + len(word)
        if _bounded(text, at, end):
            seen += 1
            yield _word_before(text, at).rstrip(".")
        at = text.find(word, end)


def _word_before(text: str, at: int) -> str:
    """The word that ends one space before `at`, or "" after anything else."""
    if at < 2 or text[at - 1] != " ":
        return ""
    return text[max(text.rfind(" ", 0, at - 1), text.rfind("\n", 0, at - 1)) + 1 : at - 1]


def _bounded(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole word."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "'’-" or after.isalnum() or after in "-")


def _forms_around(text: str, start: int, end: int, single: bool) -> list[str]:
    """The capitalised runs ending at a surname or, for one word, starting at a forename."""
    forms = []
    # Most names follow a lower-case word or a full stop: a cheap look at the word before first.
    before = _word_before(text, start)[:1].isupper() and _RUN_BEFORE.search(text, max(0, start - 60), start)
    if before:
        forms.append(before.group() + text[start:end])
    after = single and text[end : end + 1] == " " and text[end + 1 : end + 2].isupper() and _RUN_AFTER.match(text, end)
    if after:
        forms.append(text[start:end] + after.group())
    return forms


def _forename_like(words: tuple[str, ...]) -> bool:
    """Two words where the first may be a forename the list lacks ("Kemi Badenoch"), not a
    qualifier of a place or body ("Northern Ireland", "Scottish Labour")."""
    return len(words) == 2 and words[0] not in QUALIFIERS and not words[0].isupper()


def _same_person(short: Name, full: Name) -> bool:
    """Whether a fuller name can be the same person: shared surname, or forename for one word."""
    words = short.words
    if len(words) == 2:
        return full.words[-1] == words[-1] and full.words[0] == words[0] or full.words[-len(words) :] == words
    return full.words[-1] == words[0] or full.words[0] == words[0]


def _fuller_form(name: Name, best: Name, form: str) -> Name:
    """`best`, or the form found around a mention of `name` when it names the same person more fully."""
    other = split_name(form)
    if other is None or other.org or not _same_person(name, other):
        return best
    if not (other.person or name.person or _forename_like(other.words)):
        return best
    if name.sure and other.gender and name.gender != other.gender:
        return best
    if len(other.words) > len(best.words):
        return _merged(other, name)
    return _merged(best, other) if other.words == best.words else best
