"""Quoted spans, their kind, quoted share and speakers resolved over the article, one test per failure class."""

import ast
import re
from pathlib import Path

import polars as pl

from schemas import QUOTE_TYPE
from tasks.enrich.quotes import QUOTE_FIELDS, QUOTE_HINT, VERB_HINT, find_quotes, quoted_paragraphs

SEED = Path(__file__).resolve().parents[2] / "data" / "000_eb467b9fec6cd865.txt"


def _seed_paragraphs() -> list[str]:
    return [re.sub(r"<[^>]+>", "", p) for p in ast.literal_eval(SEED.read_text(encoding="utf-8"))]


def _speakers(paragraphs: list[str]) -> list[tuple[str | None, str, str]]:
    """(speaker, speaker_kind, kind) of every quote of an article, in order."""
    rows, _ = find_quotes(paragraphs)
    return [(q["speaker"], q["speaker_kind"], q["kind"]) for row in rows for q in row]


def test_seed_heappey_attribution() -> None:
    paragraphs = _seed_paragraphs()
    rows, shares = find_quotes(paragraphs)
    assert rows[2] == [
        {
            "text": "undermined",
            "speaker": "James Heappey",
            "start": 54,
            "end": 64,
            "speaker_kind": "name",
            "kind": "quote",
        }
    ]
    [quote] = rows[4]
    assert (quote["speaker"], quote["speaker_kind"]) == ("James Heappey", "resolved")  # "He also attacked …"
    assert (quote["start"], quote["end"]) == (1, 189)
    assert paragraphs[4][quote["start"] : quote["end"]] == quote["text"]
    assert shares[4] == 188 / len(paragraphs[4])
    assert rows[0] == [] and shares[0] == 0.0


def test_seed_role_reference_and_unattributed_quote() -> None:
    rows, _ = find_quotes(_seed_paragraphs())
    assert rows[5][0]["speaker"] is None and rows[5][0]["kind"] == "quote"
    # "The minister said …" after "Defence Minister James Heappey has said" in the first paragraph.
    assert (rows[22][0]["speaker"], rows[22][0]["speaker_kind"]) == ("James Heappey", "resolved")


def test_continuation_paragraphs_inherit_the_open_quote_speaker() -> None:
    paragraphs = ['Mr Smith said: "We will win the vote.', '"Nobody can stop us now.', '"Not even the weather."']
    rows, shares = find_quotes(paragraphs)
    assert rows[0] == [
        {
            "text": "We will win the vote.",
            "speaker": "Smith",
            "start": 16,
            "end": 37,
            "speaker_kind": "name",
            "kind": "quote",
        }
    ]
    assert _speakers(paragraphs)[1:] == [("Smith", "resolved", "quote")] * 2
    assert shares == [21 / 37, 23 / 24, 21 / 23]


def test_multi_paragraph_quote_attributed_at_the_end() -> None:
    paragraphs = ["“We did everything we could.", "“It was not enough,” said Dr Amina Patel."]
    assert _speakers(paragraphs) == [("Amina Patel", "resolved", "quote"), ("Amina Patel", "name", "quote")]


def test_pronoun_goes_to_the_latest_person_that_fits() -> None:
    paragraphs = [
        "Chief executive Tom Hale opened the meeting.",
        "Later, Sarah Lund took questions from the floor.",
        '"We are ready," she said.',
        '"So are we," he said.',
    ]
    assert _speakers(paragraphs) == [("Sarah Lund", "resolved", "quote"), ("Tom Hale", "resolved", "quote")]


def test_pronoun_gender_from_titles() -> None:
    paragraphs = ["Mrs Okafor met the new head teacher on Monday.", '"It was a good start," she said.']
    assert _speakers(paragraphs) == [("Okafor", "resolved", "quote")]
    paragraphs = ["Mrs Jones said she would stay.", '"We stay," he said.']
    assert _speakers(paragraphs) == [(None, "none", "quote")]  # "he" cannot be Mrs Jones


def test_two_speakers_in_one_sentence_leave_a_pronoun_unresolved() -> None:
    paragraphs = ["Mr Brown said it was fine and Mr Green said so too.", '"No," he said.']
    assert _speakers(paragraphs) == [(None, "none", "quote")]


def test_role_with_a_name_gives_the_name() -> None:
    assert _speakers(['"Growth will slow next year," said chief economist Jane Roe.']) == [
        ("Jane Roe", "name", "quote")
    ]
    assert _speakers(["“It is over,” said foreign ministry spokesman Majed al-Ansari."]) == [
        ("Majed al-Ansari", "name", "quote")
    ]


def test_bare_role_gives_the_role_phrase() -> None:
    assert _speakers(['"We will appeal against the ruling," the council said.']) == [("the council", "role", "quote")]
    assert _speakers(['A spokesperson for the club said: "We are aware of the incident."']) == [
        ("a spokesperson for the club", "role", "quote")
    ]


