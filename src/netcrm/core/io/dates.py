"""Every date shape the import files use (FORMATS.md 6.6), so one parser serves all readers.

Shapes: ``02 Jun 2022`` (LinkedIn); ``3-Jan-24`` / ``23-Nov-21`` (Excel re-saves, also with Spanish,
German, French, Italian and Portuguese month abbreviations); ``1/8/18, 6:14 PM`` (LinkedIn 2018, US order);
``3/15/1985`` (Outlook; day-first when the first number is above 12); ``10.9.2007`` (German/Danish); ISO
``2024-01-03`` (with or without a time); ``19800322`` (vCard); ``Jan 3, 2024``; Excel serial numbers.
``0/0/00`` and friends mean "no date".
Two-digit years follow Python's ``%y`` pivot: 69-99 are 1969-1999, 00-68 are 2000-2068.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "jan january ene enero janv janvier januar gen genn gennaio jän jänner",
        "feb february febr febrero févr fevr février fevrier februar fev fevereiro febbraio",
        "mar march marzo mars märz mär mrz maart março marco",
        "apr april abr abril avr avril aprile",
        "may mayo mai mei maggio mag maio",
        "jun june junio juin juni giu giugno junho",
        "jul july julio juil juillet juli lug luglio julho",
        "aug august ago agosto août aout augustus",
        "sep sept september septiembre septembre set setembre settembre setembro",
        "oct october oct octubre octobre okt oktober ott ottobre out outubro",
        "nov november noviembre novembre novembro",
        "dec december dic diciembre déc dec décembre decembre dez dezember dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

#: Day 0 of Excel's 1900 date system (serial 1 = 1900-01-01, counting Excel's phantom 1900-02-29).
_EXCEL_EPOCH = date(1899, 12, 30)
#: Serials from 1900-03-01 to 9999-12-31.
_EXCEL_MIN, _EXCEL_MAX = 61, 2_958_465

_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]*(?:Z| ?UTC|[+-]\d{2}:?\d{2})?)?")
_BASIC_RE = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T[\d]{4,6}Z?)?")
_DAY_MON_YEAR_RE = re.compile(r"(\d{1,2})[ \-./]+([^\W\d_]+)\.?[ \-./,]+(\d{4}|\d{2})")
_MON_DAY_YEAR_RE = re.compile(r"([^\W\d_]+)\.? (\d{1,2}),? (\d{4})")
_SLASH_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,? +\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?)?")
_DOT_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\.?(?: +\d{1,2}:\d{2}(?::\d{2})?)?")
_DASH_RE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_SERIAL_RE = re.compile(r"\d{5}(?:\.\d+)?")
_EMPTY_RE = re.compile(r"0{1,2}[/.\-]0{1,2}[/.\-]0{2,4}|0000-00-00(?:[T ].*)?")


def parse_date(text: str) -> date | None:
    """The date in `text`, None for an empty value or ``0/0/00``; ValueError if it is not a date."""
    return _parse(text.strip())


@lru_cache(maxsize=8192)
def _parse(value: str) -> date | None:
    # Cached: a 100k-row export repeats a few thousand distinct dates.
    if not value or _EMPTY_RE.fullmatch(value):
        return None
    try:
        return _shape(value)
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"not a date: {value[:40]!r}")


def _shape(value: str) -> date:
    match = _DAY_MON_YEAR_RE.fullmatch(value)
    if match:
        return date(_year(match[3]), _month(match[2]), int(match[1]))
    match = _ISO_RE.fullmatch(value)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    match = _SLASH_RE.fullmatch(value)
    if match:
        first, second = int(match[1]), int(match[2])
        if first > 12:  # 15/3/1985 can only be day-first
            first, second = second, first
        return date(_year(match[3]), first, second)
    match = _DOT_RE.fullmatch(value)
    if match:
        return date(_year(match[3]), int(match[2]), int(match[1]))
    match = _DASH_RE.fullmatch(value)
    if match:
        day, month = int(match[1]), int(match[2])
        if month > 12:
            day, month = month, day
        return date(int(match[3]), month, day)
    match = _MON_DAY_YEAR_RE.fullmatch(value)
    if match:
        return date(int(match[3]), _month(match[1]), int(match[2]))
    match = _BASIC_RE.fullmatch(value)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    if _SERIAL_RE.fullmatch(value):
        return excel_serial(float(value))
    raise ValueError(value)


def slash_numbers(text: str) -> tuple[int, int] | None:
    """The first two numbers of a ``3/4/2024`` date (day and month in some order), None for other shapes."""
    match = _SLASH_RE.fullmatch(text.strip())
    return (int(match[1]), int(match[2])) if match else None


def parse_day_first(text: str) -> date | None:
    """`parse_date`, but ``03/04/2024`` is the 3rd of April (a column whose other dates are day-first)."""
    match = _SLASH_RE.fullmatch(text.strip())
    if match is None:
        return parse_date(text)
    day, month = int(match[1]), int(match[2])
    if month > 12:  # 3/15/2024 can only be month-first
        day, month = month, day
    try:
        return date(_year(match[3]), month, day)
    except ValueError:
        raise ValueError(f"not a date: {text.strip()[:40]!r}") from None


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 1900 if year >= 69 else 2000
    return year


def _month(name: str) -> int:
    month = _MONTHS.get(name.casefold().rstrip("."))
    if month is None:
        raise ValueError(name)
    return month


def excel_serial(serial: float) -> date:
    """The date of an Excel (1900 system) serial number; ValueError outside 1900-03-01 .. 9999-12-31."""
    if not _EXCEL_MIN <= serial <= _EXCEL_MAX:
        raise ValueError(f"not an Excel date serial: {serial}")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def to_date(value: object) -> date | None:
    """A date from a spreadsheet cell: a real date, a serial number, or text in one of the shapes above."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value}")
    if isinstance(value, int | float):
        return excel_serial(float(value))
    if isinstance(value, str):
        return parse_date(value)
    raise ValueError(f"not a date: {value!r}")
