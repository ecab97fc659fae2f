"""The Today agenda from hand-made sources: sections, leap days, year ends, snoozes, reach-out picks."""

from __future__ import annotations

from datetime import date, datetime, time

from netcrm.core import agenda
from netcrm.core.agenda import DateOnContact, assemble
from netcrm.core.model import FollowUp, HistoryEntry, LapsedContact
from netcrm.core.strength import Score

TODAY = date(2027, 2, 20)


def fu(fid: int, due: date, status: str = "open", at: time | None = None) -> FollowUp:
    return FollowUp(fid, 100 + fid, f"P{fid}", due, at, note="Call back", status=status)


def test_follow_ups_split_into_overdue_and_due_and_future_or_done_are_left_out() -> None:
    a = assemble(
        TODAY,
        follow_ups=[
            fu(1, date(2027, 2, 19)),
            fu(2, TODAY, at=time(14, 30)),
            fu(3, date(2027, 2, 21)),
            fu(4, date(2027, 2, 1), status="done"),
            fu(5, date(2027, 1, 31), status="snoozed"),
        ],
    )
    assert [(x.follow_up_id, x.reason) for x in a.overdue] == [
        (1, "Call back (due 1 day ago)"),
        (5, "Call back (due 20 days ago)"),
    ]
    assert [(x.follow_up_id, x.reason) for x in a.due] == [(2, "Call back (today at 14:30)")]
    assert a.due[0].actions == ("write", "log", "done", "snooze")


def test_feb_29_birthday_falls_on_feb_28_in_a_common_year_and_on_29_in_a_leap_year() -> None:
    bday = DateOnContact(7, "Leap", "birthday", 2, 29, 1996)
    a = assemble(TODAY, dates=[bday])
    assert [(x.day, x.reason) for x in a.dates] == [
        (date(2027, 2, 28), "Birthday (turns 31) in 8 days (Sun 28 Feb)")
    ]
    leap = assemble(date(2028, 2, 27), dates=[bday])
    assert leap.dates[0].day == date(2028, 2, 29)
    assert agenda.occurrence(2, 29, 2100) == date(2100, 2, 28)  # not a leap year either


def test_dates_without_a_year_and_across_the_year_end() -> None:
    a = assemble(
        date(2026, 12, 25),
        dates=[
            DateOnContact(1, "A", "birthday", 1, 2),
            DateOnContact(2, "B", "met at", 12, 25, 2020),
            DateOnContact(3, "C", "birthday", 1, 9),  # 15 days: beyond the window
        ],
    )
    assert [(x.contact_id, x.day, x.reason) for x in a.dates] == [
        (2, date(2026, 12, 25), "Met at (6 years) today"),
        (1, date(2027, 1, 2), "Birthday in 8 days (Sat 02 Jan)"),
    ]


def test_connection_anniversaries_worth_a_word_only() -> None:
    a = assemble(
        TODAY,
        connected=[
            (1, "One", date(2026, 2, 21)),
            (2, "Two", date(2025, 2, 21)),
            (3, "Five", date(2022, 2, 20)),
        ],
    )
    assert [(x.contact_id, x.reason) for x in a.dates] == [
        (3, "Connected 5 years ago today"),
        (1, "Connected 1 year ago tomorrow"),
    ]


def test_lapsed_and_job_changes() -> None:
    lapsed = LapsedContact(9, "Nine", 30, date(2027, 1, 1), date(2027, 1, 31), 20)
    moved = HistoryEntry(8, "company", "Acme", "Globex", datetime(2027, 2, 10, 9))
    old = HistoryEntry(6, "company", "X", "Y", datetime(2026, 12, 1, 9))
    a = assemble(TODAY, lapsed=[lapsed], job_changes=[("Eight", moved), ("Six", old)])
    assert [x.reason for x in a.lapsed] == ["Keep in touch every 30 days; last 01 Jan 2027, 20 days over"]
    assert [(x.contact_id, x.reason) for x in a.job_changes] == [(8, "New company: Globex (was Acme)")]


def test_reach_out_picks_the_strongest_quiet_people_not_already_listed() -> None:
    scores = {
        1: Score(90, 80, date(2027, 2, 18)),  # spoke two days ago: not quiet
        2: Score(80, 70, date(2026, 12, 1)),
        3: Score(70, 60, date(2026, 11, 1)),  # also lapsed: listed there
        4: Score(60, 50, None),
        5: Score(20, 90, date(2026, 1, 1)),  # too weak now
    }
    lapsed = LapsedContact(3, "Three", 30, date(2026, 11, 1), date(2026, 12, 1), 81)
    asked: list[list[int]] = []

    def describe(ids: list[int]) -> dict[int, tuple[str, str]]:
        asked.append(list(ids))
        return {i: (f"P{i}", f"why {i}") for i in ids}

    a = assemble(TODAY, scores=scores, lapsed=[lapsed], describe=describe)  # type: ignore[arg-type]
    assert [(x.contact_id, x.name, x.reason) for x in a.reach_out] == [(2, "P2", "why 2"), (4, "P4", "why 4")]
    assert asked == [[2, 4]]


def test_snoozed_lines_stay_away_until_their_day() -> None:
    sources = {"follow_ups": [fu(1, TODAY)], "scores": {2: Score(80, 70, None)}}
    snoozed = {"fu:1": date(2027, 2, 22), "reach:2": date(2027, 2, 21)}
    a = assemble(TODAY, snoozed=snoozed, **sources)  # type: ignore[arg-type]
    assert a.lines == []
    assert a.summary() == "Nothing due today"
    assert [x.key for x in assemble(date(2027, 2, 21), snoozed=snoozed, **sources).lines] == ["reach:2"]  # type: ignore[arg-type]
    later = assemble(date(2027, 2, 22), snoozed=snoozed, **sources)  # type: ignore[arg-type]
    assert [x.key for x in later.lines] == ["fu:1", "reach:2"]
    assert later.summary() == "1 follow-up overdue, 1 person to reach out to"


def test_json_has_every_section_with_contact_id_and_reason() -> None:
    a = assemble(TODAY, follow_ups=[fu(1, TODAY)])
    data = a.as_json()
    assert list(data) == ["today", *agenda.SECTIONS]
    assert data["due"] == [
        {
            "contact_id": 101,
            "name": "P1",
            "reason": "Call back (today)",
            "day": "2027-02-20",
            "follow_up_id": 1,
            "key": "fu:1",
            "actions": ["write", "log", "done", "snooze"],
        }
    ]
