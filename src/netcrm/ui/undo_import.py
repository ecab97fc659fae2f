"""Undo one import batch from anywhere in the app: a sentence, a progress bar while it runs, and Cancel.

The wizard's last page and File > Import history both use this panel, so an undo looks and behaves the
same wherever it starts. The undo is one transaction in the core: Cancel rolls it back, and the batch
stays as it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from netcrm.core.errors import Cancelled, NetcrmError
from netcrm.ui.icons import icon
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.core.import_service import UndoReport
    from netcrm.core.services import Services


def _tr(text: str) -> str:
    return QCoreApplication.translate("UndoImportPanel", text)


def undone_sentence(undo: UndoReport) -> str:
    """What an undo did and what it kept, in one paragraph."""
    text = (
        _tr("Import undone: removed %1 contacts and reverted %2.")
        .replace("%1", f"{undo.removed:,}")
        .replace("%2", f"{undo.reverted:,}")
    )
    if undo.kept_contacts:
        text += " " + _tr("Kept %1 contacts you have worked on since.").replace(
            "%1", f"{len(undo.kept_contacts):,}"
        )
    if undo.kept_fields:
        text += " " + _tr("Kept %1 fields you edited since.").replace("%1", f"{len(undo.kept_fields):,}")
    return text


class UndoImportPanel(QWidget):
    """Undo button, then a bar and Cancel undo while it runs, then what it did."""

    undone = Signal(object)  # the UndoReport
    busy_changed = Signal(bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoImportPanel")
        self.services = services
        self.batch_id: int | None = None
        self.file_name = ""
        self.job: Job | None = None
        self.label = plain_label()
        self.label.setObjectName("undoLabel")
        self.label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("undoProgress")
        self.progress_bar.hide()
        self.undo_button = QPushButton(icon("undo_import"), self.tr("&Undo import"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo)
        self.cancel_button = QPushButton(self.tr("&Cancel undo"))
        self.cancel_button.setObjectName("cancelUndoButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.error_label = plain_label()
        self.error_label.setObjectName("undoError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "QLabel#undoError { color: palette(highlighted-text); background: #b3261e; padding: 6px;"
            " border-radius: 3px; }"
        )
        self.error_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.error_label)

    def set_batch(self, batch_id: int | None, file_name: str, sentence: str) -> None:
        """Offer to undo this batch (None: nothing to undo, the panel shows only the sentence)."""
        self.batch_id = batch_id
        self.file_name = file_name
        self.label.setText(sentence)
        self.undo_button.setVisible(batch_id is not None)
        self.undo_button.setEnabled(True)
        self.cancel_button.hide()
        self.progress_bar.hide()
        self.error_label.hide()

    def busy(self) -> bool:
        """True while the undo runs (the dialog around it must not close under it)."""
        return self.job is not None

    def undo(self) -> None:
        """Start the undo in a worker, with progress and Cancel."""
        if self.batch_id is None or self.job is not None:
            return
        batch_id, services = self.batch_id, self.services
        self.undo_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.error_label.hide()
        self.label.setText(self.tr("Undoing the import of %1…").replace("%1", self.file_name))

        def work(job: Job) -> UndoReport:
            return services.undo_import(batch_id, progress=job.report, cancel=job.is_cancelled)

        self.job = run_in_worker(
            work,
            self._undone,
            self._failed,
            self._progress,
            owner=self,
            describe=self.tr("Undoing the import of %1").replace("%1", self.file_name),
        )
        self.busy_changed.emit(True)

    def cancel(self) -> None:
        """Ask the undo to stop; the core rolls it back."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling the undo…"))

    def _progress(self, done: int, total: int) -> None:
        if self.job is None or self.job.is_cancelled():
            return
        if 0 < total <= done:  # all done: the commit has no steps to count, nor a way back
            self.progress_bar.setRange(0, 0)
            self.label.setText(self.tr("Saving…"))
            self.cancel_button.setEnabled(False)
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))

    def _undone(self, undo: UndoReport) -> None:
        self.job = None
        self.batch_id = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.label.setText(undone_sentence(undo))
        self.busy_changed.emit(False)
        self.undone.emit(undo)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.undo_button.show()
        self.undo_button.setEnabled(True)
        if isinstance(error, Cancelled):
            self.label.setText(self.tr("Undo cancelled: the import is still there as it was."))
        elif isinstance(error, NetcrmError):
            self.label.clear()
            self.error_label.setText(str(error))
            self.error_label.show()
        else:
            self.busy_changed.emit(False)
            raise error  # a bug: the crash reporter shows it
        self.busy_changed.emit(False)
