"""Records for the export tests: plain demo-like contacts and hostile text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netcrm.core.model import Contact, FollowUp, Interaction, Tag

#: Text that has broken exporters: quotes, separators, line breaks, emoji, right-to-left text, formula
#: triggers (ASCII and full-width), an existing leading quote, and an Excel error code.
HOSTILE = (
    'He said "hi", then left',
    "a,b;c|d",
    "line1\nline2\r\nline3",
    "emoji 😀👩‍💻 done",
    "RTL עברית العربية \u202eevil",
    "=1+1",
    "+1 555 0100",
    "-5",
    "@SUM(A1:A9)",
    '=HYPERLINK("http://x","click")',
    "＝1+1",
    "＋1",
    "－1",
    "＠x",
    "\tTab first",
    "\rCR first",
    "'=already quoted",
    "''=twice",
    "'plain quote",
    "#N/A",
    "back\\slash",
    "  spaces around  ",
)


def contact(cid: int, **fields: object) -> Contact:
    """A contact with sensible values for whatever `fields` leaves out."""
    values: dict[str, object] = {
        "first_name": f"First{cid}",
        "last_name": f"Last{cid}",
        "display_name": f"First{cid} Last{cid}",
        "company": "Acme, Inc.",
        "position": "Engineer",
        "location": "Berlin, Germany",
        "linkedin_url": f"https://www.linkedin.com/in/person-{cid}",
        "linkedin_slug": f"person-{cid}",
        "emails": (f"p{cid}@example.com",),
        "phones": ("+49 30 1234567",),
        "connected_on": date(2024, 3, 1),
        "notes": "Met at the fair.\nFollow up in May.",
        "source": "linkedin",
        "tags": ("recruiter",),
        "last_contacted": date(2025, 1, 15),
        "next_follow_up": date(2025, 7, 1),
        "updated_at": datetime(2025, 6, 1, 12, 0, 0),
    }
    values.update(fields)
    return Contact(id=cid, **values)  # type: ignore[arg-type]


@pytest.fixture
def people() -> list[Contact]:
    return [
        contact(1),
        contact(
            2,
            first_name="Zoë",
            last_name="Łukasz-李",
            display_name="Zoë Łukasz-李",
            emails=("zoe@example.com", "zoe.work@example.org"),
            phones=(),
            tags=("Open networker", "recruiter"),
            open_networker=True,
            open_networker_reason="LION in last name",
            cadence_days=30,
            degree=2,
        ),
        contact(3, emails=(), linkedin_url="", linkedin_slug=None, notes="", connected_on=None, tags=()),
    ]


@pytest.fixture
def hostile_people() -> list[Contact]:
    return [
        contact(
            100 + i,
            first_name=text,
            last_name=text,
            display_name=text,
            company=text,
            position=text,
            location=text,
            notes=text,
            source=text,
            phones=(text,),
            tags=(text,),
            open_networker_reason=text,
        )
        for i, text in enumerate(HOSTILE)
    ]


@pytest.fixture
def follow_ups() -> list[FollowUp]:
    return [
        FollowUp(
            id=1, contact_id=1, contact_name="First1 Last1", due=date(2025, 5, 1), note="late", status="open"
        ),
        FollowUp(id=2, contact_id=2, contact_name="Zoë", due=date(2025, 7, 1), note="", recurrence="2w"),
        FollowUp(id=3, contact_id=1, contact_name="First1 Last1", due=date(2025, 1, 1), status="done"),
    ]


@pytest.fixture
def interactions() -> list[Interaction]:
    return [
        Interaction(id=1, contact_id=1, kind="call", occurred_on=date(2025, 2, 3), summary="Intro call"),
        Interaction(id=2, contact_id=77, kind="email", occurred_on=date(2025, 2, 4)),
    ]


@pytest.fixture
def tags() -> list[Tag]:
    return [Tag(id=1, name="recruiter", count=2), Tag(id=2, name="Open networker", builtin=True, count=1)]
