"""Sentence splitting edge cases: titles, initialisms, decimals, quotes, ellipses."""

import polars as pl
import pytest

from tasks.enrich.sentences import count_sentences, count_sentences_column, sentence_ends, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr Smith met Dr. Jones. They talked.", ["Mr Smith met Dr. Jones.", "They talked."]),
        ("The U.S. economy grew 3.5% in 2023. Prices rose.", ["The U.S. economy grew 3.5% in 2023.", "Prices rose."]),
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        ('"Go." He left.', ['"Go."', "He left."]),
        ('"Why?" she asked. Nobody knew.', ['"Why?" she asked.', "Nobody knew."]),
        ("Wait... What happened? I don't know…  Really.", ["Wait...", "What happened?", "I don't know…", "Really."]),
        ("He paused... and then left.", ["He paused... and then left."]),
        (
            "It was No. 10 that called. The answer is no. We left.",
            ["It was No. 10 that called.", "The answer is no.", "We left."],
        ),
        ("14. Charles Leclerc (Ferrari)", ["14. Charles Leclerc (Ferrari)"]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a listed abbreviation ends a sentence only before a sentence opener
        ("The order went to Marsh & Co. It ships soon.", ["The order went to Marsh & Co.", "It ships soon."]),
        ("They met Marsh & Co. at noon.", ["They met Marsh & Co. at noon."]),
        ("Ask Ana and co. They know.", ["Ask Ana and co.", "They know."]),
        # an initialism before a capitalised word
        ("We moved to the U.S. How odd.", ["We moved to the U.S.", "How odd."]),
        ("The U.S. Navy sailed.", ["The U.S. Navy sailed."]),
        ("You and I. Did it work?", ["You and I.", "Did it work?"]),
        ("Ask Carl I. Berg today.", ["Ask Carl I. Berg today."]),
        ("It was on Rue P. Martin.", ["It was on Rue P. Martin."]),
        # URLs, e-mail addresses and numbers with dots
        ("See www.a-b.org/x.html. It helps.", ["See www.a-b.org/x.html.", "It helps."]),
        ("Mail jo.lee@mail.com. She replies.", ["Mail jo.lee@mail.com.", "She replies."]),
        ("It hit 30.5C. Fans fainted.", ["It hit 30.5C.", "Fans fainted."]),
        ("Go to N°. 12.4.7. It is there.", ["Go to N°. 12.4.7.", "It is there."]),
        # spaced, four-dot and bracketed ellipses
        ("He is . . . I think, tired.", ["He is . . . I think, tired."]),
        ("He is . . . . I think so.", ["He is . . . .", "I think so."]),
        ("It ended. . . . We left.", ["It ended. . . .", "We left."]),
        ('"Rates [...] fell [...]" (Bank 2).', ['"Rates [...] fell [...]" (Bank 2).']),
        ('"We lost. [...] We go on."', ['"We lost. [...]', 'We go on."']),
        # list markers
        ("1.) Pay 2.) Hours", ["1.) Pay", "2.) Hours"]),
        ("1) Pay. 2) Hours.", ["1) Pay.", "2) Hours."]),
        ("1. Pay 2. Hours", ["1. Pay", "2. Hours"]),
        ("a. Pay b. Hours c. Leave", ["a. Pay", "b. Hours", "c. Leave"]),
        ("• 9. Pay • 10. Hours", ["• 9. Pay", "• 10. Hours"]),
        ("He came 3. The rest fell.", ["He came 3.", "The rest fell."]),
        # quotes and brackets after the full stop
        ("He said 'Fine.' she left.", ["He said 'Fine.' she left."]),
        ('He said "Fine." She left.', ['He said "Fine."', "She left."]),
        ("Rents rose (They had doubled.) in May.", ["Rents rose (They had doubled.) in May."]),
        # titles and times
        ("Mr. Smith and Dr. Ruiz spoke.", ["Mr. Smith and Dr. Ruiz spoke."]),
        (
            "At 5 a.m. Mr. Lee left. He was back at 6 p.m. Mr. Lee slept.",
            ["At 5 a.m. Mr. Lee left.", "He was back at 6 p.m.", "Mr. Lee slept."],
        ),
        ("Calls start at 9 a.m. ET on Monday.", ["Calls start at 9 a.m. ET on Monday."]),
        ("She works at Yahoo! in Leeds.", ["She works at Yahoo! in Leeds."]),
    ],
)
def test_failure_classes(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_sentence_ends_are_offsets_of_each_end() -> None:
    text = "One & Co. It is. 2) Two"
    assert sentence_ends(text) == [9, 16, 23]
    assert sentence_ends("") == []


def test_column_matches_count_for_list_items_without_a_full_stop() -> None:
    texts = pl.Series(["1) Pay 2) Hours", "One sentence", "", "Two. Here."])
    assert count_sentences_column(texts).to_list() == [2, 1, 0, 2]


def test_count_sentences() -> None:
    assert count_sentences("") == 0
    assert count_sentences("   ") == 0
    assert count_sentences("One. Two! Three?") == 3


def test_column_counts_blank_texts_as_python_does() -> None:
    texts = pl.Series(["\x1c\x1f", "\u3000 ", "Word", " One. Two. "])
    assert count_sentences_column(texts).to_list() == [count_sentences(t) for t in texts] == [0, 0, 1, 2]
