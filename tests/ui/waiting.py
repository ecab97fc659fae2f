"""Waiting for the window's worker reads: after many contacts change it reads the list again off the GUI
thread, so a test looks at the window once that read is shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from netcrm.ui.main_window import MainWindow


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until the window shows the last read it asked for."""
    qtbot.waitUntil(lambda: not window.refreshing(), timeout=10_000)
