"""Write the import fixtures (run once; the outputs are committed): `python make_fixtures.py`.

Every person is synthetic; every quirk is real (FORMATS.md): LinkedIn's exact preamble bytes, Excel re-saves
(BOM, CRLF, padded preamble, ``3-Jan-24`` dates, ``;`` and cp1252), Mac Roman, UTF-16 Google CSV, vCard 2.1
quoted-printable with charsets, and the hostile files of RELIABILITY.md 4(b)/(c). Files that are only big
(a million-character cell, zip bombs of 100+ MB) are made by the tests in tmp_path instead.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
SAMPLES = HERE.parents[3] / "shared" / "samples"

#: LinkedIn's own preamble, byte-identical in exports from 2020 to 2026 (md5 07e2f824…285a).
NOTE = (
    '"When exporting your connection data, you may notice t'
    "hat some of the email addresses are missing. You will "
    "only see email addresses for connections who have all"
    "owed their connections to see or download their email "
    "address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"'
)
PREAMBLE = f"Notes:\n{NOTE}\n\n"
HEADER_2024 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_OLD = "First Name,Last Name,Email Address,Company,Position,Connected On"


def write(name: str, data: bytes | str, encoding: str = "utf-8") -> None:
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def csv_text(rows: list[list[str]], *, delimiter: str = ",", eol: str = "\n", quote_all: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=delimiter,
        lineterminator=eol,
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerows(rows)
    return out.getvalue()


# --- LinkedIn Connections.csv ------------------------------------------------------------------------------

PEOPLE_2024 = [
    [
        "Ingrid",
        "Solberg-Nakamura",
        "https://www.linkedin.com/in/ingrid-solberg-nakamura-4b7e21a9",
        "",
        "Northwind Analytics, Inc.",
        "Head of Data Platform",
        "18 Nov 2024",
    ],
    [
        'Samuel "Sam"',
        "Okafor, MBA",
        "https://www.linkedin.com/in/samuel-okafor-mba",
        "sam.okafor@example.com",
        "Contoso Ltd",
        "VP, Strategy & Operations",
        "02 Jun 2024",
    ],
    ["", "", "", "", "", "", "02 Jun 2024"],
    [
        "Jürgen",
        "Weiß",
        "https://www.linkedin.com/in/j%C3%BCrgen-wei%C3%9F-0a1b2c3d",
        "",
        "Müller & Söhne GmbH",
        "Entwickler",
        "30 May 2024",
    ],
    [
        " Priya ",
        "Raman (she/her) ",
        "https://www.linkedin.com/in/priya-raman-77",
        "",
        " Fabrikam ",
        "Engineer @Globex",
        "11 Apr 2024",
    ],
    [
        "Wei",
        "张",
        "https://www.linkedin.com/in/wei-zhang-cn",
        "",
        "华为技术有限公司",
        "产品经理",
        "01 Mar 2024",
    ],
    [
        "𝐀𝐧𝐧𝐚",
        "Delacroix [LION] 🇫🇷",
        "https://www.linkedin.com/in/anna-delacroix-lion",
        "",
        "@Home Studio",
        "Recruiter | TopLinked.com | 25K+",
        "29 Feb 2024",
    ],
    [
        "Marcus",
        "Hargreave, CFP®, AAMS™",
        "https://www.linkedin.com/in/marcus-hargreave",
        "",
        "-Dash Partners",
        "Advisor",
        "13 Jan 2024",
    ],
    [
        "Hostile",
        "Injector",
        "https://www.linkedin.com/in/hostile-injector",
        "",
        '=HYPERLINK("http://x/?a","x")',
        "+cmd|' /C calc'!A0",
        "05 Jan 2024",
    ],
    ["", "", "", "", "", "", "28 Dec 2023"],
    [
        "Nour",
        "الهاشمي",
        "https://www.linkedin.com/in/nour-alhashimi",
        "nour.h@example.org",
        "Emirates Group",
        "Data Scientist",
        "20 Dec 2023",
    ],
    ["Dmitry", "...", "https://www.linkedin.com/in/dmitry-x", "", "", "", "08 Aug 2008"],
]


def linkedin_files() -> None:
    rows = PEOPLE_2024
    body = csv_text(rows).rstrip("\n")  # LinkedIn writes no newline after the last row
    write("linkedin/connections_2024.csv", PREAMBLE + HEADER_2024 + "\n" + body)

    old = [[r[0], r[1], r[3], r[4], r[5], r[6]] for r in rows[:6]]
    write("linkedin/connections_2021_no_url.csv", PREAMBLE + HEADER_OLD + "\n" + csv_text(old).rstrip("\n"))
    write("linkedin/connections_2020_no_preamble.csv", HEADER_OLD + "\n" + csv_text(old[3:]).rstrip("\n"))

    rows_2018 = [
        ["Chloe", "Brennan", "chloe.brennan@example.com", "Litware", "Account Executive", "1/8/18, 6:14 PM"],
        [
            "Rahul",
            "Iyer",
            "rahul.iyer@example.net",
            "Tailspin Toys",
            "Software Engineer",
            "12/24/17, 11:02 AM",
        ],
        ["Old", "Member", "urn:li:member:48213377", "Proseware", "Consultant", "3/3/15, 9:00 AM"],
    ]
    write("linkedin/connections_2018.csv", HEADER_OLD + "\n" + csv_text(rows_2018))

    excel = [[r[0], r[1], r[2], r[3], r[4], r[5]] for r in rows[:5]]
    excel_dates = ["23-Nov-21", "3-Jan-24", "7-Jul-22", "15-Aug-19", "1-Feb-20"]
    excel_rows = [[*r, d] for r, d in zip(excel, excel_dates, strict=True)]
    write("linkedin/connections_excel_crlf.csv", csv_text([HEADER_2024.split(","), *excel_rows], eol="\r\n"))
    padded = [["Notes:"] + [""] * 6, [NOTE[1:-1]] + [""] * 6, [""] * 7, HEADER_2024.split(","), *excel_rows]
    write("linkedin/connections_excel_padded.csv", csv_text(padded, eol="\r\n"))
    write(
        "linkedin/connections_excel_bom.csv",
        b"\xef\xbb\xbf"
        + (
            PREAMBLE.replace("\n", "\r\n") + csv_text([HEADER_2024.split(","), *excel_rows], eol="\r\n")
        ).encode(),
    )
    write(
        "linkedin/connections_excel_bom_no_preamble.csv",
        b"\xef\xbb\xbf" + csv_text([HEADER_2024.split(","), *excel_rows], eol="\r\n").encode(),
    )
    danish = [
        ["First Name", "Last Name", "Company", "Position", "Connected on"],
        ["Søren", "Kierkegård", "Ørsted A/S", "Projektleder", "03.02.2020"],
        ["Åse", "Bjørnstad", "Mærsk, Logistik", "Konsulent – salg", "17.11.2019"],
        ["Zoë", "O’Brien", "Café Œuvre", "Chef € budget", "01.12.2018"],
    ]
    write("linkedin/connections_semicolon_cp1252.csv", csv_text(danish, delimiter=";", eol="\r\n"), "cp1252")
    spanish = [
        ["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"],
        ["Iñigo", "Muñoz", "", "Telefónica", "Ingeniero de Software", "15-feb-21"],
        ["Begoña", "Ibáñez", "", "Banco Santander", "Analista", "03-ene-20"],
        ["Raúl", "Jiménez", "", "Zalando SE", "Product Manager", "28-dic-19"],
    ]
    write("linkedin/connections_semicolon_spanish_months.csv", csv_text(spanish, delimiter=";", eol="\r\n"))
    wrapped = (
        "Mateo,Rossi,,Acme Robotics,Software Engineer,07 May 2021\n"
        '"Lena,Fischer,,Initech,""Head of Sales, DACH"",02 Apr 2021"\n'
        "Tomás,Silva,,Globex,Designer,15 Mar 2021\n"
        '"Yuki,Tanaka,,""Umbrella, Corp."",Researcher,01 Feb 2021"\n'
    )
    write("linkedin/connections_wrapped_rows_no_header.csv", wrapped)

    outlook_header = (
        '"Title","First Name","Middle Name","Last Name","Suffix","E-mail Address","E-mail 2 Address",'
        '"E-mail 3 Address","Business Street","Business Street 2","Business Street 3","Business City",'
        '"Business State","Business Postal Code","Business Co'
        'untry","Home Street","Home Street 2","Home Street 3",'
        '"Home City","Home State","Home Postal Code","Home Coun'
        'try","Other Street","Other Street 2","Other Street 3",'
        '"Other City","Other State","Other Postal Code","Other Country","Company","Department","Job Title",'
        '"Assistant\'s Phone","Business Fax","Business Phone","Business Phone 2","Callback","Car Phone",'
        '"Company Main Phone","Home Fax","Home Phone","Home Pho'
        'ne 2","ISDN","Mobile Phone","Other Fax","Other Phone",'
        '"Pager","Primary Phone","Radio Phone","TTY/TDD Phone","Telex","Assistant\'s Name","Birthday",'
        '"Manager\'s Name","Notes","Other Address PO Box","Spouse","Web Page","Personal Web Page"'
    )
    width = outlook_header.count(",") + 1
    assert width == 59

    def outlook_row(first: str, last: str, email: str, company: str, title: str) -> str:
        cells = [""] * width
        cells[1], cells[3], cells[5], cells[29], cells[31] = first, last, email, company, title
        return ",".join(f'"{cell}"' for cell in cells)

    legacy = (
        "\n".join(
            [
                outlook_header,
                outlook_row(
                    "Aurélie",
                    "Lefèvre",
                    "aurelie.lefevre@example.fr",
                    "Société Générale",
                    "Directrice partout où il faut",
                ),
                outlook_row(
                    "Seán", "O’Connor", "sean.oconnor@example.ie", "Fabrikam", "“Chief” Œnologist – €"
                ),
            ]
        )
        + "\n"
    )
    write("linkedin/linkedin_connections_export_microsoft_outlook.csv", legacy, "cp1252")
    mac = (
        "\r\n".join(
            [
                outlook_header,
                outlook_row(
                    "Raúl", "Gestión", "raul.gestion@example.es", "Compañía Ibérica", "Gestión de proyectos"
                ),
                outlook_row(
                    "José", "Martínez", "jose.martinez@example.es", "Telefónica", "Ingeniero técnico"
                ),
            ]
        )
        + "\r\n"
    )
    write("linkedin/linkedin_connections_export_macroman.csv", mac, "mac_roman")

    write(
        "linkedin/Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Chloe Brennan,Pat Example,"11/3/24, 4:05 PM",,INCOMING,https://www.linkedin.com/in/chloe-b,'
        "https://www.linkedin.com/in/pat-example\n",
    )
    write(
        "linkedin/messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
        "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT\n"
        "2-abc,,Chloe Brennan,https://www.linkedin.com/in/chloe-b,Pat Example,"
        "https://www.linkedin.com/in/pat-example,2026-02-01 10:00:00 UTC,,<p>Hello</p>,INBOX,,false\n",
    )
    write(
        "linkedin/Contacts.csv",
        "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,"
        "Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\n"
        'GMAIL,Pat,Example,,,pat@example.com,,"10/1/20, 9:00 AM",,,,Pat Example,,,,\n',
    )
    write(
        "linkedin/Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Pat,Example,,,,Builder of things,,Software,,Berlin,,,\n",
    )
    write("linkedin/preamble_and_header_only.csv", PREAMBLE + HEADER_2024)


def linkedin_zips() -> None:
    connections = (HERE / "linkedin/connections_2024.csv").read_bytes()
    extras = {
        name: (HERE / "linkedin" / name).read_bytes()
        for name in ("Invitations.csv", "messages.csv", "Profile.csv")
    }

    def make(name: str, members: dict[str, bytes]) -> None:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in members.items():
                archive.writestr(
                    zipfile.ZipInfo(member, date_time=(2025, 11, 24, 9, 30, 0)), data, zipfile.ZIP_DEFLATED
                )
        write(name, out.getvalue())

    make("linkedin/Basic_LinkedInDataExport_11-24-2025.zip", {"Connections.csv": connections, **extras})
    folder = "Complete_LinkedInDataExport_09-12-2022 (1)/"
    make(
        "linkedin/Complete_LinkedInDataExport_09-12-2022.zip",
        {
            folder + "CONNECTIONS.CSV": (HERE / "linkedin/connections_2021_no_url.csv").read_bytes(),
            "__MACOSX/" + folder + "._Connections.csv": b"\x00\x05\x16\x07 mac resource fork",
            folder + "Invitations.csv": extras["Invitations.csv"],
        },
    )
    make(
        "linkedin/export_hostile_names.zip",
        {
            "../../evil.csv": b"First Name,Last Name\nEvil,Twin\n",
            "/abs/evil2.csv": b"x",
            "Connections.csv": connections,
        },
    )
    make(
        "linkedin/export_two_connections.zip",
        {"a/Connections.csv": connections, "b/connections.csv": connections},
    )
    make("linkedin/export_without_connections.zip", extras)
    # A member flagged as encrypted (general purpose bit 0), as a password-protected re-zip has.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(zipfile.ZipInfo("Connections.csv", date_time=(2025, 1, 1, 0, 0, 0)), connections)
    raw = bytearray(out.getvalue())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = raw.find(signature)
        raw[at + offset] |= 0x01
    write("linkedin/export_encrypted.zip", bytes(raw))


# --- Google, Outlook -------------------------------------------------------------------------------------

GOOGLE_2024 = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Phone 2 - Label",
    "Phone 2 - Value",
    "Address 1 - Label",
    "Address 1 - Formatted",
    "Address 1 - Street",
    "Address 1 - City",
    "Address 1 - PO Box",
    "Address 1 - Region",
    "Address 1 - Postal Code",
    "Address 1 - Country",
    "Address 1 - Extended Address",
    "Website 1 - Label",
    "Website 1 - Value",
]


def google_row(**values: str) -> list[str]:
    return [values.get(column, "") for column in GOOGLE_2024]


def google_files() -> None:
    rows = [
        GOOGLE_2024,
        google_row(
            **{
                "First Name": "Amara",
                "Middle Name": "Ngozi",
                "Last Name": "Eze",
                "Organization Name": "Litware",
                "Organization Title": "CTO",
                "Birthday": " --12-25",
                "Notes": "Met at PyCon.\nIntro via Sam.",
                "Photo": "https://lh3.googleusercontent.com/contacts/photo.jpg",
                "Labels": "Investors ::: LION ::: * myContacts ::: * starred",
                "E-mail 1 - Label": "* Work",
                "E-mail 1 - Value": "amara@litware.example",
                "E-mail 2 - Label": "Home",
                "E-mail 2 - Value": "amara.eze@example.com ::: a.eze@example.org",
                "Phone 1 - Label": "Móvil",
                "Phone 1 - Value": "+234 803 555 0101 ::: +44 7700 900123",
                "Address 1 - Label": "Trabajo",
                "Address 1 - Formatted": "12 Marina Rd\nLagos\nNG",
                "Address 1 - City": "Lagos",
                "Address 1 - Country": "NG",
                "Website 1 - Label": "Profile",
                "Website 1 - Value": "https://www.linkedin.com/in/amara-eze",
            }
        ),
        google_row(
            **{
                "Organization Name": "Fourth Coffee",
                "Phone 1 - Label": "Work",
                "Phone 1 - Value": "+1 425 555 0199",
                "Labels": "* myContacts",
            }
        ),
        google_row(**{"Labels": "* myContacts"}),
        google_row(
            **{
                "First Name": "Лев",
                "Last Name": "Толстой",
                "E-mail 1 - Value": "lev@example.ru",
                "Labels": "Книги ::: * myContacts",
            }
        ),
    ]
    write("google/google_contacts_2024.csv", csv_text(rows))
    legacy_sample = HERE / "samples/escalate-google-csv/google_csv_legacy_2021.csv"
    header = legacy_sample.read_text(encoding="utf-8").splitlines()[0].split(",")
    columns = {name: i for i, name in enumerate(header)}

    def legacy_row(**values: str) -> list[str]:
        row = [""] * len(header)
        for key, value in values.items():
            row[columns[key]] = value
        return row

    legacy = [
        header,
        legacy_row(
            **{
                "Name": "Γιώργος Παπαδόπουλος",
                "Given Name": "Γιώργος",
                "Family Name": "Παπαδόπουλος",
                "Group Membership": "* My Contacts ::: Συνεργάτες",
                "E-mail 1 - Type": "* Work",
                "E-mail 1 - Value": "giorgos@example.gr",
                "Organization 1 - Name": "Ελληνικά Τρόφιμα ΑΕ",
                "Organization 1 - Title": "Διευθυντής",
            }
        ),
        legacy_row(
            **{
                "Name": "Olga Smirnova",
                "Given Name": "Olga",
                "Family Name": "Smirnova",
                "Group Membership": "* myContacts",
                "Phone 1 - Type": "Mobile",
                "Phone 1 - Value": "+7 912 555-01-02",
                "Address 1 - City": "Kazan",
                "Address 1 - Country": "RU",
            }
        ),
    ]
    write("google/google_contacts_legacy.csv", csv_text(legacy))
    write(
        "google/google_contacts_legacy_utf16.csv",
        b"\xff\xfe" + csv_text(legacy, eol="\r\n").encode("utf-16-le"),
    )


OUTLOOK_EN = [
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business Street 2",
    "Business Street 3",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home Street 2",
    "Home Street 3",
    "Home City",
    "Home State",
    "Home Postal Code",
    "Home Country/Region",
    "Other Street",
    "Other Street 2",
    "Other Street 3",
    "Other City",
    "Other State",
    "Other Postal Code",
    "Other Country/Region",
    "Assistant's Phone",
    "Business Fax",
    "Business Phone",
    "Business Phone 2",
    "Callback",
    "Car Phone",
    "Company Main Phone",
    "Home Fax",
    "Home Phone",
    "Home Phone 2",
    "ISDN",
    "Mobile Phone",
    "Other Fax",
    "Other Phone",
    "Pager",
    "Primary Phone",
    "Radio Phone",
    "TTY/TDD Phone",
    "Telex",
    "Account",
    "Anniversary",
    "Assistant's Name",
    "Billing Information",
    "Birthday",
    "Business Address PO Box",
    "Categories",
    "Children",
    "Directory Server",
    "E-mail Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Address",
    "E-mail 2 Type",
    "E-mail 2 Display Name",
    "E-mail 3 Address",
    "E-mail 3 Type",
    "E-mail 3 Display Name",
    "Gender",
    "Government ID Number",
    "Hobby",
    "Home Address PO Box",
    "Initials",
    "Internet Free Busy",
    "Keywords",
    "Language",
    "Location",
    "Manager's Name",
    "Mileage",
    "Notes",
    "Office Location",
    "Organizational ID Number",
    "Other Address PO Box",
    "Priority",
    "Private",
    "Profession",
    "Referred By",
    "Sensitivity",
    "Spouse",
    "User 1",
    "User 2",
    "User 3",
    "User 4",
    "Web Page",
]
OUTLOOK_DE = [
    "Anrede",
    "Vorname",
    "Weitere Vornamen",
    "Nachname",
    "Suffix",
    "Firma",
    "Abteilung",
    "Position",
    "Straße geschäftlich",
    "Straße geschäftlich 2",
    "Straße geschäftlich 3",
    "Ort geschäftlich",
    "Region geschäftlich",
    "Postleitzahl geschäftlich",
    "Land/Region geschäftlich",
    "Straße privat",
    "Straße privat 2",
    "Straße privat 3",
    "Ort privat",
    "Bundesland/Kanton privat",
    "Postleitzahl privat",
    "Land/Region privat",
    "Telefon geschäftlich",
    "Mobiltelefon",
    "E-Mail-Adresse",
    "E-Mail-Typ",
    "E-Mail: Angezeigter Name",
    "E-Mail 2: Adresse",
    "Geburtstag",
    "Kategorien",
    "Notizen",
    "Webseite",
]
OUTLOOK_FR = [
    "Titre",
    "Prénom",
    "Deuxième prénom",
    "Nom",
    "Suffixe",
    "Société",
    "Service",
    "Titre",
    "Rue (bureau)",
    "Ville (bureau)",
    "Dép/Région (bureau)",
    "Code postal (bureau)",
    "Pays/Région (bureau)",
    "Téléphone (bureau)",
    "Tél. mobile",
    "Adresse de messagerie",
    "Type de messagerie",
    "Nom complet de l'adresse de messagerie",
    "Anniversaire",
    "Catégories",
    "Notes",
    "Page Web",
]
OUTLOOK_ES = [
    "Tratamiento",
    "Nombre",
    "Segundo nombre",
    "Apellidos",
    "Sufijo",
    "Organización",
    "Departamento",
    "Puesto",
    "Teléfono del trabajo",
    "Teléfono móvil",
    "Dirección de correo electrónico",
    "Tipo de correo electrónico",
    "Mostrar nombre de correo electrónico",
    "Cumpleaños",
    "Categorías",
    "Notas",
    "Página web",
]
OUTLOOK_COM = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Title",
    "Suffix",
    "Nickname",
    "Given Yomi",
    "Surname Yomi",
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "Home Phone",
    "Home Phone 2",
    "Business Phone",
    "Business Phone 2",
    "Mobile Phone",
    "Car Phone",
    "Other Phone",
    "Primary Phone",
    "Pager",
    "Business Fax",
    "Home Fax",
    "Other Fax",
    "Company Main Phone",
    "Callback",
    "Radio Phone",
    "Telex",
    "TTY/TDD Phone",
    "IMAddress",
    "Job Title",
    "Department",
    "Company",
    "Office Location",
    "Manager's Name",
    "Assistant's Name",
    "Assistant's Phone",
    "Company Yomi",
    "Business Street",
    "Business City",
    "Business State",
    "Business Postal Code",
    "Business Country/Region",
    "Home Street",
    "Home City",
    "Home State",
    "Home Postal Code",
    "Home Country/Region",
    "Other Street",
    "Other City",
    "Other State",
    "Other Postal Code",
    "Other Country/Region",
    "Personal Web Page",
    "Spouse",
    "Schools",
    "Hobby",
    "Location",
    "Web Page",
    "Birthday",
    "Anniversary",
    "Notes",
]


def outlook_csv(header: list[str], rows: list[dict[str, str]], *, eol: str = "\r\n") -> str:
    """Outlook's quoting: header and text fields quoted even when empty, phone/date fields bare."""
    bare = re.compile(
        r"phone|fax|telefon|téléphone|tél|teléfono|birthday|geburtstag|anniversaire|cumpleaños|anniversary"
    )
    lines = [",".join(f'"{h}"' for h in header)]
    for row in rows:
        cells = []
        for column in header:
            value = row.get(column, "")
            if bare.search(column.lower()) and '"' not in value and "," not in value:
                cells.append(value)
            else:
                cells.append('"' + value.replace('"', '""') + '"')
        lines.append(",".join(cells))
    return eol.join(lines) + eol


