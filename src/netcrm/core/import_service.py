"""Applying and undoing imports: the write half of issue 3, one transaction each."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from netcrm.core import import_activity, rules
from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import Cancelled, locate
from netcrm.core.importing import Incoming, Plan, display_of, plan_rows
from netcrm.core.model import ParseResult, RowIssue
from netcrm.core.store import import_sql, repos, schema
from netcrm.core.undo_batches import UndoReport, plan_undo, undo_batch

__all__ = ["UndoReport", "plan_undo", "undo_batch"]  # undoing lives in undo_batches; callers import it here

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
ON_KEY = rules.fold(repos.OPEN_NETWORKER_NAME)
#: People per write: the rows being built never hold more than this many contacts.
CHUNK = 5000
K = TypeVar("K")
V = TypeVar("V")


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
    #: The display name of each contact a row may duplicate, read in the plan's transaction.
    duplicate_names: dict[int, str] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)  # follow-ups and interactions from sheet columns

    @property
    def changed_nothing(self) -> bool:
        """True when the database is exactly as before (a re-import of the same file, say)."""
        return self.counts["created"] == 0 and self.counts["updated"] == 0 and not any(self.added.values())


def fingerprint(result: ParseResult) -> str:
    """The batch's fingerprint of its file: the sha256 of the bytes that were parsed (read_bytes sets it)."""
    if not result.sha256:
        raise ValueError(f"{result.path}: a ParseResult without the sha256 of the bytes it was read from")
    return result.sha256


def named_ids(plan: Plan) -> list[int]:
    """The contacts a report names: those whose job changed and those a row may duplicate."""
    return [u.contact_id for u in plan.job_changes] + [cid for _row, cid in plan.possible_duplicates]


