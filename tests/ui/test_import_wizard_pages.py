"""The wizard's pages on the one-pass read: what they show comes from the core's results, not from reading
the file again, matching error texts, or reading contacts one at a time (pytest-qt, real files, real db)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from netcrm.core.errors import NotFoundError
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.import_wizard import MAPPING_PAGE, PREVIEW_PAGE, REPORT_PAGE, ImportWizard
from netcrm.ui.import_wizard.state import guessed_mapping
from netcrm.ui.settings import app_settings

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
LINKEDIN = DATA / "linkedin" / "connections_2024.csv"
TRACKER = DATA / "generic" / "networking_tracker.csv"


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    store = Store.open(str(tmp_path / "pages.sqlite3"))
    yield Services(store)
    store.close()


def make_wizard(qtbot: QtBot, services: Services, path: Path) -> ImportWizard:
    wizard = ImportWizard(services, app_settings(), path)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def wait_ready(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy() and wizard.currentPage().isComplete(), timeout=10_000)


def next_page(qtbot: QtBot, wizard: ImportWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if not button.isVisible():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_ready(qtbot, wizard)


def test_the_file_is_read_once_and_its_parsed_bytes_are_what_the_batch_records(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(LINKEDIN.read_bytes())
    parsed_sha = hashlib.sha256(path.read_bytes()).hexdigest()
    wizard = make_wizard(qtbot, services, path)
    wait_ready(qtbot, wizard)
    path.unlink()  # the preview and the import work from the read: nothing opens the file again
    next_page(qtbot, wizard)
    assert wizard.currentId() == PREVIEW_PAGE
    created = int(wizard.preview_page.count_labels["created"].text())
    assert created > 0
    next_page(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=10_000)
    [batch] = services.list_batches()
    assert batch.sha256 == parsed_sha and batch.created == created


def test_a_table_to_map_starts_from_the_cores_guesses_and_words_its_own_advice(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    path = tmp_path / "fair.csv"
    path.write_text("Company,Wer,Adresse\nSony,Hiro Tanaka,hiro@example.jp\n", encoding="utf-8")
    wizard = make_wizard(qtbot, services, path)
    wait_ready(qtbot, wizard)
    note = wizard.file_page.note_label.text()
    assert note.startswith("no header row naming a name, e-mail, phone or LinkedIn column\n")
    assert note.endswith("Say what the columns hold on the next page.") and "--map" not in note
    assert wizard.file_page.encoding_label.text() == "utf-8"
    next_page_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_page_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == MAPPING_PAGE
    page = wizard.mapping_page
    assert page.current_mapping() == {"Company": "company", "Wer": "ignore", "Adresse": "ignore"}
    assert not next_page_button.isEnabled()
    for header, field in (("Wer", "name"), ("Adresse", "email")):
        combo = next(c for name, c in page.combos if name == header)
        combo.setCurrentIndex(combo.findData(field))
        combo.activated.emit(combo.currentIndex())
    wait_ready(qtbot, wizard)
    assert page.status_label.text() == "1 people read"
    next_page(qtbot, wizard)
    assert wizard.preview_page.count_labels["created"].text() == "1"


def test_the_preview_names_duplicates_from_the_plan_without_reading_each_contact(
    qtbot: QtBot, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcrm.core.model import ContactDraft

    services.add_contact(ContactDraft(first_name="Grace", last_name="Hopper", company="Navy Research"))

    def one_at_a_time(contact_id: int) -> None:
        raise NotFoundError(f"the preview read contact {contact_id} on its own")

    monkeypatch.setattr(services, "get_contact", one_at_a_time)
    wizard = make_wizard(qtbot, services, TRACKER)
    wait_ready(qtbot, wizard)
    next_page(qtbot, wizard)  # the mapping page: the tracker's columns are named
    next_page(qtbot, wizard)
    table = wizard.preview_page.duplicates_table
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == table.item(0, 2).text() == "Grace Hopper"
    assert wizard.preview_page.tabs.tabText(3) == "Possible duplicates (1)"


def test_guessed_mapping_takes_the_fields_the_read_used() -> None:
    assert guessed_mapping(("Name", "", "Web", "Name"), ("name", "ignore", "_website", "email")) == {
        "Name": "name",
        "Web": "ignore",
    }
