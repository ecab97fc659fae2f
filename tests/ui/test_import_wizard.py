"""The import wizard on real fixture files and a real database, driven with real clicks (pytest-qt)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThreadPool, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QWizard
from pytestqt.qtbot import QtBot

from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.import_wizard import (
    FILE_PAGE,
    IMPORT_PAGE,
    MAPPING_PAGE,
    PREVIEW_PAGE,
    REPORT_PAGE,
    ImportWizard,
    headers_key,
)
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from tests.dbcheck import db_fingerprint
from tests.ui.waiting import settle

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
LINKEDIN = DATA / "linkedin" / "connections_2024.csv"
BIG_LINKEDIN = DATA / "samples" / "linkedin" / "Connections-random-names.csv"
TRACKER = DATA / "generic" / "networking_tracker.csv"
WORKBOOK = DATA / "xlsx" / "contacts.xlsx"


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[tuple[Services, Path]]:
    """Services over a new, empty database file."""
    path = tmp_path / "import.sqlite3"
    store = Store.open(str(path))
    yield Services(store), path
    store.close()


def make_wizard(qtbot: QtBot, services: Services, path: Path | None = None) -> ImportWizard:
    wizard = ImportWizard(services, app_settings(), path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def wait_ready(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy() and wizard.currentPage().isComplete(), timeout=10_000)


def click(qtbot: QtBot, wizard: ImportWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def blocking(
    real: Callable[..., Any], started: threading.Event, release: threading.Event, threads: list[int]
) -> Callable[..., Any]:
    """Wrap a service so that its first progress report waits until the test lets it go."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if not started.is_set():
                started.set()
                release.wait(10)

        kwargs["progress"] = progress
        return real(*args, **kwargs)

    return wrapper


def test_a_linkedin_file_goes_through_every_page(
    qtbot: QtBot, empty: tuple[Services, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, _db = empty
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(LINKEDIN), ""))
    wizard = make_wizard(qtbot, services)
    page = wizard.file_page
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    wait_ready(qtbot, wizard)
    assert page.path_edit.text() == str(LINKEDIN)
    assert page.format_label.text() == "LinkedIn Connections.csv"
    assert page.encoding_label.text() == "utf-8"
    assert "Connected On" in page.columns_label.text()
    assert page.rows_label.text().startswith("10 people")
    assert "2 hidden members" in page.rows_label.text()
    assert page.error_label.isHidden()

    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PREVIEW_PAGE  # fixed columns: no mapping page
    wait_ready(qtbot, wizard)
    preview = wizard.preview_page
    expected = services.plan_import(services.read_import(LINKEDIN)).counts
    for key, label in preview.count_labels.items():
        assert label.text() == str(expected[key])
    assert expected["created"] == 10
    assert "2 hidden members" in preview.note_label.text()
    qtbot.keyClicks(preview.tags_edit, "linkedin-2025, job fair")

    batches: list[int] = []
    wizard.imported.connect(batches.append)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    report = wizard.report_page
    assert report.summary_label.text().startswith("Created 10 new contacts, updated 0, left 0 unchanged")
    assert len(batches) == 1 and batches[0] == services.list_batches()[0].id
    assert services.count_contacts() == 10
    tags = {t.name for t in services.list_tags()}
    assert {"linkedin-2025", "job fair"} <= tags
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()

    undone: list[int] = []
    wizard.undone.connect(undone.append)
    qtbot.mouseClick(report.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(undone), timeout=10_000)
    assert report.undo_label.text().startswith("Import undone: removed 10 contacts")
    assert undone == batches
    assert services.count_contacts() == 0
    click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert not wizard.isVisible()


def test_importing_the_same_file_again_says_nothing_changes(
    qtbot: QtBot, empty: tuple[Services, Path]
) -> None:
    services, _db = empty
    services.apply_import(services.read_import(LINKEDIN))
    wizard = make_wizard(qtbot, services, LINKEDIN)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    assert wizard.preview_page.count_labels["created"].text() == "0"
    assert "importing changes nothing" in wizard.preview_page.note_label.text()
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert wizard.report_page.summary_label.text().startswith("Nothing new")
    assert wizard.report_page.undo_button.isHidden()


