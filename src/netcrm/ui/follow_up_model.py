"""Open follow-ups as a two-level tree: groups by due date (Overdue, Today, This week, Later), then items."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
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
#: A group shows this many follow-ups, then a "Show N more" row. A tree view lays out every item of its
#: expanded groups again after any row comes or goes (its Python `index` and `flags` per item): at 1,600
#: shown follow-ups that took 50 ms after each done or snooze (three frames) on a busy machine.
SHOWN_PER_GROUP = 50


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
        self._first_day = 1
        self._all_shown: set[str] = set()  # groups whose "Show N more" the user chose
        self._bold = QFont()
        self._bold.setBold(True)
        self._overdue_icon = QIcon()

    def set_follow_ups(self, items: Sequence[FollowUp], today: date, first_day_of_week: int = 1) -> None:
        """Show these open follow-ups, grouped as of `today`."""
        self.beginResetModel()
        self._today = today
        self._first_day = first_day_of_week
        self._groups = grouped(items, today, first_day_of_week)
        self.endResetModel()

    def _limit(self, group: FollowUpGroup) -> int:
        return len(group.items) if group.key in self._all_shown else min(len(group.items), SHOWN_PER_GROUP)

    def due_counts(self) -> tuple[int, int]:
        """How many follow-ups are overdue, and how many are due today or earlier."""
        held = {group.key: len(group.items) for group in self._groups}
        return held.get("overdue", 0), held.get("overdue", 0) + held.get("today", 0)

    def held_count(self, group_row: int) -> int:
        """How many follow-ups a group holds, shown or not."""
        return len(self._groups[group_row].items)

    def hidden_count(self, group_row: int) -> int:
        """How many follow-ups of a group wait behind its "Show N more" row."""
        group = self._groups[group_row]
        return len(group.items) - self._limit(group)

    def is_more_row(self, index: AnyIndex) -> bool:
        """True for a group's "Show N more" row."""
        if not index.isValid() or index.internalId() == _GROUP:
            return False
        return index.row() >= self._limit(self._groups[index.internalId() - 1])

    def show_all(self, group_row: int) -> None:
        """Show every follow-up of a group (its "Show N more" row was chosen)."""
        self._all_shown.add(self._groups[group_row].key)
        self.set_follow_ups(self.all_items(), self._today, self._first_day)

    def replace_contacts(self, contact_ids: Collection[int], items: Sequence[FollowUp]) -> None:
        """Swap the follow-ups shown for some contacts for `items` (their open ones now), row by row.

        After one follow-up is added, done or snoozed, the other thousands of rows are neither rebuilt nor
        laid out again and the view keeps its current row. Only when a group appears or empties (its
        items' internal ids would shift) is the model reset.
        """
        wanted = set(contact_ids)
        incoming = {group.key: group.items for group in grouped(items, self._today, self._first_day)}
        kept = {g.key: [i for i in g.items if i.contact_id not in wanted] for g in self._groups}
        after = [key for key in GROUP_KEYS if kept.get(key) or incoming.get(key)]
        capped = any(self.hidden_count(row) for row in range(len(self._groups)))
        if after != self.group_keys() or capped:  # a capped group's rows shift behind its "more" row
            rest = [item for group in kept.values() for item in group]
            self.set_follow_ups([*rest, *items], self._today, self._first_day)
            return
        for row, group in enumerate(self._groups):
            shown = list(group.items)
            for number in range(len(shown) - 1, -1, -1):
                if shown[number].contact_id in wanted:
                    self.beginRemoveRows(self.index(row, 0), number, number)
                    del shown[number]
                    self._groups[row] = FollowUpGroup(group.key, tuple(shown))
                    self.endRemoveRows()
            for item in incoming.get(group.key, ()):
                number = bisect_right([i.due for i in shown], item.due)
                self.beginInsertRows(self.index(row, 0), number, number)
                shown.insert(number, item)
                self._groups[row] = FollowUpGroup(group.key, tuple(shown))
                self.endInsertRows()
            if len(shown) != len(group.items) or group.key in incoming:
                title = self.index(row, 0)
                self.dataChanged.emit(title, title)  # "Today (3)": its count

    def set_overdue_icon(self, overdue: QIcon) -> None:
        """The mark of an overdue follow-up (it follows the palette, so it changes)."""
        self._overdue_icon = overdue

    def follow_up_at(self, index: AnyIndex) -> FollowUp | None:
        """The follow-up in a row, or None for a group row."""
        if not index.isValid() or index.internalId() == _GROUP or self.is_more_row(index):
            return None
        return self._groups[index.internalId() - 1].items[index.row()]

    def all_items(self) -> list[FollowUp]:
        """Every follow-up the pane holds, top to bottom (those behind a "Show N more" row too)."""
        return [item for group in self._groups for item in group.items]

    def today(self) -> date:
        """The day the groups are reckoned from."""
        return self._today

    def group_keys(self) -> list[str]:
        """The keys of the groups shown, top to bottom."""
        return [group.key for group in self._groups]

    def item_count(self) -> int:
        """How many follow-ups the pane holds (those behind a "Show N more" row too)."""
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
        if row >= self.rowCount(parent):
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
            group = self._groups[parent.row()]
            shown = self._limit(group)
            return shown + (1 if shown < len(group.items) else 0)
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
        if self.is_more_row(index):
            if role == _DISPLAY and column == 0:
                hidden = self.hidden_count(index.internalId() - 1)
                return self.tr("Show %n more…", "", hidden)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Press Enter or double-click to show every follow-up of this group")
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
