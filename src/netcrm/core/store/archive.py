"""The archive's rows (issue 17): messages, conversation participants, invitations, endorsements and
recommendations, target companies, and the interactions they make.

Every write skips what the database already holds by its stable key, so a re-import adds only what is
new; every row carries its batch, so `undo_rows` takes a whole archive back.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from netcrm.core.store.schema import (
    archive_message,
    archive_participant,
    contact,
    endorsement,
    interaction,
    invitation,
    target_company,
)

_ARCHIVE_TABLES = (archive_message, archive_participant, invitation, endorsement, target_company, interaction)


def existing_keys(conn: sa.Connection, column: sa.Column[Any]) -> set[str]:
    """Every key a table already holds (a set of 100,000 short strings is a few MB)."""
    return {str(key) for (key,) in conn.execute(sa.select(column)) if key is not None}


def message_keys(conn: sa.Connection) -> set[str]:
    return existing_keys(conn, archive_message.c.message_key)


def interaction_keys(conn: sa.Connection) -> set[str]:
    return existing_keys(conn, interaction.c.source_key)


def insert_rows(conn: sa.Connection, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert `rows` (dicts of one shape) in chunks; how many."""
    for start in range(0, len(rows), 10_000):
        conn.execute(sa.insert(table), list(rows[start : start + 10_000]))
    return len(rows)


