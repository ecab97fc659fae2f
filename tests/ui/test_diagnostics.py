"""faulthandler writes a dying process's stacks to faults.log; Qt's messages reach the app's log."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import qWarning

from netcrm.ui.diagnostics import FAULT_LOG_NAME, Diagnostics


def test_a_qt_warning_is_written_to_the_app_log(tmp_path: Path) -> None:
    log = tmp_path / "data" / "netcrm.log"
    diagnostics = Diagnostics(tmp_path / "data", log)
    diagnostics.install()
    try:
        qWarning("netcrm-test: a warning from Qt")
    finally:
        diagnostics.uninstall()
    text = log.read_text(encoding="utf-8")
    assert "qt warning: netcrm-test: a warning from Qt" in text
    assert (tmp_path / "data" / FAULT_LOG_NAME).exists()


def test_a_fatal_signal_leaves_the_stacks_in_the_fault_log(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    script = textwrap.dedent(
        f"""
        import faulthandler
        from pathlib import Path
        from netcrm.ui.diagnostics import Diagnostics
        d = Diagnostics(Path({str(folder)!r}), Path({str(folder / "netcrm.log")!r}))
        d.install()
        def deep_in_the_import():
            faulthandler._sigsegv()
        deep_in_the_import()
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ended = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert ended.returncode != 0
    text = (folder / FAULT_LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert "deep_in_the_import" in text
