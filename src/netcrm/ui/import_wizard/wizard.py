"""The import wizard: choose a file, map its columns, preview the plan, import in a worker, undo.

Every read, plan, import and undo runs in a worker, so the window stays responsive; the import itself is
one transaction in the core, so Cancel rolls back everything. The pages share an ImportState.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QWidget, QWizard

from netcrm.ui.import_wizard.file_page import FilePage
from netcrm.ui.import_wizard.import_page import ImportPage
from netcrm.ui.import_wizard.mapping_page import MappingPage
from netcrm.ui.import_wizard.preview_page import PreviewPage
from netcrm.ui.import_wizard.report_page import ReportPage
from netcrm.ui.import_wizard.state import ImportState, ReadOutcome
from netcrm.ui.import_wizard.widgets import WorkerPage

if TYPE_CHECKING:
    from netcrm.core.services import Services


class ImportWizard(QWizard):
    """Import a contacts file: file, columns, preview, import, report (with Undo import)."""

    imported = Signal(int)  # batch id: the window reloads
    undone = Signal(int)  # batch id of an import undone from the report page

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.services = services
        self.state = ImportState(services, settings)
        self.state.imported.connect(self.imported)
        self.state.undone.connect(self.undone)
        self.file_page = FilePage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.preview_page = PreviewPage(self.state)
        self.import_page = ImportPage(self.state)
        self.report_page = ReportPage(self.state)
        for page_id, page in enumerate(self.pages()):
            self.setPage(page_id, page)
        self.resize(760, 560)
        if path is not None:
            self.file_page.set_path(path)

    @property
    def outcome(self) -> ReadOutcome | None:
        """The file as last read (None before a read, or after a refusal)."""
        return self.state.outcome

    @property
    def sheet(self) -> str | None:
        """The workbook sheet chosen (None: the first)."""
        return self.state.sheet

    def pages(self) -> list[WorkerPage]:
        """Every page, in order."""
        return [self.file_page, self.mapping_page, self.preview_page, self.import_page, self.report_page]

    def busy(self) -> bool:
        """True while any page waits for its worker."""
        return any(page.busy() for page in self.pages())

    def reject(self) -> None:
        """Closing during the import cancels it (the core rolls back) instead of leaving it running."""
        if self.import_page.busy():
            self.import_page.cancel()
            return
        if self.report_page.busy():
            self.report_page.undo_panel.cancel()  # Escape stops the undo; the core rolls it back
            return
        self._close_jobs()
        super().reject()

    def done(self, result: int) -> None:
        if self.import_page.busy() or self.report_page.busy():
            return
        self._close_jobs()
        super().done(result)

    def _close_jobs(self) -> None:
        self.state.closed = True
        for page in self.pages():
            page.drop_job()
