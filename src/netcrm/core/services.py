"""Use cases: what a user can do to their network. The only place that opens transactions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm.core import rules
from netcrm.core.clock import Clock, system_clock
from netcrm.core.errors import BadInputError, ConflictError, FileRefusedError, NotFoundError, ValidationError
from netcrm.core.model import (
    CONTACT_TEXT_FIELDS,
    INTERACTION_KINDS,
    Contact,
    ContactDraft,
    ContactFilter,
    Counts,
    FollowUp,
    HistoryEntry,
    ImportBatch,
    Interaction,
    ParseResult,
    Tag,
)
from netcrm.core.store import repos

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport, UndoReport
from netcrm.core.store.store import Store

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

EDITABLE_FIELDS = frozenset(
    {*CONTACT_TEXT_FIELDS, "degree", "connected_on", "cadence_days", "introduced_by_id", "emails", "phones"}
)
HISTORY_FIELDS = ("company", "position")


class Services:
    """Every action on the network, each one transaction, shared by the GUI and netcrm-cli."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        self.store = store
        self.clock = clock

    # -- time -------------------------------------------------------------------------------------

    def today(self) -> date:
        """The user's calendar day."""
        return self.clock().date()

    def _now(self) -> datetime:
        """Stored times are UTC without an offset."""
        return self.clock().astimezone(UTC).replace(tzinfo=None)

    # -- contacts ---------------------------------------------------------------------------------

    def list_contacts(self, flt: ContactFilter | None = None) -> list[Contact]:
        """Contacts a filter selects, by display name."""
        with self.store.read() as conn:
            ids = repos.filter_ids(conn, flt or ContactFilter(), self.today())
            return repos.get_contacts(conn, ids)

    def count_contacts(self, flt: ContactFilter | None = None) -> int:
        """How many contacts a filter selects."""
        with self.store.read() as conn:
            return len(repos.filter_ids(conn, flt or ContactFilter(), self.today()))

    def get_contact(self, contact_id: int) -> Contact:
        """One contact (live or in the trash); NotFoundError if there is none."""
        with self.store.read() as conn:
            found = repos.get_contacts(conn, [contact_id])
        if not found:
            raise NotFoundError(f"no contact with id {contact_id}")
        return found[0]

    def add_contact(self, draft: ContactDraft) -> Contact:
        """Create a contact from what the user typed, after validating it."""
        values, emails, phones = _validated(draft)
        if not (values.get("display_name") or emails or values.get("linkedin_url") or values.get("company")):
            raise ValidationError(
                "first_name", "a contact needs at least a name, an e-mail or a LinkedIn URL"
            )
        now = self._now()
        with self.store.write() as conn:
            self._check_slug_free(conn, values.get("linkedin_slug"), None)
            self._check_introducer(conn, values.get("introduced_by_id"), None)
            cid = repos.insert_contact(conn, values, now)
            repos.set_emails(conn, cid, emails)
            repos.set_phones(conn, cid, phones)
            for name in _clean_tags(draft.tags):
                repos.add_tag(conn, [cid], repos.ensure_tag(conn, name), now)
            repos.refresh_derived(conn, [cid])
            return repos.get_contacts(conn, [cid])[0]

    def edit_contact(
        self, contact_id: int, changes: Mapping[str, Any], expected_version: int | None = None
    ) -> Contact:
        """Change some fields; with `expected_version`, refuse if someone else saved meanwhile."""
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            raise BadInputError(f"cannot edit {', '.join(sorted(unknown))}")
        now = self._now()
        with self.store.write() as conn:
            current = self._live(conn, contact_id)
            merged = replace(_draft_of(current), **dict(changes))
            values, emails, phones = _validated(merged)
            if "display_name" not in changes and current.display_name == rules.display_name(
                current.first_name, current.last_name, current.emails[0] if current.emails else ""
            ):
                values["display_name"] = rules.display_name(
                    values.get("first_name", ""), values.get("last_name", ""), emails[0] if emails else ""
                )
            self._check_slug_free(conn, values.get("linkedin_slug"), contact_id)
            self._check_introducer(conn, values.get("introduced_by_id"), contact_id)
            changed = {k: v for k, v in values.items() if _stored(getattr(current, k, None)) != _stored(v)}
            version = repos.update_contact(conn, contact_id, changed, now, expected_version)
            if version is None:
                latest = repos.contact_version(conn, contact_id) or 0
                raise ConflictError(
                    f"contact {contact_id} was changed elsewhere since it was opened (version {latest})",
                    latest,
                )
            for field in HISTORY_FIELDS:
                if field in changed and getattr(current, field):
                    repos.insert_history(
                        conn, contact_id, field, getattr(current, field), changed[field], now
                    )
            if tuple(emails) != current.emails:
                repos.set_emails(conn, contact_id, emails)
            if tuple(phones) != current.phones:
                repos.set_phones(conn, contact_id, phones)
            repos.refresh_derived(conn, [contact_id])
            return repos.get_contacts(conn, [contact_id])[0]

    def delete_contacts(self, ids: Sequence[int]) -> int:
        """Move contacts to the trash (restore brings them back)."""
        now = self._now()
        with self.store.write() as conn:
            found = self._require(conn, ids)
            repos.soft_delete(conn, found, now)
            return len(found)

    def restore_contacts(self, ids: Sequence[int]) -> int:
        """Bring contacts back from the trash."""
        now = self._now()
        with self.store.write() as conn:
            found = repos.live_ids(conn, ids, trash=True)
            missing = sorted(set(ids) - set(found) - set(repos.live_ids(conn, ids)))
            if missing:
                raise NotFoundError(f"no contact with id {missing[0]}")
            repos.restore(conn, found, now)
            return len(found)

    # -- tags -------------------------------------------------------------------------------------

    def tag_contacts(self, ids: Sequence[int], add: Iterable[str] = (), remove: Iterable[str] = ()) -> int:
        """Add and remove tags on contacts; returns how many contacts changed."""
        now = self._now()
        add_names, remove_names = _clean_tags(add), _clean_tags(remove)
        with self.store.write() as conn:
            found = self._require(conn, ids)
            on_id = repos.open_networker_tag_id(conn)
            changed: set[int] = set()
            for name in add_names:
                tag_id = repos.ensure_tag(conn, name)
                changed.update(repos.add_tag(conn, found, tag_id, now))
                if tag_id == on_id:
                    repos.set_verdict(conn, found, "yes")
            for name in remove_names:
                found_tag = repos.find_tag(conn, name)
                if found_tag is not None:
                    changed.update(repos.remove_tag(conn, found, found_tag))
                    if found_tag == on_id:
                        repos.set_verdict(conn, found, "no")
            self._touched(conn, sorted(changed), now)
            return len(changed)

    def set_open_networker(self, ids: Sequence[int], value: bool) -> int:
        """The user's decision: mark or clear open networkers. It survives every import and detection."""
        now = self._now()
        with self.store.write() as conn:
            found = self._require(conn, ids)
            on_id = repos.open_networker_tag_id(conn)
            if value:
                changed = repos.add_tag(conn, found, on_id, now, decided_by="user", reason="marked by you")
            else:
                changed = repos.remove_tag(conn, found, on_id)
            repos.set_verdict(conn, found, "yes" if value else "no")
            repos.touch_contacts(conn, found, now)
            repos.refresh_derived(conn, changed)
            return len(found)

    def list_tags(self) -> list[Tag]:
        """Every tag with its count of live contacts."""
        with self.store.read() as conn:
            return repos.list_tags(conn)

    # -- follow-ups -------------------------------------------------------------------------------

    def add_follow_up(
        self,
        contact_id: int,
        due: date,
        note: str = "",
        every: str | None = None,
        due_time: time | None = None,
    ) -> FollowUp:
        """Remind the user to get back to a contact on a day, optionally again and again."""
        recurrence = str(rules.parse_recurrence(every)) if every else None
        with self.store.write() as conn:
            self._live(conn, contact_id)
            fid = repos.insert_follow_up(
                conn, contact_id, due, rules.clean_text(note), recurrence, due_time, self._now()
            )
            found = repos.get_follow_up(conn, fid)
            assert found is not None
            return found

    def list_follow_ups(
        self, *, due_only: bool = False, include_done: bool = False, contact_id: int | None = None
    ) -> list[FollowUp]:
        """Open follow-ups by due date (only those due today or earlier with `due_only`)."""
        with self.store.read() as conn:
            return repos.list_follow_ups(
                conn,
                due_until=self.today() if due_only else None,
                include_done=include_done,
                contact_id=contact_id,
            )

    def complete_follow_up(self, follow_up_id: int) -> FollowUp | None:
        """Mark done, log it as an interaction, and schedule the next one if it recurs (returned)."""
        now = self._now()
        with self.store.write() as conn:
            current = self._follow_up(conn, follow_up_id)
            if current.status == "done":
                raise BadInputError(f"follow-up {follow_up_id} is already done")
            repos.update_follow_up(conn, follow_up_id, status="done", completed_at=now)
            summary = f"Follow-up done: {current.note}" if current.note else "Follow-up done"
            repos.insert_interaction(conn, current.contact_id, "note", self.today(), summary, now)
            if not current.recurrence:
                return None
            nxt = rules.next_occurrence(current.due, rules.parse_recurrence(current.recurrence), self.today())
            fid = repos.insert_follow_up(
                conn, current.contact_id, nxt, current.note, current.recurrence, current.due_time, now
            )
            return repos.get_follow_up(conn, fid)

    def snooze_follow_up(self, follow_up_id: int, until: date) -> FollowUp:
        """Move a follow-up to a later day."""
        with self.store.write() as conn:
            current = self._follow_up(conn, follow_up_id)
            if current.status == "done":
                raise BadInputError(f"follow-up {follow_up_id} is already done")
            repos.update_follow_up(conn, follow_up_id, due=until, status="snoozed")
            found = repos.get_follow_up(conn, follow_up_id)
            assert found is not None
            return found

    # -- interactions and history -----------------------------------------------------------------

    def log_interaction(
        self, contact_id: int, kind: str, summary: str = "", on: date | None = None
    ) -> Interaction:
        """Record a message, call, meeting...; it restarts the keep-in-touch clock."""
        if kind not in INTERACTION_KINDS:
            raise ValidationError("kind", f"unknown kind {kind!r}; use one of {', '.join(INTERACTION_KINDS)}")
        with self.store.write() as conn:
            self._live(conn, contact_id)
            iid = repos.insert_interaction(
                conn, contact_id, kind, on or self.today(), rules.clean_text(summary), self._now()
            )
            return next(i for i in repos.list_interactions(conn, contact_id) if i.id == iid)

    def list_interactions(self, contact_id: int) -> list[Interaction]:
        """A contact's timeline, newest first."""
        with self.store.read() as conn:
            return repos.list_interactions(conn, contact_id)

    def history(self, contact_id: int) -> list[HistoryEntry]:
        """Earlier values of a contact's company and position."""
        with self.store.read() as conn:
            return repos.list_history(conn, contact_id)

    # -- overview ---------------------------------------------------------------------------------

    def counts(self) -> Counts:
        """Numbers for the status bar and sidebar."""
        with self.store.read() as conn:
            numbers = repos.counts(conn, self.today())
            tags = {t.name: t.count for t in repos.list_tags(conn)}
        return Counts(**numbers, tags=tags)

    def list_rows(self) -> list[tuple[Any, ...]]:
        """The contact list's rows in one query (see repos.LIST_ROWS_SQL for the columns)."""
        if self.store.path is not None:
            from netcrm.core.store.fastread import list_rows_sqlite

            return list_rows_sqlite(self.store.path)
        with self.store.read() as conn:
            return repos.list_rows(conn)

    # -- imports ----------------------------------------------------------------------------------

    def read_import(
        self,
        path: Path,
        *,
        format: str | None = None,
        mapping: dict[str, str] | None = None,
        sheet: str | None = None,
    ) -> ParseResult:
        """Read and check a file without touching the database (FileRefusedError if it cannot be imported)."""
        from netcrm.core.io.readers import read_file

        return read_file(path, format=format, mapping=mapping, sheet=sheet)

    def plan_import(self, result: ParseResult) -> ImportReport:
        """What importing this file would do: the dry run, written nowhere."""
        from netcrm.core import import_service as imp

        sha = imp.file_sha256(Path(result.path))
        with self.store.read() as conn:
            plan = imp.make_plan(conn, result, sha)
            names = self._names(conn, [u.contact_id for u in plan.job_changes])
        return imp.report_of(plan, None, dry_run=True, names=names, detected=0)

    def apply_import(
        self,
        result: ParseResult,
        *,
        tags: Sequence[str] = (),
        all_or_nothing: bool = False,
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import in one transaction: all of it, or (on any error, a kill or Cancel) none of it."""
        from netcrm.core import import_service as imp

        if all_or_nothing and result.skipped:
            first = result.skipped[0]
            raise FileRefusedError(
                result.path, f"{first.reason} (all-or-nothing: nothing imported)", first.row, first.column
            )
        sha = imp.file_sha256(Path(result.path))
        with self.store.write() as conn:
            plan = imp.make_plan(conn, result, sha)  # again, inside the write: the database may have moved on
            if plan.changes_nothing:
                return imp.report_of(plan, None, dry_run=False, names={}, detected=0)
            importer = imp.Importer(conn, self._now(), tags, progress, cancel)
            batch_id = importer.apply(plan)
            names = self._names(conn, [u.contact_id for u in plan.job_changes])
            return imp.report_of(plan, batch_id, dry_run=False, names=names, detected=importer.detected)

    def list_batches(self) -> list[ImportBatch]:
        """Import batches, newest first."""
        with self.store.read() as conn:
            return repos.list_batches(conn)

    def undo_import(self, batch_id: int) -> UndoReport:
        """Remove what a batch created and revert what it changed (the user's later edits are kept)."""
        from netcrm.core import import_service as imp

        with self.store.write() as conn:
            return imp.undo_batch(conn, batch_id, self._now())

    @staticmethod
    def _names(conn: Any, ids: Sequence[int]) -> dict[int, str]:
        rows = repos.contact_rows(conn, ids, ("display_name",))
        return {cid: row["display_name"] or "" for cid, row in rows.items()}

    # -- exports ----------------------------------------------------------------------------------

    def export_contacts(
        self,
        path: Path,
        flt: ContactFilter | None = None,
        *,
        format: str | None = None,
        layout: str = "netcrm",
        vcard_version: str = "3.0",
        sheet_per_tag: bool = False,
        describe: str = "all contacts",
        progress: Progress | None = None,
        cancel: CancelCheck | None = None,
        on_notice: Callable[[str], None] | None = None,
    ) -> int:
        """Write the contacts a filter selects to .xlsx, .csv or .vcf, atomically; returns how many."""
        from netcrm.core.export_service import export_contacts

        with self.store.read() as conn:
            return export_contacts(
                conn,
                Path(path),
                flt or ContactFilter(),
                today=self.today(),
                format=format,
                layout=layout,
                vcard_version=vcard_version,
                sheet_per_tag=sheet_per_tag,
                describe=describe,
                progress=progress,
                cancel=cancel,
                on_notice=on_notice,
            )

    # -- demo -------------------------------------------------------------------------------------

    def add_demo(self, count: int, *, seed: int = 7, progress: Progress | None = None) -> int:
        """Add `count` generated people (with tags, open networkers, follow-ups and interactions)."""
        from netcrm.core import demo
        from netcrm.core.store import schema

        if not 0 < count <= 1_000_000:
            raise BadInputError("demo: --contacts must be between 1 and 1,000,000")
        now, today = self._now(), self.today()
        with self.store.write() as conn:
            on_tag = repos.open_networker_tag_id(conn)
            tag_ids = {name: repos.ensure_tag(conn, name) for name in demo.TAGS}
            ids = repos.next_ids(conn, schema.contact, count)
            fu_ids = repos.next_ids(conn, schema.follow_up, count)
            contacts: list[dict[str, Any]] = []
            emails: list[dict[str, Any]] = []
            links: list[dict[str, Any]] = []
            follow_ups: list[dict[str, Any]] = []
            interactions: list[dict[str, Any]] = []
            for cid, person in zip(ids, demo.people(count, seed=seed, today=today), strict=True):
                display = rules.display_name(person.first_name, person.last_name)
                signal = rules.detect_open_networker(
                    first_name=person.first_name,
                    last_name=person.last_name,
                    position=person.position,
                    company=person.company,
                )
                tag_names = ([repos.OPEN_NETWORKER_NAME] if signal else []) + person.tags
                contacts.append(
                    {
                        "id": cid,
                        "first_name": person.first_name,
                        "last_name": person.last_name,
                        "display_name": display,
                        "company": person.company or None,
                        "position": person.position or None,
                        "location": person.location or None,
                        "linkedin_url": person.linkedin_url,
                        "linkedin_slug": rules.linkedin_slug(person.linkedin_url),
                        "degree": 1,
                        "connected_on": person.connected_on,
                        "notes": person.notes or None,
                        "source": "demo",
                        "primary_email": person.email or None,
                        "tag_names": "; ".join(tag_names) or None,
                        "search_key": rules.search_key(
                            [
                                person.first_name,
                                person.last_name,
                                display,
                                person.company,
                                person.position,
                                person.location,
                                person.email,
                                *tag_names,
                                person.notes,
                            ]
                        ),
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
                if person.email:
                    emails.append(
                        {
                            "contact_id": cid,
                            "email": person.email,
                            "email_key": rules.email_key(person.email),
                            "position": 0,
                        }
                    )
                if signal:
                    links.append(
                        {
                            "contact_id": cid,
                            "tag_id": on_tag,
                            "decided_by": "detector",
                            "reason": signal.reason,
                            "created_at": now,
                        }
                    )
                links += [
                    {
                        "contact_id": cid,
                        "tag_id": tag_ids[t],
                        "decided_by": "user",
                        "reason": None,
                        "created_at": now,
                    }
                    for t in person.tags
                ]
                for due, note, every in person.follow_ups:
                    follow_ups.append(
                        {
                            "id": fu_ids[len(follow_ups)],
                            "contact_id": cid,
                            "due": due,
                            "note": note or None,
                            "recurrence": every,
                            "status": "open",
                            "created_at": now,
                        }
                    )
                interactions += [
                    {"contact_id": cid, "kind": kind, "occurred_on": when, "summary": text, "created_at": now}
                    for kind, when, text in person.interactions
                ]
                if progress and len(contacts) % 10_000 == 0:
                    progress(len(contacts), count)
            for table, rows in (
                (schema.contact, contacts),
                (schema.contact_email, emails),
                (schema.contact_tag, links),
                (schema.follow_up, follow_ups),
                (schema.interaction, interactions),
            ):
                if rows:
                    columns = list(rows[0])
                    repos.bulk_insert_rows(conn, table, columns, [tuple(r.values()) for r in rows])
            repos.fix_sequences(conn, [schema.contact, schema.follow_up])
        return count

    # -- safety -----------------------------------------------------------------------------------

    def backup(self, dest: Path | None = None) -> Path:
        """A verified copy of the database."""
        return self.store.backup(dest)

    def check(self) -> list[str]:
        """Problems SQLite finds in the database (none when healthy)."""
        return self.store.check()

    # -- helpers ----------------------------------------------------------------------------------

    def _live(self, conn: Any, contact_id: int) -> Contact:
        found = repos.get_contacts(conn, [contact_id])
        if not found or found[0].deleted_at is not None:
            raise NotFoundError(f"no contact with id {contact_id}")
        return found[0]

    def _require(self, conn: Any, ids: Sequence[int]) -> list[int]:
        found = repos.live_ids(conn, ids)
        missing = sorted(set(ids) - set(found))
        if missing:
            raise NotFoundError(f"no contact with id {missing[0]}")
        return found

    def _follow_up(self, conn: Any, follow_up_id: int) -> FollowUp:
        found = repos.get_follow_up(conn, follow_up_id)
        if found is None:
            raise NotFoundError(f"no follow-up with id {follow_up_id}")
        return found

    def _touched(self, conn: Any, ids: Sequence[int], now: datetime) -> None:
        if ids:
            repos.touch_contacts(conn, ids, now)
            repos.refresh_derived(conn, ids)

    @staticmethod
    def _check_slug_free(conn: Any, slug: str | None, contact_id: int | None) -> None:
        if slug:
            other = repos.find_by_slug(conn, slug)
            if other is not None and other != contact_id:
                raise ValidationError("linkedin_url", f"contact {other} already has this LinkedIn profile")

    @staticmethod
    def _check_introducer(conn: Any, introducer: int | None, contact_id: int | None) -> None:
        if introducer is None:
            return
        if introducer == contact_id:
            raise ValidationError("introduced_by_id", "a contact cannot introduce themselves")
        if not repos.live_ids(conn, [introducer]):
            raise ValidationError("introduced_by_id", f"no contact with id {introducer}")


def _clean_tags(names: Iterable[str]) -> list[str]:
    cleaned = [rules.normalize_name(n) for n in names]
    return [n for n in dict.fromkeys(cleaned) if n]


def _draft_of(contact: Contact) -> ContactDraft:
    fields = {name: getattr(contact, name) for name in ContactDraft.__dataclass_fields__ if name != "tags"}
    return ContactDraft(**fields)


def _stored(value: Any) -> Any:
    return None if value == "" else value


def _validated(draft: ContactDraft) -> tuple[dict[str, Any], list[str], list[str]]:
    """Normalise and check a draft; raises ValidationError naming the field."""
    values: dict[str, Any] = {}
    for name in ("first_name", "last_name", "display_name", "company", "position", "location"):
        values[name] = rules.normalize_name(getattr(draft, name))
    values["notes"] = rules.clean_text(draft.notes)
    values["source"] = rules.clean_text(draft.source)
    unique: dict[str, str] = {}
    for raw in draft.emails:
        if raw.strip():
            address = rules.normalize_email(raw)
            unique.setdefault(rules.email_key(address), address)
    emails = list(unique.values())
    phones = [p for p in dict.fromkeys(rules.normalize_phone(p) for p in draft.phones) if p]
    url = rules.clean_text(draft.linkedin_url)
    slug = rules.linkedin_slug(url) if url else None
    if url and slug is None:
        raise ValidationError("linkedin_url", f"{url!r} is not a LinkedIn profile URL (linkedin.com/in/...)")
    values["linkedin_url"] = url
    values["linkedin_slug"] = slug
    if draft.degree not in (1, 2, 3):
        raise ValidationError("degree", "degree must be 1, 2 or 3")
    values["degree"] = draft.degree
    values["connected_on"] = draft.connected_on
    if draft.cadence_days is not None and not 1 <= draft.cadence_days <= 3650:
        raise ValidationError("cadence_days", "keep-in-touch cadence must be between 1 and 3650 days")
    values["cadence_days"] = draft.cadence_days
    values["introduced_by_id"] = draft.introduced_by_id
    if not values["display_name"]:
        values["display_name"] = rules.display_name(
            values["first_name"], values["last_name"], emails[0] if emails else (values["company"] or "")
        )
    return values, emails, phones