def outlook_files() -> None:
    en = [
        {
            "First Name": "Siobhán",
            "Last Name": "Ní Bhriain",
            "Company": "Fabrikam, Inc.",
            "Job Title": "Head of Talent",
            "Business City": "Dublin",
            "Business Country/Region": "Ireland",
            "Mobile Phone": "+353 87 555 0142",
            "Business Phone": "+353 1 555 0100",
            "E-mail Address": "siobhan@fabrikam.example",
            "E-mail Type": "SMTP",
            "E-mail Display Name": "Siobhán Ní Bhriain (siobhan@fabrikam.example)",
            "Categories": "LION;Recruiters",
            "Notes": "Prefers “short” calls.\r\nBudget: €5k – œuvre",
            "Birthday": "0/0/00",
            "Anniversary": "0/0/00",
            "Gender": "Unspecified",
            "Priority": "Normal",
            "Private": "False",
            "Sensitivity": "Normal",
            "Web Page": "https://www.linkedin.com/in/siobhan-ni-bhriain",
        },
        {
            "First Name": "Kenji",
            "Last Name": "O’Hara",
            "Company": "Tailspin Toys",
            "E-mail Address": "/o=ExchangeLabs/ou=x",
            "E-mail Type": "EX",
            "Home City": "Osaka",
            "Birthday": "3/15/1985",
            "Priority": "Normal",
        },
        {"Company": "Blue Yonder Airlines", "Company Main Phone": "+1 206 555 0111", "Priority": "Normal"},
    ]
    write("outlook/outlook_desktop_en.csv", outlook_csv(OUTLOOK_EN, en), "cp1252")
    de = [
        {
            "Vorname": "Jürgen",
            "Nachname": "Groß",
            "Firma": "Müller & Söhne GmbH",
            "Position": "Vertriebsleiter",
            "Ort geschäftlich": "München",
            "Land/Region geschäftlich": "Deutschland",
            "Mobiltelefon": "+49 171 5550123",
            "E-Mail-Adresse": "juergen.gross@example.de",
            "E-Mail-Typ": "SMTP",
            "Geburtstag": "10.9.2007",
            "Kategorien": "Kunden; Messe 2024",
            "Notizen": "Straße & Hausnummer folgen",
        },
    ]
    write("outlook/outlook_desktop_de.csv", outlook_csv(OUTLOOK_DE, de), "cp1252")
    fr = []
    row = dict.fromkeys(OUTLOOK_FR, "")
    row.update(
        {
            "Prénom": "Élodie",
            "Nom": "Lemaître",
            "Société": "Société Générale",
            "Ville (bureau)": "Lyon",
            "Pays/Région (bureau)": "France",
            "Tél. mobile": "+33 6 55 50 01 23",
            "Adresse de messagerie": "elodie.lemaitre@example.fr",
            "Catégories": "Clients",
        }
    )
    fr.append(row)
    header_fr = ",".join(f'"{h}"' for h in OUTLOOK_FR)
    cells = []
    for index, column in enumerate(OUTLOOK_FR):
        value = "Mme" if index == 0 else "Directrice financière" if index == 7 else row[column]
        cells.append(f'"{value}"')
    write("outlook/outlook_desktop_fr.csv", header_fr + "\r\n" + ",".join(cells) + "\r\n", "cp1252")
    es = [
        {
            "Nombre": "Begoña",
            "Apellidos": "Ibáñez Ruiz",
            "Organización": "Telefónica",
            "Puesto": "Directora de ventas",
            "Teléfono móvil": "+34 600 555 012",
            "Dirección de correo electrónico": "begona.ibanez@example.es",
            "Categorías": "Clientes",
        },
    ]
    write("outlook/outlook_desktop_es.csv", outlook_csv(OUTLOOK_ES, es), "cp1252")
    com_rows = [
        [
            {
                "First Name": "Ava",
                "Last Name": "Lindqvist",
                "E-mail Address": "ava@example.se",
                "Mobile Phone": "+46 70 555 01 02",
                "Job Title": "Designer",
                "Company": "Coho Winery",
                "Business City": "Göteborg",
                "Notes": "Likes fika",
            }.get(h, "")
            for h in OUTLOOK_COM
        ]
    ]
    write("outlook/outlook_com.csv", csv_text([OUTLOOK_COM, *com_rows], eol="\r\n"))


