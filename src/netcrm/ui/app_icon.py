"""The app's own icon (window, taskbar, About dialog), from the PNG renders shipped inside the package."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon, QPixmap

#: The sizes resources/icons/render.py copies into the package, as resources/icons/netcrm-<size>.png.
SIZES = (16, 24, 32, 48, 64, 128, 256)

_cached: dict[str, QIcon] = {}


def app_icon() -> QIcon:
    """netcrm's icon at every packaged size (Qt picks the nearest); a null icon if the files are missing.

    Needs a QGuiApplication, like every QPixmap.
    """
    found = _cached.get("app")
    if found is None:
        found = QIcon()
        folder = resources.files("netcrm").joinpath("resources", "icons")
        for size in SIZES:
            try:
                data = folder.joinpath(f"netcrm-{size}.png").read_bytes()
            except OSError:
                continue
            pixmap = QPixmap()
            if pixmap.loadFromData(data, "PNG"):
                found.addPixmap(pixmap)
        _cached["app"] = found
    return found
