"""Which automatic backups to keep, thinned like Anki's: a pure function of the backups' times and a clock,
and the folder sweep that applies it (only to automatic backups, never to manual ones)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path


@dataclass(frozen=True)
class ThinningPolicy:
    """Every backup of the last `recent_hours`; then the newest of each of the last `daily` calendar days
    (today included), `weekly` weeks (Monday to Sunday, this one included) and `monthly` months."""

    recent_hours: int = 24
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


def backups_to_keep(
    times: Sequence[datetime], now: datetime, policy: ThinningPolicy = ThinningPolicy()
) -> set[datetime]:
    """The backup times to keep; the newest backup is always kept, whatever its age.

    Days, weeks and months are calendar ones (a backup's bucket never changes), so thinning again after
    each new backup keeps exactly what one thinning of all of them would: the newest of a day stays the
    newest of that day, and of its week and month if it is theirs.
    """
    if not times:
        return set()
    ordered = sorted(times, reverse=True)
    keep = {ordered[0]} | {t for t in ordered if now - t < timedelta(hours=policy.recent_hours)}
    today = now.date()
    this_week = today - timedelta(days=today.weekday())
    newest: dict[tuple[str, object], datetime] = {}
    for stamp in ordered:  # newest first: the first one met in a bucket is its newest
        day = stamp.date()
        week = day - timedelta(days=day.weekday())
        months = (today.year - day.year) * 12 + today.month - day.month
        for bucket, inside in (
            (("day", day), (today - day).days < policy.daily),
            (("week", week), (this_week - week).days // 7 < policy.weekly),
            (("month", (day.year, day.month)), months < policy.monthly),
        ):
            if inside and bucket not in newest:
                newest[bucket] = stamp
    return keep | set(newest.values())


def backup_time(name: str, stem: str) -> datetime | None:
    """The time in a backup's name (`STEM-YYYYmmdd-HHMMSS-ffffff-REASON.sqlite3`), or None."""
    from netcrm.core.store.backup import STAMP

    if not name.startswith(f"{stem}-") or not name.endswith(".sqlite3"):
        return None
    stamp = name[len(stem) + 1 : len(stem) + 1 + 22]
    try:
        return datetime.strptime(stamp, STAMP)
    except ValueError:
        return None


def thinnable(folder: Path, stem: str) -> dict[Path, datetime]:
    """The automatic backups of database `stem` in `folder`, with their times (manual ones never)."""
    from netcrm.core.store.backup import THINNED

    found: dict[Path, datetime] = {}
    for path in folder.glob(f"{stem}-*.sqlite3"):
        taken = backup_time(path.name, stem)
        reason = path.name[len(stem) + 24 : -len(".sqlite3")]
        if taken is not None and reason in THINNED:
            found[path] = taken
    return found


def thin_folder(folder: Path, stem: str, policy: ThinningPolicy, now: datetime, *, keep: Path) -> list[Path]:
    """Remove the automatic backups the policy does not keep; `keep` (the one just written) always stays."""
    found = thinnable(folder, stem)
    kept = backups_to_keep(list(found.values()), now, policy)
    removed = []
    for path, taken in found.items():
        if taken not in kept and path != keep:
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed
