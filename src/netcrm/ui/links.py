"""Opening links from contact data: only web pages and e-mail addresses, never files or programs."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_url(text: str) -> QUrl | None:
    """The URL in `text` if it is one netcrm may open (http, https or mailto), else None."""
    url = QUrl(text.strip(), QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme().lower() not in SAFE_SCHEMES:
        return None
    if url.scheme().lower() != "mailto" and not url.host():
        return None
    return url


def open_link(text: str) -> bool:
    """Open a safe link in the user's browser or mail program; False (and nothing opened) otherwise."""
    url = safe_url(text)
    return url is not None and QDesktopServices.openUrl(url)
