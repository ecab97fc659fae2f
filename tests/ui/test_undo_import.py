"""Undoing an import shows its progress and can be cancelled (the wizard's last page; Escape; the panel)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from netcrm.core import undo_batches
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.import_wizard import REPORT_PAGE, ImportWizard
from netcrm.ui.settings import app_settings
from netcrm.ui.workers import long_work
from tests.dbcheck import db_fingerprint

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
BIG_LINKEDIN = DATA / "samples" / "linkedin" / "Connections-random-names.csv"


@pytest.fixture(autouse=True)
def _no_leftover_jobs() -> Iterator[None]:
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[tuple[Services, Path]]:
    path = tmp_path / "undo.sqlite3"
    store = Store.open(str(path))
    yield Services(store), path
    store.close()


def gated(real: Callable[..., Any], started: threading.Event, release: threading.Event) -> Callable[..., Any]:
    """The undo service, stopping at its second progress report until the test lets it go."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        report = kwargs["progress"]
        calls: list[int] = []

        def progress(done: int, total: int) -> None:
            report(done, total)
            calls.append(done)
            if len(calls) == 2 and not started.is_set():
                started.set()
                release.wait(10)

        kwargs["progress"] = progress
        return real(*args, **kwargs)

    return wrapper


def imported_wizard(qtbot: QtBot, services: Services) -> ImportWizard:
    """The wizard on its last page after importing the 506-row sample."""
    wizard = ImportWizard(services, app_settings(), BIG_LINKEDIN)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)

    def ready() -> bool:
        return not wizard.busy() and wizard.currentPage().isComplete()

    qtbot.waitUntil(ready, timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ready, timeout=10_000)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == REPORT_PAGE, timeout=20_000)
    return wizard


def test_undo_shows_a_bar_cancel_rolls_back_and_a_second_undo_finishes(
    qtbot: QtBot, empty: tuple[Services, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, db = empty
    monkeypatch.setattr(undo_batches, "UNDO_CHUNK", 50)  # 506 contacts: eleven steps to watch
    wizard = imported_wizard(qtbot, services)
    assert services.count_contacts() == 506
    before = db_fingerprint(db)
    started, release = threading.Event(), threading.Event()
    monkeypatch.setattr(services, "undo_import", gated(services.undo_import, started, release))
    panel = wizard.report_page.undo_panel
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    try:
        assert started.wait(10)
        qtbot.waitUntil(lambda: panel.progress_bar.maximum() == 506)
        assert panel.progress_bar.isVisible() and panel.progress_bar.value() == 50
        assert panel.cancel_button.isVisible() and panel.undo_button.isHidden()
        assert panel.label.text() == "Undoing the import of Connections-random-names.csv…"
        assert not finish.isEnabled()  # Finish waits for the undo
        assert [job.status() for job in long_work()] == [
            "Undoing the import of Connections-random-names.csv (9%)"
        ]
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
        assert panel.label.text() == "Cancelling the undo…"
    finally:
        release.set()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert panel.label.text() == "Undo cancelled: the import is still there as it was."
    assert db_fingerprint(db) == before
    assert [b.status for b in services.list_batches()] == ["applied"]
    assert long_work() == []
    assert finish.isEnabled() and panel.undo_button.isVisible()

    undone: list[int] = []
    wizard.undone.connect(undone.append)
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)  # the gate is open: it finishes
    qtbot.waitUntil(lambda: bool(undone), timeout=10_000)
    assert panel.label.text().startswith("Import undone: removed 506 contacts and reverted 0.")
    assert services.count_contacts() == 0
    assert [b.status for b in services.list_batches()] == ["undone"]
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()


def test_escape_during_the_undo_cancels_it_and_keeps_the_wizard_open(
    qtbot: QtBot, empty: tuple[Services, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, db = empty
    monkeypatch.setattr(undo_batches, "UNDO_CHUNK", 50)
    wizard = imported_wizard(qtbot, services)
    before = db_fingerprint(db)
    started, release = threading.Event(), threading.Event()
    monkeypatch.setattr(services, "undo_import", gated(services.undo_import, started, release))
    panel = wizard.report_page.undo_panel
    qtbot.keyClick(panel.undo_button, Qt.Key.Key_Space)
    try:
        assert started.wait(10)
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
        assert wizard.isVisible()
        assert not panel.cancel_button.isEnabled()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not panel.busy(), timeout=10_000)
    assert panel.label.text() == "Undo cancelled: the import is still there as it was."
    assert db_fingerprint(db) == before
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # nothing runs now: Escape closes
    assert not wizard.isVisible()