def test_cancel_mid_import_writes_nothing_and_the_window_stays_responsive(
    qtbot: QtBot, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_fingerprint(db_path)
    started, release, threads = threading.Event(), threading.Event(), []
    monkeypatch.setattr(services, "apply_import", blocking(services.apply_import, started, release, threads))
    wizard = make_wizard(qtbot, services, BIG_LINKEDIN)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    assert wizard.preview_page.count_labels["created"].text() == "506"
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    assert wizard.currentId() == IMPORT_PAGE
    page = wizard.import_page
    try:
        assert started.wait(10)
        ticks: list[int] = []
        heartbeat = QTimer()
        heartbeat.timeout.connect(lambda: ticks.append(1))
        heartbeat.start(10)
        qtbot.waitUntil(lambda: len(ticks) >= 5)  # the GUI thread runs while the import works
        heartbeat.stop()
        assert threads and threads[0] != threading.get_ident()
        assert page.cancel_button.isVisible()
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not page.busy(), timeout=10_000)
    assert page.status_label.text() == "Import cancelled: nothing was imported."
    assert db_fingerprint(db_path) == before
    assert wizard.currentId() == IMPORT_PAGE
    assert page.retry_button.isVisible()

    qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)  # the block is released: it finishes
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert services.count_contacts() == 300 + 506


def test_closing_the_wizard_during_the_import_cancels_it(
    qtbot: QtBot, services: Services, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = db_fingerprint(db_path)
    started, release, threads = threading.Event(), threading.Event(), []
    monkeypatch.setattr(services, "apply_import", blocking(services.apply_import, started, release, threads))
    wizard = make_wizard(qtbot, services, LINKEDIN)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    try:
        assert started.wait(10)
        wizard.reject()  # the window's close button, or Escape
        assert wizard.isVisible()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not wizard.import_page.busy(), timeout=10_000)
    assert "nothing was imported" in wizard.import_page.status_label.text()
    assert db_fingerprint(db_path) == before
    wizard.reject()
    assert not wizard.isVisible()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bad/empty.csv", "the file is empty (0 bytes)"),
        ("bad/random_binary.csv", "not a contacts file: it is binary data"),
        ("linkedin/Invitations.csv", "this is LinkedIn's Invitations.csv"),
    ],
)
def test_a_refused_file_shows_its_message_and_cannot_go_on(
    qtbot: QtBot, empty: tuple[Services, Path], name: str, message: str
) -> None:
    services, db = empty
    before = db_fingerprint(db)
    wizard = make_wizard(qtbot, services, DATA / name)
    page = wizard.file_page
    qtbot.waitUntil(lambda: not wizard.busy(), timeout=10_000)
    assert page.error_label.isVisible()
    assert page.error_label.textFormat() == Qt.TextFormat.PlainText
    assert page.error_label.text().startswith(str(DATA / name) + ": ")
    assert message in page.error_label.text()
    assert "\n" not in page.error_label.text()
    assert page.details.isHidden()
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert db_fingerprint(db) == before


def test_a_good_file_after_a_refused_one_can_go_on(qtbot: QtBot, empty: tuple[Services, Path]) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, DATA / "bad" / "empty.csv")
    qtbot.waitUntil(lambda: wizard.file_page.error_label.isVisible(), timeout=10_000)
    wizard.file_page.path_edit.setFocus()
    wizard.file_page.path_edit.setText(str(LINKEDIN))
    wizard.file_page.path_edit.editingFinished.emit()
    wait_ready(qtbot, wizard)
    assert wizard.file_page.error_label.isHidden()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def mapping_combo(wizard: ImportWizard, header: str) -> Any:
    return next(combo for name, combo in wizard.mapping_page.combos if name == header)


def test_the_column_mapping_is_editable_and_remembered(qtbot: QtBot, empty: tuple[Services, Path]) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, TRACKER)
    wait_ready(qtbot, wizard)
    assert wizard.file_page.format_label.text().startswith("CSV table")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == MAPPING_PAGE
    wait_ready(qtbot, wizard)
    page = wizard.mapping_page
    assert page.sheet_row.isHidden()
    assert [name for name, _combo in page.combos] == [
        "Name",
        "Company / Org",
        "LinkedIn",
        "E-mail",
        "Tags",
        "Next follow-up",
    ]
    assert mapping_combo(wizard, "Company / Org").currentData() == "company"
    follow_up = mapping_combo(wizard, "Next follow-up")
    assert follow_up.currentData() == "follow_up"  # a follow-up on that date (issue 14)
    outcome = wizard.outcome
    assert outcome is not None
    assert any(w.column == "Next follow-up" and "next week" in w.reason for w in outcome.result.warnings)

    follow_up.setCurrentIndex(follow_up.findData("notes"))
    follow_up.activated.emit(follow_up.currentIndex())  # what a click on an item does
    assert not page.isComplete()  # re-reading with the new mapping
    wait_ready(qtbot, wizard)
    outcome = wizard.outcome
    assert outcome is not None
    assert not any("Next follow-up" in w.reason for w in outcome.result.warnings)
    assert any(row.notes == "next week" for row in outcome.result.rows)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PREVIEW_PAGE
    wait_ready(qtbot, wizard)
    assert app_settings().value(headers_key(outcome.result.headers))
    wizard.reject()

    again = make_wizard(qtbot, services, TRACKER)
    wait_ready(qtbot, again)
    click(qtbot, again, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, again)
    assert mapping_combo(again, "Next follow-up").currentData() == "notes"
    outcome = again.outcome
    assert outcome is not None
    assert any(row.notes == "next week" for row in outcome.result.rows)


