"""A window that feels finished (issue 16): columns fit their content and are remembered, a search reads
from the top, the toolbar's Insights button has a label like its neighbours."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from netcrm.core.services import Services
from netcrm.ui.contact_table_model import FIELDS
from netcrm.ui.main_window import MainWindow
from netcrm.ui.settings import app_settings
from tests.ui.waiting import settle


def shown_columns(window: MainWindow) -> list[int]:
    header = window.contact_list.horizontalHeader()
    return [c for c in range(len(FIELDS)) if not header.isSectionHidden(c)]


def test_a_first_start_fits_every_column_title_and_date_inside_the_pane(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = window.contact_list
    qtbot.waitUntil(lambda: view.fitted)
    window.resize(1280, 800)  # the first start's default size (the fixture's window is smaller)
    qtbot.waitUntil(lambda: view.viewport().width() > 600)
    view.fit_columns()
    header = view.horizontalHeader()
    bold = header.fontMetrics()
    columns = shown_columns(window)
    for column in columns:
        title = str(window.model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= bold.horizontalAdvance(title) + 16, title  # no "Connected o"
    dated = FIELDS.index("connected_on")
    assert header.sectionSize(dated) >= bold.horizontalAdvance("2024-05-02") + view.iconSize().width()
    widest = max(columns, key=header.sectionSize)
    assert FIELDS[widest] != "next_follow_up"
    assert sum(header.sectionSize(c) for c in columns) <= view.viewport().width()
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)  # nothing to scroll sideways


def test_the_users_widths_are_remembered(
    qtbot: QtBot, window: MainWindow, services: Services, db_path: Path
) -> None:
    view = window.contact_list
    qtbot.waitUntil(lambda: view.fitted)
    company = FIELDS.index("company")
    view.horizontalHeader().resizeSection(company, 333)
    window.close()  # saves the settings
    again = MainWindow(app_settings(), str(db_path))
    qtbot.addWidget(again, before_close_func=lambda w: settle(qtbot, w))
    again.attach(services)
    again.show()
    qtbot.waitExposed(again)
    settle(qtbot, again)
    assert again.contact_list.fitted  # restored: never fitted over the user's widths
    assert again.contact_list.horizontalHeader().sectionSize(company) == 333


def test_a_search_shows_its_results_from_the_top(qtbot: QtBot, window: MainWindow) -> None:
    view = window.contact_list
    bar = view.verticalScrollBar()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() > 0)
    qtbot.keyClicks(window.search_box, "a")
    assert window.model.rowCount() > 40  # still more than a screenful
    assert bar.value() == 0


def test_the_insights_button_has_a_label_where_the_toolbar_has_room(qtbot: QtBot, window: MainWindow) -> None:
    button = window.findChild(QToolButton, "insightsButton")
    assert button is not None
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    assert button.text().replace("&", "") == "Insights"
    window.resize(720, 600)  # a narrow window keeps the search box in sight: the icon only
    qtbot.waitUntil(lambda: button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly)
    qtbot.waitUntil(window.search_box.isVisible)
