"""Bulk actions on a multi-selection: one service call and one undo step each; large ones in a worker."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactFilter
from netcrm.core.services import Services
from netcrm.ui.actions import bulk as bulk_actions
from netcrm.ui.contact_table_model import NAME_COLUMN
from netcrm.ui.dialogs.follow_up import FollowUpRequest
from netcrm.ui.main_window import MainWindow
from tests.ui.waiting import settle


def select_rows(qtbot: QtBot, window: MainWindow, first: int, last: int) -> list[int]:
    """Click the first row, shift-click the last (a real extended selection)."""
    view = window.contact_list
    for row, modifier in ((first, Qt.KeyboardModifier.NoModifier), (last, Qt.KeyboardModifier.ShiftModifier)):
        index = window.model.index(row, NAME_COLUMN)
        view.scrollTo(index)
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, modifier, view.visualRect(index).center()
        )
    ids = window.selected_ids()
    assert len(ids) == last - first + 1
    return ids


def test_tag_untag_and_undo_are_one_step_each(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = select_rows(qtbot, window, 2, 11)
    monkeypatch.setattr(window.contacts, "ask_tag", lambda *_a, **_k: "Job fair 2026")
    window.contacts.tag_action.trigger()
    assert set(ids) <= {c.id for c in services.list_contacts(ContactFilter(tag="Job fair 2026"))}
    assert window.undo_stack.count() == 1
    assert window.undo_action.text().replace("&", "") == "Undo tag 10 contact(s) “Job fair 2026”"
    settle(qtbot, window)  # the counts are read again in a worker
    assert window.sidebar.sidebar_model.count_of("tag:Job fair 2026") == 10
    window.contacts.untag_action.trigger()
    assert services.count_contacts(ContactFilter(tag="Job fair 2026")) == 0
    window.undo_action.trigger()  # the untag
    assert services.count_contacts(ContactFilter(tag="Job fair 2026")) == 10
    window.undo_action.trigger()  # the tag
    assert services.count_contacts(ContactFilter(tag="Job fair 2026")) == 0
    window.redo_action.trigger()
    assert services.count_contacts(ContactFilter(tag="Job fair 2026")) == 10


def test_open_networkers_follow_ups_and_trash(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = select_rows(qtbot, window, 0, 4)
    window.contacts.mark_networker_action.trigger()
    assert all(services.get_contact(i).open_networker for i in ids)
    window.undo_action.trigger()
    was = {c.id for c in services.list_contacts(ContactFilter(open_networkers=True))}
    window.contacts.clear_networker_action.trigger()
    assert not any(services.get_contact(i).open_networker for i in ids)
    window.undo_action.trigger()
    assert {c.id for c in services.list_contacts(ContactFilter(open_networkers=True))} == was

    monkeypatch.setattr(
        window.follow_ups, "ask_follow_up", lambda _n: FollowUpRequest(date(2030, 6, 1), "Say hi")
    )
    before = len(services.list_follow_ups())
    window.contacts.add_follow_up_action.trigger()
    assert len(services.list_follow_ups()) == before + 5
    window.undo_action.trigger()
    assert len(services.list_follow_ups()) == before

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.contact_list.setFocus()
    qtbot.keyClick(window.contact_list, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert window.model.total_count() == 295
    assert services.count_contacts(ContactFilter(trash=True)) == 5
    assert window.sidebar.sidebar_model.count_of("trash") == 5
    window.sidebar.choose("trash")
    assert window.model.rowCount() == 5
    all_rows = QItemSelection(window.model.index(0, 0), window.model.index(4, 0))
    window.contact_list.selectionModel().select(
        all_rows, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    assert window.contacts.restore_action.isEnabled() and not window.contacts.delete_action.isEnabled()
    window.contacts.restore_action.trigger()
    assert services.count_contacts(ContactFilter(trash=True)) == 0
    window.undo_action.trigger()
    assert services.count_contacts(ContactFilter(trash=True)) == 5
    settle(qtbot, window)
    assert window.model.rowCount() == 5  # still looking at the trash


def test_large_selections_run_in_a_worker_with_progress(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_actions, "BACKGROUND_FROM", 50)
    window.contact_list.selectAll()
    monkeypatch.setattr(window.contacts, "ask_tag", lambda *_a, **_k: "Everyone")
    window.contacts.tag_action.trigger()
    assert window.bulk.progress is not None and window.bulk.progress.isVisible()
    qtbot.waitUntil(lambda: not window.bulk.busy, timeout=10_000)
    assert services.count_contacts(ContactFilter(tag="Everyone")) == 300
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert services.count_contacts(ContactFilter(tag="Everyone")) == 0


def test_new_contact_is_created_selected_and_undoable(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Grace Hopper", True))
    assert window.contacts.new_contact_action.shortcut().matches(
        window.contacts.new_contact_action.shortcut()
    )
    window.contacts.new_contact_action.trigger()
    settle(qtbot, window)  # the new contact is shown and chosen once the list is read again
    current = window.contact_list.current_contact_id()
    assert current is not None and services.get_contact(current).display_name == "Grace Hopper"
    assert window.detail_pane.contact_id == current
    window.undo_action.trigger()
    assert services.get_contact(current).deleted_at is not None
    settle(qtbot, window)
    assert window.model.row_of(current) is None


def test_merging_two_selected_contacts(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton, QRadioButton

    from netcrm.core.model import ContactDraft

    keep = services.add_contact(ContactDraft(first_name="Ada", last_name="Lovelace", company="Old Co")).id
    other = services.add_contact(
        ContactDraft(first_name="Ada", last_name="King", company="<b>New</b> Co", emails=("ada@b.org",))
    ).id
    window.reload()
    settle(qtbot, window)
    qtbot.keyClicks(window.search_box, "ada")
    rows = [window.model.row_of(keep), window.model.row_of(other)]
    assert None not in rows
    window.contact_list.select_contact(keep)
    selection = window.contact_list.selectionModel()
    other_row = rows[1]
    assert other_row is not None
    selection.select(
        window.model.index(other_row, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert window.contacts.merge_action.isEnabled()
    seen: list[str] = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "mergeDialog":
            QTimer.singleShot(20, pick)
            return
        theirs = dialog.findChild(QRadioButton, "company_2")
        assert theirs is not None
        seen.append(theirs.text())
        qtbot.mouseClick(theirs, Qt.MouseButton.LeftButton)
        button = dialog.findChild(QPushButton, "mergeButton")
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, pick)
    window.contacts.merge_action.trigger()
    assert seen == ["<b>New</b> Co"]  # shown literally
    merged = services.get_contact(keep)
    assert merged.company == "<b>New</b> Co" and merged.last_name == "Lovelace"
    assert merged.emails == ("ada@b.org",)
    assert services.get_contact(other).deleted_at is not None
    settle(qtbot, window)
    assert window.contact_list.current_contact_id() == keep
