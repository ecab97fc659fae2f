"""Applying and undoing imports: the write half of issue 3, one transaction each."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from netcrm.core import rules
from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import BadInputError, Cancelled, NotFoundError, locate
from netcrm.core.importing import CHANGING_FIELDS, Incoming, Plan, display_of, plan_rows
from netcrm.core.model import ParseResult, RowIssue
from netcrm.core.store import repos, schema

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
ON_KEY = rules.fold(repos.OPEN_NETWORKER_NAME)
CONTACT_COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "display_name",
    "company",
    "position",
    "location",
    "linkedin_url",
    "linkedin_slug",
    "degree",
    "connected_on",
    "notes",
    "source",
    "imported_values",
    "primary_email",
    "tag_names",
    "search_key",
    "sort_name",
    "created_at",
    "updated_at",
    "version",
)


@dataclass(frozen=True)
class JobChange:
    """Someone moved on: the report lists these."""

    contact_id: int
    name: str
    field: str
    old: str
    new: str


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do)."""

    path: str
    format: str
    encoding: str
    batch_id: int | None
    counts: dict[str, int]
    skipped: tuple[RowIssue, ...]
    warnings: tuple[RowIssue, ...]
    hidden_members: int
    job_changes: list[JobChange] = field(default_factory=list)
    kept_edits: list[tuple[int, str]] = field(default_factory=list)
    possible_duplicates: list[tuple[int, int]] = field(default_factory=list)
    merged_rows: list[list[int]] = field(default_factory=list)
    open_networkers: int = 0
    dry_run: bool = False

    @property
    def changed_nothing(self) -> bool:
        """True when the database is exactly as before (a re-import of the same file, say)."""
        return self.counts["created"] == 0 and self.counts["updated"] == 0


@dataclass
class UndoReport:
    """What undoing a batch did, and what it kept because the user worked on it since."""

    batch_id: int
    removed: int = 0
    reverted: int = 0
    kept_contacts: list[int] = field(default_factory=list)
    kept_fields: list[tuple[int, str]] = field(default_factory=list)


