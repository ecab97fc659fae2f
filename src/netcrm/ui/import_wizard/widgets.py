"""The import wizard's building blocks: its tables, busy bar and error line, and the page that runs one
worker job at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QWizardPage,
)

from netcrm.core.errors import NetcrmError
from netcrm.ui.import_wizard.state import MAX_LISTED, ImportState
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import Job, run_in_worker

T = TypeVar("T")


def make_table(headers: Sequence[str]) -> QTableWidget:
    """A read-only table of rows with these column titles."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Show the first MAX_LISTED rows (the counts elsewhere cover all of them)."""
    shown = rows[:MAX_LISTED]
    table.setRowCount(len(shown))
    for r, values in enumerate(shown):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount() - 1):
        header.resizeSection(c, min(header.sectionSize(c), 260))


def make_busy_bar() -> QProgressBar:
    """A bar that moves while a worker reads or plans."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(bar.fontMetrics().height())
    bar.hide()
    return bar


def make_error_label() -> QLabel:
    """A red line for a refusal."""
    label = plain_label()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet(
        "QLabel#errorLabel { color: palette(highlighted-text); background: #b3261e; padding: 6px;"
        " border-radius: 3px; }"
    )
    label.hide()
    return label


class WorkerPage(QWizardPage):
    """A page that runs one job at a time; results of a job the page no longer waits for are dropped."""

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.job: Job | None = None
        self._generation = 0

    def busy(self) -> bool:
        """True while the page waits for its worker."""
        return self.job is not None

    def start(
        self,
        fn: Callable[[Job], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        progress: Callable[[int, int], None] | None = None,
        describe: str = "",
    ) -> None:
        """Run `fn` in a worker; a newer start makes an older job's result irrelevant.

        A `describe` text marks work that quitting must wait for or cancel (see ui/quit_guard.py).
        """
        if self.job is not None:
            self.job.cancel()
        self._generation += 1
        generation = self._generation

        def done(result: T) -> None:
            if generation == self._generation and not self.state.closed:
                self.job = None
                on_done(result)
                self.completeChanged.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation and not self.state.closed:
                self.job = None
                if not isinstance(error, NetcrmError):
                    raise error  # a bug: the crash reporter shows it
                on_error(error)
                self.completeChanged.emit()

        self.job = run_in_worker(fn, done, failed, progress, describe=describe)
        self.completeChanged.emit()

    def drop_job(self) -> None:
        """Forget the running job (a read-only one: it may finish, nobody listens)."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
            self._generation += 1
