"""Repository functions: SQL in, frozen records out. Every function takes an open Connection."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa

from netcrm.core import rules
from netcrm.core.model import (
    Contact,
    ContactFilter,
    FollowUp,
    HistoryEntry,
    ImportBatch,
    Interaction,
    Introduction,
    Tag,
)
from netcrm.core.store.queries import LIST_ROWS_SQL, ONE_ROW_SQL, PG_LIST_ROWS_SQL, PG_ONE_ROW_SQL
from netcrm.core.store.schema import (
    contact,
    contact_email,
    contact_history,
    contact_phone,
    contact_tag,
    follow_up,
    import_batch,
    import_change,
    interaction,
    intro_request,
    setting,
    tag,
)

OPEN_NETWORKER = "open_networker"
OPEN_NETWORKER_NAME = "Open networker"  # the built-in tag's name, as the first migration creates it
CHUNK = 500  # ids per IN (...) list: far below every SQLite build's variable limit


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    """Split long id lists so that no statement exceeds the driver's parameter limit."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def none_if_empty(value: str | None) -> str | None:
    """Empty text is stored as NULL, so that 'no company' has one spelling."""
    return value if value else None


# -- contacts ------------------------------------------------------------------------------------


def insert_contact(conn: sa.Connection, values: Mapping[str, Any], now: datetime) -> int:
    """Insert one contact row (children are added separately) and return its id."""
    row = {key: none_if_empty(val) if isinstance(val, str) else val for key, val in values.items()}
    row.setdefault("display_name", "")
    row.update(sort_name=rules.sort_key(row["display_name"]), created_at=now, updated_at=now, version=1)
    result = conn.execute(sa.insert(contact).values(**row))
    new_id = result.inserted_primary_key
    assert new_id is not None
    return int(new_id[0])


def update_contact(
    conn: sa.Connection,
    contact_id: int,
    values: Mapping[str, Any],
    now: datetime,
    expected_version: int | None,
) -> int | None:
    """Change fields and bump the version; None when `expected_version` no longer matches."""
    row = {key: none_if_empty(val) if isinstance(val, str) else val for key, val in values.items()}
    if "display_name" in row:
        row["sort_name"] = rules.sort_key(row["display_name"])
    stmt = sa.update(contact).where(contact.c.id == contact_id)
    if expected_version is not None:
        stmt = stmt.where(contact.c.version == expected_version)
    result = conn.execute(stmt.values(**row, updated_at=now, version=contact.c.version + 1))
    if result.rowcount == 0:
        return None
    return int(conn.execute(sa.select(contact.c.version).where(contact.c.id == contact_id)).scalar_one())


def touch_contacts(conn: sa.Connection, ids: Sequence[int], now: datetime) -> None:
    """Bump version and update time after a change to a contact's children (tags, e-mails...)."""
    for part in chunks(ids):
        conn.execute(
            sa.update(contact)
            .where(contact.c.id.in_(part))
            .values(updated_at=now, version=contact.c.version + 1)
        )


def contact_version(conn: sa.Connection, contact_id: int) -> int | None:
    """The version counter of a contact, None if it does not exist."""
    found = conn.execute(sa.select(contact.c.version).where(contact.c.id == contact_id)).scalar()
    return None if found is None else int(found)


def live_ids(conn: sa.Connection, ids: Sequence[int], *, trash: bool = False) -> list[int]:
    """Those of `ids` that exist and are live (or, with trash=True, in the trash)."""
    found: list[int] = []
    cond = contact.c.deleted_at.is_not(None) if trash else contact.c.deleted_at.is_(None)
    for part in chunks(list(ids)):
        found += [
            int(r[0]) for r in conn.execute(sa.select(contact.c.id).where(contact.c.id.in_(part), cond))
        ]
    return found


def set_emails(conn: sa.Connection, contact_id: int, emails: Sequence[str]) -> None:
    """Replace a contact's e-mail addresses, keeping their order."""
    conn.execute(sa.delete(contact_email).where(contact_email.c.contact_id == contact_id))
    if emails:
        conn.execute(
            sa.insert(contact_email),
            [
                {"contact_id": contact_id, "email": e, "email_key": rules.email_key(e), "position": i}
                for i, e in enumerate(emails)
            ],
        )


def set_phones(conn: sa.Connection, contact_id: int, phones: Sequence[str]) -> None:
    """Replace a contact's phone numbers, keeping their order."""
    conn.execute(sa.delete(contact_phone).where(contact_phone.c.contact_id == contact_id))
    if phones:
        conn.execute(
            sa.insert(contact_phone),
            [{"contact_id": contact_id, "phone": p, "position": i} for i, p in enumerate(phones)],
        )


def find_by_slug(conn: sa.Connection, slug: str) -> int | None:
    """The contact (live or in the trash) with this LinkedIn slug."""
    found = conn.execute(sa.select(contact.c.id).where(contact.c.linkedin_slug == slug)).scalar()
    return None if found is None else int(found)


def find_by_email(conn: sa.Connection, email: str) -> int | None:
    """The first live contact with this e-mail address, compared case-insensitively."""
    found = conn.execute(
        sa.select(contact_email.c.contact_id)
        .join(contact, contact.c.id == contact_email.c.contact_id)
        .where(contact_email.c.email_key == rules.email_key(email), contact.c.deleted_at.is_(None))
        .order_by(contact_email.c.contact_id)
        .limit(1)
    ).scalar()
    return None if found is None else int(found)


def refresh_derived(conn: sa.Connection, ids: Sequence[int]) -> None:
    """Recompute the list columns (first e-mail, tag names, search key, sort name) of these contacts."""
    for part in chunks(list(ids)):
        updates = derived_values(conn, part)
        if updates:
            conn.execute(
                sa.update(contact)
                .where(contact.c.id == sa.bindparam("b_id"))
                .values(
                    primary_email=sa.bindparam("b_email"),
                    tag_names=sa.bindparam("b_tags"),
                    search_key=sa.bindparam("b_key"),
                    sort_name=sa.bindparam("b_sort"),
                ),
                updates,
            )


