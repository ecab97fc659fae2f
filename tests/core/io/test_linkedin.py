"""LinkedIn Connections.csv in every variant of FORMATS.md section 1."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.readers import read_bytes

from .conftest import DATA, by_last, read

CURRENT = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_current_export_keeps_linkedin_preamble_bytes() -> None:
    raw = (DATA / "linkedin/connections_2024.csv").read_bytes()
    preamble = b"".join(raw.splitlines(keepends=True)[:3])
    assert hashlib.md5(preamble).hexdigest() == "07e2f82475041ef4f36f2c68777e285a"
    assert preamble == (DATA / "samples/linkedin/connections_preamble_exact.bin").read_bytes()
    assert not raw.endswith(b"\n")


def test_current_export() -> None:
    result = read("linkedin/connections_2024.csv")
    assert (result.format, result.encoding) == ("linkedin", "utf-8")
    assert result.headers == tuple(CURRENT.split(","))
    assert result.hidden_members == 2
    assert not result.skipped and not result.warnings
    people = by_last(result)
    ingrid = people["Solberg-Nakamura"]
    assert ingrid.row == 5  # line 5: after the 3-line preamble and the header
    assert ingrid.company == "Northwind Analytics, Inc."
    assert ingrid.linkedin_url == "https://www.linkedin.com/in/ingrid-solberg-nakamura-4b7e21a9"
    assert ingrid.connected_on == date(2024, 11, 18)
    assert ingrid.emails == ()
    assert people["Okafor, MBA"].first_name == 'Samuel "Sam"'
    assert people["Okafor, MBA"].emails == ("sam.okafor@example.com",)
    priya = people["Raman (she/her)"]
    assert (priya.first_name, priya.company, priya.display_name) == (
        "Priya",
        "Fabrikam",
        "Priya Raman (she/her)",
    )
    assert people["Weiß"].linkedin_url.endswith("j%C3%BCrgen-wei%C3%9F-0a1b2c3d")
    assert people["Delacroix [LION] 🇫🇷"].first_name == "𝐀𝐧𝐧𝐚"  # kept as given (NFC, not NFKC)
    assert people["Hargreave, CFP®, AAMS™"].company == "-Dash Partners"
    assert people["张"].position == "产品经理"


def test_formula_like_cells_stay_text() -> None:
    hostile = by_last(read("linkedin/connections_2024.csv"))["Injector"]
    assert hostile.company == '=HYPERLINK("http://x/?a","x")'
    assert hostile.position == "+cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("name", "rows", "has_url"),
    [
        ("linkedin/connections_2021_no_url.csv", 5, False),
        ("linkedin/connections_2020_no_preamble.csv", 3, False),
        ("linkedin/connections_excel_crlf.csv", 4, True),
        ("linkedin/connections_excel_padded.csv", 4, True),
        ("linkedin/connections_excel_bom.csv", 4, True),
        ("linkedin/connections_excel_bom_no_preamble.csv", 4, True),
    ],
)
def test_layouts_and_excel_resaves(name: str, rows: int, has_url: bool) -> None:
    result = read(name)
    assert result.format == "linkedin"
    assert len(result.rows) == rows
    assert result.headers[0] == "First Name"  # no BOM left on the first header
    assert all(bool(contact.linkedin_url) == has_url for contact in result.rows)
    assert all(contact.connected_on is not None for contact in result.rows)


def test_excel_dates_and_bom() -> None:
    result = read("linkedin/connections_excel_bom.csv")
    assert result.encoding == "utf-8-sig"
    dates = [contact.connected_on for contact in result.rows]
    assert dates == [date(2021, 11, 23), date(2024, 1, 3), date(2019, 8, 15), date(2020, 2, 1)]


def test_2018_export_dates_and_member_urn() -> None:
    result = read("linkedin/connections_2018.csv")
    people = by_last(result)
    assert people["Brennan"].connected_on == date(2018, 1, 8)
    assert people["Iyer"].connected_on == date(2017, 12, 24)
    assert people["Member"].emails == ()
    assert [(w.row, w.column) for w in result.warnings] == [(4, "Email Address")]
    assert "urn:li:member" in result.warnings[0].reason


def test_danish_semicolon_cp1252() -> None:
    result = read("linkedin/connections_semicolon_cp1252.csv")
    assert (result.format, result.encoding) == ("linkedin", "cp1252")
    people = by_last(result)
    assert people["Kierkegård"].connected_on == date(2020, 2, 3)
    assert people["Bjørnstad"].company == "Mærsk, Logistik"
    assert people["O’Brien"].company == "Café Œuvre"
    assert people["O’Brien"].position == "Chef € budget"


def test_spanish_month_abbreviations() -> None:
    dates = [c.connected_on for c in read("linkedin/connections_semicolon_spanish_months.csv").rows]
    assert dates == [date(2021, 2, 15), date(2020, 1, 3), date(2019, 12, 28)]


def test_rows_wrapped_in_quotes_without_header() -> None:
    result = read("linkedin/connections_wrapped_rows_no_header.csv")
    assert result.format == "linkedin"
    assert [c.last_name for c in result.rows] == ["Rossi", "Fischer", "Silva", "Tanaka"]
    assert by_last(result)["Fischer"].position == "Head of Sales, DACH"
    assert by_last(result)["Tanaka"].company == "Umbrella, Corp."
    assert "assumed LinkedIn's column order" in result.warnings[0].reason
    assert sum("wrapped" in w.reason for w in result.warnings) == 2


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("linkedin/linkedin_connections_export_microsoft_outlook.csv", "cp1252"),
        ("linkedin/linkedin_connections_export_macroman.csv", "mac_roman"),
    ],
)
def test_pre_2015_outlook_style_export(name: str, encoding: str) -> None:
    result = read(name)
    assert (result.format, result.encoding) == ("linkedin", encoding)
    assert len(result.headers) == 59
    first = result.rows[0]
    assert first.emails and first.company and first.position
    if encoding == "cp1252":
        assert first.position == "Directrice partout où il faut"
        assert result.rows[1].position == "“Chief” Œnologist – €"
    else:
        assert (first.first_name, first.last_name) == ("Raúl", "Gestión")


@pytest.mark.parametrize(
    ("name", "wanted"),
    [
        ("linkedin/Invitations.csv", "Invitations.csv"),
        ("linkedin/messages.csv", "messages.csv"),
        ("linkedin/Contacts.csv", "Contacts.csv"),
        ("linkedin/Profile.csv", "Profile.csv"),
    ],
)
@pytest.mark.parametrize("fmt", [None, "linkedin"])
def test_other_linkedin_files_are_refused_by_name(name: str, wanted: str, fmt: str | None) -> None:
    with pytest.raises(FileRefusedError) as caught:
        read(name, format=fmt)
    message = str(caught.value)
    assert wanted in message and "Connections.csv" in message
    assert "\n" not in message


def test_header_only_and_preamble_only() -> None:
    with pytest.raises(FileRefusedError, match="no data rows") as caught:
        read("linkedin/preamble_and_header_only.csv")
    assert caught.value.row == 4
    with pytest.raises(FileRefusedError, match="no LinkedIn Connections header"):
        read("samples/linkedin/connections_preamble_exact.bin")


def test_company_only_row_is_skipped_and_listed() -> None:
    text = CURRENT + "\n,,,,Acme,Engineer,01 Jan 2024\nAda,Lovelace,,,,,01 Jan 2024\n"
    result = read_bytes(text.encode(), "c.csv")
    assert [(issue.row, "no name" in issue.reason) for issue in result.skipped] == [(2, True)]
    assert len(result.rows) == 1 and result.hidden_members == 0


def test_bad_url_and_date_are_warnings_not_skips() -> None:
    text = CURRENT + "\nAda,Lovelace,javascript:alert(1)//linkedin.com/in/x,,,,99-feb-99\n"
    result = read_bytes(text.encode(), "c.csv")
    assert len(result.rows) == 1
    ada = result.rows[0]
    assert (ada.linkedin_url, ada.connected_on) == ("", None)
    assert {w.column for w in result.warnings} == {"URL", "Connected On"}


def test_netcrm_escaped_formulas_are_unescaped() -> None:
    text = CURRENT + "\n'=Ada,'+Lovelace,,,'@Acme,'-lead,01 Jan 2024\n"
    ada = read_bytes(text.encode(), "c.csv").rows[0]
    assert (ada.first_name, ada.last_name, ada.company, ada.position) == (
        "=Ada",
        "+Lovelace",
        "@Acme",
        "-lead",
    )


def test_header_padded_with_empty_columns() -> None:
    text = CURRENT + ",,,,\r\nAda,Lovelace,,,Acme,Engineer,1-Jan-24,,,,\r\n"
    result = read_bytes(text.encode(), "padded.csv")
    assert result.format == "linkedin"
    assert result.headers == tuple(CURRENT.split(","))
    assert result.rows[0].connected_on == date(2024, 1, 1)
