"""The contact list's item model: 100,000 rows of plain tuples, filtered and sorted in Python.

PERF.md section 4 rules out QSortFilterProxyModel here (2 s a keystroke, 7 s a sort at 100k rows), so this
one thin model keeps the rows of `Services.list_rows()` untouched and shows them through a list of row
numbers: filtering scans the precomputed, folded `search_key` column, and sorting reorders row numbers.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from datetime import date
from itertools import compress
from operator import itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QIcon

from netcrm.core.rules import fold, sort_key
from netcrm.ui.bidi import isolate
from netcrm.ui.columns import LIST_COLUMNS
from netcrm.ui.plain_text import plain_tooltip

Row = tuple[Any, ...]
AnyIndex = QModelIndex | QPersistentModelIndex

ID = LIST_COLUMNS.index("id")
SEARCH_KEY = LIST_COLUMNS.index("search_key")
OPEN_NETWORKER = LIST_COLUMNS.index("open_networker")
NEXT_FOLLOW_UP = LIST_COLUMNS.index("next_follow_up")

#: The shown columns, by the LIST_COLUMNS field each one displays.
FIELDS = (
    "display_name",
    "company",
    "position",
    "primary_email",
    "location",
    "connected_on",
    "tag_names",
    "open_networker",
    "next_follow_up",
)
NAME_COLUMN = FIELDS.index("display_name")
NEXT_FOLLOW_UP_COLUMN = FIELDS.index("next_follow_up")
OPEN_NETWORKER_COLUMN = FIELDS.index("open_networker")
_FIELD_INDEXES = tuple(LIST_COLUMNS.index(name) for name in FIELDS)

_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_FONT = Qt.ItemDataRole.FontRole


class Ranking:
    """Rows sorted by one column: the non-empty rows in order, the empty ones, and each row's place."""

    __slots__ = ("_rank", "ascending", "empty")

    def __init__(self, ascending: array[int], empty: array[int]) -> None:
        self.ascending = ascending
        self.empty = empty
        self._rank: array[int] | None = None

    def rank(self) -> array[int]:
        """Each row's place in `ascending` (-1 when empty); only sorting a filtered list needs it."""
        if self._rank is None:
            self._rank = array("i", [-1]) * (len(self.ascending) + len(self.empty))
            for place, number in enumerate(self.ascending):
                self._rank[number] = place
        return self._rank


def _sort_key(value: object) -> str:
    """How a value sorts: folded text ("" for empty, which sorts last), as `contact.sort_name` holds names."""
    return sort_key(str(value)) if value else ""


def name_ranking(rows: Sequence[Row], name_order: Sequence[int]) -> Ranking:
    """The name column's ranking from the database's name order (ids), without folding a name.

    Pure Python over plain tuples, so a worker can build it while the window is already painted; it
    equals what sorting by the name column computes, because `sort_name` is `rules.sort_key(name)`.
    """
    position = {row[ID]: number for number, row in enumerate(rows)}
    ascending = array("i", [position[i] for i in name_order if i in position])
    named = bytearray(len(rows))
    for number in ascending:
        named[number] = 1
    return Ranking(ascending, array("i", [n for n, flag in enumerate(named) if not flag]))


