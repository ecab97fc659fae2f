"""Which automatic backups to keep, thinned like Anki's: a pure function of the backups' times and a clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ThinningPolicy:
    """Every backup of the last `recent_hours`; then the newest of each day, week and month for so many."""

    recent_hours: int = 24
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def backups_to_keep(
    times: Sequence[datetime], now: datetime, policy: ThinningPolicy = ThinningPolicy()
) -> set[datetime]:
    """The backup times to keep; the newest backup is always kept, whatever its age."""
    if not times:
        return set()
    ordered = sorted(times, reverse=True)
    keep = {ordered[0]}
    seen: set[tuple[str, int]] = set()
    for stamp in ordered:
        age = now - stamp
        if age < timedelta(hours=policy.recent_hours):
            keep.add(stamp)
            continue
        days = age.days
        bucket: tuple[str, int] | None = None
        if days < policy.daily:
            bucket = ("day", days)
        elif days < policy.daily + 7 * policy.weekly:
            bucket = ("week", (days - policy.daily) // 7)
        elif days < policy.daily + 7 * policy.weekly + 30 * policy.monthly:
            bucket = ("month", (days - policy.daily - 7 * policy.weekly) // 30)
        if bucket is not None and bucket not in seen:
            seen.add(bucket)
            keep.add(stamp)
    return keep