def derived_values(conn: sa.Connection, part: Sequence[int]) -> list[dict[str, Any]]:
    """What the list columns of these contacts (one chunk of ids) should hold, computed from their rows."""
    emails = _children(conn, contact_email, contact_email.c.email, part)
    tags = _tags_of(conn, part)
    rows = conn.execute(
        sa.select(
            contact.c.id,
            contact.c.first_name,
            contact.c.last_name,
            contact.c.display_name,
            contact.c.company,
            contact.c.position,
            contact.c.location,
            contact.c.notes,
        ).where(contact.c.id.in_(part))
    ).all()
    updates = []
    for cid, first, last, display, company, position, location, notes in rows:
        names = [link[0] for link in tags.get(cid, [])]
        mails = emails.get(cid, [])
        key = rules.search_key(
            [
                first or "",
                last or "",
                display or "",
                company or "",
                position or "",
                location or "",
                *mails,
                *names,
                notes or "",
            ]
        )
        updates.append(
            {
                "b_id": cid,
                "b_email": mails[0] if mails else None,
                "b_tags": "; ".join(names) or None,
                "b_key": key,
                "b_sort": rules.sort_key(display),
            }
        )
    return updates


def _children(
    conn: sa.Connection, table: sa.Table, column: Any, ids: Sequence[int] | None
) -> dict[int, list[str]]:
    result: dict[int, list[str]] = defaultdict(list)
    rows = conn.execute(
        sa.select(table.c.contact_id, column)
        .where(ids_in(table.c.contact_id, ids) if ids is not None else sa.true())
        .order_by(table.c.contact_id, table.c.position, table.c.id)
    )
    for cid, value in rows:
        result[int(cid)].append(value)
    return result


TagLink = tuple[str, str, str | None, bool]  # name, decided_by, reason, is the open networker tag


def _tags_of(conn: sa.Connection, ids: Sequence[int] | None) -> dict[int, list[TagLink]]:
    result: dict[int, list[TagLink]] = defaultdict(list)
    rows = conn.execute(
        sa.select(
            contact_tag.c.contact_id,
            tag.c.name,
            contact_tag.c.decided_by,
            contact_tag.c.reason,
            tag.c.builtin,
        )
        .join(tag, tag.c.id == contact_tag.c.tag_id)
        .where(ids_in(contact_tag.c.contact_id, ids) if ids is not None else sa.true())
        .order_by(contact_tag.c.contact_id, tag.c.builtin.is_(None), by_code_point(conn, tag.c.name_key))
    )
    for cid, name, by, why, builtin in rows:
        result[int(cid)].append((name, by, why, builtin == OPEN_NETWORKER))
    return result


def ids_in(column: Any, ids: Sequence[int]) -> sa.TextClause:
    """`column IN (1, 2, ...)` with the integers written into the SQL.

    Ids are integers, so this is safe, and it spares SQLAlchemy compiling one bound parameter per id (for a
    100,000-contact export that compiling cost more than the queries) and every driver's parameter limit.
    """
    listed = ",".join(str(int(i)) for i in ids) or "NULL"
    return sa.text(f'"{column.table.name}"."{column.name}" IN ({listed})')


def holds(conn: sa.Connection, column: Any, word: str) -> sa.ColumnElement[bool]:
    """`word` occurs in `column` (search keys are folded already): a plain substring test, unlike LIKE
    (wildcards, ASCII case folding on SQLite); SQLite spells it instr, PostgreSQL strpos."""
    position = sa.func.strpos if conn.dialect.name == "postgresql" else sa.func.instr
    return position(column, word) > 0


def by_code_point(conn: sa.Connection, column: Any) -> Any:
    """`column` ordered by code point, as SQLite and Python's sort order folded keys; a server's collation
    (en_US and the like) skips spaces and punctuation, so the SQL and the app's own sort would disagree."""
    return column.collate("C") if conn.dialect.name == "postgresql" else column


def untimed_first(conn: sa.Connection, column: Any) -> Any:
    """A follow-up without a time is due at the start of its day: NULL first, as SQLite sorts it anyway."""
    return column.nulls_first() if conn.dialect.name == "postgresql" else column


def get_contacts(conn: sa.Connection, ids: Sequence[int]) -> list[Contact]:
    """Full records for these ids (live or trashed), in the order given."""
    by_id: dict[int, Contact] = {}
    for part in chunks(list(ids), 2000):
        by_id.update({c.id: c for c in _load_contacts(conn, part)})
    return [by_id[i] for i in ids if i in by_id]


def _load_contacts(conn: sa.Connection, wanted: Sequence[int]) -> list[Contact]:
    rows = conn.execute(sa.select(contact).where(ids_in(contact.c.id, wanted))).mappings().all()
    ids = [int(r["id"]) for r in rows]
    extras = _ContactExtras.read(conn, ids)
    return [extras.contact(r) for r in rows]


def iter_contacts(conn: sa.Connection, ids: Sequence[int], chunk: int = 2000) -> Iterator[Contact]:
    """Full records for many ids, in the order given, streaming: what an export of everyone reads.

    The child tables are read whole, once (far cheaper than one set of queries per chunk); contact rows
    come in chunks, so memory stays flat.
    """
    extras = _ContactExtras.read(conn, None)
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        rows = conn.execute(sa.select(contact).where(ids_in(contact.c.id, part))).mappings().all()
        by_id = {int(r["id"]): r for r in rows}
        for cid in part:
            row = by_id.get(cid)
            if row is not None:
                yield extras.contact(row)


