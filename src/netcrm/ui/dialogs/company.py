"""Who do I know at a company: everyone there, and how each connects to you, to choose whom to ask."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from netcrm.core.model import CompanyPerson
    from netcrm.core.services import Services


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else "—"


class CompanyDialog(QDialog):
    """Type a company; see its people with who introduced them, when you connected, when you last talked."""

    contact_requested = Signal(int)

    def __init__(self, services: Services, companies: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyDialog")
        self.setWindowTitle(self.tr("Who do I know at…"))
        self.services = services
        self.people: list[CompanyPerson] = []
        self.company = QLineEdit()
        self.company.setObjectName("company")
        self.company.setPlaceholderText(self.tr("Company"))
        completer = QCompleter(QStringListModel(sorted(set(companies), key=str.casefold), self), self.company)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.company.setCompleter(completer)
        self.company.returnPressed.connect(self.search)
        completer.activated.connect(lambda _text: self.search())
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("people")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Position"),
                self.tr("Introduced by"),
                self.tr("Connected"),
                self.tr("Last contact"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.company)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.resize(760, 480)

    def search(self) -> None:
        """Everyone at the company typed (case and accents ignored)."""
        name = self.company.text().strip()
        self.people = self.services.who_at_company(name) if name else []
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            values = (
                person.name,
                person.position,
                person.introduced_by_name or "—",
                _day(person.connected_on),
                _day(person.last_contacted),
            )
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            self.tr("%1 people at %2. Double-click one to open them.")
            .replace("%1", str(len(self.people)))
            .replace("%2", name)
            if name
            else ""
        )

    def open_row(self, row: int) -> None:
        """Show that person in the main window."""
        self.contact_requested.emit(self.people[row].contact_id)
