"""File > Import history: every import batch with its counts, and Undo for the chosen one.

Before the Undo button is offered, the undo is planned in a worker (`Services.preview_undo`), so the
dialog says what it will remove and what it keeps because the user has worked on it since; the undo
itself runs in the shared panel (ui/undo_import.py) with its bar and Cancel.
"""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netcrm.core.errors import NetcrmError
from netcrm.ui.plurals import count, number
from netcrm.ui.undo_import import UndoImportPanel
from netcrm.ui.workers import run_in_worker

if TYPE_CHECKING:
    from netcrm.core.import_service import UndoReport
    from netcrm.core.model import ImportBatch
    from netcrm.core.services import Services

AnyIndex = QModelIndex | QPersistentModelIndex
BATCH_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NUMBER_COLUMNS = (2, 3, 4, 5)


class ImportHistoryModel(QAbstractTableModel):
    """One row per batch, newest first: file, day, created, updated, unchanged, skipped, status."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.batches: list[ImportBatch] = []
        self._headers = [
            self.tr("File"),
            self.tr("Imported"),
            self.tr("Created"),
            self.tr("Updated"),
            self.tr("Unchanged"),
            self.tr("Skipped"),
            self.tr("Status"),
        ]

    def set_batches(self, batches: list[ImportBatch]) -> None:
        """Show these batches."""
        self.beginResetModel()
        self.batches = list(batches)
        self.endResetModel()

    def row_of(self, batch_id: int) -> int | None:
        """The row of a batch, if listed."""
        for row, batch in enumerate(self.batches):
            if batch.id == batch_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.batches)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in NUMBER_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.batches):
            return None
        batch = self.batches[index.row()]
        column = index.column()
        if role == BATCH_ID_ROLE:
            return batch.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return batch.file_name
        if column == 1:  # stored in UTC, shown in local time: several imports a day differ by it
            return batch.created_at.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        if column in NUMBER_COLUMNS:
            values = (batch.created, batch.updated, batch.unchanged, batch.skipped)
            return number(values[NUMBER_COLUMNS.index(column)])
        if column == 6:
            return self.tr("Imported") if batch.status == "applied" else self.tr("Undone")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class ImportHistoryDialog(QDialog):
    """The list of imports; choosing one says what its undo would do and offers it."""

    undone = Signal(int)  # batch id: the window reloads

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importHistoryDialog")
        self.setWindowTitle(self.tr("Import history"))
        self.services = services
        self.model = ImportHistoryModel(self)
        self.table = QTableView()
        self.table.setObjectName("importHistoryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._chosen())
        self.panel = UndoImportPanel(services)
        self.panel.undone.connect(self._undone)
        self.panel.busy_changed.connect(self._busy)
        self._preview_for: int | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.panel)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.reload()

    def reload(self, select: int | None = None) -> None:
        """Read the batches again and choose `select` (else the newest)."""
        self.model.set_batches(self.services.list_batches())
        row = self.model.row_of(select) if select is not None else None
        if self.model.rowCount():
            self.table.selectRow(row if row is not None else 0)
        else:
            self.panel.set_batch(None, "", self.tr("Nothing has been imported into this database yet."))

    def select_batch(self, batch_id: int) -> None:
        """Choose a batch (the sidebar's "Recently imported" entry asked for it)."""
        row = self.model.row_of(batch_id)
        if row is not None:
            self.table.selectRow(row)

    def current_batch_id(self) -> int | None:
        """The id of the chosen batch."""
        batch = self.current_batch()
        return None if batch is None else batch.id

    def current_batch(self) -> ImportBatch | None:
        """The chosen batch."""
        row = self.table.currentIndex().row()
        return self.model.batches[row] if 0 <= row < len(self.model.batches) else None

    def _chosen(self) -> None:
        if self.panel.busy():
            return
        batch = self.current_batch()
        if batch is None:
            return
        if batch.status != "applied":
            self.panel.set_batch(None, batch.file_name, self.tr("This import was undone."))
            return
        self.panel.set_batch(None, batch.file_name, self.tr("Working out what an undo would do…"))
        self._preview_for = batch.id
        services, batch_id = self.services, batch.id
        run_in_worker(
            lambda _job: services.preview_undo(batch_id),
            lambda plan: self._previewed(batch, plan),
            self._preview_failed,
            owner=self,
        )

    def _previewed(self, batch: ImportBatch, plan: UndoReport) -> None:
        if self._preview_for != batch.id or self.panel.busy():
            return  # another batch was chosen meanwhile
        self.panel.set_batch(batch.id, batch.file_name, self.undo_sentence(plan))

    def _preview_failed(self, error: BaseException) -> None:
        if not isinstance(error, NetcrmError):
            raise error
        self.panel.set_batch(None, "", str(error))

    def undo_sentence(self, plan: UndoReport) -> str:
        """What the undo will remove and revert, and what it keeps for the user."""
        removed = count(plan.removed, self.tr("%1 contact"), self.tr("%1 contacts"))
        reverted = count(plan.reverted, self.tr("%1 contact"), self.tr("%1 contacts"))
        if plan.removed and plan.reverted:
            first = self.tr("Undo removes %1 this import created and reverts %2 it updated.")
        elif plan.removed:
            first = self.tr("Undo removes %1 this import created.")
        elif plan.reverted:
            first = self.tr("Undo reverts %2 this import updated.")
        else:
            first = self.tr("Undo removes nothing: you have worked on everything this import brought.")
        parts = [first.replace("%1", removed).replace("%2", reverted)]
        if plan.kept_contacts:
            parts.append(
                count(
                    len(plan.kept_contacts),
                    self.tr("It keeps %1 contact you have worked on since."),
                    self.tr("It keeps %1 contacts you have worked on since."),
                )
            )
        if plan.kept_fields:
            parts.append(
                count(
                    len(plan.kept_fields),
                    self.tr("It keeps %1 field you edited since."),
                    self.tr("It keeps %1 fields you edited since."),
                )
            )
        return " ".join(parts)

    def _undone(self, undo: UndoReport) -> None:
        self.undone.emit(undo.batch_id)
        sentence = self.panel.label.text()
        self.model.set_batches(self.services.list_batches())
        row = self.model.row_of(undo.batch_id)
        self._preview_for = None
        if row is not None:
            self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(False)
        self.panel.label.setText(sentence)

    def _busy(self, busy: bool) -> None:
        self.table.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def reject(self) -> None:
        """Escape or Close during an undo cancels it (rolled back); otherwise the dialog closes."""
        if self.panel.busy():
            self.panel.cancel()
            return
        super().reject()
