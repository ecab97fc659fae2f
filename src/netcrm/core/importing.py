"""Import planning: match parsed rows to existing contacts and decide, field by field, what changes.

Pure: it reads a snapshot of the database's keys and values and returns a plan; services apply it in
one transaction. The rules (issue 3): match on the normalised LinkedIn slug, then on e-mail, never on
name alone; imported values fill empty fields; a changed company or position is a job change, unless
the user edited that field since the last import; notes, tags, decisions and user edits are never lost.

A 100k-row file is the hot path: one row is one person unless a slug or e-mail repeats, so people keep
the parsed row itself (no per-row dicts), and an existing contact's imported values (JSON) are only
parsed when a field actually differs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from netcrm.core import identity, rules
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

if TYPE_CHECKING:
    from netcrm.core.import_activity import Activity

#: Fields an import may set on an existing contact, in report order.
IMPORTED_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "position",
    "location",
    "linkedin_url",
    "connected_on",
)
JOB_FIELDS = ("company", "position")
#: Fields whose new value replaces the old one (a move); the rest only fill empty fields.
CHANGING_FIELDS = ("company", "position", "location")


class Incoming(NamedTuple):
    """One person from the file: a row, or the merge of the rows that share a slug or an e-mail.

    `contact` carries the merged values ("" or None where no row had one); `rows` are the file's rows.
    """

    contact: ParsedContact
    slug: str | None
    merged: tuple[int, ...] | None = None  # the rows merged into `contact`; None for a single row

    @property
    def rows(self) -> tuple[int, ...]:
        """The file's rows this person came from."""
        return self.merged or (self.contact.row,)


@dataclass(frozen=True, slots=True)
class Existing:
    """What applying an update needs to know of a contact already in the database."""

    id: int
    email_keys: frozenset[str]
    phone_keys: frozenset[str]
    tag_keys: frozenset[str]
    notes: str
    verdict: str | None
    open_networker: bool
    deleted: bool


#: Fields an import only fills when empty: a snapshot says how each is empty, not what it holds.
FILLED_FIELDS = tuple(name for name in IMPORTED_FIELDS if name not in CHANGING_FIELDS)
#: The columns of a Snapshot row. `empty` packs two bits per FILLED_FIELDS entry, in order:
#: 0 the field has a value, 1 it is NULL, 2 it is "".
SNAPSHOT_COLUMNS = (
    "id",
    "empty",
    *CHANGING_FIELDS,
    "notes",
    "imported_values",
    "open_networker_verdict",
    "deleted",
)
_EMPTY = 1
_NOTES, _IMPORTED, _VERDICT, _DELETED = 5, 6, 7, 8
_EMPTY_VALUES = (None, None, "")
#: Matched contacts loaded per Snapshot.
SNAPSHOT_CHUNK = 5000


@dataclass
class Snapshot:
    """The matched contacts as the database has them, as plain tuples: a re-import of 100k people
    compares these without building an object per contact (Existing is made only for real updates).

    `rows` hold SNAPSHOT_COLUMNS; the children are lists per contact id: e-mail keys, phones, and
    (tag name, builtin) pairs.
    """

    rows: dict[int, tuple[Any, ...]]
    emails: dict[int, list[str]] = field(default_factory=dict)
    phones: dict[int, list[str]] = field(default_factory=dict)
    tags: dict[int, list[tuple[str, str | None]]] = field(default_factory=dict)

    def existing(self, cid: int) -> Existing:
        """One contact as an Existing."""
        row = self.rows[cid]
        links = self.tags.get(cid, [])
        return Existing(
            id=cid,
            email_keys=frozenset(self.emails.get(cid, ())),
            phone_keys=frozenset(rules.phone_key(p) for p in self.phones.get(cid, ())),
            tag_keys=frozenset(rules.fold(name) for name, _builtin in links),
            notes=row[_NOTES] or "",
            verdict=row[_VERDICT],
            open_networker=any(builtin == "open_networker" for _name, builtin in links),
            deleted=bool(row[_DELETED]),
        )


@dataclass
class Update:
    """Changes to one existing contact."""

    contact_id: int
    rows: tuple[int, ...]
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name -> (old, new)
    add_emails: list[str] = field(default_factory=list)
    add_phones: list[str] = field(default_factory=list)
    add_tags: list[str] = field(default_factory=list)
    notes: str | None = None
    kept_edits: list[str] = field(default_factory=list)
    imported: dict[str, Any] = field(default_factory=dict)
    existing: Existing | None = None  # what the plan saw, so applying it need not load it again

    @property
    def job_change(self) -> bool:
        """True when the company or position moved on (the report lists these)."""
        return any(name in self.fields and self.fields[name][0] for name in JOB_FIELDS)

    @property
    def changes_anything(self) -> bool:
        """An update that changes nothing is reported as unchanged."""
        return bool(self.fields or self.add_emails or self.add_phones or self.add_tags or self.notes)


