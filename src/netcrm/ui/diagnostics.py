"""Traces for the ends nothing else sees: a fatal signal (faulthandler) and Qt's own messages.

A crash in C++ (a segfault in Qt) kills the process before any excepthook runs; faulthandler writes the
Python stacks of every thread to `faults.log` in the data folder as it dies. Qt's warnings, criticals and
fatals go to the app's log (`netcrm.log`) instead of a stderr nobody reads when the app is started from a
desktop menu.
"""

from __future__ import annotations

import faulthandler
import os
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from netcrm.core.paths import ensure_private_dir

FAULT_LOG_NAME = "faults.log"

_LEVELS = {
    QtMsgType.QtDebugMsg: "debug",
    QtMsgType.QtInfoMsg: "info",
    QtMsgType.QtWarningMsg: "warning",
    QtMsgType.QtCriticalMsg: "critical",
    QtMsgType.QtFatalMsg: "fatal",
}


class Diagnostics:
    """faulthandler into `folder/faults.log` and a Qt message handler appending to `log_path`."""

    def __init__(self, folder: Path, log_path: Path) -> None:
        self.fault_path = folder / FAULT_LOG_NAME
        self.log_path = log_path
        self._faults: IO[str] | None = None
        self._previous: Any = None
        self._installed = False

    def install(self) -> None:
        """Start both; a folder that cannot be written leaves the app running without them."""
        try:
            ensure_private_dir(self.fault_path.parent)
            fd = os.open(self.fault_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._faults = os.fdopen(fd, "a", encoding="utf-8")
            self._faults.write(
                f"--- {datetime.now().isoformat(timespec='seconds')} pid {os.getpid()} started\n"
            )
            self._faults.flush()
            faulthandler.enable(self._faults, all_threads=True)
        except OSError:
            self._faults = None
        self._previous = qInstallMessageHandler(self.handle_qt_message)
        self._installed = True

    def uninstall(self) -> None:
        """Give Qt's handler back and stop faulthandler (tests install and uninstall it many times)."""
        if not self._installed:
            return
        qInstallMessageHandler(self._previous)
        if self._faults is not None:
            faulthandler.disable()
            self._faults.close()
            self._faults = None
        self._installed = False

    def handle_qt_message(self, kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        """Append one Qt message to the log, with where Qt says it came from."""
        where = f" ({context.file}:{context.line})" if context.file else ""
        stamp = datetime.now().isoformat(timespec="seconds")
        line = f"{stamp} qt {_LEVELS.get(kind, 'message')}: {message}{where}\n"
        try:
            ensure_private_dir(self.log_path.parent)
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as log:
                log.write(line)
        except OSError:
            pass
        if callable(self._previous):  # pytest-qt's capture (or Qt's default printing) still sees it
            self._previous(kind, context, message)
