"""Native feel: standard shortcuts, keyboard between panes, columns, dark palette, high DPI, the welcome
view, and data shown as plain text everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.contact_table_model import FIELDS
from netcrm.ui.icons import icon
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings

MARKUP = "<b>x</b><img src=y>"


def activate(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_standard_shortcuts(window: MainWindow) -> None:
    standard = QKeySequence.StandardKey
    for action, key in (
        (window.contacts.new_contact_action, standard.New),
        (window.find_action, standard.Find),
        (window.contacts.delete_action, standard.Delete),
        (window.undo_action, standard.Undo),
        (window.redo_action, standard.Redo),
    ):
        assert action.shortcut() == QKeySequence.keyBindings(key)[0]
    assert not window.preferences_action.shortcut().isEmpty()
    assert not window.quit_action.shortcut().isEmpty()
    for action in (
        window.contacts.new_contact_action,
        window.contacts.delete_action,
        window.undo_action,
        window.contacts.tag_action,
    ):
        assert not action.icon().isNull()


def test_keyboard_moves_between_panes(qtbot: QtBot, window: MainWindow) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.contact_list.hasFocus()
    qtbot.keyClick(window.contact_list, Qt.Key.Key_Down)
    assert window.detail_pane.contact_id is not None
    qtbot.keyClick(window.contact_list, Qt.Key.Key_Return)  # into the form
    assert window.detail_pane.editor("first_name").hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.follow_up_pane.view.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.sidebar.hasFocus()
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Down)  # Open networkers
    assert window.sidebar.current_key() == "open_networkers"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.follow_up_pane.view.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.contact_list, Qt.Key.Key_Down)  # an open networker
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.detail_pane.editor("first_name").hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.sidebar.hasFocus()


def test_columns_chosen_and_moved_are_remembered(qtbot: QtBot, services: Services, db_path: Path) -> None:
    first = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(first)
    first.attach(services)
    header = first.contact_list.horizontalHeader()
    email = FIELDS.index("primary_email")
    company = FIELDS.index("company")
    header.setSectionHidden(email, False)
    header.moveSection(header.visualIndex(company), 0)
    first.close()
    second = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(second)
    second.attach(services)
    header = second.contact_list.horizontalHeader()
    assert not header.isSectionHidden(email)
    assert header.visualIndex(company) == 0


def test_a_dark_palette_redraws_and_renders(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = QGuiApplication.palette()
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2b2c30"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
    ):
        dark.setColor(role, QColor(colour))
    try:
        app.setPalette(dark)
        qtbot.wait(10)
        window.open_contact(window.model.contact_id(0))
        image = window.grab().toImage()
        assert image.save(str(tmp_path / "dark.png"))
        tag_icon = window.sidebar.sidebar_model.data(
            window.sidebar.sidebar_model.index(1), Qt.ItemDataRole.DecorationRole
        )
        pixels = tag_icon.pixmap(QSize(32, 32)).toImage()
        lightest = max(
            pixels.pixelColor(x, y).lightness()
            for x in range(32)
            for y in range(32)
            if pixels.pixelColor(x, y).alpha() > 200
        )
        assert lightest > 180  # drawn in the dark palette's light text colour
        assert image.pixelColor(5, image.height() // 2).lightness() < 80  # the sidebar's dark background
    finally:
        app.setPalette(light)


def test_icons_are_sharp_at_high_dpi(window: MainWindow) -> None:
    for name in ("tag", "trash", "undo", "open_networker"):
        pixmap = icon(name).pixmap(QSize(16, 16), 2.0)
        assert pixmap.size() == QSize(32, 32)
        assert pixmap.devicePixelRatio() == 2.0


def test_an_empty_database_welcomes_and_fills_with_demo_data(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(str(tmp_path / "empty.sqlite3"))
    try:
        window = MainWindow(app_settings(), str(tmp_path / "empty.sqlite3"))
        qtbot.addWidget(window)
        window.attach(Services(store))
        window.show()
        welcome = window.welcome_view
        assert welcome.isVisible() and not window.contact_list.isVisible()
        window.import_requested.disconnect()  # the import wizard is not under test here
        with qtbot.waitSignal(window.import_requested):
            qtbot.mouseClick(welcome.import_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
        assert not welcome.demo_button.isEnabled()
        qtbot.waitUntil(lambda: window.model.total_count() == 2000, timeout=30_000)
        assert window.contact_list.isVisible() and not welcome.isVisible()
        assert window.sidebar.sidebar_model.count_of("all") == 2000
    finally:
        store.close()


def test_markup_from_data_is_plain_text_everywhere(
    qtbot: QtBot, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_name = "<b>x<i><img src=y>"  # a file name cannot hold the "/" of "</b>"
    db = tmp_path / f"{file_name}.sqlite3"
    store = Store.open(str(db))
    try:
        svc = Services(store)
        added = svc.add_contact(ContactDraft(display_name=MARKUP, first_name="Eve", tags=(MARKUP,)))
        window = MainWindow(app_settings(), str(db))
        qtbot.addWidget(window)
        window.attach(svc)
        window.show()
        assert window.windowTitle() == f"{file_name}.sqlite3 — netcrm"
        window.open_contact(added.id)
        assert window.detail_pane.name_label.text() == MARKUP
        assert window.detail_pane.name_label.textFormat() == Qt.TextFormat.PlainText
        model = window.sidebar.sidebar_model
        row = model.row_of(f"tag:{MARKUP}")
        assert row is not None
        assert model.data(model.index(row)) == MARKUP
        assert "&lt;b&gt;" in model.data(model.index(row), Qt.ItemDataRole.ToolTipRole)
        window.detail_pane.editor("company")
        assert window.editing.save_field("company", "Acme")
        assert window.undo_action.text().replace("&&", "&").endswith(f"set company of {MARKUP}")
        svc.edit_contact(added.id, {"position": "Boss"})  # elsewhere: the save will conflict
        seen: list[Qt.TextFormat] = []
        texts: list[str] = []

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, answer)
                return
            seen.append(box.textFormat())
            texts.append(box.text())
            button = box.findChild(QPushButton, "reloadButton")
            assert button is not None
            button.click()

        QTimer.singleShot(0, answer)
        assert not window.editing.save_field("company", "Other")
        assert seen == [Qt.TextFormat.PlainText] and MARKUP in texts[0]
    finally:
        store.close()


def test_preferences_change_how_far_recently_added_looks(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QDialog, QSpinBox

    assert window.sidebar.sidebar_model.count_of("recent") == 300

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or dialog.objectName() != "preferencesDialog":
            QTimer.singleShot(20, answer)
            return
        spin = dialog.findChild(QSpinBox)
        assert spin is not None and spin.value() == 30
        spin.setValue(7)
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.preferences_action.trigger()
    assert window.recent_days() == 7
    assert window.sidebar.sidebar_model.count_of("recent") == 300  # all made today
