"""The review list of open-networker suggestions: the user accepts or rejects each, or all, seeing why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netcrm.ui.icons import icon

if TYPE_CHECKING:
    from netcrm.core.model import Suggestion
    from netcrm.core.services import Services


class OpenNetworkerReviewDialog(QDialog):
    """Suggestions with their reasons; Accept or Reject the selected ones, or all. Decisions are final."""

    decided = Signal(int)  # how many contacts were decided

    def __init__(
        self, services: Services, suggestions: Sequence[Suggestion], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openNetworkerReview")
        self.setWindowTitle(self.tr("Open networkers to review"))
        self.services = services
        self.suggestions = list(suggestions)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("suggestions")
        self.table.setHorizontalHeaderLabels([self.tr("Contact"), self.tr("Why")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accept_button = QPushButton(icon("accept"), self.tr("&Accept selected"))
        self.reject_button = QPushButton(icon("reject"), self.tr("&Reject selected"))
        self.accept_all_button = QPushButton(self.tr("Accept a&ll"))
        self.reject_all_button = QPushButton(self.tr("Reject all"))
        self.accept_button.clicked.connect(lambda: self.decide(self.selected_ids(), True))
        self.reject_button.clicked.connect(lambda: self.decide(self.selected_ids(), False))
        self.accept_all_button.clicked.connect(lambda: self.decide_all(True))
        self.reject_all_button.clicked.connect(lambda: self.decide_all(False))
        buttons = QHBoxLayout()
        for button in (
            self.accept_button,
            self.reject_button,
            self.accept_all_button,
            self.reject_all_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(760, 480)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.suggestions))
        for row, suggestion in enumerate(self.suggestions):
            name = QTableWidgetItem(suggestion.name)  # items show text as plain text
            name.setData(Qt.ItemDataRole.UserRole, suggestion.contact_id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(suggestion.reason))
        self.table.resizeColumnToContents(0)
        count = len(self.suggestions)
        self.summary.setText(
            self.tr("No open networkers are waiting for your decision.")
            if not count
            else self.tr(
                "%1 contacts look like open networkers. Accept those you agree with: your decision is final,"
                " no later import or detection changes it."
            ).replace("%1", str(count))
        )
        for button in (
            self.accept_button,
            self.reject_button,
            self.accept_all_button,
            self.reject_all_button,
        ):
            button.setEnabled(bool(count))

    def selected_ids(self) -> list[int]:
        """Contacts of the selected rows."""
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.suggestions[row].contact_id for row in rows]

    def all_ids(self) -> list[int]:
        """Every suggested contact."""
        return [s.contact_id for s in self.suggestions]

    def decide_all(self, accept: bool) -> None:
        """Accept or reject every suggestion, once the user has confirmed with the count in front of them."""
        count = len(self.suggestions)
        if not count:
            return
        one = count == 1
        if accept:
            title = self.tr("Accept 1 open networker") if one else self.tr("Accept %1 open networkers")
            text = (
                self.tr("Tag the one contact on this list as an open networker? Your decision is final.")
                if one
                else self.tr("Tag all %1 contacts on this list as open networkers? Your decision is final.")
            )
        else:
            title = self.tr("Reject 1 suggestion") if one else self.tr("Reject %1 suggestions")
            text = (
                self.tr("Mark the one contact on this list as not an open networker? Your decision is final.")
                if one
                else self.tr(
                    "Mark all %1 contacts on this list as not open networkers? Your decision is final."
                )
            )
        shown = f"{count:,}"
        title, text = title.replace("%1", shown), text.replace("%1", shown)
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setObjectName("confirmAll")
        yes = box.addButton(title, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        confirmed = box.clickedButton() is yes
        box.deleteLater()
        if confirmed:
            self.decide(self.all_ids(), accept)

    def decide(self, ids: list[int], accept: bool) -> None:
        """Record the user's decision for these contacts and take them off the list."""
        if not ids:
            return
        self.services.decide_open_networkers(ids, accept)
        chosen = set(ids)
        self.suggestions = [s for s in self.suggestions if s.contact_id not in chosen]
        self._fill()
        self.decided.emit(len(ids))
