from datetime import datetime, timedelta

from netcrm.core.backups import ThinningPolicy, backups_to_keep

NOW = datetime(2026, 12, 7, 12, 0)


def every_half_hour(days: int) -> list[datetime]:
    return [NOW - timedelta(minutes=30 * i) for i in range(days * 48)]


def test_the_last_day_keeps_every_backup() -> None:
    times = every_half_hour(1)
    assert backups_to_keep(times, NOW) == set(times)


def test_a_year_of_half_hourly_backups_thins_to_day_week_and_month() -> None:
    times = every_half_hour(400)
    kept = backups_to_keep(times, NOW)
    recent = [t for t in kept if NOW - t < timedelta(hours=24)]
    older = sorted((t for t in kept if NOW - t >= timedelta(hours=24)), reverse=True)
    assert len(recent) == 48
    # 6 more days (day 1..6), 4 weeks, 12 months
    assert len(older) == 6 + 4 + 12
    assert min(kept) > NOW - timedelta(days=7 + 28 + 360 + 1)


def test_counts_are_settable_and_the_newest_survives_any_age() -> None:
    old = [NOW - timedelta(days=900)]
    assert backups_to_keep(old, NOW) == set(old)
    times = every_half_hour(30)
    kept = backups_to_keep(times, NOW, ThinningPolicy(recent_hours=1, daily=2, weekly=0, monthly=0))
    assert len(kept) == 2 + 2  # the hour's two, then the newest of day 0 and of day 1


def test_thinning_is_idempotent() -> None:
    times = every_half_hour(120)
    once = backups_to_keep(times, NOW)
    assert backups_to_keep(sorted(once), NOW) == once
