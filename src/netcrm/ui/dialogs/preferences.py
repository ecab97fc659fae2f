"""A small preferences dialog: how the smart lists look back, and the user's pitch."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPlainTextEdit, QSpinBox, QWidget

RECENT_DAYS_KEY = "smartLists/recentDays"


class PreferencesDialog(QDialog):
    """Choices kept in the user's settings."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None, pitch: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.recent_days = QSpinBox()
        self.recent_days.setRange(1, 3650)
        self.recent_days.setSuffix(self.tr(" days"))
        try:
            self.recent_days.setValue(int(str(settings.value(RECENT_DAYS_KEY, 30))))
        except (TypeError, ValueError):
            self.recent_days.setValue(30)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("&Recently added covers the last:"), self.recent_days)
        self.pitch = QPlainTextEdit(pitch)  # kept in the database, so netcrm-cli and every device share it
        self.pitch.setObjectName("pitch")
        self.pitch.setPlaceholderText(
            self.tr("The problems you solve, in your words; messages use it as {pitch}")
        )
        form.addRow(self.tr("Your &pitch:"), self.pitch)
        form.addRow(buttons)

    def save(self) -> None:
        """Keep the choices."""
        self._settings.setValue(RECENT_DAYS_KEY, self.recent_days.value())
        self._settings.sync()
