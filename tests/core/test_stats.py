"""Insights figures on small databases whose answers are worked out by hand, and the pure rules behind them.

The clock stands at Sunday 15 March 2026, 09:30 in Berlin (08:30 UTC): this week runs from Monday 9 March.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from netcrm.core.clock import FixedClock
from netcrm.core.errors import ValidationError
from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.stats import (
    NO_POSITION,
    OTHER_POSITION,
    CountItem,
    GrowthGoal,
    MonthCount,
    add_months,
    anniversaries_of,
    anniversary_days,
    bucket_positions,
    follow_up_health,
    goal_from_setting,
    goal_pace,
    growth_by_month,
    next_month,
    position_group,
    week_start,
)

BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 3, 15)


def _add(svc: Services, name: str, **fields: object) -> int:
    first, _, last = name.partition(" ")
    return svc.add_contact(ContactDraft(first_name=first, last_name=last, **fields)).id  # type: ignore[arg-type]


@pytest.fixture
def network(svc: Services, clock: FixedClock) -> dict[str, int]:
    """Seven people (one in the trash), their tags, interactions and follow-ups."""
    ids = {
        "A": _add(
            svc,
            "Ann Archer",
            connected_on=date(2025, 12, 31),
            company="Acme",
            position="Senior Recruiter",
            cadence_days=30,
        ),
        "B": _add(
            svc,
            "Ben Baker",
            connected_on=date(2026, 1, 1),
            company="acme",
            position="Talent Acquisition Partner",
        ),
        "C": _add(svc, "Cat Cole", company="Globex", position="Software Engineer", degree=2),
        "D": _add(svc, "Dan Drake", connected_on=date(2024, 3, 12), company="Acme"),
        "E": _add(svc, "Eve Evans", connected_on=date(2025, 3, 9), company="Initech", position="CTO"),
        "F": _add(svc, "Fay Fox", connected_on=date(2023, 3, 15), company="Globex", position="CEO & Founder"),
        "G": _add(
            svc, "Gus Green", connected_on=date(2026, 3, 1), position="Data Scientist", cadence_days=10
        ),
    }
    svc.tag_contacts([ids["B"]], add=["Open networker"])
    svc.tag_contacts([ids["D"], ids["G"]], add=["Mentor"])
    svc.tag_contacts([ids["D"]], add=["Alumni"])
    with svc.store.write() as conn:  # D: the shortest of its tags' cadences counts (as in the sidebar)
        conn.execute(sa.text("UPDATE tag SET cadence_days = 60 WHERE name_key = 'mentor'"))
        conn.execute(sa.text("UPDATE tag SET cadence_days = 365 WHERE name_key = 'alumni'"))
    svc.log_interaction(ids["B"], "call", on=date(2026, 3, 1))
    svc.log_interaction(ids["E"], "call", on=date(2026, 3, 1))
    f1 = svc.add_follow_ups([ids["B"]], date(2026, 3, 2)).value[0]
    f6 = svc.add_follow_ups([ids["A"]], date(2026, 2, 18)).value[0]
    svc.add_follow_ups([ids["C"]], date(2026, 3, 10))
    svc.add_follow_ups([ids["F"]], date(2026, 3, 20))
    svc.add_follow_ups([ids["E"]], date(2026, 3, 3))
    now = clock.now
    clock.now = datetime(2026, 3, 4, 10, 0, tzinfo=BERLIN)
    svc.complete_follow_up(f1.id)
    clock.now = datetime(2026, 3, 10, 10, 0, tzinfo=BERLIN)
    svc.complete_follow_up(f6.id)
    clock.now = now
    svc.delete_contacts([ids["E"]])
    return ids


def test_every_figure_on_a_hand_made_network(svc: Services, network: dict[str, int]) -> None:
    stats = svc.network_stats(weeks=4)
    assert stats.today == TODAY
    assert (stats.total, stats.with_date, stats.without_date, stats.first_degree) == (6, 5, 1, 5)

    # Growth: F 2023-03, D 2024-03, A 2025-12, B 2026-01, and C (no date: added today) and G in 2026-03.
    assert len(stats.growth) == 37  # March 2023 to March 2026, empty months included
    assert stats.growth[0] == MonthCount("2023-03", 1, 1)
    by_month = {m.month: m for m in stats.growth}
    assert by_month["2024-03"] == MonthCount("2024-03", 1, 2)
    assert by_month["2025-12"] == MonthCount("2025-12", 1, 3)
    assert by_month["2026-01"] == MonthCount("2026-01", 1, 4)
    assert by_month["2026-02"] == MonthCount("2026-02", 0, 4)
    assert stats.growth[-1] == MonthCount("2026-03", 2, 6)
    assert (stats.added_3m, stats.added_6m) == (4, 4)  # after 15 Dec 2025: A, B, C, G

    on = stats.open_networkers
    assert on.count == 1
    assert on.share == pytest.approx(1 / 6)
    assert on.growth[0].month == "2023-03"  # the same months as the network
    assert [m.month for m in on.growth if m.added] == ["2026-01"]
    assert on.growth[-1].total == 1

    assert stats.companies == (CountItem("Acme", 2), CountItem("Globex", 2), CountItem("acme", 1))
    assert stats.company_count == 3  # Initech is in the trash
    assert stats.positions == (
        CountItem("Recruiting", 2),
        CountItem("Data & AI", 1),
        CountItem("Engineering", 1),
        CountItem("Founders & executives", 1),
        CountItem(NO_POSITION, 1),
    )

    health = stats.follow_ups
    assert [w.week_start for w in health.weeks] == [
        date(2026, 2, 16),
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
    ]
    assert [w.due for w in health.weeks] == [1, 0, 1, 1]
    assert [w.done for w in health.weeks] == [0, 0, 1, 1]
    assert [w.overdue for w in health.weeks] == [1, 1, 1, 1]
    assert (health.open_now, health.overdue_now) == (2, 1)  # Eve's follow-up went to the trash with her

    # D: the Mentor tag's 60 days since 12 Mar 2024; G: its own 10 days since 1 Mar 2026.
    # A (30 days) was touched on 10 Mar by the follow-up she completed.
    assert stats.lapsed_count == 2
    assert [(x.contact_id, x.cadence_days, x.last_touch, x.days_over) for x in stats.lapsed] == [
        (network["D"], 60, date(2024, 3, 12), 733 - 60),
        (network["G"], 10, date(2026, 3, 1), 4),
    ]
    assert stats.lapsed[0].name == "Dan Drake"

    assert stats.anniversary_count == 2
    assert [(a.name, a.day, a.years) for a in stats.anniversaries] == [
        ("Dan Drake", date(2026, 3, 12), 2),
        ("Fay Fox", date(2026, 3, 15), 3),
    ]
    assert stats.never_contacted == 3  # D, F, G (C is second-degree, E is in the trash)
    assert stats.goal is None and stats.pace is None


def test_empty_database(svc: Services) -> None:
    stats = svc.network_stats()
    assert stats.total == 0
    assert stats.growth == ()
    assert stats.open_networkers.count == 0
    assert stats.open_networkers.share == 0.0
    assert stats.companies == () and stats.positions == ()
    assert len(stats.follow_ups.weeks) == 12
    assert all(w.due == w.done == w.overdue == 0 for w in stats.follow_ups.weeks)
    assert (stats.lapsed_count, stats.anniversary_count, stats.never_contacted) == (0, 0, 0)


def test_contacts_without_dates_count_from_the_day_they_were_added(svc: Services, clock: FixedClock) -> None:
    _add(svc, "Nod Ate", company="X")
    clock.now = datetime(2026, 4, 2, 12, 0, tzinfo=BERLIN)
    _add(svc, "Also Undated")
    stats = svc.network_stats()
    assert [(m.month, m.added, m.total) for m in stats.growth] == [("2026-03", 1, 1), ("2026-04", 1, 2)]
    assert (stats.with_date, stats.without_date) == (0, 2)
    assert stats.anniversary_count == 0


def test_growth_goal_is_stored_and_paced(svc: Services, network: dict[str, int]) -> None:
    assert svc.get_growth_goal() is None
    svc.set_growth_goal(10, date(2026, 9, 15))
    assert svc.get_growth_goal() == GrowthGoal(10, date(2026, 9, 15))
    pace = svc.network_stats().pace
    assert pace is not None
    assert (pace.current, pace.remaining) == (6, 4)
    assert pace.pace_3m == pytest.approx(4 / 3)
    assert pace.status == "on track"
    svc.clear_growth_goal()
    assert svc.get_growth_goal() is None
    with pytest.raises(ValidationError):
        svc.set_growth_goal(0, date(2027, 1, 1))


# -- pure rules ------------------------------------------------------------------------------------


def test_month_and_year_boundaries() -> None:
    assert next_month("2025-12") == "2026-01"
    assert next_month("2026-01") == "2026-02"
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2026, 1, 15), -3) == date(2025, 10, 15)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert week_start(date(2026, 1, 1)) == date(2025, 12, 29)
    growth = growth_by_month([(date(2025, 12, 31), 2), (date(2026, 1, 1), 3)])
    assert growth == (MonthCount("2025-12", 2, 2), MonthCount("2026-01", 3, 5))
    assert growth_by_month([(date(2025, 11, 3), 1)], until=date(2026, 1, 5))[-1] == MonthCount(
        "2026-01", 0, 1
    )
    assert growth_by_month([]) == ()


def test_anniversaries_across_the_new_year_and_on_29_february() -> None:
    today = date(2026, 1, 1)  # a Thursday: the week runs from 29 Dec 2025 to 4 Jan 2026
    rows = [(1, "2024-12-30"), (2, "2025-12-30"), (3, "2025-01-02"), (4, "2025-12-28"), (5, None)]
    found = anniversaries_of(rows, today)
    assert [(cid, day, years) for cid, _on, day, years in found] == [
        (1, date(2025, 12, 30), 1),
        (3, date(2026, 1, 2), 1),
    ]
    days = anniversary_days(date(2027, 2, 25))  # 2027 is not a leap year; its week holds 28 February
    assert days["02-29"] == date(2027, 2, 28)
    assert anniversary_days(date(2028, 3, 1))["02-29"] == date(2028, 2, 29)  # a leap year has its own day
    assert "02-29" not in anniversary_days(date(2026, 3, 15))
    leap = anniversaries_of([(9, "2024-02-29")], date(2027, 2, 25))
    assert [(day, years) for _cid, _on, day, years in leap] == [(date(2027, 2, 28), 3)]


def test_position_groups_are_case_insensitive_and_first_match_wins() -> None:
    assert position_group("Senior RECRUITER | Open to work") == "Recruiting"
    assert position_group("talent acquisition lead") == "Recruiting"
    assert position_group("Technical Sourcer") == "Recruiting"
    assert position_group("Director of Engineering") == "Engineering"  # 'cto' inside 'director' is no CTO
    assert position_group("CTO") == "Founders & executives"
    assert position_group("Data Engineer") == "Data & AI"
    assert position_group("Chef de projet") == "Project management"
    assert position_group("Gardener") == OTHER_POSITION
    assert position_group("   ") == NO_POSITION
    assert position_group(None) == NO_POSITION
    assert bucket_positions([("Gardener", 5), (None, 1), ("Recruiter", 2), ("recruiter", 1)]) == (
        CountItem("Recruiting", 3),
        CountItem(OTHER_POSITION, 5),
        CountItem(NO_POSITION, 1),
    )


def test_follow_up_health_counts_done_items_without_a_time_as_done_long_ago() -> None:
    health = follow_up_health([("2026-03-02", "done", None), ("2026-03-14", "snoozed", None)], TODAY, 2)
    assert [w.due for w in health.weeks] == [1, 1]
    assert [w.done for w in health.weeks] == [0, 0]
    assert [w.overdue for w in health.weeks] == [0, 1]
    assert (health.open_now, health.overdue_now) == (1, 1)
    assert len(follow_up_health([], TODAY, 0).weeks) == 1


GOAL = GrowthGoal(100, date(2026, 9, 15))  # 184 days after TODAY


def test_goal_on_track() -> None:
    pace = goal_pace(GOAL, 70, TODAY, added_3m=30, added_6m=48)
    assert pace.remaining == 30
    assert pace.months_left == pytest.approx(184 / 30.4375)
    assert pace.needed_per_month == pytest.approx(30 / (184 / 30.4375))
    assert (pace.pace_3m, pace.pace_6m) == (10.0, 8.0)
    assert pace.projected == date(2026, 6, 15)  # 30 at 10 a month: ceil(91.3) = 92 days
    assert pace.status == "on track"


def test_goal_behind_and_zero_pace() -> None:
    behind = goal_pace(GOAL, 70, TODAY, added_3m=9, added_6m=9)
    assert behind.projected == date(2027, 1, 14)  # 30 at 3 a month: 305 days
    assert behind.status == "behind"
    stalled = goal_pace(GOAL, 70, TODAY, added_3m=0, added_6m=6)
    assert stalled.projected is None
    assert stalled.pace_6m == 1.0
    assert stalled.status == "behind"


def test_goal_reached_and_past() -> None:
    reached = goal_pace(GOAL, 120, TODAY, 0, 0)
    assert (reached.status, reached.remaining, reached.needed_per_month, reached.projected) == (
        "reached",
        0,
        None,
        TODAY,
    )
    missed = goal_pace(GrowthGoal(100, date(2026, 1, 1)), 70, TODAY, 30, 30)
    assert missed.status == "missed"
    assert missed.needed_per_month is None
    assert missed.months_left < 0
    assert missed.projected == date(2026, 6, 15)
    due_today = goal_pace(GrowthGoal(100, TODAY), 70, TODAY, 30, 30)
    assert (due_today.status, due_today.needed_per_month) == ("behind", None)


def test_goal_setting_round_trip_and_bad_values() -> None:
    assert goal_from_setting({"target": 5, "by": "2026-12-31"}) == GrowthGoal(5, date(2026, 12, 31))
    for bad in (None, [], {"target": 5}, {"target": "x", "by": "2026-12-31"}, {"target": 5, "by": "soon"}):
        assert goal_from_setting(bad) is None
