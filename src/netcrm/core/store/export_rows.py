"""The exporters' lean read path: contacts with their e-mails, phones, tags and dates as light records.

An export of 100,000 contacts spent more time building full `Contact` records through SQLAlchemy (row
processing, a frozen dataclass per contact) than writing the file. Here each chunk of ids costs a handful of
set-based queries straight through the SQLite driver, and each contact becomes one `ExportRecord` (a
named tuple: built in C, read like a `Contact`). Only one chunk is held at a time, so memory stays flat.
Other databases (a server URL) take the full-record path, which yields `Contact`s the exporters read alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from netcrm.core.model import Contact
from netcrm.core.store import repos

#: Contacts per chunk: few enough to keep memory flat, enough to make the per-query cost vanish.
CHUNK = 2000


class ExportRecord(NamedTuple):
    """What an export writes of one contact; the fields carry `Contact`'s names, types and empty values."""

    id: int
    first_name: str
    last_name: str
    display_name: str
    company: str
    position: str
    location: str
    linkedin_url: str
    linkedin_slug: str | None
    degree: int
    connected_on: date | None
    notes: str
    source: str
    cadence_days: int | None
    created_at: datetime | None
    updated_at: datetime | None
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    tags: tuple[str, ...]
    open_networker: bool
    open_networker_reason: str
    next_follow_up: date | None
    last_contacted: date | None


_CONTACT_SQL = """
SELECT id, coalesce(first_name, ''), coalesce(last_name, ''), coalesce(display_name, ''),
       coalesce(company, ''), coalesce(position, ''), coalesce(location, ''), coalesce(linkedin_url, ''),
       linkedin_slug, degree, connected_on, coalesce(notes, ''), coalesce(source, ''), cadence_days,
       created_at, updated_at
FROM contact WHERE id IN ({ids})
"""
_EMAILS_SQL = (
    "SELECT contact_id, email FROM contact_email WHERE contact_id IN ({ids}) "
    "ORDER BY contact_id, position, id"
)
_PHONES_SQL = (
    "SELECT contact_id, phone FROM contact_phone WHERE contact_id IN ({ids}) "
    "ORDER BY contact_id, position, id"
)
# The order of repos._tags_of: the built-in tag first, then by name key.
_TAGS_SQL = f"""
SELECT ct.contact_id, t.name, t.builtin = '{repos.OPEN_NETWORKER}', ct.reason
FROM contact_tag AS ct JOIN tag AS t ON t.id = ct.tag_id
WHERE ct.contact_id IN ({{ids}})
ORDER BY ct.contact_id, t.builtin IS NULL, t.name_key
"""
_NEXT_DUE_SQL = (
    "SELECT contact_id, min(due) FROM follow_up WHERE contact_id IN ({ids}) AND status != 'done' "
    "GROUP BY contact_id"
)
_LAST_ON_SQL = (
    "SELECT contact_id, max(occurred_on) FROM interaction WHERE contact_id IN ({ids}) GROUP BY contact_id"
)


def iter_export_records(
    conn: sa.Connection, ids: Sequence[int], chunk: int = CHUNK
) -> Iterator[ExportRecord | Contact]:
    """The contacts with these ids (live or trashed), in the order given, streaming chunk by chunk."""
    if conn.dialect.name != "sqlite":
        return repos.iter_contacts(conn, ids, chunk)
    return _sqlite_records(conn.connection.driver_connection, ids, chunk)


def _sqlite_records(driver: Any, ids: Sequence[int], chunk: int) -> Iterator[ExportRecord]:
    new = tuple.__new__  # what ExportRecord._make does, without its Python-level call
    empty: tuple[str, ...] = ()
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        listed = ",".join(map(str, map(int, part)))
        cursor = driver.cursor()
        try:
            rows = {r[0]: r for r in cursor.execute(_CONTACT_SQL.format(ids=listed))}
            emails = _grouped(cursor.execute(_EMAILS_SQL.format(ids=listed)))
            phones = _grouped(cursor.execute(_PHONES_SQL.format(ids=listed)))
            tags, reasons = _tags(cursor.execute(_TAGS_SQL.format(ids=listed)))
            next_due = dict(cursor.execute(_NEXT_DUE_SQL.format(ids=listed)))
            last_on = dict(cursor.execute(_LAST_ON_SQL.format(ids=listed)))
        finally:
            cursor.close()
        for cid in part:
            r = rows.get(cid)
            if r is None:
                continue
            reason = reasons.get(cid)
            due = next_due.get(cid)
            last = last_on.get(cid)
            yield new(
                ExportRecord,
                (
                    *r[:10],
                    _day(r[10]),
                    r[11],
                    r[12],
                    r[13],
                    _stamp(r[14]),
                    _stamp(r[15]),
                    emails.get(cid, empty),
                    phones.get(cid, empty),
                    tags.get(cid, empty),
                    reason is not None,
                    reason or "",
                    None if due is None else _day(due),
                    None if last is None else _day(last),
                ),
            )


def _grouped(rows: Any) -> dict[int, tuple[str, ...]]:
    """(contact id, value) rows sorted by contact id, as one tuple of values per contact."""
    out: dict[int, list[str]] = {}
    for cid, value in rows:
        found = out.get(cid)
        if found is None:
            out[cid] = [value]
        else:
            found.append(value)
    return {cid: tuple(values) for cid, values in out.items()}


def _tags(rows: Any) -> tuple[dict[int, tuple[str, ...]], dict[int, str]]:
    """Tag names per contact, and the open networker reason ('' when none) of the contacts that are one."""
    names: dict[int, list[str]] = {}
    reasons: dict[int, str] = {}
    for cid, name, is_on, reason in rows:
        found = names.get(cid)
        if found is None:
            names[cid] = [name]
        else:
            found.append(name)
        if is_on and cid not in reasons:
            reasons[cid] = reason or ""
    return {cid: tuple(values) for cid, values in names.items()}, reasons


def _day(value: Any) -> date | None:
    """A stored date (SQLAlchemy's ``YYYY-MM-DD`` text on SQLite)."""
    if value is None or value.__class__ is date:
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value).date()


def _stamp(value: Any) -> datetime | None:
    """A stored date and time (SQLAlchemy's ``YYYY-MM-DD HH:MM:SS.ffffff`` text on SQLite)."""
    if value is None or value.__class__ is datetime:
        return value
    return datetime.fromisoformat(value)
