"""Issue 21 / 15, the app side: a read-only database opens with a banner (browse and export work, editing is
off), a database another program locks shows a banner and is opened once the lock goes, a synced folder
gets a warning. pytest-qt on real files; the read-only case on a read-only file system when the tests run
as root (whom file modes do not stop), else with file modes.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from netcrm import app
from netcrm.core.errors import DatabaseBusyError, DatabaseUnusableError
from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from netcrm.ui.store_banners import StoreOpener, show_store_state

DEMO = 120


def make_db(path: Path) -> Path:
    store = Store.open(str(path))
    try:
        Services(store).add_demo(DEMO)
    finally:
        store.close()
    return path


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[Path]:
    """A demo database that netcrm cannot write: on a read-only tmpfs as root, else by file modes."""
    if os.getuid() != 0:
        db = make_db(tmp_path / "ro" / "net.sqlite3")
        os.chmod(db, 0o444)
        os.chmod(db.parent, 0o555)
        yield db
        os.chmod(db.parent, 0o755)
        return
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"root cannot mount a tmpfs here to make a read-only file system: {done.stderr!r}")
    try:
        db = make_db(mount / "net.sqlite3")
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield db
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def window_on(qtbot: QtBot, store: Store, target: Path) -> MainWindow:
    window = MainWindow(app_settings(), str(target))
    qtbot.addWidget(window)
    window.attach(Services(store))
    show_store_state(window, store)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_read_only_database_opens_with_a_banner_browse_and_export_work_editing_is_off(
    qtbot: QtBot, read_only_db: Path, tmp_path: Path
) -> None:
    listing = sorted(os.listdir(read_only_db.parent))
    store = app._open_store(str(read_only_db))
    try:
        assert store.read_only
        window = window_on(qtbot, store, read_only_db)
        texts = window.banners.visible_texts()
        assert any(text.startswith("Read-only:") and "export" in text for text in texts), texts
        assert window.model.rowCount() == DEMO
        window.contact_list.selectRow(0)
        window.open_contact(window.contact_list.current_contact_id() or 1)
        for action in (
            window.contacts.new_contact_action,
            window.contacts.delete_action,
            window.contacts.tag_action,
            window.contacts.merge_action,
        ):
            assert not action.isEnabled(), action.text()
        assert window.import_export.import_action.isEnabled() is False
        assert window.import_export.export_action.isEnabled()
        editor = window.detail_pane.editor("company")
        assert editor.isReadOnly() if hasattr(editor, "isReadOnly") else not editor.isEnabled()
        services = window._services
        assert services is not None
        out = tmp_path / "out.csv"
        assert services.export_contacts(out) == DEMO
        with pytest.raises(DatabaseUnusableError, match="read-only"):
            services.add_contact(ContactDraft(first_name="Ada"))
        grab = tmp_path / "read-only-window.png"
        window.grab().save(str(grab))
    finally:
        store.close()
    assert sorted(os.listdir(read_only_db.parent)) == listing  # no -shm, -wal or marker


def test_a_read_only_database_starts_the_app(read_only_db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netcrm", "--db", str(read_only_db)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen", NETCRM_EXIT_AFTER_PAINT="loaded"),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"netcrm: painted {DEMO} contacts" in done.stderr


def hold_lock(db: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def test_a_locked_database_shows_a_banner_and_opens_once_the_lock_goes(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETCRM_BUSY_TIMEOUT_MS", "50")
    db = make_db(tmp_path / "locked" / "net.sqlite3")
    holder = hold_lock(db)
    window = MainWindow(app_settings(), str(db))
    qtbot.addWidget(window)
    window.show()
    opened: list[Store] = []
    refused: list[object] = []

    def on_open(store: Store, _loaded: object) -> None:
        opened.append(store)
        window.attach(Services(store))

    opener = StoreOpener(window, str(db), app._open_store, on_open, refused.append, retry_ms=100)
    try:
        with pytest.raises(DatabaseBusyError):
            app._open_store(str(db))
        opener.try_now()
        qtbot.waitUntil(lambda: opener.attempts >= 3, timeout=10_000)  # it keeps trying, the window lives
        banner = window.banners.banner("busy")
        assert banner is not None and not banner.isHidden()
        assert "busy" in banner.label.text() and "tries again" in banner.label.text()
        assert opened == [] and refused == []
        holder.execute("ROLLBACK")
        holder.close()
        with qtbot.waitSignal(window.loaded, timeout=10_000):
            pass
        assert len(opened) == 1 and window.model.rowCount() == DEMO
        assert banner.isHidden()
    finally:
        for store in opened:
            store.close()


def test_the_app_waits_for_a_lock_with_a_banner_instead_of_exiting(tmp_path: Path) -> None:
    db = make_db(tmp_path / "locked" / "net.sqlite3")
    holder = hold_lock(db)

    def release() -> None:
        time.sleep(3)
        holder.execute("ROLLBACK")
        holder.close()

    releaser = threading.Thread(target=release)
    releaser.start()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "netcrm", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
            env=dict(
                os.environ,
                QT_QPA_PLATFORM="offscreen",
                NETCRM_EXIT_AFTER_PAINT="loaded",
                NETCRM_BUSY_TIMEOUT_MS="100",
            ),
            check=False,
        )
    finally:
        releaser.join()
    assert done.returncode == 0, done.stderr
    assert f"netcrm: painted {DEMO} contacts" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_synced_folder_gets_a_warning_banner(qtbot: QtBot, tmp_path: Path) -> None:
    db = make_db(tmp_path / "Dropbox" / "net.sqlite3")
    store = app._open_store(str(db))
    try:
        window = window_on(qtbot, store, db)
        texts = window.banners.visible_texts()
        assert any("synced folder" in text and "WAL" in text for text in texts), texts
        assert window.contacts.new_contact_action.isEnabled()  # a warning, not a lock-down
    finally:
        store.close()
