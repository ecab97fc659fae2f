"""The Qt binding must not leak references to None: PySide6 6.12.0 did, and killed the app within seconds."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLineEdit
app = QApplication([])
edit = QLineEdit()
before = sys.getrefcount(None)
for _ in range(20000):
    edit.setText("x")
print(before - sys.getrefcount(None))
"""


def test_void_calls_leave_none_alone() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
