"""The About box: version, the database in use, the data folder, the licence and the app icon."""

from __future__ import annotations

import platform
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netcrm import __version__
from netcrm.core.paths import data_dir, is_url
from netcrm.ui.app_icon import app_icon
from netcrm.ui.plain_text import plain_label

LICENCE_ID = "GPL-3.0-or-later"
ICON_SIZE = 64
MIN_WIDTH = 560  # room for a typical database path on one line


def database_label(database: str) -> str:
    """The database as the user knows it: a file path, or a server URL without its user and password."""
    if not is_url(database):
        return database
    parts = urlsplit(database)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{parts.hostname or ''}{port}{parts.path}"


class AboutDialog(QDialog):
    """What netcrm this is, what it works on and under which licence; every text is plain and selectable."""

    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6 import __version__ as pyside_version

        self.setWindowTitle(self.tr("About netcrm"))
        self.setWindowIcon(app_icon())

        self.icon_label = QLabel(self)
        self.icon_label.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title_label = plain_label(self.tr("netcrm %1").replace("%1", __version__), self)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.summary_label = plain_label(self.tr("A personal CRM for the people in your network."), self)

        self.version_label = plain_label(__version__, self)
        self.database_label = plain_label(database_label(database), self)
        self.data_folder_label = plain_label(str(data_dir()), self)
        self.licence_label = plain_label(
            self.tr(
                "%1: the GNU General Public License, version 3 or any later version. netcrm is free "
                "software: you may share and change it under that licence. It comes with ABSOLUTELY NO "
                "WARRANTY."
            ).replace("%1", LICENCE_ID),
            self,
        )
        self.runtime_label = plain_label(
            f"Python {platform.python_version()}, PySide6 {pyside_version}", self
        )
        for label in (self.database_label, self.data_folder_label, self.licence_label):
            label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Version:"), self.version_label)
        form.addRow(self.tr("Database:"), self.database_label)
        form.addRow(self.tr("Data folder:"), self.data_folder_label)
        form.addRow(self.tr("Licence:"), self.licence_label)
        form.addRow(self.tr("Runs on:"), self.runtime_label)

        text = QVBoxLayout()
        text.addWidget(self.title_label)
        text.addWidget(self.summary_label)
        text.addSpacing(8)
        text.addLayout(form)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addSpacing(12)
        top.addLayout(text, 1)

        self.setMinimumWidth(MIN_WIDTH)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
