"""pytest-qt fixtures: a real demo database under tmp_path, isolated settings, cache and data folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from tests.ui.waiting import settle

DEMO_CONTACTS = 300


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Data, settings and icon cache go to tmp_path; nothing touches the user's real ones."""
    monkeypatch.setenv("NETCRM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETCRM_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NETCRM_DB", raising=False)
    monkeypatch.delenv("NETCRM_EXIT_AFTER_PAINT", raising=False)
    monkeypatch.setenv(
        "NETCRM_NO_REMINDERS", "1"
    )  # tests start the reminders themselves, with a fake notifier


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database lives."""
    return tmp_path / "data" / "netcrm.sqlite3"


@pytest.fixture
def services(db_path: Path) -> Iterator[Services]:
    """Services over a real SQLite file holding 300 demo contacts."""
    store = Store.open(str(db_path))
    svc = Services(store)
    svc.add_demo(DEMO_CONTACTS)
    yield svc
    store.close()


@pytest.fixture
def window(qtbot: QtBot, services: Services, db_path: Path) -> MainWindow:
    """The main window on the demo database, shown (offscreen) and loaded."""
    win = MainWindow(app_settings(), str(db_path))
    # A read the test started is shown before the window closes, so it is checked like the rest.
    qtbot.addWidget(win, before_close_func=lambda w: settle(qtbot, w))
    win.attach(services)
    win.show()
    qtbot.waitExposed(win)
    return win