class _ContactExtras:
    """What a Contact record gathers from other tables: e-mails, phones, tags, next follow-up, last touch."""

    def __init__(
        self,
        emails: dict[int, list[str]],
        phones: dict[int, list[str]],
        tags: dict[int, list[TagLink]],
        next_due: dict[int, Any],
        last_on: dict[int, Any],
    ) -> None:
        self.emails, self.phones, self.tags, self.next_due, self.last_on = (
            emails,
            phones,
            tags,
            next_due,
            last_on,
        )

    @classmethod
    def read(cls, conn: sa.Connection, ids: Sequence[int] | None) -> _ContactExtras:
        """For these contacts, or (None) for everyone."""

        def among(column: Any) -> Any:
            return ids_in(column, ids) if ids is not None else sa.true()

        next_due = dict(
            conn.execute(
                sa.select(follow_up.c.contact_id, sa.func.min(follow_up.c.due))
                .where(among(follow_up.c.contact_id), follow_up.c.status != "done")
                .group_by(follow_up.c.contact_id)
            ).all()
        )
        last_on = dict(
            conn.execute(
                sa.select(interaction.c.contact_id, sa.func.max(interaction.c.occurred_on))
                .where(among(interaction.c.contact_id))
                .group_by(interaction.c.contact_id)
            ).all()
        )
        return cls(
            _children(conn, contact_email, contact_email.c.email, ids),
            _children(conn, contact_phone, contact_phone.c.phone, ids),
            _tags_of(conn, ids),
            next_due,
            last_on,
        )

    def contact(self, r: Any) -> Contact:
        """The record of one contact row."""
        cid = int(r["id"])
        tag_rows = self.tags.get(cid, [])
        on = next(((by, why) for _name, by, why, is_on in tag_rows if is_on), None)
        return Contact(
            id=cid,
            first_name=r["first_name"] or "",
            last_name=r["last_name"] or "",
            display_name=r["display_name"] or "",
            company=r["company"] or "",
            position=r["position"] or "",
            location=r["location"] or "",
            linkedin_url=r["linkedin_url"] or "",
            linkedin_slug=r["linkedin_slug"],
            degree=int(r["degree"]),
            emails=tuple(self.emails.get(cid, ())),
            phones=tuple(self.phones.get(cid, ())),
            connected_on=r["connected_on"],
            notes=r["notes"] or "",
            source=r["source"] or "",
            cadence_days=r["cadence_days"],
            introduced_by_id=r["introduced_by_id"],
            tags=tuple(link[0] for link in tag_rows),
            open_networker=on is not None,
            open_networker_reason=(on[1] or "") if on else "",
            open_networker_by=on[0] if on else None,
            open_networker_verdict=r["open_networker_verdict"],
            next_follow_up=self.next_due.get(cid),
            last_contacted=self.last_on.get(cid),
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            deleted_at=r["deleted_at"],
            version=int(r["version"]),
        )


def filter_ids(conn: sa.Connection, flt: ContactFilter, today: date) -> list[int]:
    """Ids of the contacts a filter selects, ordered by display name, people without a name last."""
    query = sa.select(contact.c.id)
    query = query.where(contact.c.deleted_at.is_not(None) if flt.trash else contact.c.deleted_at.is_(None))
    if flt.search:
        for word in rules.fold(flt.search).split():
            query = query.where(holds(conn, contact.c.search_key, word))
    if flt.tag:
        tagged = sa.select(contact_tag.c.contact_id).join(tag, tag.c.id == contact_tag.c.tag_id)
        query = query.where(contact.c.id.in_(tagged.where(tag.c.name_key == rules.fold(flt.tag))))
    if flt.open_networkers:
        on = sa.select(contact_tag.c.contact_id).join(tag, tag.c.id == contact_tag.c.tag_id)
        query = query.where(contact.c.id.in_(on.where(tag.c.builtin == OPEN_NETWORKER)))
    if flt.due:
        due = sa.select(follow_up.c.contact_id).where(follow_up.c.status != "done", follow_up.c.due <= today)
        query = query.where(contact.c.id.in_(due))
    if flt.ids is not None:
        query = query.where(contact.c.id.in_(list(flt.ids)))
    query = query.order_by(unnamed_last(), by_code_point(conn, contact.c.sort_name), contact.c.id)
    return [int(r[0]) for r in conn.execute(query)]


def unnamed_last() -> Any:
    """An ORDER BY term putting people without a name (shown by their e-mail or company) after the named.

    A workbook or a list sorted by name read "anna@...", "Anna Berg", "bob@..." when the derived names
    sorted among the real ones; now the named come first, then the rest in the same order.
    """
    empty_first = sa.func.coalesce(contact.c.first_name, "") == ""
    empty_last = sa.func.coalesce(contact.c.last_name, "") == ""
    derived = sa.or_(
        contact.c.display_name == "",
        contact.c.display_name == sa.func.coalesce(contact.c.primary_email, ""),
        contact.c.display_name == sa.func.coalesce(contact.c.company, ""),
    )
    return sa.case((sa.and_(empty_first, empty_last, derived), 1), else_=0)


def soft_delete(conn: sa.Connection, ids: Sequence[int], now: datetime) -> None:
    """Move contacts to the trash."""
    for part in chunks(list(ids)):
        conn.execute(
            sa.update(contact)
            .where(contact.c.id.in_(part))
            .values(deleted_at=now, updated_at=now, version=contact.c.version + 1)
        )


def restore(conn: sa.Connection, ids: Sequence[int], now: datetime) -> None:
    """Bring contacts back from the trash."""
    for part in chunks(list(ids)):
        conn.execute(
            sa.update(contact)
            .where(contact.c.id.in_(part))
            .values(deleted_at=None, updated_at=now, version=contact.c.version + 1)
        )


def list_rows(conn: sa.Connection) -> list[tuple[Any, ...]]:
    """The contact list's rows (see LIST_ROWS_SQL) through SQLAlchemy, for servers."""
    return [tuple(r) for r in conn.execute(sa.text(_list_sql(conn)))]


def _list_sql(conn: sa.Connection) -> str:
    """LIST_ROWS_SQL in this database's dialect (same columns, same types)."""
    return PG_LIST_ROWS_SQL if conn.dialect.name == "postgresql" else LIST_ROWS_SQL


# -- tags ------------------------------------------------------------------------------------------


def ensure_tag(conn: sa.Connection, name: str) -> int:
    """The id of the tag with this name (compared case- and accent-insensitively), created if new."""
    key = rules.fold(name)
    found = conn.execute(sa.select(tag.c.id).where(tag.c.name_key == key)).scalar()
    if found is not None:
        return int(found)
    result = conn.execute(sa.insert(tag).values(name=name, name_key=key))
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def linkedin_slugs(conn: sa.Connection) -> set[str]:
    """Every LinkedIn slug in the database (live or trashed): demo people must not reuse one."""
    return {
        row[0]
        for row in conn.execute(
            sa.select(contact.c.linkedin_slug).where(contact.c.linkedin_slug.is_not(None))
        )
    }


def open_networker_tag_id(conn: sa.Connection) -> int:
    """The built-in open networker tag."""
    return int(conn.execute(sa.select(tag.c.id).where(tag.c.builtin == OPEN_NETWORKER)).scalar_one())


