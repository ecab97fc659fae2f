"""Showing data from users and files literally, wherever Qt would guess it is HTML."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from netcrm.ui.bidi import isolate


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as rich text, selectable so users can copy from it."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(isolate(text))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows `text` character for character.

    Qt renders a tooltip as rich text whenever it looks like HTML, and a tooltip has no PlainText switch,
    so the text is escaped and wrapped in a `<p>` (which forces rich text) that keeps its whitespace.
    """
    return '<p style="white-space:pre-wrap">' + escape(text, quote=False) + "</p>"


class ElidedLabel(QLabel):
    """A one-line plain-text label that elides in the middle when narrow, instead of clipping.

    `text()` stays whole (for copying and tests); the full text is also the tooltip. Long URLs have no
    place to wrap, so this is how they fit a narrow pane.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        text = isolate(text)
        super().setText(text)
        self.setToolTip(plain_tooltip(text) if text else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideMiddle, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(self.alignment()),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
