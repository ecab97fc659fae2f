"""Identity beyond keys (issue 14): who a row is when it carries no LinkedIn slug and no e-mail.

Matching by key stays first (slug, then e-mail, never a name alone). Two rules follow, for the rows keys
cannot place:

- A LinkedIn connection's `Connected On` date is a property of the connection, not of a name, and does not
  change between exports: a row with the same normalised full name and the same connection date as an
  existing contact is that contact (an old export without URLs, then a current one, then the old again,
  creates each person once; the current one adds the URL). Two profiles (two slugs) or two sets of
  e-mail addresses that share nothing are two people, whatever the name and date say.
- A row without any key is the contact an earlier import created from a row with the same identity fields
  (format, names, organisation, phones, connection date): imports store a fingerprint of each keyless row
  they create (`contact_fingerprint`). The n-th row of a file with one fingerprint is told apart from the
  first by its occurrence number, so two identical keyless rows stay two contacts, import after import.

Pure: no SQL (core/store/import_sql.py reads the maps), no Qt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from netcrm.core import rules
from netcrm.core.model import ParsedContact


class NameDateEntry(NamedTuple):
    """An existing contact the name-and-date rule may find: whether it has a slug and any e-mail."""

    contact_id: int
    has_slug: bool
    has_email: bool


def full_name_key(first: str | None, last: str | None, display: str | None = None) -> str:
    """The normalised full name: first and last name (else the file's display name), white space
    collapsed, folded for case and accents."""
    name = " ".join(part for part in (rules.normalize_name(first), rules.normalize_name(last)) if part)
    if not name:
        name = rules.normalize_name(display)
    return rules.fold(name)


def name_date_key(contact: ParsedContact) -> tuple[str, str] | None:
    """(normalised full name, connection date) of a row, or None when it lacks either."""
    if contact.connected_on is None:
        return None
    name = full_name_key(contact.first_name, contact.last_name, contact.display_name)
    return (name, contact.connected_on.isoformat()) if name else None


def may_join(entry: NameDateEntry, slug: str | None, has_email: bool) -> bool:
    """Whether an incoming person (its slug matched nobody, its e-mails nobody) may be this contact:
    not when both have a profile (two slugs: two people), nor when both have e-mails (none shared)."""
    if slug and entry.has_slug:
        return False
    return not (has_email and entry.has_email)


def is_keyless(contact: ParsedContact, slug: str | None) -> bool:
    """A row with neither a LinkedIn profile nor an e-mail address."""
    return not slug and not contact.emails


def fingerprint_base(fmt: str, contact: ParsedContact) -> str:
    """A digest of a keyless row's identity fields (without its occurrence number)."""
    fold = rules.fold
    phones = sorted({rules.phone_key(p) for p in contact.phones} - {""})
    when = contact.connected_on.isoformat() if isinstance(contact.connected_on, date) else ""
    parts = (
        fmt,
        fold(rules.normalize_name(contact.first_name)),
        fold(rules.normalize_name(contact.last_name)),
        fold(rules.normalize_name(contact.display_name)),
        fold(rules.normalize_name(contact.company)),
        ",".join(phones),
        when,
    )
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=12).hexdigest()


def fingerprints(fmt: str, contacts: Iterable[ParsedContact]) -> list[str]:
    """Each keyless row's fingerprint, numbered by occurrence in the file (`<digest>:<n>`)."""
    seen: dict[str, int] = {}
    found = []
    for contact in contacts:
        base = fingerprint_base(fmt, contact)
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.append(f"{base}:{n}")
    return found
