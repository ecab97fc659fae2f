"""Date shapes of FORMATS.md 6.6."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netcrm.core.io.dates import excel_serial, parse_date, to_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02 Jun 2022", date(2022, 6, 2)),
        ("29 May 2008", date(2008, 5, 29)),
        ("3-Jan-24", date(2024, 1, 3)),
        ("23-Nov-21", date(2021, 11, 23)),
        ("15-feb-21", date(2021, 2, 15)),
        ("03-ene-20", date(2020, 1, 3)),
        ("3. März 2024", date(2024, 3, 3)),
        ("1 déc. 2023", date(2023, 12, 1)),
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/24/17, 11:02 AM", date(2017, 12, 24)),
        ("3/15/1985", date(1985, 3, 15)),
        ("15/3/1985", date(1985, 3, 15)),
        ("10.9.2007", date(2007, 9, 10)),
        ("03.02.2020", date(2020, 2, 3)),
        ("2024-01-03", date(2024, 1, 3)),
        ("2026-02-01 10:00:00 UTC", date(2026, 2, 1)),
        ("2024-01-03T10:00:00+02:00", date(2024, 1, 3)),
        ("19800322", date(1980, 3, 22)),
        ("Jan 3, 2024", date(2024, 1, 3)),
        ("January 3 2024", date(2024, 1, 3)),
        ("45292", date(2024, 1, 1)),
        ("0/0/00", None),
        ("0/0/0000", None),
        ("0000-00-00", None),
        ("", None),
        ("  ", None),
        ("01-12-2023", date(2023, 12, 1)),
        ("31-12-99", None),
    ],
)
def test_shapes(text: str, expected: date | None) -> None:
    if text == "31-12-99":
        with pytest.raises(ValueError):
            parse_date(text)
        return
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["99-feb-99", "next week", "31.02.2024", "13/13/2020", "--12-25", "2024-13-01"]
)
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date(text)


def test_two_digit_year_pivot() -> None:
    assert parse_date("1-Jan-68") == date(2068, 1, 1)
    assert parse_date("1-Jan-69") == date(1969, 1, 1)


def test_cells() -> None:
    assert to_date(45292.0) == date(2024, 1, 1)
    assert to_date(datetime(2024, 1, 1, 12, 30)) == date(2024, 1, 1)
    assert excel_serial(61) == date(1900, 3, 1)
    with pytest.raises(ValueError):
        to_date(True)
    with pytest.raises(ValueError):
        excel_serial(5_000_000)
