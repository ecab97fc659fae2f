"""Import planning: match parsed rows to existing contacts and decide, field by field, what changes.

Pure: it reads a snapshot of the database's keys and values and returns a plan; services apply it in
one transaction. The rules (issue 3): match on the normalised LinkedIn slug, then on e-mail, never on
name alone; imported values fill empty fields; a changed company or position is a job change, unless
the user edited that field since the last import; notes, tags, decisions and user edits are never lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netcrm.core import rules
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

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


@dataclass
class Incoming:
    """One person from the file after merging the rows that share a slug or an e-mail."""

    rows: list[int]
    values: dict[str, Any]
    emails: list[str]
    phones: list[str]
    tags: list[str]
    notes: str
    slug: str | None


@dataclass(frozen=True)
class Existing:
    """What the planner needs to know of a contact already in the database."""

    id: int
    values: Mapping[str, Any]
    imported: Mapping[str, Any]
    email_keys: frozenset[str]
    phone_keys: frozenset[str]
    tag_keys: frozenset[str]
    notes: str
    verdict: str | None
    open_networker: bool
    deleted: bool


@dataclass
class Update:
    """Changes to one existing contact."""

    contact_id: int
    rows: list[int]
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # name -> (old, new)
    add_emails: list[str] = field(default_factory=list)
    add_phones: list[str] = field(default_factory=list)
    add_tags: list[str] = field(default_factory=list)
    notes: str | None = None
    kept_edits: list[str] = field(default_factory=list)
    imported: dict[str, Any] = field(default_factory=dict)

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
    unchanged: list[tuple[int, list[int]]] = field(default_factory=list)  # contact id, rows
    possible_duplicates: list[tuple[int, int]] = field(default_factory=list)  # row, existing contact id
    merged_rows: list[list[int]] = field(default_factory=list)

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
        return not self.create and not self.update


def merge_rows(rows: Iterable[ParsedContact]) -> tuple[list[Incoming], list[list[int]]]:
    """Group rows of one file that share a slug or an e-mail (union-find), and merge each group."""
    rows = list(rows)
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    slugs: list[str | None] = []
    group_slug: dict[int, str | None] = {}
    for i, row in enumerate(rows):
        slug = rules.linkedin_slug(row.linkedin_url) if row.linkedin_url else None
        slugs.append(slug)
        group_slug[i] = slug
        keys = [f"s:{slug}"] if slug else []
        keys += [f"e:{rules.email_key(e)}" for e in row.emails]
        for key in keys:
            if key not in owner:
                owner[key] = i
                continue
            a, b = find(owner[key]), find(i)
            slug_a, slug_b = group_slug[a], group_slug[b]
            if a != b and not (slug_a and slug_b and slug_a != slug_b):  # two profiles are two people
                root, child = min(a, b), max(a, b)
                parent[child] = root
                group_slug[root] = slug_a or slug_b
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(find(i), []).append(i)
    incoming = [
        _merge([rows[i] for i in members], [slugs[i] for i in members]) for members in groups.values()
    ]
    merged = [[rows[i].row for i in members] for members in groups.values() if len(members) > 1]
    return incoming, merged


def _merge(rows: list[ParsedContact], slugs: list[str | None]) -> Incoming:
    if len(rows) == 1:  # the common case, kept cheap: one row is already one person
        r = rows[0]
        return Incoming(
            rows=[r.row],
            values={name: getattr(r, name) or None for name in IMPORTED_FIELDS}
            | {"display_name": r.display_name},
            emails=list(r.emails),
            phones=list(r.phones),
            tags=list(r.tags),
            notes=r.notes,
            slug=slugs[0],
        )
    values: dict[str, Any] = {}
    for name in IMPORTED_FIELDS:
        values[name] = next((getattr(r, name) for r in rows if getattr(r, name)), None)
    values["display_name"] = next((r.display_name for r in rows if r.display_name), "")
    emails = _unique((e for r in rows for e in r.emails), rules.email_key)
    phones = _unique((p for r in rows for p in r.phones), rules.phone_key)
    tags = _unique((t for r in rows for t in r.tags), rules.fold)
    notes = "\n\n".join(_unique((r.notes for r in rows), str))
    return Incoming(
        rows=[r.row for r in rows],
        values=values,
        emails=emails,
        phones=phones,
        tags=tags,
        notes=notes,
        slug=next((s for s in slugs if s), None),
    )


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
    by_email: Mapping[str, int],
    by_name_company: Mapping[tuple[str, str], int],
    load: Callable[[list[int]], Mapping[int, Existing]],
) -> Plan:
    """Decide for each incoming person: create, update (and how), or leave unchanged."""
    plan = Plan(result=result, sha256=sha256)
    incoming, plan.merged_rows = merge_rows(result.rows)
    matched: list[tuple[Incoming, int]] = []
    claimed: set[int] = set()
    for person in incoming:
        match = by_slug.get(person.slug) if person.slug else None
        if match is None:
            match = next((by_email[k] for k in map(rules.email_key, person.emails) if k in by_email), None)
        if match is None or match in claimed:
            # Two incoming people never claim one contact: the second becomes a contact of its own.
            plan.create.append(person)
            name_key = (rules.fold(display_of(person)), rules.fold(person.values.get("company") or ""))
            if name_key[0] and name_key in by_name_company:
                plan.possible_duplicates.append((person.rows[0], by_name_company[name_key]))
        else:
            claimed.add(match)
            matched.append((person, match))
    existing = load([cid for _person, cid in matched])
    for person, cid in matched:
        current = existing[cid]
        update = None if current.deleted else _update_for(current, person)
        if update is not None and update.changes_anything:
            plan.update.append(update)
        else:
            plan.unchanged.append((cid, person.rows))  # a contact the user put in the trash stays there
    return plan


def display_of(person: Incoming) -> str:
    """The display name an incoming person gets."""
    return person.values.get("display_name") or rules.display_name(
        person.values.get("first_name") or "",
        person.values.get("last_name") or "",
        person.emails[0] if person.emails else (person.values.get("company") or ""),
    )


def _update_for(current: Existing, person: Incoming) -> Update:
    update = Update(contact_id=current.id, rows=person.rows)
    imported = dict(current.imported)
    for name in IMPORTED_FIELDS:
        new = person.values.get(name)
        if new in (None, ""):
            continue
        old = current.values.get(name)
        if old in (None, ""):
            update.fields[name] = (old, new)
        elif old != new and name in CHANGING_FIELDS:
            if current.imported.get(name) == _jsonable(old):
                update.fields[name] = (old, new)  # LinkedIn says they moved on, and the user never edited it
            else:
                update.kept_edits.append(name)  # typed or edited by the user: theirs wins
        if name in update.fields:
            imported[name] = _jsonable(new)
    update.add_emails = [e for e in person.emails if rules.email_key(e) not in current.email_keys]
    update.add_phones = [p for p in person.phones if rules.phone_key(p) not in current.phone_keys]
    update.add_tags = [t for t in person.tags if rules.fold(t) not in current.tag_keys]
    if person.notes and person.notes not in current.notes:
        update.notes = f"{current.notes}\n\n{person.notes}" if current.notes else person.notes
    if imported != dict(current.imported):
        update.imported = imported
    return update


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
