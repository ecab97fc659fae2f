"""The About box shows version, database, data folder and licence as plain text, with the app icon."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from netcrm import __version__
from netcrm.ui.app_icon import app_icon
from netcrm.ui.dialogs.about import AboutDialog, database_label


def open_dialog(qtbot: QtBot, database: str) -> AboutDialog:
    dialog = AboutDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_shows_version_database_data_folder_and_licence(qtbot: QtBot, tmp_path: Path) -> None:
    database = str(tmp_path / "work.sqlite3")
    dialog = open_dialog(qtbot, database)
    assert dialog.version_label.text() == __version__
    assert __version__ in dialog.title_label.text()
    assert dialog.database_label.text() == database
    assert dialog.data_folder_label.text() == str(tmp_path / "data")  # NETCRM_DATA_DIR of the fixture
    assert "GPL-3.0-or-later" in dialog.licence_label.text()
    assert "NO WARRANTY" in dialog.licence_label.text()


def test_every_text_is_plain_and_selectable(qtbot: QtBot, tmp_path: Path) -> None:
    markup = str(tmp_path / "<b>bold</b><img src=x>.sqlite3")
    dialog = open_dialog(qtbot, markup)
    assert dialog.database_label.text() == markup
    texts = [label for label in dialog.findChildren(QLabel) if label.text()]
    for label in (dialog.version_label, dialog.database_label, dialog.data_folder_label):
        assert label in texts
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.licence_label.textFormat() == Qt.TextFormat.PlainText


def test_shows_the_app_icon(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, str(tmp_path / "x.sqlite3"))
    pixmap = dialog.icon_label.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() == 64
    assert not app_icon().isNull()
    assert {s.width() for s in app_icon().availableSizes()} == {16, 24, 32, 48, 64, 128, 256}


def test_a_server_url_is_shown_without_its_password(qtbot: QtBot) -> None:
    url = "postgresql+psycopg://ada:s3cret@db.example.org:5432/netcrm"
    dialog = open_dialog(qtbot, url)
    assert dialog.database_label.text() == "postgresql+psycopg://db.example.org:5432/netcrm"
    assert "s3cret" not in dialog.database_label.text()
    assert database_label("/home/ada/netcrm.sqlite3") == "/home/ada/netcrm.sqlite3"


def test_close_button_closes(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, str(tmp_path / "x.sqlite3"))
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