def insert_messages(conn: sa.Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    return insert_rows(conn, archive_message, rows)


def insert_interactions(conn: sa.Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    return insert_rows(conn, interaction, rows)


def participants(conn: sa.Connection) -> dict[tuple[str, str], int | None]:
    """(conversation id, slug) -> contact id (None for a person who is no contact)."""
    return {
        (str(conv), str(slug)): cid
        for conv, slug, cid in conn.execute(
            sa.select(
                archive_participant.c.conversation_id,
                archive_participant.c.slug,
                archive_participant.c.contact_id,
            )
        )
    }


def insert_participants(conn: sa.Connection, rows: Sequence[Mapping[str, Any]]) -> int:
    return insert_rows(conn, archive_participant, rows)


def link_participants(conn: sa.Connection, by_slug: Mapping[str, int]) -> int:
    """Give participants who were nobody the contact their slug now has (a later import added them)."""
    loose = conn.execute(
        sa.select(archive_participant.c.slug).where(archive_participant.c.contact_id.is_(None)).distinct()
    ).scalars()
    pairs = [{"s": slug, "c": by_slug[slug]} for slug in loose if slug in by_slug]
    if pairs:
        conn.execute(
            sa.update(archive_participant)
            .where(archive_participant.c.slug == sa.bindparam("s"))
            .values(contact_id=sa.bindparam("c")),
            pairs,
        )
    return len(pairs)


def pending_invitations(conn: sa.Connection) -> dict[str, tuple[int, int, str]]:
    """invitation key -> (invitation id, contact id, direction) of the pending ones."""
    rows = conn.execute(
        sa.select(
            invitation.c.invitation_key, invitation.c.id, invitation.c.contact_id, invitation.c.direction
        ).where(invitation.c.status == "pending")
    )
    return {str(key): (int(iid), int(cid), str(direction)) for key, iid, cid, direction in rows}


def invitation_keys(conn: sa.Connection) -> set[str]:
    return existing_keys(conn, invitation.c.invitation_key)


def accept_invitations(conn: sa.Connection, ids: Iterable[int], on: date) -> None:
    """Invitations whose person is now a connection: accepted on `on`."""
    for iid in ids:
        conn.execute(
            sa.update(invitation).where(invitation.c.id == iid).values(status="accepted", accepted_on=on)
        )


def endorsement_keys(conn: sa.Connection) -> set[str]:
    return existing_keys(conn, endorsement.c.record_key)


def company_keys(conn: sa.Connection) -> set[str]:
    return existing_keys(conn, target_company.c.name_key)


def set_degree(conn: sa.Connection, ids: Sequence[int], degree: int) -> None:
    if ids:
        conn.execute(sa.update(contact).where(contact.c.id.in_(list(ids))).values(degree=degree))


def undo_rows(conn: sa.Connection, batch_id: int) -> int:
    """Delete every archive row (and interaction) a batch added; run before its contacts are judged."""
    removed = 0
    for table in _ARCHIVE_TABLES:
        removed += conn.execute(sa.delete(table).where(table.c.batch_id == batch_id)).rowcount or 0
    return removed


# -- reads --------------------------------------------------------------------------------------


def conversation(conn: sa.Connection, contact_id: int) -> list[dict[str, Any]]:
    """The contact's messages, oldest first: every message of every conversation they are in."""
    convs = sa.select(archive_participant.c.conversation_id).where(
        archive_participant.c.contact_id == contact_id
    )
    rows = conn.execute(
        sa.select(
            archive_message.c.conversation_id,
            archive_message.c.conversation_title,
            archive_message.c.sender_name,
            archive_message.c.sent_at,
            archive_message.c.direction,
            archive_message.c.folder,
            archive_message.c.subject,
            archive_message.c.text,
        )
        .where(archive_message.c.conversation_id.in_(convs))
        .order_by(archive_message.c.sent_at, archive_message.c.id)
    )
    return [dict(row) for row in rows.mappings()]


def invitations(conn: sa.Connection, *, older_than: datetime | None = None) -> list[dict[str, Any]]:
    """Pending invitations, oldest first; with `older_than`, only those sent before it (to withdraw)."""
    query = (
        sa.select(
            invitation.c.contact_id,
            invitation.c.direction,
            invitation.c.sent_at,
            invitation.c.message,
            contact.c.display_name,
            contact.c.linkedin_url,
        )
        .join(contact, contact.c.id == invitation.c.contact_id)
        .where(invitation.c.status == "pending", contact.c.deleted_at.is_(None))
        .order_by(invitation.c.sent_at, invitation.c.id)
    )
    if older_than is not None:
        query = query.where(invitation.c.direction == "outgoing", invitation.c.sent_at < older_than)
    return [dict(row) for row in conn.execute(query).mappings()]


def status_of(conn: sa.Connection, contact_id: int) -> str:
    """'invited', 'invited_you' (a pending invitation either way) or 'connected'."""
    direction = conn.execute(
        sa.select(invitation.c.direction)
        .where(invitation.c.contact_id == contact_id, invitation.c.status == "pending")
        .limit(1)
    ).scalar()
    return {"outgoing": "invited", "incoming": "invited_you"}.get(str(direction), "connected")


def unmatched_people(conn: sa.Connection) -> list[dict[str, Any]]:
    """People in conversations who are no contact (InMail, message requests): listed, added on request."""
    rows = conn.execute(
        sa.select(archive_participant.c.slug, archive_participant.c.name, archive_participant.c.profile_url)
        .where(archive_participant.c.contact_id.is_(None))
        .distinct()
        .order_by(archive_participant.c.name)
    )
    return [dict(row) for row in rows.mappings()]


def records_of(conn: sa.Connection, contact_id: int) -> list[dict[str, Any]]:
    """The contact's endorsements and recommendations, newest first."""
    rows = conn.execute(
        sa.select(
            endorsement.c.kind,
            endorsement.c.given,
            endorsement.c.skill,
            endorsement.c.text,
            endorsement.c.occurred_on,
            endorsement.c.status,
        )
        .where(endorsement.c.contact_id == contact_id)
        .order_by(endorsement.c.occurred_on.desc())
    )
    return [dict(row) for row in rows.mappings()]


def unmatched_recommendations(conn: sa.Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        sa.select(endorsement.c.person_name, endorsement.c.company, endorsement.c.given)
        .where(endorsement.c.kind == "recommendation", endorsement.c.contact_id.is_(None))
        .order_by(endorsement.c.person_name)
    )
    return [dict(row) for row in rows.mappings()]


def target_companies(conn: sa.Connection) -> list[dict[str, Any]]:
    """Followed companies with the number of live contacts there (matched on the folded name)."""
    counts = (
        sa.select(sa.func.count())
        .select_from(contact)
        .where(sa.func.lower(contact.c.company) == target_company.c.name_key, contact.c.deleted_at.is_(None))
        .scalar_subquery()
    )
    rows = conn.execute(
        sa.select(target_company.c.name, target_company.c.followed_on, counts.label("contacts")).order_by(
            target_company.c.name
        )
    )
    return [dict(row) for row in rows.mappings()]


def invitation_stats(conn: sa.Connection, today: date, weeks: int) -> dict[str, Any]:
    """Outgoing invitations sent per week (Monday first, the last `weeks`) and the share accepted."""
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    sent = conn.execute(
        sa.select(invitation.c.sent_at, invitation.c.status).where(invitation.c.direction == "outgoing")
    ).all()
    per_week = {(start + timedelta(days=7 * i)).isoformat(): 0 for i in range(weeks)}
    for sent_at, _status in sent:
        if sent_at is not None and sent_at.date() >= start:
            monday = sent_at.date() - timedelta(days=sent_at.weekday())
            per_week[monday.isoformat()] = per_week.get(monday.isoformat(), 0) + 1
    accepted = sum(1 for _sent, status in sent if status == "accepted")
    return {
        "per_week": per_week,
        "sent": len(sent),
        "accepted": accepted,
        "acceptance_rate": accepted / len(sent) if sent else None,
    }
