"""What an import adds besides contacts (issue 14): a hand-kept sheet's "Next follow-up" becomes an open
follow-up on that date (overdue when it is past), its "Last contacted" an interaction of kind "note" that day,
so keep-in-touch cadences start right.

Planned with the rest of the import, so that a re-import adds nothing again: a contact that already has a
follow-up due that day (open or done) gets no second one, nor a second interaction on a day it has one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from netcrm.core.importing import Plan
from netcrm.core.store import activity_sql
from netcrm.core.store.repos import bulk_insert_rows
from netcrm.core.store.schema import import_change

FOLLOW_UP = "follow_up"
INTERACTION = "interaction"


@dataclass(frozen=True)
class Activity:
    """One follow-up or interaction to add: for a contact that exists, or for plan.create[new]."""

    kind: str
    on: date
    contact_id: int | None = None
    new: int | None = None


def plan_activity(conn: sa.Connection, plan: Plan) -> list[Activity]:
    """The follow-ups and interactions the file's rows ask for that their contacts do not have yet."""
    wanted = [r for r in plan.result.rows if r.follow_up_on or r.last_contacted]
    if not wanted:
        return []
    owner: dict[int, tuple[int | None, int | None]] = {}
    for index, person in enumerate(plan.create):
        owner.update((row, (None, index)) for row in person.rows)
    for update in plan.update:
        owner.update((row, (update.contact_id, None)) for row in update.rows)
    for kept, rows in plan.unchanged:
        owner.update((row, (kept, None)) for row in rows)
    have_follow_ups, have_interactions = activity_sql.dates_of(
        conn, [cid for cid, _new in owner.values() if cid is not None]
    )
    found: list[Activity] = []
    seen: set[tuple[str, int | None, int | None, date]] = set()
    for row in wanted:
        if row.row not in owner:
            continue  # a row the plan left out
        cid, new = owner[row.row]
        for kind, on, have in (
            (FOLLOW_UP, row.follow_up_on, have_follow_ups),
            (INTERACTION, row.last_contacted, have_interactions),
        ):
            if on is None or (cid is not None and (cid, on) in have) or (kind, cid, new, on) in seen:
                continue
            seen.add((kind, cid, new, on))
            found.append(Activity(kind, on, cid, new))
    return found


def apply_activity(
    conn: sa.Connection, plan: Plan, created: list[int], batch_id: int, now: datetime
) -> list[int]:
    """Add the planned follow-ups and interactions, logged in the batch for undo; the contacts touched."""
    source = Path(plan.result.path).name
    added: dict[int, dict[str, list[int]]] = {}
    for activity in plan.activity:
        cid = activity.contact_id if activity.contact_id is not None else created[activity.new or 0]
        log = added.setdefault(cid, {"follow_ups": [], "interactions": []})
        if activity.kind == FOLLOW_UP:
            log["follow_ups"].append(
                activity_sql.add_follow_up(conn, cid, activity.on, f"Next follow-up in {source}", now)
            )
        else:
            log["interactions"].append(
                activity_sql.add_interaction(conn, cid, activity.on, f"Last contacted, from {source}", now)
            )
    bulk_insert_rows(
        conn,
        import_change,
        ("batch_id", "contact_id", "action", "before", "after"),
        [(batch_id, cid, "activity", None, json.dumps(log)) for cid, log in added.items()],
    )
    return list(added)


def undo_activity(conn: sa.Connection, logs: list[dict[str, list[int]]]) -> None:
    """Remove what `apply_activity` added (a follow-up the user has since marked done stays)."""
    activity_sql.remove_imported(
        conn,
        [i for log in logs for i in log.get("follow_ups", [])],
        [i for log in logs for i in log.get("interactions", [])],
    )


def counts(plan: Plan) -> dict[str, int]:
    """How many follow-ups and interactions the plan adds, for the report."""
    follow_ups = sum(1 for a in plan.activity if a.kind == FOLLOW_UP)
    return {"follow_ups": follow_ups, "interactions": len(plan.activity) - follow_ups}