def add_tag(
    conn: sa.Connection,
    ids: Sequence[int],
    tag_id: int,
    now: datetime,
    *,
    decided_by: str = "user",
    reason: str | None = None,
) -> list[int]:
    """Tag contacts (those already tagged keep their row unless the user now decides); returns changed ids."""
    changed: list[int] = []
    for part in chunks(list(ids)):
        existing = {
            int(r[0]): r[1]
            for r in conn.execute(
                sa.select(contact_tag.c.contact_id, contact_tag.c.decided_by).where(
                    contact_tag.c.tag_id == tag_id, contact_tag.c.contact_id.in_(part)
                )
            )
        }
        new = [cid for cid in part if cid not in existing]
        if new:
            conn.execute(
                sa.insert(contact_tag),
                [
                    {
                        "contact_id": cid,
                        "tag_id": tag_id,
                        "decided_by": decided_by,
                        "reason": reason,
                        "created_at": now,
                    }
                    for cid in new
                ],
            )
        promote = [cid for cid, by in existing.items() if decided_by == "user" and by != "user"]
        if promote:
            conn.execute(
                sa.update(contact_tag)
                .where(contact_tag.c.tag_id == tag_id, contact_tag.c.contact_id.in_(promote))
                .values(decided_by="user", reason=reason)
            )
        changed += new + promote
    return changed


def remove_tag(conn: sa.Connection, ids: Sequence[int], tag_id: int) -> list[int]:
    """Untag contacts; returns the ids that carried the tag."""
    changed: list[int] = []
    for part in chunks(list(ids)):
        had = [
            int(r[0])
            for r in conn.execute(
                sa.select(contact_tag.c.contact_id).where(
                    contact_tag.c.tag_id == tag_id, contact_tag.c.contact_id.in_(part)
                )
            )
        ]
        if had:
            conn.execute(
                sa.delete(contact_tag).where(
                    contact_tag.c.tag_id == tag_id, contact_tag.c.contact_id.in_(had)
                )
            )
        changed += had
    return changed


def find_tag(conn: sa.Connection, name: str) -> int | None:
    """The id of an existing tag, or None."""
    found = conn.execute(sa.select(tag.c.id).where(tag.c.name_key == rules.fold(name))).scalar()
    return None if found is None else int(found)


def list_tags(conn: sa.Connection) -> list[Tag]:
    """Every tag with its count of live contacts, the built-in one first.

    Counted as all links per tag (an index scan) less the links of contacts in the trash (found through
    the trash's index): testing every linked contact for being live read the wide table (45 ms at 100k).
    """
    links = sa.select(contact_tag.c.tag_id, sa.func.count()).group_by(contact_tag.c.tag_id)
    in_trash = sa.select(contact.c.id).where(contact.c.deleted_at.is_not(None))
    trashed = (
        sa.select(contact_tag.c.tag_id, sa.func.count())
        .where(contact_tag.c.contact_id.in_(in_trash))
        .group_by(contact_tag.c.tag_id)
    )
    count = {int(tag_id): int(n) for tag_id, n in conn.execute(links)}
    for tag_id, n in conn.execute(trashed):
        count[int(tag_id)] -= int(n)
    rows = conn.execute(
        sa.select(tag.c.id, tag.c.name, tag.c.builtin, tag.c.cadence_days).order_by(
            tag.c.builtin.is_(None), by_code_point(conn, tag.c.name_key)
        )
    )
    return [
        Tag(id=int(i), name=n, builtin=b is not None, count=count.get(int(i), 0), cadence_days=cd)
        for i, n, b, cd in rows
    ]


def set_verdict(conn: sa.Connection, ids: Sequence[int], verdict: str | None) -> None:
    """Record the user's final word on open networking for these contacts."""
    for part in chunks(list(ids)):
        conn.execute(sa.update(contact).where(contact.c.id.in_(part)).values(open_networker_verdict=verdict))


# -- follow-ups and interactions -------------------------------------------------------------------


def _follow_up_query() -> sa.Select[Any]:
    return sa.select(follow_up, contact.c.display_name).join(contact, contact.c.id == follow_up.c.contact_id)


def _to_follow_up(r: sa.RowMapping) -> FollowUp:
    return FollowUp(
        id=int(r["id"]),
        contact_id=int(r["contact_id"]),
        contact_name=r["display_name"] or "",
        due=r["due"],
        due_time=r["due_time"],
        note=r["note"] or "",
        recurrence=r["recurrence"],
        status=r["status"],
        completed_at=r["completed_at"],
        created_at=r["created_at"],
    )


def insert_follow_up(
    conn: sa.Connection,
    contact_id: int,
    due: date,
    note: str,
    recurrence: str | None,
    due_time: time | None,
    now: datetime,
) -> int:
    """Add an open follow-up and return its id."""
    result = conn.execute(
        sa.insert(follow_up).values(
            contact_id=contact_id,
            due=due,
            due_time=due_time,
            note=none_if_empty(note),
            recurrence=recurrence,
            status="open",
            created_at=now,
        )
    )
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def get_follow_up(conn: sa.Connection, follow_up_id: int) -> FollowUp | None:
    """One follow-up with its contact's name."""
    row = conn.execute(_follow_up_query().where(follow_up.c.id == follow_up_id)).mappings().first()
    return None if row is None else _to_follow_up(row)


def update_follow_up(conn: sa.Connection, follow_up_id: int, **values: Any) -> None:
    """Change a follow-up's due date, status, note..."""
    conn.execute(sa.update(follow_up).where(follow_up.c.id == follow_up_id).values(**values))


def list_follow_ups(
    conn: sa.Connection,
    *,
    due_until: date | None = None,
    include_done: bool = False,
    contact_id: int | None = None,
) -> list[FollowUp]:
    """Follow-ups of live contacts by due date: open and snoozed ones, or all."""
    query = _follow_up_query().where(contact.c.deleted_at.is_(None))
    if not include_done:
        query = query.where(follow_up.c.status != "done")
    if due_until is not None:
        query = query.where(follow_up.c.due <= due_until)
    if contact_id is not None:
        query = query.where(follow_up.c.contact_id == contact_id)
    query = query.order_by(follow_up.c.due, untimed_first(conn, follow_up.c.due_time), follow_up.c.id)
    return [_to_follow_up(r) for r in conn.execute(query).mappings()]


