"""Revert many contacts an import updated, in one executemany per kind of change instead of per contact.

Undoing a re-import of 100,000 updated contacts ran five statements a contact (update, e-mails, phones,
tags, the detector's tag); grouped, SQLite prepares each statement once and runs it over all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from netcrm.core import rules
from netcrm.core.store.schema import contact, contact_email, contact_phone, contact_tag, tag


@dataclass(frozen=True)
class Revert:
    """One contact's way back: fields to restore, and what the import added to take away again."""

    contact_id: int
    values: dict[str, Any]
    email_keys: list[str]
    phones: list[str]
    tags: list[str]
    drop_detected: bool  # the detector's open-networker tag, when the user gave no verdict since


def apply(conn: sa.Connection, reverts: Sequence[Revert], now: datetime, on_tag: int) -> None:
    """Restore fields (bumping each version, as an edit does) and remove the import's additions."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for revert in reverts:
        if revert.values:
            row = {k: (v or None) if isinstance(v, str) else v for k, v in revert.values.items()}
            if "display_name" in row:
                row["sort_name"] = rules.sort_key(row["display_name"])
            groups.setdefault(tuple(sorted(row)), []).append(
                {**{f"v_{k}": v for k, v in row.items()}, "b_id": revert.contact_id}
            )
    for names, rows in groups.items():
        conn.execute(
            sa.update(contact)
            .where(contact.c.id == sa.bindparam("b_id"))
            .values(
                {
                    **{n: sa.bindparam(f"v_{n}") for n in names},
                    "updated_at": now,
                    "version": contact.c.version + 1,
                }
            ),
            rows,
        )
    emails = [{"b_id": r.contact_id, "b_key": k} for r in reverts for k in r.email_keys]
    if emails:
        conn.execute(
            sa.delete(contact_email).where(
                contact_email.c.contact_id == sa.bindparam("b_id"),
                contact_email.c.email_key == sa.bindparam("b_key"),
            ),
            emails,
        )
    phones = [{"b_id": r.contact_id, "b_phone": p} for r in reverts for p in r.phones]
    if phones:
        conn.execute(
            sa.delete(contact_phone).where(
                contact_phone.c.contact_id == sa.bindparam("b_id"),
                contact_phone.c.phone == sa.bindparam("b_phone"),
            ),
            phones,
        )
    tag_ids = _tag_ids(conn, {t for r in reverts for t in r.tags})
    links = [
        {"b_id": r.contact_id, "b_tag": tag_ids[rules.fold(t)], "b_by": "import"}
        for r in reverts
        for t in r.tags
        if rules.fold(t) in tag_ids
    ]
    links += [{"b_id": r.contact_id, "b_tag": on_tag, "b_by": "detector"} for r in reverts if r.drop_detected]
    if links:
        conn.execute(
            sa.delete(contact_tag).where(
                contact_tag.c.contact_id == sa.bindparam("b_id"),
                contact_tag.c.tag_id == sa.bindparam("b_tag"),
                contact_tag.c.decided_by == sa.bindparam("b_by"),
            ),
            links,
        )


def _tag_ids(conn: sa.Connection, names: set[str]) -> dict[str, int]:
    """Existing tags by folded name (a tag deleted since has nothing left to take away)."""
    keys = sorted({rules.fold(n) for n in names})
    if not keys:
        return {}
    rows = conn.execute(sa.select(tag.c.name_key, tag.c.id).where(tag.c.name_key.in_(keys)))
    return {str(key): int(tid) for key, tid in rows}
