"""vCard 2.1 / 3.0 / 4.0 from Android, Outlook, Google, Apple and Thunderbird."""

from __future__ import annotations

import pytest

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.readers import read_bytes
from netcrm.core.io.vcard import split_escaped

from .conftest import by_last, read


def test_android_quoted_printable_utf8() -> None:
    result = read("vcard/android_qp.vcf")
    assert (result.format, result.encoding) == ("vcard", "utf-8")
    inigo, email_only = result.rows
    assert (inigo.first_name, inigo.last_name, inigo.display_name) == (
        "Íñigo",
        "Muñoz Ibáñez",
        "Íñigo Muñoz Ibáñez",
    )
    assert inigo.company == "Compañía Telefónica de Señales Avanzadas del Norte, S.A."
    assert inigo.notes == "Conocido en la feria — habla español, català y euskara; muy majo."
    assert inigo.phones == ("+34600555012", "+34915550100")
    assert inigo.tags == ()  # Android's "My Contacts" system group
    assert (email_only.row, email_only.emails, email_only.display_name) == (
        15,
        ("only.an.email@example.com",),
        "",
    )


def test_outlook_21_windows_1252_and_qp_soft_breaks() -> None:
    result = read("vcard/outlook_21_cp1252.vcf")
    assert result.encoding == "windows-1252"
    jurgen = result.rows[0]
    assert (jurgen.last_name, jurgen.company) == ("Größer", "Müller & Söhne GmbH")
    assert jurgen.notes == "Budget € 5.000 – „Messe“\r\nZweite Zeile"


def test_raw_8bit_windows_1251() -> None:
    anna = read("vcard/cyrillic_windows1251.vcf").rows[0]
    assert (anna.first_name, anna.last_name, anna.company) == ("Анна", "Иванова", "Яндекс")


def test_google_30_folding_escapes_categories() -> None:
    zoe, wei = read("vcard/google_30.vcf").rows
    assert zoe.display_name == "Zoë Łukasz-Nakamura 李"
    assert zoe.emails == ("zoe@example.com", "zoe.private@example.org")
    assert zoe.company == "Contoso, Ltd."
    assert zoe.location == "London, United Kingdom"
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-lukasz-nakamura"
    assert "日本語" in zoe.notes and "Kraków" in zoe.notes and "meetup; introduced" in zoe.notes
    assert zoe.tags == ("starred", "Investors, Angels")
    assert (wei.display_name, wei.first_name, wei.last_name) == ("Li Wei", "Wei", "Li")


def test_apple_social_profile_and_company_card() -> None:
    chidi, company = read("vcard/apple_30.vcf").rows
    assert chidi.linkedin_url == "https://www.linkedin.com/in/chidi-okonkwo"
    assert chidi.location == "Ikeja, Lagos, Nigeria"
    assert chidi.position == "Recruiter | I accept all invites"
    assert (company.display_name, company.first_name, company.company) == (
        "Wide World Importers",
        "",
        "Wide World Importers",
    )


def test_thunderbird_40_uri_phones_and_groups() -> None:
    result = read("vcard/thunderbird_40.vcf")
    mateo = by_last(result)["Rossi"]
    assert mateo.phones == ("+39-333-555-0101", "+39-02-555-0100 ext. 42")
    assert mateo.linkedin_url == "https://it.linkedin.com/in/mateo-rossi"
    assert mateo.tags == ("Colleghi", "LION")
    assert [(i.row, i.reason) for i in result.skipped] == [(15, "a contact group, not a person")]
    assert result.rows[1].display_name == "Adventure Works"


def test_folded_end_and_missing_end() -> None:
    assert read("vcard/folded_end.vcf").rows[0].emails == ("ola@example.no",)
    result = read("vcard/missing_end.vcf")
    assert [c.display_name for c in result.rows] == ["Kept Person"]
    assert [(i.row, "END:VCARD" in i.reason) for i in result.skipped] == [(6, True)]


def test_undecodable_value_is_left_out_with_warning() -> None:
    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nNOTE;CHARSET=UTF-8:caf\xe9\r\nEND:VCARD\r\n"
    result = read_bytes(card, "a.vcf")
    assert result.rows[0].notes == ""
    assert [(w.row, w.column) for w in result.warnings] == [(1, "NOTE")]
    assert "\ufffd" not in repr(result)


def test_huge_photo_is_skipped_and_huge_note_is_cut() -> None:
    photo = b"PHOTO;ENCODING=b;TYPE=JPEG:" + b"\r\n ".join([b"A" * 74] * 200_000)
    note = b"NOTE:" + b"\r\n ".join([b"n" * 74] * 2_000)
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pic\r\n" + photo + b"\r\nEND:VCARD\r\n"
    data += b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Long\r\n" + note + b"\r\nEND:VCARD\r\n"
    result = read_bytes(data, "big.vcf")
    assert [c.display_name for c in result.rows] == ["Pic", "Long"]
    assert result.rows[1].notes == "n" * 100_000 and not result.skipped
    assert result.warnings[0].column == "NOTE" and "148,000 characters cut" in result.warnings[0].reason


def test_deeply_nested_agents_are_bounded() -> None:
    depth = 10_000
    data = b"BEGIN:VCARD\r\nFN:Outer\r\n" + b"AGENT:BEGIN:VCARD\r\n" * depth + b"END:VCARD\r\n" * (depth + 1)
    data += b"BEGIN:VCARD\r\nFN:Next\r\nEND:VCARD\r\n"
    result = read_bytes(data, "nested.vcf")
    assert [c.display_name for c in result.rows] == ["Next"]
    assert "nested" in result.skipped[0].reason


def test_no_cards() -> None:
    with pytest.raises(FileRefusedError, match="no vCard"):
        read_bytes(b"hello\r\n", "x.vcf", format="vcard")


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("a\\,b,c", ["a,b", "c"]),
        ("x\\;y;z", ["x;y", "z"]),
        ("line\\nnext", ["line\nnext"]),
        ("back\\\\", ["back\\"]),
    ],
)
def test_split_escaped(value: str, parts: list[str]) -> None:
    separator = "," if "," in value else ";"
    assert split_escaped(value, separator) == parts
