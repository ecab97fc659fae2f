"""File > Import history and the sidebar's "Recently imported" entries: every batch, its counts, and Undo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from netcrm.core.services import Services
from netcrm.ui.dialogs.import_history import ImportHistoryDialog, ImportHistoryModel
from netcrm.ui.main_window import MainWindow
from tests.ui.waiting import settle

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
LINKEDIN = DATA / "linkedin" / "connections_2024.csv"
BIG_LINKEDIN = DATA / "samples" / "linkedin" / "Connections-random-names.csv"


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone()


def two_imports(services: Services) -> tuple[int, int]:
    first = services.apply_import(services.read_import(LINKEDIN)).batch_id
    second = services.apply_import(services.read_import(BIG_LINKEDIN)).batch_id
    assert first is not None and second is not None
    return first, second


def history(qtbot: QtBot, window: MainWindow) -> ImportHistoryDialog:
    settle(qtbot, window)
    qtbot.keyClick(
        window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.import_export.history_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def cells(dialog: ImportHistoryDialog, row: int) -> list[str]:
    model = dialog.model
    return [str(model.index(row, column).data()) for column in range(model.columnCount())]


def test_the_model_keeps_the_qt_contract(qtmodeltester: ModelTester, services: Services) -> None:
    two_imports(services)
    model = ImportHistoryModel()
    model.set_batches(services.list_batches())
    qtmodeltester.check(model)


def test_the_history_lists_every_batch_says_what_undo_keeps_and_undoes(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    first, second = two_imports(services)
    kept = next(c.id for c in services.list_contacts() if c.display_name == "Cerise Benson")
    services.edit_contact(kept, {"position": "Met her at the fair"})
    window.reload()
    dialog = history(qtbot, window)
    assert dialog.windowTitle() == "Import history"
    assert dialog.model.rowCount() == 2
    file, _day, *counts, status = cells(dialog, 0)
    assert (file, counts, status) == ("Connections-random-names.csv", ["506", "0", "0", "0"], "Imported")
    assert cells(dialog, 1)[0] == "connections_2024.csv"
    panel = dialog.panel
    qtbot.waitUntil(lambda: panel.undo_button.isVisible())
    assert panel.label.text() == (
        "Undo removes 505 contacts this import created. It keeps 1 contact you have worked on since."
    )

    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert panel.label.text().startswith("Import undone: removed 505 contacts and reverted 0.")
    assert cells(dialog, 0)[-1] == "Undone"
    assert panel.undo_button.isHidden()
    assert services.count_contacts() == 300 + 10 + 1
    settle(qtbot, window)
    assert window.model.total_count() == 300 + 10 + 1

    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)  # the older import: its own sentence, nothing kept
    qtbot.waitUntil(lambda: panel.undo_button.isVisible())
    assert dialog.current_batch_id() == first != second
    assert panel.label.text() == "Undo removes 10 contacts this import created."
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_recently_imported_entry_offers_its_undo(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, _second = two_imports(services)
    window.reload()
    settle(qtbot, window)
    sidebar = window.sidebar
    row = sidebar.sidebar_model.row_of(f"batch:{first}")
    assert row is not None
    rect = sidebar.visualRect(sidebar.sidebar_model.index(row))
    popped: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, _pos, _at=None: popped.append(menu))
    sidebar.customContextMenuRequested.emit(rect.center())
    [menu] = popped
    assert [a.text() for a in menu.actions()] == ["Undo this import…"]
    menu.actions()[0].trigger()
    dialog = window.import_export.history_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.current_batch_id() == first
    qtbot.waitUntil(lambda: dialog.panel.undo_button.isVisible())
    assert dialog.panel.label.text() == "Undo removes 10 contacts this import created."
    sidebar.customContextMenuRequested.emit(QPoint(2, 2))  # the "Lists" heading: no menu
    assert len(popped) == 1
    QApplication.processEvents()


def test_the_menu_names_the_history_with_its_shortcut(window: MainWindow) -> None:
    action = window.import_export.history_action
    assert action.text() == "Import &history…"
    assert action.shortcut().toString() == "Ctrl+Shift+H"
    assert action.isEnabled()
