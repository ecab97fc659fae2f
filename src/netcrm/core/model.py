"""Frozen records that cross the core's boundary: what services return and take."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

INTERACTION_KINDS = ("message", "call", "meeting", "email", "introduction", "note")
INTERACTION_DIRECTIONS = ("out", "in")
FOLLOW_UP_STATUSES = ("open", "done", "snoozed")
OPEN_NETWORKER_TAG = "Open networker"

#: Editable scalar fields of a contact, in the order forms and exports show them.
CONTACT_TEXT_FIELDS = (
    "first_name",
    "last_name",
    "display_name",
    "company",
    "position",
    "location",
    "linkedin_url",
    "notes",
    "source",
)


#: The contact list's row, by column name: what `Services.list_rows` and friends return per contact (the
#: store's list queries select exactly these, in this order).
LIST_COLUMNS = (
    "id",
    "display_name",
    "company",
    "position",
    "primary_email",
    "location",
    "connected_on",
    "tag_names",
    "open_networker",
    "next_follow_up",
    "search_key",
)


@dataclass(frozen=True, slots=True)
class Contact:
    """One person, as the user sees them."""

    id: int
    first_name: str = ""
    last_name: str = ""
    display_name: str = ""
    company: str = ""
    position: str = ""
    location: str = ""
    linkedin_url: str = ""
    linkedin_slug: str | None = None
    degree: int = 1
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    connected_on: date | None = None
    notes: str = ""
    source: str = ""
    cadence_days: int | None = None
    introduced_by_id: int | None = None
    tags: tuple[str, ...] = ()
    open_networker: bool = False
    open_networker_reason: str = ""
    open_networker_by: str | None = None
    open_networker_verdict: str | None = None
    next_follow_up: date | None = None
    last_contacted: date | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """What a user (or an importer) gives to create a contact; every field optional."""

    first_name: str = ""
    last_name: str = ""
    display_name: str = ""
    company: str = ""
    position: str = ""
    location: str = ""
    linkedin_url: str = ""
    degree: int = 1
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    connected_on: date | None = None
    notes: str = ""
    source: str = ""
    cadence_days: int | None = None
    introduced_by_id: int | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A reminder to get back to a contact."""

    id: int
    contact_id: int
    contact_name: str
    due: date
    due_time: time | None = None
    note: str = ""
    recurrence: str | None = None
    status: str = "open"
    completed_at: datetime | None = None
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Interaction:
    """Something that happened with a contact: a message, a call, a meeting..."""

    id: int
    contact_id: int
    kind: str
    occurred_on: date
    summary: str = ""
    created_at: datetime | None = None
    direction: str | None = None  # "out": the user started it, "in": the contact did, None: unknown


@dataclass(frozen=True, slots=True)
class Tag:
    """A label with the number of live contacts that carry it."""

    id: int
    name: str
    builtin: bool = False
    count: int = 0
    cadence_days: int | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An earlier value of a contact's field (for example the company before a job change)."""

    contact_id: int
    field: str
    old_value: str
    new_value: str
    changed_at: datetime
    batch_id: int | None = None


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """One import of one file, with what it did."""

    id: int
    file_name: str
    sha256: str
    format: str
    created_at: datetime
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    status: str = "applied"


@dataclass(slots=True)
class ParsedContact:
    """One person read from an input file, before matching; `row` is the 1-based line or row.

    Not frozen, unlike the other records: readers make one per row, and a frozen dataclass sets each
    field through object.__setattr__ (1.5 us a row against 0.25, a third of reading a LinkedIn export).
    Nothing changes one once it is made.
    """

    row: int
    first_name: str = ""
    last_name: str = ""
    display_name: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str = ""
    position: str = ""
    location: str = ""
    linkedin_url: str = ""
    connected_on: date | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    follow_up_on: date | None = None  # a hand-kept sheet's "Next follow-up": an open follow-up that day
    last_contacted: date | None = None  # its "Last contacted": an interaction of kind "note" that day


@dataclass(frozen=True, slots=True)
class RowIssue:
    """A row that was skipped or warned about, and why."""

    row: int
    reason: str
    column: str | None = None


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything a format reader found in one file."""

    path: str
    format: str
    encoding: str
    rows: tuple[ParsedContact, ...]
    skipped: tuple[RowIssue, ...] = ()
    warnings: tuple[RowIssue, ...] = ()
    hidden_members: int = 0
    headers: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()  # of a table: the field each of `headers` was read as ("ignore": none)
    sha256: str = ""  # of the bytes parsed (read_bytes sets it): the batch's fingerprint of its file
    sheets: tuple[str, ...] = ()  # a workbook's worksheets, in order, for a face to offer the others


@dataclass(frozen=True, slots=True)
class ContactFilter:
    """Which contacts a list, an export or a bulk action is about."""

    search: str = ""
    tag: str | None = None
    open_networkers: bool = False
    due: bool = False
    trash: bool = False
    ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    """Numbers for the status bar and the sidebar."""

    contacts: int = 0
    open_networkers: int = 0
    follow_ups_due: int = 0
    overdue: int = 0
    trash: int = 0
    tags: dict[str, int] = field(default_factory=dict)


# -- networking: open-networker review, keep-in-touch, reminders, introductions -----------------------

INTRO_STATUSES = ("asked", "made", "met", "declined")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An open-networker suggestion: who, and the detector's reason (the field and the text that fired)."""

    contact_id: int
    name: str
    reason: str
    field: str = ""
    text: str = ""
    signal: str = ""


@dataclass(frozen=True, slots=True)
class LapsedContact:
    """A contact whose keep-in-touch cadence has run out: next touch was due before today."""

    contact_id: int
    name: str
    cadence_days: int
    last_touch: date
    next_due: date
    days_overdue: int


@dataclass(frozen=True, slots=True)
class DueSummary:
    """How many follow-ups are due, for the tray and the notifications."""

    overdue: int = 0
    due_today: int = 0
    newly_due: int = 0
    first_new: FollowUp | None = None

    @property
    def total(self) -> int:
        """Everything due today or earlier."""
        return self.overdue + self.due_today


@dataclass(frozen=True, slots=True)
class Introduction:
    """A request to be introduced to `target` by `via`, tracked from asked to met (or declined)."""

    id: int
    target_id: int
    target_name: str
    via_id: int
    via_name: str
    status: str
    notes: str = ""
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CompanyPerson:
    """Someone at a company, with how they connect to the user."""

    contact_id: int
    name: str
    company: str
    position: str = ""
    introduced_by_id: int | None = None
    introduced_by_name: str = ""
    connected_on: date | None = None
    last_contacted: date | None = None


# -- smart lists (issue 5: the desktop app's sidebar) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class SmartLists:
    """The sidebar's lists that the contact rows alone cannot tell (ids come on demand: smart_list_ids)."""

    recent: int = 0  # live contacts created in the last days (30 by default)
    batches: tuple[
        tuple[ImportBatch, int], ...
    ] = ()  # batches, newest first; how many live contacts each made
    lapsed: tuple[int, ...] = ()  # ids of keep-in-touch lapsed contacts
    trash: int = 0  # how many contacts are in the trash
