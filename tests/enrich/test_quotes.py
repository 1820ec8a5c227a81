"""Quoted spans, quoted share and speakers, including the seed article's Heappey quotes."""

import ast
import re
from pathlib import Path

from tasks.enrich.quotes import find_quotes

SEED = Path(__file__).resolve().parents[2] / "data" / "000_eb467b9fec6cd865.txt"


def _seed_paragraphs() -> list[str]:
    return [re.sub(r"<[^>]+>", "", p) for p in ast.literal_eval(SEED.read_text(encoding="utf-8"))]


def test_seed_heappey_attribution() -> None:
    paragraphs = _seed_paragraphs()
    rows, shares = find_quotes(paragraphs)
    assert rows[2] == [{"text": "undermined", "speaker": "Mr Heappey", "start": 54, "end": 64}]
    [quote] = rows[4]
    assert quote["speaker"] == "Mr Heappey"
    assert (quote["start"], quote["end"]) == (1, 189)
    assert paragraphs[4][quote["start"] : quote["end"]] == quote["text"]
    assert quote["text"].startswith("The Wagner Group is linked") and quote["text"].endswith("region,")
    assert shares[4] == 188 / len(paragraphs[4])
    assert rows[0] == [] and shares[0] == 0.0


def test_seed_quote_without_speaker_and_role_reference() -> None:
    rows, _ = find_quotes(_seed_paragraphs())
    assert rows[5] == [
        {"text": "the most dangerous peacekeeping mission in the world", "speaker": None, "start": 45, "end": 97}
    ]
    assert rows[22][0]["speaker"] == "Mr Heappey"  # "The minister said ..." after "Defence Minister James Heappey"


def test_multi_paragraph_quote() -> None:
    paragraphs = ['Mr Smith said: "We will win the vote.', '"Nobody can stop us now," he added.']
    rows, shares = find_quotes(paragraphs)
    assert rows == [
        [{"text": "We will win the vote.", "speaker": "Mr Smith", "start": 16, "end": 37}],
        [{"text": "Nobody can stop us now,", "speaker": "Mr Smith", "start": 1, "end": 24}],
    ]
    assert shares == [21 / 37, 23 / 35]


def test_multi_paragraph_quote_attributed_at_the_end() -> None:
    paragraphs = ["“We did everything we could.", "“It was not enough,” said Dr Amina Patel."]
    rows, _ = find_quotes(paragraphs)
    assert [q["speaker"] for row in rows for q in row] == ["Dr Amina Patel", "Dr Amina Patel"]


def test_curly_quotes_and_inverted_speaker() -> None:
    rows, _ = find_quotes(["“It is over,” said foreign ministry spokesman Majed al-Ansari."])
    assert rows == [[{"text": "It is over,", "speaker": "Majed al-Ansari", "start": 1, "end": 12}]]


def test_according_to_and_continued_quote() -> None:
    rows, _ = find_quotes(
        ['According to Dr Patel, "the virus is spreading".', '"We will fight," said Mr Jones. "We will never give up."']
    )
    assert rows[0][0]["speaker"] == "Dr Patel"
    assert [q["speaker"] for q in rows[1]] == ["Mr Jones", "Mr Jones"]


def test_unknown_or_ambiguous_speaker_is_null() -> None:
    rows, _ = find_quotes(["Mr Brown said it was fine and Mr Green said so too.", '"No," he said.'])
    assert rows[1] == [{"text": "No,", "speaker": None, "start": 1, "end": 4}]
    rows, _ = find_quotes(['The plan was called "a disaster" by critics.', '"Go." He left.'])
    assert [q["speaker"] for row in rows for q in row] == [None, None]
    rows, _ = find_quotes(["Mrs Jones said she would stay.", '"We stay," he said.'])
    assert rows[1][0]["speaker"] is None  # "he" cannot be Mrs Jones


def test_empty_paragraphs() -> None:
    assert find_quotes(["", "No quotes here."]) == ([[], []], [0.0, 0.0])
