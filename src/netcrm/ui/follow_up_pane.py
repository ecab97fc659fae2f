"""The follow-up pane: open follow-ups by due date; activating one opens its contact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netcrm.ui.follow_up_model import CONTACT_COLUMN, DUE_COLUMN, FollowUpModel
from netcrm.ui.icons import icon

if TYPE_CHECKING:
    from netcrm.core.model import FollowUp


#: The Later group starts collapsed when it holds more follow-ups than this (it is the long one).
LATER_EXPANDED_UP_TO = 200


class FollowUpPane(QWidget):
    """A titled tree of follow-ups grouped Overdue, Today, This week, Later."""

    contact_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpPane")
        self.model = FollowUpModel(self)
        self.model.set_overdue_icon(icon("overdue"))

        self.title = QLabel(self.tr("Follow-ups"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setContentsMargins(8, 6, 8, 4)

        self.view = QTreeView()
        self.view.setObjectName("followUpView")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setAlternatingRowColors(False)
        header = self.view.header()
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        bold = self.view.font()
        bold.setBold(True)
        due_width = QFontMetrics(bold).horizontalAdvance("0000-00-00") + 2 * self.view.indentation()
        icon_width = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        header.resizeSection(DUE_COLUMN, due_width + icon_width + 24)
        header.resizeSection(CONTACT_COLUMN, self.fontMetrics().averageCharWidth() * 22)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.activated.connect(self._on_activated)
        self.model.modelReset.connect(self._after_reset)

        self._empty = QLabel(self.tr("No open follow-ups. Enjoy the quiet."))
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.view)
        self._stack.addWidget(self._empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self._stack, 1)

    def set_follow_ups(self, items: Sequence[FollowUp], today: date, first_day_of_week: int = 1) -> None:
        """Show the open follow-ups as of `today`."""
        self.model.set_follow_ups(items, today, first_day_of_week)

    def refresh_icons(self) -> None:
        """Redraw the marks in the palette's colours (after a light/dark switch)."""
        self.model.set_overdue_icon(icon("overdue"))
        self.view.viewport().update()

    def _after_reset(self) -> None:
        root = QModelIndex()
        for row, key in enumerate(self.model.group_keys()):
            self.view.setFirstColumnSpanned(row, root, True)
            group = self.model.index(row, 0)
            if key != "later" or self.model.rowCount(group) <= LATER_EXPANDED_UP_TO:
                self.view.expand(group)  # laying out a group asks each of its items; thousands take a while
        self._stack.setCurrentIndex(0 if self.model.rowCount(root) else 1)

    def _on_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        item = self.model.follow_up_at(index)
        if item is not None:
            self.contact_activated.emit(item.contact_id)
