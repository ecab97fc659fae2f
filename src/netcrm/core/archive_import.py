"""One archive, one import (issue 17): contacts, messages, invitations, endorsements, recommendations and
followed companies written in one transaction and one import batch.

Contacts go through the ordinary import (Connections.csv plus the people of pending invitations, the owner
left out), so matching, job changes and undo are the ones every import has. Then each record is added
unless its stable key is already stored: the same archive imported twice adds nothing, a later one only
what is new. Conversations become one "message" interaction per day per conversation per contact; the
messages themselves are kept (text optional) for the thread and the CLI.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from netcrm.core import import_service as imp
from netcrm.core import rules
from netcrm.core.archive_match import Matcher, owner_slug
from netcrm.core.errors import Cancelled, FileRefusedError
from netcrm.core.io.archive.model import Archive, FileUse, Invitation, Message, stable_key
from netcrm.core.io.text import split_full_name
from netcrm.core.model import ParsedContact, ParseResult
from netcrm.core.store import archive as store
from netcrm.core.store import import_sql, repos, schema

FORMAT = "linkedin-archive"
#: Folders that hold advertising, not people writing.
_SKIPPED_FOLDERS = frozenset({"SPONSORED"})
_SUMMARY_CHARS = 200


@dataclass(frozen=True)
class ArchiveOptions:
    """`message_text=False` stores dates and directions only; `add_people` makes contacts of the
    non-connections one wrote with (degree 2); `all_or_nothing` refuses the archive if any file failed."""

    message_text: bool = True
    add_people: bool = False
    all_or_nothing: bool = False


@dataclass
class ArchiveReport:
    """What one archive import did: a count per kind, the files not used and why, people left out."""

    path: str
    batch_id: int | None
    files: tuple[FileUse, ...]
    counts: dict[str, int] = field(default_factory=dict)
    contacts: imp.ImportReport | None = None
    owner: str | None = None
    unmatched_people: list[str] = field(default_factory=list)
    unmatched_recommendations: list[str] = field(default_factory=list)

    @property
    def changed_nothing(self) -> bool:
        return self.batch_id is None


def archive_sha(archive: Archive) -> str:
    """A fingerprint of what was read (the batch's sha256): the keys of every record, in order."""
    digest = hashlib.sha256()
    for message in archive.messages:
        digest.update(message.key.encode())
    keys = [r.key for r in archive.invitations] + [r.key for r in archive.endorsements]
    for key in keys + [r.key for r in archive.recommendations]:
        digest.update(key.encode())
    if archive.connections is not None:
        digest.update(str(len(archive.connections.rows)).encode())
    return digest.hexdigest()


class ArchiveImporter:
    """Writes one archive inside a write transaction (`conn`)."""

    def __init__(
        self,
        conn: sa.Connection,
        now: datetime,
        options: ArchiveOptions,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        self.conn = conn
        self.now = now
        self.options = options
        self.cancel = cancel
        self.batch_id: int | None = None
        self.counts: dict[str, int] = defaultdict(int)
        self.second_degree: set[str] = set()  # slugs of people added who are no connection

    def run(self, archive: Archive, name: str) -> ArchiveReport:
        if self.options.all_or_nothing and archive.failed:
            first = archive.failed[0]
            raise FileRefusedError(first.name, f"{first.reason} (all-or-nothing: nothing imported)")
        owner = owner_slug(archive)
        report = ArchiveReport(path=archive.path, batch_id=None, files=archive.files, owner=owner)
        before = import_sql.slug_map(self.conn)
        report.contacts = self._contacts(archive, owner, name)
        by_slug = import_sql.slug_map(self.conn)
        store.set_degree(
            self.conn, [by_slug[s] for s in self.second_degree - before.keys() if s in by_slug], 2
        )
        matcher = Matcher(by_slug, import_sql.name_company_map(self.conn), owner)
        self._invitations(archive.invitations, matcher, archive.connections)
        self._check()
        report.unmatched_people = self._messages(archive.messages, matcher)
        self._check()
        report.unmatched_recommendations = self._records(archive, matcher)
        self._follows(archive)
        store.link_participants(self.conn, by_slug)
        if self.batch_id is not None:
            self.conn.execute(
                sa.text("UPDATE import_batch SET format = :f, file_name = :n WHERE id = :b"),
                {"f": FORMAT, "n": name, "b": self.batch_id},
            )
        report.batch_id = self.batch_id
        report.counts = dict(self.counts)
        return report

    def _check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled("import cancelled: nothing was imported")

    def _batch(self) -> int:
        """The archive's one batch, made when the first thing is written."""
        if self.batch_id is None:
            counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
            self.batch_id = repos.insert_batch(self.conn, "archive", "", FORMAT, counts, self.now)
        return self.batch_id

    # -- contacts ---------------------------------------------------------------------------------

    def _contacts(self, archive: Archive, owner: str | None, name: str) -> imp.ImportReport | None:
        """Connections.csv (the owner left out) and the people of pending invitations, as one import."""
        result = archive.connections
        rows: list[ParsedContact] = []
        if result is not None:
            rows = [row for row in result.rows if not owner or rules.linkedin_slug(row.linkedin_url) != owner]
        known = {rules.linkedin_slug(row.linkedin_url) for row in rows} - {None}
        people = [(invite.other_url, invite.other_name) for invite in archive.invitations]
        if self.options.add_people:  # people one wrote with who are no connection (InMail, requests)
            for message in archive.messages:
                if not message.is_draft and message.folder not in _SKIPPED_FOLDERS:
                    names = dict(zip(message.recipient_urls, message.recipients, strict=False))
                    names[message.sender_url] = message.sender
                    people.extend((url, names.get(url, "")) for url in message.participants)
        base = max((row.row for row in rows), default=0) + 1
        for url, person in people:
            slug = rules.linkedin_slug(url) if url else None
            if slug and slug != owner and slug not in known:
                known.add(slug)
                self.second_degree.add(slug)
                first, last = split_full_name(person)
                rows.append(ParsedContact(base, first, last, person, linkedin_url=url))
                base += 1
        if not rows:
            return None
        combined = ParseResult(
            path=archive.path,
            format="linkedin",
            encoding=result.encoding if result else "utf-8",
            rows=tuple(rows),
            skipped=result.skipped if result else (),
            warnings=result.warnings if result else (),
            hidden_members=result.hidden_members if result else 0,
            headers=result.headers if result else (),
        )
        plan = imp.make_plan(self.conn, combined, archive_sha(archive))
        if plan.changes_nothing:
            return imp.report_of(plan, None, dry_run=False, names={}, detected=0)
        importer = imp.Importer(self.conn, self.now, (), None, self.cancel)
        self.batch_id = importer.apply(plan)
        self.counts["contacts_created"] = len(plan.create)
        self.counts["contacts_updated"] = len(plan.update)
        return imp.report_of(plan, self.batch_id, dry_run=False, names={}, detected=importer.detected)

    # -- invitations ------------------------------------------------------------------------------

    def _invitations(
        self,
        invitations: tuple[Invitation, ...],
        matcher: Matcher,
        connections: ParseResult | None,
    ) -> None:
        connected = {
            slug: row.connected_on
            for row in (connections.rows if connections else ())
            if (slug := rules.linkedin_slug(row.linkedin_url))
        }
        # A pending invitation whose person is now in Connections.csv was accepted: log it.
        pending = store.pending_invitations(self.conn) if connected else {}
        slug_of = {cid: slug for slug, cid in matcher.by_slug.items()} if pending else {}
        for iid, cid, direction in pending.values():
            slug = slug_of.get(cid)
            if slug in connected:
                on = connected[slug] or self.now.date()
                store.accept_invitations(self.conn, [iid], on)
                store.set_degree(self.conn, [cid], 1)
                what = (
                    "accepted your invitation" if direction == "outgoing" else "you accepted their invitation"
                )
                self._interaction(cid, "note", on, what.capitalize(), None, stable_key("accepted", str(iid)))
                self.counts["invitations_accepted"] += 1
        stored = store.invitation_keys(self.conn)
        rows = []
        for invite in invitations:
            found = matcher.contact(invite.other_url)
            slug = rules.linkedin_slug(invite.other_url) if invite.other_url else None
            if found is None or invite.key in stored or slug in connected:
                continue
            stored.add(invite.key)
            rows.append(
                {
                    "invitation_key": invite.key,
                    "contact_id": found,
                    "direction": invite.direction,
                    "sent_at": invite.sent_at,
                    "message": invite.message or None,
                    "status": "pending",
                    "batch_id": self._batch(),
                }
            )
        store.insert_rows(self.conn, schema.invitation, rows)
        self.counts["invitations"] += len(rows)

    # -- messages ---------------------------------------------------------------------------------

    def _messages(self, messages: tuple[Message, ...], matcher: Matcher) -> list[str]:
        """New messages stored, participants recorded, one interaction per day, conversation and contact."""
        stored = store.message_keys(self.conn)
        seen_participants = store.participants(self.conn)
        interactions = store.interaction_keys(self.conn)
        keep_text = self.options.message_text
        new_messages: list[dict[str, Any]] = []
        new_participants: list[dict[str, Any]] = []
        days: dict[tuple[str, int, date], list[Message]] = defaultdict(list)
        unmatched: dict[str, str] = {}
        for message in messages:
            if message.is_draft or message.folder in _SKIPPED_FOLDERS:
                self.counts["messages_left_out"] += 1
                continue
            others = matcher.others(message)
            names = dict(zip(message.recipient_urls, message.recipients, strict=False))
            names[message.sender_url] = message.sender
            contacts = []
            for url in others:
                slug = rules.linkedin_slug(url)
                if not slug:
                    continue
                cid = matcher.by_slug.get(slug)
                pair = (message.conversation_id, slug)
                if pair not in seen_participants:
                    seen_participants[pair] = cid
                    new_participants.append(
                        {
                            "conversation_id": message.conversation_id,
                            "slug": slug,
                            "name": names.get(url, ""),
                            "profile_url": url,
                            "contact_id": cid,
                            "batch_id": self._batch(),
                        }
                    )
                if cid is None:
                    unmatched.setdefault(slug, f"{names.get(url, '')} <{url}>".strip())
                else:
                    contacts.append(cid)
            if message.key in stored:
                continue
            stored.add(message.key)
            direction = matcher.direction(message)
            new_messages.append(
                {
                    "message_key": message.key,
                    "conversation_id": message.conversation_id,
                    "conversation_title": message.conversation_title or None,
                    "sender_name": message.sender or None,
                    "sender_slug": rules.linkedin_slug(message.sender_url) if message.sender_url else None,
                    "sent_at": message.sent_at,
                    "direction": direction,
                    "folder": message.folder or None,
                    "subject": (message.subject or None) if keep_text else None,
                    "text": message.text if keep_text else None,
                    "batch_id": self._batch(),
                }
            )
            for cid in contacts:
                days[(message.conversation_id, cid, message.sent_at.date())].append(message)
        store.insert_participants(self.conn, new_participants)
        self.counts["messages"] += store.insert_messages(self.conn, new_messages)
        rows = []
        for (conv, cid, day), day_messages in days.items():
            key = stable_key("message", conv, str(cid), day.isoformat())
            if key in interactions:
                continue
            interactions.add(key)
            directions = {matcher.direction(m) for m in day_messages}
            direction = directions.pop() if len(directions) == 1 else "both"
            rows.append(self._row(cid, "message", day, _summary(day_messages, keep_text), direction, key))
        self.counts["message_interactions"] += store.insert_interactions(self.conn, rows)
        return sorted(unmatched.values())

    # -- endorsements and recommendations ---------------------------------------------------------

    def _records(self, archive: Archive, matcher: Matcher) -> list[str]:
        stored = store.endorsement_keys(self.conn)
        interactions = store.interaction_keys(self.conn)
        rows, events, unmatched = [], [], []
        for e in archive.endorsements:
            if e.key in stored:
                continue
            stored.add(e.key)
            cid = matcher.contact(e.url)
            rows.append(
                self._record(
                    e.key, "endorsement", e.given, cid, e.name, "", e.url, e.skill, None, e.on, e.status
                )
            )
            if cid is not None and e.on is not None:
                what = f"Endorsed for {e.skill}" if e.given else f"Endorsed you for {e.skill}"
                events.append((cid, "endorsement", e.on, what, e.given, e.key))
        for r in archive.recommendations:
            if r.key in stored:
                continue
            stored.add(r.key)
            cid = matcher.named(r.first_name, r.last_name, r.company)
            if cid is None:
                unmatched.append(f"{r.name} ({r.company})" if r.company else r.name)
            rows.append(
                self._record(
                    r.key, "recommendation", r.given, cid, r.name, r.company, "", None, r.text, r.on, r.status
                )
            )
            if cid is not None and r.on is not None:
                what = "Recommendation written" if r.given else "Recommended you"
                events.append(
                    (cid, "recommendation", r.on, f"{what}: {r.text[:_SUMMARY_CHARS]}", r.given, r.key)
                )
        store.insert_rows(self.conn, schema.endorsement, rows)
        self.counts["endorsements"] += sum(1 for row in rows if row["kind"] == "endorsement")
        self.counts["recommendations"] += sum(1 for row in rows if row["kind"] == "recommendation")
        interaction_rows = [
            self._row(cid, kind, on, what, "sent" if given else "received", key)
            for cid, kind, on, what, given, key in events
            if key not in interactions
        ]
        store.insert_interactions(self.conn, interaction_rows)
        return unmatched

    def _record(
        self,
        key: str,
        kind: str,
        given: bool,
        cid: int | None,
        person: str,
        company: str,
        url: str,
        skill: str | None,
        text: str | None,
        on: date | None,
        status: str,
    ) -> dict[str, Any]:
        return {
            "record_key": key,
            "kind": kind,
            "given": given,
            "contact_id": cid,
            "person_name": person,
            "company": company or None,
            "profile_url": url or None,
            "skill": skill,
            "text": text,
            "occurred_on": on,
            "status": status or None,
            "batch_id": self._batch(),
        }

    def _follows(self, archive: Archive) -> None:
        stored = store.company_keys(self.conn)
        rows = []
        for follow in archive.follows:
            key = company_key(follow.organization)
            if key in stored:
                continue
            stored.add(key)
            rows.append(
                {
                    "name": follow.organization,
                    "name_key": key,
                    "followed_on": follow.followed_on,
                    "batch_id": self._batch(),
                }
            )
        self.counts["companies"] += store.insert_rows(self.conn, schema.target_company, rows)

    # -- interactions -----------------------------------------------------------------------------

    def _row(
        self, cid: int, kind: str, on: date, summary: str, direction: str | None, key: str
    ) -> dict[str, Any]:
        direction = _WHO_STARTED.get(direction or "")  # the interaction's words: out, in, or unknown (both)
        return {
            "contact_id": cid,
            "kind": kind,
            "occurred_on": on,
            "summary": summary,
            "created_at": self.now,
            "direction": direction,
            "source_key": key,
            "batch_id": self._batch(),
        }

    def _interaction(
        self, cid: int, kind: str, on: date, summary: str, direction: str | None, key: str
    ) -> None:
        if key not in store.interaction_keys(self.conn):
            store.insert_interactions(self.conn, [self._row(cid, kind, on, summary, direction, key)])


#: An archive row's direction in the words of `interaction.direction` (core.model.INTERACTION_DIRECTIONS).
_WHO_STARTED = {"sent": "out", "received": "in"}


def company_key(name: str) -> str:
    """How a followed company meets a contact's company: lower case, single spaces (SQL lower() agrees
    for ASCII names)."""
    return " ".join(name.lower().split())


def _summary(messages: list[Message], keep_text: bool) -> str:
    """An interaction's line: the day's first message (plain text, shortened), or only how many."""
    count = f"{len(messages)} messages" if len(messages) > 1 else "1 message"
    if not keep_text:
        return count
    first = min(messages, key=lambda m: m.sent_at)
    text = " ".join(first.text.split())[:_SUMMARY_CHARS]
    return f"{text} ({count})" if len(messages) > 1 else text
