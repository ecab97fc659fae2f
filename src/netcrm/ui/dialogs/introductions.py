"""Introductions: ask someone to introduce you, then track the request from asked to made and met."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netcrm.core.errors import NetcrmError

if TYPE_CHECKING:
    from netcrm.core.model import Introduction
    from netcrm.core.services import Services


def _follow_up_spin(parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(0, 365)
    spin.setValue(7)
    spin.setSpecialValueText(parent.tr("no follow-up"))
    spin.setSuffix(parent.tr(" days"))
    return spin


class IntroductionsDialog(QDialog):
    """A new request for the current contact, and every request with buttons for its next step."""

    changed = Signal()

    def __init__(
        self,
        services: Services,
        people: Mapping[str, int],
        target: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("introductionsDialog")
        self.setWindowTitle(self.tr("Introductions"))
        self.services = services
        self.people = dict(people)
        self.target = target
        self.intros: list[Introduction] = []

        ask = QGroupBox(self.tr("Ask for an introduction"))
        self.target_label = QLabel(target[1] if target else self.tr("Select a contact in the list first."))
        self.target_label.setTextFormat(Qt.TextFormat.PlainText)
        self.via = QLineEdit()
        self.via.setObjectName("via")
        self.via.setPlaceholderText(self.tr("Who can introduce you? Type a name"))
        completer = QCompleter(QStringListModel(sorted(self.people, key=str.casefold), self), self.via)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.via.setCompleter(completer)
        self.note = QLineEdit()
        self.ask_follow_up = _follow_up_spin(self)
        self.ask_button = QPushButton(self.tr("&Ask"))
        self.ask_button.setObjectName("askButton")
        self.ask_button.setEnabled(target is not None)
        self.ask_button.clicked.connect(self.ask)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(ask)
        form.addRow(self.tr("Meet:"), self.target_label)
        form.addRow(self.tr("Through:"), self.via)
        form.addRow(self.tr("Note:"), self.note)
        form.addRow(self.tr("Follow up after:"), self.ask_follow_up)
        form.addRow("", self.ask_button)
        form.addRow("", self.problem)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("introductions")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Meet"), self.tr("Through"), self.tr("Status"), self.tr("Note")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.step_follow_up = _follow_up_spin(self)
        steps = QHBoxLayout()
        self.step_buttons: dict[str, QPushButton] = {}
        for status, text in (
            ("made", self.tr("Introduced")),
            ("met", self.tr("Met")),
            ("declined", self.tr("Declined")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{status}Button")
            button.clicked.connect(lambda _checked=False, s=status: self.advance(s))
            self.step_buttons[status] = button
            steps.addWidget(button)
        steps.addWidget(QLabel(self.tr("then follow up after")))
        steps.addWidget(self.step_follow_up)
        steps.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(ask)
        layout.addWidget(self.table, 1)
        layout.addLayout(steps)
        layout.addWidget(close)
        self.resize(720, 560)
        self.refresh()

    def refresh(self) -> None:
        """Read the requests again."""
        self.intros = self.services.list_introductions()
        self.table.setRowCount(len(self.intros))
        for row, intro in enumerate(self.intros):
            for column, text in enumerate((intro.target_name, intro.via_name, intro.status, intro.notes)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def ask(self) -> None:
        """Record the request (and its follow-up)."""
        via_id = self.people.get(self.via.text().strip())
        if self.target is None or via_id is None:
            self.problem.setText(self.tr("Choose who can introduce you from the names offered."))
            return
        try:
            self.services.request_introduction(
                self.target[0], via_id, self.note.text(), self.ask_follow_up.value() or None
            )
        except NetcrmError as error:
            self.problem.setText(str(error))
            return
        self.problem.setText(self.tr("Asked. It is listed below."))
        self.refresh()
        self.changed.emit()

    def advance(self, status: str) -> None:
        """Move the selected request to its next step."""
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return
        intro = self.intros[min(rows)]
        try:
            self.services.advance_introduction(
                intro.id, status, follow_up_in_days=self.step_follow_up.value() or None
            )
        except NetcrmError as error:
            self.problem.setText(str(error))
            return
        self.refresh()
        self.changed.emit()
