"""The archive's smaller files: invitations, endorsements, recommendations, company follows, the owner.

Each reader maps columns by name and refuses a bad cell naming the file, row and column.
"""

from __future__ import annotations

from netcrm.core.io.archive.model import CompanyFollow, Endorsement, Invitation, Owner, Recommendation
from netcrm.core.io.archive.table import Columns, EmptyFile, Table

INVITATIONS = Columns(
    names={
        "from": ("From",),
        "to": ("To",),
        "sent_at": ("Sent At",),
        "message": ("Message",),
        "direction": ("Direction",),
        "inviter_url": ("inviterProfileUrl",),
        "invitee_url": ("inviteeProfileUrl",),
    },
    required=frozenset({"from", "to", "sent_at", "direction"}),
)
ENDORSEMENTS = Columns(
    names={
        "date": ("Endorsement Date",),
        "skill": ("Skill Name",),
        "first": ("Endorser First Name", "Endorsee First Name"),
        "last": ("Endorser Last Name", "Endorsee Last Name"),
        "url": ("Endorser Public Url", "Endorsee Public Url"),
        "status": ("Endorsement Status",),
    },
    required=frozenset({"skill", "first", "last"}),
)
RECOMMENDATIONS = Columns(
    names={
        "first": ("First Name",),
        "last": ("Last Name",),
        "company": ("Company",),
        "title": ("Job Title",),
        "text": ("Text",),
        "date": ("Creation Date",),
        "status": ("Status",),
    },
    required=frozenset({"first", "last", "text"}),
)
FOLLOWS = Columns(
    names={"organization": ("Organization",), "followed": ("Followed On",)},
    required=frozenset({"organization"}),
)
PROFILE = Columns(
    names={
        "first": ("First Name",),
        "last": ("Last Name",),
        "headline": ("Headline",),
        "summary": ("Summary",),
    },
    required=frozenset({"first", "last", "headline"}),
)
POSITIONS = Columns(
    names={"company": ("Company Name",), "title": ("Title",)},
    required=frozenset({"company", "title"}),
)


def invitations(data: bytes, path: str) -> list[Invitation]:
    table = Table(data, path, INVITATIONS)
    out = []
    for line, cell in table.rows():
        direction = cell["direction"].lower()
        if direction not in ("outgoing", "incoming"):
            raise table.bad(line, "direction", f"{cell['direction'][:20]!r} is neither OUTGOING nor INCOMING")
        out.append(
            Invitation(
                row=line,
                sender=cell["from"],
                recipient=cell["to"],
                sent_at=table.when(line, "sent_at", cell["sent_at"]),
                message=cell["message"],
                direction=direction,
                inviter_url=cell["inviter_url"],
                invitee_url=cell["invitee_url"],
            )
        )
    return out


def endorsements(data: bytes, path: str, *, given: bool) -> list[Endorsement]:
    table = Table(data, path, ENDORSEMENTS)
    return [
        Endorsement(
            row=line,
            given=given,
            on=table.day(line, "date", cell["date"]),
            skill=cell["skill"],
            first_name=cell["first"],
            last_name=cell["last"],
            url=cell["url"],
            status=cell["status"],
        )
        for line, cell in table.rows()
    ]


def recommendations(data: bytes, path: str, *, given: bool) -> list[Recommendation]:
    table = Table(data, path, RECOMMENDATIONS)
    return [
        Recommendation(
            row=line,
            given=given,
            first_name=cell["first"],
            last_name=cell["last"],
            company=cell["company"],
            title=cell["title"],
            text=cell["text"],
            on=table.day(line, "date", cell["date"]),
            status=cell["status"],
        )
        for line, cell in table.rows()
    ]


def follows(data: bytes, path: str) -> list[CompanyFollow]:
    table = Table(data, path, FOLLOWS)
    return [
        CompanyFollow(line, cell["organization"], table.day(line, "followed", cell["followed"]))
        for line, cell in table.rows()
        if cell["organization"]
    ]


def profile(data: bytes, path: str) -> Owner:
    """The owner's own profile (the first record; the file has one)."""
    for _line, cell in Table(data, path, PROFILE).rows():
        return Owner(cell["first"], cell["last"], cell["headline"], cell["summary"])
    raise EmptyFile("no data")


def positions(data: bytes, path: str) -> tuple[str, ...]:
    """The owner's positions as ``Title at Company``."""
    return tuple(
        " at ".join(part for part in (cell["title"], cell["company"]) if part)
        for _line, cell in Table(data, path, POSITIONS).rows()
    )
