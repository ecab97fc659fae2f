"""Automatic backups in the app: a timer that asks core/auto_backup.py once a minute whether one is due and
writes it in a worker; imports and undos call `backup_before` inside their own worker before they start.

The window never waits for a backup. A failure is said once, in the status bar (and the log, by the core),
until a backup works again. Settings live under "backups/" in the app's QSettings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from netcrm.core.auto_backup import AutoBackups, AutoBackupSettings, BackupOutcome
from netcrm.core.backups import ThinningPolicy
from netcrm.core.clock import Clock, system_clock
from netcrm.ui.workers import Job, run_in_worker

TICK_MS = 60_000
_INTS = ("every_minutes", "recent_hours", "daily", "weekly", "monthly")


def load_settings(settings: QSettings) -> AutoBackupSettings:
    """The user's backup settings (defaults where none were saved)."""
    default, policy = AutoBackupSettings(), ThinningPolicy()

    def number(key: str, fallback: int) -> int:
        try:
            return max(0, int(str(settings.value(f"backups/{key}", fallback))))
        except ValueError:
            return fallback

    def folder(key: str) -> Path | None:
        text = str(settings.value(f"backups/{key}", "") or "")
        return Path(text) if text else None

    return AutoBackupSettings(
        enabled=str(settings.value("backups/enabled", "true")).lower() in ("true", "1"),
        every_minutes=max(1, number("every_minutes", default.every_minutes)),
        policy=ThinningPolicy(
            recent_hours=number("recent_hours", policy.recent_hours),
            daily=number("daily", policy.daily),
            weekly=number("weekly", policy.weekly),
            monthly=number("monthly", policy.monthly),
        ),
        folder=folder("folder"),
        second_folder=folder("second_folder"),
    )


def save_settings(settings: QSettings, chosen: AutoBackupSettings) -> None:
    """Store the backup settings (the preferences' Backups page)."""
    settings.setValue("backups/enabled", "true" if chosen.enabled else "false")
    settings.setValue("backups/every_minutes", chosen.every_minutes)
    for key in _INTS[1:]:
        settings.setValue(f"backups/{key}", getattr(chosen.policy, key))
    settings.setValue("backups/folder", str(chosen.folder or ""))
    settings.setValue("backups/second_folder", str(chosen.second_folder or ""))


class BackupScheduler(QObject):
    """The automatic backups of the window's database."""

    #: Every backup's outcome, on the GUI thread (timer's and imports' alike).
    finished = Signal(object)
    _relayed = Signal(object)

    def __init__(
        self,
        status_bar: QStatusBar,
        settings: QSettings,
        parent: QObject | None = None,
        *,
        tick_ms: int = TICK_MS,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupScheduler")
        self._status_bar = status_bar
        self._settings = settings
        self._clock = clock
        self.auto: AutoBackups | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        self._relayed.connect(self._report)
        _current[:] = [self]

    def attach(self, db_path: Path | None, *, read_only: bool = False) -> None:
        """Back up this database from now on (None, or read-only: nothing to back up)."""
        if db_path is None or read_only:
            self.auto = None
            self.timer.stop()
            return
        if self.auto is None or self.auto.db_path != db_path:
            self.auto = AutoBackups(db_path, load_settings(self._settings), self._clock)
            self.auto.tick()
        self.timer.start()

    def reload_settings(self) -> None:
        """The user changed the settings: the next backup follows them."""
        if self.auto is not None:
            self.auto.settings = load_settings(self._settings)

    def folders(self) -> list[Path]:
        """Where backups are (the chosen folder and the second one), for the restore dialog."""
        chosen = load_settings(self._settings)
        return [folder for folder in (chosen.folder, chosen.second_folder) if folder is not None]

    @Slot()
    def tick(self) -> None:
        """Count a minute of use; start a backup in a worker when one is due (never two at once)."""
        auto = self.auto
        if auto is None or not auto.tick() or auto.running:
            return

        def work(_job: Job) -> BackupOutcome | None:
            return auto.write("auto")

        run_in_worker(work, self._report, self._failed, owner=self)

    def before(self, reason: str) -> BackupOutcome | None:
        """In a worker thread: a backup before an import or an undo (waits for a running one)."""
        auto = self.auto
        if auto is None:
            return None
        outcome = auto.write(reason, wait=True)
        self._relayed.emit(outcome)  # queued to the GUI thread
        return outcome

    @Slot(object)
    def _report(self, outcome: BackupOutcome | None) -> None:
        if outcome is None:
            return
        if not outcome.ok and outcome.first_failure:
            self._status_bar.showMessage(
                self.tr("Automatic backup failed: %1. The next one will try again.").replace(
                    "%1", outcome.error or ""
                )
            )
        elif outcome.ok and outcome.path is not None:
            self._status_bar.showMessage(self.tr("Backed up (%1)").replace("%1", outcome.path.name), 3000)
        self.finished.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self._report(BackupOutcome("auto", error=str(error), first_failure=True))


_current: list[BackupScheduler] = []


def backup_before(reason: str) -> BackupOutcome | None:
    """From an import's or an undo's worker, before it writes: the app's backup (a no-op without an app)."""
    try:
        return _current[0].before(reason) if _current else None
    except RuntimeError:  # the window that owned it is gone (tests make many)
        return None
