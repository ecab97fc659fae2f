"""The import's set-based SQL: key maps, what a re-import compares, and chunked contact inserts.

Straight through the driver on SQLite, where a 100k-row import spends most of its time: rows come back
as plain tuples (no per-value type processing), and the values every created contact shares (its
source, times, version) are written into the INSERT once instead of being bound 100,000 times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from netcrm.core import identity, rules
from netcrm.core.importing import CHANGING_FIELDS, FILLED_FIELDS, Snapshot
from netcrm.core.store.repos import bulk_insert_rows
from netcrm.core.store.schema import contact, contact_email, contact_fingerprint

#: Columns of the tuples `insert_contacts` takes, in order.
CREATED_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "display_name",
    "company",
    "position",
    "location",
    "linkedin_url",
    "linkedin_slug",
    "connected_on",
    "notes",
    "imported_values",
    "primary_email",
    "tag_names",
    "search_key",
    "sort_name",
)


def _as_text(name: str) -> str:
    """A column compared with '': as it is when it holds text, else cast (PostgreSQL refuses a date = '')."""
    return name if isinstance(contact.c[name].type, sa.Text) else f"CAST({name} AS TEXT)"


_EMPTY_SQL = " | ".join(
    f"(CASE WHEN {name} IS NULL THEN 1 WHEN {_as_text(name)} = '' THEN 2 ELSE 0 END) * {4**shift}"
    for shift, name in enumerate(FILLED_FIELDS)
)
_SNAPSHOT_SQL = (
    f"SELECT id, {_EMPTY_SQL}, {', '.join(CHANGING_FIELDS)}, notes, imported_values, "
    "open_networker_verdict, deleted_at IS NOT NULL FROM contact"
)  # importing.SNAPSHOT_COLUMNS: the values a re-import only fills are not read, only how they are empty


def rows(conn: sa.Connection, sql: str) -> list[Any]:
    """All rows of a parameterless query as tuples, through the driver on SQLite."""
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            found: list[Any] = cursor.execute(sql).fetchall()
            return found
        finally:
            cursor.close()
    return [tuple(r) for r in conn.execute(sa.text(sql))]


def slug_map(conn: sa.Connection) -> dict[str, int]:
    """Every contact's LinkedIn slug (the trash included: a deleted person is still known)."""
    return dict(rows(conn, "SELECT linkedin_slug, id FROM contact WHERE linkedin_slug IS NOT NULL"))


def email_map(conn: sa.Connection) -> dict[str, int]:
    """E-mail key to the first contact with it (the trash included)."""
    return dict(rows(conn, "SELECT email_key, MIN(contact_id) FROM contact_email GROUP BY email_key"))


def name_company_map(conn: sa.Connection) -> dict[tuple[str, str], int]:
    """(folded display name, folded company) of live contacts, for possible-duplicate hints.

    The folded display name is the stored `sort_name` (rules.sort_key(display_name)), so only companies fold.
    """
    fold = rules.fold
    found = rows(conn, "SELECT sort_name, company, id FROM contact WHERE deleted_at IS NULL")
    return {(name or "", fold(company) if company else ""): int(cid) for name, company, cid in found}


def fingerprint_map(conn: sa.Connection) -> dict[str, list[int]]:
    """Fingerprints of keyless imported rows to the contacts each created, in id order (the trash included).

    One fingerprint may name several contacts: a row created anew because its first contact was taken
    by another row of the same file is found again by the same fingerprint next time.
    """
    found: dict[str, list[int]] = {}
    for fp, cid in rows(conn, "SELECT fingerprint, contact_id FROM contact_fingerprint ORDER BY contact_id"):
        found.setdefault(fp, []).append(int(cid))
    return found


def name_date_map(conn: sa.Connection) -> dict[tuple[str, str], list[identity.NameDateEntry]]:
    """(normalised full name, connection date) of every contact with a connection date, in id order."""
    found: dict[tuple[str, str], list[identity.NameDateEntry]] = {}
    sql = (
        "SELECT id, first_name, last_name, display_name, connected_on, linkedin_slug IS NOT NULL, "
        "EXISTS (SELECT 1 FROM contact_email WHERE contact_email.contact_id = contact.id) "
        "FROM contact WHERE connected_on IS NOT NULL ORDER BY id"
    )
    for cid, first, last, display, when, has_slug, has_email in rows(conn, sql):
        name = identity.full_name_key(first, last, display)
        if name:
            key = (name, str(when)[:10])
            found.setdefault(key, []).append(
                identity.NameDateEntry(int(cid), bool(has_slug), bool(has_email))
            )
    return found


def insert_fingerprints(conn: sa.Connection, pairs: list[tuple[int, str]]) -> None:
    """Remember the fingerprints of keyless rows an import created (contact id, fingerprint)."""
    if pairs:
        bulk_insert_rows(conn, contact_fingerprint, ("contact_id", "fingerprint"), pairs)


