"""The SQL behind the Insights figures, returned as plain tuples for core/stats.py.

Live contacts only (deleted_at IS NULL). Dates are read as text, which SQLite and PostgreSQL both spell
'YYYY-MM-DD...', so no row goes through a type processor. At 100,000 contacts every pass over the (wide)
contact table costs tens of milliseconds and every GROUP BY without an index sorts all rows, so the table is
read once, narrowly (CONTACTS_SQL), and counted in Python; the rest goes through indexes: companies along
ix_contact_company over all contacts minus those in the trash, the rest by tag, interaction or id. SQLite is
told to scan the table rather than look up nearly every row through ix_contact_deleted_at (`+c.deleted_at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from netcrm.core.stats import RawFigures, anniversary_days, week_start
from netcrm.core.store.repos import chunks, sqlite_datetime

# A contact's network day: Connected On, else the (UTC) day it was added.
NETWORK_DAY = "COALESCE(CAST(c.connected_on AS TEXT), SUBSTR(CAST(c.created_at AS TEXT), 1, 10))"

# One row per live contact: its network day, position, its id if it is a candidate for the lapsed or
# anniversary lists (its own cadence, or connected on one of {days}: this week's 'MM-DD'), whether it has
# no Connected On date, and its degree. Counted in Python: GROUP BY would sort the rows, twice.
CONTACTS_SQL = f"""
SELECT {NETWORK_DAY}, c.position,
       CASE WHEN c.cadence_days IS NOT NULL OR SUBSTR(CAST(c.connected_on AS TEXT), 6, 5) IN ({{days}})
            THEN c.id END,
       CASE WHEN c.connected_on IS NULL THEN 1 ELSE 0 END, c.degree
FROM contact c WHERE {{live}}
"""

OPEN_NETWORKER_DAYS_SQL = f"""
SELECT {NETWORK_DAY} AS day, COUNT(*)
FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id JOIN contact c ON c.id = ct.contact_id
WHERE t.builtin = 'open_networker' AND c.deleted_at IS NULL
GROUP BY day
"""

COMPANIES_ALL_SQL = "SELECT company, COUNT(*) FROM contact WHERE company <> '' GROUP BY company"
COMPANIES_TRASH_SQL = """
SELECT company, COUNT(*) FROM contact {hint} WHERE deleted_at IS NOT NULL AND company <> '' GROUP BY company
"""

# First-degree live contacts with at least one interaction (the rest were never contacted).
TOUCHED_SQL = """
SELECT COUNT(*) FROM contact c
WHERE c.id IN (SELECT contact_id FROM interaction) AND c.deleted_at IS NULL AND c.degree = 1
"""

BY_ID_SQL = """
SELECT c.id, CAST(c.connected_on AS TEXT), SUBSTR(CAST(c.created_at AS TEXT), 1, 10), c.cadence_days
FROM contact c WHERE c.deleted_at IS NULL AND c.id IN ({ids})
"""

TAG_CADENCES_SQL = """
SELECT ct.contact_id, MIN(t.cadence_days)
FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
WHERE t.cadence_days IS NOT NULL
GROUP BY ct.contact_id
"""

LAST_INTERACTIONS_SQL = """
SELECT contact_id, MAX(CAST(occurred_on AS TEXT))
FROM interaction WHERE contact_id IN ({ids}) GROUP BY contact_id
"""

# Open follow-ups (any of them may be overdue in the window), and those due or done in the window.
FOLLOW_UPS_SQL = """
SELECT CAST(f.due AS TEXT), f.status, CAST(f.completed_at AS TEXT)
FROM follow_up f JOIN contact c ON c.id = f.contact_id
WHERE c.deleted_at IS NULL AND (f.status <> 'done' OR f.due >= :since OR f.completed_at >= :since_at)
"""


def _live(conn: sa.Connection) -> str:
    """The live-contact test for a full scan (see the module docstring)."""
    return "+c.deleted_at IS NULL" if conn.dialect.name == "sqlite" else "c.deleted_at IS NULL"


def _rows(conn: sa.Connection, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """Rows as plain tuples; on SQLite straight from the driver's cursor (it takes the same :name marks)."""
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            return list(cursor.execute(sql, params or {}).fetchall())
        finally:
            cursor.close()
    return [tuple(row) for row in conn.execute(sa.text(sql), params or {})]


