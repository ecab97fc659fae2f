"""The wizard's import page: the import in a worker, with progress and Cancel (which rolls it all back)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout

from netcrm.core.errors import Cancelled
from netcrm.ui.import_wizard.state import ImportState
from netcrm.ui.import_wizard.widgets import WorkerPage, make_error_label
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import Job

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport


class ImportPage(WorkerPage):
    """Page 4: the import, in a worker, with progress and Cancel (which rolls back everything)."""

    def __init__(self, state: ImportState) -> None:
        super().__init__(state)
        self.setTitle(self.tr("Importing"))
        self.status_label = plain_label()
        self.status_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("importProgress")
        self.cancel_button = QPushButton(self.tr("&Cancel import"))
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("&Try again"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.run)
        self.error_label = make_error_label()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.run()

    def run(self) -> None:
        """Start (or restart) the import."""
        outcome = self.state.outcome
        assert outcome is not None
        self.state.report = None
        result = outcome.result
        self.status_label.setText(
            self.tr("Importing %1 people from %2…")
            .replace("%1", f"{len(result.rows):,}")
            .replace("%2", Path(result.path).name)
        )
        self.progress_bar.setRange(0, 0)
        self.error_label.hide()
        self.retry_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        services = self.state.services
        tags, all_or_nothing = list(self.state.tags), self.state.all_or_nothing

        def work(job: Job) -> ImportReport:
            return services.apply_import(
                result, tags=tags, all_or_nothing=all_or_nothing, progress=job.report, cancel=job.is_cancelled
            )

        describe = self.tr("Importing %1").replace("%1", Path(result.path).name)
        self.start(work, self._imported, self._failed, self._progress, describe)

    def _progress(self, done: int, total: int) -> None:
        if self.job is None:
            return
        if 0 < total <= done:  # all written: the commit's disk sync has no steps to count, nor a way back
            self.progress_bar.setRange(0, 0)
            self.status_label.setText(self.tr("Saving…"))
            self.cancel_button.setEnabled(False)
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))

    def cancel(self) -> None:
        """Ask the import to stop; the core rolls the whole transaction back."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _imported(self, report: ImportReport) -> None:
        self.state.report = report
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.cancel_button.hide()
        if report.batch_id is not None:
            self.state.imported.emit(report.batch_id)
        self.wizard().next()

    def _failed(self, error: BaseException) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.cancel_button.hide()
        self.retry_button.show()
        if isinstance(error, Cancelled):
            self.status_label.setText(self.tr("Import cancelled: nothing was imported."))
        else:
            self.status_label.setText(self.tr("Nothing was imported."))
            self.error_label.setText(str(error))
            self.error_label.show()

    def isComplete(self) -> bool:
        return self.state.report is not None
