"""Strength, dates and Today through the services, on a real SQLite file with a settable clock."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from netcrm.core.clock import FixedClock
from netcrm.core.errors import NotFoundError, ValidationError
from netcrm.core.model import ContactDraft
from netcrm.core.services import Services


def person(svc: Services, name: str, **extra: object) -> int:
    first, last = name.split()
    return svc.add_contact(ContactDraft(first_name=first, last_name=last, **extra)).id  # type: ignore[arg-type]


def days_ago(svc: Services, n: int) -> date:
    return svc.today() - timedelta(days=n)


def test_logged_interactions_with_directions_give_a_score_and_reasons(svc: Services) -> None:
    ada = person(svc, "Ada Lovelace")
    bob = person(svc, "Bob Byte", introduced_by_id=ada)
    svc.log_interaction(ada, "message", on=days_ago(svc, 20), direction="in")
    svc.log_interaction(ada, "message", on=days_ago(svc, 9), direction="in")
    svc.log_interaction(ada, "message", on=days_ago(svc, 2), direction="out")
    got = svc.relationships.strength(ada)
    assert got.reasons == "3 messages in the last month, you reached out last; introduced you to 1 person"
    assert 0 < got.score < 100
    assert svc.relationships.strength(bob).score == 0
    assert svc.relationships.strength(bob).reasons == "no interactions logged"
    assert svc.list_interactions(ada)[0].direction == "out"
    with pytest.raises(ValidationError, match="direction"):
        svc.log_interaction(ada, "call", direction="sideways")
    with pytest.raises(NotFoundError):
        svc.relationships.strength(999)


def test_an_edit_is_scored_again_for_that_contact_only_and_agrees_with_the_full_pass(svc: Services) -> None:
    ids = [person(svc, f"P{i} Q") for i in range(5)]
    for n, cid in enumerate(ids):
        for k in range(n):
            svc.log_interaction(cid, "call", on=days_ago(svc, 10 * k), direction="out" if k % 2 else "in")
    before = svc.relationships.scores()
    changed = svc.log_interaction(ids[1], "meeting").changes
    assert changed.contact_ids == {ids[1]}
    again = svc.relationships.scores_of(sorted(changed.contact_ids))
    assert again[ids[1]].score > before[ids[1]].score
    assert svc.relationships.scores() == {**before, **again}


def test_a_done_follow_up_counts_and_the_trash_is_not_scored(svc: Services) -> None:
    ada = person(svc, "Ada Lovelace")
    fu = svc.add_follow_ups([ada], svc.today(), "ping").value[0]
    assert ada not in svc.relationships.scores()
    svc.complete_follow_up(fu.id)
    # 1 for the follow-up done (the user's move: "out") and 0.5 for the note its completion logs
    assert svc.relationships.scores()[ada].score == 16
    svc.delete_contacts([ada])
    assert svc.relationships.scores() == {}


def test_going_cold_after_months_of_silence(svc: Services, clock: FixedClock) -> None:
    ada = person(svc, "Ada Lovelace")
    bob = person(svc, "Bob Byte")
    for k in range(10):
        svc.log_interaction(ada, "meeting", on=days_ago(svc, 7 * k))
        svc.log_interaction(bob, "meeting", on=days_ago(svc, 7 * k))
    assert svc.relationships.going_cold_ids() == []
    clock.advance(days=200)
    svc.log_interaction(bob, "message")
    assert svc.relationships.going_cold_ids() == [ada]
    assert svc.relationships.strength(ada).going_cold


def test_dates_are_checked_and_listed_with_or_without_a_year(svc: Services, db_path: Path) -> None:
    ada = person(svc, "Ada Lovelace")
    made = svc.relationships.add_date(ada, "Birthday", "1996-02-29").value
    svc.relationships.add_date(ada, "met at", "--06-01")
    assert [(d.label, d.text) for d in svc.relationships.list_dates(ada)] == [
        ("birthday", "1996-02-29"),
        ("met at", "--06-01"),
    ]
    for bad in ("1997-02-29", "--13-01", "tomorrow", ""):
        with pytest.raises(ValidationError, match="date"):
            svc.relationships.add_date(ada, "birthday", bad)
    with pytest.raises(ValidationError, match="label"):
        svc.relationships.add_date(ada, "  ", "--01-01")
    rows = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM contact_date").fetchone()
    assert rows == (2,)
    assert svc.relationships.remove_date(made.id).contact_ids == {ada}
    assert len(svc.relationships.list_dates()) == 1


def test_today_gathers_every_section(db_path: Path) -> None:
    from netcrm.core.store.store import Store

    clock = FixedClock(datetime(2027, 2, 20, 8, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    svc = Services(Store.open(str(db_path)), clock)
    try:
        due = person(svc, "Dora Due")
        late = person(svc, "Lars Late")
        svc.add_follow_ups([due], svc.today(), "Send the deck")
        svc.add_follow_ups([late], date(2027, 2, 17), "Call back")
        lapsed = person(svc, "Lapsed Lee", cadence_days=30)
        svc.log_interaction(lapsed, "call", on=date(2026, 12, 1))
        bday = person(svc, "Leap Lena")
        svc.relationships.add_date(bday, "birthday", "1996-02-29")
        person(svc, "Anna Anniversary", connected_on=date(2022, 2, 21))
        mover = person(svc, "Max Mover", company="Acme")
        svc.edit_contact(mover, {"company": "Globex"})
        friend = person(svc, "Fred Friend")
        for k in range(12):
            svc.log_interaction(
                friend, "meeting", on=date(2026, 12, 20) - timedelta(days=7 * k), direction="in"
            )
        today = svc.relationships.agenda()
        sections = {
            name: [line.name for line in today.section(name)] for name in today.as_json() if name != "today"
        }
        assert sections == {
            "overdue": ["Lars Late"],
            "due": ["Dora Due"],
            "lapsed": ["Lapsed Lee"],
            "dates": ["Anna Anniversary", "Leap Lena"],
            "job_changes": ["Max Mover"],
            "reach_out": ["Fred Friend"],
        }
        assert today.dates[1].reason == "Birthday (turns 31) in 8 days (Sun 28 Feb)"
        assert today.reach_out[0].reason.startswith("Strength ")
        svc.relationships.snooze_line(today.reach_out[0].key, days=3)
        assert svc.relationships.agenda().reach_out == ()
        clock.advance(days=3)
        assert [x.name for x in svc.relationships.agenda().reach_out] == ["Fred Friend"]
    finally:
        svc.store.close()
