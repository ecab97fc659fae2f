"""The undo stack tells the truth: walk every undoable action of the window, undo all, redo all, and look
at the database after each step (issue 16: Ctrl+Z after "Mark done" undid an earlier snooze instead)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactFilter
from netcrm.core.services import Services
from netcrm.ui.actions.follow_ups import FollowUpActions
from netcrm.ui.main_window import MainWindow
from tests.ui.waiting import settle

#: Columns that change on every write (versions, clocks) or are new ids of rows made again by a redo.
VOLATILE = {"version", "updated_at", "completed_at", "created_at", "decided_at"}
REMADE = {"follow_up", "interaction"}  # a redo inserts these again, under new ids
TABLES = ("contact", "contact_email", "contact_phone", "contact_tag", "tag", "follow_up", "interaction")


def snapshot(db: Path, trashed: frozenset[int] = frozenset()) -> dict[str, list[tuple[Any, ...]]]:
    """What the user's data is, without versions, clocks and the ids of rows a redo makes again; the
    `trashed` contacts (an undone "add" goes to the trash, to be found there) are left out."""
    conn = sqlite3.connect(db)
    try:
        found: dict[str, list[tuple[Any, ...]]] = {}
        for table in TABLES:
            # A tag made by a bulk tag stays, unused, after its undo (listed with 0 contacts): not compared.
            used = " WHERE id IN (SELECT tag_id FROM contact_tag)" if table == "tag" else ""
            cursor = conn.execute(f"SELECT * FROM {table}{used}")
            names = [d[0] for d in cursor.description]
            drop = VOLATILE | ({"id"} if table in REMADE else set())
            keep = [i for i, name in enumerate(names) if name not in drop]
            owner = names.index("id" if table == "contact" else "contact_id") if table != "tag" else None
            rows = [row for row in cursor if owner is None or row[owner] not in trashed]
            trash = names.index("deleted_at") if "deleted_at" in names else None  # whether, not when
            seen = [tuple((row[i] is not None) if i == trash else row[i] for i in keep) for row in rows]
            found[table] = sorted(seen, key=repr)
        return found
    finally:
        conn.close()


def focus_list(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.contact_list.setFocus()


def first_follow_up(window: MainWindow) -> int:
    pane = window.follow_up_pane
    index = pane.model.index(0, 0, pane.model.index(0, 0))
    pane.view.setFocus()
    pane.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    item = pane.model.follow_up_at(index)
    assert item is not None
    return item.id


def select(window: MainWindow, ids: list[int]) -> None:
    window.contact_list.select_contact(ids[0])
    selection = window.contact_list.selectionModel()
    for cid in ids[1:]:
        row = window.model.row_of(cid)
        assert row is not None
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def test_every_undoable_action_undoes_and_redoes_in_order(
    qtbot: QtBot, window: MainWindow, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        FollowUpActions, "ask_log", lambda _a, _name: ("call", date(2026, 12, 1), "Caught up")
    )
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Nadia Brandt", True))
    people = [c.id for c in services.list_contacts()][:6]
    snooze_id: list[int] = []
    done_id: list[int] = []

    def snooze() -> None:
        snooze_id.append(first_follow_up(window))
        qtbot.keyClick(window.follow_up_pane.view, Qt.Key.Key_S)

    def mark_done() -> None:
        done_id.append(first_follow_up(window))
        qtbot.keyClick(window.follow_up_pane.view, Qt.Key.Key_D)

    def tag() -> None:
        window.bulk.tag(people[:3], "met-2026")

    def edit() -> None:
        window.contact_list.select_contact(people[3])
        settle(qtbot, window)
        qtbot.waitUntil(lambda: window.detail_pane.contact is not None)
        assert window.detail_pane.contact is not None and window.detail_pane.contact.id == people[3]
        assert window.editing.save_field("company", "Acme Rockets")

    def log() -> None:
        window.follow_ups.log_interaction()

    def trash() -> None:
        select(window, people[4:6])
        window.bulk.delete(people[4:6])

    def add() -> None:
        window.contacts.new_contact()

    steps = [
        ("snooze", snooze),
        ("mark done", mark_done),
        ("tag", tag),
        ("edit", edit),
        ("log", log),
        ("trash", trash),
        ("add", add),
    ]
    qtbot.waitUntil(lambda: window.follow_up_pane.model.item_count() >= 2)
    before: list[dict[str, list[tuple[Any, ...]]]] = []
    after: list[dict[str, list[tuple[Any, ...]]]] = []
    for name, action in steps:
        before.append(snapshot(db_path))
        action()
        settle(qtbot, window)
        after.append(snapshot(db_path))
        assert after[-1] != before[-1], f"{name} changed nothing"
    assert window.undo_stack.count() == len(steps)
    assert window.undo_stack.undoText().startswith("add ")

    added = frozenset(c.id for c in services.list_contacts() if c.display_name == "Nadia Brandt")
    assert len(added) == 1
    focus_list(qtbot, window)
    for index in reversed(range(len(steps))):
        qtbot.keyClick(window.contact_list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, window)
        assert snapshot(db_path, added) == before[index], f"undo of {steps[index][0]}"
        if steps[index][0] == "add":  # the new contact waits in the trash
            assert added <= {c.id for c in services.list_contacts(ContactFilter(trash=True))}
        if steps[index][0] == "mark done":  # Ctrl+Z after Mark done opened that one again
            assert next(f for f in services.list_follow_ups() if f.id == done_id[0]).status != "done"
            assert window.undo_stack.undoText().startswith("snooze ")
    assert not window.undo_action.isEnabled()

    for index in range(len(steps)):
        window.redo_action.trigger()
        settle(qtbot, window)
        left_out = frozenset() if steps[index][0] == "add" else added  # it came back out of the trash
        assert snapshot(db_path, left_out) == after[index], f"redo of {steps[index][0]}"
    assert window.undo_stack.index() == len(steps)
    assert snooze_id != done_id
