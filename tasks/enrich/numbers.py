"""Numeric mentions (money, percentages, years, counts) with values and units."""

import re

CURRENCY_SYMBOLS = {"£": "GBP", "$": "USD", "US$": "USD", "€": "EUR", "¥": "JPY", "A$": "AUD", "C$": "CAD"}
CURRENCY_WORDS = {"pounds": "GBP", "pound": "GBP", "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR"}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
NUMBER_WORDS = {
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
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
# Words after a number that show it is not counting a noun ("4,000 of them", "2013 and").
NOT_NOUNS = frozenset(
    "of and or to in on at for with the a an was were is are be been have has had will would who "
    "which that per from by as than but after before since when while over under more less about "
    "around up down out off into this these those it its their his her our".split()
)
# Measurement units: the number is a quantity, not a count, so kind is "other" and unit is null.
MEASURES = frozenset(
    "km kilometres kilometers miles mile metres meters m cm mm ft feet inches kg kilograms grams g "
    "tonnes tons lb lbs litres liters mph kph degrees °c °f mg ml gb mb".split()
)
YEAR_CONTEXT = frozenset(
    "in since from until till by of during before after between and to year summer spring autumn "
    "winter early late mid end start january february march april may june july august september "
    "october november december".split()
)
_MULT = r"(?:k|mn|m|bn|tn|thousand|million|billion|trillion)\b"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_INITIALS = "".join(sorted({word[0] for word in NUMBER_WORDS}))
# A mention starts with a digit, a currency sign or code, or a number word: the lookahead rejects
# every other position at once, before the three costly alternatives are tried there.
_TOKEN = re.compile(
    rf"(?=[\d£$€¥UAC{_INITIALS}])(?:(?P<cur>US\$|A\$|C\$|[£$€¥])\s?(?P<cnum>{_NUM})(?:\s?(?P<cmult>{_MULT}))?"
    rf"|(?<![\w.,])(?P<num>{_NUM})(?P<pence>p\b)?(?P<decade>s\b)?"
    rf"(?:\s?(?P<pct>%|per\s?cent\b|percent\b))?(?:\s?(?P<mult>{_MULT}))?"
    rf"(?:\s(?P<curword>pounds?|dollars?|euros?)\b)?"
    rf"|\b(?P<word>{'|'.join(NUMBER_WORDS)})\b)",
    re.IGNORECASE,
)
# Every mention holds a digit, a currency sign or a number word: a cheap test (for a vectorised
# regex engine) that rules out most paragraphs before the slow one runs.
NUMBER_HINT = "(?i)[0-9£$€¥]|" + "|".join(sorted({word[:4] for word in NUMBER_WORDS}))
_TIME = re.compile(r"\d{1,2}:\d{2}\b")
_NEXT_WORDS = re.compile(r"\s+((?:[A-Za-z][\w'’\-]*\s+){0,2}?)([a-z][a-z'’\-]*)\b")
_EMBEDDED = re.compile(r"(?:[A-Za-z]|[A-Za-z]-|:)$")
_LOOKBACK = 24  # characters searched before a number for the word or code it follows
_PREV_WORD = re.compile(r"([A-Za-z]+)\W*$")


def _to_float(number: str) -> float:
    """Parse "4,000" or "15.8" into a float."""
    return float(number.replace(",", ""))


def _counted(text: str, end: int) -> tuple[str, str] | None:
    """Return (words through the counted noun, noun) after a number, e.g. ("British soldiers", "soldiers")."""
    match = _NEXT_WORDS.match(text, end)
    if not match or match.group(2) in NOT_NOUNS or any(w[0].islower() for w in match.group(1).split()):
        return None
    return match.group(0).strip(), match.group(2)


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


def _classify(text: str, m: re.Match) -> dict | None:
    """Build the mention dict for one regex match, or None for times and embedded digits."""
    if m["cur"]:
        value = _to_float(m["cnum"]) * MULTIPLIERS.get((m["cmult"] or "").lower(), 1.0)
        return {"text": m.group(0), "value": value, "kind": "money", "unit": CURRENCY_SYMBOLS[m["cur"].upper()]}
    if m["word"]:
        counted = _counted(text, m.end())
        if counted is None:
            return None
        value = float(NUMBER_WORDS[_key(m["word"])])
        return {"text": f"{m['word']} {counted[0]}", "value": value, "kind": "count", "unit": counted[1]}
    value = _to_float(m["num"])
    if _TIME.match(text, m.start()):
        return None
    value *= MULTIPLIERS.get((m["mult"] or "").lower(), 1.0)
    if m["pct"]:
        return {"text": m.group(0), "value": value, "kind": "percent", "unit": "%"}
    if m["pence"]:
        return {"text": m.group(0), "value": value / 100, "kind": "money", "unit": "GBP"}
    if m["curword"]:
        return {"text": m.group(0), "value": value, "kind": "money", "unit": CURRENCY_WORDS[_key(m["curword"])]}
    if m["decade"] or _is_year(text, m.start(), m.group(0)):
        return {"text": m.group(0), "value": value, "kind": "year", "unit": None}
    counted = _counted(text, m.end())
    if counted and counted[1].lower() not in MEASURES:
        return {"text": f"{m.group(0)} {counted[0]}", "value": value, "kind": "count", "unit": counted[1]}
    return {"text": m.group(0), "value": value, "kind": "other", "unit": None}


def find_numbers(text: str) -> list[dict]:
    """List numeric mentions so figures (money, shares, counts, years) can be searched and compared."""
    found = []
    for match in _TOKEN.finditer(text):
        if not match["cur"] and _EMBEDDED.search(text, max(0, match.start() - 2), match.start()):
            continue  # part of a code or time: "F1", "COVID-19", "17:00"
        mention = _classify(text, match)
        if mention is not None:
            found.append(mention)
    return found
