"""The strength formula on hand-made histories: the ordering it must keep, and the reasons it gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netcrm.core import strength
from netcrm.core.strength import Event, tally

TODAY = date(2026, 12, 7)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def score(*events: Event) -> int:
    return tally(1, events, TODAY).score


def test_nothing_logged_is_zero_and_says_so() -> None:
    t = tally(1, [], TODAY)
    assert t.score == 0
    assert strength.reasons(t, TODAY) == "no interactions logged"


def test_recent_beats_old_for_the_same_history() -> None:
    recent = score(Event("meeting", ago(3)), Event("call", ago(10)))
    old = score(Event("meeting", ago(300)), Event("call", ago(310)))
    assert recent > old > 0


def test_more_often_beats_less_often() -> None:
    weekly = score(*(Event("message", ago(7 * k)) for k in range(12)))
    monthly = score(*(Event("message", ago(30 * k)) for k in range(3)))
    assert weekly > monthly


def test_kinds_are_weighted_meeting_over_call_over_message_over_note() -> None:
    ordered = [score(Event(kind, ago(5))) for kind in ("meeting", "call", "message", "note")]
    assert ordered == sorted(ordered, reverse=True)
    assert len(set(ordered)) == 4


def test_a_one_way_history_scores_below_a_balanced_one() -> None:
    days = [k * 5 for k in range(4)]
    one_way = score(*(Event("message", ago(d), "out") for d in days for _ in (1, 2)))
    balanced = score(*(Event("message", ago(d), way) for d in days for way in ("out", "in")))
    undirected = score(*(Event("message", ago(d)) for d in days for _ in (1, 2)))
    assert balanced == undirected > one_way


def test_decay_halves_at_the_half_life_and_future_events_count_as_today() -> None:
    assert strength.decay(0) == 1.0
    assert strength.decay(strength.HALF_LIFE_DAYS) == pytest.approx(0.5)
    assert strength.decay(-10) == 1.0


def test_score_stays_within_0_and_100() -> None:
    flood = [Event("meeting", ago(0)) for _ in range(500)]
    assert score(*(Event("meeting", ago(0), "in") for _ in range(500))) == 60  # one-way: 40% off
    assert score(*flood) == 100


def test_calibration_one_message_today_and_a_weekly_exchange() -> None:
    assert score(Event("message", TODAY)) == 15
    weekly = [Event("message", ago(7 * k), "out" if k % 2 else "in") for k in range(13)]
    assert 75 <= score(*weekly) <= 85


def test_pinned_ordering_of_five_people() -> None:
    """The ordering a user would expect, pinned: close colleague > old friend met lately > introducer >
    one-way pitch > long silent."""
    people = {
        "colleague": [Event("meeting", ago(k * 14)) for k in range(6)]
        + [Event("message", ago(k * 3), "in" if k % 2 else "out") for k in range(10)],
        "friend": [Event("call", ago(20), "in"), Event("meeting", ago(40))],
        "introducer": [
            Event("introduced", ago(60)),
            Event("introduced", ago(90)),
            Event("message", ago(60), "in"),
        ],
        "pitch": [Event("email", ago(k * 10), "out") for k in range(4)],
        "silent": [Event("meeting", ago(700)), Event("call", ago(800))],
    }
    scores = {name: score(*events) for name, events in people.items()}
    assert sorted(scores, key=scores.__getitem__, reverse=True) == list(people)


def test_reasons_name_recent_counts_who_wrote_last_and_introductions() -> None:
    t = tally(
        1,
        [
            Event("message", ago(2), "out"),
            Event("message", ago(9), "in"),
            Event("message", ago(20), "in"),
            Event("introduced", ago(100)),
            Event("introduced", ago(200)),
        ],
        TODAY,
    )
    assert strength.reasons(t, TODAY) == (
        "3 messages in the last month, you reached out last; introduced you to 2 people"
    )


def test_reasons_of_an_old_history_say_when_and_that_it_goes_cold() -> None:
    t = tally(1, [Event("meeting", ago(200 + k * 7)) for k in range(10)], TODAY)
    assert t.going_cold(TODAY)
    assert strength.reasons(t, TODAY) == "last in touch 6 months ago; going cold"


def test_going_cold_needs_both_strong_then_and_silent_now() -> None:
    strong_then = [Event("meeting", ago(200 + k * 7)) for k in range(10)]
    assert tally(1, strong_then, TODAY).going_cold(TODAY)
    assert not tally(1, [*strong_then, Event("message", ago(30))], TODAY).going_cold(TODAY)
    assert not tally(1, [Event("message", ago(200))], TODAY).going_cold(TODAY)


def test_one_way_reason() -> None:
    t = tally(1, [Event("email", ago(k), "out") for k in range(5)], TODAY)
    assert "mostly one-way (you reach out)" in strength.reasons(t, TODAY)


def test_leap_day_and_month_end_ages() -> None:
    leap = date(2028, 2, 29)
    t = tally(1, [Event("message", leap)], date(2028, 3, 30))
    assert t.recent[strength.KINDS.index("message")] == 1  # 30 days: still "the last month"
    t = tally(1, [Event("message", leap)], date(2028, 3, 31))
    assert t.recent[strength.KINDS.index("message")] == 0
