"""The window reads the whole list again in a worker, and never shows a read that a write has overtaken."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.ui import loaders, refresher
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from tests.ui.waiting import settle


def held_reads(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event, list[int]]:
    """Make each read wait for `release` after it has begun (`started`); `begun` counts the reads."""
    started, release, begun = threading.Event(), threading.Event(), []

    def load(*args: object, **kwargs: object) -> loaders.Everything:
        found = loaders.load_everything(*args, **kwargs)  # type: ignore[arg-type]
        begun.append(1)
        started.set()
        assert release.wait(10)
        return found

    monkeypatch.setattr(refresher, "load_everything", load)
    return started, release, begun


def test_a_read_overtaken_by_a_write_is_read_again_before_it_is_shown(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release, begun = held_reads(monkeypatch)
    shown: list[int] = []
    window.rows_changed(then=lambda: shown.append(window.model.total_count()))
    assert started.wait(10)
    services.add_contact(ContactDraft(first_name="Written", last_name="Meanwhile"))  # after the read began
    release.set()
    settle(qtbot, window)
    assert len(begun) == 2  # the first read was dropped: it predates the write
    assert shown == [301]  # the callback ran once, on what is current
    assert "Contacts: 301" in window.counts_label.text()


def test_asks_during_a_read_are_served_by_one_more_read(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release, begun = held_reads(monkeypatch)
    calls: list[str] = []
    window.rows_changed(then=lambda: calls.append("first"))
    assert started.wait(10)
    for name in ("second", "third", "fourth"):
        window.reload(then=lambda n=name: calls.append(n))  # type: ignore[misc]
    assert window.refreshing()
    release.set()
    settle(qtbot, window)
    assert len(begun) == 2
    assert calls == ["first", "second", "third", "fourth"]


def test_a_read_that_lands_after_its_window_is_gone_is_dropped(
    qtbot: QtBot, services: Services, db_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release, _begun = held_reads(monkeypatch)
    window = MainWindow(app_settings(), str(db_path))
    window.attach(services)
    shown: list[int] = []
    window.reload(then=lambda: shown.append(1))
    assert started.wait(10)
    window.deleteLater()
    settle(qtbot, window)  # ends once the window is destroyed: its read will not be shown
    release.set()
    qtbot.wait(200)  # the result arrives and goes nowhere (touching the window would raise)
    assert shown == []


def test_long_id_lists_are_read_ahead_in_the_worker_not_on_their_first_click(
    qtbot: QtBot, window: MainWindow, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loaders, "READ_AHEAD_FROM", 1)
    window.reload()
    settle(qtbot, window)

    def on_the_gui_thread(*_args: object) -> list[int]:
        raise AssertionError("read on the GUI thread")

    monkeypatch.setattr(services, "smart_list_ids", on_the_gui_thread)
    window.sidebar.choose("recent")
    assert window.model.rowCount() == 300  # the demo contacts were all added today
