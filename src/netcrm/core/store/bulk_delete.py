"""Delete many contacts in two statements over a temporary table of their ids, not one per chunk.

An undo of a 100,000-contact import compiled 200 `IN (...)` statements of 500 ids each; one table of the
ids, filled by one executemany, lets SQLite do the set work (the cascades use the foreign-key indexes).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from netcrm.core.store.schema import contact


def delete_contacts(conn: sa.Connection, ids: Sequence[int]) -> None:
    """Remove these contacts for good; whoever they introduced keeps no introducer."""
    if not ids:
        return
    doomed = sa.Table(
        "doomed_contact", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), prefixes=["TEMPORARY"]
    )
    doomed.create(conn)  # inside the caller's transaction: a rollback takes it away too
    conn.execute(doomed.insert(), [{"id": int(i)} for i in ids])
    chosen = sa.select(doomed.c.id).scalar_subquery()
    conn.execute(
        sa.update(contact).where(contact.c.introduced_by_id.in_(chosen)).values(introduced_by_id=None)
    )
    conn.execute(sa.delete(contact).where(contact.c.id.in_(chosen)))
    doomed.drop(conn)
