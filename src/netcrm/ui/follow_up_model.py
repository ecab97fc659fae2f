"""Open follow-ups as a two-level tree: groups by due date (Overdue, Today, This week, Later), then items."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from netcrm.ui.bidi import isolate
from netcrm.ui.plain_text import plain_tooltip

if TYPE_CHECKING:
    from netcrm.core.model import FollowUp

AnyIndex = QModelIndex | QPersistentModelIndex

GROUP_KEYS = ("overdue", "today", "this_week", "later")
COLUMNS = 3
DUE_COLUMN, CONTACT_COLUMN, NOTE_COLUMN = range(COLUMNS)

_DISPLAY = Qt.ItemDataRole.DisplayRole
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
_ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_GROUP = 0  # internal id of a group row; an item's internal id is its group's row + 1


@dataclass(frozen=True, slots=True)
class FollowUpGroup:
    """Follow-ups that fall in one stretch of days."""

    key: str
    items: tuple[FollowUp, ...]


def grouped(items: Sequence[FollowUp], today: date, first_day_of_week: int = 1) -> list[FollowUpGroup]:
    """Split follow-ups into the non-empty groups of GROUP_KEYS, each by due date.

    `first_day_of_week` is ISO (1 Monday ... 7 Sunday), as the user's locale says; "this week" ends on
    the day before the next first day of the week.
    """
    last_day = (first_day_of_week - 2) % 7 + 1
    week_end = today + timedelta(days=(last_day - today.isoweekday()) % 7)
    buckets: dict[str, list[FollowUp]] = {key: [] for key in GROUP_KEYS}
    for item in sorted(items, key=attrgetter("due")):  # stable: the services' order within a day stays
        if item.due < today:
            buckets["overdue"].append(item)
        elif item.due == today:
            buckets["today"].append(item)
        elif item.due <= week_end:
            buckets["this_week"].append(item)
        else:
            buckets["later"].append(item)
    return [FollowUpGroup(key, tuple(found)) for key, found in buckets.items() if found]


class FollowUpModel(QAbstractItemModel):
    """Groups at the top level, follow-ups below them; columns Due, Contact, Note, all plain text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = {
            "overdue": self.tr("Overdue"),
            "today": self.tr("Today"),
            "this_week": self.tr("This week"),
            "later": self.tr("Later"),
        }
        self._headers = (self.tr("Due"), self.tr("Contact"), self.tr("Note"))
        self._groups: list[FollowUpGroup] = []
        self._today = date.min
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue_icon = QIcon()

    def set_follow_ups(self, items: Sequence[FollowUp], today: date, first_day_of_week: int = 1) -> None:
        """Show these open follow-ups, grouped as of `today`."""
        self.beginResetModel()
        self._today = today
        self._groups = grouped(items, today, first_day_of_week)
        self.endResetModel()

    def set_overdue_icon(self, overdue: QIcon) -> None:
        """The mark of an overdue follow-up (it follows the palette, so it changes)."""
        self._overdue_icon = overdue

    def follow_up_at(self, index: AnyIndex) -> FollowUp | None:
        """The follow-up in a row, or None for a group row."""
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[index.internalId() - 1].items[index.row()]

    def all_items(self) -> list[FollowUp]:
        """Every follow-up shown, top to bottom."""
        return [item for group in self._groups for item in group.items]

    def today(self) -> date:
        """The day the groups are reckoned from."""
        return self._today

    def group_keys(self) -> list[str]:
        """The keys of the groups shown, top to bottom."""
        return [group.key for group in self._groups]

    def item_count(self) -> int:
        """How many follow-ups are shown."""
        return sum(len(group.items) for group in self._groups)

    # -- QAbstractItemModel -----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < COLUMNS or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _GROUP or parent.column() != 0:
            return QModelIndex()
        group = parent.row()
        if row >= len(self._groups[group].items):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()].items)
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == _GROUP:
            group = self._groups[index.row()]
            if role == _DISPLAY and column == 0:
                return f"{self._titles[group.key]} ({len(group.items)})"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        item = self._groups[index.internalId() - 1].items[index.row()]
        overdue = item.due < self._today
        if role == _DISPLAY:
            if column == DUE_COLUMN:
                return item.due.isoformat()
            return isolate(item.contact_name if column == CONTACT_COLUMN else item.note)
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE_COLUMN and item.note:
            return plain_tooltip(isolate(item.note))
        if role == Qt.ItemDataRole.FontRole and column == DUE_COLUMN and overdue:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and column == DUE_COLUMN and overdue:
            return self._overdue_icon
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMNS:
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _GROUP_FLAGS if index.internalId() == _GROUP else _ITEM_FLAGS