def insert_interaction(
    conn: sa.Connection,
    contact_id: int,
    kind: str,
    occurred_on: date,
    summary: str,
    now: datetime,
    direction: str | None = None,
) -> int:
    """Log an interaction and return its id."""
    result = conn.execute(
        sa.insert(interaction).values(
            contact_id=contact_id,
            kind=kind,
            occurred_on=occurred_on,
            summary=none_if_empty(summary),
            created_at=now,
            direction=direction,
        )
    )
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def list_interactions(conn: sa.Connection, contact_id: int | None = None) -> list[Interaction]:
    """Interactions newest first (of one contact, or of every live contact)."""
    query = sa.select(interaction).join(contact, contact.c.id == interaction.c.contact_id)
    query = query.where(contact.c.deleted_at.is_(None))
    if contact_id is not None:
        query = query.where(interaction.c.contact_id == contact_id)
    query = query.order_by(interaction.c.occurred_on.desc(), interaction.c.id.desc())
    return [
        Interaction(
            id=int(r["id"]),
            contact_id=int(r["contact_id"]),
            kind=r["kind"],
            occurred_on=r["occurred_on"],
            summary=r["summary"] or "",
            created_at=r["created_at"],
            direction=r["direction"],
        )
        for r in conn.execute(query).mappings()
    ]


# -- history, batches, settings ------------------------------------------------------------------


def insert_history(
    conn: sa.Connection,
    contact_id: int,
    field: str,
    old: str | None,
    new: str | None,
    now: datetime,
    batch_id: int | None = None,
) -> None:
    """Keep an earlier value of a field (a job change, an edit)."""
    conn.execute(
        sa.insert(contact_history).values(
            contact_id=contact_id,
            field=field,
            old_value=old,
            new_value=new,
            changed_at=now,
            batch_id=batch_id,
        )
    )


def list_history(conn: sa.Connection, contact_id: int) -> list[HistoryEntry]:
    """A contact's earlier values, newest first."""
    rows = conn.execute(
        sa.select(contact_history)
        .where(contact_history.c.contact_id == contact_id)
        .order_by(contact_history.c.changed_at.desc(), contact_history.c.id.desc())
    ).mappings()
    return [
        HistoryEntry(
            contact_id=int(r["contact_id"]),
            field=r["field"],
            old_value=r["old_value"] or "",
            new_value=r["new_value"] or "",
            changed_at=r["changed_at"],
            batch_id=r["batch_id"],
        )
        for r in rows
    ]


def list_batches(conn: sa.Connection) -> list[ImportBatch]:
    """Import batches, newest first."""
    rows = conn.execute(sa.select(import_batch).order_by(import_batch.c.id.desc())).mappings()
    return [ImportBatch(**{k: r[k] for k in ImportBatch.__slots__}) for r in rows]


def get_setting(conn: sa.Connection, key: str) -> Any:
    """A stored preference (JSON), or None."""
    found = conn.execute(sa.select(setting.c.value).where(setting.c.key == key)).scalar()
    return None if found is None else json.loads(found)


def put_setting(conn: sa.Connection, key: str, value: Any) -> None:
    """Store a preference as JSON."""
    conn.execute(sa.delete(setting).where(setting.c.key == key))
    conn.execute(sa.insert(setting).values(key=key, value=json.dumps(value)))


def counts(conn: sa.Connection, today: date) -> dict[str, int]:
    """Numbers for the status bar and sidebar, in one round trip."""
    row = conn.execute(
        sa.text(
            """
            SELECT
              (SELECT COUNT(*) FROM contact WHERE deleted_at IS NULL),
              (SELECT COUNT(*) FROM contact_tag ct JOIN contact c ON c.id = ct.contact_id
                 WHERE c.deleted_at IS NULL
                   AND ct.tag_id = (SELECT id FROM tag WHERE builtin = 'open_networker')),
              (SELECT COUNT(*) FROM follow_up f JOIN contact c ON c.id = f.contact_id
                 WHERE c.deleted_at IS NULL AND f.status != 'done' AND f.due <= :today),
              (SELECT COUNT(*) FROM follow_up f JOIN contact c ON c.id = f.contact_id
                 WHERE c.deleted_at IS NULL AND f.status != 'done' AND f.due < :today),
              (SELECT COUNT(*) FROM contact WHERE deleted_at IS NOT NULL)
            """
        ),
        {"today": today.isoformat()},
    ).one()
    keys = ("contacts", "open_networkers", "follow_ups_due", "overdue", "trash")
    return {k: int(v) for k, v in zip(keys, row, strict=True)}


# -- bulk writes (import, demo) ----------------------------------------------------------------


def next_ids(conn: sa.Connection, table: sa.Table, count: int) -> range:
    """Reserve `count` ids client-side, so one executemany can insert parents and children together.

    On SQLite the write transaction holds the whole file, so the ids after the largest are free. On a
    server, other sessions draw ids from the table's sequence: the block is taken from the sequence itself
    (past both the largest id and the sequence's last value), so no one else can draw any of them.
    """
    if conn.dialect.name == "postgresql" and count > 0:
        last = conn.execute(
            sa.text(
                "SELECT setval(s.seq, GREATEST(COALESCE((SELECT MAX(id) FROM "
                f'"{table.name}"'
                "), 0), COALESCE(pg_sequence_last_value(CAST(s.seq AS regclass)), 0)) + :count) "
                "FROM (SELECT pg_get_serial_sequence(:table, 'id') AS seq) AS s"
            ),
            {"count": count, "table": table.name},
        ).scalar_one()
        return range(int(last) - count + 1, int(last) + 1)
    start = int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()) + 1
    return range(start, start + count)


def fix_sequences(conn: sa.Connection, tables: Iterable[sa.Table]) -> None:
    """After client-side ids, move a server's id sequences past them (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def bulk_insert_rows(
    conn: sa.Connection, table: sa.Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert many rows given as tuples; on SQLite straight through the driver (the ORM-free fast path)."""
    if not rows:
        return
    if conn.dialect.name != "sqlite":
        conn.execute(sa.insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table.name}" ({", ".join(columns)}) VALUES ({marks})'
    kinds = {type(v) for row in rows[:50] for v in row}
    if kinds & {date, datetime}:
        rows = [tuple(map(_sqlite_value, row)) for row in rows]
    conn.exec_driver_sql(sql, rows)


