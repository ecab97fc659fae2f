"""The SQL behind the Insights figures: counted and grouped in the database, returned as plain tuples.

Live contacts only (deleted_at IS NULL). Dates are read as text, which SQLite and PostgreSQL both spell
'YYYY-MM-DD...', so no row goes through a type processor. At 100,000 contacts each pass over the contact
table costs tens of milliseconds, so the queries are shaped to need few of them: SQLite is told to scan
the table rather than look up nearly every row through ix_contact_deleted_at (`+c.deleted_at`), and
companies are grouped along ix_contact_company over all contacts, minus those in the trash.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from netcrm.core.stats import RawFigures, anniversary_days, week_start
from netcrm.core.store.repos import chunks

# A contact's network day: Connected On, else the (UTC) day it was added.
NETWORK_DAY = "COALESCE(CAST(c.connected_on AS TEXT), SUBSTR(CAST(c.created_at AS TEXT), 1, 10))"

# Per network day: live contacts, those with a Connected On date, and first-degree ones (one pass).
DAYS_SQL = f"""
SELECT {NETWORK_DAY} AS day, COUNT(*), COUNT(c.connected_on), SUM(CASE WHEN c.degree = 1 THEN 1 ELSE 0 END)
FROM contact c WHERE {{live}} GROUP BY day
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

POSITIONS_SQL = "SELECT c.position, COUNT(*) FROM contact c WHERE {live} GROUP BY c.position"

# First-degree live contacts with at least one interaction (the rest were never contacted).
TOUCHED_SQL = """
SELECT COUNT(*) FROM contact c
WHERE c.id IN (SELECT contact_id FROM interaction) AND c.deleted_at IS NULL AND c.degree = 1
"""

# Contacts with their own keep-in-touch cadence, or connected on one of this week's days of the year.
CANDIDATES_SQL = """
SELECT c.id, CAST(c.connected_on AS TEXT), SUBSTR(CAST(c.created_at AS TEXT), 1, 10), c.cadence_days
FROM contact c
WHERE {live} AND (c.cadence_days IS NOT NULL OR SUBSTR(CAST(c.connected_on AS TEXT), 6, 5) IN ({days}))
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
    return [tuple(row) for row in conn.execute(sa.text(sql), params or {})]


def _placeholders(prefix: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    names = [f"{prefix}{i}" for i in range(len(values))]
    return ", ".join(f":{n}" for n in names), dict(zip(names, values, strict=True))


def network_days(conn: sa.Connection) -> list[tuple[str, int, int, int]]:
    """(network day 'YYYY-MM-DD', live contacts, with Connected On, first-degree) for days that have any."""
    rows = _rows(conn, DAYS_SQL.format(live=_live(conn)))
    return [(str(day)[:10], int(n), int(dated or 0), int(first or 0)) for day, n, dated, first in rows]


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


def position_counts(conn: sa.Connection) -> list[tuple[str | None, int]]:
    """Every distinct position text of live contacts with its count."""
    return [(pos, int(n)) for pos, n in _rows(conn, POSITIONS_SQL.format(live=_live(conn)))]


def first_degree_touched(conn: sa.Connection) -> int:
    """Live first-degree contacts with at least one interaction."""
    return int(_rows(conn, TOUCHED_SQL)[0][0])


def tag_cadences(conn: sa.Connection) -> dict[int, int]:
    """The shortest keep-in-touch cadence among each contact's tags (as Services.lapsed_contacts has it)."""
    return {int(cid): int(days) for cid, days in _rows(conn, TAG_CADENCES_SQL)}


def candidate_rows(
    conn: sa.Connection, month_days: Sequence[str], extra_ids: Sequence[int]
) -> list[tuple[int, str | None, str, int | None]]:
    """(id, connected on, added day, own cadence) of live contacts with their own cadence, connected on one
    of `month_days` ('MM-DD') of any year, or in `extra_ids`."""
    marks, params = _placeholders("d", list(month_days))
    rows = _rows(conn, CANDIDATES_SQL.format(live=_live(conn), days=marks or "NULL"), params)
    seen = {int(r[0]) for r in rows}
    missing = [i for i in extra_ids if i not in seen]
    for part in chunks(missing):
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
    stmt = sa.text(FOLLOW_UPS_SQL).bindparams(
        sa.bindparam("since", type_=sa.Date), sa.bindparam("since_at", type_=sa.DateTime)
    )
    rows = conn.execute(stmt, {"since": since, "since_at": datetime.combine(since, time())})
    return [(str(due), str(status), completed) for due, status, completed in rows]


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
    days = network_days(conn)
    by_tag = tag_cadences(conn)
    candidates = candidate_rows(conn, sorted(anniversary_days(today)), sorted(by_tag))
    with_cadence = [cid for cid, _on, _added, own in candidates if own is not None or cid in by_tag]
    return RawFigures(
        first_degree_touched=first_degree_touched(conn),
        days=days,
        open_networker_days=open_networker_days(conn),
        companies=company_counts(conn),
        positions=position_counts(conn),
        candidates=candidates,
        tag_cadences=by_tag,
        last_interactions=last_interactions(conn, with_cadence),
        follow_ups=follow_up_rows(conn, since),
    )
