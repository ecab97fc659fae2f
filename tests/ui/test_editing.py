"""Editing in the detail pane: real keys and clicks, saved through the services, undoable by name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.ui.contact_table_model import FIELDS
from netcrm.ui.dialogs.follow_up import FollowUpRequest
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from tests.ui.waiting import settle

COMPANY = FIELDS.index("company")


def open_ada(qtbot: QtBot, services: Services, db_path: Path) -> tuple[MainWindow, int]:
    ada = services.add_contact(ContactDraft(first_name="Ada", last_name="Lovelace", company="Analytical"))
    window = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(window)
    window.attach(services)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.open_contact(ada.id)
    assert window.detail_pane.contact_id == ada.id
    return window, ada.id


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def line_edit(window: MainWindow, key: str) -> QLineEdit:
    editor = window.detail_pane.editor(key)
    assert isinstance(editor, QLineEdit)
    return editor


def company_cell(window: MainWindow, contact_id: int) -> str:
    row = window.model.row_of(contact_id)
    assert row is not None
    return str(window.model.data(window.model.index(row, COMPANY)))


def test_editing_a_field_saves_updates_the_row_and_undoes_by_name(
    qtbot: QtBot, services: Services, db_path: Path
) -> None:
    window, ada = open_ada(qtbot, services, db_path)
    type_into(qtbot, line_edit(window, "company"), "Babbage and Co")
    assert services.get_contact(ada).company == "Babbage and Co"
    assert company_cell(window, ada) == "Babbage and Co"  # the row was re-read in place
    assert window.undo_action.text().replace("&", "") == "Undo set company of Ada Lovelace"
    window.contact_list.sortByColumn(COMPANY, Qt.SortOrder.DescendingOrder)  # undo survives a re-sort...
    qtbot.keyClicks(window.search_box, "zzqx")  # ...and a filter that hides the contact
    assert window.model.row_of(ada) is None
    window.undo_action.trigger()
    assert services.get_contact(ada).company == "Analytical"
    window.search_box.clear()
    assert company_cell(window, ada) == "Analytical"
    assert window.redo_action.text().replace("&", "") == "Redo set company of Ada Lovelace"
    window.redo_action.trigger()
    assert services.get_contact(ada).company == "Babbage and Co"


def test_an_invalid_value_is_refused_next_to_its_field(
    qtbot: QtBot, services: Services, db_path: Path
) -> None:
    window, ada = open_ada(qtbot, services, db_path)
    before = services.get_contact(ada)
    type_into(qtbot, line_edit(window, "linkedin"), "https://example.com/not-linkedin")
    error = window.detail_pane.error_label("linkedin")
    assert error.isVisible() and "LinkedIn" in error.text()
    assert error.textFormat() == Qt.TextFormat.PlainText
    type_into(qtbot, line_edit(window, "emails"), "not an address")
    assert window.detail_pane.error_label("emails").isVisible()
    type_into(qtbot, line_edit(window, "connected_on"), "31/12/2020")
    assert "YYYY-MM-DD" in window.detail_pane.error_label("connected_on").text()
    after = services.get_contact(ada)
    assert (after.linkedin_url, after.emails, after.connected_on, after.version) == (
        before.linkedin_url,
        before.emails,
        before.connected_on,
        before.version,
    )
    assert window.undo_stack.count() == 0
    type_into(qtbot, line_edit(window, "emails"), "ada@example.com, countess@example.org")
    assert services.get_contact(ada).emails == ("ada@example.com", "countess@example.org")
    assert not window.detail_pane.error_label("emails").isVisible()


def click_when_shown(qtbot: QtBot, button_name: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        button = box.findChild(QPushButton, button_name)
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def test_a_conflict_offers_reload_or_overwrite(qtbot: QtBot, services: Services, db_path: Path) -> None:
    window, ada = open_ada(qtbot, services, db_path)
    services.edit_contact(ada, {"position": "Countess"})  # netcrm-cli, meanwhile
    click_when_shown(qtbot, "reloadButton")
    type_into(qtbot, line_edit(window, "company"), "Mine")
    stored = services.get_contact(ada)
    assert (stored.company, stored.position) == ("Analytical", "Countess")  # nothing overwritten
    assert window.detail_pane.field_text("position") == "Countess"  # the reload shows what is stored
    services.edit_contact(ada, {"location": "London"})
    click_when_shown(qtbot, "overwriteButton")
    type_into(qtbot, line_edit(window, "company"), "Mine")
    stored = services.get_contact(ada)
    assert (stored.company, stored.location) == ("Mine", "London")


def test_degree_cadence_tags_and_open_networker(qtbot: QtBot, services: Services, db_path: Path) -> None:
    window, ada = open_ada(qtbot, services, db_path)
    pane = window.detail_pane
    degree = pane.editor("degree")
    assert isinstance(degree, QComboBox)
    degree.setFocus()
    qtbot.keyClick(degree, Qt.Key.Key_Down)
    assert services.get_contact(ada).degree == 2
    type_into(qtbot, line_edit(window, "tags"), "Mentor, Brand new tag")
    assert set(services.get_contact(ada).tags) == {"Mentor", "Brand new tag"}
    assert window.sidebar.sidebar_model.count_of("tag:Brand new tag") == 1
    check = pane.editor("open_networker")
    assert isinstance(check, QCheckBox)
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    saved = services.get_contact(ada)
    assert saved.open_networker and saved.open_networker_by == "user"
    assert pane.field_label("open_networker").text() == "marked by you"
    assert window.undo_action.text().replace("&", "") == "Undo mark Ada Lovelace as open networker"
    window.undo_action.trigger()
    assert not services.get_contact(ada).open_networker
    window.undo_action.trigger()
    assert set(services.get_contact(ada).tags) == set()
    window.undo_action.trigger()
    assert services.get_contact(ada).degree == 1


def test_introduced_by_completes_among_all_names(qtbot: QtBot, services: Services, db_path: Path) -> None:
    window, ada = open_ada(qtbot, services, db_path)
    babbage = services.add_contact(ContactDraft(first_name="Charles", last_name="Babbage"))
    window.reload()
    settle(qtbot, window)
    window.open_contact(ada)
    edit = line_edit(window, "introduced_by")
    edit.setFocus()
    completer = window.detail_pane.introduced_by_completer
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert completer.model().rowCount() >= 300
    qtbot.keyClicks(edit, "bbag")
    assert completer.completionCount() >= 1
    assert completer.currentCompletion() == "Charles Babbage"
    edit.setText("charles babbage")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert services.get_contact(ada).introduced_by_id == babbage.id
    type_into(qtbot, edit, "Nobody Atall")
    assert window.detail_pane.error_label("introduced_by").isVisible()
    assert services.get_contact(ada).introduced_by_id == babbage.id


def test_log_and_follow_up_from_the_detail_pane(
    qtbot: QtBot, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    window, ada = open_ada(qtbot, services, db_path)
    monkeypatch.setattr(
        window.follow_ups, "ask_log", lambda _name: ("call", date(2026, 1, 5), "Talked about <b>jobs</b>")
    )
    qtbot.mouseClick(window.detail_pane.log_button, Qt.MouseButton.LeftButton)
    logged = services.list_interactions(ada)
    assert [(i.kind, i.summary) for i in logged] == [("call", "Talked about <b>jobs</b>")]
    assert any("Talked about <b>jobs</b>" in label.text() for label in window.detail_pane.section_labels())
    assert window.undo_action.text().replace("&", "") == "Undo log an interaction with Ada Lovelace"
    window.undo_action.trigger()
    assert services.list_interactions(ada) == []
    monkeypatch.setattr(
        window.follow_ups, "ask_follow_up", lambda _n: FollowUpRequest(date(2031, 3, 3), "Coffee")
    )
    qtbot.mouseClick(window.detail_pane.follow_up_button, Qt.MouseButton.LeftButton)
    assert [(f.due, f.note) for f in services.list_follow_ups(contact_id=ada)] == [
        (date(2031, 3, 3), "Coffee")
    ]
    settle(qtbot, window)
    assert window.detail_pane.field_label("next_follow_up").text() == "2031-03-03"


def test_the_linkedin_button_opens_only_web_links(
    qtbot: QtBot, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString()) or True)
    window, _ada = open_ada(qtbot, services, db_path)
    type_into(qtbot, line_edit(window, "linkedin"), "https://www.linkedin.com/in/ada-lovelace")
    pane = window.detail_pane
    button = pane.findChild(QToolButton, "openLinkButton")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == ["https://www.linkedin.com/in/ada-lovelace"]
    assert pane.contact is not None
    pane.contact = replace(pane.contact, linkedin_url="mailto:ada@example.org")  # safe, but not a profile
    assert not pane.open_linkedin()
    pane.contact = replace(pane.contact, linkedin_url="file:///etc/passwd")
    assert not pane.open_linkedin()
    assert opened == ["https://www.linkedin.com/in/ada-lovelace"]
