"""The wizard's mapping page (tables only): which field each column imports as, which sheet of a workbook."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netcrm.core.model import ParseResult
from netcrm.ui.import_wizard.state import (
    FIELD_LABELS,
    ImportState,
    ReadOutcome,
    guessed_mapping,
    read_outcome,
    rows_text,
)
from netcrm.ui.import_wizard.widgets import WorkerPage, make_busy_bar, make_error_label, make_table
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import Job


class MappingPage(WorkerPage):
    """Page 2 (tables only): which field each column imports as, and which sheet of a workbook."""

    def __init__(self, state: ImportState) -> None:
        super().__init__(state)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Say what each column holds. netcrm remembers your choice for files with the same columns."
            )
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        sheet_layout.addWidget(sheet_label)
        sheet_layout.addWidget(self.sheet_combo, 1)
        self.table = make_table([self.tr("Column in the file"), self.tr("Imports as")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.busy_bar = make_busy_bar()
        self.status_label = plain_label()
        self.error_label = make_error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        self.combos: list[tuple[str, QComboBox]] = []
        self._shown_headers: tuple[str, ...] | None = None

    def initializePage(self) -> None:
        outcome = self.state.outcome
        assert outcome is not None
        self._shown_headers = None  # the combos start from what this read used, never from an older file
        self.sheet_row.setVisible(bool(outcome.sheets))
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(outcome.sheets))
        if self.state.sheet in outcome.sheets:
            self.sheet_combo.setCurrentText(self.state.sheet)
        self._show(outcome, apply_remembered=True)

    def _show(self, outcome: ReadOutcome, *, apply_remembered: bool) -> None:
        """Fill the table for the outcome's headers; re-read when a remembered mapping differs from it."""
        result = outcome.result
        self.error_label.hide()
        if result.headers != self._shown_headers:
            self._build(result.headers, result.fields)
        self._show_status(result)
        if apply_remembered:
            remembered = self.state.remembered_mapping(result.headers)
            if remembered is not None and remembered != self.current_mapping():
                self.set_mapping(remembered)
                self._reread()

    def _build(self, headers: Sequence[str], fields: Sequence[str]) -> None:
        self._shown_headers = tuple(headers)
        guessed = guessed_mapping(headers, fields)
        named = [h for h in dict.fromkeys(headers) if h.strip()]
        self.table.setRowCount(len(named))
        self.combos = []
        for row, header in enumerate(named):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            for field, label in FIELD_LABELS.items():
                combo.addItem(self.tr(label), field)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(header, "ignore"))))
            combo.activated.connect(self._reread)
            self.table.setCellWidget(row, 1, combo)
            self.combos.append((header, combo))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().resizeSection(0, max(self.table.columnWidth(0) + 24, 200))

    def current_mapping(self) -> dict[str, str]:
        """{column: field} as the combos show it."""
        return {header: str(combo.currentData()) for header, combo in self.combos}

    def set_mapping(self, mapping: dict[str, str]) -> None:
        """Show a mapping in the combos (columns it does not name keep their choice)."""
        for header, combo in self.combos:
            if header in mapping:
                index = combo.findData(mapping[header])
                if index >= 0:
                    combo.setCurrentIndex(index)

    def _sheet_chosen(self) -> None:
        self.state.sheet = self.sheet_combo.currentText() or None
        self._shown_headers = None  # another sheet has other columns: guess them afresh
        self._read(mapping=None, then_apply_remembered=True)

    def _reread(self) -> None:
        self._read(mapping=self.current_mapping(), then_apply_remembered=False)

    def _read(self, *, mapping: dict[str, str] | None, then_apply_remembered: bool) -> None:
        outcome = self.state.outcome
        path = self.state.path
        assert outcome is not None and path is not None
        fmt = outcome.result.format
        sheet = self.state.sheet if fmt == "xlsx" else None
        services = self.state.services
        self.busy_bar.show()
        self.error_label.hide()

        def read(_job: Job) -> ReadOutcome:
            return read_outcome(services, path, format=fmt, mapping=mapping, sheet=sheet)

        def done(new: ReadOutcome) -> None:
            self.busy_bar.hide()
            self.state.outcome = new
            self.state.mapping = mapping
            self._show(self.state.outcome, apply_remembered=then_apply_remembered)

        self.state.mapping_ok = False
        self.start(read, done, self._refused)

    def _show_status(self, result: ParseResult) -> None:
        outcome = self.state.outcome
        if outcome is not None and outcome.needed is not None:
            self.state.mapping_ok = False
            self.status_label.setText(
                self.tr("Choose what the columns hold: at least a name, e-mail, phone or LinkedIn URL.")
            )
            return
        self.state.mapping_ok = True
        text = self.tr("%1 people read").replace("%1", f"{len(result.rows):,}")
        if result.skipped:
            text += self.tr("; %1 will be skipped").replace("%1", rows_text(len(result.skipped)))
        self.status_label.setText(text)

    def _refused(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.state.mapping_ok = False
        self.status_label.clear()
        self.error_label.setText(str(error))
        self.error_label.show()

    def isComplete(self) -> bool:
        return not self.busy() and self.state.mapping_ok

    def validatePage(self) -> bool:
        outcome = self.state.outcome
        if outcome is not None:
            self.state.remember_mapping(outcome.result.headers, self.current_mapping())
        return True
