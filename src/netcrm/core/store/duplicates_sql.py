"""The SQL of the duplicates review: what the rules look at of every live contact, and dismissed pairs."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa

from netcrm.core.duplicates import Person
from netcrm.core.store.import_sql import rows
from netcrm.core.store.schema import duplicate_dismissal


def people(conn: sa.Connection) -> list[Person]:
    """Every live contact with its e-mails and phones, in id order (three queries, whatever the count)."""
    emails: dict[int, list[str]] = defaultdict(list)
    for cid, email in rows(
        conn,
        "SELECT e.contact_id, e.email FROM contact_email e JOIN contact c ON c.id = e.contact_id "
        "WHERE c.deleted_at IS NULL ORDER BY e.contact_id, e.position",
    ):
        emails[int(cid)].append(email)
    phones: dict[int, list[str]] = defaultdict(list)
    for cid, phone in rows(
        conn,
        "SELECT p.contact_id, p.phone FROM contact_phone p JOIN contact c ON c.id = p.contact_id "
        "WHERE c.deleted_at IS NULL ORDER BY p.contact_id, p.position",
    ):
        phones[int(cid)].append(phone)
    found = rows(
        conn,
        "SELECT id, first_name, last_name, display_name, company, linkedin_slug, sort_name FROM contact "
        "WHERE deleted_at IS NULL ORDER BY id",
    )
    return [
        Person(
            int(cid),
            first or "",
            last or "",
            display or "",
            company or "",
            slug,
            tuple(emails.get(int(cid), ())),
            tuple(phones.get(int(cid), ())),
            sort_name or "",
        )
        for cid, first, last, display, company, slug, sort_name in found
    ]


def dismissed(conn: sa.Connection) -> set[tuple[int, int]]:
    """Pairs (low id, high id) the user called "not the same person"."""
    return {(int(a), int(b)) for a, b in rows(conn, "SELECT low_id, high_id FROM duplicate_dismissal")}


def dismiss(conn: sa.Connection, first: int, second: int, now: datetime) -> bool:
    """Remember a pair as two people; False if it was already."""
    low, high = min(first, second), max(first, second)
    exists = conn.execute(
        sa.select(duplicate_dismissal.c.id).where(
            duplicate_dismissal.c.low_id == low, duplicate_dismissal.c.high_id == high
        )
    ).first()
    if exists is not None:
        return False
    conn.execute(sa.insert(duplicate_dismissal).values(low_id=low, high_id=high, created_at=now))
    return True
