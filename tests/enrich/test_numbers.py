"""Numeric mentions: money, percentages, counts, years."""

from tasks.enrich.numbers import find_numbers


def test_money() -> None:
    assert find_numbers("It cost £15.8m, then $2bn and €3 billion, and 50p.") == [
        {"text": "£15.8m", "value": 15_800_000.0, "kind": "money", "unit": "GBP"},
        {"text": "$2bn", "value": 2_000_000_000.0, "kind": "money", "unit": "USD"},
        {"text": "€3 billion", "value": 3_000_000_000.0, "kind": "money", "unit": "EUR"},
        {"text": "50p", "value": 0.5, "kind": "money", "unit": "GBP"},
    ]


def test_percentages() -> None:
    assert find_numbers("Support rose 50% and then 50 per cent, or 3.5 percent.") == [
        {"text": "50%", "value": 50.0, "kind": "percent", "unit": "%"},
        {"text": "50 per cent", "value": 50.0, "kind": "percent", "unit": "%"},
        {"text": "3.5 percent", "value": 3.5, "kind": "percent", "unit": "%"},
    ]


def test_counts_and_years_from_seed() -> None:
    assert find_numbers("Since 2020 around 300 British soldiers had been in the country.") == [
        {"text": "2020", "value": 2020.0, "kind": "year", "unit": None},
        {"text": "300 British soldiers", "value": 300.0, "kind": "count", "unit": "soldiers"},
    ]
    assert find_numbers("More than 4,000 people have been killed since 2013.") == [
        {"text": "4,000 people", "value": 4000.0, "kind": "count", "unit": "people"},
        {"text": "2013", "value": 2013.0, "kind": "year", "unit": None},
    ]


def test_number_words_and_other() -> None:
    assert find_numbers("two coups in three years") == [
        {"text": "two coups", "value": 2.0, "kind": "count", "unit": "coups"},
        {"text": "three years", "value": 3.0, "kind": "count", "unit": "years"},
    ]
    assert find_numbers("They won 26-29 at 17:00 with F1 and COVID-19 rules.") == [
        {"text": "26", "value": 26.0, "kind": "other", "unit": None},
        {"text": "29", "value": 29.0, "kind": "other", "unit": None},
    ]
    assert find_numbers("") == []


def test_letters_that_match_ascii_only_when_ignoring_case() -> None:
    # long s and dotless i match 's' and 'i' in the case-insensitive pattern; they used to crash the lookup
    assert find_numbers("ſix people and fıve cars for 3 poundſ") == [
        {"text": "ſix people", "value": 6.0, "kind": "count", "unit": "people"},
        {"text": "fıve cars", "value": 5.0, "kind": "count", "unit": "cars"},
        {"text": "3 poundſ", "value": 3.0, "kind": "money", "unit": "GBP"},
    ]
