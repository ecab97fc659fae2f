"""Generic CSV: header aliases, title rows, multi-value cells, --map, netcrm's own export round trip."""

from __future__ import annotations

from datetime import date

import pytest

from netcrm.core.errors import MappingNeeded, ValidationError
from netcrm.core.io.generic import guess_field
from netcrm.core.io.readers import read_bytes

from .conftest import by_last, read


def test_hand_kept_tracker() -> None:
    result = read("generic/networking_tracker.csv")
    assert (result.format, result.encoding) == ("csv", "utf-8")
    assert result.headers[0] == "Name"
    grace = by_last(result)["Hopper"]
    assert (grace.first_name, grace.company, grace.tags) == ("Grace", "Navy Research", ("mentor", "cobol"))
    assert grace.linkedin_url == "https://www.linkedin.com/in/grace-hopper-x"
    jan = by_last(result)["van Berg"]
    assert (jan.first_name, jan.display_name) == ("Jan", "van Berg, Jan")
    assert jan.emails == ("jan@example.nl", "jan.vanberg@example.com")
    assert jan.tags == ("recruiter", "LION")
    assert by_last(result)["Lee"].linkedin_url == "linkedin.com/in/ann-lee"
    assert [(i.row, i.reason) for i in result.skipped] == [(8, "no name, e-mail, phone or LinkedIn URL")]
    assert jan.follow_up_on == date(2024, 7, 1)  # "Next follow-up" is a follow-up now, not a dropped column
    assert grace.follow_up_on is None
    assert [(w.row, w.column) for w in result.warnings if "next week" in w.reason] == [(4, "Next follow-up")]


def test_netcrm_export_round_trip_undoes_formula_escaping() -> None:
    result = read("generic/netcrm_export.csv")
    eve = by_last(result)["Attacker"]
    assert eve.phones == ("+1 555 0100", "+44 20 7946 0958")
    assert eve.company == "=cmd|' /C calc'!A0"
    assert (eve.position, eve.location) == ("@SUM(1+1)", "-Berlin")
    assert eve.tags == ("＝full-width", "plain")
    assert eve.notes == "Tabbed note"  # "'\t…" unescaped, then trimmed
    assert eve.connected_on == date(2024, 1, 5)
    ordinary = by_last(result)["Person"]
    assert (ordinary.company, ordinary.position, ordinary.notes) == (
        "O'Reilly Media",
        "'Quoted' title",
        "it's fine",
    )


def test_tab_separated() -> None:
    result = read("generic/tab_separated.tsv")
    assert [c.phones for c in result.rows] == [("+44 20 7946 0000",), ("+65 6555 0101",)]


def test_ragged_rows_are_skipped_by_row() -> None:
    result = read("generic/ragged_rows.csv")
    assert [c.last_name for c in result.rows] == ["Lovelace", "Empties", "Babbage"]
    assert [(i.row, i.reason) for i in result.skipped] == [
        (3, "4 fields where the header has 3"),
        (4, "2 fields where the header has 3"),
    ]


def test_mapping_needed_and_given() -> None:
    with pytest.raises(MappingNeeded, match="no header row naming") as needed:
        read("generic/needs_mapping.csv")
    assert needed.value.columns == ("Col A", "Col B", "Col C") and not needed.value.header_found
    result = read(
        "generic/needs_mapping.csv", mapping={"Col A": "name", "col b": "email", "COL C": "company"}
    )
    assert [(c.first_name, c.emails, c.company) for c in result.rows] == [
        ("Hiro", ("hiro@example.jp",), "Sony"),
        ("Mika", ("mika@example.fi",), "Nokia"),
    ]


def test_mapping_overrides_guess_and_ignores() -> None:
    text = "Name,Title,Notes\nAda Lovelace,Countess,secret\n"
    result = read_bytes(text.encode(), "t.csv", mapping={"Title": "notes", "Notes": "ignore"})
    ada = result.rows[0]
    assert (ada.position, ada.notes) == ("", "Countess")
    assert any("Notes" in w.reason for w in result.warnings)


def test_mapping_errors() -> None:
    with pytest.raises(ValidationError, match="unknown field 'shoe_size'"):
        read("generic/needs_mapping.csv", mapping={"Col A": "shoe_size"})
    with pytest.raises(ValidationError, match="has no column 'Nope'"):
        read_bytes(b"Name,Email\nAda,ada@example.com\n", "t.csv", mapping={"Name": "name", "Nope": "email"})
    with pytest.raises(ValidationError, match="csv and xlsx"):
        read("vcard/google_30.vcf", format="vcard", mapping={"FN": "name"})


def test_mapping_turns_a_detected_format_into_a_table() -> None:
    result = read("linkedin/connections_2020_no_preamble.csv", mapping={"Company": "notes"})
    assert result.format == "csv"
    assert result.rows[0].notes == "Müller & Söhne GmbH"


def test_scientific_phone_is_left_out() -> None:
    result = read_bytes(b"Name,Phone\nAda,4.91701E+11\n", "t.csv")
    assert result.rows[0].phones == ()
    assert "scientific" in result.warnings[0].reason


def test_a_linkedin_column_holding_another_address_is_warned_about_and_left_out() -> None:
    data = b"First Name,LinkedIn\nAda,https://example.com/ada\nGrace,https://www.linkedin.com/in/grace\n"
    result = read_bytes(data, "people.csv")
    assert [(r.first_name, r.linkedin_url) for r in result.rows] == [
        ("Ada", ""),
        ("Grace", "https://www.linkedin.com/in/grace"),
    ]
    (warning,) = result.warnings
    assert (warning.row, warning.column) == (2, "LinkedIn") and "not a LinkedIn profile" in warning.reason


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("E-mail", "email"),
        ("Work E-Mail", "email"),
        ("E-mail 1 - Label", None),
        ("Mobile Phone", "phone"),
        ("Company / Org", "company"),
        ("LinkedIn", "linkedin_url"),
        ("Connected on", "connected_on"),
        ("Prénom", "first_name"),
        ("Next follow-up", "follow_up"),
        ("Follow up", "follow_up"),
        ("Reminder", "follow_up"),
        ("Due", "follow_up"),
        ("Last contacted", "last_contacted"),
        ("Last touch", "last_contacted"),
        ("How we met", "headed_note"),
        ("Met at", "headed_note"),
    ],
)
def test_header_aliases(header: str, field: str | None) -> None:
    assert guess_field(header) == field
