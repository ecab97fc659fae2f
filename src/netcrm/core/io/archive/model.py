"""What LinkedIn's archive holds beyond Connections.csv, as frozen records (no database, no Qt).

Times are naive UTC datetimes (the export writes ``2025-10-03 14:22:51 UTC``); profile URLs are kept as
written, matching reduces them to slugs (`core.archive_match`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from netcrm.core.model import ParseResult


@dataclass(frozen=True, slots=True)
class Message:
    """One row of messages.csv: who wrote to whom in which conversation, and when."""

    row: int
    conversation_id: str
    conversation_title: str
    sender: str
    sender_url: str
    recipients: tuple[str, ...]
    recipient_urls: tuple[str, ...]
    sent_at: datetime
    subject: str
    text: str
    folder: str
    is_draft: bool

    @property
    def key(self) -> str:
        """The stable identity a re-import recognises: conversation id + date + sender (issue 17)."""
        return stable_key(self.conversation_id, self.sent_at.isoformat(), self.sender_url or self.sender)

    @property
    def participants(self) -> tuple[str, ...]:
        """Every profile URL in the row, sender first."""
        return tuple(url for url in (self.sender_url, *self.recipient_urls) if url)


@dataclass(frozen=True, slots=True)
class Invitation:
    """One pending invitation (an accepted one becomes a connection and leaves the file)."""

    row: int
    sender: str
    recipient: str
    sent_at: datetime | None
    message: str
    direction: str  # 'outgoing' | 'incoming'
    inviter_url: str
    invitee_url: str

    @property
    def other_url(self) -> str:
        """The profile of the person who is not the owner."""
        return self.invitee_url if self.direction == "outgoing" else self.inviter_url

    @property
    def other_name(self) -> str:
        return self.recipient if self.direction == "outgoing" else self.sender

    @property
    def key(self) -> str:
        return stable_key("invitation", self.direction, self.other_url or self.other_name)


@dataclass(frozen=True, slots=True)
class Endorsement:
    """A skill endorsed: received (the endorser is the other person) or given (the endorsee is)."""

    row: int
    given: bool
    on: date | None
    skill: str
    first_name: str
    last_name: str
    url: str
    status: str

    @property
    def key(self) -> str:
        return stable_key("endorsement", str(self.given), self.url or self.name, self.skill.casefold())

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class Recommendation:
    """A recommendation written or received; the file has no URL, so it is matched on name + company."""

    row: int
    given: bool
    first_name: str
    last_name: str
    company: str
    title: str
    text: str
    on: date | None
    status: str

    @property
    def key(self) -> str:
        return stable_key("recommendation", str(self.given), self.name.casefold(), self.text[:200])

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class CompanyFollow:
    """A company the owner follows: a target company."""

    row: int
    organization: str
    followed_on: date | None


@dataclass(frozen=True, slots=True)
class Owner:
    """The archive's owner (Profile.csv and Positions.csv): never imported as a contact."""

    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    summary: str = ""
    positions: tuple[str, ...] = ()  # "Title at Company", newest first as the file lists them

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, slots=True)
class FileUse:
    """What the import did with one file of the archive: its kind and count, or why it was not used."""

    name: str
    kind: str | None  # None: not a file netcrm reads
    status: str  # 'used' | 'empty' | 'unknown' | 'failed' | 'kept'
    count: int = 0
    reason: str = ""  # why it was not used: the refusal (file, row, column), "no data", ...


@dataclass(frozen=True, slots=True)
class Archive:
    """Everything read from one archive (one zip, both halves, a folder or a single file)."""

    path: str
    connections: ParseResult | None = None
    messages: tuple[Message, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    endorsements: tuple[Endorsement, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    follows: tuple[CompanyFollow, ...] = ()
    owner: Owner | None = None
    files: tuple[FileUse, ...] = field(default=())

    @property
    def failed(self) -> tuple[FileUse, ...]:
        """Files of a kind netcrm reads that were refused (malformed): each failed alone."""
        return tuple(use for use in self.files if use.status == "failed")

    @property
    def unused(self) -> tuple[FileUse, ...]:
        """Files the import did not use, each with why."""
        return tuple(use for use in self.files if use.status != "used")


def stable_key(*parts: str) -> str:
    """A short digest of `parts`: the same record in a later archive gets the same key."""
    return hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()[:24]