def _sqlite_value(value: Any) -> Any:
    """Dates and times stored exactly as SQLAlchemy's SQLite types store them."""
    if isinstance(value, datetime):
        return sqlite_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- imports (the key maps and what a re-import compares are in import_sql) -----------------------


def insert_batch(
    conn: sa.Connection, file_name: str, sha256: str, fmt: str, counts: Mapping[str, int], now: datetime
) -> int:
    """Record an import batch and return its id."""
    result = conn.execute(
        sa.insert(import_batch).values(
            file_name=file_name, sha256=sha256, format=fmt, created_at=now, **counts
        )
    )
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def get_batch(conn: sa.Connection, batch_id: int) -> ImportBatch | None:
    """One import batch."""
    r = conn.execute(sa.select(import_batch).where(import_batch.c.id == batch_id)).mappings().first()
    return None if r is None else ImportBatch(**{k: r[k] for k in ImportBatch.__slots__})


def batch_changes(conn: sa.Connection, batch_id: int) -> list[tuple[int, str, Any, Any]]:
    """What a batch did: (contact id, 'created' or 'updated', before, after)."""
    rows = conn.execute(
        sa.select(
            import_change.c.contact_id, import_change.c.action, import_change.c.before, import_change.c.after
        )
        .where(import_change.c.batch_id == batch_id)
        .order_by(import_change.c.id)
    )
    return [
        (int(cid), action, json.loads(before) if before else None, json.loads(after) if after else None)
        for cid, action, before, after in rows
    ]


def set_batch_status(conn: sa.Connection, batch_id: int, status: str) -> None:
    """Mark a batch undone."""
    conn.execute(sa.update(import_batch).where(import_batch.c.id == batch_id).values(status=status))


def hard_delete(conn: sa.Connection, ids: Sequence[int]) -> None:
    """Remove contacts for good (only an import's undo does this, for contacts it created)."""
    from netcrm.core.store.bulk_delete import delete_contacts

    delete_contacts(conn, ids)


def remove_emails(conn: sa.Connection, contact_id: int, keys: Iterable[str]) -> None:
    """Drop these e-mail addresses (by key) from a contact."""
    conn.execute(
        sa.delete(contact_email).where(
            contact_email.c.contact_id == contact_id, contact_email.c.email_key.in_(list(keys))
        )
    )


def remove_phones(conn: sa.Connection, contact_id: int, phones: Iterable[str]) -> None:
    """Drop these phone numbers from a contact."""
    conn.execute(
        sa.delete(contact_phone).where(
            contact_phone.c.contact_id == contact_id, contact_phone.c.phone.in_(list(phones))
        )
    )


def delete_batch_history(conn: sa.Connection, batch_id: int) -> None:
    """Forget the history rows a batch wrote (its job changes were undone)."""
    conn.execute(sa.delete(contact_history).where(contact_history.c.batch_id == batch_id))


def worked_on(conn: sa.Connection, ids: Sequence[int]) -> set[int]:
    """Contacts the user has follow-ups or interactions with: an undo never removes those."""
    found: set[int] = set()
    for part in chunks(list(ids)):
        for table in (follow_up, interaction):
            found.update(
                int(r[0])
                for r in conn.execute(sa.select(table.c.contact_id).where(table.c.contact_id.in_(part)))
            )
    return found


def contact_rows(conn: sa.Connection, ids: Sequence[int], names: Sequence[str]) -> dict[int, dict[str, Any]]:
    """Some columns of some contacts."""
    result: dict[int, dict[str, Any]] = {}
    for part in chunks(list(ids)):
        rows = conn.execute(
            sa.select(contact.c.id, *[contact.c[n] for n in names]).where(contact.c.id.in_(part))
        )
        for row in rows.mappings():
            result[int(row["id"])] = {n: row[n] for n in names}
    return result


def remove_imported_tag(
    conn: sa.Connection, contact_id: int, tag_id: int, *, decided_by: str = "import"
) -> None:
    """Take back a tag an import (or its detector) put on, unless the user has since made it theirs."""
    conn.execute(
        sa.delete(contact_tag).where(
            contact_tag.c.contact_id == contact_id,
            contact_tag.c.tag_id == tag_id,
            contact_tag.c.decided_by == decided_by,
        )
    )


def sqlite_datetime(value: datetime) -> str:
    """A time as SQLAlchemy's SQLite DateTime stores it (for rows written straight through the driver)."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


# -- networking: open-networker review, keep-in-touch, reminders, introductions, companies -----------


def open_networker_candidates(conn: sa.Connection) -> list[Any]:
    """Live contacts the detector may judge: no user verdict, and not tagged open networker yet.

    Columns: id, display_name, first_name, last_name, position, company, tag_names.
    """
    on_tag = sa.select(tag.c.id).where(tag.c.builtin == OPEN_NETWORKER).scalar_subquery()
    tagged = sa.select(contact_tag.c.contact_id).where(contact_tag.c.tag_id == on_tag)
    query = (
        sa.select(
            contact.c.id,
            contact.c.display_name,
            contact.c.first_name,
            contact.c.last_name,
            contact.c.position,
            contact.c.company,
            contact.c.tag_names,
        )
        .where(
            contact.c.deleted_at.is_(None),
            contact.c.open_networker_verdict.is_(None),
            contact.c.id.not_in(tagged),
        )
        .order_by(contact.c.id)
    )
    return list(conn.execute(query).all())


def pending_open_networkers(conn: sa.Connection) -> list[tuple[int, str, str]]:
    """The review list: (id, display name, reason) of live contacts the detector tagged and nobody judged."""
    query = (
        sa.select(contact.c.id, contact.c.display_name, contact_tag.c.reason)
        .join(contact_tag, contact_tag.c.contact_id == contact.c.id)
        .join(tag, tag.c.id == contact_tag.c.tag_id)
        .where(
            tag.c.builtin == OPEN_NETWORKER,
            contact_tag.c.decided_by == "detector",
            contact.c.open_networker_verdict.is_(None),
            contact.c.deleted_at.is_(None),
        )
        .order_by(by_code_point(conn, contact.c.sort_name), contact.c.id)
    )
    return [(int(cid), name or "", why or "") for cid, name, why in conn.execute(query)]


def promote_tag(conn: sa.Connection, ids: Sequence[int], tag_id: int) -> list[int]:
    """Make existing tag links the user's own, keeping their reason; returns the ids that had the tag."""
    had: list[int] = []
    for part in chunks(list(ids)):
        cond = sa.and_(contact_tag.c.tag_id == tag_id, contact_tag.c.contact_id.in_(part))
        had += [int(r[0]) for r in conn.execute(sa.select(contact_tag.c.contact_id).where(cond))]
        conn.execute(sa.update(contact_tag).where(cond).values(decided_by="user"))
    return had


