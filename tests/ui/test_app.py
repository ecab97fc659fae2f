"""netcrm.app: --version, refused databases with their exit codes, one instance per database, hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from netcrm import __version__, app
from netcrm.core.services import Services
from netcrm.ui.single_instance import Claim, InstanceGuard, lock_path

SUBPROCESS_TIMEOUT = 60


class Boxes:
    """Message boxes the code under test showed (their exec() returns at once)."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, Qt.TextFormat]] = []


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    found = Boxes()

    def fake_exec(box: QMessageBox) -> int:
        found.shown.append((box.text(), box.textFormat()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return found


def files_beside(db_path: Path) -> dict[str, tuple[int, int]]:
    """Every file in the database's folder with its size and modification time."""
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in db_path.parent.iterdir()}


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def test_version_prints_and_opens_no_window() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netcrm", "--version"],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        env=child_env(),
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == f"netcrm {__version__}\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert app.main(["--no-such-option"]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_a_foreign_file_is_refused_with_exit_4_and_left_alone(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes
) -> None:
    target = tmp_path / "notes.sqlite3"
    target.write_bytes(b"<b>not</b> a database\n")
    assert app.main(["--db", str(target)]) == 4
    assert target.read_bytes() == b"<b>not</b> a database\n"
    assert [p.name for p in tmp_path.iterdir() if "notes" in p.name] == ["notes.sqlite3"]
    [(text, text_format)] = boxes.shown
    assert str(target) in text and "not a netcrm database" in text
    assert text_format == Qt.TextFormat.PlainText


def test_the_database_named_by_netcrm_db_is_opened(
    qtbot: QtBot, tmp_path: Path, boxes: Boxes, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "elsewhere" / "refused.sqlite3"
    target.parent.mkdir()
    target.write_bytes(b"junk")
    monkeypatch.setenv("NETCRM_DB", str(target))
    assert app.main([]) == 4
    assert str(target) in boxes.shown[0][0]


def test_a_second_start_is_refused_with_exit_3_when_the_first_does_not_answer(
    qtbot: QtBot, services: Services, db_path: Path, boxes: Boxes
) -> None:
    lock = QLockFile(str(lock_path(str(db_path))))
    assert lock.tryLock(0)  # held like a running netcrm that does not listen
    try:
        before = sorted(os.listdir(db_path.parent))
        assert app.main(["--db", str(db_path)]) == 3
        assert sorted(os.listdir(db_path.parent)) == before
    finally:
        lock.unlock()
    [(text, text_format)] = boxes.shown
    assert "already open" in text and text_format == Qt.TextFormat.PlainText


def test_a_second_start_raises_the_first_window_and_writes_nothing(
    qtbot: QtBot, services: Services, db_path: Path
) -> None:
    guard = InstanceGuard(str(db_path))
    assert guard.claim() is Claim.FIRST
    raised: list[bool] = []
    guard.activation_requested.connect(lambda: raised.append(True))
    before = files_beside(db_path)
    try:
        second = subprocess.Popen(
            [sys.executable, "-m", "netcrm", "--db", str(db_path)],
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=SUBPROCESS_TIMEOUT * 1000)
        finally:
            if second.poll() is None:
                second.kill()
            _out, err = second.communicate(timeout=SUBPROCESS_TIMEOUT)
        after = files_beside(db_path)
    finally:
        guard.release()
    assert second.returncode == 0, err
    assert raised == [True]
    assert after == before


def test_a_stale_lock_of_a_dead_netcrm_is_taken_over(db_path: Path, qtbot: QtBot) -> None:
    db_path.parent.mkdir(parents=True)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    lock_path(str(db_path)).write_text(f"{dead.stdout.strip()}\nnetcrm\n\n")
    guard = InstanceGuard(str(db_path))
    try:
        assert guard.claim() is Claim.FIRST
    finally:
        guard.release()


@pytest.mark.parametrize(
    ("until", "says"),
    [
        ("1", "netcrm: painted 200 contacts (the first page; 300 in all); rss_kib="),
        ("loaded", "netcrm: painted 300 contacts; rss_kib="),
    ],
)
def test_the_first_page_is_painted_then_every_row_follows(
    services: Services, db_path: Path, until: str, says: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netcrm", "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        env=child_env(NETCRM_EXIT_AFTER_PAINT=until),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert says in done.stderr


def test_a_new_database_is_created_then_shown(tmp_path: Path) -> None:
    target = tmp_path / "new" / "fresh.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "netcrm", "--db", str(target)],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        env=child_env(NETCRM_EXIT_AFTER_PAINT="loaded"),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "netcrm: painted 0 contacts" in done.stderr
    assert target.is_file()
    assert not lock_path(str(target)).exists()  # released at exit
