"""Message boxes whose text is always plain (messages quote file names and data, which may look like HTML)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_message(
    kind: QMessageBox.Icon,
    title: str,
    text: str,
    details: str | None = None,
    parent: QWidget | None = None,
) -> None:
    """Show a modal message and wait until the user closes it."""
    box = QMessageBox(parent)
    box.setIcon(kind)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