def test_one_person_has_one_speaker_string_the_fullest_name() -> None:
    paragraphs = [
        "Sir Keir Starmer visited Leeds on Friday.",
        '"We will deliver," Sir Keir said.',
        '"There are no excuses," Starmer added.',
    ]
    assert _speakers(paragraphs) == [("Keir Starmer", "name", "quote")] * 2


def test_a_role_word_does_not_leave_a_fragment_in_the_name() -> None:
    assert _speakers(['Conservative leader Kemi Badenoch said: "It is a mistake."']) == [
        ("Kemi Badenoch", "name", "quote")
    ]


def test_a_name_never_runs_across_a_sentence_end() -> None:
    paragraphs = ['Anna Berg chaired the vote in May. She said: "It went as well as we hoped."']
    assert _speakers(paragraphs) == [("Anna Berg", "resolved", "quote")]


def test_verbs_that_are_not_speech_do_not_attribute() -> None:
    assert _speakers(['Jo Park co-wrote "a short and angry letter to the editor" last year.']) == [
        (None, "none", "quote")
    ]


def test_clause_words_are_not_part_of_names() -> None:
    paragraphs = ['Although Smith said the deal was "a good one for everyone involved", others disagreed.']
    assert _speakers(paragraphs) == [("Smith", "name", "quote")]


def test_second_quote_after_an_interruption_keeps_its_speaker() -> None:
    paragraphs = ['"We will fight," Mr Jones told reporters on Monday. "We will never give up."']
    assert _speakers(paragraphs) == [("Jones", "name", "quote"), ("Jones", "resolved", "quote")]


def test_doubled_single_closing_marks_and_a_quote_opened_with_a_closing_mark() -> None:
    rows, _ = find_quotes(["“It was an attempt to mislead voters,’’ said Will Moy."])
    assert [(q["text"], q["speaker"], q["start"], q["end"]) for q in rows[0]] == [
        ("It was an attempt to mislead voters,", "Will Moy", 1, 37)
    ]
    rows, _ = find_quotes(["”We will carry on regardless,” Ana Cruz said."])
    assert [(q["text"], q["speaker"]) for q in rows[0]] == [("We will carry on regardless,", "Ana Cruz")]


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    rows, shares = find_quotes(
        [
            'The minister promised a so-called "reset" with Brussels.',
            'The deal was "sensible" and long overdue.',
            'She starred in the film "Night Train to Lisbon" in 2013.',
        ]
    )
    kinds = [(q["text"], q["kind"], q["speaker"], q["speaker_kind"]) for row in rows for q in row]
    assert kinds == [
        ("reset", "scare", None, "none"),
        ("sensible", "scare", None, "none"),
        ("Night Train to Lisbon", "title", None, "none"),
    ]
    assert shares == [0.0, 0.0, 0.0]  # quoted_share counts real quotes only


def test_according_to() -> None:
    assert _speakers(['According to Dr Patel, "the virus is spreading quickly".']) == [("Patel", "name", "quote")]


def test_empty_paragraphs() -> None:
    assert find_quotes(["", "No quotes here."]) == ([[], []], [0.0, 0.0])


def test_polars_hints_skip_only_paragraphs_without_marks_or_verbs() -> None:
    paragraphs = [
        "The council met on Monday.",
        "‘‘We will appeal,’’ its leader said.",
        "He added: “It is not over.”",
        "Officials co-wrote the plan ésaid.",
        '"Never," according to a source.',
    ]
    marked = pl.Series(paragraphs).str.contains(QUOTE_HINT).to_list()
    spoken = pl.Series(paragraphs).str.contains(VERB_HINT).to_list()
    assert marked == [False, True, True, False, True]
    assert spoken == [False, True, True, True, True]  # ASCII \b, as _LAST_VERB: "ésaid" may hold a verb
    rows, shares = find_quotes(paragraphs, marked, spoken)
    assert (rows, shares) == find_quotes(paragraphs)
    assert [(q["speaker"], q["speaker_kind"]) for row in rows for q in row] == [
        ("its leader", "role"),
        (None, "none"),
        ("a source", "role"),
    ]


def test_quoted_paragraphs_lists_only_the_paragraphs_with_a_quote() -> None:
    paragraphs = ["No quotes here.", 'He said: "Yes."', "", '"Go," said Mr Smith.']
    assert quoted_paragraphs(paragraphs) == [
        (1, (("Yes.", None, 10, 14, "none", "quote"),), 4 / 15),
        (3, (("Go,", "Smith", 1, 4, "name", "quote"),), 3 / 20),
    ]
    rows, shares = find_quotes(paragraphs)
    assert rows[3] == [dict(zip(QUOTE_FIELDS, ("Go,", "Smith", 1, 4, "name", "quote")))]
    assert (rows[0], rows[2], shares[0], shares[2]) == ([], [], 0.0, 0.0)
    assert quoted_paragraphs(paragraphs, [True, False, True, False]) == []  # paragraphs not read have none
    assert quoted_paragraphs([]) == []


def test_quote_fields_are_the_quotes_column_struct_in_order() -> None:
    assert tuple(field.name for field in QUOTE_TYPE) == QUOTE_FIELDS
