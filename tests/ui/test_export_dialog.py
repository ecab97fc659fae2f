"""The export dialog on the demo database: each format and scope, Cancel, errors (real files, pytest-qt)."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from netcrm.core.errors import EnvironmentFailure
from netcrm.core.model import ContactFilter
from netcrm.core.services import Services
from netcrm.ui.contact_table_model import NAME_COLUMN
from netcrm.ui.dialogs import export as export_module
from netcrm.ui.dialogs.export import LAST_FOLDER_KEY, ExportDialog
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone()


def open_dialog(qtbot: QtBot, window: MainWindow) -> ExportDialog:
    window.import_export.export_action.trigger()
    dialog = window.import_export.export_dialog
    assert dialog is not None and dialog.isVisible()
    # no qtbot.addWidget: the window owns the dialog and deletes it when a second one opens
    return dialog


def choose_format(dialog: ExportDialog, key: str) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(key))


def export(qtbot: QtBot, dialog: ExportDialog, path: Path) -> None:
    dialog.set_path(path)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    layout = dialog.layout()
    assert layout is not None
    layout.activate()  # place the buttons the outcome just showed, as the next event loop turn would


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_everything_to_a_workbook(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.contact_list.clearSelection()
    dialog = open_dialog(qtbot, window)
    assert dialog.scope_buttons["all"].isChecked()
    assert dialog.scope_buttons["all"].text() == "&Everything (300 contacts)"
    assert not dialog.scope_buttons["selection"].isEnabled()
    choose_format(dialog, "xlsx")
    assert dialog.sheet_per_tag.isEnabled()
    box = dialog.sheet_per_tag
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert box.isChecked()
    target = tmp_path / "out" / "all.xlsx"
    target.parent.mkdir()
    export(qtbot, dialog, target)
    assert dialog.outcome is not None and dialog.outcome.count == 300
    assert dialog.status_label.text().startswith(f"Exported 300 contacts to {target}.")
    assert dialog.close_button.isVisible() and dialog.export_button.isHidden()
    book = openpyxl.load_workbook(target, read_only=True)
    assert sum(1 for _row in book["Contacts"].iter_rows()) == 301
    assert len(book.sheetnames) > 5  # Contacts, Follow-ups, Interactions, Tags, About and a sheet per tag
    book.close()
    assert app_settings().value(LAST_FOLDER_KEY) == str(target.parent)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


@pytest.mark.parametrize(
    ("key", "check"),
    [
        ("csv", lambda p: len(csv_rows(p)) == 300 and "Display name" in csv_rows(p)[0]),
        ("csv-linkedin", lambda p: len(csv_rows(p)) == 300 and "Connected On" in csv_rows(p)[0]),
        (
            "vcf3",
            lambda p: p.read_text("utf-8").count("BEGIN:VCARD") == 300 and "VERSION:3.0" in p.read_text(),
        ),
        (
            "vcf4",
            lambda p: p.read_text("utf-8").count("BEGIN:VCARD") == 300 and "VERSION:4.0" in p.read_text(),
        ),
    ],
)
def test_everything_to_csv_and_vcard(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, key: str, check: Callable[[Path], bool]
) -> None:
    dialog = open_dialog(qtbot, window)
    choose_format(dialog, key)
    assert not dialog.sheet_per_tag.isEnabled()
    suffix = dialog.chosen_format().suffix
    assert dialog.path_edit.text().endswith(suffix)
    target = tmp_path / f"contacts{suffix}"
    export(qtbot, dialog, target)
    assert dialog.outcome is not None and dialog.outcome.count == 300
    assert check(target)


def select_rows(window: MainWindow, rows: range) -> list[int]:
    view = window.contact_list
    selection = view.selectionModel()
    for row in rows:
        selection.select(
            window.model.index(row, NAME_COLUMN),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    return [window.model.contact_id(row) for row in rows]


def test_the_selection(qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path) -> None:
    ids = select_rows(window, range(3, 8))
    dialog = open_dialog(qtbot, window)
    assert dialog.scope_buttons["selection"].isChecked()
    assert dialog.scope_buttons["selection"].text() == "The &selection (5 contacts)"
    choose_format(dialog, "csv")
    target = tmp_path / "selected.csv"
    export(qtbot, dialog, target)
    assert dialog.outcome is not None and dialog.outcome.count == 5
    names = {services.get_contact(i).display_name for i in ids}
    assert {row["Display name"] for row in csv_rows(target)} == names


def test_the_current_view(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    word = window.model.data(window.model.index(0, NAME_COLUMN)).split()[0]
    qtbot.keyClicks(window.search_box, word)
    shown = window.model.rowCount()
    assert 0 < shown < 300
    dialog = open_dialog(qtbot, window)
    assert dialog.scope_buttons["view"].isChecked()
    assert dialog.scope_buttons["view"].text() == f"The current &view ({shown} contacts)"
    choose_format(dialog, "vcf3")
    target = tmp_path / "view.vcf"
    export(qtbot, dialog, target)
    assert dialog.outcome is not None and dialog.outcome.count == shown
    assert target.read_text("utf-8").count("BEGIN:VCARD") == shown
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    again = open_dialog(qtbot, window)  # the last format and folder are remembered
    assert again.chosen_format().key == "vcf3"
    assert Path(again.path_edit.text()).parent == tmp_path


def test_choose_asks_where_to_save(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def save_dialog(_parent: Any, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(tmp_path / "picked"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    dialog = open_dialog(qtbot, window)
    choose_format(dialog, "csv-linkedin")
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].endswith(".csv")
    assert dialog.path_edit.text() == str(tmp_path / "picked.csv")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=20_000)
    assert (tmp_path / "picked.csv").is_file()


def test_cancel_keeps_the_old_file_byte_identical(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.xlsx"
    old = b"the old file, which must survive"
    target.write_bytes(old)
    started, release = threading.Event(), threading.Event()
    real = services.export_contacts

    def blocking(*args: Any, **kwargs: Any) -> int:
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if not started.is_set():
                started.set()
                release.wait(10)

        kwargs["progress"] = progress
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "export_contacts", blocking)
    dialog = open_dialog(qtbot, window)
    choose_format(dialog, "xlsx")
    dialog.set_path(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    try:
        assert started.wait(10)
        assert dialog.progress_bar.isVisible()
        assert not dialog.format_combo.isEnabled() and not dialog.export_button.isEnabled()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # Cancel stops the export first; the dialog stays
    finally:
        release.set()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert dialog.status_label.text() == "Export cancelled: no file was written or changed."
    assert dialog.outcome is None
    assert target.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("keep", "."))) == ["keep.xlsx"]
    assert dialog.export_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_notices_are_shown(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.export_contacts
    notice = "70,000 links: the first 65,530 are links, the rest plain text <b>"

    def with_notice(*args: Any, **kwargs: Any) -> int:
        kwargs["on_notice"](notice)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "export_contacts", with_notice)
    dialog = open_dialog(qtbot, window)
    export(qtbot, dialog, tmp_path / "n.xlsx")
    assert dialog.status_label.text().endswith("\n" + notice)
    assert dialog.status_label.textFormat() == Qt.TextFormat.PlainText


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (EnvironmentFailure("/media/usb/x.xlsx: disk full; nothing was written"), "disk full"),
        (None, "no-such-folder"),
    ],
)
def test_errors_are_shown_as_plain_messages(
    qtbot: QtBot,
    window: MainWindow,
    services: Services,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception | None,
    expected: str,
) -> None:
    shown: list[tuple[QMessageBox.Icon, str, str]] = []
    monkeypatch.setattr(
        export_module, "show_message", lambda kind, title, text, **_k: shown.append((kind, title, text))
    )
    if failure is not None:

        def failing(*_a: Any, **_k: Any) -> int:
            raise failure

        monkeypatch.setattr(services, "export_contacts", failing)
    dialog = open_dialog(qtbot, window)
    export(qtbot, dialog, tmp_path / "no-such-folder" / "x.xlsx")
    assert len(shown) == 1
    kind, title, text = shown[0]
    assert kind == QMessageBox.Icon.Warning and title == "Export failed"
    assert expected in text
    assert dialog.status_label.text() == "The export failed; no file was written or changed."
    assert dialog.export_button.isEnabled() and dialog.outcome is None


def test_a_sidebar_list_and_the_trash_are_the_current_view(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    tag = next(t for t in services.list_tags() if t.count and not t.builtin)
    assert window.sidebar.choose(f"tag:{tag.name}")
    dialog = open_dialog(qtbot, window)
    assert dialog.scope_buttons["view"].isChecked()
    choose_format(dialog, "csv")
    export(qtbot, dialog, tmp_path / "tag.csv")
    rows = csv_rows(tmp_path / "tag.csv")
    assert len(rows) == tag.count
    assert all(tag.name in row["Tags"] for row in rows)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    trashed = [c.id for c in services.list_contacts()[:3]]
    services.delete_contacts(trashed)
    window.reload()
    assert window.sidebar.choose("trash")
    dialog = open_dialog(qtbot, window)
    assert dialog.scope_buttons["view"].text() == "The current &view (3 contacts)"
    assert dialog.scope_buttons["all"].text() == "&Everything (297 contacts)"
    export(qtbot, dialog, tmp_path / "trash.csv")
    in_trash = services.list_contacts(ContactFilter(trash=True))
    assert sorted(c.id for c in in_trash) == sorted(trashed)
    assert sorted(row["Display name"] for row in csv_rows(tmp_path / "trash.csv")) == sorted(
        c.display_name for c in in_trash
    )
