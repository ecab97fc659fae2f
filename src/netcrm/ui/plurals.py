"""Counts as people read them: "1 contact", "2,345 contacts", with the locale's thousands separator.

The caller passes both forms through tr(), so a translation gets its own singular and plural; the number
is formatted by the locale (German shows 2.345), or with commas under the C locale of a bare terminal.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def number(n: int) -> str:
    """A whole number with thousands separators."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{n:,}"
    return locale.toString(n)


def count(n: int, one: str, many: str) -> str:
    """`one` or `many` by `n`, with %1 replaced by the number: count(1, "%1 contact", "%1 contacts")."""
    return (one if n == 1 else many).replace("%1", number(n))
