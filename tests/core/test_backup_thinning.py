from datetime import datetime, timedelta

from netcrm.core.backups import ThinningPolicy, backups_to_keep

NOW = datetime(2026, 12, 7, 12, 0)  # a Monday


def every_half_hour(days: int, now: datetime = NOW) -> list[datetime]:
    return [now - timedelta(minutes=30 * i) for i in range(days * 48)]


def test_the_last_day_keeps_every_backup() -> None:
    times = every_half_hour(1)
    assert backups_to_keep(times, NOW) == set(times)


def test_a_year_of_half_hourly_backups_thins_to_day_week_and_month() -> None:
    times = every_half_hour(400)
    kept = backups_to_keep(times, NOW)
    older = sorted((t for t in kept if NOW - t >= timedelta(hours=24)), reverse=True)
    assert {t for t in kept if NOW - t < timedelta(hours=24)} == {
        t for t in times if NOW - t < timedelta(hours=24)
    }
    # One a day for the days of this week before yesterday: the last backup of Dec 1..5 (23:30 each)
    days = [t for t in older if NOW.date() - t.date() < timedelta(days=7)]
    assert days == [datetime(2026, 12, d, 23, 30) for d in (5, 4, 3, 2, 1)]
    # November's last backup (the month), then one a week: the last of the weeks ending Nov 29 and Nov 22
    weeks = [t for t in older if t.date() < datetime(2026, 12, 1).date() and t >= datetime(2026, 11, 9)]
    assert weeks == [
        datetime(2026, 11, 30, 23, 30),
        datetime(2026, 11, 29, 23, 30),
        datetime(2026, 11, 22, 23, 30),
    ]
    # One a month for a year (December's is now, November's above): the last of October ... January
    months = [t for t in older if t < datetime(2026, 11, 9)]
    assert months == [datetime(2026, m, 1, 0, 0) - timedelta(minutes=30) for m in range(11, 1, -1)]
    assert len(kept) == 48 + 5 + 3 + 10


def test_counts_are_settable_and_the_newest_survives_any_age() -> None:
    old = [NOW - timedelta(days=900)]
    assert backups_to_keep(old, NOW) == set(old)
    times = every_half_hour(30)
    kept = backups_to_keep(times, NOW, ThinningPolicy(recent_hours=1, daily=2, weekly=0, monthly=0))
    # the hour's two (12:00, 11:30), then the newest of today (12:00 again) and of yesterday (23:30)
    assert kept == {NOW, NOW - timedelta(minutes=30), datetime(2026, 12, 6, 23, 30)}


def test_thinning_is_idempotent() -> None:
    times = every_half_hour(120)
    once = backups_to_keep(times, NOW)
    assert backups_to_keep(sorted(once), NOW) == once


def test_thinning_after_every_backup_keeps_what_thinning_once_keeps() -> None:
    """The app thins after each backup; that must not lose the day's, week's or month's representative."""
    start = datetime(2025, 10, 1, 8, 0)
    kept: set[datetime] = set()
    every: list[datetime] = []
    stamp = start
    while stamp < NOW:
        every.append(stamp)
        kept = backups_to_keep(sorted(kept | {stamp}), stamp)
        stamp += timedelta(hours=5)  # odd hours so backups fall at every time of day
    last = every[-1]
    assert kept == backups_to_keep(every, last)
    assert len({t.date() for t in kept if last - t > timedelta(days=1)}) >= 5
