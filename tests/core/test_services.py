"""Services on a real SQLite file: each call one transaction, validation before anything is written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from netcrm.core.clock import FixedClock
from netcrm.core.errors import BadInputError, ConflictError, NotFoundError, ValidationError
from netcrm.core.model import ContactDraft, ContactFilter
from netcrm.core.services import Services
from tests.dbcheck import assert_db_sane, db_fingerprint


def ada(svc: Services, **extra: object) -> int:
    draft = ContactDraft(
        first_name="  Ada ",
        last_name="Lovelace",
        company="Analytical Engines",
        emails=("Ada@Example.org",),
        linkedin_url="https://www.linkedin.com/in/Ada-Lovelace/?trk=x",
        **extra,  # type: ignore[arg-type]
    )
    return svc.add_contact(draft).id


def test_add_normalises_and_derives(svc: Services) -> None:
    contact = svc.get_contact(ada(svc, tags=("Mentor", "mentor")))
    assert contact.first_name == "Ada"
    assert contact.display_name == "Ada Lovelace"
    assert contact.linkedin_slug == "ada-lovelace"
    assert contact.emails == ("Ada@Example.org",)
    assert contact.tags == ("Mentor",)
    assert contact.version == 1


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (ContactDraft(first_name="X", emails=("not-an-address",)), "email"),
        (ContactDraft(first_name="X", linkedin_url="https://example.com/in/x"), "linkedin_url"),
        (ContactDraft(first_name="X", degree=7), "degree"),
        (ContactDraft(first_name="X", cadence_days=0), "cadence_days"),
        (ContactDraft(), "first_name"),
    ],
)
def test_invalid_input_is_refused_and_nothing_written(
    svc: Services, db_path: Path, draft: ContactDraft, field: str
) -> None:
    before = db_fingerprint(db_path)
    with pytest.raises(ValidationError) as info:
        svc.add_contact(draft)
    assert info.value.field == field
    assert info.value.exit_code == 2
    assert db_fingerprint(db_path) == before


def test_slug_is_unique(svc: Services) -> None:
    ada(svc)
    with pytest.raises(ValidationError, match="already has this LinkedIn profile"):
        svc.add_contact(ContactDraft(first_name="Other", linkedin_url="linkedin.com/in/ada-lovelace"))


def test_edit_keeps_history_and_checks_version(svc: Services) -> None:
    cid = ada(svc)
    edited = svc.edit_contact(cid, {"company": "Babbage & Co", "position": "Analyst"}, expected_version=1)
    assert (edited.company, edited.version) == ("Babbage & Co", 2)
    history = svc.history(cid)
    assert [(h.field, h.old_value, h.new_value) for h in history] == [
        ("company", "Analytical Engines", "Babbage & Co")
    ]
    with pytest.raises(ConflictError) as info:
        svc.edit_contact(cid, {"notes": "stale"}, expected_version=1)
    assert info.value.current_version == 2
    assert svc.get_contact(cid).notes == ""


def test_edit_renames_display_name_unless_user_chose_one(svc: Services) -> None:
    cid = ada(svc)
    assert svc.edit_contact(cid, {"last_name": "King"}).display_name == "Ada King"
    svc.edit_contact(cid, {"display_name": "Countess of Lovelace"})
    assert svc.edit_contact(cid, {"first_name": "Augusta"}).display_name == "Countess of Lovelace"


def test_delete_goes_to_trash_and_restore_brings_back(svc: Services) -> None:
    cid = ada(svc)
    assert svc.delete_contacts([cid]) == 1
    assert svc.list_contacts() == []
    assert [c.id for c in svc.list_contacts(ContactFilter(trash=True))] == [cid]
    assert svc.counts().trash == 1
    with pytest.raises(NotFoundError):
        svc.edit_contact(cid, {"notes": "x"})
    svc.restore_contacts([cid])
    assert [c.id for c in svc.list_contacts()] == [cid]


def test_unknown_ids_change_nothing(svc: Services, db_path: Path) -> None:
    cid = ada(svc)
    before = db_fingerprint(db_path)
    with pytest.raises(NotFoundError, match="999"):
        svc.tag_contacts([cid, 999], add=["VIP"])
    with pytest.raises(NotFoundError):
        svc.delete_contacts([999])
    assert db_fingerprint(db_path) == before


def test_search_is_case_and_accent_insensitive(svc: Services) -> None:
    for first, last in (("Łukasz", "Wiśniewski"), ("Jürgen", "Müller"), ("芳", "王"), ("Ann", "Lee")):
        svc.add_contact(ContactDraft(first_name=first, last_name=last))

    def names(q: str) -> list[str]:
        return [c.display_name for c in svc.list_contacts(ContactFilter(search=q))]

    assert names("łukasz") == ["Łukasz Wiśniewski"]
    assert names("LUKASZ") == ["Łukasz Wiśniewski"]
    assert names("muller") == ["Jürgen Müller"]
    assert names("王") == ["芳 王"]
    assert names("lee ann") == ["Ann Lee"]


def test_tags_and_open_networker_decisions(svc: Services) -> None:
    cid = ada(svc)
    svc.tag_contacts([cid], add=["Recruiter"])
    svc.set_open_networker([cid], True)
    contact = svc.get_contact(cid)
    assert contact.open_networker and contact.open_networker_by == "user"
    assert contact.open_networker_verdict == "yes"
    assert [c.id for c in svc.list_contacts(ContactFilter(open_networkers=True))] == [cid]
    assert [c.id for c in svc.list_contacts(ContactFilter(tag="recruiter"))] == [cid]
    svc.set_open_networker([cid], False)
    contact = svc.get_contact(cid)
    assert not contact.open_networker and contact.open_networker_verdict == "no"
    svc.tag_contacts([cid], remove=["Recruiter"])
    assert svc.get_contact(cid).tags == ()
    with pytest.raises(BadInputError):
        svc.edit_contact(cid, {"tags": ("x",)})


def test_recurring_follow_up_done_logs_and_schedules_next(svc: Services, clock: FixedClock) -> None:
    cid = ada(svc)
    item = svc.add_follow_ups([cid], date(2026, 1, 31), note="Send CV", every="1m").value[0]
    assert svc.get_contact(cid).next_follow_up == date(2026, 1, 31)
    assert [f.id for f in svc.list_follow_ups(due_only=True)] == [item.id]
    nxt = svc.complete_follow_up(item.id).value
    assert nxt is not None and nxt.due == date(2026, 3, 31) and nxt.recurrence == "1m"  # ahead of today
    assert svc.get_contact(cid).last_contacted == clock().date()
    assert svc.list_interactions(cid)[0].summary == "Follow-up done: Send CV"
    snoozed = svc.snooze_follow_up(nxt.id, clock().date() + timedelta(days=7)).value
    assert snoozed.status == "snoozed"
    with pytest.raises(BadInputError):
        svc.complete_follow_up(item.id)


def test_counts(svc: Services, clock: FixedClock) -> None:
    cid = ada(svc)
    today = clock().date()
    svc.add_follow_ups([cid], today - timedelta(days=1))
    svc.add_follow_ups([cid], today)
    svc.add_follow_ups([cid], today + timedelta(days=3))
    counts = svc.counts()
    assert (counts.contacts, counts.follow_ups_due, counts.overdue) == (1, 2, 1)


def test_log_interaction_validates_kind(svc: Services) -> None:
    cid = ada(svc)
    with pytest.raises(ValidationError, match="unknown kind"):
        svc.log_interaction(cid, "telepathy")
    item = svc.log_interaction(cid, "call", "Talked about the role", on=date(2026, 3, 1)).value
    assert svc.list_interactions(cid) == [item]


def test_demo_fills_realistic_people(svc: Services, db_path: Path) -> None:
    svc.add_demo(2000, seed=3)
    counts = svc.counts()
    assert counts.contacts == 2000
    assert 10 < counts.open_networkers < 100
    contacts = svc.list_contacts()
    with_email = sum(1 for c in contacts if c.emails)
    assert 0.2 < with_email / len(contacts) < 0.4
    assert any(c.tags for c in contacts) and any(c.last_contacted for c in contacts)
    assert len({c.linkedin_slug for c in contacts}) == 2000
    rows = svc.list_rows()
    assert len(rows) == 2000
    svc.add_demo(10, seed=4)  # ids continue after the first batch
    assert svc.counts().contacts == 2010
    assert_db_sane(db_path)


def test_list_rows_match_records(svc: Services) -> None:
    cid = ada(svc, tags=("Mentor",))
    svc.set_open_networker([cid], True)
    svc.add_follow_ups([cid], date(2026, 4, 1))
    (row,) = svc.list_rows()
    from netcrm.core.model import LIST_COLUMNS

    data = dict(zip(LIST_COLUMNS, row, strict=True))
    assert data["display_name"] == "Ada Lovelace"
    assert data["primary_email"] == "Ada@Example.org"
    assert data["open_networker"] == 1
    assert data["next_follow_up"] == "2026-04-01"
    assert "mentor" in data["search_key"]


def test_duplicate_emails_keep_the_first_spelling_and_order(svc: Services) -> None:
    contact = svc.add_contact(ContactDraft(first_name="A", emails=("a@x.org", "b@x.org", "A@X.org")))
    assert contact.emails == ("a@x.org", "b@x.org")


def test_sort_name_follows_the_display_name_through_every_write(svc: Services, db_path: Path) -> None:
    """The list's first page is read `ORDER BY sort_name`: every write that names a contact keeps it."""
    import sqlite3

    from netcrm.core import rules

    data = Path(__file__).resolve().parents[1] / "data" / "import" / "linkedin"
    svc.add_demo(40, seed=3)
    cid = ada(svc)
    svc.edit_contact(cid, {"display_name": "Łukasz Żółć"})
    other = svc.add_contact(ContactDraft(first_name="Émile", last_name="Zola")).id
    svc.merge_contacts(cid, other, {"display_name": "ÉMILE ZOLA"})
    report = svc.apply_import(svc.read_import(data / "connections_2024.csv"))
    svc.undo_import(report.batch_id or 0)
    svc.apply_import(svc.read_import(data / "connections_2018.csv"))
    check = sqlite3.connect(db_path)
    rows = check.execute("SELECT display_name, sort_name FROM contact").fetchall()
    check.close()
    assert len(rows) >= 45  # 40 demo, 2 added (one merged away), 3 from the 2018 file
    assert [row for row in rows if row[1] != rules.sort_key(row[0])] == []
    assert ("ÉMILE ZOLA", "emile zola") in rows
