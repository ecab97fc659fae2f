"""Quitting while work runs: ask whether to wait or cancel, and keep the window until the work has ended.

Before this, closing the window during an undo hid it while the process went on in the background (the
pool was waited for after the event loop), and the next start was refused with "switch to that window"
pointing at no window. Now the window stays, says what it waits for, and closes itself when the
described work (`workers.long_work`) is over: the process never lives on without a window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QAbstractButton, QMainWindow, QMessageBox

from netcrm.ui.workers import long_work, tracker


def _tr(text: str) -> str:
    return QCoreApplication.translate("QuitGuard", text)


def work_status() -> str:
    """The described work still running, as one sentence part ("" when none)."""
    return "; ".join(job.status() for job in long_work())


def busy_without_window(window: QMainWindow) -> str:
    """What a second start is told when this process has no window to raise ("" when it has one)."""
    if window.isVisible():
        return ""
    return work_status() or _tr("closing")


class QuitGuard(QObject):
    """Watches the window's close: with work running it asks Wait / Cancel it / Keep working."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("quitGuard")
        self.window = window
        self.box: QMessageBox | None = None
        self.quitting = False  # the user chose to quit once the work has ended
        self.wait_button: QAbstractButton | None = None
        self.cancel_button: QAbstractButton | None = None
        window.installEventFilter(self)
        tracker().changed.connect(self._work_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and long_work():
            assert isinstance(event, QCloseEvent)
            event.ignore()
            if not self.quitting and self.box is None:
                self._ask()
            return True
        return super().eventFilter(watched, event)

    def _ask(self) -> None:
        box = QMessageBox(self.window)
        box.setObjectName("quitWhileWorkingBox")
        box.setWindowTitle(_tr("Quit netcrm"))
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(_tr("%1 is still running.").replace("%1", work_status()))
        box.setInformativeText(
            _tr("Wait for it to end and then quit, or cancel it: what it has done so far is rolled back.")
        )
        self.wait_button = box.addButton(_tr("&Wait, then quit"), QMessageBox.ButtonRole.AcceptRole)
        self.cancel_button = box.addButton(_tr("&Cancel it and quit"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_tr("&Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(self._chosen)
        box.finished.connect(self._forget_box)
        self.box = box
        box.open()

    def _chosen(self, button: QAbstractButton) -> None:
        if button is self.wait_button:
            self._quit_when_done(_tr("Quitting once this has ended: %1"))
        elif button is self.cancel_button:
            for job in long_work():
                job.cancel()
            self._quit_when_done(_tr("Cancelling, then quitting: %1"))

    def _forget_box(self) -> None:
        if self.box is not None:
            self.box.deleteLater()
        self.box = None

    def _quit_when_done(self, message: str) -> None:
        self.quitting = True
        bar = self.window.statusBar()
        bar.showMessage(message.replace("%1", work_status()))
        self._work_changed()

    def _work_changed(self) -> None:
        if self.quitting and not long_work():
            QTimer.singleShot(0, self._close)  # after the job's own result is shown

    def _close(self) -> None:
        if self.quitting and not long_work():
            self.quitting = False
            self.window.close()
