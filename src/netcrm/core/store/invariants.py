"""netcrm's own invariants beyond SQLite's checks: derived list columns that can be computed again."""

from __future__ import annotations

import sqlalchemy as sa

from netcrm.core.store.repos import chunks, derived_values, refresh_derived
from netcrm.core.store.schema import contact

_COLUMNS = {"b_email": "primary_email", "b_tags": "tag_names", "b_key": "search_key", "b_sort": "sort_name"}


def stale_derived(conn: sa.Connection) -> list[int]:
    """Ids of contacts whose first e-mail, tag names, search key or sort name is not what their rows give."""
    ids = [int(i) for i in conn.execute(sa.select(contact.c.id).order_by(contact.c.id)).scalars()]
    stale: list[int] = []
    for part in chunks(ids):
        stored = {
            int(row.id): row
            for row in conn.execute(
                sa.select(
                    contact.c.id,
                    contact.c.primary_email,
                    contact.c.tag_names,
                    contact.c.search_key,
                    contact.c.sort_name,
                ).where(contact.c.id.in_(part))
            )
        }
        for want in derived_values(conn, part):
            row = stored[want["b_id"]]
            if any(
                _norm(key, getattr(row, column)) != _norm(key, want[key]) for key, column in _COLUMNS.items()
            ):
                stale.append(want["b_id"])
    return stale


def _norm(key: str, value: str | None) -> object:
    """Tags may be listed in the order they were added or by name: either is current."""
    if value is None:
        return None
    if key == "b_tags":
        return sorted(value.split("; "))
    if key == "b_key":
        return sorted(value.split("\x1f"))
    return value


def repair_derived(conn: sa.Connection, ids: list[int]) -> None:
    """Compute the list columns of these contacts again (inside the caller's one transaction)."""
    refresh_derived(conn, ids)