class ContactTableModel(QAbstractTableModel):
    """Contacts as rows of the list; every value is shown as plain text (DisplayRole strings only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = (
            self.tr("Name"),
            self.tr("Company"),
            self.tr("Position"),
            self.tr("E-mail"),
            self.tr("Location"),
            self.tr("Connected on"),
            self.tr("Tags"),
            self.tr("Open networker"),
            self.tr("Next follow-up"),
        )
        self._yes = self.tr("Yes")
        self._rows: list[Row] = []
        self._keys: list[str] = []  # search_key of each row, by row number
        self._order: Sequence[int] = range(0)  # every row number, in the current sort order
        self._order_stale = False  # `_order` lags the sort column (only the visible rows were re-sorted)
        self._visible: Sequence[int] = self._order  # the rows shown, a subsequence of `_order`
        self._words: list[str] = []  # the folded words of the current query
        self._scope: Callable[[Row], bool] | None = None  # the sidebar's smart list, a predicate over rows
        self._mask: bytearray | None = None  # the scope's verdict on each row, by row number
        self._scope_ids: frozenset[int] | set[int] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._today = ""
        self._rankings: dict[int, Ranking] = {}
        # The rows shown before the last set_rows (the live list while the trash is shown), with their
        # search keys and sort orders, so that going back costs no re-sort (90 ms at 100,000 rows).
        self._parked: tuple[list[Row], list[str], dict[int, Ranking]] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._open_networker_icon = QIcon()
        self._overdue_icon = QIcon()

    # -- data in ----------------------------------------------------------------------------------

    def set_rows(self, rows: list[Row], today: date, names: Ranking | None = None) -> None:
        """Show new rows (the list of tuples is kept, not copied), keeping the current query and sort.

        `names`, from `name_ranking` over these very rows, spares sorting them by name here.
        """
        self.beginResetModel()
        parked = self._parked
        self._parked = (self._rows, self._keys, dict(self._rankings))
        if parked is not None and parked[0] is rows:  # back from the trash: the orders still hold
            self._rows, self._keys, self._rankings = parked
        else:
            self._rows = rows
            self._keys = [row[SEARCH_KEY] or "" for row in rows]
            self._rankings.clear()
        self._today = today.isoformat()
        if names is not None:
            self._rankings[NAME_COLUMN] = names
        self._mask = self._masked()
        self._order = self._sorted(range(len(rows)))
        self._order_stale = False
        self._visible = self._filtered(self._order, self._words)
        self.endResetModel()

    def set_icons(self, open_networker: QIcon, overdue: QIcon) -> None:
        """Icons marking open networkers and overdue follow-ups (drawn in palette colours, so they change)."""
        self._open_networker_icon = open_networker
        self._overdue_icon = overdue
        if self._visible:
            last = self.index(len(self._visible) - 1, len(FIELDS) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [_DECORATION])

    # -- filtering --------------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Show the rows whose search key contains every word of `text` (case- and accent-insensitive)."""
        words = fold(text).split()
        if words == self._words:
            return
        narrowing = bool(self._words) and all(any(old in new for new in words) for old in self._words)
        self._refilter(words, narrowing)

    def set_scope(self, scope: Callable[[Row], bool] | Collection[int] | None) -> None:
        """Show only the rows a smart list holds: a predicate over rows, a set of contact ids, or all (None).

        The search then narrows within it; both run in one pass over plain tuples, never a service call.
        """
        self._scope_ids = None
        if scope is None or callable(scope):
            self._scope = scope
        else:
            ids = scope if isinstance(scope, (set, frozenset)) else frozenset(scope)
            self._scope = lambda row: row[ID] in ids
            self._scope_ids = ids
        self._mask = self._masked()
        self._refilter(self._words, narrowing=False)

    def _masked(self) -> bytearray | None:
        """The scope's verdict on every row, computed once per scope and rows (C-level loops)."""
        if self._scope is None:
            return None
        if self._scope_ids is not None:
            return bytearray(map(self._scope_ids.__contains__, map(itemgetter(ID), self._rows)))
        return bytearray(map(bool, map(self._scope, self._rows)))

    def has_scope(self) -> bool:
        """True when a smart list narrows the rows."""
        return self._scope is not None

    def update_row(self, row: Row) -> bool:
        """Replace one contact's row in place (after an edit) and repaint it; False if the list lacks it."""
        number = self._number_of(int(row[ID]))
        if number is None:
            return False
        self._rows[number] = row
        self._keys[number] = row[SEARCH_KEY] or ""
        if self._mask is not None and self._scope is not None:
            self._mask[number] = bool(self._scope(row))
        self._rankings.clear()  # the sort keys may have changed; rebuilt on the next sort
        try:
            shown = self._visible.index(number)
        except ValueError:
            return True
        self.dataChanged.emit(self.index(shown, 0), self.index(shown, len(FIELDS) - 1))
        return True

    def rows(self) -> list[Row]:
        """Every row the model holds, unfiltered (the list is shared, not copied)."""
        return self._rows

    def _refilter(self, words: list[str], narrowing: bool) -> None:
        if narrowing:
            source = self._visible  # every row the new query matches also matched the previous one
        else:
            if self._order_stale:
                self._order = self._sorted(range(len(self._rows)))
                self._order_stale = False
            source = self._order
        self.beginResetModel()
        self._words = words
        self._visible = self._filtered(source, words, scoped=narrowing)
        self.endResetModel()

    def query_words(self) -> list[str]:
        """The folded words the list is filtered by (empty when it is not)."""
        return list(self._words)

    def _filtered(self, source: Sequence[int], words: list[str], scoped: bool = False) -> Sequence[int]:
        keys = self._keys
        mask = self._mask
        if mask is not None and not scoped:  # `scoped`: the source holds only rows of the scope already
            source = list(compress(source, map(mask.__getitem__, source)))
        for word in words:
            source = [i for i in source if word in keys[i]]
        return source

    # -- sorting ----------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: database order): text folded, ISO dates as text, empty values last."""
        if not -1 <= column < len(FIELDS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        row_numbers = [self._visible[index.row()] for index in persistent]
        self._sort_column, self._sort_order = column, order
        if self._visible is self._order:
            self._order = self._visible = self._sorted(range(len(self._rows)))
            self._order_stale = False
        else:  # filtered: sort only what is shown; the full order catches up when the filter widens
            self._visible = self._sorted(self._visible)
            self._order_stale = True
        if persistent:
            position = {n: r for r, n in enumerate(self._visible)} if len(persistent) > 64 else None
            moved = [
                self.index(position[n] if position is not None else self._visible.index(n), index.column())
                for index, n in zip(persistent, row_numbers, strict=True)
            ]
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def sort_column(self) -> int:
        """The column the rows are sorted by (-1: database order)."""
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        """The direction of the sort."""
        return self._sort_order

    def _sorted(self, numbers: Sequence[int]) -> Sequence[int]:
        """Row numbers in the current sort order; equal values keep database order (ascending row number)."""
        if self._sort_column < 0:
            return numbers if isinstance(numbers, range) else sorted(numbers)
        ranking = self._ranking(self._sort_column)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if len(numbers) == len(self._rows):  # every row: the ranking holds the order (as compact ints)
            return (ranking.ascending[::-1] if descending else ranking.ascending) + ranking.empty
        rank = ranking.rank()
        shown = [i for i in numbers if rank[i] >= 0]
        shown.sort(key=rank.__getitem__, reverse=descending)
        return shown + sorted(i for i in numbers if rank[i] < 0)

    def _ranking(self, column: int) -> Ranking:
        """The order of every row by a column, computed once per column and kept (4 to 8 bytes a row).

        Values compare folded (`Łukasz` sorts with L, `Émile` with E), as search matches them. Each
        distinct value is folded once and the distinct keys sorted; rows then sort by their key's place,
        an int (comparing ints instead of strings makes a cold sort at 100,000 rows a third faster).
        """
        found = self._rankings.get(column)
        if found is not None:
            return found
        field = _FIELD_INDEXES[column]
        folded = {value: _sort_key(value) for value in {row[field] for row in self._rows}}
        place = {key: n for n, key in enumerate(sorted(set(folded.values())))}  # "" (empty) comes first
        rank_of = {value: place[key] for value, key in folded.items()}
        ranks = [rank_of[row[field]] for row in self._rows]
        order = sorted(range(len(ranks)), key=ranks.__getitem__)  # stable: equal keys keep row order
        empty = ranks.count(0) if "" in place else 0
        ranking = Ranking(array("i", order[empty:]), array("i", order[:empty]))
        self._rankings[column] = ranking
        return ranking

    # -- lookups ----------------------------------------------------------------------------------

    def contact_id(self, row: int) -> int:
        """The id of the contact shown in a row."""
        return int(self._rows[self._visible[row]][ID])

    def _number_of(self, contact_id: int) -> int | None:
        """The position of a contact's row in the unfiltered rows."""
        number = bisect_left(self._rows, contact_id, key=itemgetter(ID))  # rows come ordered by id
        if number >= len(self._rows) or self._rows[number][ID] != contact_id:
            found = [n for n, row in enumerate(self._rows) if row[ID] == contact_id]
            return found[0] if found else None
        return number

    def row_for(self, contact_id: int) -> Row | None:
        """The row tuple of a contact the model holds (shown or filtered out)."""
        number = self._number_of(contact_id)
        return None if number is None else self._rows[number]

    def row_of(self, contact_id: int) -> int | None:
        """The row showing a contact, or None if it is not shown (filtered out or unknown)."""
        number = self._number_of(contact_id)
        if number is None:
            return None
        if isinstance(self._visible, range):
            return number if number in self._visible else None
        try:
            return self._visible.index(number)
        except ValueError:
            return None

    def rows_showing(self, ids: set[int]) -> list[int]:
        """The shown rows of some contacts, in order (one pass over plain tuples)."""
        rows = self._rows
        return [shown for shown, number in enumerate(self._visible) if rows[number][ID] in ids]

    def visible_count(self) -> int:
        """How many contacts the list shows."""
        return len(self._visible)

    def total_count(self) -> int:
        """How many contacts the list holds before filtering."""
        return len(self._rows)

    # -- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(FIELDS)

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if role == _DISPLAY:
            value = self._rows[self._visible[index.row()]][_FIELD_INDEXES[column]]
            if column == OPEN_NETWORKER_COLUMN:
                return self._yes if value else ""
            return isolate(value) if isinstance(value, str) else "" if value is None else str(value)  # dates
        if role == _TOOLTIP and column == OPEN_NETWORKER_COLUMN:
            return None
        if role == _TOOLTIP:  # the full value of an elided cell, still shown literally
            value = self._rows[self._visible[index.row()]][_FIELD_INDEXES[column]]
            return plain_tooltip(isolate(str(value))) if value else None
        if role == _DECORATION:
            row = self._rows[self._visible[index.row()]]
            if column == NAME_COLUMN and row[OPEN_NETWORKER]:
                return self._open_networker_icon
            if column == NEXT_FOLLOW_UP_COLUMN and self._is_overdue(row):
                return self._overdue_icon
            return None
        if role == _FONT and column == NEXT_FOLLOW_UP_COLUMN:
            return self._bold if self._is_overdue(self._rows[self._visible[index.row()]]) else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(FIELDS):
            return self._headers[section]
        return None

    def _is_overdue(self, row: Row) -> bool:
        due = row[NEXT_FOLLOW_UP]
        return bool(due) and str(due) < self._today
