"""Automatic backups while the app runs: when one is due, writing it (never two at once), thinning, failures.

Qt-free so that it is tested with a fake clock: the app's timer calls `tick()` (say once a minute) and runs
`write()` in a worker when it answers True; imports and undos call `write()` in their own worker before they
start. Time counts as use only between ticks that come close together, so a night in standby is not "30
minutes of use". A failure is reported once (`BackupOutcome.first_failure`) until a backup succeeds again;
the next one is tried at the next due time, as usual.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from netcrm.core.backups import ThinningPolicy, thin_folder
from netcrm.core.clock import Clock, system_clock
from netcrm.core.errors import NetcrmError
from netcrm.core.paths import backups_dir, ensure_private_dir
from netcrm.core.store.backup import backup_name, backup_sqlite, copy_private, fsync_dir

log = logging.getLogger(__name__)

#: A gap between two ticks longer than this is not use (the machine slept, the app was stopped).
MAX_TICK_GAP = timedelta(minutes=5)


@dataclass(frozen=True)
class AutoBackupSettings:
    """What the user can change: how often, how many are kept, where (and a second copy where)."""

    enabled: bool = True
    every_minutes: int = 30
    policy: ThinningPolicy = field(default_factory=ThinningPolicy)
    #: The backups folder; None: beside the database (`NAME-backups`).
    folder: Path | None = None
    #: A second folder (a USB disk, a synced folder) that gets a copy of each backup, thinned alike.
    second_folder: Path | None = None


@dataclass(frozen=True)
class BackupOutcome:
    """What one automatic backup did."""

    reason: str
    path: Path | None = None
    #: The copy in the second folder, if one was made.
    copy: Path | None = None
    removed: tuple[Path, ...] = ()
    #: What went wrong (the backup or its second copy), or None.
    error: str | None = None
    #: True when this failure is the first since the last success: say it (status bar, log) this time only.
    first_failure: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


class AutoBackups:
    """The automatic backups of one database file."""

    def __init__(
        self, db_path: Path, settings: AutoBackupSettings | None = None, clock: Clock = system_clock
    ) -> None:
        self.db_path = db_path
        self.settings = settings or AutoBackupSettings()
        self.clock = clock
        self._use = timedelta(0)
        self._last_tick: datetime | None = None
        self._slot = threading.Lock()  # never two at once
        self._failing = False

    @property
    def folder(self) -> Path:
        return self.settings.folder or backups_dir(self.db_path)

    def tick(self) -> bool:
        """Count the time since the previous tick as use; True when an automatic backup is due."""
        now = self.clock()
        if self._last_tick is not None:
            gap = now - self._last_tick
            if timedelta(0) < gap <= MAX_TICK_GAP:
                self._use += gap
        self._last_tick = now
        return self.settings.enabled and self._use >= timedelta(minutes=self.settings.every_minutes)

    @property
    def running(self) -> bool:
        return self._slot.locked()

    def write(self, reason: str = "auto", *, wait: bool = False) -> BackupOutcome | None:
        """Write a verified backup now (in a worker: it takes seconds at 100k contacts), copy it to the
        second folder, thin both; None when another one is running (with `wait`: after waiting for it)."""
        if not self.settings.enabled or not self._slot.acquire(blocking=wait):
            return None
        try:
            outcome = self._write(reason)
        finally:
            self._slot.release()
        if outcome.ok:
            self._failing = False
        else:
            outcome = BackupOutcome(
                reason, outcome.path, outcome.copy, outcome.removed, outcome.error, not self._failing
            )
            self._failing = True
            if outcome.first_failure:
                log.warning("automatic backup failed: %s", outcome.error)
        return outcome

    def _write(self, reason: str) -> BackupOutcome:
        now = self.clock()
        taken = now.astimezone().replace(tzinfo=None) if now.tzinfo else now  # names carry local time
        self._use = timedelta(0)  # due again one period from now, whether this one works or not
        folder = self.folder
        try:
            ensure_private_dir(folder)
            path = backup_sqlite(
                self.db_path, folder / backup_name(self.db_path, taken, reason), reason=reason, thin=False
            )
        except (NetcrmError, OSError, sqlite3.Error) as exc:
            return BackupOutcome(reason, error=str(exc))
        removed = thin_folder(folder, self.db_path.stem, self.settings.policy, taken, keep=path)
        copy, error = None, None
        second = self.settings.second_folder
        if second is not None:
            try:
                ensure_private_dir(second)
                copy = copy_private(path, second / path.name)
                fsync_dir(second)
                removed += thin_folder(second, self.db_path.stem, self.settings.policy, taken, keep=copy)
            except OSError as exc:
                error = f"{second}: the second copy was not written ({exc.strerror or exc})"
        log.info("automatic backup written: %s", path.name)
        return BackupOutcome(reason, path, copy, tuple(removed), error)
