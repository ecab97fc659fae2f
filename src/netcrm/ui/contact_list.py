"""The contact list: a table view over ContactTableModel, tuned for 100,000 rows."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from netcrm.ui.contact_table_model import FIELDS, NAME_COLUMN, ContactTableModel

#: Initial column widths, in average characters.
_WIDTHS = {
    "display_name": 20,
    "company": 15,
    "position": 18,
    "primary_email": 24,
    "location": 14,
    "connected_on": 13,
    "tag_names": 12,
    "open_networker": 9,
    "next_follow_up": 15,
}
HIDDEN_BY_DEFAULT = ("primary_email", "location", "open_networker")  # the name shows an icon already
#: Widest a column gets when fitted to its content, in average characters (a long position stays readable).
_MAX_FIT = {"display_name": 30, "company": 24, "position": 30, "primary_email": 32, "tag_names": 16}
#: Date columns: as wide as a date in bold with the due icon, whatever the first rows hold.
DATE_COLUMNS = ("connected_on", "next_follow_up")
SAMPLE_ROWS = 300  # rows measured when fitting: the first screens, never 100,000
SORT_ARROW = 24  # room the header keeps for its sort indicator, in pixels
WIDE_COLUMNS = ("display_name", "company", "position")  # they share the room a fit leaves over


class ContactListView(QTableView):
    """Rows of contacts; tells the window which contact is current."""

    current_contact_changed = Signal(object)  # int, or None when no contact is current

    def __init__(self, model: ContactTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactListView")
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setCornerButtonEnabled(False)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measure 100,000 rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)  # an empty "Next follow-up" must not be the widest column
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        char = self.fontMetrics().averageCharWidth()
        for column, field in enumerate(FIELDS):
            header.resizeSection(column, _WIDTHS[field] * char)
            header.setSectionHidden(column, field in HIDDEN_BY_DEFAULT)
        header.setSortIndicator(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)
        self._kept_id: int | None = None
        self._kept_selection: set[int] = set()
        self._announced_id: int | None = None
        #: True once the columns have widths of their own (the user's, restored, or fitted once).
        self.fitted = False
        model.modelReset.connect(self._fit_once)
        self.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def _fit_once(self) -> None:
        if not self.fitted and self._model.rowCount() > 0 and self.isVisible():
            QTimer.singleShot(0, self._fit_now)  # once the window's splitter has given the list its width

    def _fit_now(self) -> None:
        if not self.fitted and self._model.rowCount() > 0:
            self.fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_once()  # the first rows may have come before the window was shown

    def fit_columns(self) -> None:
        """Size each shown column to its title and the first rows' values; the wide ones share the rest.

        Measured with font metrics over a sample (`SAMPLE_ROWS`), so a first start with 100,000 contacts
        costs what a few screens do; the user's own widths are then remembered with the header's state.
        """
        self.fitted = True
        header = self.horizontalHeader()
        metrics, bold = self.fontMetrics(), header.fontMetrics()
        char = metrics.averageCharWidth()
        rows = min(self._model.rowCount(), SAMPLE_ROWS)
        shown = [c for c in range(len(FIELDS)) if not header.isSectionHidden(c)]
        widths: dict[int, int] = {}
        least: dict[int, int] = {}  # never narrower than the title, nor than 12 characters
        for column in shown:
            title = str(self._model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = bold.horizontalAdvance(title) + SORT_ARROW
            least[column] = max(width, 12 * char)
            for row in range(rows):
                index = self._model.index(row, column)
                text = index.data()
                if text:
                    decorated = index.data(Qt.ItemDataRole.DecorationRole) is not None
                    extra = 2 * char + (self.iconSize().width() + char if decorated else 0)
                    width = max(width, metrics.horizontalAdvance(str(text)) + extra)
            if FIELDS[column] in DATE_COLUMNS:
                width = max(width, bold.horizontalAdvance("0000-00-00") + 3 * char + self.iconSize().width())
            dated = FIELDS[column] in DATE_COLUMNS
            widths[column] = width if dated else min(width, _MAX_FIT.get(FIELDS[column], 16) * char)
        room = self.viewport().width() - 2 - sum(widths.values())
        wide = [c for c in shown if FIELDS[c] in WIDE_COLUMNS]
        if wide and room > 0:  # the wide columns share what is left
            for column in wide:
                widths[column] += room // len(wide)
        elif wide and room < 0:  # too wide for the pane: the wide columns give way, down to their least
            spare = sum(max(0, widths[c] - least[c]) for c in wide)
            for column in wide:
                give = max(0, widths[column] - least[column])
                widths[column] -= min(give, -room * give // spare) if spare else 0
        for column, width in widths.items():
            header.resizeSection(column, width)

    def current_contact_id(self) -> int | None:
        """The contact of the current row, if any."""
        index = self.currentIndex()
        return self._model.contact_id(index.row()) if index.isValid() else None

    def select_contact(self, contact_id: int) -> bool:
        """Make a contact current and selected and scroll to it; False if the list does not show it."""
        row = self._model.row_of(contact_id)
        if row is None:
            return False
        index = self._model.index(row, self._first_visible_column())
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        shown = self.viewport().rect().intersects(self.visualRect(index))  # before Qt's own scrolling
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index, self.ScrollHint.EnsureVisible if shown else self.ScrollHint.PositionAtCenter)
        return True

    def _first_visible_column(self) -> int:
        header = self.horizontalHeader()
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            if not header.isSectionHidden(logical):
                return logical
        return 0

    def _remember_current(self) -> None:
        self._kept_id = self.current_contact_id()
        rows = self.selectionModel().selectedRows() if self.selectionModel().hasSelection() else []
        self._kept_selection = {self._model.contact_id(index.row()) for index in rows}

    def _restore_current(self) -> None:
        """Keep the contact selected across a new filter or new rows, when the list still shows it."""
        kept, self._kept_id = self._kept_id, None
        if kept is None or not self.select_contact(kept):
            self._announce(None)
        chosen, self._kept_selection = self._kept_selection, set()
        if len(chosen) > 1:  # a multi-selection outlives a new filter or new rows (bulk actions)
            self._select_ids(chosen)

    def _select_ids(self, ids: set[int]) -> None:
        """Select the rows showing these contacts (one pass over the shown rows; ranges merged)."""
        model = self._model
        rows = model.rows_showing(ids)
        selection = QItemSelection()
        last = model.columnCount() - 1
        start = previous = None
        for row in [*rows, None]:
            if row is not None and previous is not None and row == previous + 1:
                previous = row
                continue
            if start is not None and previous is not None:
                selection.select(model.index(start, 0), model.index(previous, last))
            start = previous = row
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def _on_current_row_changed(self, _current: object, _previous: object) -> None:
        self._announce(self.current_contact_id())

    def _announce(self, contact_id: int | None) -> None:
        """Signal a new current contact once, not again when a filter or sort keeps it current."""
        if contact_id != self._announced_id:
            self._announced_id = contact_id
            self.current_contact_changed.emit(contact_id)

    def _column_menu(self, position: QPoint) -> None:
        """Let the user choose which columns to show (the name always stays)."""
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column in range(self._model.columnCount()):
            title = str(self._model.headerData(column, Qt.Orientation.Horizontal))
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setEnabled(column != NAME_COLUMN)
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.exec(header.mapToGlobal(position))
