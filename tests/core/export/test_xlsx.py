"""write_xlsx: a workbook that reads back typed, formatted, linked, formula-free, and never half written."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.worksheet import _writer as openpyxl_sheet_writer

from netcrm.core.errors import BadInputError, Cancelled
from netcrm.core.io.export_common import CONTACT_HEADERS
from netcrm.core.io.export_xlsx import MAX_CELL_CHARS, MAX_LINKS_PER_SHEET, sanitize_sheet_title, write_xlsx
from netcrm.core.model import Contact, FollowUp, Interaction, Tag

from .conftest import HOSTILE, contact

TODAY = date(2025, 6, 1)
COL = {name: i for i, name in enumerate(CONTACT_HEADERS)}


def sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")}


def assert_no_formula(path: Path) -> None:
    for name, data in sheet_xml(path).items():
        assert not re.search(rb"<f[ >/]", data), f"formula element in {name}"


def rows(ws: object) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))  # type: ignore[attr-defined]


@pytest.fixture
def workbook(
    tmp_path: Path,
    people: list[Contact],
    follow_ups: list[FollowUp],
    interactions: list[Interaction],
    tags: list[Tag],
) -> Path:
    path = tmp_path / "export.xlsx"
    written = write_xlsx(
        path,
        people,
        follow_ups=follow_ups,
        interactions=interactions,
        tags=tags,
        about={"Exported": "Everything", "Filter": "tag = recruiter"},
        today=TODAY,
        title="Job fair list",
        author="Ada Lovelace",
    )
    assert written == len(people)
    return path


def test_sheets_properties_and_header(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == ["Contacts", "Follow-ups", "Interactions", "Tags", "About"]
    assert wb.properties.title == "Job fair list"
    assert wb.properties.creator == "Ada Lovelace"
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
        for cell in ws[1]:
            assert cell.font.b is True
            assert cell.fill.fill_type == "solid"
            assert cell.data_type == "s"
    ws = wb["Contacts"]
    assert tuple(c.value for c in ws[1]) == CONTACT_HEADERS
    widths = [
        ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(ws.max_column)
    ]
    assert all(len(h) <= w <= 50 for h, w in zip(CONTACT_HEADERS, widths, strict=True))


def test_contact_values_and_types(workbook: Path, people: list[Contact]) -> None:
    ws = openpyxl.load_workbook(workbook)["Contacts"]
    first, second, third = rows(ws)[1:]
    assert first[COL["Display name"]] == "First1 Last1"
    assert first[COL["E-mails"]] == "p1@example.com"
    assert first[COL["Connected on"]] == datetime(2024, 3, 1)
    assert first[COL["Notes"]] == "Met at the fair.\nFollow up in May."
    assert first[COL["Degree"]] == 1
    assert first[COL["Open networker"]] is None
    assert second[COL["E-mails"]] == "zoe@example.com; zoe.work@example.org"
    assert second[COL["Tags"]] == "Open networker; recruiter"
    assert second[COL["Open networker"]] == "Yes"
    assert second[COL["Open networker reason"]] == "LION in last name"
    assert second[COL["Keep in touch (days)"]] == 30
    assert second[COL["Degree"]] == 2
    assert third[COL["E-mails"]] is None and third[COL["Connected on"]] is None
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if cell.value is None:
                continue
            header = CONTACT_HEADERS[cell.column - 1]
            if header in ("Connected on", "Last contacted", "Next follow-up"):
                assert cell.is_date and cell.number_format == "yyyy-mm-dd"
            elif header in ("Degree", "Keep in touch (days)"):
                assert cell.data_type == "n"
            else:
                assert cell.data_type == "s", (header, cell.value)
    notes = ws.cell(row=2, column=COL["Notes"] + 1)
    assert notes.alignment.wrap_text is True


def test_emails_and_profiles_are_links(workbook: Path) -> None:
    ws = openpyxl.load_workbook(workbook)["Contacts"]
    email = ws.cell(row=3, column=COL["E-mails"] + 1)
    url = ws.cell(row=3, column=COL["LinkedIn URL"] + 1)
    assert email.hyperlink.target == "mailto:zoe@example.com"
    assert url.hyperlink.target == "https://www.linkedin.com/in/person-2"
    assert email.style == "Hyperlink"
    assert ws.cell(row=4, column=COL["E-mails"] + 1).hyperlink is None
    linked = [c.coordinate for r in ws.iter_rows() for c in r if c.hyperlink is not None]
    assert linked == ["D2", "I2", "D3", "I3"]


def test_other_sheets(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    follow = wb["Follow-ups"]
    assert rows(follow)[1] == ("First1 Last1", datetime(2025, 5, 1), "late", None, "open")
    late = [c.fill.fgColor.rgb for c in follow[2]]
    assert len(set(late)) == 1 and late[0] != "00000000"  # overdue and open: the whole row filled
    assert {c.fill.fill_type for c in follow[3]} == {None}  # due later
    assert {c.fill.fill_type for c in follow[4]} == {None}  # overdue but done
    assert follow["B2"].number_format == "yyyy-mm-dd"
    assert rows(wb["Interactions"])[1:] == [
        ("First1 Last1", datetime(2025, 2, 3), "call", "Intro call"),
        ("(contact 77)", datetime(2025, 2, 4), "email", None),
    ]
    assert rows(wb["Tags"])[1:] == [("recruiter", 2, "No"), ("Open networker", 1, "Yes")]
    about = dict(rows(wb["About"])[1:])
    assert about["Exported"] == "Everything"
    assert about["Filter"] == "tag = recruiter"
    assert about["Exported on"] == datetime(2025, 6, 1)
    assert about["Contacts"] == 3 and about["Follow-ups"] == 3 and about["Interactions"] == 2
    assert about["netcrm version"]


def test_hostile_text_is_never_a_formula_and_comes_back_identical(
    tmp_path: Path, hostile_people: list[Contact]
) -> None:
    path = tmp_path / "hostile.xlsx"
    named = contact(1, display_name='=HYPERLINK("http://x","click")', emails=("=x@example.com",))
    write_xlsx(
        path,
        [named, *hostile_people],
        about={"Filter": "=1+1"},
        tags=[Tag(id=1, name="=cmd|' /C calc'!A0")],
        sheet_per_tag=True,
        today=TODAY,
    )
    assert_no_formula(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Contacts"]
    assert ws["A2"].value == '=HYPERLINK("http://x","click")'
    assert ws["A2"].data_type == "s"
    for text, row in zip(HOSTILE, rows(ws)[2:], strict=True):
        for header in ("First name", "Company", "Notes", "Tags", "Phones", "Source", "Location"):
            assert row[COL[header]] == text, (header, text)
    assert dict(rows(wb["About"])[1:])["Filter"] == "=1+1"
    assert rows(wb["Tags"])[1][0] == "=cmd|' /C calc'!A0"


def test_characters_xml_cannot_carry_are_removed_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "controls.xlsx"
    notices: list[str] = []
    bad = contact(1, first_name="Nul\x00l", notes="bell\x07 and \ud800 lone", company="ok\x0bvt")
    write_xlsx(path, [bad], today=TODAY, on_notice=notices.append)
    row = rows(openpyxl.load_workbook(path)["Contacts"])[1]
    assert row[COL["First name"]] == "Null"
    assert row[COL["Notes"]] == "bell and  lone"
    assert row[COL["Company"]] == "okvt"
    assert notices == ["3 cells held characters Excel cannot store; they were removed"]


def test_text_beyond_excel_cell_limit_is_cut_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "long.xlsx"
    notices: list[str] = []
    write_xlsx(path, [contact(1, notes="n" * (MAX_CELL_CHARS + 10))], today=TODAY, on_notice=notices.append)
    wb = openpyxl.load_workbook(path)
    assert len(rows(wb["Contacts"])[1][COL["Notes"]]) == MAX_CELL_CHARS  # type: ignore[arg-type]
    assert any("cut to Excel's 32,767 characters" in n for n in notices)
    assert any("cut" in str(v) for k, v in rows(wb["About"]) if k == "Note")


def test_about_counts_replace_the_callers_lines_in_place(tmp_path: Path, people: list[Contact]) -> None:
    path = tmp_path / "about.xlsx"
    write_xlsx(path, people, about={"Exported": "Selection", "Contacts": "999", "By": "me"}, today=TODAY)
    about = rows(openpyxl.load_workbook(path)["About"])[1:]
    keys = [k for k, _ in about]
    assert keys[:3] == ["Exported", "Contacts", "By"]
    assert len(keys) == len(set(keys))
    assert dict(about)["Contacts"] == 3


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/x", "\\\\host\\share\\a", "x" * 3000],
)
def test_only_web_addresses_become_links(tmp_path: Path, url: str) -> None:
    path = tmp_path / "links.xlsx"
    write_xlsx(path, [contact(1, linkedin_url=url, emails=("not an email",))], today=TODAY)
    ws = openpyxl.load_workbook(path)["Contacts"]
    assert ws.cell(row=2, column=COL["LinkedIn URL"] + 1).value == url[:MAX_CELL_CHARS]
    assert [c for r in ws.iter_rows() for c in r if c.hyperlink is not None] == []


def test_link_targets_are_encoded_but_text_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "links.xlsx"
    write_xlsx(path, [contact(1, linkedin_url="www.linkedin.com/in/jürgen müller")], today=TODAY)
    cell = openpyxl.load_workbook(path)["Contacts"].cell(row=2, column=COL["LinkedIn URL"] + 1)
    assert cell.value == "www.linkedin.com/in/jürgen müller"
    assert cell.hyperlink.target == "https://www.linkedin.com/in/j%C3%BCrgen%20m%C3%BCller"


def test_sheet_per_tag(tmp_path: Path) -> None:
    path = tmp_path / "tags.xlsx"
    people = [
        contact(1, tags=("zeta", "Alpha")),
        contact(2, tags=("a" * 40,)),
        contact(3, tags=("what?[x]:y/z\\*",)),
        contact(4, tags=("History", "Contacts", "alpha", "Follow-ups")),
    ]
    write_xlsx(path, people, sheet_per_tag=True, today=TODAY)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Contacts",
        "a" * 31,
        "Alpha",
        "alpha (2)",
        "Contacts (2)",
        "Follow-ups (2)",
        "History (2)",
        "what__x__y_z__",
        "zeta",
        "Follow-ups",
        "Interactions",
        "Tags",
        "About",
    ]
    assert [r[0] for r in rows(wb["zeta"])[1:]] == ["First1 Last1"]
    assert [r[0] for r in rows(wb["Contacts (2)"])[1:]] == ["First4 Last4"]
    assert wb["zeta"].cell(row=2, column=COL["LinkedIn URL"] + 1).hyperlink is not None


def test_sanitize_sheet_title() -> None:
    taken: set[str] = set()
    assert sanitize_sheet_title("Q1: [hot] leads / EMEA?", taken) == "Q1_ _hot_ leads _ EMEA_"
    assert sanitize_sheet_title("'quoted'", taken) == "quoted"
    assert sanitize_sheet_title("", taken) == "Tag"
    assert sanitize_sheet_title("history", taken) == "history (2)"
    long = sanitize_sheet_title("x" * 40, taken)
    assert long == "x" * 31
    assert sanitize_sheet_title("X" * 40, taken) == "X" * 27 + " (2)"
    assert len(taken) == 6


def test_progress_and_streaming_input(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    def generated() -> Iterator[Contact]:
        for i in range(2500):
            yield contact(i, notes="")

    count = write_xlsx(
        tmp_path / "big.xlsx", generated(), today=TODAY, progress=lambda d, t: seen.append((d, t))
    )
    assert count == 2500
    assert seen[0] == (0, 0)
    assert [d for d, _ in seen] == [0, 1000, 2000, 2500]
    assert seen[-1] == (2500, 2500)


def test_cancel_keeps_the_old_file_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"old workbook")
    temps_before = list(openpyxl_sheet_writer.ALL_TEMP_FILES)
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    with pytest.raises(Cancelled):
        write_xlsx(path, [contact(i) for i in range(3000)], today=TODAY, cancel=cancel, sheet_per_tag=True)
    assert path.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]
    assert temps_before == openpyxl_sheet_writer.ALL_TEMP_FILES


def test_sheets_never_pass_excel_row_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netcrm.core.io import export_xlsx

    monkeypatch.setattr(export_xlsx, "MAX_DATA_ROWS", 5)
    path = tmp_path / "rows.xlsx"
    path.write_bytes(b"old")
    calls = [Interaction(id=i, contact_id=1, kind="call", occurred_on=TODAY) for i in range(8)]
    notices: list[str] = []
    write_xlsx(path, [contact(1)], interactions=calls, today=TODAY, on_notice=notices.append)
    assert len(rows(openpyxl.load_workbook(path)["Interactions"])) == 6
    assert notices[0] == "Sheet Interactions: Excel holds 5 rows a sheet; 3 more were left out"
    with pytest.raises(BadInputError, match="do not fit in one Excel sheet"):
        write_xlsx(path, [contact(i) for i in range(6)], today=TODAY)
    assert len(rows(openpyxl.load_workbook(path)["Contacts"])) == 2


def test_empty_export_is_a_valid_workbook(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(path, [], today=TODAY) == 0
    wb = openpyxl.load_workbook(path)
    assert rows(wb["Contacts"]) == [CONTACT_HEADERS]
    assert wb["Contacts"].auto_filter.ref == "A1:S1"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_workbook(tmp_path: Path, hostile_people: list[Contact]) -> None:
    path = tmp_path / "lo.xlsx"
    people = [contact(1), *hostile_people[:12]]
    write_xlsx(path, people, today=TODAY)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            str(tmp_path / "out"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    with open(tmp_path / "out" / "lo.csv", encoding="utf-8", newline="") as handle:
        got = list(csv.reader(handle))
    assert tuple(got[0]) == CONTACT_HEADERS
    assert got[1][COL["Connected on"]] == "2024-03-01"
    for text, row in zip(HOSTILE[:12], got[2:], strict=True):
        assert row[COL["Company"]] == text.replace("\r\n", "\n") or row[COL["Company"]] == text


@pytest.mark.slow
def test_links_stop_exactly_at_excel_limit_and_the_file_stays_valid(tmp_path: Path) -> None:
    path = tmp_path / "many.xlsx"
    n = 66_000  # 132,000 link candidates on one sheet
    people = (
        Contact(
            id=i,
            first_name=f"F{i}",
            display_name=f"F{i}",
            emails=(f"p{i}@example.com",),
            linkedin_url=f"https://www.linkedin.com/in/p-{i}",
        )
        for i in range(n)
    )
    notices: list[str] = []
    assert write_xlsx(path, people, today=TODAY, on_notice=notices.append, total=n) == n
    xml = sheet_xml(path)
    sheet = xml["xl/worksheets/sheet1.xml"]
    rels = xml["xl/worksheets/_rels/sheet1.xml.rels"]
    assert sheet.count(b"<hyperlink ") == MAX_LINKS_PER_SHEET
    assert rels.count(b"<Relationship ") == MAX_LINKS_PER_SHEET
    last_linked_row = MAX_LINKS_PER_SHEET // 2 + 1  # two links a row, after the header
    assert f'ref="I{last_linked_row}"'.encode() in sheet
    assert f'ref="D{last_linked_row + 1}"'.encode() not in sheet
    for data in (sheet, rels):
        etree.fromstring(data)  # well-formed
    assert_no_formula(path)
    assert notices == [
        "Sheet Contacts: only the first 65,530 e-mails and URLs are links (Excel's limit); "
        "the rest are plain text"
    ]
    wb = openpyxl.load_workbook(path, read_only=True)
    ws = wb["Contacts"]
    tail = next(ws.iter_rows(min_row=n + 1, max_row=n + 1, values_only=True))
    assert tail[0] == f"F{n - 1}" and tail[COL["E-mails"]] == f"p{n - 1}@example.com"
    wb.close()
