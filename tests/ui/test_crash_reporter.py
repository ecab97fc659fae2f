"""CrashReporter: a bug is logged to a private file and shown with its log path; NetcrmError is a message."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from netcrm.core.errors import DatabaseBusyError
from netcrm.ui.crash_reporter import CrashReporter


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, Qt.TextFormat]]:
    boxes: list[tuple[str, str, Qt.TextFormat]] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append((box.text(), box.detailedText(), box.textFormat()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


def raise_and_report(reporter: CrashReporter, error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        kind, value, trace = sys.exc_info()
        assert kind is not None and value is not None
        reporter.handle(kind, value, trace)


def test_a_bug_is_logged_and_shown_with_the_log_path(
    qtbot: QtBot,
    tmp_path: Path,
    shown: list[tuple[str, str, Qt.TextFormat]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = tmp_path / "logs" / "netcrm.log"
    reporter = CrashReporter(log)
    raise_and_report(reporter, ValueError("<b>boom</b>"))
    written = log.read_text(encoding="utf-8")
    assert "ValueError: <b>boom</b>" in written and "Traceback" in written
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    [(text, details, text_format)] = shown
    assert str(log) in text and "ValueError: <b>boom</b>" in text
    assert "Traceback" in details
    assert text_format == Qt.TextFormat.PlainText
    assert "ValueError" in capsys.readouterr().err


def test_a_deliberate_error_is_a_message_not_a_bug(
    qtbot: QtBot, tmp_path: Path, shown: list[tuple[str, str, Qt.TextFormat]]
) -> None:
    log = tmp_path / "netcrm.log"
    raise_and_report(CrashReporter(log), DatabaseBusyError("the database is busy; try again"))
    assert shown == [("the database is busy; try again", "", Qt.TextFormat.PlainText)]
    assert not log.exists()


def test_install_and_uninstall(tmp_path: Path) -> None:
    reporter = CrashReporter(tmp_path / "netcrm.log")
    before = sys.excepthook
    reporter.install()
    try:
        assert sys.excepthook == reporter.handle
    finally:
        reporter.uninstall()
    assert sys.excepthook is before
