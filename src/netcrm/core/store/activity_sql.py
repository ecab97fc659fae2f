"""SQL of what an import adds besides contacts: follow-ups and interactions from a sheet's columns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import sqlalchemy as sa

from netcrm.core.store.schema import follow_up, interaction

_CHUNK = 500


def dates_of(conn: sa.Connection, ids: Sequence[int]) -> tuple[set[tuple[int, date]], set[tuple[int, date]]]:
    """(contact, due) of every follow-up and (contact, day) of every interaction these contacts have."""
    follow_ups: set[tuple[int, date]] = set()
    interactions: set[tuple[int, date]] = set()
    unique = sorted(set(ids))
    for start in range(0, len(unique), _CHUNK):
        part = unique[start : start + _CHUNK]
        follow_ups.update(
            (int(cid), due)
            for cid, due in conn.execute(
                sa.select(follow_up.c.contact_id, follow_up.c.due).where(follow_up.c.contact_id.in_(part))
            )
        )
        interactions.update(
            (int(cid), day)
            for cid, day in conn.execute(
                sa.select(interaction.c.contact_id, interaction.c.occurred_on).where(
                    interaction.c.contact_id.in_(part)
                )
            )
        )
    return follow_ups, interactions


def add_follow_up(conn: sa.Connection, contact_id: int, due: date, note: str, now: datetime) -> int:
    """An open follow-up; its id."""
    result = conn.execute(
        sa.insert(follow_up).values(contact_id=contact_id, due=due, note=note, status="open", created_at=now)
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def add_interaction(conn: sa.Connection, contact_id: int, day: date, summary: str, now: datetime) -> int:
    """An interaction of kind "note"; its id."""
    result = conn.execute(
        sa.insert(interaction).values(
            contact_id=contact_id, kind="note", occurred_on=day, summary=summary, created_at=now
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def remove_imported(conn: sa.Connection, follow_ups: Sequence[int], interactions: Sequence[int]) -> None:
    """Undo of an import: its follow-ups still open and its interactions go (a follow-up done is kept)."""
    if follow_ups:
        conn.execute(sa.delete(follow_up).where(follow_up.c.id.in_(follow_ups), follow_up.c.status == "open"))
    if interactions:
        conn.execute(sa.delete(interaction).where(interaction.c.id.in_(interactions)))
