"""Assemble one ParsedContact from cleaned values, with the rules every format shares.

A row needs a name, an e-mail, a phone or a LinkedIn URL to be a person; anything less is skipped with
`NO_IDENTITY`. The display name is the source's own full name, else first + last, else (for a company card
that has an e-mail or phone) the company. E-mails and phones are de-duplicated within the row.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netcrm.core.io.text import is_email, is_linkedin_url, join_name
from netcrm.core.model import ParsedContact, RowIssue

NO_IDENTITY = "no name, e-mail, phone or LinkedIn URL"
#: System groups that every contact of an address book carries; they are not user tags.
SYSTEM_LABELS = frozenset(("mycontacts", "my contacts", "* mycontacts", "* my contacts", "contacts"))


def unique(values: Iterable[str], *, fold: bool = False) -> tuple[str, ...]:
    """Non-empty values in first-seen order, without repeats (case-insensitively when `fold`)."""
    if isinstance(values, list | tuple) and len(values) < 2:
        return tuple(value for value in values if value)
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold() if fold else value
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def user_tags(labels: Iterable[str]) -> tuple[str, ...]:
    """Labels minus address-book system groups; Google's ``* starred`` becomes ``starred``."""
    tags = []
    for label in labels:
        if label.casefold() in SYSTEM_LABELS:
            continue
        tags.append(label[2:].strip() if label.startswith("* ") else label)
    return unique(tags, fold=True)


def valid_emails(values: Iterable[str], row: int, column: str | None, warnings: list[RowIssue]) -> list[str]:
    """The plausible e-mail addresses of `values`; each other value becomes a warning and is left out."""
    good = []
    for value in values:
        if is_email(value):
            good.append(value)
        elif value:
            warnings.append(RowIssue(row, f"not an e-mail address, left out: {value[:80]!r}", column))
    return good


def linkedin_or_none(values: Iterable[str]) -> str:
    """The first value that is a LinkedIn profile address, or ""."""
    return next((value for value in values if is_linkedin_url(value)), "")


def make_contact(
    row: int,
    *,
    first_name: str = "",
    last_name: str = "",
    display_name: str = "",
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    company: str = "",
    position: str = "",
    location: str = "",
    linkedin_url: str = "",
    connected_on: date | None = None,
    notes: str = "",
    tags: Iterable[str] = (),
    follow_up_on: date | None = None,
    last_contacted: date | None = None,
) -> ParsedContact | None:
    """The contact, or None when nothing identifies a person (the caller records the skip)."""
    email_tuple = unique(emails, fold=True)
    phone_tuple = unique(phones)
    display = display_name or join_name(first_name, last_name)
    if not (display or email_tuple or phone_tuple or linkedin_url):
        return None
    return ParsedContact(
        row=row,
        first_name=first_name,
        last_name=last_name,
        display_name=display or company,
        emails=email_tuple,
        phones=phone_tuple,
        company=company,
        position=position,
        location=location,
        linkedin_url=linkedin_url,
        connected_on=connected_on,
        notes=notes,
        tags=tuple(tags),
        follow_up_on=follow_up_on,
        last_contacted=last_contacted,
    )


def linkedin_contact(
    row: int,
    first_name: str,
    last_name: str,
    display_name: str,
    emails: tuple[str, ...],
    company: str,
    position: str,
    linkedin_url: str,
    connected_on: date | None,
) -> ParsedContact:
    """The record of one Connections.csv row: its fields given by position (keywords cost more per row)."""
    return ParsedContact(
        row,
        first_name,
        last_name,
        display_name,
        emails,
        (),
        company,
        position,
        "",
        linkedin_url,
        connected_on,
    )