# --- vCard -------------------------------------------------------------------------------------------------


def qp(text: str, charset: str = "utf-8") -> str:
    """Quoted-printable the way Android writes it: every n"
    "on-ASCII byte and space encoded, soft breaks at 76."""
    encoded = "".join(f"={b:02X}" if b > 126 or b < 33 or b == 61 else chr(b) for b in text.encode(charset))
    lines, line = [], ""
    for token in re.findall(r"=[0-9A-F]{2}|.", encoded):
        if len(line) + len(token) > 74:
            lines.append(line + "=")
            line = ""
        line += token
    return "\r\n".join([*lines, line])


def fold(line: str) -> str:
    """RFC 6350 folding at 75 octets (may split a UTF-8 sequence, as Google's exporter does)."""
    data = line.encode()
    pieces = [data[:75]] + [data[i : i + 74] for i in range(75, len(data), 74)]
    return "\r\n ".join(piece.decode("utf-8", "surrogateescape") for piece in pieces)


def vcard_files() -> None:
    android = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:2.1",
            "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Muñoz Ibáñez;Íñigo;;;"),
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + qp("Íñigo Muñoz Ibáñez"),
            "TEL;CELL;PREF:+34600555012",
            "TEL;HOME:+34915550100",
            "EMAIL;PREF;HOME:inigo.munoz@example.es",
            "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
            + qp("Compañía Telefónica de Señales Avanzadas del Norte, S.A."),
            "TITLE:Ingeniero",
            "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
            + qp("Conocido en la feria — habla español, català y euskara; muy majo."),
            "CATEGORIES:My Contacts",
            "END:VCARD",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "EMAIL;PREF:only.an.email@example.com",
            "CATEGORIES:My Contacts",
            "END:VCARD",
            "",
        ]
    )
    write("vcard/android_qp.vcf", android)

    outlook = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;LANGUAGE=de;CHARSET=Windows-1252:Gr\xf6\xdfer;J\xfcrgen\r\n"
        "FN;CHARSET=Windows-1252:J\xfcrgen Gr\xf6\xdfer\r\nORG;CH"
        "ARSET=Windows-1252:M\xfcller & S\xf6hne GmbH;Vertrieb\r\n"
        "TITLE:Vertriebsleiter\r\n"
        "NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Budget =8"
        "0 5.000 =96 =84Messe=93=0D=0A=\r\nZweite Zeile=0D=\r\n=0A\r\n"
        "TEL;WORK;VOICE:+49 89 5550100\r\nEMAIL;PREF;INTERNET:juergen.groesser@example.de\r\n"
        "PHOTO;TYPE=JPEG;ENCODING=BASE64:\r\n /9j/4AAQSkZJRgABAQE"
        "AYABgAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQY\r\n"
        " GBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYa\r\n\r\n"
        'X-MS-OL-DESIGN;CHARSET=utf-8:<card xmlns="http://schemas.mi'
        'crosoft.com/office/outlook/12/electronicbusinesscards"/>\r\n'
        "REV:20240305T131933Z\r\nEND:VCARD\r\n"
    )
    write("vcard/outlook_21_cp1252.vcf", outlook.encode("latin-1"))
    cyrillic = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=Windows-1251:И"
        "ванова;Анна\r\nFN;CHARSET=Windows-1251:Анна Иванова\r\n"
    )
    cyrillic += "ORG;CHARSET=Windows-1251:Яндекс\r\nEMAIL:anna.ivanova@example.ru\r\nEND:VCARD\r\n"
    write("vcard/cyrillic_windows1251.vcf", cyrillic.encode("cp1251"))

    google_cards = [
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Zoë Łukasz-Nakamura 李",
            "N:Łukasz-Nakamura;Zoë;;;",
            "EMAIL;TYPE=INTERNET;TYPE=WORK:zoe@example.com",
            "EMAIL;TYPE=INTERNET;TYPE=HOME:zoe.private@example.org",
            "TEL;TYPE=CELL:+44 7700 900456",
            "ADR;TYPE=WORK:;;1 Long Acre\\nCovent Garden;London;;WC2E 9LH;United Kingdom",
            "ORG:Contoso\\, Ltd.;Research",
            "TITLE:Principal Researcher",
            "item1.URL:https\\://www.linkedin.com/in/zoe-lukasz-nakamura",
            "item1.X-ABLabel:LinkedIn",
            "item2.URL:http\\://zoe.example.com",
            "item2.X-ABLabel:_$!<HomePage>!$_",
            fold(
                "NOTE:Met at the Edinburgh meetup\\; introduced by Sam"
                ". Follow up about the 日本語 translation project and the "
                "conference in Kraków next spring\\, ideally before the call for papers closes."
            ),
            "CATEGORIES:myContacts,starred,Investors\\, Angels",
            "PHOTO:https://lh3.googleusercontent.com/contacts/photo.jpg",
            "END:VCARD",
        ],
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Li Wei",
            "N:Li;Wei;;;",
            "TEL;TYPE=CELL:+86 138 0013 8000",
            "END:VCARD",
        ],
    ]
    text = "\r\n".join(line for card in google_cards for line in card) + "\r\n"
    write("vcard/google_30.vcf", text.encode("utf-8", "surrogateescape"))

    apple = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.5//EN\r\nN:Okonkwo;Chidi;;;\r\n"
        "FN:Chidi Okonkwo\r\nORG:Northwind Traders;\r\nTITLE:Recruiter | I accept all invites\r\n"
        "item1.EMAIL;type=INTERNET;type=pref:chidi@example.ng\r\n"
        "TEL;type=CELL;type=VOICE;type=pref:+234 802 555 0199\r\n"
        "item2.ADR;type=HOME;type=pref:;;22 Allen Ave;Ikeja;Lagos;100271;Nigeria\r\nitem2.X-ABADR:ng\r\n"
        "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/chidi-okonkwo\r\n"
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-07-21\r\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nPRODID:-//Apple Inc.//macOS 14.5//EN\nN:;;;;\nFN:Wide World Importers\n"
        "ORG:Wide World Importers;\nTEL;type=WORK:+1 555 0100\nX-ABShowAs:COMPANY\nEND:VCARD\n"
    )
    write("vcard/apple_30.vcf", apple)

    thunderbird = (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//Thunderbird.net/NONSGML Thunderbird CardBook V 90.0//EN\r\n"
        "UID:urn:uuid:0f6a1c1e-3d7b-4a55-9f0e-2d8c1b7a9e01\r\nFN:Mateo Rossi\r\nN:Rossi;Mateo;;;\r\n"
        "EMAIL;PREF=1;TYPE=work:mateo.rossi@example.it\r\nEMAIL;TYPE=home:mateo@example.net\r\n"
        'TEL;VALUE=uri;TYPE="cell,voice":tel:+39-333-555-0101\r\n'
        "TEL;VALUE=uri;TYPE=work:tel:+39-02-555-0100;ext=42\r\nBDAY:--0412\r\n"
        "URL;TYPE=work:https://it.linkedin.com/in/mateo-rossi\r\nCATEGORIES:Colleghi,LION\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:group\r\nFN:Conference friends\r\n"
        "MEMBER:urn:uuid:0f6a1c1e-3d7b-4a55-9f0e-2d8c1b7a9e01\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Adventure Works\r\nORG:Adventure Works\r\n"
        "EMAIL:info@adventure-works.example\r\nEND:VCARD\r\n"
    )
    write("vcard/thunderbird_40.vcf", thunderbird)
    folded_end = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ola Nordmann\r\nN:Nordm"
        "ann;Ola;;;\r\nEMAIL:ola@example.no\r\nEN\r\n D:VCARD\r\n"
    )
    write("vcard/folded_end.vcf", folded_end)
    missing = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Kept Person\r\nEMAIL:kept@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\nEMAIL:cut@example.com\r\n"
    )
    write("vcard/missing_end.vcf", missing)