@dataclass
class Plan:
    """What an import would do; `apply` carries it out in one transaction."""

    result: ParseResult
    sha256: str
    create: list[Incoming] = field(default_factory=list)
    update: list[Update] = field(default_factory=list)
    unchanged: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)  # contact id, rows
    possible_duplicates: list[tuple[int, int]] = field(default_factory=list)  # row, existing contact id
    merged_rows: list[list[int]] = field(default_factory=list)
    fingerprints: dict[int, str] = field(default_factory=dict)  # keyless row -> identity.fingerprints entry
    activity: list[Activity] = field(default_factory=list)  # follow-ups and interactions to add

    @property
    def skipped(self) -> tuple[RowIssue, ...]:
        """Rows left out, each with its reason."""
        return self.result.skipped

    @property
    def job_changes(self) -> list[Update]:
        """Updates that record a job change."""
        return [u for u in self.update if u.job_change]

    def counts(self) -> dict[str, int]:
        """Created, updated, unchanged, skipped (hidden member rows count as skipped)."""
        return {
            "created": len(self.create),
            "updated": len(self.update),
            "unchanged": len(self.unchanged),
            "skipped": len(self.result.skipped) + self.result.hidden_members,
        }

    @property
    def changes_nothing(self) -> bool:
        """Nothing to create or update: applying it would leave the database as it is."""
        return not self.create and not self.update and not self.activity


def merge_rows(rows: Iterable[ParsedContact]) -> tuple[list[Incoming], list[list[int]]]:
    """Group rows of one file that share a slug or an e-mail (union-find), and merge each group.

    Rows are taken in file order; the union only runs where a key repeats, so a file of distinct
    people costs one slug and one dict lookup per row.
    """
    rows = rows if isinstance(rows, list | tuple) else list(rows)
    slug_of, email_key = rules.linkedin_slug, rules.email_key
    slugs = [slug_of(r.linkedin_url) if r.linkedin_url else None for r in rows]
    parent: list[int] = []
    group_slug: list[str | None] = []
    touched: set[int] = set()  # rows a key repeated on; every other row is a person of its own

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(first: int, i: int) -> None:
        if not parent:
            parent.extend(range(len(rows)))
            group_slug.extend(slugs)
        touched.update((first, i))
        a, b = find(first), find(i)
        slug_a, slug_b = group_slug[a], group_slug[b]
        if a != b and not (slug_a and slug_b and slug_a != slug_b):  # two profiles are two people
            root, child = min(a, b), max(a, b)  # a group's root is its first row
            parent[child] = root
            group_slug[root] = slug_a or slug_b

    by_slug: dict[str, int] = {}
    by_email: dict[str, int] = {}
    for i, (row, slug) in enumerate(zip(rows, slugs, strict=True)):
        if slug:
            first = by_slug.setdefault(slug, i)
            if first != i:
                union(first, i)
        for email in row.emails:
            first = by_email.setdefault(email_key(email), i)
            if first != i:
                union(first, i)
    del by_slug, by_email
    if not touched:  # nobody repeats: every row is one person
        return [Incoming(r, s) for r, s in zip(rows, slugs, strict=True)], []
    groups: dict[int, list[int]] = {}
    for i in sorted(touched):
        groups.setdefault(find(i), []).append(i)
    incoming: list[Incoming] = []
    merged: list[list[int]] = []
    for i, (row, slug) in enumerate(zip(rows, slugs, strict=True)):
        if i not in touched:
            incoming.append(Incoming(row, slug))
        elif i in groups:  # the group's first row: the person stands where its first row stood
            members = groups[i]
            incoming.append(_merge([rows[m] for m in members], [slugs[m] for m in members]))
            if len(members) > 1:
                merged.append([rows[m].row for m in members])
    return incoming, merged


