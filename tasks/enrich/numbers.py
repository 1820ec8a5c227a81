"""Numeric mentions (money, percentages, counts, years) with values and units.

A news quantity is a figure a reader could compare across articles: an amount of money ("$2.1bn",
"USD 5m", "a million pounds", "50p"), a percentage ("50 to 80%", "3 percentage points"), a count of
something named ("1.5 million people", "two dozen phones", "10 000 visitors") or a year ("2015",
"the 1990s"). Other figures have kind "other": scores, measurements ("5km"), shares ("two thirds",
"half of", "one in five" as 2/3, 0.5, 0.2) and numbers with no counted noun. Clock times ("2 pm",
"14:30"), phone numbers, ordinals ("3rd") and the day of a date ("3 May", "March 15") are not
quantities and are left out, as are spelled-out words with no number to scale ("several billion",
"nine-to-five jobs"). Multipliers ("bn", "-billion", "k", "million", and "B"/"T" after a decimal
or a currency) scale the value; a leading minus ("-0.5%", "(−1.2%)", "minus 5") negates it; the
first number of a rising range ("$5-10m", "between 3 and 5 per cent") takes the kind, unit and
multiplier of the second; a "±" tolerance keeps the kind of its own unit.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tasks.enrich.hints import whole_words

CURRENCY_SYMBOLS = {
    "£": "GBP",
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "A$": "AUD",
    "C$": "CAD",
    "NZ$": "NZD",
    "HK$": "HKD",
    "USD ": "USD",
    "GBP ": "GBP",
    "EUR ": "EUR",
}
CURRENCY_WORDS = {
    "pounds": "GBP",
    "pound": "GBP",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}
UNIT_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {"hundred": 100, "dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORDS = {**UNIT_WORDS, **TENS_WORDS, **SCALE_WORDS}
# Denominators of spoken fractions: "two thirds", "three-quarters", "a fifth of".
FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "eighth": 8,
    "eighths": 8,
    "tenth": 10,
    "tenths": 10,
}
# Words before "half of" that name a part ("the first half of the year"), not a share.
HALVES_NAMED = frozenset(
    "first second other latter former top bottom back front northern southern eastern western".split()
)
# Words after a number that show it is not counting a noun ("4,000 of them", "2013 and").
NOT_NOUNS = frozenset(
    "of and or to in on at for with the a an was were is are be been have has had will would who "
    "which that per from by as than but after before since when while over under more less about "
    "around up down out off into this these those it its their his her our".split()
)
# Measurement units: the number is a quantity, not a count, so kind is "other" and unit is null.
MEASURES = frozenset(
    "km kilometres kilometers miles mile metres meters m cm mm ft feet inches kg kilograms grams g "
    "tonnes tons lb lbs litres liters mph kph degrees °c °f mg ml gb mb magnitude".split()
)
YEAR_CONTEXT = frozenset(
    "in since from until till by of during before after between and to year summer spring autumn "
    "winter early late mid end start january february march april may june july august september "
    "october november december".split()
)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first so "seventeen" is tried before "seven"."""
    return "|".join(sorted(words, key=len, reverse=True))


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of `words`, factored by shared prefixes so each position tries few branches."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        """The regex of a subtree; optional where a word may end at its root."""
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]?\d)|\d+(?:\.\d+)?"
_MULT = r"(?i:[\s-]?(?:thousand|million|billion|trillion)\b|\s?(?:mn|bn|tn)\b|[km]\b)|(?<=\.\d)[BT]\b|(?<=\.\d\d)[BT]\b"
_CUR_MULT = r"[\s-]?(?:thousand|million|billion|trillion)\b|\s?(?:mn|bn|tn)\b|[kmbt]\b"
_PCT = r"%|per\s?cent\b|percentage\s+points?\b|percent\b|pct\b"
_PIECE = rf"(?:{_trie(TENS_WORDS)}(?:[-\s]{_trie(UNIT_WORDS)})?|{_trie(NUMBER_WORDS)})\b"
# "and" joins number words only after a scale: "a hundred and two", not "three and five".
_AND_AFTER_SCALE = "(?:" + "|".join(f"(?<={word})" for word in SCALE_WORDS) + r")\sand\s"
_CURRENCY = _alternatives(re.escape(symbol) for symbol in CURRENCY_SYMBOLS)
MONTH_NAMES = frozenset(MONTHS.split("|"))
# Digit mentions, tried in order at each position that can start one: spans that are not
# quantities first (so their digits are consumed), then money, mixed fractions and plain digits.
_DIGIT_TOKEN = re.compile(
    r"(?=[-−+(\d£$€¥₹UACNHGE])(?:"
    r"(?P<skip>\+\d{1,3}[\s-]?(?:\(0\)\s?)?\d{1,4}(?:[\s-]\d{2,4}){1,3}(?!\d)"  # phone numbers
    r"|0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}(?!\d)|\(?\d{3}\)?[\s-]\d{3}-\d{4}(?!\d)"
    r"|\d{1,2}(?:[:.]\d{2})?\s?(?i:[ap]\.?m)\b\.?|\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}\s?o['’]clock\b"  # times
    r"|\d+(?:st|nd|rd|th)\b"  # ordinals
    rf"|\d{{1,2}}\s(?=(?:{MONTHS})\b))"  # the day of a date: "3 May"
    rf"|(?<![\w.,])(?P<csign>[-−])?(?P<cur>{_CURRENCY})\s?(?P<cnum>{_NUM})(?P<cmult>(?i:{_CUR_MULT}))?"
    r"|(?<![\w.,/])(?P<whole>\d{1,3})\s(?P<over>[1-9])/(?P<under>[2-9]|1[0-6])(?![\d/])"
    rf"|(?<![\w.,])(?P<sign>[-−])?(?P<num>{_NUM})(?P<pence>p\b|\spence\b)?(?P<decade>s\b)?"
    rf"(?:\s?(?P<pct>(?i:{_PCT})))?(?P<mult>{_MULT})?(?:\s(?P<curword>(?i:{_alternatives(CURRENCY_WORDS)}))\b)?"
    ")"
)
# Spelled-out mentions: fraction words ("thirds") and number words ("hundred and two"), tried
# only at the start of a word whose first letter can begin one. The "a", "one" or "half a" before
# a scale word and the numerator of a fraction are read back from the text before, so the common
# words "a" and "one" are never tried.
_WORD_TOKEN = re.compile(
    rf"\b(?=[{''.join(sorted({c for w in [*NUMBER_WORDS, *FRACTION_WORDS] if w != 'one' for c in (w[0], w[0].upper())}))}ſ])(?i:"
    rf"(?P<fden>{_trie(FRACTION_WORDS)})\b"
    rf"|(?<!-)(?P<words>{_PIECE}(?:(?:[\s-]|{_AND_AFTER_SCALE}){_PIECE})*(?:\sand\sa\shalf\b)?)(?![\s-]{_trie(FRACTION_WORDS)}\b)"
    rf"(?:\s?(?P<wpct>{_PCT})|\s(?P<wcur>{_alternatives(CURRENCY_WORDS)})\b)?"
    ")"
)
_SCALE_HEAD = re.compile(r"(?:\b[Hh]alf\s)?\b(?:[Aa]n?|[Oo]ne)\s$")
_FRACTION_HEAD = re.compile(rf"\b(?i:(an?|{_alternatives(UNIT_WORDS)}))[\s-]$")
# Every mention holds a digit, a currency sign or a number word: a cheap test (for a vectorised
# regex engine) that rules out most paragraphs before the slow one runs.
NUMBER_HINT = "(?i)[0-9£$€¥₹]|" + "|".join(
    sorted({word[:4] for word in [*NUMBER_WORDS, *FRACTION_WORDS] if word != "one"})
)
# Every `_DIGIT_TOKEN` match holds a digit (Python's \d; Rust's Unicode \d holds at least those).
DIGIT_HINT = r"\d"
# The most characters a digit mention holds before its first digit: a sign, a currency, a space ("-USD  5").
_DIGIT_LEAD = 1 + max(map(len, CURRENCY_SYMBOLS)) + 1
# Letters that Python's re.IGNORECASE matches to an ASCII letter besides its two cases.
_FOLDS = {"i": "İı", "k": "\u212a", "s": "ſ"}
# Every `_WORD_TOKEN` match starts with a whole number or fraction word (not "one", which the
# lookahead never lets start one), in any case Python folds: spelled out here for Polars.
WORD_HINT = whole_words(
    "|".join(
        "".join(f"[{c}{c.upper()}{_FOLDS.get(c, '')}]" for c in word)
        for word in sorted({*NUMBER_WORDS, *FRACTION_WORDS} - {"one"})
    )
)
_NEXT_WORDS = re.compile(r"\s+((?:[A-Za-z][\w'’\-]*\s+){0,2}?)([a-z][a-z'’\-]*)\b")
_EMBEDDED = re.compile(r"(?:[A-Za-z]|[A-Za-z]-|:)$")
_LOOKBACK = 24  # characters searched before a number for the word or code it follows
_PREV_WORD = re.compile(r"([A-Za-z]+)\W*$")
_SIGN_AFTER = frozenset(" \t\n\u00a0([±")  # a minus after these is a sign, not a dash
_RANGE = re.compile(r"\s?(?:-|–|—|to)\s?|\sand\s")
_BETWEEN = re.compile(r"between\s$", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+")
_SEPARATORS = re.compile(r"[,\s]")  # between the digit groups of a number
_ONE_IN = re.compile(r"(?<![\w.,–-])(?:[Oo]ne|1)[\s-]in[\s-]$")


@dataclass(slots=True)
class _Mention:
    """One mention while a text is scanned: its span, the struct fields and what it can lend a range."""

    start: int
    end: int
    text: str
    value: float
    kind: str
    unit: str | None
    multiplier: float = 1.0
    unitless: bool = False  # no currency, percent sign or year of its own
    shown: bool = True  # False for a bare spelled number, unless a range gives it a unit

    def row(self) -> dict:
        """The struct of the numbers column."""
        return {"text": self.text, "value": self.value, "kind": self.kind, "unit": self.unit}


def _to_float(number: str) -> float:
    """Parse "4,000", "10 000" or "15.8" into a float."""
    return float(_SEPARATORS.sub("", number))


def _counted(text: str, end: int) -> tuple[str, str] | None:
    """Return (words through the counted noun, noun) after a number, e.g. ("British soldiers", "soldiers")."""
    match = _NEXT_WORDS.match(text, end)
    if not match or match.group(2) in NOT_NOUNS or any(w[0].islower() for w in match.group(1).split()):
        return None
    return match.group(0).strip(), match.group(2)


def _word_before(text: str, start: int) -> str:
    """The whitespace-separated word just before `start` (looked for in a short window)."""
    words = text[max(0, start - 12) : start].split()
    return words[-1] if words else ""


def _is_year(text: str, start: int, number: str) -> bool:
    """Decide that a bare 4-digit number in 1900-2100 is a year from the word before or after it."""
    if not (len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100):
        return False
    before = _PREV_WORD.search(text, max(0, start - _LOOKBACK), start)
    if before and before.group(1).lower() in YEAR_CONTEXT:
        return True
    return _counted(text, start + 4) is None


# Letters that re.IGNORECASE matches to ASCII ones but str.lower() keeps: long s, dotless i, Kelvin.
_ASCII_FOLD = str.maketrans({"ſ": "s", "ı": "i", "\u212a": "k"})


def _key(word: str) -> str:
    """The lower-case ASCII form a matched word is looked up by ('ſix' matches like 'six')."""
    return word.lower().translate(_ASCII_FOLD)


def _multiplier(word: str | None) -> float:
    """The factor of "bn", " million" or "-billion" after a number (1 without one)."""
    return MULTIPLIERS[_key(word).strip().lstrip("-")] if word else 1.0


def _spelled_value(words: str) -> float:
    """Value of "a hundred and two", "three million two hundred" or "half a million"."""
    total, current = 0.0, 0.0
    for token in _WORD.finditer(_key(words)):
        word = token.group(0)
        if word in UNIT_WORDS or word in TENS_WORDS:
            current += NUMBER_WORDS[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1) * SCALE_WORDS[word]
        elif word in SCALE_WORDS:
            total, current = total + (current or 1) * SCALE_WORDS[word], 0.0
        elif word == "half":  # "half a million", "three and a half"
            current += 0.5
    return total + current


def _counted_mention(text: str, start: int, end: int, value: float, multiplier: float = 1.0) -> _Mention:
    """A count when a noun follows ("300 British soldiers"), else an "other" figure (a negative never counts)."""
    counted = _counted(text, end) if value >= 0 else None
    if counted and counted[1].lower() not in MEASURES:
        words = f"{text[start:end]} {counted[0]}"
        return _Mention(start, end, words, value, "count", counted[1], multiplier, True)
    return _Mention(start, end, text[start:end], value, "other", None, multiplier, True)


def _not_a_quantity(text: str, m: re.Match) -> bool:
    """Digits that are part of a code ("F1", "COVID-19") or the day of a date ("March 15")."""
    start, number = m.start(), m["num"]
    if _EMBEDDED.search(text, max(0, start - 2), start):
        return True
    return len(number) < 3 and text[start - 1 : start] == " " and _word_before(text, start).rstrip(".") in MONTH_NAMES


def _digits(text: str, m: re.Match) -> _Mention | None:
    """A mention from digits with optional sign, pence, decade, percent, multiplier and currency word."""
    if _not_a_quantity(text, m):
        return None
    start, end, number = m.start(), m.end(), m["num"]
    signed = m["sign"] and (start == 0 or text[start - 1] in _SIGN_AFTER) or text.endswith("minus ", 0, start)
    if m["sign"] and not signed:  # the dash of a range or score: "2%-4%"
        start += len(m["sign"])
    if text.endswith("minus ", 0, start):
        start -= len("minus ")
    elif text[start - 1 : start] == "±":
        start -= 1  # a tolerance: "±3%" keeps the kind of its unit
    multiplier = _multiplier(m["mult"])
    value = _to_float(number) * multiplier * (-1 if signed else 1)
    if m["pct"]:
        return _Mention(start, end, text[start:end], value, "percent", "%", multiplier)
    if m["pence"]:
        return _Mention(start, end, text[start:end], value / 100, "money", "GBP")
    if m["curword"]:
        return _Mention(start, end, text[start:end], value, "money", CURRENCY_WORDS[_key(m["curword"])], multiplier)
    if not signed and not m["mult"] and (m["decade"] or _is_year(text, start, number)):
        return _Mention(start, end, text[start:end], value, "year", None)
    return _counted_mention(text, start, end, value, multiplier)


def _words(text: str, m: re.Match) -> _Mention | None:
    """A mention from a spelled-out number: a count, a percentage or money, never a bare word."""
    start = m.start()
    if m["words"].split(None, 1)[0].lower() in SCALE_WORDS:
        head = _SCALE_HEAD.search(text, max(0, start - 9), start)
        if not head:
            return None  # "multi-million pound", "several billion": no number to scale
        start = head.start()  # "a hundred", "one million", "half a million"
    value = _spelled_value(text[start : m.end("words")])
    if m["wpct"]:
        return _Mention(start, m.end(), text[start : m.end()], value, "percent", "%")
    if m["wcur"]:
        return _Mention(start, m.end(), text[start : m.end()], value, "money", CURRENCY_WORDS[_key(m["wcur"])])
    mention = _counted_mention(text, start, m.end(), value)
    # a bare "three" shows only as the start of a range; "six million" always shows
    mention.shown = mention.kind == "count" or value >= 1000
    return mention


def _fraction(text: str, m: re.Match) -> _Mention | None:
    """ "two thirds", "three-quarters", "a fifth of", "half of": a share, kind "other"."""
    head = _FRACTION_HEAD.search(text, max(0, m.start() - 10), m.start())
    if not head and _key(m["fden"]) == "half" and text.startswith(" of ", m.end()):
        before = _word_before(text, m.start()).lower()
        if before in HALVES_NAMED:
            return None  # "the first half of", "the other half of": a part, not a share
        return _Mention(m.start(), m.end(), m.group(0), 0.5, "other", None)
    if not head:
        return None  # "the third", "half-time": an ordinal or a word
    numerator, denominator = _key(head.group(1)), _key(m["fden"])
    plural = denominator.endswith("s")
    if plural == (numerator in ("a", "an", "one")) or not plural and not text.startswith(" of", m.end()):
        return None
    value = NUMBER_WORDS.get(numerator, 1) / FRACTION_WORDS[denominator]
    return _Mention(head.start(), m.end(), text[head.start() : m.end()], value, "other", None)


def _classify(text: str, m: re.Match) -> _Mention | None:
    """Build the mention for one regex match, or None for times, phone numbers, dates and words."""
    if m.re is _WORD_TOKEN:
        return _fraction(text, m) if m["fden"] else _words(text, m)
    if m["skip"]:
        return None
    if m["cur"]:
        multiplier = _multiplier(m["cmult"])
        value = _to_float(m["cnum"]) * multiplier * (-1 if m["csign"] else 1)
        return _Mention(m.start(), m.end(), m.group(0), value, "money", CURRENCY_SYMBOLS[m["cur"].upper()], multiplier)
    if m["whole"]:
        value = int(m["whole"]) + int(m["over"]) / int(m["under"])
        return _counted_mention(text, m.start(), m.end(), value)
    return _digits(text, m)


def _join_range(text: str, first: _Mention, second: _Mention) -> None:
    """Give the first number of a range ("50 to 80%", "$5-10m") the kind, unit and multiplier it leaves out."""
    gap = text[first.end : second.start]
    if not _RANGE.fullmatch(gap) or gap.strip() == "and" and not _BETWEEN.search(text, 0, first.start):
        return
    if abs(first.value) >= abs(second.value) or text[first.start - 1 : first.start] in ("-", "–"):
        return  # a score or a date, not a range: "won 6-4", "a 14-14 tie", "in 2023-24 to £100bn"
    if first.kind == "other" and first.unitless and second.kind in ("money", "percent", "count"):
        first.kind, first.unit, first.shown = second.kind, second.unit, True
    elif not (first.kind == "money" and second.unitless):
        return
    else:
        second.kind, second.unit, second.text = "money", first.unit, text[second.start : second.end]
    if first.multiplier == 1.0 and second.multiplier != 1.0:
        first.value *= second.multiplier


def _one_in(text: str, mention: _Mention, found: list[_Mention]) -> _Mention:
    """ "one in three (people)" is a share, 1/3 of kind "other", not a count of three."""
    ratio = _ONE_IN.search(text, max(0, mention.start - 7), mention.start)
    if not ratio:
        return mention
    if found and found[-1].start == ratio.start():
        found.pop()  # the "1" of "1 in 5"
    return _Mention(ratio.start(), mention.end, text[ratio.start() : mention.end], 1 / mention.value, "other", None)


def find_numbers(text: str, digits_at: int | None = 0, words_at: int | None = 0) -> list[dict]:
    """List numeric mentions so figures (money, shares, counts, years) can be searched and compared.

    `digits_at` and `words_at` are where the first DIGIT_HINT and WORD_HINT match of the text starts,
    as a byte offset in UTF-8 (what Polars' str.find gives), for a caller that knows it: the scan for
    digit or spelled mentions skips what lies before it (in an ASCII text, where a byte offset is a
    character offset), or is not run when it is None (the text holds no such mention).
    """
    found: list[_Mention] = []
    ascii_text = text.isascii()
    matches = [
        *(
            _DIGIT_TOKEN.finditer(text, max(0, digits_at - _DIGIT_LEAD) if ascii_text else 0)
            if digits_at is not None
            else ()
        ),
        *(_WORD_TOKEN.finditer(text, words_at if ascii_text else 0) if words_at is not None else ()),
    ]
    consumed = 0
    for match in sorted(matches, key=re.Match.start):
        if match.start() < consumed:
            continue  # "million" in "1.5 million": already read with its digits
        consumed = match.end()
        mention = _classify(text, match)
        if mention and mention.kind != "year" and mention.value and text[mention.start - 3 : mention.start - 1] == "in":
            mention = _one_in(text, mention, found)
        if mention is not None:
            if found:
                _join_range(text, found[-1], mention)
            found.append(mention)
    return [mention.row() for mention in found if mention.shown]
