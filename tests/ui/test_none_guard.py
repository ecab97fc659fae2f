"""The guard against PySide6 6.12.0 taking references from None on CPython 3.11 (see netcrm.ui.none_guard)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from netcrm.ui.none_guard import RESERVE, guard_none


def test_many_void_calls_cannot_free_none(qtbot: QtBot) -> None:
    guard_none()
    guard_none()  # idempotent: the reserve is given once
    if sys.version_info < (3, 12):
        assert RESERVE <= sys.getrefcount(None) < 2 * RESERVE
    edit = QLineEdit()
    qtbot.addWidget(edit)
    for i in range(20_000):  # far more than None's own references without the guard
        edit.setText(str(i % 7))
    assert edit.text() == str(19_999 % 7)