def _merge(rows: list[ParsedContact], slugs: list[str | None]) -> Incoming:
    if len(rows) == 1:  # the common case, kept cheap: one row is already one person
        return Incoming(rows[0], slugs[0])

    def first(name: str) -> Any:
        return next((getattr(r, name) for r in rows if getattr(r, name)), None)

    merged = ParsedContact(
        row=rows[0].row,
        first_name=first("first_name") or "",
        last_name=first("last_name") or "",
        display_name=first("display_name") or "",
        emails=tuple(_unique((e for r in rows for e in r.emails), rules.email_key)),
        phones=tuple(_unique((p for r in rows for p in r.phones), rules.phone_key)),
        company=first("company") or "",
        position=first("position") or "",
        location=first("location") or "",
        linkedin_url=first("linkedin_url") or "",
        connected_on=first("connected_on"),
        notes="\n\n".join(_unique((r.notes for r in rows), str)),
        tags=tuple(_unique((t for r in rows for t in r.tags), rules.fold)),
    )
    return Incoming(merged, next((s for s in slugs if s), None), tuple(r.row for r in rows))


def _unique(items: Iterable[str], key: Callable[[str], str]) -> list[str]:
    """Non-empty items, the first spelling of each key, in order."""
    seen: dict[str, str] = {}
    for item in items:
        if item:
            seen.setdefault(key(item), item)
    return list(seen.values())


def plan_rows(
    result: ParseResult,
    sha256: str,
    *,
    by_slug: Mapping[str, int],
    by_email: Callable[[], Mapping[str, int]],
    by_name_company: Callable[[], Mapping[tuple[str, str], int]],
    load: Callable[[list[int]], Snapshot],
    by_fingerprint: Callable[[], Mapping[str, Sequence[int]]] | None = None,
    by_name_date: Callable[[], Mapping[tuple[str, str], list[identity.NameDateEntry]]] | None = None,
) -> Plan:
    """Decide for each incoming person: create, update (and how), or leave unchanged.

    `by_email` is only asked for when someone's slug matched nobody, `by_name_company` (folded display
    name and company of live contacts) when someone is created, and `load` for the contacts that matched.
    """
    plan = Plan(result=result, sha256=sha256)
    incoming, plan.merged_rows = merge_rows(result.rows)
    matched: list[tuple[Incoming, int]] = []
    claimed: set[int] = set()
    email_key = rules.email_key
    create = plan.create
    emails: Mapping[str, int] | None = None
    keyless = [p for p in incoming if not p.slug and not p.contact.emails]
    fp_of = plan.fingerprints
    if keyless:
        fp_of.update(
            zip(
                (p.contact.row for p in keyless),
                identity.fingerprints(result.format, (p.contact for p in keyless)),
                strict=True,
            )
        )
    known_fps: Mapping[str, Sequence[int]] | None = None
    name_dates: Mapping[tuple[str, str], list[identity.NameDateEntry]] | None = None
    # Exact rules first (slug, e-mail, fingerprint), for every row; the looser name-and-date rule only then,
    # so it never takes the contact a later row of the file is the exact match of (which would leave that
    # row to be created again at every re-import).
    loose: list[int] = []
    found: list[int | None] = []
    for person in incoming:
        match = by_slug.get(person.slug) if person.slug else None
        if match is None and person.contact.emails:
            if emails is None:
                emails = by_email()
            if emails:  # an empty database has none: no key to compute
                match = next((emails[k] for k in map(email_key, person.contact.emails) if k in emails), None)
        if match is None and fp_of and by_fingerprint is not None:
            fp = fp_of.get(person.contact.row)
            if fp is not None:
                if known_fps is None:
                    known_fps = by_fingerprint()
                match = next((cid for cid in known_fps.get(fp, ()) if cid not in claimed), None)
        if match is None or match in claimed:
            match = None
            if person.contact.connected_on is not None and by_name_date is not None:
                loose.append(len(found))
        else:
            claimed.add(match)
        found.append(match)
    if loose and by_name_date is not None:
        name_dates = by_name_date()
        for index in loose if name_dates else ():
            person = incoming[index]
            key = identity.name_date_key(person.contact)
            has_email = bool(person.contact.emails)
            for entry in name_dates.get(key, ()) if key else ():
                if entry.contact_id not in claimed and identity.may_join(entry, person.slug, has_email):
                    claimed.add(entry.contact_id)
                    found[index] = entry.contact_id
                    break
    for person, match in zip(incoming, found, strict=True):
        if match is None:
            # Two incoming people never claim one contact: the second becomes a contact of its own.
            create.append(person)
        else:
            matched.append((person, match))
    names = by_name_company() if create else {}
    if names:
        fold = rules.fold
        for person in create:
            name_key = (fold(display_of(person)), fold(person.contact.company or ""))
            if name_key[0] and name_key in names:
                plan.possible_duplicates.append((person.rows[0], names[name_key]))
    # In id order, a chunk at a time: each chunk is one range of the table, and memory stays flat.
    order = sorted(range(len(matched)), key=[cid for _person, cid in matched].__getitem__)
    updates: list[tuple[int, Update]] = []
    unchanged: list[tuple[int, int, tuple[int, ...]]] = []
    for start in range(0, len(order), SNAPSHOT_CHUNK):
        part = order[start : start + SNAPSHOT_CHUNK]
        snapshot = load([matched[i][1] for i in part])
        for i in part:
            person, cid = matched[i]
            row = snapshot.rows[cid]
            if row[_DELETED] or _same(snapshot, row, person.contact):
                unchanged.append((i, cid, person.rows))
                continue
            update = _update_for(snapshot, row, person)
            if update is not None and update.changes_anything:
                update.existing = snapshot.existing(cid)
                updates.append((i, update))
            else:
                unchanged.append((i, cid, person.rows))  # a contact the user put in the trash stays there
    updates.sort(key=lambda entry: entry[0])  # back in file order, for the report and the batch
    unchanged.sort(key=lambda entry: entry[0])
    plan.update = [update for _i, update in updates]
    plan.unchanged = [(cid, rows) for _i, cid, rows in unchanged]
    return plan


