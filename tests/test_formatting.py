"""Numbers and dates as Indonesian evaluators read them (87,50; 23 November 2026), and in English.

Display rounding is half up on the exact value: a Fraction at .xx5 rounds up, while a binary
float written 2.675 is really a hair below and rounds down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import pytest

from zi_desktop.formatting import format_date, format_number, format_percent, round_half_up
from zi_desktop.i18n import set_language


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language("id")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(175, 2), "87,50"),
        (87.5, "87,50"),
        (Decimal("1234.5"), "1.234,50"),
        (Fraction(12345678, 10), "1.234.567,80"),
        (-1234.5, "-1.234,50"),
        (Fraction(-2, 3), "-0,67"),
        (0, "0,00"),
        (100, "100,00"),
        (Fraction(1, 3), "0,33"),
        (Fraction(2, 3), "0,67"),
    ],
)
def test_indonesian_numbers(value: Fraction | Decimal | int | float, expected: str) -> None:
    assert format_number(value, lang="id") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(175, 2), "87.50"),
        (Decimal("1234.5"), "1,234.50"),
        (-1234.5, "-1,234.50"),
        (Fraction(1, 3), "0.33"),
    ],
)
def test_english_numbers(value: Fraction | Decimal | int | float, expected: str) -> None:
    assert format_number(value, lang="en") == expected


def test_decimals_can_be_chosen() -> None:
    assert format_number(Fraction(5, 2), 0, lang="id") == "3"
    assert format_number(1234567, 0, lang="id") == "1.234.567"
    assert format_number(Fraction(1, 8), 3, lang="id") == "0,125"
    assert format_number(Fraction(1, 3), 4, lang="en") == "0.3333"


def test_half_up_exactly_at_the_half() -> None:
    assert format_number(Fraction(2675, 1000), lang="id") == "2,68"
    assert format_number(Decimal("2.675"), lang="id") == "2,68"
    assert format_number(Fraction(125, 1000), lang="id") == "0,13"  # not banker's 0,12
    assert format_number(Fraction(87495, 1000), lang="id") == "87,50"
    assert format_number(Fraction(87494999, 1000000), lang="id") == "87,49"


def test_float_is_rounded_as_the_binary_value_it_is() -> None:
    assert Fraction(2.675) < Fraction(2675, 1000)  # why the float rounds down
    assert format_number(2.675, lang="id") == "2,67"
    assert format_number(1.005, lang="en") == "1.00"


def test_negative_values_round_away_from_zero_at_the_half() -> None:
    # Like the worksheet's ROUND: the magnitude is rounded half up, then the sign kept.
    assert round_half_up(Fraction(-2675, 1000)) == Decimal("-2.68")
    assert format_number(Fraction(-2675, 1000), lang="id") == "-2,68"
    assert format_number(Fraction(-2674, 1000), lang="id") == "-2,67"


def test_tiny_negative_shows_as_zero_without_a_sign() -> None:
    assert format_number(Fraction(-1, 1000), lang="id") == "0,00"


def test_round_half_up_is_exact() -> None:
    assert round_half_up(Fraction(1, 3)) == Decimal("0.33")
    assert round_half_up(Fraction(2, 3)) == Decimal("0.67")
    assert round_half_up(Fraction(299999, 100000), 1) == Decimal("3.0")
    assert str(round_half_up(Fraction(7, 2), 2)) == "3.50"


def test_format_percent_takes_a_ratio() -> None:
    assert format_percent(Fraction(7, 8), lang="id") == "87,50%"
    assert format_percent(Fraction(7, 8), lang="en") == "87.50%"
    assert format_percent(1, lang="id") == "100,00%"
    assert format_percent(Fraction(1, 3), lang="id") == "33,33%"
    assert format_percent(Fraction(2, 3), lang="id") == "66,67%"
    assert format_percent(Fraction(1, 40000), lang="id") == "0,00%"
    assert format_percent(Fraction(1, 20000), lang="id") == "0,01%"  # 0.005% rounds up


def test_format_date_indonesian_and_english() -> None:
    assert format_date(dt.date(2026, 11, 23), lang="id") == "23 November 2026"
    assert format_date(dt.date(2026, 8, 5), lang="id") == "5 Agustus 2026"
    assert format_date(dt.date(2026, 1, 1), lang="id") == "1 Januari 2026"
    assert format_date(dt.date(2026, 5, 17), lang="id") == "17 Mei 2026"
    assert format_date(dt.date(2026, 8, 5), lang="en") == "5 August 2026"
    assert format_date(dt.date(2026, 5, 17), lang="en") == "17 May 2026"


def test_every_month_has_its_name() -> None:
    indonesian = [format_date(dt.date(2026, m, 1), lang="id").split()[1] for m in range(1, 13)]
    english = [format_date(dt.date(2026, m, 1), lang="en").split()[1] for m in range(1, 13)]
    assert indonesian == [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]
    assert english == [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]


def test_current_language_is_the_default(language: None) -> None:
    set_language("id")
    assert format_number(Fraction(175, 2)) == "87,50"
    assert format_date(dt.date(2026, 12, 31)) == "31 Desember 2026"
    set_language("en")
    assert format_number(Fraction(175, 2)) == "87.50"
    assert format_percent(Fraction(7, 8)) == "87.50%"
    assert format_date(dt.date(2026, 12, 31)) == "31 December 2026"
