"""The merge dialog: two contacts side by side; the user picks each differing field, everything else of both
is kept (e-mails, phones, tags, notes, follow-ups, interactions). The other contact goes to the trash."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from netcrm.ui.plain_text import plain_label

if TYPE_CHECKING:
    from netcrm.core.model import Contact

#: The fields offered, in order (the services' MERGE_FIELDS, less source).
PICKED = (
    "first_name",
    "last_name",
    "display_name",
    "company",
    "position",
    "location",
    "linkedin_url",
    "degree",
    "connected_on",
    "cadence_days",
)


class MergeDialog(QDialog):
    """Pick, field by field, which contact's value the merged contact keeps."""

    def __init__(self, keep: Contact, other: Contact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge contacts"))
        self._keep, self._other = keep, other
        titles = {
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "display_name": self.tr("Shown as"),
            "company": self.tr("Company"),
            "position": self.tr("Position"),
            "location": self.tr("Location"),
            "linkedin_url": self.tr("LinkedIn"),
            "degree": self.tr("Degree"),
            "connected_on": self.tr("Connected on"),
            "cadence_days": self.tr("Keep in touch (days)"),
        }
        degrees = {1: self.tr("1st"), 2: self.tr("2nd"), 3: self.tr("3rd")}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column, contact in ((1, keep), (2, other)):
            heading = plain_label(contact.display_name or self.tr("(no name)"))
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            grid.addWidget(heading, 0, column)
        self.groups: dict[str, QButtonGroup] = {}
        line = 1
        for field in PICKED:
            mine, theirs = getattr(keep, field), getattr(other, field)
            if _text(mine) == _text(theirs) or not _text(theirs):
                continue  # nothing to choose: the kept contact's value stays
            title = QLabel(titles[field])
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            grid.addWidget(title, line, 0, Qt.AlignmentFlag.AlignRight)
            group = QButtonGroup(self)
            for column, value in ((1, mine), (2, theirs)):
                shown = degrees.get(value, "") if field == "degree" else _text(value)
                shown = shown.replace("&", "&&")  # button text is never rich text, but & is a mnemonic
                button = QRadioButton(shown or self.tr("(empty)"))
                button.setObjectName(f"{field}_{column}")
                group.addButton(button, column)
                grid.addWidget(button, line, column)
            first = group.button(1 if _text(mine) else 2)
            first.setChecked(True)
            self.groups[field] = group
            line += 1
        if not self.groups:
            grid.addWidget(QLabel(self.tr("The two contacts agree on every field.")), line, 0, 1, 3)
        note = QLabel(
            self.tr(
                "Both contacts' e-mails, phones, tags and notes are kept, and all their follow-ups and "
                "interactions move to the merged contact. %1 then goes to the trash."
            ).replace("%1", other.display_name or self.tr("The other contact"))
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        merge = buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setObjectName("mergeButton")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(8)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def choices(self) -> dict[str, Any]:
        """The fields where the other contact's value was picked, with that value."""
        return {
            field: getattr(self._other, field)
            for field, group in self.groups.items()
            if group.checkedId() == 2
        }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