def test_a_mapping_without_a_name_column_is_refused_on_the_mapping_page(
    qtbot: QtBot, empty: tuple[Services, Path]
) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, TRACKER)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    for header in ("Name", "LinkedIn", "E-mail"):
        combo = mapping_combo(wizard, header)
        combo.setCurrentIndex(combo.findData("ignore"))
    combo.activated.emit(combo.currentIndex())
    page = wizard.mapping_page
    qtbot.waitUntil(lambda: page.error_label.isVisible(), timeout=10_000)
    assert "no column holds a name" in page.error_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_workbook_offers_its_sheets(qtbot: QtBot, empty: tuple[Services, Path]) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, WORKBOOK)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == MAPPING_PAGE
    wait_ready(qtbot, wizard)
    page = wizard.mapping_page
    assert page.sheet_row.isVisible()
    sheets = [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())]
    assert sheets == ["Lookups", "Contacts", "Recruiters"]
    first = wizard.outcome
    assert first is not None
    page.sheet_combo.setCurrentText("Recruiters")
    page.sheet_combo.activated.emit(page.sheet_combo.currentIndex())
    wait_ready(qtbot, wizard)
    second = wizard.outcome
    assert second is not None
    assert wizard.sheet == "Recruiters"
    assert second.result.rows != first.result.rows
    assert [name for name, _combo in page.combos] == [h for h in second.result.headers if h.strip()]
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    assert wizard.preview_page.count_labels["created"].text() == str(len(second.result.rows))


