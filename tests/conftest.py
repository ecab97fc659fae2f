"""Shared fixtures: every test runs on its own data folder, so none can touch real data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from netcrm.core.clock import FixedClock
from netcrm.core.services import Services
from netcrm.core.store.store import Store

NOW = datetime(2026, 3, 15, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def _isolated_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETCRM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NETCRM_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.delenv("NETCRM_DB", raising=False)
    monkeypatch.delenv("NETCRM_CRASHPOINT", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test's database lives (not created yet)."""
    return tmp_path / "db" / "netcrm.sqlite3"


@pytest.fixture
def clock() -> FixedClock:
    """A clock that tests move by hand."""
    return FixedClock(NOW)


@pytest.fixture
def svc(db_path: Path, clock: FixedClock) -> Iterator[Services]:
    """Services on a fresh real SQLite file."""
    store = Store.open(str(db_path))
    try:
        yield Services(store, clock)
    finally:
        store.close()
