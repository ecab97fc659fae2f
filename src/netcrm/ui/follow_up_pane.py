"""The follow-up pane: open follow-ups by due date; mark done, snooze, reschedule or open the contact.

Actions work from the context menu and from keys on the list (Return opens the contact, D marks done,
S snoozes to tomorrow, W to next week, R reschedules); the pane only asks, the window does the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from netcrm.ui.follow_up_model import CONTACT_COLUMN, DUE_COLUMN, FollowUpModel
from netcrm.ui.icons import icon

if TYPE_CHECKING:
    from netcrm.core.changes import Changes
    from netcrm.core.model import FollowUp
    from netcrm.core.services import Services


#: The Later group starts collapsed when it holds more follow-ups than this (it is the long one).
LATER_EXPANDED_UP_TO = 200


class FollowUpPane(QWidget):
    """A titled tree of follow-ups grouped Overdue, Today, This week, Later."""

    contact_activated = Signal(int)
    done_requested = Signal(int)  # follow-up id
    snooze_requested = Signal(int, object)  # follow-up id, the new day (a date)
    reschedule_requested = Signal(int, object)  # follow-up id, the new day (a date)

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
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._make_actions()
        self.model.modelReset.connect(self._after_reset)
        self.model.modelAboutToBeReset.connect(self._keep_place)
        self._kept_place: tuple[int, int] | None = None

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

    def apply_changes(self, changes: Changes, services: Services) -> None:
        """Re-read the open follow-ups of the contacts a change touched and swap just those rows (a done
        or snoozed follow-up at 100,000 contacts: one contact's follow-ups, not all 4,000)."""
        ids = sorted(changes.contact_ids)
        if ids:
            items = [item for cid in ids for item in services.list_follow_ups(contact_id=cid)]
            self.model.replace_contacts(ids, items)
            self._stack.setCurrentIndex(0 if self.model.rowCount() else 1)

    def refresh_icons(self) -> None:
        """Redraw the marks in the palette's colours (after a light/dark switch)."""
        self.model.set_overdue_icon(icon("overdue"))
        for action, name in (
            (self.open_action, "open_contact"),
            (self.done_action, "done"),
            (self.tomorrow_action, "snooze"),
            (self.next_week_action, "snooze"),
            (self.snooze_date_action, "snooze"),
            (self.reschedule_action, "reschedule"),
        ):
            action.setIcon(icon(name))
        self.view.viewport().update()

    def _after_reset(self) -> None:
        root = QModelIndex()
        kept, self._kept_place = self._kept_place, None
        for row, key in enumerate(self.model.group_keys()):
            self.view.setFirstColumnSpanned(row, root, True)
            group = self.model.index(row, 0)
            if self.model.hidden_count(row):
                self.view.setFirstColumnSpanned(self.model.rowCount(group) - 1, group, True)
            if key != "later" or self.model.held_count(row) <= LATER_EXPANDED_UP_TO:
                self.view.expand(group)  # laying out a group asks each of its items; thousands take a while
        self._stack.setCurrentIndex(0 if self.model.rowCount(root) else 1)
        if kept is not None and self.model.rowCount(root):  # the keyboard stays where it was
            group = self.model.index(min(kept[0], self.model.rowCount(root) - 1), 0)
            count = self.model.rowCount(group)
            self.view.setCurrentIndex(self.model.index(min(kept[1], count - 1), 0, group) if count else group)

    # -- actions ----------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def make(name: str, text: str, key: str, slot: object) -> QAction:
            action = QAction(icon(name), text, self.view)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
            return action

        self.open_action = make("open_contact", self.tr("&Open contact"), "Return", self._open_current)
        self.open_action.setShortcut(QKeySequence())  # Return is the view's own `activated`
        self.done_action = make("done", self.tr("Mark &done"), "D", self._done)
        self.tomorrow_action = make("snooze", self.tr("Snooze until &tomorrow"), "S", self._snooze_tomorrow)
        self.next_week_action = make("snooze", self.tr("Snooze until &next week"), "W", self._snooze_week)
        self.snooze_date_action = make(
            "snooze", self.tr("Snooze until a &date…"), "Shift+S", self._snooze_date
        )
        self.reschedule_action = make("reschedule", self.tr("&Reschedule…"), "R", self._reschedule)

    def current_follow_up(self) -> FollowUp | None:
        """The follow-up of the current row (None on a group row)."""
        return self.model.follow_up_at(self.view.currentIndex())

    def pick_date(self, title: str, initial: date) -> date | None:
        """Ask for a day in a small calendar dialog; None if cancelled."""
        dialog = QDialog(self)
        dialog.setObjectName("pickDateDialog")
        dialog.setWindowTitle(title)
        calendar = QCalendarWidget(dialog)
        calendar.setSelectedDate(QDate(initial.year, initial.month, initial.day))
        calendar.setGridVisible(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        calendar.activated.connect(lambda _d: dialog.accept())
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        chosen = calendar.selectedDate()
        return date(chosen.year(), chosen.month(), chosen.day())

    def _keep_place(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and index.parent().isValid():
            self._kept_place = (index.parent().row(), index.row())

    def _today(self) -> date:
        return self.model.today()

    def _open_current(self) -> None:
        self._on_activated(self.view.currentIndex())

    def _done(self) -> None:
        item = self.current_follow_up()
        if item is not None:
            self.done_requested.emit(item.id)

    def _snooze_tomorrow(self) -> None:
        item = self.current_follow_up()
        if item is not None:
            self.snooze_requested.emit(item.id, self._today() + timedelta(days=1))

    def _snooze_week(self) -> None:
        item = self.current_follow_up()
        if item is not None:
            self.snooze_requested.emit(item.id, self._today() + timedelta(days=7))

    def _snooze_date(self) -> None:
        item = self.current_follow_up()
        if item is None:
            return
        chosen = self.pick_date(self.tr("Snooze until"), self._today() + timedelta(days=1))
        if chosen is not None:
            self.snooze_requested.emit(item.id, chosen)

    def _reschedule(self) -> None:
        item = self.current_follow_up()
        if item is None:
            return
        chosen = self.pick_date(self.tr("Reschedule"), item.due)
        if chosen is not None:
            self.reschedule_requested.emit(item.id, chosen)

    def _context_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if self.model.follow_up_at(index) is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addAction(self.done_action)
        snooze = menu.addMenu(icon("snooze"), self.tr("&Snooze"))
        snooze.addAction(self.tomorrow_action)
        snooze.addAction(self.next_week_action)
        snooze.addAction(self.snooze_date_action)
        menu.addAction(self.reschedule_action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _on_activated(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if self.model.is_more_row(index):
            self.model.show_all(index.parent().row())
            return
        item = self.model.follow_up_at(index)
        if item is not None:
            self.contact_activated.emit(item.contact_id)
