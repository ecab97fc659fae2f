"""What a mutation changed, so that each face redraws only that (Anki's OpChanges, shaped to netcrm)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def _ids(values: Iterable[int]) -> frozenset[int]:
    return frozenset(values)


@dataclass(frozen=True, slots=True)
class Changes:
    """The rows and derived views one service call touched.

    `contact_ids` are contacts whose list row may differ (next follow-up, last contacted, fields, tags);
    `counts`, `smart_lists` and `tags` say whether the sidebar's figures, the smart lists or the tag list
    may differ. `everything` (after an import or the undo of one) means: read it all again.
    """

    contact_ids: frozenset[int] = frozenset()
    follow_up_ids: frozenset[int] = frozenset()
    interaction_ids: frozenset[int] = frozenset()
    counts: bool = False
    smart_lists: bool = False
    tags: bool = False
    everything: bool = False

    @classmethod
    def of(
        cls,
        *,
        contacts: Iterable[int] = (),
        follow_ups: Iterable[int] = (),
        interactions: Iterable[int] = (),
        counts: bool = False,
        smart_lists: bool = False,
        tags: bool = False,
    ) -> Changes:
        """A record built from any iterables of ids."""
        return cls(_ids(contacts), _ids(follow_ups), _ids(interactions), counts, smart_lists, tags)

    @classmethod
    def all(cls) -> Changes:
        """Everything may have changed: read it all again."""
        return cls(counts=True, smart_lists=True, tags=True, everything=True)

    def __or__(self, other: Changes) -> Changes:
        """Both records' changes, as one call that made them both would report."""
        return Changes(
            self.contact_ids | other.contact_ids,
            self.follow_up_ids | other.follow_up_ids,
            self.interaction_ids | other.interaction_ids,
            self.counts or other.counts,
            self.smart_lists or other.smart_lists,
            self.tags or other.tags,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return bool(
            self.everything
            or self.contact_ids
            or self.follow_up_ids
            or self.interaction_ids
            or self.counts
            or self.smart_lists
            or self.tags
        )


@dataclass(frozen=True, slots=True)
class Changed(Generic[T]):
    """A mutation's result: the value the caller needs (a new record, an id, a count) and what changed."""

    value: T
    changes: Changes