def set_tag_cadence(conn: sa.Connection, tag_id: int, days: int | None) -> None:
    """Keep in touch with everyone carrying a tag every `days` days (None: no cadence)."""
    conn.execute(sa.update(tag).where(tag.c.id == tag_id).values(cadence_days=days))


def cadence_rows(conn: sa.Connection) -> list[Any]:
    """Live contacts with a keep-in-touch cadence of their own or through a tag.

    Columns: id, display_name, cadence_days, tag_cadence (smallest of the tags'), connected_on, created_at,
    last_on (the latest interaction's day).
    """
    tag_cadence = (
        sa.select(sa.func.min(tag.c.cadence_days))
        .select_from(contact_tag.join(tag, tag.c.id == contact_tag.c.tag_id))
        .where(contact_tag.c.contact_id == contact.c.id)
        .scalar_subquery()
    )
    last_on = (
        sa.select(sa.func.max(interaction.c.occurred_on))
        .where(interaction.c.contact_id == contact.c.id)
        .scalar_subquery()
    )
    with_tag_cadence = (
        sa.select(contact_tag.c.contact_id)
        .join(tag, tag.c.id == contact_tag.c.tag_id)
        .where(tag.c.cadence_days.is_not(None))
    )
    # Found through ix_contact_cadence_days and the tags: a test on every row read the wide table (0.4 s).
    with_cadence = sa.union(
        sa.select(contact.c.id).where(contact.c.cadence_days.is_not(None)), with_tag_cadence
    )
    query = sa.select(
        contact.c.id,
        contact.c.display_name,
        contact.c.cadence_days,
        tag_cadence.label("tag_cadence"),
        contact.c.connected_on,
        contact.c.created_at,
        sa.type_coerce(last_on, sa.Date).label("last_on"),
    ).where(contact.c.id.in_(with_cadence), contact.c.deleted_at.is_(None))
    return list(conn.execute(query).all())


def due_between(conn: sa.Connection, since: datetime, until: datetime) -> tuple[int, FollowUp | None]:
    """Open follow-ups of live contacts that became due in (since, until], local wall-clock times.

    A follow-up without a time becomes due at the start of its day. Returns the count and the earliest.
    """
    s_day, s_time, u_day, u_time = since.date(), since.time(), until.date(), until.time()
    if until <= since:
        return 0, None
    f = follow_up.c
    if s_day == u_day:
        cond: Any = sa.and_(
            f.due == s_day, f.due_time.is_not(None), f.due_time > s_time, f.due_time <= u_time
        )
    else:
        cond = sa.or_(
            sa.and_(f.due > s_day, f.due < u_day),
            sa.and_(f.due == s_day, f.due_time.is_not(None), f.due_time > s_time),
            sa.and_(f.due == u_day, sa.or_(f.due_time.is_(None), f.due_time <= u_time)),
        )
    live = sa.and_(f.status != "done", contact.c.deleted_at.is_(None), cond)
    count = conn.execute(
        sa.select(sa.func.count())
        .select_from(follow_up.join(contact, contact.c.id == f.contact_id))
        .where(live)
    ).scalar_one()
    if not count:
        return 0, None
    earliest = _follow_up_query().where(live).order_by(f.due, untimed_first(conn, f.due_time), f.id)
    first = conn.execute(earliest.limit(1)).mappings()
    row = first.first()
    return int(count), None if row is None else _to_follow_up(row)


def _to_intro(r: sa.RowMapping) -> Introduction:
    return Introduction(
        id=int(r["id"]),
        target_id=int(r["target_id"]),
        target_name=r["target_name"] or "",
        via_id=int(r["via_id"]),
        via_name=r["via_name"] or "",
        status=r["status"],
        notes=r["notes"] or "",
        created_at=r["created_at"],
        updated_at=r["updated_at"],
    )


def _intro_query() -> sa.Select[Any]:
    target = contact.alias("target")
    via = contact.alias("via")
    return (
        sa.select(
            intro_request,
            target.c.display_name.label("target_name"),
            via.c.display_name.label("via_name"),
        )
        .join(target, target.c.id == intro_request.c.target_id)
        .join(via, via.c.id == intro_request.c.via_id)
    )


def insert_intro(
    conn: sa.Connection, target_id: int, via_id: int, status: str, notes: str, now: datetime
) -> int:
    """Record an introduction request and return its id."""
    result = conn.execute(
        sa.insert(intro_request).values(
            target_id=target_id,
            via_id=via_id,
            status=status,
            notes=none_if_empty(notes),
            created_at=now,
            updated_at=now,
        )
    )
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def update_intro(conn: sa.Connection, intro_id: int, now: datetime, **values: Any) -> None:
    """Change an introduction request's status or notes."""
    conn.execute(
        sa.update(intro_request).where(intro_request.c.id == intro_id).values(updated_at=now, **values)
    )


def get_intro(conn: sa.Connection, intro_id: int) -> Introduction | None:
    """One introduction request with both names."""
    row = conn.execute(_intro_query().where(intro_request.c.id == intro_id)).mappings().first()
    return None if row is None else _to_intro(row)


def list_intros(conn: sa.Connection) -> list[Introduction]:
    """Introduction requests, most recently changed first."""
    query = _intro_query().order_by(intro_request.c.updated_at.desc(), intro_request.c.id.desc())
    return [_to_intro(r) for r in conn.execute(query).mappings()]


