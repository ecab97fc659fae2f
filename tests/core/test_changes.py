"""Each follow-up and interaction mutation says what it changed (issue 13's Changes record)."""

from __future__ import annotations

from datetime import date, time

import pytest

from netcrm.core.changes import Changes
from netcrm.core.errors import BadInputError, NotFoundError
from netcrm.core.model import ContactDraft
from netcrm.core.services import Services


def person(svc: Services, name: str) -> int:
    return svc.add_contact(ContactDraft(first_name=name)).id


def test_changes_combine_and_say_whether_anything_changed() -> None:
    assert not Changes()
    both = Changes.of(contacts=[1], counts=True) | Changes.of(contacts=[2], follow_ups=[7], smart_lists=True)
    assert both == Changes.of(contacts=[1, 2], follow_ups=[7], counts=True, smart_lists=True)
    assert both and not both.everything
    assert Changes.all().everything and (Changes() | Changes.all()).everything


def test_follow_up_mutations_name_their_rows_and_counts(svc: Services) -> None:
    ada, bob = person(svc, "Ada"), person(svc, "Bob")
    added = svc.add_follow_ups([ada, bob], date(2026, 4, 1), "coffee", every="2w", due_time=time(9, 30))
    first, second = added.value
    assert (first.contact_id, second.contact_id) == (ada, bob)
    assert (first.recurrence, first.due_time) == ("2w", time(9, 30))
    assert added.changes == Changes.of(contacts=[ada, bob], follow_ups=[first.id, second.id], counts=True)

    snoozed = svc.snooze_follow_up(first.id, date(2026, 4, 8))
    assert snoozed.value.status == "snoozed"
    assert snoozed.changes == Changes.of(contacts=[ada], follow_ups=[first.id], counts=True)
    moved = svc.reschedule_follow_up(first.id, date(2026, 4, 2))
    assert moved.changes == snoozed.changes

    done = svc.complete_follow_up(first.id)
    assert done.value is not None  # it recurs
    [logged] = svc.list_interactions(ada)
    assert done.changes == Changes.of(
        contacts=[ada],
        follow_ups=[first.id, done.value.id],
        interactions=[logged.id],
        counts=True,
        smart_lists=True,
    )

    gone = svc.delete_follow_ups([second.id])
    assert gone.value == 1
    assert gone.changes == Changes.of(contacts=[bob], follow_ups=[second.id], counts=True)


def test_adding_follow_ups_refuses_a_missing_contact_and_writes_nothing(svc: Services) -> None:
    ada = person(svc, "Ada")
    with pytest.raises(NotFoundError, match="no contact with id 999"):
        svc.add_follow_ups([ada, 999], date(2026, 4, 1))
    assert svc.list_follow_ups() == []


def test_interactions_name_their_contact_and_the_smart_lists(svc: Services) -> None:
    ada = person(svc, "Ada")
    logged = svc.log_interaction(ada, "call", "hello", on=date(2026, 3, 1))
    assert logged.changes == Changes.of(contacts=[ada], interactions=[logged.value.id], smart_lists=True)
    gone = svc.delete_interaction(logged.value.id)
    assert (gone.value, gone.changes) == (1, logged.changes)
    assert svc.delete_interaction(logged.value.id).changes.contact_ids == frozenset()


def test_reopening_a_done_recurring_follow_up_takes_back_all_that_done_made(svc: Services) -> None:
    ada = person(svc, "Ada")
    [item] = svc.add_follow_ups([ada], date(2026, 4, 1), "coffee", every="2w").value
    svc.snooze_follow_up(item.id, date(2026, 4, 3))
    done = svc.complete_follow_up(item.id)
    assert done.value is not None  # the next occurrence
    assert len(svc.list_interactions(ada)) == 1
    back = svc.reopen_follow_up(item.id, done.changes, snoozed=True)
    assert (back.value.id, back.value.status, back.value.due) == (item.id, "snoozed", date(2026, 4, 3))
    assert [f.id for f in svc.list_follow_ups(include_done=True)] == [item.id]
    assert svc.list_interactions(ada) == []
    assert back.changes.follow_up_ids == {item.id, done.value.id}
    assert back.changes.contact_ids == {ada}
    with pytest.raises(BadInputError, match="is not done"):
        svc.reopen_follow_up(item.id, done.changes)