# --- generic CSV -------------------------------------------------------------------------------------------


def generic_files() -> None:
    sheet = [
        ["My networking tracker 2024", "", "", "", "", ""],
        ["", "", "", "", "", ""],
        ["Name", "Company / Org", "LinkedIn", "E-mail", "Tags", "Next follow-up"],
        [
            "Grace Hopper",
            "Navy Research",
            "https://www.linkedin.com/in/grace-hopper-x",
            "grace@example.com",
            "mentor, cobol",
            "next week",
        ],
        [
            "van Berg, Jan",
            "Proseware",
            "",
            "jan@example.nl; jan.vanberg@example.com",
            "recruiter;LION",
            "2024-07-01",
        ],
        ["", "", "", "", "", ""],
        ["Lee, Ann", "Initech", "linkedin.com/in/ann-lee", "", "", ""],
        ["", "Only A Company", "", "", "vip", ""],
    ]
    write("generic/networking_tracker.csv", csv_text(sheet))
    netcrm = [
        [
            "Display name",
            "First name",
            "Last name",
            "E-mails",
            "Phones",
            "Company",
            "Position",
            "Location",
            "LinkedIn URL",
            "Connected on",
            "Tags",
            "Open networker",
            "Notes",
        ],
        [
            "Eve Attacker",
            "Eve",
            "Attacker",
            "eve@example.com",
            "'+1 555 0100; +44 20 7946 0958",
            "'=cmd|' /C calc'!A0",
            "'@SUM(1+1)",
            "'-Berlin",
            "https://www.linkedin.com/in/eve-attacker",
            "05 Jan 2024",
            "'＝full-width; plain",
            "Yes",
            "'\tTabbed note",
        ],
        [
            "Ordinary Person",
            "Ordinary",
            "Person",
            "",
            "",
            "O'Reilly Media",
            "'Quoted' title",
            "",
            "",
            "",
            "",
            "",
            "it's fine",
        ],
    ]
    write("generic/netcrm_export.csv", csv_text(netcrm))
    write(
        "generic/tab_separated.tsv",
        "first_name\tlast_name\temail\tphone\nNia\tOkoro\tnia@ex"
        "ample.com\t+44 20 7946 0000\nTeo\tLim\t\t+65 6555 0101\n",
    )
    write(
        "generic/needs_mapping.csv",
        "Col A,Col B,Col C\nHiro,hiro@example.jp,Sony\nMika,mika@example.fi,Nokia\n",
    )
    write(
        "generic/ragged_rows.csv",
        "First Name,Last Name,Email\nAda,Lovelace,ada@example.com\nToo,Many,fields@example.com,extra\n"
        "Short,Row\nTrailing,Empties,trail@example.com,,\nCharles,Babbage,charles@example.com\n",
    )


