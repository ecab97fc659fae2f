"""Relationship strength's queries: every contact's event sums (core/strength.Tally) in one SQL pass.

An event is an interaction, a follow-up marked done (the user got back to them: "out"), or a contact this
person introduced the user to (dated by its connected-on day, else its creation). The interactions are
summed straight from the covering index ix_interaction_contact_id_occurred_on_kind_direction, in index
order (no sort, no table look-up: reading `kind` from the table cost 0.9 s of 1.1 at 500k rows); the two
small sources are summed by a second query and the sums added in Python.

Each event's decayed weight is computed once: the sums are split by direction and by whether the event
had happened COLD_LOOKBACK_DAYS ago, and the score as of then is the old sums times 2 ** (lookback /
half-life), which is the same number core/strength.tally computes event by event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from netcrm.core import strength
from netcrm.core.model import HistoryEntry
from netcrm.core.store.schema import contact, contact_date, contact_history
from netcrm.core.strength import Score, Tally

# Most frequent kinds first: the CASE stops at the first match.
_FREQUENT = ("message", "email", "call", "meeting", "note", "follow_up", "introduction", "introduced")
_WEIGHT = "CASE kind " + " ".join(f"WHEN '{k}' THEN {strength.WEIGHTS[k]!r}" for k in _FREQUENT) + " END"
_DECAYED = f"{_WEIGHT} * pow(0.5, max(:jd - julianday(occurred_on), 0) / {strength.HALF_LIFE_DAYS!r})"
_SPLIT = [
    f"SUM(CASE WHEN {way} AND occurred_on {when} :then THEN {_DECAYED} END)"
    for way in ("direction = 'out'", "direction = 'in'", "direction IS NULL")
    for when in (">", "<=")
]
_LIGHT = ", ".join([*_SPLIT, "MAX(CASE WHEN kind != 'introduced' THEN occurred_on END)"])
_FULL = ", ".join(
    [
        _LIGHT,
        "MAX(CASE WHEN direction = 'out' THEN occurred_on END)",
        "MAX(CASE WHEN direction = 'in' THEN occurred_on END)",
        "SUM(kind = 'introduced')",
        *(f"SUM(occurred_on >= :recent AND kind = '{k}')" for k in strength.KINDS),
    ]
)


def _others(where: str) -> str:
    """Follow-ups done and people introduced, as rows shaped like interactions."""
    return f"""(
SELECT f.contact_id AS contact_id, 'follow_up' AS kind, date(f.completed_at, :offset) AS occurred_on,
       'out' AS direction
FROM follow_up AS f WHERE f.status = 'done' AND f.completed_at IS NOT NULL{where.format(id="f.contact_id")}
UNION ALL
SELECT n.introduced_by_id, 'introduced', COALESCE(n.connected_on, date(n.created_at, :offset)), NULL
FROM contact AS n
WHERE n.introduced_by_id IS NOT NULL AND n.deleted_at IS NULL{where.format(id="n.introduced_by_id")}
)"""


def _sql(columns: str, where: str) -> tuple[str, str]:
    interactions = f"SELECT contact_id, {columns} FROM interaction"
    interactions += f" WHERE 1 = 1{where.format(id='contact_id')} GROUP BY contact_id"
    others = f"SELECT contact_id, {columns} FROM {_others(where)} GROUP BY contact_id"
    return interactions, others


_SOME = " AND {id} IN (SELECT value FROM json_each(:ids))"
_LIGHT_SQL = _sql(_LIGHT, "")
_FULL_SQL = _sql(_FULL, _SOME)
_BOOST = 2.0 ** (strength.COLD_LOOKBACK_DAYS / strength.HALF_LIFE_DAYS)


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None or a >= b else b


def _tally(row: Sequence[Any]) -> Tally:
    out_new, out_old, in_new, in_old, none_new, none_old = (float(v or 0.0) for v in row[1:7])
    out, in_ = out_new + out_old, in_new + in_old
    return Tally(
        int(row[0]),
        volume=out + in_ + none_new + none_old,
        volume_then=(out_old + in_old + none_old) * _BOOST,
        out=out,
        in_=in_,
        last_on=_day(row[7]),
        last_out=_day(row[8]),
        last_in=_day(row[9]),
        recent=tuple(int(n or 0) for n in row[11:]),
        introduced=int(row[10] or 0),
    )


def _merge(a: Tally, b: Tally) -> Tally:
    return Tally(
        a.contact_id,
        a.volume + b.volume,
        a.volume_then + b.volume_then,
        a.out + b.out,
        a.in_ + b.in_,
        _later(a.last_on, b.last_on),
        _later(a.last_out, b.last_out),
        _later(a.last_in, b.last_in),
        tuple(x + y for x, y in zip(a.recent, b.recent, strict=True)),
        a.introduced + b.introduced,
    )


def _trashed(conn: sa.Connection) -> set[int]:
    return {int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM contact WHERE deleted_at IS NOT NULL")}


def _run(conn: sa.Connection, sql: tuple[str, str], params: dict[str, Any]) -> dict[int, Tally]:
    trashed = _trashed(conn)
    found: dict[int, Tally] = {}
    for text in sql:
        for row in conn.execute(sa.text(text), params):
            if row[0] is None or int(row[0]) in trashed:
                continue
            t = _tally(row)
            found[t.contact_id] = _merge(found[t.contact_id], t) if t.contact_id in found else t
    return found


def _params(today: date, utc_offset: timedelta) -> dict[str, Any]:
    minutes = int(utc_offset.total_seconds() // 60)
    return {
        "jd": today.toordinal() + 1721424.5,  # julianday() of the day's midnight
        "then": (today - timedelta(days=strength.COLD_LOOKBACK_DAYS)).isoformat(),
        "recent": (today - timedelta(days=strength.RECENT_DAYS)).isoformat(),
        "offset": f"{minutes:+d} minutes",
    }


def scores(conn: sa.Connection, today: date, utc_offset: timedelta = timedelta(0)) -> dict[int, Score]:
    """Every live contact with an event: its score, its score then and its last day (what the list, its
    filter and "Going cold" need; `tallies` has what the reasons are written from). `utc_offset` turns
    stored UTC times (a follow-up's completion) into the user's days. One pass, plain tuples: it runs on
    100k contacts. The SQL is SQLite's (julianday, json_each): on another engine no contact has a score
    yet (the shared-server issue, #20, ports it)."""
    if conn.dialect.name != "sqlite":
        return {}
    params = _params(today, utc_offset)
    trashed = _trashed(conn)
    # [volume, volume_then (before the boost), out, in, last_on] per contact, both sources added.
    sums: dict[int, list[Any]] = {}
    for text in _LIGHT_SQL:
        for cid, out_new, out_old, in_new, in_old, none_new, none_old, last in conn.execute(
            sa.text(text), params
        ).all():
            out = (out_new or 0.0) + (out_old or 0.0)
            in_ = (in_new or 0.0) + (in_old or 0.0)
            old = (out_old or 0.0) + (in_old or 0.0) + (none_old or 0.0)
            volume = out + in_ + (none_new or 0.0) + (none_old or 0.0)
            seen = sums.get(cid)
            if seen is None:
                sums[cid] = [volume, old, out, in_, last]
            else:
                seen[0] += volume
                seen[1] += old
                seen[2] += out
                seen[3] += in_
                if last is not None and (seen[4] is None or str(last) > str(seen[4])):
                    seen[4] = last
    score_of, day = strength.score_of, _day
    return {
        int(cid): Score(score_of(v, o, i), score_of(then * _BOOST, 0.0, 0.0), day(last))
        for cid, (v, then, o, i, last) in sums.items()
        if cid is not None and cid not in trashed
    }


def tallies(
    conn: sa.Connection, today: date, ids: Sequence[int], utc_offset: timedelta = timedelta(0)
) -> dict[int, Tally]:
    """The given live contacts' full sums (what the reasons are written from); no entry: no event
    (and none on an engine other than SQLite, as in `scores`)."""
    if conn.dialect.name != "sqlite":
        return {}
    params = {**_params(today, utc_offset), "ids": json.dumps([int(i) for i in ids])}
    return _run(conn, _FULL_SQL, params)


# -- Today's other sources ---------------------------------------------------------------------------


def dates_on_contacts(conn: sa.Connection, contact_id: int | None = None) -> list[Any]:
    """Dates on live contacts (of one, or all): id, contact_id, name, label, month, day, year."""
    query = (
        sa.select(
            contact_date.c.id,
            contact_date.c.contact_id,
            contact.c.display_name,
            contact_date.c.label,
            contact_date.c.month,
            contact_date.c.day,
            contact_date.c.year,
        )
        .join(contact, contact.c.id == contact_date.c.contact_id)
        .where(contact.c.deleted_at.is_(None))
        .order_by(contact_date.c.month, contact_date.c.day, contact_date.c.id)
    )
    if contact_id is not None:
        query = query.where(contact_date.c.contact_id == contact_id)
    return list(conn.execute(query).all())


def insert_date(
    conn: sa.Connection, contact_id: int, label: str, month: int, day: int, year: int | None
) -> int:
    """Put a date on a contact and return its id."""
    result = conn.execute(
        sa.insert(contact_date).values(contact_id=contact_id, label=label, month=month, day=day, year=year)
    )
    assert result.inserted_primary_key is not None
    return int(result.inserted_primary_key[0])


def delete_date(conn: sa.Connection, date_id: int) -> int | None:
    """Remove a date; returns the contact it was on (None: no such date)."""
    cid = conn.execute(sa.select(contact_date.c.contact_id).where(contact_date.c.id == date_id)).scalar()
    conn.execute(sa.delete(contact_date).where(contact_date.c.id == date_id))
    return None if cid is None else int(cid)


def _month_day(conn: sa.Connection, column: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return sa.func.to_char(column, "MM-DD")
    return sa.func.strftime("%m-%d", column)


def connected_on_days(conn: sa.Connection, month_days: Sequence[str]) -> list[tuple[int, str, date]]:
    """Live contacts connected on one of the given days of the year ('MM-DD'), any year."""
    if not month_days:
        return []
    found = conn.execute(
        sa.select(contact.c.id, contact.c.display_name, contact.c.connected_on).where(
            contact.c.deleted_at.is_(None),
            contact.c.connected_on.is_not(None),
            _month_day(conn, contact.c.connected_on).in_(list(month_days)),
        )
    )
    return [(int(cid), name or "", on) for cid, name, on in found]


def job_changes_since(conn: sa.Connection, since: datetime) -> list[tuple[str, HistoryEntry]]:
    """Company and position changes of live contacts recorded since `since` (UTC), with the name."""
    rows = conn.execute(
        sa.select(contact.c.display_name, contact_history)
        .join(contact, contact.c.id == contact_history.c.contact_id)
        .where(
            contact.c.deleted_at.is_(None),
            contact_history.c.changed_at >= since,
            contact_history.c.field.in_(["company", "position"]),
        )
        .order_by(contact_history.c.changed_at, contact_history.c.id)
    ).mappings()
    return [
        (
            r["display_name"] or "",
            HistoryEntry(
                int(r["contact_id"]), r["field"], r["old_value"] or "", r["new_value"] or "", r["changed_at"]
            ),
        )
        for r in rows
    ]


def names_of(conn: sa.Connection, ids: Sequence[int]) -> dict[int, str]:
    """Display names of the given contacts."""
    found = conn.execute(
        sa.select(contact.c.id, contact.c.display_name).where(contact.c.id.in_([int(i) for i in ids]))
    )
    return {int(cid): name or "" for cid, name in found}
