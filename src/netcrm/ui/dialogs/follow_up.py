"""A small dialog asking for a follow-up: its day, an optional time, how often it repeats, and a note.

It offers what `add_follow_ups` takes (and `netcrm-cli follow-up --every --time`): the two faces set the
same follow-ups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

#: The repeat units `core.rules.parse_recurrence` reads ("3d", "2w", "1m", "1y").
UNITS = ("d", "w", "m", "y")


@dataclass(frozen=True, slots=True)
class FollowUpRequest:
    """What the user asked for: the arguments of `add_follow_ups` after the contacts."""

    due: date
    note: str = ""
    every: str | None = None  # "2w": every two weeks; None: once
    due_time: time | None = None


class FollowUpDialog(QDialog):
    """Due day (a week from today by default), optional time, repeat (never by default), optional note."""

    def __init__(self, count: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpDialog")
        self.setWindowTitle(self.tr("Add a follow-up to %n contact(s)", "", count))
        due = today + timedelta(days=7)
        self.due_edit = QDateEdit(QDate(due.year, due.month, due.day))
        self.due_edit.setObjectName("followUpDue")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.time_check = QCheckBox(self.tr("A&t"))
        self.time_check.setObjectName("followUpHasTime")
        self.time_edit = QTimeEdit(QTime(9, 0))
        self.time_edit.setObjectName("followUpTime")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setEnabled(False)
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        self.repeat = QComboBox()
        self.repeat.setObjectName("followUpRepeat")
        self.repeat.addItem(self.tr("Does not repeat"), None)
        for unit, text in zip(
            UNITS, (self.tr("days"), self.tr("weeks"), self.tr("months"), self.tr("years")), strict=True
        ):
            self.repeat.addItem(text, unit)
        self.every_count = QSpinBox()
        self.every_count.setObjectName("followUpEvery")
        self.every_count.setRange(1, 999)
        self.every_count.setEnabled(False)
        self.repeat.currentIndexChanged.connect(
            lambda _i: self.every_count.setEnabled(self.repeat.currentData() is not None)
        )
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("followUpNote")
        self.note_edit.setPlaceholderText(self.tr("What to follow up on (optional)"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        when = QHBoxLayout()
        when.addWidget(self.due_edit, 1)
        when.addWidget(self.time_check)
        when.addWidget(self.time_edit)
        repeat = QHBoxLayout()
        repeat.addWidget(self.every_count)
        repeat.addWidget(self.repeat, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("&Due:"), when)
        form.addRow(self.tr("&Repeat every:"), repeat)
        form.addRow(self.tr("&Note:"), self.note_edit)
        form.addRow(buttons)

    def result_value(self) -> FollowUpRequest:
        """The chosen day, note, repeat and time."""
        chosen = self.due_edit.date()
        unit = self.repeat.currentData()
        at = self.time_edit.time()
        return FollowUpRequest(
            date(chosen.year(), chosen.month(), chosen.day()),
            self.note_edit.text().strip(),
            f"{self.every_count.value()}{unit}" if unit is not None else None,
            time(at.hour(), at.minute()) if self.time_check.isChecked() else None,
        )