# --- bad inputs --------------------------------------------------------------------------------------------


def bad_files() -> None:
    write("bad/empty.csv", b"")
    write("bad/blank_lines.csv", b"\r\n\r\n   \r\n")
    write("bad/header_only.csv", "First Name,Last Name,Email\r\n")
    write(
        "bad/binary_png.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06" + bytes(40),
    )
    write("bad/random_binary.csv", bytes((i * 37 + 11) % 256 for i in range(4096)))
    write(
        "bad/unterminated_quote.csv",
        'First Name,Last Name,Company\nAda,Lovelace,"Analytical Engines\nCharles,Babbage,Difference Ltd\n'
        "Grace,Hopper,Navy\n",
    )
    write(
        "bad/unterminated_quote_mid_file.csv",
        'First Name,Last Name,Company\nAda,"Lovelace,Engines\n'
        'Charles,Babbage,"Difference, Ltd"\nGrace,Hopper,Navy\n',
    )
    write(
        "bad/nul_byte.csv",
        b"First Name,Last Name,Company\nAda,Lovelace,Engines\nCharles,Bab\x00bage,Difference\n",
    )
    write(
        "bad/invalid_utf8.csv", "First Name,Last Name\nZoë,Łukasz\n李,Wei\n".encode() + b"Bad,By\xfft\xc3\n"
    )
    write(
        "bad/shift_jis.csv",
        "First Name,Last Name,Company\n翔太,佐藤,ソニー株式会社\nさくら,鈴木,任天堂\n".encode("shift_jis"),
    )
    write("bad/not_a_workbook.xlsx", "First Name,Last Name\nAda,Lovelace\n")
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    xls = ole + "Root Entry".encode("utf-16-le") + bytes(44) + "Workbook".encode("utf-16-le") + bytes(1024)
    write("bad/xls_renamed.xlsx", bytes(xls))
    encrypted = (
        ole
        + "Root Entry".encode("utf-16-le")
        + bytes(44)
        + "EncryptionInfo".encode("utf-16-le")
        + bytes(40)
        + "EncryptedPackage".encode("utf-16-le")
        + bytes(1024)
    )
    write("bad/password_protected.xlsx", bytes(encrypted))


