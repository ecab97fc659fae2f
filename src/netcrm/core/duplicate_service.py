"""The duplicates review (issue 14): list the suspected pairs, merge one, or call it two people for good.

One service for both faces (the app's review queue and `netcrm-cli duplicates`): it reads the rows with
core/store/duplicates_sql.py, finds the pairs with core/duplicates.py, merges through Services.merge_contacts
(every e-mail, phone, tag, note, follow-up and interaction is kept) and remembers "not the same person" in
the duplicate_dismissal table, which every later search (and so every later import's report) respects.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from netcrm.core import duplicates
from netcrm.core.changes import Changed, Changes
from netcrm.core.errors import NotFoundError, ValidationError
from netcrm.core.model import Contact
from netcrm.core.store import duplicates_sql, repos

if TYPE_CHECKING:
    from netcrm.core.services import Services


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """A suspected pair, both contacts as they are now, and the reasons it was suggested."""

    first: Contact
    second: Contact
    reasons: tuple[str, ...]


class DuplicateReview:
    """Possible duplicates of one database."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.store = services.store

    def suggestions(self, among: Iterable[int] | None = None) -> list[duplicates.Suggestion]:
        """Every suspected pair, likeliest first; with `among`, only pairs with one of those contacts (the
        people one import created or updated)."""
        with self.store.read() as conn:
            people = duplicates_sql.people(conn)
            dismissed = duplicates_sql.dismissed(conn)
        found = duplicates.find(people, dismissed)
        if among is not None:
            wanted = set(among)
            found = [s for s in found if s.low_id in wanted or s.high_id in wanted]
        return found

    def pairs(self, among: Iterable[int] | None = None, limit: int | None = None) -> list[PossibleDuplicate]:
        """`suggestions` with both contacts loaded (the first `limit` pairs)."""
        found = self.suggestions(among)[:limit] if limit is not None else self.suggestions(among)
        ids = sorted({i for s in found for i in (s.low_id, s.high_id)})
        with self.store.read() as conn:
            contacts = {c.id: c for c in repos.get_contacts(conn, ids)}
        return [
            PossibleDuplicate(contacts[s.low_id], contacts[s.high_id], s.reasons)
            for s in found
            if s.low_id in contacts and s.high_id in contacts
        ]

    def dismiss(self, first: int, second: int) -> Changes:
        """ "Not the same person": the pair is never suggested again."""
        if first == second:
            raise ValidationError("other", "a contact is always the same person as itself")
        with self.store.write() as conn:
            if len(repos.get_contacts(conn, [first, second])) < 2:
                raise NotFoundError(f"no contacts {first} and {second}")
            duplicates_sql.dismiss(conn, first, second, self.services._now())
        return Changes.of(contacts=(first, second))

    def merge(self, keep: int, other: int, choices: Mapping[str, Any] | None = None) -> Changed[Contact]:
        """Merge `other` into `keep` (the fields in `choices` take those values); `other` goes to trash."""
        merged = self.services.merge_contacts(keep, other, dict(choices or {}))
        return Changed(merged, Changes.of(contacts=(keep, other), counts=True, smart_lists=True, tags=True))
