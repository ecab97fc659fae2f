"""A small dialog asking for a follow-up's day and note (for one contact or a whole selection)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget


class FollowUpDialog(QDialog):
    """Due day (a week from today by default) and an optional note."""

    def __init__(self, count: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Add a follow-up to %n contact(s)", "", count))
        due = today + timedelta(days=7)
        self.due_edit = QDateEdit(QDate(due.year, due.month, due.day))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("What to follow up on (optional)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Due:"), self.due_edit)
        form.addRow(self.tr("&Note:"), self.note_edit)
        form.addRow(buttons)

    def result_value(self) -> tuple[date, str]:
        """The chosen day and note."""
        chosen = self.due_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day()), self.note_edit.text().strip()
