"""Render the README's screenshots offscreen from a fresh demo database (2,000 contacts).

Usage: QT_QPA_PLATFORM=offscreen python bench/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> None:
    """Write main-window.png and detail-dark.png into `out`."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    work = Path(tempfile.mkdtemp(prefix="netcrm-shots-"))
    os.environ["NETCRM_SETTINGS_DIR"] = str(work / "settings")
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    QCoreApplication.setApplicationName("netcrm")
    from netcrm.core.services import Services
    from netcrm.core.store.store import Store
    from netcrm.ui.main_window import MainWindow
    from netcrm.ui.settings import app_settings

    store = Store.open(str(work / "netcrm.sqlite3"))
    services = Services(store)
    services.add_demo(2000)
    window = MainWindow(app_settings(), str(work / "netcrm.sqlite3"))
    window.attach(services)
    window.resize(1280, 800)
    window.show()
    due = {f.contact_id for f in services.list_follow_ups()}
    rich = [c for c in services.list_contacts() if c.id in due and c.tags and c.emails]
    chosen = next((c for c in rich if c.open_networker), rich[0] if rich else None)
    if chosen is not None:
        window.open_contact(chosen.id)
    for _ in range(5):
        app.processEvents()
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "main-window.png"))

    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.AlternateBase, "#26272b"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2b2c30"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#3b6fd4"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
        (QPalette.ColorRole.ToolTipBase, "#2b2c30"),
        (QPalette.ColorRole.ToolTipText, "#e8eaed"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)
    window.follow_up_action.setChecked(False)  # the whole detail pane, down to the timeline
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(out / "detail-dark.png"))
    window.close()
    store.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "docs" / "screenshots"
    )