def test_all_or_nothing_blocks_a_file_with_skipped_rows(qtbot: QtBot, empty: tuple[Services, Path]) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, TRACKER)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    preview = wizard.preview_page
    assert preview.count_labels["skipped"].text() == "1"
    assert preview.skipped_table.rowCount() == 1
    assert preview.skipped_table.item(0, 0).text() == "8"
    assert "no name" in preview.skipped_table.item(0, 2).text()
    assert preview.tabs.tabText(0) == "Skipped rows (1)"
    qtbot.mouseClick(preview.all_or_nothing, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert preview.all_or_nothing.isChecked()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "nothing can be imported" in preview.error_label.text()
    qtbot.mouseClick(preview.all_or_nothing, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def test_the_preview_lists_job_changes_and_possible_duplicates(
    qtbot: QtBot, empty: tuple[Services, Path], tmp_path: Path
) -> None:
    from netcrm.core.model import ContactDraft

    services, _db = empty
    services.apply_import(services.read_import(LINKEDIN))
    services.add_contact(ContactDraft(first_name="Grace", last_name="Hopper", company="Navy Research"))
    moved = tmp_path / "Connections.csv"
    text = LINKEDIN.read_text(encoding="utf-8").replace("Contoso Ltd", "Fabrikam Group")
    moved.write_text(text, encoding="utf-8")
    wizard = make_wizard(qtbot, services, moved)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    jobs = wizard.preview_page.jobs_table
    assert jobs.rowCount() == 1
    assert [jobs.item(0, c).text() for c in range(4)] == [
        'Samuel "Sam" Okafor, MBA',
        "company",
        "Contoso Ltd",
        "Fabrikam Group",
    ]
    wizard.reject()

    duplicate = make_wizard(qtbot, services, TRACKER)  # Grace Hopper at Navy Research, no shared key
    wait_ready(qtbot, duplicate)
    click(qtbot, duplicate, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, duplicate)
    click(qtbot, duplicate, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, duplicate)
    table = duplicate.preview_page.duplicates_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == table.item(0, 2).text() == "Grace Hopper"


def drag_events(window: MainWindow, path: Path) -> tuple[QMimeData, QDragEnterEvent, QDropEvent]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    centre = window.rect().center()
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    return mime, enter, drop


def test_dropping_a_file_on_the_window_opens_the_wizard(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    assert window.acceptDrops()
    _mime, enter, drop = drag_events(window, LINKEDIN)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    wizard = window.import_export.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.addWidget(wizard)
    assert wizard.file_page.path_edit.text() == str(LINKEDIN)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    settle(qtbot, window)
    assert window.model.total_count() == 310  # the window reloaded after the import
    assert "Contacts: 310" in window.counts_label.text()
    qtbot.mouseClick(wizard.report_page.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.total_count() == 300, timeout=10_000)


def test_a_folder_or_a_remote_url_is_not_accepted(window: MainWindow, tmp_path: Path) -> None:
    _mime, enter, _drop = drag_events(window, tmp_path)
    enter.setAccepted(False)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/Connections.csv")])
    remote = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    remote.setAccepted(False)
    QApplication.sendEvent(window, remote)
    assert not remote.isAccepted()
    assert window.import_export.wizard is None


def test_import_and_export_are_in_the_file_menu_and_on_the_toolbar(qtbot: QtBot, window: MainWindow) -> None:
    actions = window.import_export
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    texts = [a.text() for a in file_menu.actions()]
    assert texts.index("&Import…") < texts.index("&Export…") < texts.index("&Quit")
    assert actions.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert actions.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert actions.import_action in window.toolbar.actions()
    assert actions.export_action in window.toolbar.actions()
    assert not actions.import_action.icon().isNull()
    assert actions.import_action.isEnabled() and actions.export_action.isEnabled()
    actions.import_action.trigger()
    wizard = actions.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.addWidget(wizard)
    assert wizard.currentId() == FILE_PAGE
    wizard.reject()


def test_a_table_netcrm_cannot_read_by_itself_is_mapped_by_hand(
    qtbot: QtBot, empty: tuple[Services, Path]
) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, DATA / "generic" / "needs_mapping.csv")
    wait_ready(qtbot, wizard)
    page = wizard.file_page
    assert page.columns_label.text() == "Col A, Col B, Col C"
    assert page.error_label.isHidden()
    assert "no header row naming" in page.note_label.text()
    assert "--map" not in page.note_label.text()
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == MAPPING_PAGE
    mapping = wizard.mapping_page
    assert all(combo.currentData() == "ignore" for _name, combo in mapping.combos)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    for header, field in (("Col A", "name"), ("Col B", "email"), ("Col C", "company")):
        combo = mapping_combo(wizard, header)
        combo.setCurrentIndex(combo.findData(field))
        combo.activated.emit(combo.currentIndex())
    wait_ready(qtbot, wizard)
    outcome = wizard.outcome
    assert outcome is not None and outcome.needed is None
    assert [(r.first_name, r.emails, r.company) for r in outcome.result.rows] == [
        ("Hiro", ("hiro@example.jp",), "Sony"),
        ("Mika", ("mika@example.fi",), "Nokia"),
    ]
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    assert wizard.preview_page.count_labels["created"].text() == "2"


def test_the_welcome_views_import_button_opens_the_wizard(
    qtbot: QtBot, empty: tuple[Services, Path], tmp_path: Path
) -> None:
    services, db = empty
    window = MainWindow(app_settings(), str(db))
    qtbot.addWidget(window)
    window.attach(services)
    window.show()
    qtbot.waitExposed(window)
    button = window.welcome_view.import_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wizard = window.import_export.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.addWidget(wizard)
    wizard.file_page.set_path(LINKEDIN)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    settle(qtbot, window)
    assert window.model.total_count() == 10
    assert not window.welcome_view.isVisible()


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("linkedin/Basic_LinkedInDataExport_11-24-2025.zip", "LinkedIn data export (.zip)"),
        ("google/google_contacts_legacy_utf16.csv", "Google Contacts CSV"),
        ("outlook/outlook_desktop_de.csv", "Outlook CSV"),
        ("vcard/outlook_21_cp1252.vcf", "vCard"),
    ],
)
def test_formats_with_fixed_columns_skip_the_mapping_page(
    qtbot: QtBot, empty: tuple[Services, Path], name: str, label: str
) -> None:
    services, _db = empty
    wizard = make_wizard(qtbot, services, DATA / name)
    wait_ready(qtbot, wizard)
    assert wizard.file_page.format_label.text() == label
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == PREVIEW_PAGE
    wait_ready(qtbot, wizard)
    outcome = wizard.outcome
    assert outcome is not None
    assert wizard.preview_page.count_labels["created"].text() == str(len(outcome.result.rows))


def test_once_everything_is_written_the_page_says_saving_and_cancel_is_gone(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit's disk sync has no steps: a busy bar, and no Cancel that could no longer roll back."""
    written, release = threading.Event(), threading.Event()
    real = services.apply_import

    def held_at_the_end(*args: Any, **kwargs: Any) -> Any:
        report = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            report(done, total)
            if 0 < total <= done and not written.is_set():
                written.set()
                release.wait(10)

        kwargs["progress"] = progress
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "apply_import", held_at_the_end)
    wizard = make_wizard(qtbot, services, BIG_LINKEDIN)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    wait_ready(qtbot, wizard)
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    page = wizard.import_page
    try:
        assert written.wait(10)
        qtbot.waitUntil(lambda: page.status_label.text() == "Saving…")
        assert page.progress_bar.maximum() == 0  # busy: no steps to count
        assert not page.cancel_button.isEnabled()
    finally:
        release.set()
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    assert services.count_contacts() == 300 + 506
