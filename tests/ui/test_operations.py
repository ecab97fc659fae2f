"""The operations runner and the panes that read its Changes: a follow-up added, done, snoozed or logged
re-reads one list row and one contact's follow-ups, never the whole list (real SQLite file, pytest-qt)."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, QTime
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from netcrm.core.changes import Changes
from netcrm.core.errors import BadInputError
from netcrm.core.services import Services
from netcrm.ui.columns import LIST_COLUMNS
from netcrm.ui.dialogs.follow_up import FollowUpDialog, FollowUpRequest
from netcrm.ui.main_window import MainWindow
from netcrm.ui.operations import Operations
from tests.ui.waiting import settle

NEXT_FOLLOW_UP = LIST_COLUMNS.index("next_follow_up")


def count_calls(monkeypatch: pytest.MonkeyPatch, services: Services, name: str) -> list[dict[str, Any]]:
    """Record the keyword arguments of each call of one service method (the real one still runs)."""
    calls: list[dict[str, Any]] = []
    real = getattr(services, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, name, counted)
    return calls


def test_run_announces_changes_and_undo_runs_the_inverse(qtbot: QtBot, services: Services) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    stack = QUndoStack(parent)
    runner = Operations(lambda: services, stack, parent)
    seen: list[Changes] = []
    runner.changed.connect(seen.append)
    contact = services.list_contacts()[0].id
    made: list[int] = []

    def add(s: Services) -> Any:
        done = s.add_follow_ups([contact], date(2031, 1, 2), "Coffee")
        made[:] = [f.id for f in done.value]
        return done

    assert runner.run(add, undo=lambda s: s.delete_follow_ups(made), text="add", ids=[contact])
    assert seen[-1].contact_ids == {contact} and seen[-1].follow_up_ids == set(made) and seen[-1].counts
    stack.undo()
    assert services.list_follow_ups(contact_id=contact) == []
    assert seen[-1].follow_up_ids == set(made)
    stack.redo()  # a new follow-up, with a new id
    assert [f.note for f in services.list_follow_ups(contact_id=contact)] == ["Coffee"]
    assert len(seen) == 3


def test_a_failed_call_says_why_and_pushes_nothing(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    stack = QUndoStack(parent)
    runner = Operations(lambda: services, stack, parent)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    seen: list[Changes] = []
    runner.changed.connect(seen.append)

    def fail(_s: Services) -> Any:
        raise BadInputError("follow-up 7 is already done")

    assert not runner.run(fail, undo=fail, text="x")
    assert shown == ["follow-up 7 is already done"]
    assert stack.count() == 0 and seen == []


def test_a_slow_call_runs_in_a_worker_behind_a_progress_dialog(qtbot: QtBot, services: Services) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = Operations(lambda: services, QUndoStack(parent), parent)
    ids = [c.id for c in services.list_contacts()[:3]]
    seen: list[Changes] = []
    runner.changed.connect(seen.append)
    steps: list[tuple[int, int]] = []

    def work(s: Services, job: Any) -> Any:
        job.report(1, 2)
        steps.append((1, 2))
        return s.add_follow_ups(ids, date(2031, 5, 5), "Later")

    assert runner.run_slow(work, label="Adding…", text="add", ids=ids, undo=lambda s: Changes())
    assert runner.busy() and runner.progress is not None
    qtbot.waitUntil(lambda: not runner.busy(), timeout=10_000)
    assert runner.progress is None and steps == [(1, 2)]
    assert seen[-1].contact_ids == set(ids)


def test_the_dialog_sets_a_repeat_and_a_time_with_keys(qtbot: QtBot) -> None:
    dialog = FollowUpDialog(1, date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.result_value() == FollowUpRequest(date(2026, 12, 14))
    assert not dialog.time_edit.isEnabled() and not dialog.every_count.isEnabled()
    qtbot.mouseClick(dialog.time_check, Qt.MouseButton.LeftButton)
    assert dialog.time_edit.isEnabled()
    dialog.time_edit.setTime(QTime(14, 30))
    dialog.repeat.setFocus()
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Down)  # Does not repeat -> days
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Down)  # -> weeks
    dialog.every_count.selectAll()
    qtbot.keyClicks(dialog.every_count, "2")
    qtbot.keyClicks(dialog.note_edit, "Coffee")
    assert dialog.result_value() == FollowUpRequest(date(2026, 12, 14), "Coffee", "2w", time(14, 30))


def test_a_follow_up_from_the_detail_pane_reads_one_row_not_the_list(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(qtbot, window)
    contact = window.model.contact_id(0)
    window.open_contact(contact)
    rows_read = count_calls(monkeypatch, services, "list_rows_in_name_order")
    all_follow_ups = count_calls(monkeypatch, services, "list_follow_ups")
    due = services.today() + timedelta(days=3)
    asked = FollowUpRequest(due, "Coffee", "2w", time(9, 30))
    monkeypatch.setattr(window.follow_ups, "ask_follow_up", lambda _n: asked)
    before = window.follow_up_pane.model.item_count()
    qtbot.mouseClick(window.detail_pane.follow_up_button, Qt.MouseButton.LeftButton)
    made = [f for f in services.list_follow_ups(contact_id=contact) if f.note == "Coffee"]
    assert [(f.due, f.recurrence, f.due_time) for f in made] == [(due, "2w", time(9, 30))]
    assert window.follow_up_pane.model.item_count() == before + 1
    row = window.model.row_for(contact)
    assert row is not None and str(row[NEXT_FOLLOW_UP]) <= due.isoformat()
    settle(qtbot, window)
    assert rows_read == []  # the list was not read again
    shown = window.counts_label.text()
    window._show_counts(services.counts())  # what a query says
    assert window.counts_label.text() == shown  # counted from the rows and the pane, no query
    assert all_follow_ups and all(call.get("contact_id") == contact for call in all_follow_ups)  # not all
    window.undo_action.trigger()
    assert window.follow_up_pane.model.item_count() == before
    settle(qtbot, window)
    assert rows_read == []


def test_done_and_snooze_keep_the_list_model_and_move_one_row(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    pane = window.follow_up_pane
    group = pane.model.index(0, 0)
    first = pane.model.index(0, 0, group)
    pane.view.setFocus()
    pane.view.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    item = pane.model.follow_up_at(first)
    assert item is not None
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    rows_read = count_calls(monkeypatch, services, "list_rows_in_name_order")
    qtbot.keyClick(pane.view, Qt.Key.Key_S)  # snooze until tomorrow
    moved = next(f for f in services.list_follow_ups(contact_id=item.contact_id) if f.id == item.id)
    assert moved.status == "snoozed"
    assert next(f for f in pane.model.all_items() if f.id == item.id).due == moved.due
    current = pane.current_follow_up()
    assert current is not None
    qtbot.keyClick(pane.view, Qt.Key.Key_D)
    assert all(f.id != current.id or f.recurrence for f in pane.model.all_items())
    assert services.list_interactions(current.contact_id)[0].summary.startswith("Follow-up done")
    settle(qtbot, window)
    assert resets == [] and rows_read == []


def test_logging_an_interaction_updates_the_shown_contact(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(qtbot, window)
    contact = window.model.contact_id(2)
    window.open_contact(contact)
    today = services.today()
    monkeypatch.setattr(window.follow_ups, "ask_log", lambda _name: ("call", today, "Talked"))
    rows_read = count_calls(monkeypatch, services, "list_rows_in_name_order")
    window.detail_pane.log_requested.emit()
    assert services.list_interactions(contact)[0].summary == "Talked"
    timeline = window.detail_pane._timeline_box
    texts = [timeline.itemAt(n).widget().text() for n in range(timeline.count())]  # type: ignore[union-attr]
    assert any("Talked" in text for text in texts)  # the shown contact's timeline was read again
    settle(qtbot, window)
    assert rows_read == []
    window.undo_action.trigger()
    assert all(i.summary != "Talked" for i in services.list_interactions(contact))
