"""The app's qtawesome icons, drawn in the palette's text colour and cached as PNG files.

Importing qtawesome costs about 200 ms (it pulls in qtpy, which loads every Qt class), more than the
whole empty-window floor of PERF.md Q1. So each icon is rendered once per colour into the user's cache
folder, and later starts load the PNGs without importing qtawesome at all.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSize, QStandardPaths
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from netcrm import __version__

#: Our names for icons, and the qtawesome glyph each one draws.
GLYPHS = {
    "reload": "mdi6.refresh",
    "find": "mdi6.magnify",
    "detail_pane": "mdi6.card-account-details-outline",
    "follow_up_pane": "mdi6.calendar-clock",
    "quit": "mdi6.exit-to-app",
    "about": "mdi6.information-outline",
    "open_link": "mdi6.open-in-new",
    "open_networker": "mdi6.account-network",
    "overdue": "mdi6.alert-circle-outline",
    # issue 5: the sidebar, editing, follow-up and bulk actions
    "all_contacts": "mdi6.account-multiple-outline",
    "lapsed": "mdi6.timer-sand",
    "recent": "mdi6.account-clock-outline",
    "trash": "mdi6.delete-outline",
    "import": "mdi6.tray-arrow-down",
    "tag": "mdi6.tag-outline",
    "untag": "mdi6.tag-off-outline",
    "new_contact": "mdi6.account-plus-outline",
    "delete": "mdi6.delete-outline",
    "restore": "mdi6.delete-restore",
    "undo": "mdi6.undo",
    "redo": "mdi6.redo",
    "done": "mdi6.check-circle-outline",
    "snooze": "mdi6.alarm-snooze",
    "reschedule": "mdi6.calendar-edit",
    "add_follow_up": "mdi6.calendar-plus",
    "open_contact": "mdi6.account-arrow-right-outline",
    "preferences": "mdi6.cog-outline",
    "clear_open_networker": "mdi6.account-network-off-outline",
    "demo": "mdi6.flask-outline",
    "merge": "mdi6.call-merge",
    "log": "mdi6.message-plus-outline",
    "import_file": "mdi6.file-import-outline",
    "export_file": "mdi6.file-export-outline",
    "undo_import": "mdi6.undo",
    "insights": "mdi6.chart-box-outline",
    "message": "mdi6.email-edit-outline",
    "calendar": "mdi6.calendar-export",
    "accept": "mdi6.check",
    "reject": "mdi6.close",
    "copy": "mdi6.content-copy",
    "introduction": "mdi6.account-switch-outline",
    "company": "mdi6.office-building-outline",
}
SIZES = (16, 24, 32, 48, 64)

_loaded: dict[tuple[str, str], QIcon] = {}


def icon(name: str) -> QIcon:
    """One of GLYPHS, in the current palette's text colour."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    found = _loaded.get((name, colour))
    if found is None:
        found = _load(name, colour)
        _loaded[(name, colour)] = found
    return found


def cache_folder(colour: str) -> Path:
    """Where the renders of one colour live (per netcrm version, so a new glyph set is rendered anew)."""
    root = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(root) / "icons" / f"{__version__}-{colour.lstrip('#')}"


def _load(name: str, colour: str) -> QIcon:
    folder = cache_folder(colour)
    files = [folder / f"{name}-{size}.png" for size in SIZES]
    if not all(path.is_file() for path in files):
        rendered = _render(name, colour)
        if not _save(rendered, folder, files):
            return rendered
    loaded = QIcon()
    for path, size in zip(files, SIZES, strict=True):
        loaded.addFile(str(path), QSize(size, size))
    return loaded


def _render(name: str, colour: str) -> QIcon:
    import qtawesome  # deferred: see the module docstring

    rendered: QIcon = qtawesome.icon(GLYPHS[name], color=QColor(colour))
    return rendered


def _save(rendered: QIcon, folder: Path, files: list[Path]) -> bool:
    """Write the renders (each to a temporary file renamed into place); False if the cache is unusable."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, size in zip(files, SIZES, strict=True):
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            if not rendered.pixmap(QSize(size, size), 1.0).save(str(temporary), "PNG"):
                raise OSError(f"cannot write {temporary}")
            os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            for leftover in folder.glob(f".*.{os.getpid()}.tmp"):
                leftover.unlink()
        return False
    return True