# --- workbooks (openpyxl writes them; calamine reads them) --------------------------------------------------


def xlsx_files() -> None:
    import defusedxml  # noqa: F401  (openpyxl parses with it when it is installed)
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    lookups = book.active
    lookups.title = "Lookups"
    for tag in ("mentor", "recruiter", "LION"):
        lookups.append([tag])
    lookups.sheet_state = "hidden"
    sheet = book.create_sheet("Contacts")
    sheet.append(["Networking contacts (exported from my notebook)"])
    sheet.append([])
    sheet.append(
        ["Name", "Company / Org", "Position", "Phone", "E-mail", "LinkedIn", "Tags", "Connected on", "Notes"]
    )
    sheet.append(
        [
            "Ada Lovelace",
            "Analytical Engines",
            "Mathematician",
            4915551234567,
            "ada@example.com",
            "https://www.linkedin.com/in/ada-lovelace-x",
            "mentor, LION",
            date(2021, 3, 4),
            "Met at a salon",
        ]
    )
    sheet.append(
        [
            "Charles Babbage",
            "Difference Ltd",
            "Inventor",
            "+44 20 7946 0001",
            "charles@example.com",
            "",
            "recruiter;mentor",
            45292,
            "=not evaluated",
        ]
    )
    sheet.cell(row=5, column=8).number_format = "yyyy-mm-dd"
    sheet.cell(row=5, column=9).data_type = "s"
    sheet.append([])
    sheet.append(
        ["Grace Hopper", "Navy", "Rear Admiral", None, "grace@example.com", "", "", "15 Mar 2019", ""]
    )
    sheet.append(["Formula Person", "Calc Inc", "PLACEHOLDER", None, "formula@example.com", "", "", "", ""])
    sheet.append(["'=SUM(A1:A2)", "Escaped Co", "", None, "escaped@example.com", "", "", "", ""])
    for _ in range(300):  # formatted-but-empty rows, as hand-kept sheets have
        sheet.append([None] * 9)
    for row in range(310, 320):
        sheet.cell(row=row, column=1).number_format = "@"
    validation = DataValidation(type="list", formula1="=Lookups!$A$1:$A$3")
    sheet.add_data_validation(validation)
    validation.add("G4:G40")
    other = book.create_sheet("Recruiters")
    other.append(["First Name", "Last Name", "Email"])
    other.append(["Rita", "Recruiter", "rita@example.com"])
    out = io.BytesIO()
    book.save(out)
    data = _patch_sheet(out.getvalue(), "xl/worksheets/sheet2.xml", _add_cached_formula)
    write("xlsx/contacts.xlsx", data)

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email"])
    sheet.append(['=CONCATENATE("Ev","il")', "nocache@example.com"])
    sheet.append(["Plain Person", "plain@example.com"])
    out = io.BytesIO()
    book.save(out)
    write("xlsx/formula_no_cache.xlsx", out.getvalue())

    book = Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Email"])
    for i in range(500):
        sheet.append([f"Person{i}", f"Surname{i}", f"p{i}@example.com"])
    out = io.BytesIO()
    book.save(out)
    base = out.getvalue()
    lying = _patch_sheet(
        base,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    write("xlsx/lying_dimension.xlsx", lying)
    far = _patch_sheet(
        base,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>z</t></is></c></row></sheetData>',
        ),
    )
    write("bad/far_cell.xlsx", far)
    write("bad/truncated.xlsx", base[: len(base) // 2])
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol'
        b' "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;'
        b'&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
        b'<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
        b'<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
        b'<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
        b'<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
        b'<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    write("bad/xml_bomb.xlsx", _with_part(base, "xl/worksheets/sheet1.xml", bomb))
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
    )
    write("bad/xxe.xlsx", _with_part(base, "xl/worksheets/sheet1.xml", xxe))


def _add_cached_formula(xml: bytes) -> bytes:
    """Give row 8 ("Formula Person") a Position formula with a cached value, as Excel saves it."""
    patched, count = re.subn(
        rb'<c r="C8"[^>]*>.*?</c>',
        b'<c r="C8" t="str"><f>UPPER("analyst")</f><v>ANALYST</v></c>',
        xml,
        count=1,
    )
    assert count == 1
    return patched


def _patch_sheet(data: bytes, member: str, patch: object) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                content = patch(content)  # type: ignore[operator]
            target.writestr(info, content)
    return out.getvalue()


def _with_part(data: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info, source.read(info.filename))
        target.writestr(member, content)
    return out.getvalue()


def copy_samples() -> None:
    """The small third-party samples the tests rely on, so CI has them without ../shared."""
    if not SAMPLES.is_dir():
        return
    for folder in ("ez-vcard", "escalate-google-csv", "linkedin"):
        for source in sorted((SAMPLES / folder).iterdir()):
            target = HERE / "samples" / folder / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    shutil.copyfile(SAMPLES / "PROVENANCE.md", HERE / "samples" / "PROVENANCE.md")


if __name__ == "__main__":
    copy_samples()
    linkedin_files()
    linkedin_zips()
    google_files()
    outlook_files()
    vcard_files()
    generic_files()
    bad_files()
    xlsx_files()
