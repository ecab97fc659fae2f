"""Where the window remembers itself: QSettings under "netcrm", or an ini file when tests say so."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_DIR_ENV = "NETCRM_SETTINGS_DIR"


def app_settings() -> QSettings:
    """The user's settings: the platform's store for organisation and application "netcrm".

    With NETCRM_SETTINGS_DIR set (tests, or a portable install) they are `netcrm.ini` in that folder.
    """
    folder = os.environ.get(SETTINGS_DIR_ENV)
    if folder:
        return QSettings(str(Path(folder) / "netcrm.ini"), QSettings.Format.IniFormat)
    return QSettings()
