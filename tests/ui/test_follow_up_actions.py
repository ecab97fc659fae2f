"""Follow-up pane actions with real keys and the context menu: done, snooze, reschedule, open the contact."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netcrm.core.services import Services
from netcrm.ui.main_window import MainWindow


def first_item(window: MainWindow) -> QModelIndex:
    pane = window.follow_up_pane
    index = pane.model.index(0, 0, pane.model.index(0, 0))
    pane.view.setFocus()
    pane.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    return index


def focus(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_d_marks_done(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    focus(qtbot, window)
    pane = window.follow_up_pane
    item = pane.model.follow_up_at(first_item(window))
    assert item is not None
    before = pane.model.item_count()
    qtbot.keyClick(pane.view, Qt.Key.Key_D)
    assert all(f.id != item.id for f in services.list_follow_ups())
    recurring = item.recurrence is not None
    assert pane.model.item_count() == before - (0 if recurring else 1)
    assert pane.current_follow_up() is not None  # the keyboard stays in the list
    logged = services.list_interactions(item.contact_id)[0]
    assert logged.summary.startswith("Follow-up done")


def test_s_and_w_snooze(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    focus(qtbot, window)
    pane = window.follow_up_pane
    today = services.today()
    item = pane.model.follow_up_at(first_item(window))
    assert item is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_S)
    moved = next(f for f in services.list_follow_ups() if f.id == item.id)
    assert (moved.due, moved.status) == (today + timedelta(days=1), "snoozed")
    second = pane.model.follow_up_at(first_item(window))
    assert second is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_W)
    assert next(f for f in services.list_follow_ups() if f.id == second.id).due == today + timedelta(days=7)
    row = window.model.row_of(item.contact_id)
    assert row is not None  # the contact's next follow-up in the list was re-read
    assert window.undo_action.text().replace("&", "").startswith("Undo snooze follow-up with ")
    window.undo_action.trigger()
    assert next(f for f in services.list_follow_ups() if f.id == second.id).due == second.due
    window.undo_action.trigger()
    back = next(f for f in services.list_follow_ups() if f.id == item.id)
    assert (back.due, back.status) == (item.due, item.status)


def test_reschedule_and_snooze_to_a_date(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    focus(qtbot, window)
    pane = window.follow_up_pane
    item = pane.model.follow_up_at(first_item(window))
    assert item is not None
    monkeypatch.setattr(pane, "pick_date", lambda _title, _initial: date(2031, 5, 17))
    qtbot.keyClick(pane.view, Qt.Key.Key_R)
    moved = next(f for f in services.list_follow_ups() if f.id == item.id)
    assert (moved.due, moved.status) == (date(2031, 5, 17), "open")
    item = pane.model.follow_up_at(first_item(window))
    assert item is not None
    pane.snooze_date_action.trigger()
    assert next(f for f in services.list_follow_ups() if f.id == item.id).status == "snoozed"


def test_the_context_menu_offers_every_action(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.follow_up_pane
    first_item(window)
    texts = [a.text().replace("&", "") for a in pane.view.actions()]
    assert texts == [
        "Open contact",
        "Mark done",
        "Snooze until tomorrow",
        "Snooze until next week",
        "Snooze until a date…",
        "Reschedule…",
    ]
    assert all(not a.icon().isNull() for a in pane.view.actions())
    item = pane.current_follow_up()
    assert item is not None
    pane.open_action.trigger()
    assert window.contact_list.current_contact_id() == item.contact_id


def test_the_date_dialog_returns_the_chosen_day(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtCore import QDate, QTimer
    from PySide6.QtWidgets import QCalendarWidget, QDialog

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, choose)
            return
        calendar = dialog.findChild(QCalendarWidget)
        assert calendar is not None
        calendar.setSelectedDate(QDate(2030, 1, 2))
        dialog.accept()

    QTimer.singleShot(0, choose)
    assert window.follow_up_pane.pick_date("x", date(2029, 1, 1)) == date(2030, 1, 2)
