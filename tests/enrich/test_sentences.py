"""Sentence splitting edge cases: titles, initialisms, decimals, quotes, ellipses."""

import pytest

from tasks.enrich.sentences import count_sentences, split_sentences


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


def test_count_sentences() -> None:
    assert count_sentences("") == 0
    assert count_sentences("   ") == 0
    assert count_sentences("One. Two! Three?") == 3
