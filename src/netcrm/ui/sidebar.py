"""The sidebar: smart lists with live counts (All, Open networkers, Follow-ups due...), imports and tags.

Choosing an entry scopes the contact list; the window turns the entry's key into a predicate over the
list's tuples or a set of ids (never a service call per row), see `MainWindow._scope_of`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from netcrm.ui.columns import LIST_COLUMNS
from netcrm.ui.icons import icon
from netcrm.ui.plain_text import plain_tooltip

AnyIndex = QModelIndex | QPersistentModelIndex
Row = tuple[Any, ...]

ID = LIST_COLUMNS.index("id")
TAG_NAMES = LIST_COLUMNS.index("tag_names")
OPEN_NETWORKER = LIST_COLUMNS.index("open_networker")
NEXT_FOLLOW_UP = LIST_COLUMNS.index("next_follow_up")

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
TAG_SEPARATOR = "; "  # how LIST_ROWS_SQL's tag_names joins a contact's tags
OPEN_NETWORKER_TAG = "Open networker"  # core.model's name for the built-in tag (kept off the first paint)

#: The smart lists, top to bottom, and their icons.
SMART_LISTS = (
    ("all", "all_contacts"),
    ("open_networkers", "open_networker"),
    ("due", "follow_up_pane"),
    ("overdue", "overdue"),
    ("lapsed", "lapsed"),
    ("recent", "recent"),
    ("trash", "trash"),
)


@dataclass(frozen=True, slots=True)
class SidebarEntry:
    """One line: a section heading (no key) or a list the user can choose."""

    key: str  # "" for a heading; "all", "tag:Name", "batch:3"...
    title: str
    count: int | None = None
    icon_name: str = ""


@dataclass(frozen=True, slots=True)
class RowCounts:
    """What the contact rows tell about the smart lists, counted in one pass."""

    all: int
    open_networkers: int
    due: int
    overdue: int
    tags: dict[str, int]


def count_rows(rows: Sequence[Row], today: date) -> RowCounts:
    """Count contacts per smart list from the list's tuples (30 ms at 100,000 rows: a worker's, there)."""
    iso = today.isoformat()
    due = overdue = networkers = 0
    tagged: list[str] = []
    for row in rows:
        if row[OPEN_NETWORKER]:
            networkers += 1
        next_due = row[NEXT_FOLLOW_UP]
        if next_due:
            text = str(next_due)
            if text <= iso:
                due += 1
                if text < iso:
                    overdue += 1
        names = row[TAG_NAMES]
        if names:
            tagged.append(names)
    # One split of everything: Counter.update per row cost more than the rest of the loop.
    tags = Counter(TAG_SEPARATOR.join(tagged).split(TAG_SEPARATOR)) if tagged else Counter[str]()
    return RowCounts(len(rows), networkers, due, overdue, dict(tags))


def adjusted(counts: RowCounts, old: Row | None, new: Row | None, today: date) -> RowCounts:
    """Counts after one row changed (an edit), without counting every row again."""
    gone = count_rows([old] if old is not None else [], today)
    come = count_rows([new] if new is not None else [], today)
    tags = dict(counts.tags)
    for name, n in gone.tags.items():
        tags[name] = tags.get(name, 0) - n
    for name, n in come.tags.items():
        tags[name] = tags.get(name, 0) + n
    return RowCounts(
        counts.all - gone.all + come.all,
        counts.open_networkers - gone.open_networkers + come.open_networkers,
        counts.due - gone.due + come.due,
        counts.overdue - gone.overdue + come.overdue,
        {name: n for name, n in tags.items() if n > 0},
    )


def has_tag(row: Row, name: str) -> bool:
    """Whether a list row carries a tag."""
    names = row[TAG_NAMES]
    return bool(names) and name in names.split(TAG_SEPARATOR)


class SidebarModel(QAbstractListModel):
    """The sidebar's lines; headings are shown but cannot be chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = {
            "all": self.tr("All contacts"),
            "open_networkers": self.tr("Open networkers"),
            "due": self.tr("Follow-ups due"),
            "overdue": self.tr("Overdue"),
            "lapsed": self.tr("Keep-in-touch lapsed"),
            "recent": self.tr("Recently added"),
            "trash": self.tr("Trash"),
        }
        self._entries: list[SidebarEntry] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._icons: dict[str, QIcon] = {}
        self.set_counts({}, [], {})

    def set_counts(
        self,
        smart: dict[str, int],
        batches: Iterable[tuple[int, str, int]],
        tags: dict[str, int],
    ) -> None:
        """Fill the lines: counts of the smart lists by key, (id, title, count) of batches, tag counts."""
        entries = [SidebarEntry("", self.tr("Lists"))]
        entries += [SidebarEntry(key, self._titles[key], smart.get(key), name) for key, name in SMART_LISTS]
        batch_entries = [SidebarEntry(f"batch:{bid}", title, n, "import") for bid, title, n in batches]
        if batch_entries:
            entries.append(SidebarEntry("", self.tr("Recently imported")))
            entries += batch_entries
        if tags:
            entries.append(SidebarEntry("", self.tr("Tags")))
            ordered = sorted(tags.items(), key=lambda item: (item[0].casefold(), item[0]))
            entries += [SidebarEntry(f"tag:{name}", name, n, "tag") for name, n in ordered]
        if [e.key for e in entries] == [e.key for e in self._entries]:
            self._entries = entries  # same lines: repaint the counts, keep the selection
            if entries:
                self.dataChanged.emit(self.index(0), self.index(len(entries) - 1))
            return
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def refresh_icons(self) -> None:
        """Draw the icons again in the palette's colours."""
        self._icons.clear()
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def key_at(self, row: int) -> str:
        """The key of a line ("" for a heading or outside)."""
        return self._entries[row].key if 0 <= row < len(self._entries) else ""

    def row_of(self, key: str) -> int | None:
        """The line of a key, if shown."""
        for row, entry in enumerate(self._entries):
            if entry.key == key and key:
                return row
        return None

    def count_of(self, key: str) -> int | None:
        """The count shown beside a list."""
        row = self.row_of(key)
        return None if row is None else self._entries[row].count

    def list_keys(self) -> list[str]:
        """Every choosable key, top to bottom."""
        return [entry.key for entry in self._entries if entry.key]

    # -- QAbstractListModel -----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(entry.title)
        if role == KEY_ROLE:
            return entry.key
        if role == COUNT_ROLE:
            return entry.count
        if role == Qt.ItemDataRole.FontRole and not entry.key:
            return self._bold
        if role == Qt.ItemDataRole.DecorationRole and entry.icon_name:
            found = self._icons.get(entry.icon_name)
            if found is None:
                found = self._icons[entry.icon_name] = icon(entry.icon_name)
            return found
        if role == Qt.ItemDataRole.AccessibleTextRole and entry.count is not None:
            return f"{entry.title} ({entry.count})"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._entries[index.row()].key:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


