"""Workbooks: cached values, dates, numeric phones, sheet choice, and every hostile workbook refused."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from netcrm.core.errors import FileRefusedError, ValidationError
from netcrm.core.io.readers import read_bytes

from .conftest import DATA, by_last, read
from .zips import bomb


def test_hand_kept_workbook() -> None:
    result = read("xlsx/contacts.xlsx")
    assert (result.format, result.encoding) == ("xlsx", "utf-8")
    assert result.headers[:3] == ("Name", "Company / Org", "Position")
    people = by_last(result)
    ada = people["Lovelace"]
    assert ada.row == 4  # Excel's row number, below a title row and a blank row
    assert ada.phones == ("4915551234567",)  # a number cell, recovered as text without ".0"
    assert ada.connected_on == date(2021, 3, 4)
    assert ada.tags == ("mentor", "LION")
    babbage = people["Babbage"]
    assert babbage.connected_on == date(2024, 1, 1)  # serial 45292 with a date format
    assert babbage.notes == "=not evaluated"  # a string cell, never a formula
    assert people["Hopper"].connected_on == date(2019, 3, 15)  # a text date
    assert people["Person"].position == "ANALYST"  # the formula's cached value, not its text
    assert by_last(result)[""].first_name == "=SUM(A1:A2)"  # netcrm's "'=" escape undone, still text
    assert [(w.row, w.column) for w in result.warnings] == [(4, "Phone")]


def test_sheet_choice() -> None:
    assert read("xlsx/contacts.xlsx", sheet="Recruiters").rows[0].emails == ("rita@example.com",)
    assert read("xlsx/contacts.xlsx", sheet="recruiters").rows[0].last_name == "Recruiter"
    assert read("xlsx/contacts.xlsx", sheet="3").rows[0].last_name == "Recruiter"
    with pytest.raises(
        ValidationError, match="no sheet 'Nope'; its sheets are: Lookups, Contacts, Recruiters"
    ):
        read("xlsx/contacts.xlsx", sheet="Nope")
    with pytest.raises(ValidationError, match=r"only \.xlsx"):
        read("generic/tab_separated.tsv", sheet="1")


def test_formula_without_cached_value_is_empty_not_formula_text() -> None:
    result = read("xlsx/formula_no_cache.xlsx")
    assert all("CONCATENATE" not in repr(contact) for contact in result.rows)


def test_lying_dimension_reads_normally() -> None:
    result = read("xlsx/lying_dimension.xlsx")
    assert len(result.rows) == 500 and len(result.headers) == 3


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad/far_cell.xlsx", r"spans 1,048,576 rows x 16,384 columns"),
        ("bad/truncated.xlsx", "truncated or damaged"),
        ("bad/xls_renamed.xlsx", r"Excel 97-2003 \(.xls\) workbook"),
        ("bad/password_protected.xlsx", "password-protected"),
        ("bad/xml_bomb.xlsx", "forbidden XML"),
        ("bad/xxe.xlsx", "forbidden XML"),
    ],
)
def test_hostile_workbooks_refused(name: str, message: str) -> None:
    with pytest.raises(FileRefusedError, match=message) as caught:
        read(name)
    assert str(caught.value).startswith(str(DATA / name) + ":")
    assert "\n" not in str(caught.value)


def test_text_named_xlsx_is_read_by_content_but_refused_as_forced_xlsx() -> None:
    assert read("bad/not_a_workbook.xlsx").format == "csv"
    with pytest.raises(FileRefusedError, match=r"not an .xlsx workbook \(the file is text\)"):
        read("bad/not_a_workbook.xlsx", format="xlsx")


def test_zip_bomb_workbook_refused() -> None:
    source = zipfile.ZipFile(DATA / "xlsx/lying_dimension.xlsx")
    sheet = source.read("xl/worksheets/sheet1.xml")
    bombed = bomb("xl/worksheets/sheet1.xml", 30, prefix=sheet.replace(b"</worksheet>", b""))
    out = io.BytesIO()
    inner = zipfile.ZipFile(io.BytesIO(bombed))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info.filename))
        info = inner.getinfo("xl/worksheets/sheet1.xml")
        with inner.open(info) as stream, target.open("xl/worksheets/sheet1.xml", "w") as sink:
            while chunk := stream.read(1 << 20):
                sink.write(chunk)
    with pytest.raises(FileRefusedError, match=r"'xl/worksheets/sheet1.xml' would expand"):
        read_bytes(out.getvalue(), "bomb.xlsx")


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True
    with pytest.raises(Exception, match=r"(?i)entit|forbidden|unable"):
        openpyxl.load_workbook(DATA / "bad/xml_bomb.xlsx")


def test_calamine_alone_does_not_expand_entities(tmp_path: Path) -> None:
    """Defence in depth: even without netcrm's DTD check, calamine never expands the bomb."""
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(DATA / "bad/xml_bomb.xlsx"))
        rows = book.get_sheet_by_index(0).to_python()
    except Exception:  # refusing is fine too
        return
    assert sum(len(str(cell)) for row in rows for cell in row) < 100_000


def test_long_cell_is_cut_and_its_row_kept(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Notes"])
    sheet.append(["Ada Lovelace", "fine"])
    sheet.append(["Huge Cell", "x" * 32_000])
    path = tmp_path / "big.xlsx"
    book.save(path)
    data = path.read_bytes()
    # openpyxl caps nothing, but Excel's own limit is 32,767; lift the text to 150,000 characters by hand.
    patched = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"x" * 32_000, bytes(range(97, 123)) * 5_800)
            out.writestr(info, content)
    result = read_bytes(patched.getvalue(), "big.xlsx")
    assert [c.display_name for c in result.rows] == ["Ada Lovelace", "Huge Cell"]
    assert len(result.rows[1].notes) == 100_000 and not result.skipped
    assert (result.warnings[0].row, result.warnings[0].column) == (3, "Notes")
