"""The .xlsx reader's column-wise lane gives exactly what TableReader's general per-row code gives."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netcrm.core.io import xlsx
from netcrm.core.io.generic import _EMAIL_SPLIT, _PHONE_SPLIT, TableReader
from netcrm.core.io.readers import read_file
from netcrm.core.io.text import is_email
from netcrm.core.model import ParseResult

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Cells as calamine hands them over, chosen to hit every rule: escapes, lists, bad values, NFC, blanks.
CELLS = st.sampled_from(
    [
        None,
        "",
        "  ",
        "Ada",
        " Lovelace ",
        "Zoe\u0308",  # decomposed: NFC makes it one character
        "Łukasz",
        "O'Neill",
        "'=SUM(A1)",
        "'plain",
        "a@b.co",
        "A@B.CO",
        "x@y.z; second@y.z",
        "not an email",
        "+49 30 1234",
        "1.5E+10",
        "+1 555 / +1 556",
        "line\nbreak",
        "https://www.linkedin.com/in/ada",
        "www.linkedin.com/in/bob",
        "https://example.com/ada",
        "javascript:alert(1)",
        "12 Nov 2023",
        "2024-01-03",
        "0/0/00",
        "not a date",
        "mentor; LION, mentor",
        "Lovelace, Ada",
        4915551234567,
        4915551234567.0,
        30.5,
        45292,
        True,
        date(2024, 1, 1),
        datetime(2024, 1, 1, 12, 30),
        time(9, 15),
        "x" * 100_001,
    ]
)
HEADERS = (
    "First Name",
    "Last Name",
    "Name",
    "Display Name",
    "Email Address",
    "Phone",
    "Company",
    "Position",
    "Location",
    "LinkedIn",
    "URL",
    "Connected On",
    "Notes",
    "Tags",
    "Shoe size",
)


def outcome(kind: type[TableReader], header: list[str], rows: list[tuple[int, list[object]]]) -> object:
    """What reading the rows gives: the result and the row count, or the error it raises."""
    table = kind("sheet.xlsx", header, 1, {}, unescape=True)
    try:
        table.add_rows(rows)
    except Exception as exc:  # the general code's own failures must be the lane's too
        return type(exc), str(exc)
    return table.result("xlsx", "utf-8"), table.data_rows


def assert_same(header: list[str], rows: list[tuple[int, list[object]]]) -> None:
    assert outcome(xlsx._SheetTable, header, rows) == outcome(TableReader, header, rows)


@SETTINGS
@given(
    columns=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True),
    cells=st.lists(st.lists(CELLS, min_size=0, max_size=9), min_size=1, max_size=25),
)
def test_lane_matches_the_general_code(columns: list[str], cells: list[list[object]]) -> None:
    header = ["Email Address", *columns] if "Email Address" not in columns else columns
    rows = [(line, row) for line, row in enumerate(cells, 2)]
    assert_same(header, rows)


def test_several_columns_for_one_field_take_the_general_code() -> None:
    header = ["Email Address", "E-mail 2", "Phone", "Mobile", "First Name"]
    rows = [(2, ["a@b.co", "c@d.co", 123, "+1 2", "Ann"]), (3, [None, "bad", None, 4.0, " "])]
    assert_same(header, rows)
    lane = xlsx._SheetTable("sheet.xlsx", header, 1, {}, unescape=True)
    lane.add_rows(rows)
    assert lane.contacts[0].emails == ("a@b.co", "c@d.co")


@given(text=st.text(alphabet=" \t\n;/:ab1+", max_size=12))
def test_phone_precheck_is_the_split_pattern(text: str) -> None:
    # xlsx._prepare spots a phone list by these literals instead of running TableReader's pattern.
    literals = any(sep in text for sep in (";", "\n", " / ", " ::: "))
    assert literals == bool(_PHONE_SPLIT.search(text))


@given(text=st.text(alphabet="ab.@ ,;\t\n:<>", max_size=12))
def test_an_email_is_never_split(text: str) -> None:
    if is_email(text):
        assert _EMAIL_SPLIT.split(text) == [text]


def reference_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> ParseResult:
    with monkeypatch.context() as patch:
        patch.setattr(xlsx, "_SheetTable", TableReader)
        return read_file(path)


def test_workbook_read_matches_the_general_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Contacts export"])
    ws.append([])
    ws.append(["First Name", "Last Name", "URL", "Email Address", "Connected On", "Phone", "Tags", "Notes"])
    for i in range(300):
        ws.append(
            [
                f"Ann{i}" if i % 7 else " Zoe\u0308 ",
                "O'Neill" if i % 5 else None,
                f"https://www.linkedin.com/in/ann-{i}" if i % 3 else "https://example.com",
                f"ann{i}@example.org" if i % 4 else ("bad address" if i % 8 else None),
                date(2020, 1, 1) if i % 6 else ("12 Nov 2023" if i % 12 else "soon"),
                4915551234567 + i if i % 2 else f"+49 {i}",
                "mentor; LION" if i % 9 == 0 else None,
                "'=escaped" if i == 17 else None,
            ]
        )
    ws.append([None] * 8)
    ws.append([None, None, None, None, date(2021, 1, 1)])
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    result = read_file(path)
    assert result == reference_read(path, monkeypatch)
    assert result.rows[0].row == 4 and len(result.rows) == 300
    assert [w.column for w in result.warnings].count("Phone") == 1


def test_rows_numbered_as_excel_when_the_sheet_starts_lower(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C3"], ws["D3"] = "Name", "Email"
    ws["C4"] = "Ada Lovelace"
    ws["D6"] = "bob@example.org"
    path = tmp_path / "offset.xlsx"
    wb.save(path)
    result = read_file(path)
    assert [(c.row, c.display_name or c.emails[0]) for c in result.rows] == [
        (4, "Ada Lovelace"),
        (6, "bob@example.org"),
    ]
