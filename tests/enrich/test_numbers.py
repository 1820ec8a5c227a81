"""Numeric mentions: money, percentages, counts, years."""

import polars as pl

from tasks.enrich.numbers import DIGIT_HINT, WORD_HINT, find_numbers


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


def _kinds(text: str) -> list[tuple[str, float, str, str | None]]:
    """(text, value, kind, unit) of each mention, for compact expectations."""
    return [(m["text"], m["value"], m["kind"], m["unit"]) for m in find_numbers(text)]


def test_spelled_out_numbers() -> None:
    assert _kinds("A hundred and two pupils, three million two hundred voters and two dozen eggs.") == [
        ("A hundred and two pupils", 102.0, "count", "pupils"),
        ("three million two hundred voters", 3_000_200.0, "count", "voters"),
        ("two dozen eggs", 24.0, "count", "eggs"),
    ]
    assert _kinds("Twenty-one vans cost a million pounds, or five per cent of it.") == [
        ("Twenty-one vans", 21.0, "count", "vans"),
        ("a million pounds", 1_000_000.0, "money", "GBP"),
        ("five per cent", 5.0, "percent", "%"),
    ]
    assert _kinds("Nine were hurt and no one died.") == []


def test_ranges_take_the_unit_of_their_second_number() -> None:
    assert _kinds("It rose 50 to 80% and cost $5-10m.") == [
        ("50", 50.0, "percent", "%"),
        ("80%", 80.0, "percent", "%"),
        ("$5", 5_000_000.0, "money", "USD"),
        ("10m", 10_000_000.0, "money", "USD"),
    ]
    assert _kinds("Between 200 and 300 people and between three and five years.") == [
        ("200", 200.0, "count", "people"),
        ("300 people", 300.0, "count", "people"),
        ("three", 3.0, "count", "years"),
        ("five years", 5.0, "count", "years"),
    ]
    assert _kinds("They won 6-4 at home.") == [("6", 6.0, "other", None), ("4", 4.0, "other", None)]


def test_multipliers() -> None:
    assert _kinds("Deals of $2.1bn, €10B, $2.17T and 5k jobs for 1.5 million people.") == [
        ("$2.1bn", 2.1e9, "money", "USD"),
        ("€10B", 1e10, "money", "EUR"),
        ("$2.17T", 2.17e12, "money", "USD"),
        ("5k jobs", 5_000.0, "count", "jobs"),
        ("1.5 million people", 1.5e6, "count", "people"),
    ]
    assert _kinds("Under Section 38B of the act.") == [("38", 38.0, "other", None)]


def test_negative_values_and_signs_in_brackets() -> None:
    assert _kinds("Growth was -0.5%, sales fell (−1.2%), a loss of -£3m, at minus 5 and 2%-4%.") == [
        ("-0.5%", -0.5, "percent", "%"),
        ("−1.2%", -1.2, "percent", "%"),
        ("-£3m", -3_000_000.0, "money", "GBP"),
        ("minus 5", -5.0, "other", None),
        ("2%", 2.0, "percent", "%"),
        ("4%", 4.0, "percent", "%"),
    ]


def test_fractions() -> None:
    assert _kinds("Two thirds of staff, three-quarters of homes, a third of MPs and 2 1/2 hours.") == [
        ("Two thirds", 2 / 3, "other", None),
        ("three-quarters", 0.75, "other", None),
        ("a third", 1 / 3, "other", None),
        ("2 1/2 hours", 2.5, "count", "hours"),
    ]
    assert _kinds("Half a million people and one in five adults; the third man at half-time.") == [
        ("Half a million people", 500_000.0, "count", "people"),
        ("one in five", 0.2, "other", None),
    ]


def test_spaced_thousands() -> None:
    assert _kinds("Some 10 000 fans and 250 000 homes.") == [
        ("10 000 fans", 10_000.0, "count", "fans"),
        ("250 000 homes", 250_000.0, "count", "homes"),
    ]


def test_clock_times_phone_numbers_ordinals_and_dates_are_left_out() -> None:
    assert _kinds("At 2 pm, 14:30, 6.30am and 9 o'clock; call 0800 555 0199 or +44 20 7946 0321.") == []
    assert _kinds("She came 3rd on 3 May 2024, and on March 15, 1,500 staff struck.") == [
        ("2024", 2024.0, "year", None),
        ("1,500 staff", 1500.0, "count", "staff"),
    ]


