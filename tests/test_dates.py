import datetime

import pytest

from timeline.dates import (
    DatePrecision,
    format_date,
    format_date_range,
    precision_errors,
)

D = datetime.date


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (D(1956, 10, 19), DatePrecision.DAY, "19 October 1956"),
        (D(1956, 10, 1), DatePrecision.MONTH, "October 1956"),
        (D(1956, 1, 1), DatePrecision.YEAR, "1956"),
        (D(1855, 2, 7), DatePrecision.DAY, "7 February 1855"),
        (None, DatePrecision.DAY, ""),
    ],
)
def test_format_date_shows_only_the_known_precision(value, precision, expected):
    assert format_date(value, precision) == expected


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        (D(1991, 4, 16), D(1991, 4, 19), DatePrecision.DAY, "16–19 April 1991"),
        (
            D(1945, 8, 28),
            D(1945, 9, 5),
            DatePrecision.DAY,
            "28 August – 5 September 1945",
        ),
        (
            D(1960, 12, 30),
            D(1961, 1, 2),
            DatePrecision.DAY,
            "30 December 1960 – 2 January 1961",
        ),
        (D(1960, 1, 1), D(1980, 1, 1), DatePrecision.YEAR, "1960 – 1980"),
        (
            D(2017, 9, 1),
            D(2017, 11, 1),
            DatePrecision.MONTH,
            "September – November 2017",
        ),
        (D(2017, 9, 1), D(2017, 9, 1), DatePrecision.MONTH, "September 2017"),
        (D(1956, 10, 19), None, DatePrecision.DAY, "19 October 1956"),
    ],
)
def test_format_date_range_does_not_repeat_what_is_shared(
    start, end, precision, expected
):
    assert format_date_range(start, end, precision) == expected


def test_precision_errors_name_the_date_to_enter():
    assert "2017-09-01" in precision_errors(D(2017, 9, 12), DatePrecision.MONTH)
    assert "1960-01-01" in precision_errors(D(1960, 5, 1), DatePrecision.YEAR)
    assert precision_errors(D(2017, 9, 1), DatePrecision.MONTH) is None
    assert precision_errors(D(2017, 9, 12), DatePrecision.DAY) is None


def test_machine_date_is_no_more_precise_than_the_date():
    from timeline.dates import machine_date

    assert machine_date(D(1956, 10, 19), DatePrecision.DAY) == "1956-10-19"
    assert machine_date(D(2017, 9, 1), DatePrecision.MONTH) == "2017-09"
    assert machine_date(D(1992, 1, 1), DatePrecision.YEAR) == "1992"