def display_of(person: Incoming) -> str:
    """The display name an incoming person gets."""
    c = person.contact
    return c.display_name or rules.display_name(
        c.first_name or "", c.last_name or "", c.emails[0] if c.emails else (c.company or "")
    )


def _same(snapshot: Snapshot, row: tuple[Any, ...], c: ParsedContact) -> bool:
    """A cheap first look that is True only when `_update_for` would change nothing (most of a re-import)."""
    if row[_EMPTY] or c.phones or c.tags or c.notes:
        return False  # a field to fill, or more to compare: take the full path
    company, position, location = row[_EMPTY + 1 : _EMPTY + 4]
    if (c.company and c.company != company) or (c.position and c.position != position):
        return False
    if c.location and c.location != location:
        return False
    if c.emails:
        keys = snapshot.emails.get(row[0], ())
        # An address stored as its own key (lower case, plain) needs no key computed to be found.
        return all(e in keys or rules.email_key(e) in keys for e in c.emails)
    return True


def _update_for(snapshot: Snapshot, row: tuple[Any, ...], person: Incoming) -> Update:
    cid = row[0]
    update = Update(contact_id=cid, rows=person.rows)
    c = person.contact
    fields = update.fields
    imported_before: dict[str, Any] | None = None
    empty = row[_EMPTY]
    for shift, name in enumerate(FILLED_FIELDS):  # these only fill an empty field
        how = (empty >> (2 * shift)) & 3
        if how:
            new = getattr(c, name)
            if new is not None and new != "":
                fields[name] = (_EMPTY_VALUES[how], new)
    for index, name in enumerate(CHANGING_FIELDS, start=_EMPTY + 1):
        new = getattr(c, name)
        old = row[index]
        if new is None or new == "" or new == old:
            continue
        if old is None or old == "":
            fields[name] = (old, new)
        else:
            if imported_before is None:
                imported_before = json.loads(row[_IMPORTED]) if row[_IMPORTED] else {}
            if imported_before.get(name) == old:
                fields[name] = (old, new)  # LinkedIn says they moved on, and the user never edited it
            else:
                update.kept_edits.append(name)  # typed or edited by the user: theirs wins
    if len(fields) > 1:  # report order: IMPORTED_FIELDS
        update.fields = fields = {name: fields[name] for name in IMPORTED_FIELDS if name in fields}
    if fields:
        if imported_before is None:
            imported_before = json.loads(row[_IMPORTED]) if row[_IMPORTED] else {}
        imported = dict(imported_before)
        for name, (_old, new) in fields.items():
            imported[name] = _jsonable(new)
        if imported != imported_before:
            update.imported = imported
    if c.emails:
        keys = snapshot.emails.get(cid, ())
        update.add_emails = [e for e in c.emails if rules.email_key(e) not in keys]
    if c.phones:
        phone_keys = {rules.phone_key(p) for p in snapshot.phones.get(cid, ())}
        update.add_phones = [p for p in c.phones if rules.phone_key(p) not in phone_keys]
    if c.tags:
        tag_keys = {rules.fold(name) for name, _builtin in snapshot.tags.get(cid, ())}
        update.add_tags = [t for t in c.tags if rules.fold(t) not in tag_keys]
    notes = row[_NOTES] or ""
    if c.notes and c.notes not in notes:
        update.notes = f"{notes}\n\n{c.notes}" if notes else c.notes
    return update


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
