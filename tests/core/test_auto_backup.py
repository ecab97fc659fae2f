"""Automatic backups, fake clock: due after minutes of use, thinned, never two at once, failures said once."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

import pytest

from netcrm.core.auto_backup import AutoBackups, AutoBackupSettings
from netcrm.core.backups import ThinningPolicy, thinnable
from netcrm.core.clock import FixedClock
from netcrm.core.services import Services
from netcrm.core.store.store import Store

START = datetime(2026, 12, 7, 9, 0)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "netcrm.sqlite3"
    store = Store.open(str(path))
    Services(store).add_demo(30, seed=3)
    store.close()
    return path


def use_for(auto: AutoBackups, clock: FixedClock, minutes: int) -> bool:
    """Tick once a minute for `minutes`; whether a backup was due at the end."""
    due = False
    for _ in range(minutes):
        clock.advance(minutes=1)
        due = auto.tick()
    return due


def test_a_backup_is_due_after_thirty_minutes_of_use_not_thirty_minutes_of_sleep(db: Path) -> None:
    clock = FixedClock(START)
    auto = AutoBackups(db, clock=clock)
    assert auto.tick() is False
    assert use_for(auto, clock, 29) is False
    clock.advance(hours=8)  # the laptop slept: not use
    assert auto.tick() is False
    assert use_for(auto, clock, 1) is True
    outcome = auto.write()
    assert outcome is not None and outcome.ok and outcome.path is not None
    assert auto.tick() is False  # the count starts again
    assert use_for(auto, clock, 30) is True


def test_a_backup_is_verified_private_and_named_by_its_time_and_reason(db: Path) -> None:
    clock = FixedClock(START)
    outcome = AutoBackups(db, clock=clock).write("before-import")
    assert outcome is not None and outcome.path is not None
    assert outcome.path.name == "netcrm-20261207-090000-000000-before-import.sqlite3"
    assert os.stat(outcome.path).st_mode & 0o777 == 0o600
    conn = sqlite3.connect(outcome.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM contact").fetchone()[0] == 30
    conn.close()


def test_a_week_of_use_is_thinned_by_the_policy_and_manual_backups_stay(db: Path, tmp_path: Path) -> None:
    clock = FixedClock(START)
    second = tmp_path / "usb"
    policy = ThinningPolicy(recent_hours=2, daily=3, weekly=1, monthly=0)
    auto = AutoBackups(db, AutoBackupSettings(every_minutes=60, policy=policy, second_folder=second), clock)
    manual = Store.open(str(db))
    kept_by_hand = manual.backup()
    manual.close()
    auto.tick()
    for _day in range(10):
        for _hour in range(8):  # a working day: a backup each hour
            assert use_for(auto, clock, 60)
            outcome = auto.write()
            assert outcome is not None and outcome.ok, outcome
        last = clock()
        clock.advance(hours=16)
        assert auto.tick() is False  # the morning after: the night was no use
    left = sorted(thinnable(auto.folder, db.stem).values(), reverse=True)
    # The last two hours (17:00, 16:00 on Dec 16), the last of the 3 calendar days (16, 15, 14), this week's
    # newest (the 16th again), no month
    assert left == [
        datetime(2026, 12, 16, 17),
        datetime(2026, 12, 16, 16),
        datetime(2026, 12, 15, 17),
        datetime(2026, 12, 14, 17),
    ]
    assert last.replace(tzinfo=None) == left[0]
    assert kept_by_hand.exists()
    assert sorted(p.name for p in second.iterdir()) == sorted(
        p.name for p in auto.folder.glob("*.sqlite3") if p != kept_by_hand
    )
    assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in second.iterdir())


def test_never_two_at_once(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from netcrm.core import auto_backup

    auto = AutoBackups(db, clock=FixedClock(START))
    inside, release = threading.Event(), threading.Event()
    real = auto_backup.backup_sqlite

    def slow(*args: object, **kw: object) -> Path:
        inside.set()
        release.wait(30)
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(auto_backup, "backup_sqlite", slow)
    results: list[object] = []
    first = threading.Thread(target=lambda: results.append(auto.write()))
    first.start()
    assert inside.wait(30)
    assert auto.running
    assert auto.write() is None  # the timer's backup while one runs: skipped
    waiter = threading.Thread(target=lambda: results.append(auto.write("before-import", wait=True)))
    waiter.start()  # an import's backup waits for the running one, then writes its own
    release.set()
    first.join(30)
    waiter.join(30)
    assert len(results) == 2 and all(r is not None and r.ok for r in results)  # type: ignore[union-attr]


def test_a_failure_is_said_once_and_the_next_backup_retries(db: Path, tmp_path: Path) -> None:
    clock = FixedClock(START)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    auto = AutoBackups(db, AutoBackupSettings(folder=blocked), clock)
    first = auto.write()
    assert first is not None and not first.ok and first.first_failure and str(blocked) in (first.error or "")
    assert auto.tick() is False  # retried at the next due time, not at every tick
    clock.advance(minutes=1)
    second = auto.write()
    assert second is not None and not second.ok and not second.first_failure  # said once
    blocked.unlink()
    third = auto.write()
    assert third is not None and third.ok and third.path is not None and third.path.parent == blocked
    fourth_failure = AutoBackups(db, AutoBackupSettings(folder=db), clock).write()
    assert fourth_failure is not None and fourth_failure.first_failure


def test_disabled_writes_nothing(db: Path) -> None:
    auto = AutoBackups(db, AutoBackupSettings(enabled=False), FixedClock(START))
    assert auto.write("before-import", wait=True) is None
    assert not auto.folder.exists()
