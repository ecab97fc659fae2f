"""A small dialog logging an interaction: what kind, on which day, and a summary."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

#: The kinds of core.model.INTERACTION_KINDS, in the order offered.
KINDS = ("message", "call", "meeting", "email", "introduction", "note")


class LogDialog(QDialog):
    """Kind, day (today by default) and summary of something that happened with a contact."""

    def __init__(self, name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logDialog")
        self.setWindowTitle(self.tr("Log an interaction with %1").replace("%1", name))
        labels = {
            "message": self.tr("Message"),
            "call": self.tr("Call"),
            "meeting": self.tr("Meeting"),
            "email": self.tr("E-mail"),
            "introduction": self.tr("Introduction"),
            "note": self.tr("Note"),
        }
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(labels[kind], kind)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLineEdit()
        self.summary.setObjectName("logSummary")
        self.summary.setPlaceholderText(self.tr("What happened (optional)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Day:"), self.day)
        form.addRow(self.tr("&Summary:"), self.summary)
        form.addRow(buttons)

    def result_value(self) -> tuple[str, date, str]:
        """Kind, day and summary."""
        chosen = self.day.date()
        return (
            str(self.kind.currentData()),
            date(chosen.year(), chosen.month(), chosen.day()),
            self.summary.text(),
        )