def test_tolerances_keep_their_own_unit() -> None:
    assert _kinds("A margin of ±3% and 12.5 ± 0.3 on the scale.") == [
        ("±3%", 3.0, "percent", "%"),
        ("12.5", 12.5, "other", None),
        ("0.3", 0.3, "other", None),
    ]


def test_percentage_points() -> None:
    assert _kinds("Turnout was 61 percent, up 3 percentage points.") == [
        ("61 percent", 61.0, "percent", "%"),
        ("3 percentage points", 3.0, "percent", "%"),
    ]


def test_pence_and_pct_words() -> None:
    assert _kinds("Stamps rose 20 pence, or 5 pct.") == [
        ("20 pence", 0.2, "money", "GBP"),
        ("5 pct", 5.0, "percent", "%"),
    ]


def test_words_that_only_look_like_numbers() -> None:
    assert _kinds("A multi-million pound plan for nine-to-five jobs cost several billion pounds.") == []
    assert _kinds("Unlike the one in 2018, from £6bn in 2023-24 to £9bn.") == [
        ("2018", 2018.0, "year", None),
        ("£6bn", 6e9, "money", "GBP"),
        ("2023", 2023.0, "year", None),
        ("24", 24.0, "other", None),
        ("£9bn", 9e9, "money", "GBP"),
    ]
    assert _kinds("Lost 6-1 in two hours to six million Tibetans.") == [
        ("6", 6.0, "other", None),
        ("1", 1.0, "other", None),
        ("two hours", 2.0, "count", "hours"),
        ("six million", 6e6, "other", None),
    ]


def test_currency_codes_hyphenated_multipliers_and_half_of() -> None:
    assert _kinds("USD 5m, GBP 300 and a $1.2-billion deal.") == [
        ("USD 5m", 5e6, "money", "USD"),
        ("GBP 300", 300.0, "money", "GBP"),
        ("$1.2-billion", 1.2e9, "money", "USD"),
    ]
    assert _kinds("Half of adults, in the first half of the year, on behalf of the club, at half-time.") == [
        ("Half", 0.5, "other", None),
    ]


def test_polars_hints_find_every_scan_that_matters() -> None:
    texts = ["Six of ſeven", "fıve", "٣ apples", "often attention", "a third of 2%", "twenty-one", "EIGHTY"]
    digits = pl.Series(texts).str.find(DIGIT_HINT).to_list()
    words = pl.Series(texts).str.find(WORD_HINT).to_list()
    assert digits == [None, None, 0, None, 11, None, None]
    assert words == [0, 0, None, None, 1, 0, 0]
    assert [find_numbers(t, d, w) for t, d, w in zip(texts, digits, words)] == [find_numbers(t) for t in texts]
    assert find_numbers("fıve people", digits_at=None) == [
        {"text": "fıve people", "value": 5.0, "kind": "count", "unit": "people"}
    ]


def test_scans_start_where_polars_first_finds_a_digit_or_a_word() -> None:
    text = "Sales fell -USD  5m, about a third of 2%."
    digits_at, words_at = pl.Series([text]).str.find(DIGIT_HINT)[0], pl.Series([text]).str.find(WORD_HINT)[0]
    assert (digits_at, words_at) == (17, 28)  # the mention starts 6 characters before its digit
    assert (
        find_numbers(text, digits_at, words_at)
        == find_numbers(text)
        == [
            {"text": "-USD  5m", "value": -5e6, "kind": "money", "unit": "USD"},
            {"text": "a third", "value": 1 / 3, "kind": "other", "unit": None},
            {"text": "2%", "value": 2.0, "kind": "percent", "unit": "%"},
        ]
    )
    café = "Café sales: -£5m"  # byte offsets are not character offsets here: the whole text is read
    assert find_numbers(café, pl.Series([café]).str.find(DIGIT_HINT)[0], None) == [
        {"text": "-£5m", "value": -5e6, "kind": "money", "unit": "GBP"}
    ]
