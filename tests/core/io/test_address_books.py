"""Google Contacts CSV (current, legacy, UTF-16) and Outlook CSV (desktop in four languages, Outlook.com)."""

from __future__ import annotations

import pytest

from netcrm.core.errors import FileRefusedError

from .conftest import by_last, read


def test_google_current_layout() -> None:
    result = read("google/google_contacts_2024.csv")
    assert (result.format, result.encoding) == ("google", "utf-8")
    amara = by_last(result)["Eze"]
    assert amara.display_name == "Amara Ngozi Eze"
    assert amara.emails == ("amara@litware.example", "amara.eze@example.com", "a.eze@example.org")
    assert amara.phones == ("+234 803 555 0101", "+44 7700 900123")
    assert (amara.company, amara.position, amara.location) == ("Litware", "CTO", "Lagos, NG")
    assert amara.linkedin_url == "https://www.linkedin.com/in/amara-eze"
    assert amara.notes == "Met at PyCon.\nIntro via Sam."
    assert amara.tags == ("Investors", "LION", "starred")
    coffee = result.rows[1]
    assert (coffee.display_name, coffee.phones, coffee.first_name) == (
        "Fourth Coffee",
        ("+1 425 555 0199",),
        "",
    )
    assert [issue.row for issue in result.skipped] == [7]  # the row with only "* myContacts"
    assert by_last(result)["Толстой"].tags == ("Книги",)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("google/google_contacts_legacy.csv", "utf-8"),
        ("google/google_contacts_legacy_utf16.csv", "utf-16-le"),
    ],
)
def test_google_legacy_layout(name: str, encoding: str) -> None:
    result = read(name)
    assert (result.format, result.encoding) == ("google", encoding)
    giorgos = by_last(result)["Παπαδόπουλος"]
    assert giorgos.display_name == "Γιώργος Παπαδόπουλος"
    assert (giorgos.company, giorgos.position) == ("Ελληνικά Τρόφιμα ΑΕ", "Διευθυντής")
    assert giorgos.tags == ("Συνεργάτες",)
    olga = by_last(result)["Smirnova"]
    assert (olga.phones, olga.location, olga.tags) == (("+7 912 555-01-02",), "Kazan, RU", ())


def test_outlook_desktop_english_cp1252() -> None:
    result = read("outlook/outlook_desktop_en.csv")
    assert (result.format, result.encoding) == ("outlook", "cp1252")
    assert len(result.headers) == 92
    siobhan = by_last(result)["Ní Bhriain"]
    assert siobhan.emails == ("siobhan@fabrikam.example",)
    assert set(siobhan.phones) == {"+353 87 555 0142", "+353 1 555 0100"}
    assert (siobhan.company, siobhan.position, siobhan.location) == (
        "Fabrikam, Inc.",
        "Head of Talent",
        "Dublin, Ireland",
    )
    assert siobhan.tags == ("LION", "Recruiters")
    assert siobhan.notes == "Prefers “short” calls.\r\nBudget: €5k – œuvre"
    assert siobhan.linkedin_url == "https://www.linkedin.com/in/siobhan-ni-bhriain"
    kenji = by_last(result)["O’Hara"]
    assert (kenji.emails, kenji.location) == ((), "Osaka")
    assert [(w.row, w.column) for w in result.warnings] == [(4, "E-mail Address")]  # an Exchange "EX" address
    company_card = result.rows[2]
    assert (company_card.display_name, company_card.phones) == ("Blue Yonder Airlines", ("+1 206 555 0111",))


@pytest.mark.parametrize(
    ("name", "last", "email", "company", "position"),
    [
        (
            "outlook/outlook_desktop_de.csv",
            "Groß",
            "juergen.gross@example.de",
            "Müller & Söhne GmbH",
            "Vertriebsleiter",
        ),
        (
            "outlook/outlook_desktop_fr.csv",
            "Lemaître",
            "elodie.lemaitre@example.fr",
            "Société Générale",
            "Directrice financière",
        ),
        (
            "outlook/outlook_desktop_es.csv",
            "Ibáñez Ruiz",
            "begona.ibanez@example.es",
            "Telefónica",
            "Directora de ventas",
        ),
        ("outlook/outlook_com.csv", "Lindqvist", "ava@example.se", "Coho Winery", "Designer"),
    ],
)
def test_outlook_localised_and_web(name: str, last: str, email: str, company: str, position: str) -> None:
    result = read(name)
    assert result.format == "outlook"
    person = by_last(result)[last]
    assert (person.emails, person.company, person.position) == ((email,), company, position)
    assert person.phones


def test_outlook_german_details() -> None:
    jurgen = read("outlook/outlook_desktop_de.csv").rows[0]
    assert (jurgen.location, jurgen.tags) == ("München, Deutschland", ("Kunden", "Messe 2024"))


def test_forced_format_on_wrong_file_is_refused() -> None:
    with pytest.raises(FileRefusedError, match="no Google Contacts header"):
        read("outlook/outlook_com.csv", format="google")
    with pytest.raises(FileRefusedError, match="no Outlook contacts header"):
        read("google/google_contacts_2024.csv", format="outlook")
