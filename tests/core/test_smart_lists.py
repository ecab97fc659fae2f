"""The services behind the desktop app's sidebar, list rows, bulk follow-ups and merge (issue 5)."""

from __future__ import annotations

from datetime import date

import pytest

from netcrm.core.errors import BadInputError, ValidationError
from netcrm.core.model import LIST_COLUMNS, ContactDraft, ContactFilter
from netcrm.core.services import Services


def test_list_row_and_trash_rows_have_the_list_shape(svc: Services) -> None:
    ada = svc.add_contact(ContactDraft(first_name="Ada", last_name="Lovelace", tags=("Mentor",))).id
    row = svc.list_row(ada)
    assert row is not None and len(row) == len(LIST_COLUMNS)
    assert row == next(r for r in svc.list_rows() if r[0] == ada)
    svc.delete_contacts([ada])
    assert svc.list_row(ada) is None
    assert [r[0] for r in svc.trash_rows()] == [ada]


def test_smart_lists(svc: Services) -> None:
    ada = svc.add_contact(ContactDraft(first_name="Ada")).id
    gone = svc.add_contact(ContactDraft(first_name="Gone")).id
    svc.delete_contacts([gone])
    smart = svc.smart_lists()
    assert smart.recent == 1
    assert svc.smart_list_ids("recent") == [ada]
    assert smart.trash == 1
    assert smart.batches == ()
    svc.edit_contact(ada, {"cadence_days": 1, "connected_on": date(2000, 1, 1)})
    assert ada in svc.smart_lists().lapsed


def test_bulk_follow_ups_are_one_step_and_removable(svc: Services) -> None:
    ids = [svc.add_contact(ContactDraft(first_name=f"P{n}")).id for n in range(3)]
    added = svc.add_follow_ups(ids, date(2031, 1, 1), "hello")
    made = [f.id for f in added.value]
    assert len(made) == 3 and added.changes.contact_ids == set(ids) and added.changes.counts
    assert {f.contact_id for f in svc.list_follow_ups()} == set(ids)
    assert svc.delete_follow_ups(made).value == 3
    assert svc.list_follow_ups() == []


def test_merge_keeps_everything_of_both(svc: Services) -> None:
    keep = svc.add_contact(
        ContactDraft(
            first_name="Ada",
            last_name="Lovelace",
            emails=("ada@a.org",),
            phones=("+1 555 0100",),
            company="Old Co",
            notes="Met at the fair",
            tags=("Mentor",),
        )
    ).id
    other = svc.add_contact(
        ContactDraft(
            first_name="Ada",
            last_name="King",
            emails=("ada@b.org",),
            company="New Co",
            linkedin_url="https://www.linkedin.com/in/ada-king",
            notes="Countess",
            tags=("Investor",),
        )
    ).id
    fan = svc.add_contact(ContactDraft(first_name="Fan", introduced_by_id=other)).id
    svc.add_follow_ups([other], date(2031, 2, 2), "call")
    svc.log_interaction(other, "call", "chat")
    merged = svc.merge_contacts(
        keep, other, {"company": "New Co", "linkedin_url": "https://www.linkedin.com/in/ada-king"}
    )
    assert merged.company == "New Co" and merged.last_name == "Lovelace"
    assert merged.linkedin_slug == "ada-king"
    assert merged.emails == ("ada@a.org", "ada@b.org")
    assert merged.phones == ("+1 555 0100",)
    assert set(merged.tags) == {"Mentor", "Investor"}
    assert "Met at the fair" in merged.notes and "Countess" in merged.notes
    assert [f.contact_id for f in svc.list_follow_ups()] == [keep]
    assert [i.summary for i in svc.list_interactions(keep)] == ["chat"]
    assert svc.get_contact(fan).introduced_by_id == keep
    assert svc.get_contact(other).deleted_at is not None
    assert svc.count_contacts(ContactFilter(trash=True)) == 1


def test_merge_refuses_nonsense(svc: Services) -> None:
    ada = svc.add_contact(ContactDraft(first_name="Ada")).id
    bob = svc.add_contact(ContactDraft(first_name="Bob")).id
    with pytest.raises(ValidationError):
        svc.merge_contacts(ada, ada, {})
    with pytest.raises(BadInputError):
        svc.merge_contacts(ada, bob, {"notes": "x"})
    with pytest.raises(ValidationError):
        svc.merge_contacts(ada, bob, {"linkedin_url": "https://example.com/x"})
    assert svc.get_contact(bob).deleted_at is None  # nothing happened


def test_smart_list_ids_refuses_unknown_lists(svc: Services) -> None:
    with pytest.raises(BadInputError):
        svc.smart_list_ids("everyone")