class _CountDelegate(QStyledItemDelegate):
    """Paints a line as usual, with its count right-aligned in a muted colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        count = index.data(COUNT_ROLE)
        text = "" if count is None else QLocale().toString(int(count))
        metrics = opt.fontMetrics
        widget = opt.widget
        if isinstance(widget, QAbstractItemView):  # a long import file name must not push counts out of sight
            opt.rect.setRight(min(opt.rect.right(), widget.viewport().rect().right()))
        rect: QRect = opt.rect
        reserve = metrics.horizontalAdvance(text) + 16 if text else 0
        icon_room = opt.decorationSize.width() + 12
        opt.text = metrics.elidedText(
            opt.text,
            Qt.TextElideMode.ElideRight,
            max(0, rect.width() - reserve - icon_room),
        )
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, option, index)
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if not text:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.save()
        painter.setPen(opt.palette.color(role))
        painter.drawText(
            rect.adjusted(0, 0, -8, 0), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), text
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 48, hint.height() + 4)


class SidebarView(QListView):
    """The list of smart lists; tells the window which one the user chose."""

    list_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.sidebar_model = SidebarModel(self)
        self.setModel(self.sidebar_model)
        self.setItemDelegate(_CountDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long names are elided
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)  # follows a light/dark switch
        self._key = "all"
        self.sidebar_model.modelReset.connect(self._reselect)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        self._reselect()

    def current_key(self) -> str:
        """The chosen list."""
        return self._key

    def choose(self, key: str) -> bool:
        """Choose a list (as a click would); False if it is not shown."""
        row = self.sidebar_model.row_of(key)
        if row is None:
            return False
        self.selectionModel().setCurrentIndex(
            self.sidebar_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        return True

    def _reselect(self) -> None:
        """After new lines, keep the chosen list (or fall back to All if it is gone)."""
        key = self._key if self.sidebar_model.row_of(self._key) is not None else "all"
        row = self.sidebar_model.row_of(key)
        if row is not None:
            self.selectionModel().blockSignals(True)
            self.selectionModel().setCurrentIndex(
                self.sidebar_model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.selectionModel().blockSignals(False)
        if key != self._key:
            self._key = key
            self.list_chosen.emit(key)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.sidebar_model.key_at(current.row())
        if key and key != self._key:
            self._key = key
            self.list_chosen.emit(key)