def company_candidates(conn: sa.Connection, words: Sequence[str]) -> list[Any]:
    """Live contacts whose search key holds every folded word (the caller checks the company itself).

    Columns: id, display_name, company, position, introduced_by_id, introducer's name, connected_on,
    last_on.
    """
    introducer = contact.alias("introducer")
    last_on = (
        sa.select(sa.func.max(interaction.c.occurred_on))
        .where(interaction.c.contact_id == contact.c.id)
        .scalar_subquery()
    )
    query = (
        sa.select(
            contact.c.id,
            contact.c.display_name,
            contact.c.company,
            contact.c.position,
            contact.c.introduced_by_id,
            introducer.c.display_name.label("introducer_name"),
            contact.c.connected_on,
            sa.type_coerce(last_on, sa.Date).label("last_on"),
        )
        .outerjoin(introducer, introducer.c.id == contact.c.introduced_by_id)
        .where(contact.c.deleted_at.is_(None), contact.c.company.is_not(None))
    )
    for word in words:
        query = query.where(holds(conn, contact.c.search_key, word))
    query = query.order_by(by_code_point(conn, contact.c.sort_name), contact.c.id)
    return list(conn.execute(query).all())


# -- smart lists (issue 5: the desktop app's sidebar and list rows) ---------------------------------


def created_since(conn: sa.Connection, since: datetime) -> list[int]:
    """Ids of live contacts created at or after `since`."""
    query = sa.select(contact.c.id).where(contact.c.deleted_at.is_(None), contact.c.created_at >= since)
    return sorted(conn.execute(query).scalars())  # sorted here: ORDER BY id would scan the wide table


def count_created_since(conn: sa.Connection, since: datetime) -> int:
    """How many live contacts were created at or after `since`."""
    query = sa.select(sa.func.count()).where(contact.c.deleted_at.is_(None), contact.c.created_at >= since)
    return int(conn.execute(query).scalar_one())


def _batch_created(batch_id: int | None) -> sa.Select[Any]:
    query = (
        sa.select(import_change.c.batch_id, import_change.c.contact_id)
        .join(contact, contact.c.id == import_change.c.contact_id)
        .where(import_change.c.action == "created", contact.c.deleted_at.is_(None))
    )
    return query if batch_id is None else query.where(import_change.c.batch_id == batch_id)


def batch_created_ids(conn: sa.Connection, batch_id: int) -> list[int]:
    """Ids of the live contacts one import batch created."""
    rows = conn.execute(_batch_created(batch_id).order_by(import_change.c.contact_id))
    return [int(contact_id) for _batch, contact_id in rows]


def batch_created_counts(conn: sa.Connection) -> dict[int, int]:
    """For each import batch, how many live contacts it created."""
    inner = _batch_created(None).subquery()
    query = sa.select(inner.c.batch_id, sa.func.count()).group_by(inner.c.batch_id)
    return {int(batch_id): int(n) for batch_id, n in conn.execute(query)}


_LIVE_WHERE = "WHERE c.deleted_at IS NULL"
assert _LIVE_WHERE in LIST_ROWS_SQL and _LIVE_WHERE in PG_LIST_ROWS_SQL


def list_row(conn: sa.Connection, contact_id: int) -> tuple[Any, ...] | None:
    """One live contact's row of LIST_ROWS_SQL (None if the contact is gone or in the trash)."""
    sql = PG_ONE_ROW_SQL if conn.dialect.name == "postgresql" else ONE_ROW_SQL
    found = conn.execute(sa.text(sql), {"id": contact_id}).first()
    return tuple(found) if found is not None else None


def trash_rows(conn: sa.Connection) -> list[tuple[Any, ...]]:
    """Rows of LIST_ROWS_SQL for the contacts in the trash."""
    sql = _list_sql(conn).replace(_LIVE_WHERE, "WHERE c.deleted_at IS NOT NULL")
    return [tuple(r) for r in conn.execute(sa.text(sql))]


def delete_follow_ups(conn: sa.Connection, ids: Sequence[int]) -> int:
    """Remove follow-ups for good (undoing their creation); returns how many went."""
    gone = 0
    for part in chunks(list(ids)):
        gone += conn.execute(sa.delete(follow_up).where(follow_up.c.id.in_(part))).rowcount or 0
    return gone


def merge_children(conn: sa.Connection, from_id: int, to_id: int) -> None:
    """Move everything of contact `from_id` to `to_id` (a merge): follow-ups, interactions, history, tags
    (those `to_id` lacks, with who decided them), introductions and who they introduced; `from_id` keeps
    no e-mail, phone or LinkedIn profile, so it can never be matched again."""
    for table in (follow_up, interaction, contact_history):
        conn.execute(sa.update(table).where(table.c.contact_id == from_id).values(contact_id=to_id))
    conn.execute(
        sa.text(
            "INSERT INTO contact_tag (contact_id, tag_id, decided_by, reason, created_at) "
            "SELECT :to_id, tag_id, decided_by, reason, created_at FROM contact_tag "
            "WHERE contact_id = :from_id "
            "AND tag_id NOT IN (SELECT tag_id FROM contact_tag WHERE contact_id = :to_id)"
        ),
        {"from_id": from_id, "to_id": to_id},
    )
    conn.execute(sa.delete(contact_tag).where(contact_tag.c.contact_id == from_id))
    conn.execute(
        sa.update(contact)
        .where(contact.c.introduced_by_id == from_id, contact.c.id != to_id)
        .values(introduced_by_id=to_id)
    )
    for column in ("target_id", "via_id"):
        conn.execute(
            sa.update(intro_request).where(intro_request.c[column] == from_id).values({column: to_id})
        )
    set_emails(conn, from_id, [])
    set_phones(conn, from_id, [])
    conn.execute(
        sa.update(contact).where(contact.c.id == from_id).values(linkedin_url=None, linkedin_slug=None)
    )


def delete_interaction(conn: sa.Connection, interaction_id: int) -> int:
    """Remove one logged interaction for good (undoing its logging); returns how many went."""
    return conn.execute(sa.delete(interaction).where(interaction.c.id == interaction_id)).rowcount or 0


def follow_up_contact_ids(conn: sa.Connection, ids: Sequence[int]) -> set[int]:
    """The contacts the given follow-ups belong to."""
    found: set[int] = set()
    for part in chunks(list(ids)):
        query = sa.select(follow_up.c.contact_id).where(follow_up.c.id.in_(part)).distinct()
        found.update(int(cid) for cid in conn.execute(query).scalars())
    return found


def interaction_contact_id(conn: sa.Connection, interaction_id: int) -> int | None:
    """The contact a logged interaction belongs to (None if there is no such interaction)."""
    query = sa.select(interaction.c.contact_id).where(interaction.c.id == interaction_id)
    found = conn.execute(query).scalar()
    return None if found is None else int(found)