def file_sha256(path: Path) -> str:
    """The batch's fingerprint of its file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_plan(conn: sa.Connection, result: ParseResult, sha256: str) -> Plan:
    """Plan against the database as this transaction sees it."""
    return plan_rows(
        result,
        sha256,
        by_slug=repos.slug_map(conn),
        by_email=repos.email_map(conn),
        by_name_company=repos.name_company_map(conn),
        load=lambda ids: repos.load_existing(conn, ids),
    )


def report_of(
    plan: Plan, batch_id: int | None, *, dry_run: bool, names: dict[int, str], detected: int
) -> ImportReport:
    """The user-facing summary of a plan."""
    r = plan.result
    changes = [
        JobChange(u.contact_id, names.get(u.contact_id, ""), f, str(u.fields[f][0]), str(u.fields[f][1]))
        for u in plan.job_changes
        for f in ("company", "position")
        if f in u.fields and u.fields[f][0]
    ]
    return ImportReport(
        path=r.path,
        format=r.format,
        encoding=r.encoding,
        batch_id=batch_id,
        counts=plan.counts(),
        skipped=r.skipped,
        warnings=r.warnings,
        hidden_members=r.hidden_members,
        job_changes=changes,
        kept_edits=[(u.contact_id, f) for u in plan.update for f in u.kept_edits],
        possible_duplicates=plan.possible_duplicates,
        merged_rows=plan.merged_rows,
        open_networkers=detected,
        dry_run=dry_run,
    )


class Importer:
    """Carries out a plan inside a write transaction."""

    def __init__(
        self,
        conn: sa.Connection,
        now: datetime,
        extra_tags: Sequence[str],
        progress: Progress | None,
        cancel: CancelCheck | None,
    ) -> None:
        self.conn = conn
        self.now = now
        self.extra_tags = [t for t in (rules.normalize_name(t) for t in extra_tags) if t]
        self.progress = progress
        self.cancel = cancel
        self.tag_ids: dict[str, int] = {}
        self.on_tag = repos.open_networker_tag_id(conn)
        self.detected = 0

    def _tag_id(self, name: str) -> int:
        key = rules.fold(name)
        if key not in self.tag_ids:
            self.tag_ids[key] = repos.ensure_tag(self.conn, name)
        return self.tag_ids[key]

    def _check(self, done: int, total: int) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled("import cancelled: nothing was imported")
        if self.progress is not None:
            self.progress(done, total)

    def apply(self, plan: Plan) -> int:
        """Write the plan and return the batch id."""
        sqlite = self.conn.dialect.name == "sqlite"
        if sqlite:
            # A bigger page cache for this transaction keeps SQLite from spilling pages to the WAL mid-import.
            self.conn.exec_driver_sql("PRAGMA cache_size = -65536")
        try:
            return self._apply(plan)
        finally:
            if sqlite:
                self.conn.exec_driver_sql("PRAGMA cache_size = -2000")  # SQLite's default, for the pool

    def _apply(self, plan: Plan) -> int:
        name = Path(plan.result.path).name
        batch_id = repos.insert_batch(
            self.conn, name, plan.sha256, plan.result.format, plan.counts(), self.now
        )
        total = len(plan.create) + len(plan.update)
        self._create(plan.create, plan.result.format, batch_id, total)
        crashpoint("import.after_create")
        self._update(plan, batch_id, total)
        self._check(total, total)
        crashpoint("import.before_commit")
        return batch_id

    def _create(self, people: list[Incoming], fmt: str, batch_id: int, total: int) -> None:
        ids = repos.next_ids(self.conn, schema.contact, len(people))
        now = repos.sqlite_datetime(self.now) if self.conn.dialect.name == "sqlite" else self.now
        contacts: list[tuple[Any, ...]] = []
        emails: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        changes: list[tuple[Any, ...]] = []
        for n, (cid, person) in enumerate(zip(ids, people, strict=True)):
            if n % 5000 == 0:
                self._check(n, total)
            v = person.values
            display = display_of(person)
            tags = list(dict.fromkeys([*person.tags, *self.extra_tags]))
            # A file that says "Open networker" itself (netcrm's own export) is taken at its word.
            file_says_on = any(rules.fold(t) == ON_KEY for t in tags)
            tags = [t for t in tags if rules.fold(t) != ON_KEY]
            signal = None
            if not file_says_on:
                signal = rules.detect_open_networker(
                    first_name=v["first_name"] or "",
                    last_name=v["last_name"] or "",
                    display_name=v["display_name"],
                    position=v["position"] or "",
                    company=v["company"] or "",
                    tags=tags,
                )
            tag_names = ([repos.OPEN_NETWORKER_NAME] if signal or file_says_on else []) + tags
            imported = {k: val for k in CHANGING_FIELDS if (val := v.get(k))}  # what a re-import compares
            key = rules.search_key(
                [
                    v["first_name"] or "",
                    v["last_name"] or "",
                    display,
                    v["company"] or "",
                    v["position"] or "",
                    v["location"] or "",
                    *person.emails,
                    *tag_names,
                    person.notes,
                ]
            )
            contacts.append(
                (
                    cid,
                    v["first_name"],
                    v["last_name"],
                    display,
                    v["company"],
                    v["position"],
                    v["location"],
                    v["linkedin_url"],
                    person.slug,
                    1,
                    v["connected_on"].isoformat() if v["connected_on"] else None,
                    person.notes or None,
                    f"import:{fmt}",
                    json.dumps(imported, ensure_ascii=False),
                    person.emails[0] if person.emails else None,
                    "; ".join(tag_names) or None,
                    key,
                    rules.sort_key(display),
                    now,
                    now,
                    1,
                )
            )
            emails += [(cid, e, rules.email_key(e), i) for i, e in enumerate(person.emails)]
            phones += [(cid, p, i) for i, p in enumerate(person.phones)]
            links += [(cid, self._tag_id(t), "import", None, now) for t in tags]
            if file_says_on:
                links.append((cid, self.on_tag, "import", None, now))
            elif signal:
                self.detected += 1
                links.append((cid, self.on_tag, "detector", signal.reason, now))
            changes.append((batch_id, cid, "created", None, None))
        c = self.conn
        repos.bulk_insert_rows(c, schema.contact, CONTACT_COLUMNS, contacts)
        repos.bulk_insert_rows(
            c, schema.contact_email, ("contact_id", "email", "email_key", "position"), emails
        )
        repos.bulk_insert_rows(c, schema.contact_phone, ("contact_id", "phone", "position"), phones)
        repos.bulk_insert_rows(
            c, schema.contact_tag, ("contact_id", "tag_id", "decided_by", "reason", "created_at"), links
        )
        repos.bulk_insert_rows(
            c, schema.import_change, ("batch_id", "contact_id", "action", "before", "after"), changes
        )
        repos.fix_sequences(c, [schema.contact])

    def _update(self, plan: Plan, batch_id: int, total: int) -> None:
        if not plan.update:
            return
        c = self.conn
        ids = [u.contact_id for u in plan.update]
        current = repos.contact_rows(
            c,
            ids,
            (
                "notes",
                "imported_values",
                "open_networker_verdict",
                "first_name",
                "last_name",
                "display_name",
                "position",
                "company",
            ),
        )
        existing = repos.load_existing(c, ids)
        changes = []
        for n, u in enumerate(plan.update):
            if n % 2000 == 0:
                self._check(len(plan.create) + n, total)
            row = current[u.contact_id]
            values: dict[str, Any] = {f: new for f, (_old, new) in u.fields.items()}
            before: dict[str, Any] = {"fields": {f: _j(old) for f, (old, _new) in u.fields.items()}}
            after: dict[str, Any] = {"fields": {f: _j(new) for f, new in values.items()}}
            if u.notes is not None:
                values["notes"] = u.notes
                before["notes"], after["notes"] = row["notes"], u.notes
            if u.imported:
                values["imported_values"] = json.dumps(u.imported, ensure_ascii=False)
                before["imported_values"] = row["imported_values"]
            if values:
                repos.update_contact(c, u.contact_id, values, self.now, None)
            else:
                repos.touch_contacts(c, [u.contact_id], self.now)
            for f in ("company", "position"):
                if f in u.fields and u.fields[f][0]:
                    repos.insert_history(
                        c, u.contact_id, f, u.fields[f][0], u.fields[f][1], self.now, batch_id
                    )
            start = len(existing[u.contact_id].email_keys)
            repos.bulk_insert_rows(
                c,
                schema.contact_email,
                ("contact_id", "email", "email_key", "position"),
                [(u.contact_id, e, rules.email_key(e), start + i) for i, e in enumerate(u.add_emails)],
            )
            start = len(existing[u.contact_id].phone_keys)
            repos.bulk_insert_rows(
                c,
                schema.contact_phone,
                ("contact_id", "phone", "position"),
                [(u.contact_id, p, start + i) for i, p in enumerate(u.add_phones)],
            )
            tags = list(dict.fromkeys([*u.add_tags, *self.extra_tags]))
            added_tags = []
            for t in tags:
                if self._tag_id(t) == self.on_tag and row["open_networker_verdict"] is not None:
                    continue  # the user's accept or reject is final: a file's "Open networker" tag is ignored
                if repos.add_tag(c, [u.contact_id], self._tag_id(t), self.now, decided_by="import"):
                    added_tags.append(t)
            after.update(emails=u.add_emails, phones=u.add_phones, tags=added_tags)
            if row["open_networker_verdict"] is None and not existing[u.contact_id].open_networker:
                merged = {**row, **values}
                signal = rules.detect_open_networker(
                    first_name=merged["first_name"] or "",
                    last_name=merged["last_name"] or "",
                    display_name=merged["display_name"] or "",
                    position=merged["position"] or "",
                    company=merged["company"] or "",
                    tags=tags,
                )
                if signal:
                    repos.add_tag(
                        c, [u.contact_id], self.on_tag, self.now, decided_by="detector", reason=signal.reason
                    )
                    after["open_networker"] = True
                    self.detected += 1
            changes.append(
                (
                    batch_id,
                    u.contact_id,
                    "updated",
                    json.dumps(before, ensure_ascii=False),
                    json.dumps(after, ensure_ascii=False),
                )
            )
        repos.bulk_insert_rows(
            c, schema.import_change, ("batch_id", "contact_id", "action", "before", "after"), changes
        )
        repos.refresh_derived(c, ids)


def _j(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def undo_batch(conn: sa.Connection, batch_id: int, now: datetime) -> UndoReport:
    """Remove what a batch created and revert what it changed, keeping whatever the user did since."""
    batch = repos.get_batch(conn, batch_id)
    if batch is None:
        raise NotFoundError(f"no import batch {batch_id}")
    if batch.status != "applied":
        raise BadInputError(f"import batch {batch_id} was already undone")
    report = UndoReport(batch_id=batch_id)
    changes = repos.batch_changes(conn, batch_id)
    created = [cid for cid, action, _b, _a in changes if action == "created"]
    versions = repos.contact_rows(conn, created, ("version", "deleted_at"))
    worked = repos.worked_on(conn, created)
    keep = sorted(cid for cid in created if cid in worked or versions.get(cid, {}).get("version", 1) > 1)
    report.kept_contacts = keep
    removable = [cid for cid in created if cid not in set(keep) and cid in versions]
    repos.hard_delete(conn, removable)
    report.removed = len(removable)
    on_tag = repos.open_networker_tag_id(conn)
    reverted: list[int] = []
    for cid, action, before, after in changes:
        if action != "updated" or before is None or after is None:
            continue
        row = repos.contact_rows(conn, [cid], (*after["fields"], "notes", "open_networker_verdict"))
        if not row:
            continue
        now_values = row[cid]
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
        if restore.get("connected_on"):
            from datetime import date

            restore["connected_on"] = date.fromisoformat(restore["connected_on"])
        if restore:
            repos.update_contact(conn, cid, restore, now, None)
        repos.remove_emails(conn, cid, [rules.email_key(e) for e in after.get("emails", [])])
        repos.remove_phones(conn, cid, after.get("phones", []))
        for t in after.get("tags", []):
            tag_id = repos.find_tag(conn, t)
            if tag_id is not None:
                repos.remove_imported_tag(conn, cid, tag_id)
        if after.get("open_networker") and now_values["open_networker_verdict"] is None:
            repos.remove_imported_tag(conn, cid, on_tag, decided_by="detector")
        reverted.append(cid)
    repos.delete_batch_history(conn, batch_id)
    repos.touch_contacts(conn, reverted, now)
    repos.refresh_derived(conn, reverted)
    repos.set_batch_status(conn, batch_id, "undone")
    report.reverted = len(reverted)
    return report


def describe_issues(issues: Iterable[RowIssue], path: str, limit: int = 20) -> list[str]:
    """One line per skipped row, naming the file, row and column."""
    return [f"{locate(path, issue.row, issue.column)}: {issue.reason}" for issue in list(issues)[:limit]]
