"""The wizard's first page: choose a file; it is read at once and its format, encoding and columns shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netcrm.ui.import_wizard.state import (
    FILE_FILTER,
    LAST_FOLDER_KEY,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    TABLE_FORMATS,
    ImportState,
    ReadOutcome,
    format_label,
    read_outcome,
    rows_text,
)
from netcrm.ui.import_wizard.widgets import WorkerPage, make_busy_bar, make_error_label
from netcrm.ui.plain_text import plain_label


class FilePage(WorkerPage):
    """Page 1: which file; it is read at once, and its format, encoding and columns are shown."""

    def __init__(self, state: ImportState) -> None:
        super().__init__(state)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "LinkedIn's Connections.csv or its whole data export (.zip), Google or Outlook contacts, "
                "vCards (.vcf), or any spreadsheet (.csv, .xlsx)."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setPlaceholderText(self.tr("Choose a file, or drop one on the main window"))
        self.path_edit.editingFinished.connect(self._path_typed)
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)

        self.busy_bar = make_busy_bar()
        self.format_label = plain_label()
        self.encoding_label = plain_label()
        self.rows_label = plain_label()
        self.columns_label = plain_label()
        self.columns_label.setWordWrap(True)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Format:"), self.format_label)
        form.addRow(self.tr("Encoding:"), self.encoding_label)
        form.addRow(self.tr("Rows:"), self.rows_label)
        form.addRow(self.tr("Columns:"), self.columns_label)
        self.details.hide()
        self.error_label = make_error_label()
        self.note_label = plain_label()
        self.note_label.setObjectName("noteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.busy_bar)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        self._last_path = ""

    def choose(self) -> None:
        """Ask for a file with the platform's dialog, starting in the folder of the last import."""
        folder = str(self.state.settings.value(LAST_FOLDER_KEY, "") or "")
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import contacts"), folder or str(Path.home()), self.tr(FILE_FILTER)
        )
        if path:
            self.set_path(Path(path))

    def _path_typed(self) -> None:
        text = self.path_edit.text().strip()
        if text and text != self._last_path:
            self.set_path(Path(text).expanduser())

    def set_path(self, path: Path) -> None:
        """Read `path` in a worker (any earlier read is forgotten)."""
        self._last_path = str(path)
        self.path_edit.setText(str(path))
        self.state.outcome = None
        self.state.path = path
        self.state.sheet = None
        self.state.mapping = None
        self.state.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        self.error_label.hide()
        self.note_label.hide()
        self.details.hide()
        self.busy_bar.show()
        services = self.state.services
        self.start(lambda _job: read_outcome(services, path), self._read, self._refused)

    def _read(self, outcome: ReadOutcome) -> None:
        self.busy_bar.hide()
        self.state.outcome = outcome
        result = outcome.result
        self.format_label.setText(format_label(result.format))
        self.encoding_label.setText(result.encoding or "—")
        text = self.tr("%1 people").replace("%1", f"{len(result.rows):,}")
        if result.skipped:
            text += self.tr(", %1 will be skipped").replace("%1", rows_text(len(result.skipped)))
        if result.hidden_members:
            text += self.tr(", %1 hidden members (a date and nothing else)").replace(
                "%1", f"{result.hidden_members:,}"
            )
        self.rows_label.setText(text)
        self.columns_label.setText(", ".join(h for h in result.headers if h) or "—")
        self.details.show()
        if outcome.needed is not None:
            self.rows_label.setText(self.tr("not read yet"))
            self.note_label.setText(
                outcome.needed.reason + "\n" + self.tr("Say what the columns hold on the next page.")
            )
            self.note_label.show()

    def _refused(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.state.outcome = None
        self.error_label.setText(str(error))
        self.error_label.show()

    def isComplete(self) -> bool:
        return not self.busy() and self.state.outcome is not None

    def nextId(self) -> int:
        outcome = self.state.outcome
        if outcome is not None and outcome.result.format in TABLE_FORMATS:
            return MAPPING_PAGE
        return PREVIEW_PAGE