def make_plan(conn: sa.Connection, result: ParseResult, sha256: str) -> Plan:
    """Plan against the database as this transaction sees it."""
    plan = plan_rows(
        result,
        sha256,
        by_slug=import_sql.slug_map(conn),
        by_email=lambda: import_sql.email_map(conn),
        by_name_company=lambda: import_sql.name_company_map(conn),
        load=lambda ids: import_sql.load_snapshot(conn, ids),
        by_fingerprint=lambda: import_sql.fingerprint_map(conn),
        by_name_date=lambda: import_sql.name_date_map(conn),
    )
    plan.activity = import_activity.plan_activity(conn, plan)
    return plan


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
        duplicate_names={cid: names.get(cid, "") for _row, cid in plan.possible_duplicates},
        added=import_activity.counts(plan),
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
        self._created_ids: Sequence[int] = ()
        self._folded = _Memo(rules.fold)
        self._plain = _Memo(rules.surely_plain)
        self._iso = _Memo(date.isoformat)  # connection dates repeat: a few thousand distinct in 100k rows
        self._quoted = _Memo(_json_string)

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
            # A bigger page cache for this transaction keeps SQLite from spilling index pages to the WAL
            # mid-import; 16 MiB was measured as fast as 64 MiB at 100k rows, for 48 MiB less memory.
            self.conn.exec_driver_sql("PRAGMA cache_size = -16384")
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
        total = len(plan.create) + _finishing(len(plan.create)) + len(plan.update)
        self._create(plan.create, plan.result.format, batch_id, total)
        if plan.fingerprints and plan.create:
            import_sql.insert_fingerprints(self.conn, self._fingerprinted(plan))
        crashpoint("import.after_create")
        self._update(plan, batch_id, total)
        if plan.activity:
            import_activity.apply_activity(self.conn, plan, list(self._created_ids), batch_id, self.now)
        self._check(total, total)
        crashpoint("import.before_commit")
        return batch_id

    def _fingerprinted(self, plan: Plan) -> list[tuple[int, str]]:
        """(new contact id, fingerprint) of the keyless rows this import created (ids follow plan.create)."""
        ids = self._created_ids
        fps = plan.fingerprints
        return [
            (cid, fps[person.contact.row])
            for cid, person in zip(ids, plan.create, strict=True)
            if person.contact.row in fps and not person.merged
        ]

    def _create(self, people: list[Incoming], fmt: str, batch_id: int, total: int) -> None:
        if not people:
            return
        c = self.conn
        ids = repos.next_ids(c, schema.contact, len(people))
        self._created_ids = ids
        now = repos.sqlite_datetime(self.now) if c.dialect.name == "sqlite" else self.now
        inserted, finish = len(people), _finishing(len(people))

        def built(index: int, count: int) -> None:
            self._check(inserted + finish * index // (count + 1), total)

        with import_sql.indexes_rebuilt(c, len(people), built):
            self._insert(people, ids, now, fmt, total)
        import_sql.record_created(c, batch_id, ids[0], ids[-1])
        repos.fix_sequences(c, [schema.contact])
        self._check(inserted + finish, total)

    def _insert(self, people: list[Incoming], ids: range, now: Any, fmt: str, total: int) -> None:
        c = self.conn
        for start in range(0, len(people), CHUNK):
            self._check(start, total)
            part = people[start : start + CHUNK]
            contacts, emails, phones, links = self._rows(ids[start : start + len(part)], part, now)
            import_sql.insert_contacts(c, contacts, now, f"import:{fmt}")
            repos.bulk_insert_rows(
                c, schema.contact_email, ("contact_id", "email", "email_key", "position"), emails
            )
            repos.bulk_insert_rows(c, schema.contact_phone, ("contact_id", "phone", "position"), phones)
            repos.bulk_insert_rows(
                c, schema.contact_tag, ("contact_id", "tag_id", "decided_by", "reason", "created_at"), links
            )

    def _rows(
        self, ids: Sequence[int], people: Sequence[Incoming], now: Any
    ) -> tuple[list[tuple[Any, ...]], ...]:
        """One chunk of new contacts as rows: contacts (import_sql.CREATED_COLUMNS), e-mails, phones, tags."""
        contacts: list[tuple[Any, ...]] = []
        emails: list[tuple[Any, ...]] = []
        phones: list[tuple[Any, ...]] = []
        links: list[tuple[Any, ...]] = []
        fold, email_key, detect = rules.fold, rules.email_key, rules.detect_open_networker
        folded, plain, quoted = self._folded, self._plain, self._quoted
        extra = self.extra_tags
        iso = self._iso
        for cid, person in zip(ids, people, strict=True):
            p = person.contact
            first, last, company, position, location = (
                p.first_name or "",
                p.last_name or "",
                p.company or "",
                p.position or "",
                p.location or "",
            )
            named = p.display_name or ""  # the file's own display name is what the detector judges
            display = named or display_of(person)
            full = f"{first} {last}" if first and last else None
            tags = list(dict.fromkeys([*p.tags, *extra])) if p.tags or extra else []
            # A file that says "Open networker" itself (netcrm's own export) is taken at its word.
            file_says_on = bool(tags) and any(fold(t) == ON_KEY for t in tags)
            if file_says_on:
                tags = [t for t in tags if fold(t) != ON_KEY]
            signal = None
            if file_says_on:
                pass
            elif (
                not tags
                and plain[first]
                and plain[last]
                and plain[position]
                and plain[company]
                and (named == full or named in (first, last))
            ):
                pass  # rules.surely_plain of each field: detect_open_networker would find nothing
            else:
                signal = detect(
                    first_name=first,
                    last_name=last,
                    display_name=named,
                    position=position,
                    company=company,
                    tags=tags,
                )
            tag_names = [repos.OPEN_NETWORKER_NAME, *tags] if signal or file_says_on else tags
            # What a re-import compares: json.dumps({...}, ensure_ascii=False) of non-empty CHANGING_FIELDS.
            imported = []
            if company:
                imported.append('"company": ' + quoted[company])
            if position:
                imported.append('"position": ' + quoted[position])
            if location:
                imported.append('"location": ' + quoted[location])
            # rules.sort_key and rules.search_key, folded piece by piece: folding text joined by a space or
            # U+001F is folding each piece, and names, companies and titles repeat, so each folds once.
            key = []
            if first and not first.isspace():
                key.append(folded[first])
            if last and not last.isspace():
                key.append(folded[last])
            if not display:
                sort_name = ""
            elif display == full:
                sort_name = f"{folded[first]} {folded[last]}"
            elif display in (first, last):
                sort_name = folded[display]
            else:
                sort_name = fold(display)
            if display and not display.isspace():
                key.append(sort_name)
            if company and not company.isspace():
                key.append(folded[company])
            if position and not position.isspace():
                key.append(folded[position])
            if location and not location.isspace():
                key.append(folded[location])
            for k in p.emails:
                if k and not k.isspace():
                    key.append(fold(k))
            for k in tag_names:
                if k and not k.isspace():
                    key.append(fold(k))
            if p.notes and not p.notes.isspace():
                key.append(fold(p.notes))
            contacts.append(
                (
                    cid,
                    first or None,
                    last or None,
                    display,
                    company or None,
                    position or None,
                    location or None,
                    p.linkedin_url or None,
                    person.slug,
                    iso[p.connected_on] if p.connected_on else None,
                    p.notes or None,
                    "{" + ", ".join(imported) + "}",
                    p.emails[0] if p.emails else None,
                    "; ".join(tag_names) or None,
                    "\x1f".join(key),  # rules.search_key
                    sort_name,  # rules.sort_key
                )
            )
            if len(p.emails) == 1:  # the common case, without a list of one
                emails.append((cid, p.emails[0], email_key(p.emails[0]), 0))
            elif p.emails:
                emails += [(cid, e, email_key(e), i) for i, e in enumerate(p.emails)]
            if p.phones:
                phones += [(cid, ph, i) for i, ph in enumerate(p.phones)]
            if tags:
                links += [(cid, self._tag_id(t), "import", None, now) for t in tags]
            if file_says_on:
                links.append((cid, self.on_tag, "import", None, now))
            elif signal:
                self.detected += 1
                links.append((cid, self.on_tag, "detector", signal.reason, now))
        return contacts, emails, phones, links

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
        existing = {u.contact_id: u.existing for u in plan.update if u.existing is not None}
        if len(existing) < len(ids):
            snapshot = import_sql.load_snapshot(c, ids)
            existing = {cid: snapshot.existing(cid) for cid in ids}
        changes = []
        for n, u in enumerate(plan.update):
            if n % 2000 == 0:
                self._check(total - len(plan.update) + n, total)  # the updates are the last stretch
            row = current[u.contact_id]
            values: dict[str, Any] = {f: new for f, (_old, new) in u.fields.items()}
            before: dict[str, Any] = {"fields": {f: _j(old) for f, (old, _new) in u.fields.items()}}
            after: dict[str, Any] = {"fields": {f: _j(new) for f, new in values.items()}}
            if u.notes is not None:
                values["notes"] = u.notes
                before["notes"], after["notes"] = row["notes"], u.notes
            if values.get("linkedin_url"):  # found by name and connection date: the profile is its key now
                values["linkedin_slug"] = rules.linkedin_slug(values["linkedin_url"])
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


def _finishing(created: int) -> int:
    """The progress units of what follows the inserts (rebuilt indexes, the undo log), in contacts: it
    takes about a quarter of the time that inserting them did, so the bar keeps moving to the end."""
    return created // 4


class _Memo(dict[K, V]):
    """fn(value), computed once per distinct value (names, companies and dates repeat across a network)."""

    def __init__(self, fn: Callable[[K], V]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: K) -> V:
        value = self[key] = self.fn(key)
        return value


def _json_string(text: str) -> str:
    """A string as json.dumps(..., ensure_ascii=False) writes it."""
    return json.encoder.encode_basestring(text)


def _j(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def describe_issues(issues: Iterable[RowIssue], path: str, limit: int = 20) -> list[str]:
    """One line per skipped row, naming the file, row and column."""
    return [f"{locate(path, issue.row, issue.column)}: {issue.reason}" for issue in list(issues)[:limit]]
