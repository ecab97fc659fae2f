"""Showing data from users and files literally, wherever Qt would guess it is HTML."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as rich text, selectable so users can copy from it."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows `text` character for character.

    Qt renders a tooltip as rich text whenever it looks like HTML, and a tooltip has no PlainText switch,
    so the text is escaped and wrapped in `<qt>` (which forces rich text) to come out literally.
    """
    return "<qt>" + escape(text, quote=False).replace("\n", "<br>") + "</qt>"
