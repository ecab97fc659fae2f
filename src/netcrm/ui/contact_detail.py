"""The detail pane: every field of the selected contact, its follow-ups and its timeline (read-only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netcrm.ui.icons import icon
from netcrm.ui.links import open_link, safe_url
from netcrm.ui.loaders import ContactDetail
from netcrm.ui.plain_text import ElidedLabel, plain_label

if TYPE_CHECKING:  # records are only annotations here; the core model stays off the first-paint path
    from netcrm.core.model import Contact, FollowUp, Interaction

#: The form's rows, in the order shown.
FIELD_KEYS = (
    "emails",
    "phones",
    "company",
    "position",
    "location",
    "linkedin",
    "degree",
    "connected_on",
    "tags",
    "open_networker",
    "next_follow_up",
    "last_contacted",
    "cadence",
    "introduced_by",
    "source",
    "notes",
)
EMPTY = "—"


class ContactDetailPane(QWidget):
    """Shows one contact; every value from data is a plain-text label, so nothing in it is interpreted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetailPane")
        self.contact_id: int | None = None
        self._linkedin_url = ""
        self._stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        self._placeholder = QLabel(self.tr("Select a contact to see everything about them here."))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._placeholder.setContentsMargins(24, 24, 24, 24)
        self._stack.addWidget(self._placeholder)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._stack.addWidget(scroll)
        content = _WrappedContent()
        scroll.setWidget(content)
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 12, 16, 16)
        body.setSpacing(6)

        self.name_label = plain_label()
        self.name_label.setObjectName("contactName")
        heading = self.name_label.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.5)
        heading.setBold(True)
        self.name_label.setFont(heading)
        self.name_label.setWordWrap(True)
        body.addWidget(self.name_label)
        self.headline_label = plain_label()
        self.headline_label.setWordWrap(True)
        self.headline_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        body.addWidget(self.headline_label)
        body.addSpacing(8)

        form = QGridLayout()  # not QFormLayout: its height-for-width clips wrapped values
        form.setColumnStretch(1, 1)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(4)
        title_alignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        titles = {
            "emails": self.tr("E-mail"),
            "phones": self.tr("Phone"),
            "company": self.tr("Company"),
            "position": self.tr("Position"),
            "location": self.tr("Location"),
            "linkedin": self.tr("LinkedIn"),
            "degree": self.tr("Degree"),
            "connected_on": self.tr("Connected on"),
            "tags": self.tr("Tags"),
            "open_networker": self.tr("Open networker"),
            "next_follow_up": self.tr("Next follow-up"),
            "last_contacted": self.tr("Last contacted"),
            "cadence": self.tr("Keep in touch"),
            "introduced_by": self.tr("Introduced by"),
            "source": self.tr("Source"),
            "notes": self.tr("Notes"),
        }
        self._fields: dict[str, QLabel] = {}
        for line, key in enumerate(FIELD_KEYS):
            if key == "linkedin":
                value: QLabel = ElidedLabel()
            else:
                value = plain_label()
                value.setWordWrap(True)
                value.setMinimumWidth(1)  # wraps; long words never widen the pane
            self._fields[key] = value
            title = QLabel(titles[key])
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            if key == "linkedin":
                self._open_link_button = QToolButton()
                self._open_link_button.setIcon(icon("open_link"))
                self._open_link_button.setAutoRaise(True)
                self._open_link_button.setToolTip(self.tr("Open the profile in your browser"))
                self._open_link_button.clicked.connect(self.open_linkedin)
                row = QHBoxLayout()
                row.setSpacing(4)
                row.addWidget(value, 1)
                row.addWidget(self._open_link_button, 0, Qt.AlignmentFlag.AlignTop)
                form.addLayout(row, line, 1)
            else:
                form.addWidget(value, line, 1)
            form.addWidget(title, line, 0, title_alignment)
        body.addLayout(form)

        self._follow_ups_title = self._section_title(self.tr("Follow-ups"))
        body.addWidget(self._follow_ups_title)
        self._follow_ups_box = QVBoxLayout()
        self._follow_ups_box.setSpacing(2)
        body.addLayout(self._follow_ups_box)
        self._timeline_title = self._section_title(self.tr("Timeline"))
        body.addWidget(self._timeline_title)
        self._timeline_box = QVBoxLayout()
        self._timeline_box.setSpacing(2)
        body.addLayout(self._timeline_box)
        body.addStretch(1)
        self.clear()

    # -- what it shows ----------------------------------------------------------------------------

    def clear(self) -> None:
        """Show the hint that asks for a selection."""
        self.contact_id = None
        self._stack.setCurrentIndex(0)

    def show_detail(self, detail: ContactDetail, today: date) -> None:
        """Show one contact and what belongs to it."""
        contact = detail.contact
        self.contact_id = contact.id
        self.name_label.setText(contact.display_name or self.tr("(no name)"))
        self.headline_label.setText(" · ".join(part for part in (contact.position, contact.company) if part))
        self.headline_label.setVisible(bool(contact.position or contact.company))
        self._linkedin_url = contact.linkedin_url
        self._open_link_button.setEnabled(safe_url(contact.linkedin_url) is not None)
        self._open_link_button.setVisible(bool(contact.linkedin_url))
        for key, text in self._field_texts(contact, detail.introduced_by).items():
            self._set_field(key, text)
        self._fill(
            self._follow_ups_box,
            [self._follow_up_text(item, today) for item in detail.follow_ups],
            self.tr("No follow-ups."),
        )
        self._fill(
            self._timeline_box,
            [self._interaction_text(item) for item in detail.interactions],
            self.tr("Nothing logged yet."),
        )
        self._stack.setCurrentIndex(1)

    def field_label(self, key: str) -> QLabel:
        """The label showing one of FIELD_KEYS (for tests and accessibility tools)."""
        return self._fields[key]

    def section_labels(self) -> list[QLabel]:
        """The labels of the follow-up and timeline sections, in order."""
        labels: list[QLabel] = []
        for box in (self._follow_ups_box, self._timeline_box):
            for i in range(box.count()):
                item = box.itemAt(i)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    labels.append(widget)
        return labels

    def open_linkedin(self) -> bool:
        """Open the contact's LinkedIn profile in the browser (only http and https links ever open)."""
        url = safe_url(self._linkedin_url)
        return url is not None and url.scheme().lower() in ("http", "https") and open_link(self._linkedin_url)

    # -- helpers ----------------------------------------------------------------------------------

    def _field_texts(self, contact: Contact, introduced_by: str | None) -> dict[str, str]:
        degrees = {1: self.tr("1st"), 2: self.tr("2nd"), 3: self.tr("3rd")}
        cadence = ""
        if contact.cadence_days:
            cadence = self.tr("every %1 days").replace("%1", str(contact.cadence_days))
        return {
            "emails": "\n".join(contact.emails),
            "phones": "\n".join(contact.phones),
            "company": contact.company,
            "position": contact.position,
            "location": contact.location,
            "linkedin": contact.linkedin_url,
            "degree": degrees.get(contact.degree, str(contact.degree)),
            "connected_on": _day(contact.connected_on),
            "tags": ", ".join(contact.tags),
            "open_networker": self._open_networker_text(contact),
            "next_follow_up": _day(contact.next_follow_up),
            "last_contacted": _day(contact.last_contacted),
            "cadence": cadence,
            "introduced_by": introduced_by or "",
            "source": contact.source,
            "notes": contact.notes,
        }

    def _open_networker_text(self, contact: Contact) -> str:
        if not contact.open_networker:
            return self.tr("No (you decided)") if contact.open_networker_verdict == "no" else self.tr("No")
        by = self.tr("marked by you") if contact.open_networker_by == "user" else self.tr("detected")
        if contact.open_networker_reason and contact.open_networker_by != "user":
            return self.tr("Yes, %1: %2").replace("%1", by).replace("%2", contact.open_networker_reason)
        return self.tr("Yes, %1").replace("%1", by)

    def _follow_up_text(self, item: FollowUp, today: date) -> str:
        parts = [item.due.isoformat()]
        if item.due_time is not None:
            parts[0] += " " + item.due_time.strftime("%H:%M")
        parts.append(item.note or self.tr("(no note)"))
        if item.recurrence:
            parts.append(self.tr("repeats every %1").replace("%1", item.recurrence))
        if item.status == "done":
            parts.append(self.tr("done"))
        elif item.due < today:
            parts.append(self.tr("overdue"))
        elif item.status == "snoozed":
            parts.append(self.tr("snoozed"))
        return " · ".join(parts)

    def _interaction_text(self, item: Interaction) -> str:
        kinds = {
            "message": self.tr("Message"),
            "call": self.tr("Call"),
            "meeting": self.tr("Meeting"),
            "email": self.tr("E-mail"),
            "introduction": self.tr("Introduction"),
            "note": self.tr("Note"),
        }
        parts = [item.occurred_on.isoformat(), kinds.get(item.kind, item.kind)]
        if item.summary:
            parts.append(item.summary)
        return " · ".join(parts)

    def _set_field(self, key: str, text: str) -> None:
        label = self._fields[key]
        label.setText(text or EMPTY)
        label.setForegroundRole(QPalette.ColorRole.WindowText if text else QPalette.ColorRole.PlaceholderText)

    def _fill(self, box: QVBoxLayout, lines: Sequence[str], empty: str) -> None:
        while box.count():
            item = box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for line in lines or [empty]:
            label = plain_label(line)
            label.setWordWrap(True)
            label.setMinimumWidth(1)
            if not lines:
                label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            box.addWidget(label)

    def _section_title(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 12, 0, 2)
        return label


class _WrappedContent(QWidget):
    """The scrolled page: as tall as its wrapped labels need at its width.

    QScrollArea sizes its widget from size hints that assume unwrapped lines, which squeezed a wrapped
    value into one clipped line; asking the layout for its height at the actual width fixes that.
    """

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return handled

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(self.width())
            if height != self.minimumHeight():
                self.setMinimumHeight(height)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""
