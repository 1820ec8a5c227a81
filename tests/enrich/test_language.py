"""Language detection: common European languages, English from the seed, nulls for short text."""

import polars as pl

from tasks.enrich.language import _enough_letters, detect_languages


def test_non_english_paragraphs() -> None:
    texts = [
        "Le gouvernement a annoncé de nouvelles mesures pour les écoles.",
        "Die Regierung hat neue Maßnahmen für die Schulen angekündigt.",
        "El gobierno ha anunciado nuevas medidas para las escuelas.",
    ]
    codes, confidences = detect_languages(pl.Series(texts))
    assert codes == ["fr", "de", "es"]
    assert confidences == [0.98, 0.98, 0.98]  # CLD2's share of the text, as a fraction


def test_english_seed_paragraph() -> None:
    text = "Since 2020 around 300 British soldiers had been in the country as part of a UN mission."
    assert detect_languages(pl.Series([text]))[0] == ["en"]


def test_short_and_non_text_get_null() -> None:
    codes, confidences = detect_languages(pl.Series(["Hello there", "", "FT: 2-1", "12:00 - 13:30 £5"]))
    assert codes == [None, None, None, None]
    assert confidences == [None, None, None, None]


def test_control_characters_do_not_break_detection() -> None:
    text = "The minister\x0b said the plan\x00 would go ahead next year."
    assert detect_languages(pl.Series([text]))[0] == ["en"]


def test_letters_are_counted_as_python_counts_them() -> None:
    # 19 ASCII letters and one more character: "é" and "²" are letters to Python's [^\W\d_], "—" and "٣" are not.
    texts = pl.Series(["a" * 19 + "é", "a" * 19 + "²", "a" * 19 + "—", "a" * 19 + "٣", "a" * 20, "a" * 19])
    assert _enough_letters(texts, texts.to_list(), 20) == [True, True, False, False, True, False]
