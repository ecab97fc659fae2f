"""Undoing an import batch: plan it (what goes, what is reverted, what the user's edits keep), then apply.

The plan is read-only, so File > Import history can say before the click what an undo will remove and
what it keeps; the undo applies the same plan, so the sentence and the result agree. Both are set-based:
a re-import that updated 100,000 contacts is reverted with a few statements per group of 5,000 (one read
of their rows, one executemany per kind of change), not five statements a contact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from netcrm.core import import_activity, rules
from netcrm.core.errors import BadInputError, Cancelled, NotFoundError
from netcrm.core.store import archive as archive_rows
from netcrm.core.store import bulk_revert, repos

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
#: Contacts removed per statement during an undo: progress and cancel are looked at between them.
UNDO_CHUNK = 10_000
#: Updated contacts reverted per group of statements.
REVERT_CHUNK = 5000


@dataclass
class UndoReport:
    """What undoing a batch did (or, from `plan_undo`, will do), and what it keeps for the user's sake."""

    batch_id: int
    removed: int = 0
    reverted: int = 0
    kept_contacts: list[int] = field(default_factory=list)
    kept_fields: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Plan:
    report: UndoReport
    removable: list[int]
    reverts: list[bulk_revert.Revert]
    activity: list[dict[str, list[int]]]  # the follow-ups and interactions the import added from its columns


def plan_undo(conn: sa.Connection, batch_id: int) -> UndoReport:
    """What `undo_batch` would do now, without writing anything."""
    return _plan(conn, batch_id).report


def _plan(conn: sa.Connection, batch_id: int) -> _Plan:
    batch = repos.get_batch(conn, batch_id)
    if batch is None:
        raise NotFoundError(f"no import batch {batch_id}")
    if batch.status != "applied":
        raise BadInputError(f"import batch {batch_id} was already undone")
    report = UndoReport(batch_id=batch_id)
    changes = repos.batch_changes(conn, batch_id)
    created = [cid for cid, action, _b, _a in changes if action == "created"]
    versions = repos.contact_rows(conn, created, ("version",))
    worked = repos.worked_on(conn, created)
    report.kept_contacts = sorted(
        cid for cid in created if cid in worked or versions.get(cid, {}).get("version", 1) > 1
    )
    kept = set(report.kept_contacts)
    removable = [cid for cid in created if cid not in kept and cid in versions]
    report.removed = len(removable)
    updates = [
        (cid, before, after)
        for cid, action, before, after in changes
        if action == "updated" and before is not None and after is not None
    ]
    names = sorted({f for _c, _b, a in updates for f in a["fields"]} | {"notes", "open_networker_verdict"})
    reverts: list[bulk_revert.Revert] = []
    for start in range(0, len(updates), REVERT_CHUNK):
        part = updates[start : start + REVERT_CHUNK]
        rows = repos.contact_rows(conn, [cid for cid, _b, _a in part], names)
        for cid, before, after in part:
            if cid in rows:
                reverts.append(_revert(cid, before, after, rows[cid], report))
    report.reverted = len(reverts)
    activity = [after for _c, action, _b, after in changes if action == "activity"]
    return _Plan(report, removable, reverts, activity)


def _revert(
    cid: int, before: dict[str, Any], after: dict[str, Any], now_values: dict[str, Any], report: UndoReport
) -> bulk_revert.Revert:
    """Put back what the import changed where the value is still the import's; the user's edits stay."""
    restore: dict[str, Any] = {}
    for f, new in after["fields"].items():
        if _j(now_values[f]) == new:
            restore[f] = before["fields"][f]
        else:
            report.kept_fields.append((cid, f))
    if "notes" in after:
        if now_values["notes"] == after["notes"]:
            restore["notes"] = before["notes"]
        else:
            report.kept_fields.append((cid, "notes"))
    if "imported_values" in before:
        restore["imported_values"] = before["imported_values"]
    if "linkedin_url" in restore:
        url = restore["linkedin_url"]
        restore["linkedin_slug"] = rules.linkedin_slug(url) if url else None
    if restore.get("connected_on"):
        restore["connected_on"] = date.fromisoformat(restore["connected_on"])
    return bulk_revert.Revert(
        contact_id=cid,
        values=restore,
        email_keys=[rules.email_key(e) for e in after.get("emails", [])],
        phones=list(after.get("phones", [])),
        tags=list(after.get("tags", [])),
        drop_detected=bool(after.get("open_networker")) and now_values["open_networker_verdict"] is None,
    )


def undo_batch(
    conn: sa.Connection,
    batch_id: int,
    now: datetime,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> UndoReport:
    """Remove what a batch created and revert what it changed, keeping whatever the user did since.

    Progress counts contacts (removed, then reverted); a cancel raises `Cancelled` inside the caller's
    transaction, so the rollback leaves the batch as it was.
    """

    def step(done: int, total: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled("undo cancelled: the import is still there as it was")
        if progress is not None:
            progress(done, total)

    # The follow-ups and interactions the import added go first: they are not the user's work on a contact,
    # so the plan that follows must not keep a contact for them (an archive's messages, a sheet's columns).
    import_activity.undo_activity(conn, _plan(conn, batch_id).activity)
    archive_rows.undo_rows(conn, batch_id)
    plan = _plan(conn, batch_id)
    removable, reverts = plan.removable, plan.reverts
    total = len(removable) + len(reverts)
    step(0, total)
    for start in range(0, len(removable), UNDO_CHUNK):
        repos.hard_delete(conn, removable[start : start + UNDO_CHUNK])
        step(min(start + UNDO_CHUNK, len(removable)), total)
    on_tag = repos.open_networker_tag_id(conn)
    for start in range(0, len(reverts), REVERT_CHUNK):
        part = reverts[start : start + REVERT_CHUNK]
        bulk_revert.apply(conn, part, now, on_tag)
        step(len(removable) + start + len(part), total)
    reverted = [r.contact_id for r in reverts]
    repos.delete_batch_history(conn, batch_id)
    repos.touch_contacts(conn, reverted, now)
    repos.refresh_derived(conn, reverted)
    repos.set_batch_status(conn, batch_id, "undone")
    step(total, total)
    return plan.report


def _j(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
