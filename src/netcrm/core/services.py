"""Use cases: what a user can do to their network. The only place that opens transactions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm.core import rules, templates
from netcrm.core.changes import Changed, Changes
from netcrm.core.clock import Clock, system_clock
from netcrm.core.errors import BadInputError, ConflictError, FileRefusedError, NotFoundError, ValidationError
from netcrm.core.gc_pause import gc_paused
from netcrm.core.model import (
    CONTACT_TEXT_FIELDS,
    INTERACTION_DIRECTIONS,
    INTERACTION_KINDS,
    INTRO_STATUSES,
    CompanyPerson,
    Contact,
    ContactDraft,
    ContactFilter,
    Counts,
    DueSummary,
    FollowUp,
    HistoryEntry,
    ImportBatch,
    Interaction,
    Introduction,
    LapsedContact,
    ParseResult,
    SmartLists,
    Suggestion,
    Tag,
)
from netcrm.core.relationships import RelationshipsService
from netcrm.core.store import repos

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport, UndoReport
    from netcrm.core.stats import GrowthGoal, NetworkStats
from netcrm.core.store.store import Store

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

EDITABLE_FIELDS = frozenset(
    {*CONTACT_TEXT_FIELDS, "degree", "connected_on", "cadence_days", "introduced_by_id", "emails", "phones"}
)
HISTORY_FIELDS = ("company", "position")
#: The single-valued fields a merge lets the user pick from either contact (issue 5's merge dialog).
MERGE_FIELDS = frozenset(
    {*CONTACT_TEXT_FIELDS, "degree", "connected_on", "cadence_days", "introduced_by_id"} - {"notes"}
)


class Services:
    """Every action on the network, each one transaction, shared by the GUI and netcrm-cli."""

    def __init__(self, store: Store, clock: Clock = system_clock) -> None:
        from netcrm.core.archive_service import ArchiveService

        self.store = store
        self.clock = clock
        self.archive = ArchiveService(store, clock)
        self.relationships = RelationshipsService(store, clock, self.lapsed_contacts)

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
                from netcrm.core.versions import conflict_message

                raise ConflictError(conflict_message(contact_id, expected_version, latest), latest)
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

    def add_follow_ups(
        self,
        ids: Sequence[int],
        due: date,
        note: str = "",
        every: str | None = None,
        due_time: time | None = None,
    ) -> Changed[list[FollowUp]]:
        """Remind the user to get back to each contact on a day (at a time), optionally again and again.

        One follow-up per live contact, in one transaction; the value is the new follow-ups, in the
        order of `ids`.
        """
        recurrence = str(rules.parse_recurrence(every)) if every else None
        now, text = self._now(), rules.clean_text(note)
        with self.store.write() as conn:
            found = self._require(conn, ids)
            fids = [repos.insert_follow_up(conn, cid, due, text, recurrence, due_time, now) for cid in found]
            made = [repos.get_follow_up(conn, fid) for fid in fids]
        items = [item for item in made if item is not None]
        return Changed(items, Changes.of(contacts=found, follow_ups=fids, counts=True))

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

    def complete_follow_up(self, follow_up_id: int) -> Changed[FollowUp | None]:
        """Mark done, log it as an interaction, and schedule the next one if it recurs (the value)."""
        now = self._now()
        with self.store.write() as conn:
            current = self._follow_up(conn, follow_up_id)
            if current.status == "done":
                raise BadInputError(f"follow-up {follow_up_id} is already done")
            repos.update_follow_up(conn, follow_up_id, status="done", completed_at=now)
            summary = f"Follow-up done: {current.note}" if current.note else "Follow-up done"
            iid = repos.insert_interaction(conn, current.contact_id, "note", self.today(), summary, now)
            changes = Changes.of(
                contacts=[current.contact_id],
                follow_ups=[follow_up_id],
                interactions=[iid],
                counts=True,
                smart_lists=True,
            )
            if not current.recurrence:
                return Changed(None, changes)
            nxt = rules.next_occurrence(current.due, rules.parse_recurrence(current.recurrence), self.today())
            fid = repos.insert_follow_up(
                conn, current.contact_id, nxt, current.note, current.recurrence, current.due_time, now
            )
            return Changed(repos.get_follow_up(conn, fid), changes | Changes.of(follow_ups=[fid]))

    def reopen_follow_up(
        self, follow_up_id: int, done: Changes, *, snoozed: bool = False
    ) -> Changed[FollowUp]:
        """Take back `complete_follow_up` (its Changes given): open again (or snoozed), the logged
        interaction and a recurring one's next occurrence removed, in one transaction."""
        with self.store.write() as conn:
            current = self._follow_up(conn, follow_up_id)
            if current.status != "done":
                raise BadInputError(f"follow-up {follow_up_id} is not done")
            repos.update_follow_up(
                conn, follow_up_id, status="snoozed" if snoozed else "open", completed_at=None
            )
            for interaction_id in done.interaction_ids:
                repos.delete_interaction(conn, interaction_id)
            repos.delete_follow_ups(conn, [f for f in done.follow_up_ids if f != follow_up_id])
            moved = self._moved(conn, follow_up_id)
        changes = done | moved.changes
        return Changed(moved.value, changes)

    def snooze_follow_up(self, follow_up_id: int, until: date) -> Changed[FollowUp]:
        """Move a follow-up to a later day."""
        with self.store.write() as conn:
            current = self._follow_up(conn, follow_up_id)
            if current.status == "done":
                raise BadInputError(f"follow-up {follow_up_id} is already done")
            repos.update_follow_up(conn, follow_up_id, due=until, status="snoozed")
            return self._moved(conn, follow_up_id)

    # -- interactions and history -----------------------------------------------------------------

    def log_interaction(
        self,
        contact_id: int,
        kind: str,
        summary: str = "",
        on: date | None = None,
        direction: str | None = None,
    ) -> Changed[Interaction]:
        """Record a message, call, meeting...; it restarts the keep-in-touch clock. `direction` says who
        started it ("out" the user, "in" the contact): relationship strength weighs reciprocity by it."""
        if kind not in INTERACTION_KINDS:
            raise ValidationError("kind", f"unknown kind {kind!r}; use one of {', '.join(INTERACTION_KINDS)}")
        if direction is not None and direction not in INTERACTION_DIRECTIONS:
            raise ValidationError("direction", f"unknown direction {direction!r}; use out or in")
        with self.store.write() as conn:
            self._live(conn, contact_id)
            iid = repos.insert_interaction(
                conn, contact_id, kind, on or self.today(), rules.clean_text(summary), self._now(), direction
            )
            made = next(i for i in repos.list_interactions(conn, contact_id) if i.id == iid)
        return Changed(made, Changes.of(contacts=[contact_id], interactions=[iid], smart_lists=True))

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

    def list_rows_in_name_order(self) -> tuple[list[tuple[Any, ...]], Sequence[int] | None]:
        """The list's rows and, on SQLite, the ids of the named ones in name order (read from the name
        index in the same snapshot, so the list need not sort them); None where the server would sort."""
        if self.store.path is not None:
            from netcrm.core.store.fastread import all_rows_sqlite

            listed = all_rows_sqlite(self.store.path)
            return listed.rows, listed.name_order
        return self.list_rows(), None

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

        with gc_paused():
            return read_file(path, format=format, mapping=mapping, sheet=sheet)

    def plan_import(self, result: ParseResult) -> ImportReport:
        """What importing this file would do: the dry run, written nowhere."""
        from netcrm.core import import_service as imp

        with gc_paused(), self.store.read() as conn:
            plan = imp.make_plan(conn, result, imp.fingerprint(result))
            names = self._names(conn, imp.named_ids(plan))
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
        if progress is not None:
            progress(0, len(result.rows))  # under way: the plan comes first
        sha = imp.fingerprint(result)
        with gc_paused(), self.store.write() as conn:
            plan = imp.make_plan(conn, result, sha)  # again, inside the write: the database may have moved on
            if plan.changes_nothing:
                return imp.report_of(plan, None, dry_run=False, names={}, detected=0)
            importer = imp.Importer(conn, self._now(), tags, progress, cancel)
            batch_id = importer.apply(plan)
            names = self._names(conn, imp.named_ids(plan))
            return imp.report_of(plan, batch_id, dry_run=False, names=names, detected=importer.detected)

    def list_batches(self) -> list[ImportBatch]:
        """Import batches, newest first."""
        with self.store.read() as conn:
            return repos.list_batches(conn)

    def preview_undo(self, batch_id: int) -> UndoReport:
        """What `undo_import` would remove, revert and keep now (nothing is written)."""
        from netcrm.core import import_service as imp

        with self.store.read() as conn:
            return imp.plan_undo(conn, batch_id)

    def undo_import(
        self, batch_id: int, *, progress: Progress | None = None, cancel: CancelCheck | None = None
    ) -> UndoReport:
        """Remove what a batch created and revert what it changed (the user's later edits are kept).

        A cancel rolls the whole undo back (`Cancelled`): the batch stays applied.
        """
        from netcrm.core import import_service as imp

        with self.store.write() as conn:
            return imp.undo_batch(conn, batch_id, self._now(), progress, cancel)

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

        self.store.guard_output(Path(path))
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
        now_time, today = self._now(), self.today()
        with self.store.write() as conn:
            sqlite = conn.dialect.name == "sqlite"
            now: Any = repos.sqlite_datetime(now_time) if sqlite else now_time  # strings skip per-value work

            def day(value: date) -> Any:
                return value.isoformat() if sqlite else value

            on_tag = repos.open_networker_tag_id(conn)
            tag_ids = {name: repos.ensure_tag(conn, name) for name in demo.TAGS}
            ids = repos.next_ids(conn, schema.contact, count)
            fu_ids = repos.next_ids(conn, schema.follow_up, count)
            contacts: list[dict[str, Any]] = []
            emails: list[dict[str, Any]] = []
            links: list[dict[str, Any]] = []
            follow_ups: list[dict[str, Any]] = []
            interactions: list[dict[str, Any]] = []
            taken = repos.linkedin_slugs(conn)
            for cid, person in zip(ids, demo.people(count, seed=seed, today=today, taken=taken), strict=True):
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
                        "linkedin_slug": person.linkedin_url.rsplit("/", 1)[1],  # generated in canonical form
                        "degree": 1,
                        "connected_on": day(person.connected_on),
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
                        "sort_name": rules.sort_key(display),
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
                            "due": day(due),
                            "note": note or None,
                            "recurrence": every,
                            "status": "open",
                            "created_at": now,
                        }
                    )
                interactions += [
                    {
                        "contact_id": cid,
                        "kind": kind,
                        "occurred_on": day(when),
                        "summary": text,
                        "created_at": now,
                    }
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
        """A verified copy of the database file (a server database is refused: pg_dump backs it up)."""
        return self.store.backup(dest)

    def check(self) -> list[str]:
        """Problems the database finds in itself (none when healthy)."""
        return self.store.check()

    # -- networking -------------------------------------------------------------------------------
    # Open-networker review, keep-in-touch cadences, reminders, introductions, who-at-company, the pitch
    # and message templates (issue 6).

    def detect_open_networkers(self, apply: bool = False) -> list[Suggestion]:
        """Run the open-networker rule over live contacts the user has not judged and who are not tagged.

        With `apply`, each hit gets the built-in tag from the detector (with its reason): it then waits in
        `open_networker_review` for the user's accept or reject. Without, nothing is written.
        """
        now = self._now()
        with self.store.write() if apply else self.store.read() as conn:
            found: list[Suggestion] = []
            for cid, name, first, last, position, company, tag_names in repos.open_networker_candidates(conn):
                signal = rules.detect_open_networker(
                    first_name=first or "",
                    last_name=last or "",
                    display_name=name or "",
                    position=position or "",
                    company=company or "",
                    tags=(tag_names,) if tag_names else (),
                )
                if signal is not None:
                    found.append(
                        Suggestion(
                            int(cid), name or "", signal.reason, signal.field, signal.text, signal.signal
                        )
                    )
            if apply and found:
                on_id = repos.open_networker_tag_id(conn)
                by_reason: dict[str, list[int]] = {}
                for s in found:
                    by_reason.setdefault(s.reason, []).append(s.contact_id)
                for reason, ids in by_reason.items():
                    repos.add_tag(conn, ids, on_id, now, decided_by="detector", reason=reason)
                self._touched(conn, [s.contact_id for s in found], now)
            return found

    def open_networker_review(self) -> list[Suggestion]:
        """Detector suggestions waiting for the user's accept or reject, with their reasons."""
        with self.store.read() as conn:
            return [_suggestion(cid, name, why) for cid, name, why in repos.pending_open_networkers(conn)]

    def decide_open_networkers(self, ids: Sequence[int], accept: bool) -> int:
        """The user's final word on suggestions (or on anyone): no later detection or import changes it.

        Accept keeps the tag as the user's own, with the detector's reason; reject removes it.
        """
        now = self._now()
        with self.store.write() as conn:
            found = self._require(conn, ids)
            on_id = repos.open_networker_tag_id(conn)
            if accept:
                had = set(repos.promote_tag(conn, found, on_id))
                new = [cid for cid in found if cid not in had]
                repos.add_tag(conn, new, on_id, now, decided_by="user", reason="marked by you")
            else:
                repos.remove_tag(conn, found, on_id)
            repos.set_verdict(conn, found, "yes" if accept else "no")
            self._touched(conn, found, now)
            return len(found)

    def set_tag_cadence(self, tag: str, days: int | None) -> Tag:
        """Keep in touch with everyone carrying `tag` every `days` days (None clears it)."""
        if days is not None and not 1 <= days <= 3650:
            raise ValidationError("cadence_days", "keep-in-touch cadence must be between 1 and 3650 days")
        with self.store.write() as conn:
            tag_id = repos.find_tag(conn, tag)
            if tag_id is None:
                raise NotFoundError(f"no tag named {tag!r}")
            repos.set_tag_cadence(conn, tag_id, days)
            return next(t for t in repos.list_tags(conn) if t.id == tag_id)

    def lapsed_contacts(self) -> list[LapsedContact]:
        """Contacts whose next touch (last interaction, else connected on, else created, plus the cadence:
        their own, else the smallest of their tags') was due before today; most overdue first."""
        today = self.today()
        zone = self.clock().tzinfo
        with self.store.read() as conn:
            rows = repos.cadence_rows(conn)
        lapsed: list[LapsedContact] = []
        for cid, name, own, by_tag, connected_on, created_at, last_on in rows:
            cadence = own if own is not None else by_tag
            if cadence is None:
                continue
            base = last_on or connected_on or created_at.replace(tzinfo=UTC).astimezone(zone).date()
            due = base + timedelta(days=int(cadence))
            if due < today:
                lapsed.append(
                    LapsedContact(int(cid), name or "", int(cadence), base, due, (today - due).days)
                )
        lapsed.sort(key=lambda item: (item.next_due, item.name.casefold(), item.contact_id))
        return lapsed

    def due_summary(self, since: datetime | None = None) -> DueSummary:
        """Follow-ups due: overdue, due today, and (with `since`) how many became due since then.

        A follow-up without a time becomes due at the start of its day, one with a time at that time, both
        on the clock's wall clock; `since` is converted to the clock's time zone.
        """
        now = self.clock()
        today = now.date()
        with self.store.read() as conn:
            numbers = repos.counts(conn, today)
            newly, first = 0, None
            if since is not None:
                local_since = since.astimezone(now.tzinfo) if since.tzinfo else since
                newly, first = repos.due_between(
                    conn, local_since.replace(tzinfo=None), now.replace(tzinfo=None)
                )
        return DueSummary(
            overdue=numbers["overdue"],
            due_today=numbers["follow_ups_due"] - numbers["overdue"],
            newly_due=newly,
            first_new=first,
        )

    def reschedule_follow_up(
        self, follow_up_id: int, due: date, due_time: time | None = None, *, keep_time: bool = True
    ) -> Changed[FollowUp]:
        """Move a follow-up to another day (earlier or later) and keep it open; snooze marks it snoozed."""
        with self.store.write() as conn:
            current = self._follow_up(conn, follow_up_id)
            if current.status == "done":
                raise BadInputError(f"follow-up {follow_up_id} is already done")
            new_time = due_time if due_time is not None or not keep_time else current.due_time
            repos.update_follow_up(conn, follow_up_id, due=due, due_time=new_time, status="open")
            return self._moved(conn, follow_up_id)

    def _moved(self, conn: Any, follow_up_id: int) -> Changed[FollowUp]:
        found = repos.get_follow_up(conn, follow_up_id)
        assert found is not None
        changes = Changes.of(contacts=[found.contact_id], follow_ups=[follow_up_id], counts=True)
        return Changed(found, changes)

    def export_follow_ups_ics(self, path: Path, *, include_done: bool = False) -> int:
        """Write follow-ups (open ones, or all) to an iCalendar file, atomically; returns how many."""
        from netcrm.core.io.export_ics import write_ics

        self.store.guard_output(Path(path))
        items = self.list_follow_ups(include_done=include_done)
        return write_ics(Path(path), items, database=self.store.target, stamp=self.clock())

    def request_introduction(
        self, target_id: int, via_id: int, note: str = "", follow_up_in_days: int | None = None
    ) -> Introduction:
        """Ask `via` to introduce the user to `target`; optionally remind the user to chase it."""
        if target_id == via_id:
            raise ValidationError("via", "a contact cannot introduce you to themselves")
        now = self._now()
        with self.store.write() as conn:
            self._require(conn, [target_id, via_id])
            iid = repos.insert_intro(conn, target_id, via_id, "asked", rules.clean_text(note), now)
            intro = repos.get_intro(conn, iid)
            assert intro is not None
            self._intro_follow_up(conn, intro, follow_up_in_days, now)
            return intro

    def advance_introduction(
        self, intro_id: int, status: str, note: str = "", follow_up_in_days: int | None = None
    ) -> Introduction:
        """Move an introduction to made, met or declined (or back to asked); each step can add a follow-up.

        When it is made, the target is recorded as introduced by `via` (unless someone else already is), and
        both steps log an interaction of kind 'introduction' with the target.
        """
        if status not in INTRO_STATUSES:
            raise ValidationError(
                "status", f"unknown status {status!r}; use one of {', '.join(INTRO_STATUSES)}"
            )
        now = self._now()
        with self.store.write() as conn:
            current = repos.get_intro(conn, intro_id)
            if current is None:
                raise NotFoundError(f"no introduction request {intro_id}")
            notes = current.notes
            extra = rules.clean_text(note)
            if extra:
                notes = f"{notes}\n{extra}" if notes else extra
            repos.update_intro(conn, intro_id, now, status=status, notes=repos.none_if_empty(notes))
            live = set(repos.live_ids(conn, [current.target_id]))
            if status in ("made", "met") and status != current.status and live:
                summary = (
                    f"Introduced by {current.via_name}"
                    if status == "made"
                    else f"Met (via {current.via_name})"
                )
                repos.insert_interaction(conn, current.target_id, "introduction", self.today(), summary, now)
                if status == "made":
                    row = repos.contact_rows(conn, [current.target_id], ("introduced_by_id",))
                    if row[current.target_id]["introduced_by_id"] is None:
                        repos.update_contact(
                            conn, current.target_id, {"introduced_by_id": current.via_id}, now, None
                        )
            intro = repos.get_intro(conn, intro_id)
            assert intro is not None
            self._intro_follow_up(conn, intro, follow_up_in_days, now)
            return intro

    def list_introductions(self) -> list[Introduction]:
        """Introduction requests, most recently changed first."""
        with self.store.read() as conn:
            return repos.list_intros(conn)

    def _intro_follow_up(self, conn: Any, intro: Introduction, days: int | None, now: datetime) -> None:
        if days is None:
            return
        if not 0 <= days <= 3650:
            raise ValidationError("follow_up", "a follow-up comes 0 to 3650 days later")
        if intro.status == "asked":
            who, note = intro.via_id, f"Introduction to {intro.target_name}: did {intro.via_name} make it?"
        else:
            who, note = intro.target_id, f"Introduction ({intro.status}) via {intro.via_name}: next step"
        if repos.live_ids(conn, [who]):
            repos.insert_follow_up(conn, who, self.today() + timedelta(days=days), note, None, None, now)

    def who_at_company(self, company: str) -> list[CompanyPerson]:
        """Everyone at a company (case- and accent-insensitive; `acme` finds `ACME Corp.` too), with how they
        connect to the user: introduced by whom, connected on, last contact."""
        words = _words(company)
        if not words:
            raise BadInputError("say which company")
        with self.store.read() as conn:
            rows = repos.company_candidates(conn, words)
        wanted = " " + " ".join(words) + " "
        return [
            CompanyPerson(
                contact_id=int(cid),
                name=name or "",
                company=org or "",
                position=position or "",
                introduced_by_id=by,
                introduced_by_name=by_name or "",
                connected_on=connected_on,
                last_contacted=last_on,
            )
            for cid, name, org, position, by, by_name, connected_on, last_on in rows
            if wanted in " " + " ".join(_words(org or "")) + " "
        ]

    def get_pitch(self) -> str:
        """The user's pitch: the problems they solve, in their words."""
        with self.store.read() as conn:
            value = repos.get_setting(conn, PITCH_SETTING)
        return value if isinstance(value, str) else ""

    def set_pitch(self, text: str) -> None:
        """Store the pitch (used by `{pitch}` in templates)."""
        with self.store.write() as conn:
            repos.put_setting(conn, PITCH_SETTING, rules.clean_text(text))

    def list_templates(self) -> dict[str, str]:
        """Message templates by name."""
        with self.store.read() as conn:
            value = repos.get_setting(conn, TEMPLATES_SETTING)
        return dict(value) if isinstance(value, dict) else {}

    def set_template(self, name: str, text: str | None) -> None:
        """Store a message template under a name (checked first), or delete it with None."""
        key = rules.normalize_name(name)
        if not key:
            raise ValidationError("name", "a template needs a name")
        if text is not None:
            templates.check(text)
        with self.store.write() as conn:
            value = repos.get_setting(conn, TEMPLATES_SETTING)
            stored: dict[str, str] = dict(value) if isinstance(value, dict) else {}
            if text is None:
                if stored.pop(key, None) is None:
                    raise NotFoundError(f"no template named {key!r}")
            else:
                stored[key] = text
            repos.put_setting(conn, TEMPLATES_SETTING, stored)

    def render_message(self, template: str, contact_ids: Sequence[int]) -> list[tuple[int, str]]:
        """Fill a template (a stored template's name, or the text itself) for each contact.

        Unknown placeholders, format specs and attribute access are a ValidationError: nothing is rendered.
        """
        with self.store.read() as conn:
            return self._render(conn, template, contact_ids)

    def send_message(
        self,
        template: str,
        contact_ids: Sequence[int],
        *,
        follow_up_in_days: int | None = None,
        on: date | None = None,
    ) -> list[tuple[int, str]]:
        """Render, then log each message as an interaction (kind 'message') and optionally add a follow-up."""
        if follow_up_in_days is not None and not 0 <= follow_up_in_days <= 3650:
            raise ValidationError("follow_up", "a follow-up comes 0 to 3650 days later")
        now, today = self._now(), self.today()
        with self.store.write() as conn:
            rendered = self._render(conn, template, contact_ids)
            for cid, text in rendered:
                repos.insert_interaction(conn, cid, "message", on or today, text, now)
                if follow_up_in_days is not None:
                    due = (on or today) + timedelta(days=follow_up_in_days)
                    repos.insert_follow_up(conn, cid, due, "Follow up on the message", None, None, now)
            return rendered

    def _render(self, conn: Any, template: str, contact_ids: Sequence[int]) -> list[tuple[int, str]]:
        stored = repos.get_setting(conn, TEMPLATES_SETTING)
        text = template
        if isinstance(stored, dict) and rules.normalize_name(template) in stored:
            text = str(stored[rules.normalize_name(template)])
        templates.check(text)
        pitch = repos.get_setting(conn, PITCH_SETTING)
        pitch = pitch if isinstance(pitch, str) else ""
        if "{pitch}" in text and not pitch:
            raise ValidationError(
                "pitch", "the template uses {pitch} but no pitch is set (netcrm-cli pitch --set)"
            )
        self._require(conn, contact_ids)
        people = {c.id: c for c in repos.get_contacts(conn, list(dict.fromkeys(contact_ids)))}
        return [(cid, templates.render(text, templates.values_of(people[cid], pitch))) for cid in contact_ids]

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

    # -- insights ---------------------------------------------------------------------------------

    def network_stats(self, weeks: int = 12) -> NetworkStats:
        """Every Insights figure (growth, open networkers, companies, follow-up health...) as of today."""
        from netcrm.core import stats
        from netcrm.core.store import stats_queries

        today = self.today()
        with self.store.read() as conn:
            raw = stats_queries.collect(conn, today, weeks)
            goal = stats.goal_from_setting(repos.get_setting(conn, stats.GOAL_SETTING))
            names = lambda ids: stats_queries.display_names(conn, ids)  # noqa: E731
            return stats.build_stats(raw, today, weeks, goal, names)

    def get_growth_goal(self) -> GrowthGoal | None:
        """The user's network growth goal, if they set one."""
        from netcrm.core import stats

        with self.store.read() as conn:
            return stats.goal_from_setting(repos.get_setting(conn, stats.GOAL_SETTING))

    def set_growth_goal(self, target: int, by: date) -> None:
        """Set the growth goal: `target` live contacts by the day `by`."""
        from netcrm.core import stats

        if not 1 <= target <= 10_000_000:
            raise ValidationError("target", "the goal must be between 1 and 10,000,000 contacts")
        with self.store.write() as conn:
            repos.put_setting(conn, stats.GOAL_SETTING, stats.goal_setting(stats.GrowthGoal(target, by)))

    def clear_growth_goal(self) -> None:
        """Forget the growth goal."""
        from netcrm.core import stats

        with self.store.write() as conn:
            repos.put_setting(conn, stats.GOAL_SETTING, None)

    # -- smart lists (issue 5: the desktop app's sidebar, list rows and merge) ----------------------

    def smart_lists(self, recent_days: int = 30) -> SmartLists:
        """Counts for the sidebar's lists that need the database: recently added, by import batch, lapsed."""
        since = self._now() - timedelta(days=recent_days)
        with self.store.read() as conn:
            recent = repos.count_created_since(conn, since)
            batches = repos.list_batches(conn)
            created = repos.batch_created_counts(conn)
            trash = repos.counts(conn, self.today())["trash"]
        lapsed = [item.contact_id for item in self.lapsed_contacts()]
        return SmartLists(
            recent=recent,
            batches=tuple((batch, created.get(batch.id, 0)) for batch in batches),
            lapsed=tuple(lapsed),
            trash=trash,
        )

    def smart_list_ids(self, key: str, recent_days: int = 30) -> list[int]:
        """Ids of the live contacts in a list: "recent" (created in the last days) or "batch:ID"."""
        with self.store.read() as conn:
            if key == "recent":
                return repos.created_since(conn, self._now() - timedelta(days=recent_days))
            if key.startswith("batch:") and key[6:].isdigit():
                return repos.batch_created_ids(conn, int(key[6:]))
        raise BadInputError(f"no smart list {key!r}")

    def list_row(self, contact_id: int) -> tuple[Any, ...] | None:
        """One live contact's contact-list row (the shape of list_rows), None if gone or in the trash."""
        with self.store.read() as conn:
            return repos.list_row(conn, contact_id)

    def trash_rows(self) -> list[tuple[Any, ...]]:
        """Contact-list rows of the contacts in the trash."""
        with self.store.read() as conn:
            return repos.trash_rows(conn)

    def delete_follow_ups(self, follow_up_ids: Sequence[int]) -> Changed[int]:
        """Remove follow-ups for good (undoing `add_follow_ups`); the value is how many went."""
        with self.store.write() as conn:
            owners = repos.follow_up_contact_ids(conn, follow_up_ids)
            gone = repos.delete_follow_ups(conn, follow_up_ids)
        return Changed(gone, Changes.of(contacts=owners, follow_ups=follow_up_ids, counts=True))

    def delete_interaction(self, interaction_id: int) -> Changed[int]:
        """Remove a logged interaction (undoing `log_interaction`); the value is how many went."""
        with self.store.write() as conn:
            owner = repos.interaction_contact_id(conn, interaction_id)
            gone = repos.delete_interaction(conn, interaction_id)
        contacts = [] if owner is None else [owner]
        return Changed(gone, Changes.of(contacts=contacts, interactions=[interaction_id], smart_lists=True))

    def merge_contacts(self, keep_id: int, other_id: int, choices: Mapping[str, Any]) -> Contact:
        """Merge `other_id` into `keep_id` in one transaction; `other_id` goes to the trash.

        `choices` gives the value of each single-valued field the user picked (MERGE_FIELDS); the rest of
        the kept contact stays. Both contacts' e-mails, phones and tags are kept, the notes of both joined,
        and the other's follow-ups, interactions, history and introductions move to the kept contact.
        """
        if keep_id == other_id:
            raise ValidationError("other", "a contact cannot be merged with itself")
        unknown = set(choices) - MERGE_FIELDS
        if unknown:
            raise BadInputError(f"cannot merge {', '.join(sorted(unknown))}")
        now = self._now()
        with self.store.write() as conn:
            keep, other = self._live(conn, keep_id), self._live(conn, other_id)
            notes = keep.notes
            if other.notes and other.notes not in notes:
                notes = f"{notes}\n\n{other.notes}" if notes else other.notes
            merged = replace(
                _draft_of(keep),
                **dict(choices),
                emails=(*keep.emails, *other.emails),
                phones=(*keep.phones, *other.phones),
                notes=notes,
            )
            values, emails, phones = _validated(merged)
            if values.get("introduced_by_id") in (keep_id, other_id):
                values["introduced_by_id"] = None
            repos.merge_children(conn, other_id, keep_id)
            self._check_slug_free(conn, values.get("linkedin_slug"), keep_id)
            changed = {k: v for k, v in values.items() if _stored(getattr(keep, k, None)) != _stored(v)}
            repos.update_contact(conn, keep_id, changed, now, None)
            repos.set_emails(conn, keep_id, emails)
            repos.set_phones(conn, keep_id, phones)
            if keep.open_networker_verdict is None and other.open_networker_verdict is not None:
                repos.set_verdict(conn, [keep_id], other.open_networker_verdict)
            repos.soft_delete(conn, [other_id], now)
            repos.refresh_derived(conn, [keep_id, other_id])
            return repos.get_contacts(conn, [keep_id])[0]


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
    rules.check_lengths(
        {**values, "linkedin_url": draft.linkedin_url}, emails=draft.emails, phones=draft.phones
    )
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


# -- networking helpers ------------------------------------------------------------------------------

PITCH_SETTING = "pitch"
TEMPLATES_SETTING = "message_templates"


def _suggestion(contact_id: int, name: str, reason: str) -> Suggestion:
    """A review entry in today's words; the field, text and signal are read back from the stored reason."""
    signal = rules.parse_reason(reason)
    if signal is None:
        return Suggestion(contact_id, name, reason)
    return Suggestion(contact_id, name, signal.reason, signal.field, signal.text, signal.signal)


def _words(text: str) -> list[str]:
    """Folded words of a company name, for matching `ACME Corp.` with `acme corp`."""
    return re.findall(r"\w+", rules.fold(text))
