"""Links open only for web and mail; tooltips and labels show data literally; icons come from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from pytestqt.qtbot import QtBot

from netcrm.ui import icons
from netcrm.ui.links import open_link, safe_url
from netcrm.ui.plain_text import ElidedLabel, plain_label, plain_tooltip


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("https://www.linkedin.com/in/ada", True),
        ("http://example.org/x?y=1", True),
        ("mailto:ada@example.org", True),
        ("file:///etc/passwd", False),
        ("javascript:alert(1)", False),
        ("smb://server/share", False),
        ("https://", False),
        ("linkedin.com/in/ada", False),
        ("", False),
    ],
)
def test_only_web_and_mail_links_are_safe(text: str, safe: bool) -> None:
    assert (safe_url(text) is not None) is safe


def test_open_link_opens_only_safe_links(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toString()) or True)
    assert open_link("https://www.linkedin.com/in/ada")
    assert not open_link("file:///etc/passwd")
    assert opened == ["https://www.linkedin.com/in/ada"]


def test_tooltip_markup_round_trips_to_the_literal_text() -> None:
    text = "<b>x</b><img src=y> & 'q'\n  line  two"
    document = QTextDocument()
    document.setHtml(plain_tooltip(text))
    assert document.toPlainText() == text
    assert Qt.mightBeRichText(plain_tooltip(text))


def test_labels_are_plain(qtbot: QtBot) -> None:
    label = plain_label("<b>x</b>")
    elided = ElidedLabel("<i>https://example.org/" + "a" * 200 + "</i>")
    qtbot.addWidget(label)
    qtbot.addWidget(elided)
    elided.resize(80, 20)
    elided.show()
    qtbot.waitExposed(elided)
    assert label.textFormat() == elided.textFormat() == Qt.TextFormat.PlainText
    assert elided.text().startswith("<i>https://") and elided.text().endswith("</i>")
    assert "&lt;i&gt;" in elided.toolTip()


def test_icons_are_rendered_once_then_loaded_from_the_cache(qtbot: QtBot, tmp_path: Path) -> None:
    icons._loaded.clear()
    first = icons.icon("reload")
    assert not first.isNull()
    cached = sorted(p.name for p in tmp_path.joinpath("cache").rglob("reload-*.png"))
    assert cached == sorted(f"reload-{size}.png" for size in icons.SIZES)
    assert not any(p.name.endswith(".tmp") for p in tmp_path.joinpath("cache").rglob("*"))
    icons._loaded.clear()
    again = icons.icon("reload")
    assert again.availableSizes()
    assert not again.pixmap(24, 24).isNull()