def load_snapshot(conn: sa.Connection, ids: Sequence[int]) -> Snapshot:
    """What the import planner needs to know of these contacts, as plain tuples (see importing.Snapshot).

    Ids that lie close together (a re-import: whole runs of the table) are read as one range of ids,
    which SQLite walks in order; scattered ones through an IN list.
    """
    wanted = set(ids)
    snapshot = Snapshot(rows={})
    if not wanted:
        return snapshot
    low, high = min(wanted), max(wanted)
    if high - low < 4 * len(wanted):
        where = f" BETWEEN {int(low)} AND {int(high)}"
    else:
        where = f" IN ({','.join(str(int(i)) for i in sorted(wanted))})"
    snapshot.rows.update(
        (row[0], row) for row in rows(conn, f"{_SNAPSHOT_SQL} WHERE id{where}") if row[0] in wanted
    )
    for cid, key in rows(conn, f"SELECT contact_id, email_key FROM contact_email WHERE contact_id{where}"):
        if cid in wanted:
            snapshot.emails.setdefault(cid, []).append(key)
    for cid, phone in rows(conn, f"SELECT contact_id, phone FROM contact_phone WHERE contact_id{where}"):
        if cid in wanted:
            snapshot.phones.setdefault(cid, []).append(phone)
    for cid, name, builtin in rows(
        conn,
        "SELECT contact_tag.contact_id, tag.name, tag.builtin FROM contact_tag "
        f"JOIN tag ON tag.id = contact_tag.tag_id WHERE contact_tag.contact_id{where}",
    ):
        if cid in wanted:
            snapshot.tags.setdefault(cid, []).append((name, builtin))
    return snapshot


def insert_contacts(conn: sa.Connection, created: list[tuple[Any, ...]], now: Any, source: str) -> None:
    """Insert new contacts given as CREATED_COLUMNS tuples: degree and version 1, created and updated now."""
    if not created:
        return
    if conn.dialect.name != "sqlite" or not isinstance(now, str):
        shared = (1, source, now, now, 1)
        columns = (*CREATED_COLUMNS, "degree", "source", "created_at", "updated_at", "version")
        bulk_insert_rows(conn, contact, columns, [(*row, *shared) for row in created])
        return
    literals = ", ".join(_literal(v) for v in (1, source, now, now, 1))
    names = ", ".join(CREATED_COLUMNS)
    marks = ", ".join("?" for _ in CREATED_COLUMNS)
    sql = (
        f"INSERT INTO contact ({names}, degree, source, created_at, updated_at, version) "
        f"VALUES ({marks}, {literals})"
    )
    conn.exec_driver_sql(sql, created)


def _literal(value: int | str) -> str:
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def record_created(conn: sa.Connection, batch_id: int, first_id: int, last_id: int) -> None:
    """The batch's 'created' entries for the contacts it inserted (ids first_id..last_id) at once."""
    conn.execute(
        sa.text(
            "INSERT INTO import_change (batch_id, contact_id, action) "
            "SELECT :batch, id, 'created' FROM contact WHERE id BETWEEN :lo AND :hi ORDER BY id"
        ),
        {"batch": batch_id, "lo": first_id, "hi": last_id},
    )


#: Secondary indexes that an import can rebuild instead of updating row by row.
REBUILT_INDEXES = (
    "ix_contact_company",
    "ix_contact_created_at",
    "ix_contact_sort_name",
    "ix_contact_linkedin_slug",
    "ix_contact_email_email_key",
)
REBUILD_AT_LEAST = 20_000  # new contacts; below this, updating the indexes row by row is as quick


@contextmanager
def indexes_rebuilt(
    conn: sa.Connection, rows_coming: int, built: Callable[[int, int], None] | None = None
) -> Iterator[None]:
    """Insert many contacts with the secondary indexes of contacts and e-mail keys dropped, then build them.

    Inserting into an index row by row costs about as much as the rows themselves at 100,000 new contacts
    (random places in five B-trees); building one from the finished table is a single sort. Worth it
    when the new rows are many and at least as many as those already there. Both steps are in the
    import's transaction, so a crash or a Cancel leaves the indexes as they were; a unique index built
    again refuses a duplicate as its insert would have. SQLite only. `built(n, count)` follows the n-th
    index built again (1-based), for progress.
    """
    if conn.dialect.name != "sqlite" or rows_coming < REBUILD_AT_LEAST:
        yield
        return
    live = int(conn.exec_driver_sql("SELECT COUNT(*) FROM contact").scalar_one())
    if rows_coming < live:
        yield
        return
    wanted = [
        index
        for table in (contact, contact_email)
        for index in table.indexes
        if index.name in REBUILT_INDEXES
    ]
    for index in wanted:
        index.drop(conn)
    yield
    for number, index in enumerate(wanted, start=1):
        index.create(conn)
        if built is not None:
            built(number, len(wanted))
