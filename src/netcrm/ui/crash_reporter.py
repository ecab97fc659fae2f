"""The last line of defence: an uncaught exception is logged to a file and shown, never silently lost.

A NetcrmError that reaches the top (the database went busy during a click) is a deliberate message and
is shown as such; anything else is a bug, shown with the path of the log that holds its traceback.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from netcrm import __version__
from netcrm.core.errors import NetcrmError
from netcrm.core.paths import ensure_private_dir
from netcrm.ui.messages import show_message

LOG_FILE_NAME = "netcrm.log"


class CrashReporter:
    """A `sys.excepthook` that writes the traceback to a log file and tells the user."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self._showing = False
        self._previous = sys.excepthook

    def install(self) -> None:
        """Become the process's excepthook (Qt slots and virtual methods report through it too)."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Give the excepthook back."""
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        """Log and show one uncaught exception."""
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, error, trace)
            return
        if isinstance(error, NetcrmError):
            self._show(QMessageBox.Icon.Warning, str(error), None)
            return
        text = "".join(traceback.format_exception(kind, error, trace))
        logged = self._log(text)
        if sys.stderr is not None:
            sys.stderr.write(text)
        where = (
            str(self.log_path)
            if logged
            else QCoreApplication.translate("CrashReporter", "could not be written")
        )
        message = QCoreApplication.translate(
            "CrashReporter",
            "netcrm ran into a bug. Your data is safe: every change is saved whole or not at all.\n\n"
            "%1: %2\n\nThe details are in the log file:\n%3",
        )
        message = message.replace("%1", kind.__name__).replace("%2", str(error)).replace("%3", where)
        self._show(QMessageBox.Icon.Critical, message, text)

    def _log(self, text: str) -> bool:
        try:
            ensure_private_dir(self.log_path.parent)
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as log:
                log.write(
                    f"--- {datetime.now().isoformat(timespec='seconds')} netcrm {__version__}\n{text}\n"
                )
        except OSError:
            return False
        return True

    def _show(self, kind: QMessageBox.Icon, text: str, details: str | None) -> None:
        if self._showing or QApplication.instance() is None:
            return  # a failure while the box is up (or before Qt runs) is logged, not stacked
        self._showing = True
        try:
            show_message(
                kind,
                QCoreApplication.translate("CrashReporter", "netcrm"),
                text,
                details,
                QApplication.activeWindow(),
            )
        finally:
            self._showing = False
