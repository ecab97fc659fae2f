"""What the exporters share: the contact columns, progress and cancel, link targets, text clean-up."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sized
from datetime import date, datetime
from typing import Protocol
from urllib.parse import quote

from netcrm.core.errors import Cancelled

#: Columns of netcrm's full contact layout, shared by the .xlsx Contacts sheet and the netcrm CSV layout, so
#: that one importer mapping reads both. Multi-valued cells (e-mails, phones, tags) are joined with "; ".
CONTACT_HEADERS: tuple[str, ...] = (
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
    "Open networker reason",
    "Last contacted",
    "Next follow-up",
    "Notes",
    "Source",
    "Degree",
    "Keep in touch (days)",
)
LIST_SEPARATOR = "; "
YES = "Yes"
NO = "No"
#: How often (in rows) exporters report progress and poll cancel.
PROGRESS_EVERY = 1000


class ContactRecord(Protocol):
    """What the exporters read of a contact: a full `Contact`, or the store's lighter `ExportRecord`."""

    @property
    def id(self) -> int: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def position(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def linkedin_url(self) -> str: ...
    @property
    def linkedin_slug(self) -> str | None: ...
    @property
    def degree(self) -> int: ...
    @property
    def connected_on(self) -> date | None: ...
    @property
    def notes(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def cadence_days(self) -> int | None: ...
    @property
    def created_at(self) -> datetime | None: ...
    @property
    def updated_at(self) -> datetime | None: ...
    @property
    def emails(self) -> tuple[str, ...]: ...
    @property
    def phones(self) -> tuple[str, ...]: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def open_networker(self) -> bool: ...
    @property
    def open_networker_reason(self) -> str: ...
    @property
    def next_follow_up(self) -> date | None: ...
    @property
    def last_contacted(self) -> date | None: ...


ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Characters XML 1.0 cannot carry (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE/U+FFFF).
#: openpyxl refuses the controls (ILLEGAL_CHARACTERS_RE) and lxml the rest; exporters remove them.
XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL_SAFE = "/:?#[]@!$&'()*+,;=-._~%"
_PLAIN_URL_RE = re.compile(r"[A-Za-z0-9/:?#\[\]@!$&'()*+,;=\-._~]+")
_BAD_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_EMAIL_RE = re.compile(r"^[^\s\x00-\x1f\x7f@<>\"()\[\]\\,;:]+@[^\s\x00-\x1f\x7f@<>\"()\[\]\\,;:]+$")
_MAILTO_SAFE = "@.+-_~!$'*=^`{|}/"
_PLAIN_MAILTO_RE = re.compile(r"[A-Za-z0-9@.+\-_~!$'*=^`{|}/]+")
#: Excel ignores or refuses hyperlink targets longer than this (the limit xlsxwriter enforces too).
MAX_LINK_LENGTH = 2079


def linkedin_date(day: date) -> str:
    """``DD Mon YYYY`` with English month abbreviations, as LinkedIn's Connections.csv writes dates."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year:04d}"


def guess_total(items: Iterable[object], total: int | None) -> int:
    """The row count for progress reports: `total`, else ``len(items)`` when known, else 0 (unknown)."""
    if total is not None:
        return total
    if isinstance(items, Sized):
        return len(items)
    return 0


class Ticker:
    """Reports progress and polls cancel every `PROGRESS_EVERY` rows."""

    __slots__ = ("_cancel", "_progress", "next_at", "total")

    def __init__(self, progress: ProgressFn | None, cancel: CancelFn | None, total: int) -> None:
        self._progress = progress
        self._cancel = cancel
        self.total = total
        self.next_at = PROGRESS_EVERY

    def start(self) -> None:
        """Check cancel before any work; report 0 done."""
        self.check(0)

    def check(self, done: int) -> None:
        """Report `done` rows and raise `Cancelled` if the user asked to stop."""
        self.next_at = done + PROGRESS_EVERY
        if self._cancel is not None and self._cancel():
            raise Cancelled("export cancelled; the old file, if any, is unchanged")
        if self._progress is not None:
            # An unknown total stays 0; a total that proves too small grows with the count.
            self._progress(done, max(self.total, done) if self.total else 0)

    def poll(self) -> None:
        """Raise `Cancelled` if the user asked to stop (no progress report)."""
        if self._cancel is not None and self._cancel():
            raise Cancelled("export cancelled; the old file, if any, is unchanged")

    def finish(self, done: int) -> None:
        """A last progress report (done == total) before the file is committed."""
        if self._cancel is not None and self._cancel():
            raise Cancelled("export cancelled; the old file, if any, is unchanged")
        if self._progress is not None:
            self._progress(done, done)


def link_target(url: str) -> str | None:
    """A safe hyperlink target for a web address, or None if it should stay plain text.

    Only ``http`` and ``https`` are linked (DESIGN.md section 5); an address without a scheme that names a web
    host (``www.…`` or ``linkedin.com/…``) gets ``https://``. Spaces, quotes, non-ASCII characters and stray
    ``%`` are percent-encoded so that the target is a valid URI.
    """
    text = url.strip()
    if not text:
        return None
    lowered = text.lower()
    if not lowered.startswith(("http://", "https://")):
        if lowered.startswith(("www.", "linkedin.com/")) and "://" not in lowered:
            text = "https://" + text
        else:
            return None
    if _PLAIN_URL_RE.fullmatch(text):
        target = text  # the common case: nothing to encode
    elif XML_ILLEGAL_RE.search(text):
        return None
    else:
        target = quote(_BAD_PERCENT_RE.sub("%25", text), safe=_URL_SAFE)
    if len(target) > MAX_LINK_LENGTH or len(target) <= len("https://"):
        return None
    return target


def mailto_target(email: str) -> str | None:
    """A ``mailto:`` target for one plausible e-mail address, or None (no headers, no body, ever)."""
    text = email.strip()
    if not _EMAIL_RE.match(text):
        return None
    if _PLAIN_MAILTO_RE.fullmatch(text):
        target = "mailto:" + text  # the common case: nothing to encode
    elif XML_ILLEGAL_RE.search(text):
        return None
    else:
        target = "mailto:" + quote(text, safe=_MAILTO_SAFE)
    return target if len(target) <= MAX_LINK_LENGTH else None
