"""write_csv and the OWASP formula escaping that netcrm's importer undoes exactly."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcrm.core.errors import Cancelled
from netcrm.core.io.export_common import CONTACT_HEADERS
from netcrm.core.io.export_csv import (
    FORMULA_TRIGGERS,
    LINKEDIN_HEADERS,
    escape_cell,
    unescape_cell,
    write_csv,
)
from netcrm.core.model import Contact

from .conftest import HOSTILE, contact

COL = {name: i for i, name in enumerate(CONTACT_HEADERS)}


def read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("=1+1", "'=1+1"),
        ("+1 555", "'+1 555"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("＝1", "'＝1"),
        ("＋1", "'＋1"),
        ("－1", "'－1"),
        ("＠x", "'＠x"),
        ("'=x", "''=x"),
        ("''+x", "'''+x"),
        ("'plain", "'plain"),
        ("'", "'"),
        ("", ""),
        ("plain = text", "plain = text"),
        (" =x", " =x"),
    ],
)
def test_escape_cell(raw: str, escaped: str) -> None:
    assert escape_cell(raw) == escaped
    assert unescape_cell(escaped) == raw


def test_unescape_only_strips_a_quote_before_a_trigger() -> None:
    assert unescape_cell("'=x") == "=x"
    assert unescape_cell("'hello") == "'hello"
    assert unescape_cell("'") == "'"
    assert unescape_cell("don't") == "don't"


@settings(database=None)
@given(st.text())
def test_escape_round_trips_and_never_starts_a_formula(text: str) -> None:
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert escaped[:1] not in FORMULA_TRIGGERS


def test_netcrm_layout_bytes_header_and_line_ends(tmp_path: Path, people: list[Contact]) -> None:
    path = tmp_path / "out.csv"
    assert write_csv(path, people) == 3
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + ",".join(CONTACT_HEADERS).encode() + b"\r\n")
    assert data.endswith(b"\r\n")
    got = read(path)
    assert tuple(got[0]) == CONTACT_HEADERS
    second = got[2]
    assert second[COL["E-mails"]] == "zoe@example.com; zoe.work@example.org"
    assert second[COL["Tags"]] == "Open networker; recruiter"
    assert second[COL["Open networker"]] == "Yes"
    assert second[COL["Connected on"]] == "2024-03-01"
    assert second[COL["Keep in touch (days)"]] == "30"
    assert second[COL["Degree"]] == "2"
    assert second[COL["Phones"]] == ""
    assert got[1][COL["Phones"]] == "'+49 30 1234567"  # the known trade-off, undone on import
    assert got[1][COL["Notes"]] == "Met at the fair.\nFollow up in May."
    assert got[3][COL["Connected on"]] == ""


def test_hostile_text_round_trips_and_no_cell_starts_a_formula(
    tmp_path: Path, hostile_people: list[Contact]
) -> None:
    path = tmp_path / "hostile.csv"
    write_csv(path, hostile_people)
    got = read(path)[1:]
    assert len(got) == len(HOSTILE)
    for text, row in zip(HOSTILE, got, strict=True):
        for cell in row:
            assert cell[:1] not in FORMULA_TRIGGERS
        for header in (
            "First name",
            "Company",
            "Notes",
            "Tags",
            "Phones",
            "Source",
            "Location",
            "Display name",
        ):
            assert unescape_cell(row[COL[header]]) == text, (header, text)


def test_linkedin_layout(tmp_path: Path, people: list[Contact]) -> None:
    path = tmp_path / "Connections.csv"
    people = [*people, contact(9, connected_on=date(2008, 5, 29), first_name="=evil")]
    write_csv(path, people, layout="linkedin", bom=False)
    data = path.read_bytes()
    assert data.startswith(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
    got = read(path)
    assert tuple(got[0]) == LINKEDIN_HEADERS
    assert got[1] == [
        "First1",
        "Last1",
        "https://www.linkedin.com/in/person-1",
        "p1@example.com",
        "Acme, Inc.",
        "Engineer",
        "01 Mar 2024",
    ]
    assert got[2][3] == "zoe@example.com"  # LinkedIn has one e-mail column: the first
    assert got[3][3] == "" and got[3][6] == ""
    assert got[4][0] == "'=evil" and got[4][6] == "29 May 2008"


def test_cancel_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")
    with pytest.raises(Cancelled):
        write_csv(path, (contact(i) for i in range(5000)), cancel=lambda: True)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_progress_reports_every_thousand_rows(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    write_csv(
        tmp_path / "p.csv", [contact(i) for i in range(2100)], progress=lambda d, t: seen.append((d, t))
    )
    assert seen == [(0, 2100), (1000, 2100), (2000, 2100), (2100, 2100)]


def test_unknown_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="layout"):
        write_csv(tmp_path / "x.csv", [], layout="outlook")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_control_characters_survive_csv(tmp_path: Path) -> None:
    path = tmp_path / "ctl.csv"
    write_csv(path, [contact(1, notes="bell\x07 nul\x00 end")])
    with open(path, encoding="utf-8-sig", newline="") as handle:
        row = list(csv.reader(io.StringIO(handle.read())))[1]
    assert row[COL["Notes"]] == "bell\x07 nul\x00 end"
