"""Write the re-import fixtures of issue 14 (run once; the outputs are committed).

Run `python make_reimport_fixtures.py` from this folder.

Synthetic people, real quirks: LinkedIn's preamble and column layouts (FORMATS.md 1.2), hand-kept workbooks
(FORMATS.md 5). Kept apart from make_fixtures.py so that running it rewrites only these files.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

from make_fixtures import GOOGLE_2024, HEADER_OLD, PREAMBLE, csv_text, google_row, write


def namesake_exports() -> None:
    """Two 2021-2022 exports (no URL, hardly any e-mail) where two connections of the same day share a name.

    The later export lists the newer namesake first: the exact fingerprint of the earlier Wei Zhang must win
    over the name-and-date rule, or every re-import of the later file creates its Wei Zhang again.
    """
    nov_2021 = [
        ["Tomasz", "Wiśniewski", "", "Fabrikam", "Account Executive", "14 Oct 2021"],
        ["Wei", "Zhang", "", "Globex", "Data Engineer", "02 Jun 2021"],
        ["", "", "", "", "", "02 Jun 2021"],
        ["Aisha", "Bello, PMP", "aisha.bello@example.org", "Contoso Ltd", "Programme Manager", "19 Mar 2021"],
    ]
    sep_2022 = [
        ["Lucía", "Fernández", "", "Northwind Traders", "Recruiter", "30 Aug 2022"],
        ["Tomasz", "Wiśniewski", "", "Fabrikam", "Senior Account Executive", "14 Oct 2021"],
        ["Wei", "Zhang", "", "Initech", "Product Manager", "02 Jun 2021"],
        ["Wei", "Zhang", "", "Globex", "Data Engineer", "02 Jun 2021"],
        ["", "", "", "", "", "02 Jun 2021"],
        ["Aisha", "Bello, PMP", "aisha.bello@example.org", "Contoso Ltd", "Programme Manager", "19 Mar 2021"],
    ]
    for name, rows in (("Connections_2021-11.csv", nov_2021), ("Connections_2022-09.csv", sep_2022)):
        write(f"linkedin/namesakes/{name}", PREAMBLE + HEADER_OLD + "\n" + csv_text(rows).rstrip("\n"))


def pasted_thread(chars: int) -> str:
    """An e-mail thread pasted whole into a notes cell, as users do: quoted replies, signatures, accents."""
    lines = []
    n = 0
    while sum(map(len, lines)) + len(lines) < chars:
        day = 1 + n % 28
        lines += [
            f"On Tue, {day} Mar 2025 at 09:{n % 60:02d}, Priya Raman <priya.raman@example.com> wrote:",
            f"> Thanks for the intro to Jürgen — call #{n} booked for the {day}th, agenda below.",
            "> 1. Data platform roadmap; 2. hiring (two senior roles, Zürich or remote)",
            "-- ",
            f"Priya Raman · Fabrikam · +44 20 7946 {n % 10_000:04d}",
        ]
        n += 1
    return "\n".join(lines)[:chars]


def oversized_cells() -> None:
    """A Google CSV whose notes cell holds a 200,000-character pasted thread (over the 100,000 limit), and a
    hand-kept workbook with a 1,000,000-character cell (Excel stops at 32,767; other tools write more)."""
    rows = [
        GOOGLE_2024,
        google_row(
            **{
                "First Name": "Priya",
                "Last Name": "Raman",
                "Organization Name": "Fabrikam",
                "Notes": pasted_thread(200_000),
                "Labels": "* myContacts",
                "E-mail 1 - Label": "* Work",
                "E-mail 1 - Value": "priya.raman@example.com",
            }
        ),
        google_row(
            **{
                "First Name": "Jürgen",
                "Last Name": "Weiß",
                "Notes": "Zürich office",
                "Labels": "* myContacts",
            }
        ),
    ]
    write("google/google_contacts_pasted_thread.csv", csv_text(rows))

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Network"
    sheet.append(["Name", "Company", "E-mail", "Notes"])
    sheet.append(["Priya Raman", "Fabrikam", "priya.raman@example.com", "PLACEHOLDER-NOTES"])
    sheet.append(["Tomasz Wiśniewski", "Fabrikam", "", "met at PyData Warsaw"])
    out = io.BytesIO()
    book.save(out)
    # openpyxl writes what it is given, but keep the workbook small to store: the long cell goes in by hand,
    # as an inline string in the sheet the way some exporters write it.
    patched = io.BytesIO()
    log = "Call log (pasted from the CRM at work): " + "follow up on the Zurich role; " * 40_000
    long_text = log[:999_999] + "."
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"PLACEHOLDER-NOTES", long_text.encode("utf-8"))
            target.writestr(info, content)
    write("xlsx/networking_long_notes.xlsx", patched.getvalue())
    # Apple Contacts 3.0: the note escaped (\\n, \\,) and folded at 75 octets, 150,000 characters long.
    note = (
        pasted_thread(150_000)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )
    raw = ("NOTE:" + note).encode("utf-8")
    folded, line = [], b""
    for ch in raw.decode("utf-8"):
        piece = ch.encode("utf-8")
        if len(line) + len(piece) > 74:
            folded.append(line)
            line = b" "
        line += piece
    folded.append(line)
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.4//EN\r\nN:Raman;Priya;;;\r\n"
        b"FN:Priya Raman\r\nORG:Fabrikam;\r\n"
        b"EMAIL;type=INTERNET;type=WORK;type=pref:priya.raman@example.com\r\n"
        + b"\r\n".join(folded)
        + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Weiß;Jürgen;;;\r\nFN:Jürgen Weiß\r\n"
        "NOTE:Zürich office\r\nEND:VCARD\r\n".encode()
    )
    write("vcard/apple_long_note.vcf", card)


def networking_workbooks() -> None:
    """Hand-kept networking sheets (FORMATS.md 5): a title row, free-form headers, follow-up and last-contact
    columns, a cell that shows "Mei's profile" but links to her LinkedIn profile, a "write to Ravi" mailto
    link, real Excel dates beside text dates, "next week", and day/month dates some of which decide the order.
    """
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "People"
    sheet.append(["Networking 2025 (keep this up to date!)"])
    sheet.append([])
    sheet.append(
        [
            "Name",
            "Company / Org",
            "LinkedIn",
            "E-mail",
            "Next follow-up",
            "Last contacted",
            "How we met",
            "Notes",
        ]
    )
    sheet.append(
        [
            "Mei Tanaka",
            "Globex",
            "Mei's profile",
            "",
            date(2025, 1, 20),
            "03/12/2024",
            "PyCon JP 2024",
            "wants intro to data team",
        ]
    )
    sheet["C4"].hyperlink = "https://www.linkedin.com/in/mei-tanaka-0a1b2c"
    sheet["E4"].number_format = "dd/mm/yyyy"
    sheet.append(
        ["Ravi Kumar", "Initech", "", "write to Ravi", "03/04/2025", "04/11/2024", "intro via Mei", ""]
    )
    sheet["D5"].hyperlink = "mailto:ravi.kumar@example.in?subject=Coffee"
    sheet.append(["Ola Nordmann", "Fabrikam", "", "ola@example.no", "14/03/2025", "", "Oslo meetup", ""])
    sheet.append([])
    sheet.append(
        ["Sam Lee", "", "https://www.linkedin.com/in/sam-lee-77", "", "next week", "", "", "call back"]
    )
    for _ in range(60):  # formatted-but-empty rows
        sheet.append([None] * 8)
    write_book(book, "xlsx/networking_followups.xlsx")
    rows = [
        ["Full name", "Email", "Follow up", "Last touch", "Source", "Comments"],
        ["Lucía Fernández", "lucia@example.es", "2025-02-03", "2024-12-18", "Recruiter, Madrid", ""],
        ["Tomasz Wiśniewski", "", "2024-11-30", "", "PyData Warsaw", "overdue!"],
    ]
    write("generic/networking_followups.csv", csv_text(rows, eol="\r\n"))


def write_book(book: object, name: str) -> None:
    out = io.BytesIO()
    book.save(out)  # type: ignore[attr-defined]
    write(name, out.getvalue())


if __name__ == "__main__":
    namesake_exports()
    oversized_cells()
    networking_workbooks()