def _placeholders(prefix: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    names = [f"{prefix}{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values, strict=True))


def contact_rows(conn: sa.Connection, month_days: Sequence[str]) -> list[tuple[Any, ...]]:
    """(network day, position, candidate id or None, undated 1/0, degree) of every live contact."""
    marks = ", ".join(f"'{day}'" for day in month_days if _is_month_day(day)) or "NULL"
    return _rows(conn, CONTACTS_SQL.format(live=_live(conn), days=marks))


def _is_month_day(text: str) -> bool:
    """'MM-DD' and nothing else (the days are written into the SQL)."""
    return len(text) == 5 and text[2] == "-" and text[:2].isdigit() and text[3:].isdigit()


def open_networker_days(conn: sa.Connection) -> list[tuple[str, int]]:
    """(network day, live open networkers) for every day that has any."""
    return [(str(day)[:10], int(n)) for day, n in _rows(conn, OPEN_NETWORKER_DAYS_SQL)]


def company_counts(conn: sa.Connection) -> dict[str, int]:
    """Live contacts per (non-empty) company."""
    counts = {str(name): int(n) for name, n in _rows(conn, COMPANIES_ALL_SQL)}
    hint = "INDEXED BY ix_contact_deleted_at" if conn.dialect.name == "sqlite" else ""
    for name, n in _rows(conn, COMPANIES_TRASH_SQL.format(hint=hint)):
        left = counts.get(str(name), 0) - int(n)
        if left > 0:
            counts[str(name)] = left
        else:
            counts.pop(str(name), None)
    return counts


def first_degree_touched(conn: sa.Connection) -> int:
    """Live first-degree contacts with at least one interaction."""
    return int(_rows(conn, TOUCHED_SQL)[0][0])


def tag_cadences(conn: sa.Connection) -> dict[int, int]:
    """The shortest keep-in-touch cadence among each contact's tags (as Services.lapsed_contacts has it)."""
    return {int(cid): int(days) for cid, days in _rows(conn, TAG_CADENCES_SQL)}


def candidate_rows(conn: sa.Connection, ids: Sequence[int]) -> list[tuple[int, str | None, str, int | None]]:
    """(id, connected on, added day, own cadence) of those of these contacts that are live."""
    rows: list[tuple[Any, ...]] = []
    for part in chunks(sorted(set(ids))):
        marks, params = _placeholders("i", list(part))
        rows += _rows(conn, BY_ID_SQL.format(ids=marks), params)
    return [(int(cid), on, str(added), cadence) for cid, on, added, cadence in rows]


def last_interactions(conn: sa.Connection, ids: Sequence[int]) -> dict[int, str]:
    """The latest interaction day of each of these contacts that has any."""
    found: dict[int, str] = {}
    for part in chunks(list(ids)):
        marks, params = _placeholders("i", list(part))
        found.update(
            {
                int(cid): str(day)[:10]
                for cid, day in _rows(conn, LAST_INTERACTIONS_SQL.format(ids=marks), params)
            }
        )
    return found


def follow_up_rows(conn: sa.Connection, since: date) -> list[tuple[str, str, str | None]]:
    """(due, status, completed_at) of live contacts' follow-ups: open ones, and those due or done since."""
    start = datetime.combine(since, time())
    if conn.dialect.name == "sqlite":  # stored as text, in SQLAlchemy's formats
        params: dict[str, Any] = {"since": since.isoformat(), "since_at": sqlite_datetime(start)}
    else:
        params = {"since": since, "since_at": start}
    return [
        (str(due), str(status), completed) for due, status, completed in _rows(conn, FOLLOW_UPS_SQL, params)
    ]


def display_names(conn: sa.Connection, ids: Sequence[int]) -> dict[int, str]:
    """Display names of a few contacts."""
    names: dict[int, str] = {}
    for part in chunks(list(ids)):
        marks, params = _placeholders("i", list(part))
        rows = _rows(conn, f"SELECT id, display_name FROM contact WHERE id IN ({marks})", params)
        names.update({int(cid): name or "" for cid, name in rows})
    return names


def collect(conn: sa.Connection, today: date, weeks: int) -> RawFigures:
    """Everything the Insights figures need, read in one transaction."""
    since = week_start(today) - timedelta(weeks=max(weeks, 1) - 1)
    contacts = contact_rows(conn, sorted(anniversary_days(today)))
    by_tag = tag_cadences(conn)
    candidates = candidate_rows(conn, [row[2] for row in contacts if row[2] is not None] + list(by_tag))
    with_cadence = [cid for cid, _on, _added, own in candidates if own is not None or cid in by_tag]
    return RawFigures(
        contacts=contacts,
        first_degree_touched=first_degree_touched(conn),
        open_networker_days=open_networker_days(conn),
        companies=company_counts(conn),
        candidates=candidates,
        tag_cadences=by_tag,
        last_interactions=last_interactions(conn, with_cadence),
        follow_ups=follow_up_rows(conn, since),
    )
