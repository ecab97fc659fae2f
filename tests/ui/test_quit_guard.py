"""Quitting while an undo runs asks Wait / Cancel it / Keep working; a second start is told what runs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from netcrm import app
from netcrm.core import undo_batches
from netcrm.core.services import Services
from netcrm.ui.main_window import MainWindow
from netcrm.ui.quit_guard import busy_without_window
from netcrm.ui.undo_import import UndoImportPanel
from netcrm.ui.workers import long_work
from tests.dbcheck import db_fingerprint
from tests.ui.test_undo_import import BIG_LINKEDIN, gated

SUBPROCESS_TIMEOUT = 60


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone()


class Undo:
    """An undo of the 506-row sample, started from a panel in the window and held at its second step."""

    def __init__(self, qtbot: QtBot, window: MainWindow, services: Services, mp: pytest.MonkeyPatch) -> None:
        mp.setattr(undo_batches, "UNDO_CHUNK", 50)
        self.batch = services.apply_import(services.read_import(BIG_LINKEDIN)).batch_id
        self.started, self.release = threading.Event(), threading.Event()
        mp.setattr(services, "undo_import", gated(services.undo_import, self.started, self.release))
        self.panel = UndoImportPanel(services, window)
        self.panel.set_batch(self.batch, BIG_LINKEDIN.name, "")
        qtbot.mouseClick(self.panel.undo_button, Qt.MouseButton.LeftButton)
        assert self.started.wait(10)


def quit_box(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.quit_guard.box is not None and window.quit_guard.box.isVisible())


def test_keep_working_leaves_the_window_and_the_undo_running(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    undo = Undo(qtbot, window, services, monkeypatch)
    try:
        quit_box(qtbot, window)
        box = window.quit_guard.box
        assert box is not None
        assert box.text() == "Undoing the import of Connections-random-names.csv (9%) is still running."
        assert sorted(b.text() for b in box.buttons()) == [
            "&Cancel it and quit",
            "&Keep working",
            "&Wait, then quit",
        ]
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.quit_guard.box is None)
        assert window.isVisible() and undo.panel.busy()
    finally:
        undo.release.set()
    qtbot.waitUntil(lambda: not undo.panel.busy(), timeout=10_000)
    assert window.isVisible()
    assert services.count_contacts() == 300


def test_wait_then_quit_keeps_the_window_until_the_undo_has_ended(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    undo = Undo(qtbot, window, services, monkeypatch)
    try:
        quit_box(qtbot, window)
        assert window.quit_guard.wait_button is not None
        qtbot.mouseClick(window.quit_guard.wait_button, Qt.MouseButton.LeftButton)
        assert window.isVisible()
        assert (
            window.statusBar()
            .currentMessage()
            .startswith("Quitting once this has ended: Undoing the import of Connections-random-names.csv")
        )
        assert busy_without_window(window) == ""  # still a window to raise
    finally:
        undo.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert long_work() == []
    assert services.count_contacts() == 300  # the undo ended: the 506 are gone
    assert [b.status for b in services.list_batches()] == ["undone"]


def test_cancel_and_quit_rolls_the_undo_back_then_closes(
    qtbot: QtBot, window: MainWindow, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    undo = Undo(qtbot, window, services, monkeypatch)
    before = db_fingerprint(db_path)
    try:
        quit_box(qtbot, window)
        assert window.quit_guard.cancel_button is not None
        qtbot.mouseClick(window.quit_guard.cancel_button, Qt.MouseButton.LeftButton)
        assert window.isVisible()
        assert window.statusBar().currentMessage().startswith("Cancelling, then quitting:")
    finally:
        undo.release.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert db_fingerprint(db_path) == before
    assert services.count_contacts() == 300 + 506


def test_without_work_the_window_closes_at_once(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
    assert window.quit_guard.box is None


FIRST_NETCRM = """
import sys
from PySide6.QtWidgets import QApplication
from netcrm.ui.single_instance import Claim, InstanceGuard
app = QApplication([])
guard = InstanceGuard(sys.argv[1])
assert guard.claim() is Claim.FIRST
guard.busy_status = lambda: "Undoing the import of Connections.csv (40%)"
guard.activation_requested.connect(lambda: print("raised", flush=True))
print("ready", flush=True)
app.exec()
"""


def test_a_second_start_is_told_what_a_windowless_netcrm_is_finishing(
    qtbot: QtBot, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    first = subprocess.Popen(
        [sys.executable, "-c", FIRST_NETCRM, str(db_path)],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline() == "ready\n"
        assert app.main(["--db", str(db_path)]) == 3
    finally:
        first.kill()
        out, _err = first.communicate(timeout=SUBPROCESS_TIMEOUT)
    assert "raised" not in out
    assert shown == [
        f"netcrm is still running on {db_path} without a window: Undoing the import of Connections.csv "
        "(40%). It ends by itself once that is done; start netcrm again then."
    ]


def test_a_hidden_window_reports_its_work_or_closing(qtbot: QtBot, window: MainWindow) -> None:
    window.hide()
    assert busy_without_window(window) == "closing"
    QApplication.processEvents()
