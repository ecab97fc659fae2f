"""Write the archive fixtures: synthetic people in the exact shapes of 2025-2026 LinkedIn exports.

Run from this folder (``python make_fixtures.py``); the files are committed, this script says how they were
made. Quirks kept on purpose: 2026 quoted headers, UTC dates, HTML and newlines in CONTENT, a group
conversation, a draft, an InMail in the SPONSORED folder, the owner in FROM/TO of every message, a file of
one line of prose, ``_<memberid>`` and numbered names, subfolders, files netcrm does not read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).parent
COMPLETE = HERE / "Complete_LinkedInDataExport_11-20-2026"
BASIC = HERE / "Basic_LinkedInDataExport_12-01-2026"
OWNER = ("Mara", "Lindqvist", "https://www.linkedin.com/in/mara-lindqvist-3a1b2c")
IN = "https://www.linkedin.com/in/"
PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You '
    "will only see email addresses for connections who have allowed their connections to see or download "
    "their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)


def table(
    header: list[str], rows: list[list[str]], *, quote_header: bool = False, final_newline: bool = True
) -> str:
    out = io.StringIO()
    if quote_header:
        out.write(",".join(f'"{name}"' for name in header) + "\n")
    else:
        csv.writer(out, lineterminator="\n").writerow(header)
    csv.writer(out, lineterminator="\n").writerows(rows)
    text = out.getvalue()
    return text if final_newline else text.rstrip("\n")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


CONNECTIONS = [
    [
        "Ingrid",
        "Solberg-Nakamura",
        IN + "ingrid-solberg-nakamura-4b7e21a9",
        "",
        "Northwind Analytics, Inc.",
        "Head of Data Platform",
        "18 Nov 2024",
    ],
    ["Tomás", "Okafor", IN + "tomas-okafor", "tomas@example.org", "Globex", "Product Lead", "02 Jun 2022"],
    ["Priya", "Raman", IN + "priya-raman-77", "", "Initech", "Recruiter", "11 Jan 2025"],
    ["Lena", "Vogt", IN + "lena-vogt", "", "Umbrella Health", "CTO", "05 Mar 2021"],
]
MESSAGE_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
    "IS CONVERSATION DRAFT",
]
ME = "Mara Lindqvist"
ING = ("Ingrid Solberg-Nakamura", IN + "ingrid-solberg-nakamura-4b7e21a9")
TOM = ("Tomás Okafor", IN + "tomas-okafor")
PRI = ("Priya Raman", IN + "priya-raman-77")
REC = ("Dev Mistry", IN + "dev-mistry-talent")  # not a connection: a recruiter's InMail
C1 = "2-MDNmNTQ2ZjAtYjQ3Ni00YzFkLWI4ZDMtYzk1ZTk1YjM2N2E4XzAxMA=="
C2 = "2-ZTk4YjYxYjYtNGMzZC00NTg0LWE4ZmItOTA1YWQ4MDU0ZjBmXzEwMA=="
C3 = "2-YWQ0Y2JmNzEtM2E4Zi00ZmY1LTk1ZjgtMjM1NmRmYTk4OTg4XzEwMA=="
C4 = "2-NmJjYmJhZTItNzc3ZC00ZDM1LWIxMjAtNDVjOTRhMmNjZGIzXzAxMA=="
C5 = "2-ZHJhZnQtY29udmVyc2F0aW9uLTAwMDAwMDAwMDAwMDAwMDBfMTAw"


def msg(
    conv: str,
    title: str,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    when: str,
    content: str,
    folder: str = "INBOX",
    subject: str = "",
    draft: str = "No",
    conv_draft: str = "No",
) -> list[str]:
    return [
        conv,
        title,
        sender[0],
        sender[1],
        ", ".join(n for n, _ in to),
        ",".join(u for _, u in to),
        when,
        subject,
        content,
        folder,
        "",
        draft,
        conv_draft,
    ]


OWN = (ME, OWNER[2])
MESSAGES = [
    # newest first, as LinkedIn writes them
    msg(C1, "", ING, [OWN], "2026-11-18 09:05:12 UTC", "<p>Thanks Mara!</p><p>Tuesday works.</p>"),
    msg(C1, "", OWN, [ING], "2026-11-17 16:40:03 UTC", "Hi Ingrid,\nshall we catch up next week?\nMara"),
    msg(C1, "", OWN, [ING], "2026-11-17 16:41:30 UTC", "(coffee is on me)"),
    msg(C1, "", ING, [OWN], "2025-10-03 14:22:51 UTC", "Congrats on the new role &amp; team!"),
    msg(
        C2,
        "Data folks",
        TOM,
        [OWN, ING, PRI],
        "2026-09-01 08:00:00 UTC",
        "Welcome to the group <script>alert(1)</script>\u202etxt.exe",
    ),
    msg(C2, "Data folks", OWN, [TOM, ING, PRI], "2026-09-01 10:15:00 UTC", "Glad to be here"),
    msg(
        C3,
        "",
        REC,
        [OWN],
        "2026-10-12 07:30:00 UTC",
        "Hi Mara, I have a role you might like.",
        folder="INMAIL",
        subject="Staff Data Engineer",
    ),
    msg(
        C4,
        "",
        ("LinkedIn Sponsored", ""),
        [OWN],
        "2026-08-20 12:00:00 UTC",
        "<div>Upgrade to Premium</div>",
        folder="SPONSORED",
        subject="Special offer",
    ),
    msg(C5, "", OWN, [PRI], "2026-11-19 21:00:00 UTC", "Draft: hello Priya", draft="Yes", conv_draft="Yes"),
]
INVITATIONS = [
    [
        "Mara Lindqvist",
        "Oskar Brandt",
        "11/2/26, 9:14 AM",
        "Hi Oskar, we met at PyData Berlin.",
        "OUTGOING",
        OWNER[2],
        IN + "oskar-brandt",
    ],
    ["Mara Lindqvist", "Aiko Tanaka", "10/3/25, 2:22 PM", "", "OUTGOING", OWNER[2], IN + "aiko-tanaka-9"],
    [
        "Rafael Dias",
        "Mara Lindqvist",
        "11/15/26, 6:03 PM",
        "Hello Mara, I'd like to join your network",
        "INCOMING",
        IN + "rafael-dias-sales",
        OWNER[2],
    ],
]
ENDORSE_HEADER = [
    "Endorsement Date",
    "Skill Name",
    "Endorser First Name",
    "Endorser Last Name",
    "Endorser Public Url",
    "Endorsement Status",
]
ENDORSED = [
    [
        "2026/02/14 10:01:22 UTC",
        "Data Engineering",
        "Ingrid",
        "Solberg-Nakamura",
        "www.linkedin.com/in/ingrid-solberg-nakamura-4b7e21a9",
        "ACCEPTED",
    ],
    ["2025/07/30 18:45:00 UTC", "Python", "Tomás", "Okafor", "www.linkedin.com/in/tomas-okafor", "ACCEPTED"],
]
ENDORSE_GIVEN_HEADER = [
    "Endorsement Date",
    "Skill Name",
    "Endorsee First Name",
    "Endorsee Last Name",
    "Endorsee Public Url",
    "Endorsement Status",
]
ENDORSE_GIVEN = [
    [
        "2026/03/01 09:00:00 UTC",
        "Recruiting",
        "Priya",
        "Raman",
        "www.linkedin.com/in/priya-raman-77",
        "ACCEPTED",
    ]
]
REC_HEADER = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"]
RECS_RECEIVED = [
    [
        "Lena",
        "Vogt",
        "Umbrella Health",
        "CTO",
        "Mara rebuilt our data platform in six months.\nShe is the engineer you want.",
        "04/22/26, 11:10 AM",
        "VISIBLE",
    ],
    [
        "Jonas",
        "Berg",
        "Hooli",
        "Engineering Manager",
        "A pleasure to work with.",
        "01/05/24, 03:00 PM",
        "HIDDEN",
    ],
]
RECS_GIVEN = [["Tomás", "Okafor", "Globex", "Product Lead", "Tomás ships.", "06/10/25, 09:30 AM", "VISIBLE"]]


def main() -> None:
    write(
        COMPLETE / "Connections.csv",
        PREAMBLE
        + table(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
            CONNECTIONS,
            final_newline=False,
        ),
    )
    write(COMPLETE / "messages.csv", table(MESSAGE_HEADER, MESSAGES, quote_header=True))
    write(
        COMPLETE / "Invitations.csv",
        table(
            ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
            INVITATIONS,
        ),
    )
    write(COMPLETE / "Endorsement_Received_Info.csv", table(ENDORSE_HEADER, ENDORSED))
    write(COMPLETE / "Endorsement_Given_Info.csv", table(ENDORSE_GIVEN_HEADER, ENDORSE_GIVEN))
    write(COMPLETE / "Recommendations_Received.csv", table(REC_HEADER, RECS_RECEIVED))
    write(COMPLETE / "Recommendations_Given.csv", table(REC_HEADER, RECS_GIVEN))
    write(
        COMPLETE / "Company Follows.csv",
        table(
            ["Organization", "Followed On"],
            [
                ["Northwind Analytics, Inc.", "Tue Mar 04 10:12:44 UTC 2025"],
                ["Hooli", "2026-01-09 08:00:00 UTC"],
            ],
        ),
    )
    write(
        COMPLETE / "Profile.csv",
        table(
            [
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
            [
                [
                    "Mara",
                    "Lindqvist",
                    "",
                    "",
                    "",
                    "Data platform lead | ex-Northwind",
                    "I build data teams.",
                    "Software Development",
                    "",
                    "Berlin, Germany",
                    "",
                    "",
                    "",
                ]
            ],
        ),
    )
    write(
        COMPLETE / "Positions.csv",
        table(
            ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
            [
                ["Hooli", "Data Platform Lead", "", "Berlin", "Feb 2026", ""],
                ["Northwind Analytics, Inc.", "Senior Data Engineer", "", "Berlin", "Jan 2021", "Jan 2026"],
            ],
        ),
    )
    write(
        COMPLETE / "Jobs" / "Job Applications_4711.csv",
        table(
            [
                "Application Date",
                "Contact Email",
                "Contact Phone Number",
                "Company Name",
                "Job Title",
                "Job Url",
                "Resume Name",
                "Question And Answers",
            ],
            [
                [
                    "10/1/26, 8:12 AM",
                    "mara@example.net",
                    "",
                    "Hooli",
                    "Data Platform Lead",
                    "https://www.linkedin.com/jobs/view/4100000001",
                    "Mara_CV.pdf",
                    "",
                ]
            ],
        ),
    )
    write(
        COMPLETE / "Jobs" / "Saved Jobs_1.csv",
        table(
            ["Saved Date", "Job Url", "Job Title", "Company Name"],
            [
                [
                    "9/28/26, 7:00 PM",
                    "https://www.linkedin.com/jobs/view/4100000002",
                    "Staff Engineer",
                    "Initech",
                ]
            ],
        ),
    )
    write(
        COMPLETE / "Articles" / "Articles" / "2025-05-01 Why data contracts.html",
        "<html><body><p>Why data contracts</p></body></html>",
    )
    write(COMPLETE / "Verifications" / "Verifications.csv", "No verifications found\n")
    write(COMPLETE / "Ad_Targeting.csv", table(["Member Age", "Company Names"], [["25 to 34", "Hooli"]]))
    # A later, Basic archive: fewer files, a message file of prose, a new message and an accepted invitation.
    write(
        BASIC / "Connections.csv",
        PREAMBLE
        + table(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
            [
                *CONNECTIONS,
                ["Oskar", "Brandt", IN + "oskar-brandt", "", "Acme", "Data Scientist", "28 Nov 2026"],
            ],
            final_newline=False,
        ),
    )
    write(
        BASIC / "messages_1.csv",
        table(
            MESSAGE_HEADER,
            [msg(C1, "", ING, [OWN], "2026-11-30 17:00:00 UTC", "See you Tuesday."), *MESSAGES[:4]],
            quote_header=True,
        ),
    )
    write(BASIC / "messages_2.csv", "No conversations found\n")
    write(
        BASIC / "Invitations.csv",
        table(
            ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"],
            INVITATIONS[1:],
        ),
    )


if __name__ == "__main__":
    main()
