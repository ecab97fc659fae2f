"""The export dialog: which contacts, which format, which file; the export runs in a worker with Cancel.

The core writes to a temporary file in the target folder and renames it over the target only when done, so
Cancel, a failure or a full disk leave the old file as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netcrm.core.errors import Cancelled, NetcrmError
from netcrm.core.model import ContactFilter
from netcrm.ui.messages import show_message
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.core.services import Services

LAST_FOLDER_KEY = "export/lastFolder"
LAST_FORMAT_KEY = "export/lastFormat"
DEFAULT_NAME = "netcrm-contacts"


@dataclass(frozen=True)
class ExportFormat:
    """One choice of the format combo, and what export_contacts is told for it."""

    key: str
    label: str
    format: str
    suffix: str
    layout: str = "netcrm"
    vcard_version: str = "3.0"


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("xlsx", "Excel workbook (.xlsx)", "xlsx", ".xlsx"),
    ExportFormat("csv", "CSV, netcrm's full layout (.csv)", "csv", ".csv"),
    ExportFormat("csv-linkedin", "CSV, LinkedIn's Connections.csv layout (.csv)", "csv", ".csv", "linkedin"),
    ExportFormat("vcf3", "vCard 3.0 (.vcf)", "vcf", ".vcf", vcard_version="3.0"),
    ExportFormat("vcf4", "vCard 4.0 (.vcf)", "vcf", ".vcf", vcard_version="4.0"),
)
SCOPES = ("all", "view", "selection")


@dataclass(frozen=True)
class ExportDone:
    """What a finished export reports back."""

    count: int
    path: Path
    notices: tuple[str, ...]


class ExportDialog(QDialog):
    """Export everything, the current view or the selection to .xlsx, .csv or .vcf."""

    exported = Signal(str)  # the file written

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        *,
        view: ContactFilter | None = None,
        view_count: int | None = None,
        selection: Sequence[int] = (),
        total: int | None = None,
        in_trash: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`view` is the filter of what the window shows (None: it shows everything), `selection` the ids
        of the selected contacts; the counts label the scope choices."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export contacts"))
        self.services = services
        self.settings = settings
        self.view = view
        self.selection = tuple(selection)
        self.in_trash = in_trash  # the view and the selection are contacts in the trash
        self.job: Job | None = None
        self.outcome: ExportDone | None = None
        self.error: str | None = None

        self.scope_buttons: dict[str, QRadioButton] = {}
        self.scope_group = QButtonGroup(self)
        scope_box = QVBoxLayout()
        scope_box.setSpacing(2)
        labels = {
            "all": self.tr("&Everything (%1 contacts)").replace("%1", _count(total)),
            "view": self.tr("The current &view (%1 contacts)").replace("%1", _count(view_count)),
            "selection": self.tr("The &selection (%1 contacts)").replace("%1", f"{len(self.selection):,}"),
        }
        for scope in SCOPES:
            button = QRadioButton(labels[scope])
            button.setObjectName(f"scope_{scope}")
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            scope_box.addWidget(button)
        self.scope_buttons["view"].setEnabled(self._view_differs())
        self.scope_buttons["selection"].setEnabled(bool(self.selection))
        if len(self.selection) > 1:
            self.scope_buttons["selection"].setChecked(True)
        elif self._view_differs():
            self.scope_buttons["view"].setChecked(True)
        else:
            self.scope_buttons["all"].setChecked(True)

        self.format_combo = QComboBox()
        self.format_combo.setObjectName("formatCombo")
        for choice in FORMATS:
            self.format_combo.addItem(self.tr(choice.label), choice.key)
        last = settings.value(LAST_FORMAT_KEY, "xlsx")
        self.format_combo.setCurrentIndex(max(0, self.format_combo.findData(last)))
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.sheet_per_tag = QCheckBox(self.tr("One &sheet per tag"))
        self.sheet_per_tag.setObjectName("sheetPerTag")
        self.sheet_per_tag.setToolTip(self.tr("Besides the Contacts sheet, a sheet for each tag's people"))

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.textChanged.connect(self._update_buttons)
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.clicked.connect(self.choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)

        form = QFormLayout()
        form.addRow(self.tr("Contacts:"), scope_box)
        form.addRow(self.tr("&Format:"), self.format_combo)
        form.addRow("", self.sheet_per_tag)
        save_label = QLabel(self.tr("&Save to:"))
        save_label.setBuddy(self.path_edit)
        form.addRow(save_label, file_row)

        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("exportProgress")
        self.progress_bar.hide()
        self.status_label = plain_label()
        self.status_label.setObjectName("statusLabel")
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("exportButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("closeButton")
        self.close_button.hide()
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

        self.path_edit.setText(str(self._folder() / (DEFAULT_NAME + self.chosen_format().suffix)))
        self._format_changed()

    # -- choices ----------------------------------------------------------------------------------

    def _view_differs(self) -> bool:
        """True when the window shows less than everything (otherwise "the current view" is everything)."""
        return self.view is not None and self.view != ContactFilter()

    def chosen_format(self) -> ExportFormat:
        """The format the combo shows."""
        key = self.format_combo.currentData()
        return next((f for f in FORMATS if f.key == key), FORMATS[0])

    def chosen_scope(self) -> str:
        """ "all", "view" or "selection"."""
        return next((s for s, b in self.scope_buttons.items() if b.isChecked()), "all")

    def contact_filter(self) -> ContactFilter | None:
        """The filter of the chosen scope (None: everything)."""
        scope = self.chosen_scope()
        if scope == "selection":
            return ContactFilter(ids=self.selection, trash=self.in_trash)
        if scope == "view":
            return self.view
        return None

    def set_path(self, path: Path) -> None:
        """The file to write."""
        self.path_edit.setText(str(path))

    def _folder(self) -> Path:
        folder = str(self.settings.value(LAST_FOLDER_KEY, "") or "")
        if folder and Path(folder).is_dir():
            return Path(folder)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def _format_changed(self) -> None:
        chosen = self.chosen_format()
        self.sheet_per_tag.setEnabled(chosen.format == "xlsx")
        text = self.path_edit.text().strip()
        if text:
            path = Path(text)
            if path.suffix.lower() in (".xlsx", ".csv", ".vcf", ".vcard", ""):
                self.path_edit.setText(str(path.with_suffix(chosen.suffix)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.export_button.setEnabled(self.job is None and bool(self.path_edit.text().strip()))

    def choose(self) -> None:
        """Ask where to save, in the folder of the last export."""
        chosen = self.chosen_format()
        current = self.path_edit.text().strip()
        start = current or str(self._folder() / (DEFAULT_NAME + chosen.suffix))
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export contacts"),
            start,
            self.tr("%1 (*%2)").replace("%1", self.tr(chosen.label)).replace("%2", chosen.suffix),
        )
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(chosen.suffix)
            self.set_path(target)

    # -- the export -------------------------------------------------------------------------------

    def start_export(self) -> None:
        """Export in a worker; the dialog stays open with a progress bar and Cancel."""
        text = self.path_edit.text().strip()
        if not text or self.job is not None:
            return
        path = Path(text).expanduser()
        chosen = self.chosen_format()
        flt = self.contact_filter()
        scope = self.chosen_scope()
        describe = {"all": "all contacts", "view": "the current view", "selection": "the selection"}[scope]
        sheet_per_tag = self.sheet_per_tag.isChecked() and chosen.format == "xlsx"
        services = self.services
        self.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        self.settings.setValue(LAST_FORMAT_KEY, chosen.key)
        self.outcome = None
        self.error = None

        def work(job: Job) -> ExportDone:
            notices: list[str] = []
            count = services.export_contacts(
                path,
                flt,
                format=chosen.format,
                layout=chosen.layout,
                vcard_version=chosen.vcard_version,
                sheet_per_tag=sheet_per_tag,
                describe=describe,
                progress=job.report,
                cancel=job.is_cancelled,
                on_notice=notices.append,
            )
            return ExportDone(count, path, tuple(notices))

        self._set_running(True)
        self.status_label.setText(self.tr("Exporting to %1…").replace("%1", str(path)))
        self.job = run_in_worker(
            work,
            self._done,
            self._failed,
            self._progress,
            describe=self.tr("Exporting to %1").replace("%1", path.name),
        )
        self._update_buttons()

    def _set_running(self, running: bool) -> None:
        for widget in (*self.scope_buttons.values(), self.format_combo, self.path_edit, self.choose_button):
            widget.setEnabled(not running)
        if not running:
            self.scope_buttons["view"].setEnabled(self._view_differs())
            self.scope_buttons["selection"].setEnabled(bool(self.selection))
        self.sheet_per_tag.setEnabled(not running and self.chosen_format().format == "xlsx")
        self.progress_bar.setVisible(running)
        self.progress_bar.setRange(0, 0)

    def _progress(self, done: int, total: int) -> None:
        if self.job is None:
            return
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))

    def cancel_export(self) -> None:
        """Ask the export to stop; the old file stays as it was."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _done(self, done: ExportDone) -> None:
        self.job = None
        self.outcome = done
        self._set_running(False)
        lines = [
            self.tr("Exported %1 contacts to %2.")
            .replace("%1", f"{done.count:,}")
            .replace("%2", str(done.path))
        ]
        lines.extend(done.notices)
        self.status_label.setText("\n".join(lines))
        self.export_button.hide()
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.exported.emit(str(done.path))

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self._set_running(False)
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        if not isinstance(error, NetcrmError):
            raise error  # a bug: the crash reporter shows it
        if isinstance(error, Cancelled):
            self.error = None
            self.status_label.setText(self.tr("Export cancelled: no file was written or changed."))
            return
        self.error = str(error)
        self.status_label.setText(self.tr("The export failed; no file was written or changed."))
        show_message(QMessageBox.Icon.Warning, self.tr("Export failed"), str(error), parent=self)

    def reject(self) -> None:
        """Cancel (or closing the window) during an export cancels the export; otherwise it closes."""
        if self.job is not None:
            self.cancel_export()
            return
        super().reject()


def _count(value: int | None) -> str:
    return "…" if value is None else f"{value:,}"
