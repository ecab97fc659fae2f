"""The Insights view on a demo database: charts, clicks through to the list, PNG export, copying, palette."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QHorizontalBarSeries, QLineSeries, QPieSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from netcrm.ui.insights_view import MONTHS_SHOWN, ON_MONTHS_SHOWN, InsightsView, tsv


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Services]:
    """500 demo contacts, and 30 at a company whose name looks like HTML."""
    store = Store.open(str(tmp_path / "insights.sqlite3"))
    svc = Services(store)
    svc.add_demo(500)
    for i in range(30):
        svc.add_contact(ContactDraft(first_name=f"Pat{i}", company="<b>Bold</b> & Co", position="Recruiter"))
    yield svc
    store.close()


@pytest.fixture
def view(qtbot: QtBot, demo: Services) -> InsightsView:
    widget = InsightsView()
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitSignal(widget.loaded, timeout=20_000):
        widget.attach(demo)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _one(series: list[object], kind: type) -> object:
    found = [s for s in series if isinstance(s, kind)]
    assert len(found) == 1, series
    return found[0]


def test_charts_have_series_with_the_right_points(view: InsightsView, demo: Services) -> None:
    stats = view.stats
    assert stats is not None and stats.total == 530
    growth = view.growth_card.chart.series()
    bars = _one(growth, QBarSeries)
    assert isinstance(bars, QBarSeries)
    assert bars.barSets()[0].count() == min(MONTHS_SHOWN, len(stats.growth))
    (total,) = [s for s in growth if isinstance(s, QLineSeries)]
    assert total.count() == min(MONTHS_SHOWN, len(stats.growth))
    assert total.at(total.count() - 1).y() == 530

    pie, line_chart = view.open_card.charts()
    (donut,) = pie.series()
    assert isinstance(donut, QPieSeries)
    assert [s.value() for s in donut.slices()] == [
        stats.open_networkers.count,
        530 - stats.open_networkers.count,
    ]
    (on_line,) = line_chart.series()
    assert isinstance(on_line, QLineSeries)
    assert on_line.count() == min(ON_MONTHS_SHOWN, len(stats.open_networkers.growth))

    companies = _one(view.companies_card.chart.series(), QHorizontalBarSeries)
    assert isinstance(companies, QHorizontalBarSeries)
    assert companies.barSets()[0].count() == len(stats.companies) == 10
    positions = _one(view.positions_card.chart.series(), QHorizontalBarSeries)
    assert isinstance(positions, QHorizontalBarSeries)
    assert positions.barSets()[0].count() == len(stats.positions)

    touch = view.touch_card.chart.series()
    weekly = _one(touch, QBarSeries)
    assert isinstance(weekly, QBarSeries)
    assert [s.count() for s in weekly.barSets()] == [12, 12]
    (overdue,) = [s for s in touch if isinstance(s, QLineSeries)]
    assert overdue.count() == 12
    assert view.anniversary_list.count() == min(stats.anniversary_count, 50)


def test_data_labels_are_plain_text(view: InsightsView) -> None:
    axis = next(a for a in view.companies_card.chart.axes() if isinstance(a, QBarCategoryAxis))
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in axis.categories()
    assert "<b>Bold</b> & Co\t30\n" in tsv(view.companies_card.table)


def test_clicking_a_company_bar_asks_for_those_contacts(qtbot: QtBot, view: InsightsView) -> None:
    stats = view.stats
    assert stats is not None
    series = _one(view.companies_card.chart.series(), QHorizontalBarSeries)
    assert isinstance(series, QHorizontalBarSeries)
    bar_set = series.barSets()[0]
    top = bar_set.count() - 1  # the first company is drawn at the top, as the last category
    with qtbot.waitSignal(view.filter_requested) as signal:
        bar_set.clicked.emit(top)
    assert signal.args == ["company", stats.companies[0].label]
    positions = _one(view.positions_card.chart.series(), QHorizontalBarSeries)
    assert isinstance(positions, QHorizontalBarSeries)
    with qtbot.waitSignal(view.filter_requested) as signal:
        positions.barSets()[0].clicked.emit(positions.barSets()[0].count() - 1)
    assert signal.args == ["position", stats.positions[0].label]


def test_export_png(view: InsightsView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "growth"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    view.growth_card.save_button.click()
    saved = target.with_suffix(".png")
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert image.width() > 300 and image.height() > 200
    assert sorted(p.name for p in target.parent.iterdir()) == ["growth.png"]  # no temporary file left
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: ("", ""))
    assert view.export_png(view.touch_card) is None


def test_copy_numbers_as_tsv(view: InsightsView) -> None:
    stats = view.stats
    assert stats is not None
    view.growth_card.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Month\tAdded\tTotal"
    assert len(lines) == len(stats.growth) + 1
    assert lines[-1] == f"{stats.growth[-1].month}\t{stats.growth[-1].added}\t530"
    text = view.copy_numbers(view.touch_card)
    assert text.startswith("Week\tDue\tDone\tOverdue at week end\n")
    assert QGuiApplication.clipboard().text() == text


def test_charts_follow_the_palette(qtbot: QtBot, view: InsightsView) -> None:
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#181818"),
        (QPalette.ColorRole.Text, "#eeeeee"),
        (QPalette.ColorRole.WindowText, "#eeeeee"),
        (QPalette.ColorRole.Highlight, "#4a90d9"),
        (QPalette.ColorRole.Mid, "#555555"),
    ):
        dark.setColor(role, QColor(colour))
    view.setPalette(dark)
    for card in view.cards:
        for chart in card.charts():
            assert chart.backgroundBrush().color() == QColor("#181818")
            for axis in chart.axes():
                assert axis.labelsBrush().color() == QColor("#eeeeee")
    bars = _one(view.growth_card.chart.series(), QBarSeries)
    assert isinstance(bars, QBarSeries)
    assert bars.barSets()[0].color() == QColor("#4a90d9")
    view.setPalette(QPalette())
    light = view.palette().color(QPalette.ColorRole.Base)
    assert view.growth_card.chart.backgroundBrush().color() == light


def test_setting_a_goal_draws_it_and_its_pace(qtbot: QtBot, view: InsightsView, demo: Services) -> None:
    view.goal_target.setValue(1000)
    view.goal_date.setDate(view.goal_date.date().fromString("2099-12-31", "yyyy-MM-dd"))
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.goal_button.click()
    goal = demo.get_growth_goal()
    assert goal is not None and (goal.target, goal.by) == (1000, date(2099, 12, 31))
    names = [s.name() for s in view.growth_card.chart.series()]
    assert "Goal" in names
    text = view.pace_label.text()
    assert text.startswith("Goal: ") and "31 Dec 2099" in text and "Needed:" in text
    assert view.clear_goal_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        qtbot.mouseClick(view.clear_goal_button, Qt.MouseButton.LeftButton)
    assert demo.get_growth_goal() is None
    assert view.pace_label.text().startswith("No goal set") and not view.clear_goal_button.isEnabled()


def test_a_failure_is_reported_not_raised(
    qtbot: QtBot, demo: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    widget = InsightsView()
    qtbot.addWidget(widget)

    def broken(weeks: int = 12) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(demo, "network_stats", broken)
    with qtbot.waitSignal(widget.failed, timeout=20_000) as signal:
        widget.attach(demo)
    assert "disk on fire" in signal.args[0]
    assert "disk on fire" in widget.status.text()


def test_refresh_while_loading_reads_again_afterwards(
    qtbot: QtBot, view: InsightsView, demo: Services
) -> None:
    loads: list[int] = []
    view.loaded.connect(lambda: loads.append(1))
    view.refresh()
    demo.add_contact(ContactDraft(first_name="Late", last_name="Comer"))
    view.refresh()  # while the first read runs: it reads again once that is done
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=20_000)
    assert view.stats is not None and view.stats.total == 531
