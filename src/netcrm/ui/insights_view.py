"""The Insights view: charts of how the network grows, where it is strong, and who is going cold.

Figures come from `Services.network_stats()` (read in a worker: about 0.1-0.3 s at 100,000 contacts).
Charts take their colours from the widget's palette and follow it when it changes (light or dark). Each
chart exports as PNG, and the numbers behind it copy to the clipboard as tab-separated text. Data from
users (company names, contact names) is shown as plain text: Qt Charts renders axis and slice labels as
rich text, so those labels are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QBuffer, QDate, QEvent, QIODevice, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from netcrm.core.errors import NetcrmError
from netcrm.ui.messages import show_message
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import run_in_worker

if TYPE_CHECKING:
    from netcrm.core.services import Services
    from netcrm.core.stats import CountItem, MonthCount, NetworkStats


MONTHS_SHOWN = 24  # bars per month in the growth charts (the copied numbers hold every month)
LABEL_CHARS = 28  # longer company names are elided on the axis (the copied numbers are whole)
CHART_HEIGHT = 250
BAR_CHART_HEIGHT = 380  # room for a readable label beside each of up to 15 horizontal bars
ON_MONTHS_SHOWN = 12  # the open networker line sits in half a card


def tsv(rows: Sequence[Sequence[object]]) -> str:
    """Rows as tab-separated text; tabs and line breaks inside a value become spaces."""
    return "".join(
        "\t".join(" ".join(str(value).split()) if value is not None else "" for value in row) + "\n"
        for row in rows
    )


def _elide(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ChartCard(QFrame):
    """One framed chart (or a pair) with a title, a line of figures, PNG export and copying of its numbers."""

    def __init__(self, title: str, key: str, views: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"insights_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.table: list[list[object]] = []
        self.title_label = QLabel(title)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title_label.setFont(font)
        self.save_button = QPushButton(self.tr("Save as PNG…"))
        self.save_button.setObjectName(f"save_{key}")
        self.copy_button = QPushButton(self.tr("Copy numbers"))
        self.copy_button.setObjectName(f"copy_{key}")
        self.copy_button.setToolTip(self.tr("Copy the numbers behind this chart, tab-separated"))
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.save_button)
        header.addWidget(self.copy_button)

        self.chart_area = QWidget()
        area = QHBoxLayout(self.chart_area)
        area.setContentsMargins(0, 0, 0, 0)
        self.views: list[QChartView] = []
        for _ in range(views):
            view = QChartView(QChart())
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(CHART_HEIGHT)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            self.views.append(view)
            area.addWidget(view, 1)
        self.summary = plain_label()
        self.summary.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.chart_area, 1)
        layout.addWidget(self.summary)

    @property
    def chart(self) -> QChart:
        """The (first) chart of the card."""
        return self.views[0].chart()

    def charts(self) -> list[QChart]:
        """Every chart of the card."""
        return [view.chart() for view in self.views]


class InsightsView(QWidget):
    """Network growth with a goal, open networkers, companies and positions, and keeping in touch."""

    filter_requested = Signal(str, str)  # (field, value): 'company' and a name, 'position' and a group
    loaded = Signal()  # figures shown
    failed = Signal(str)  # figures could not be read

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsView")
        self._services: Services | None = None
        self.stats: NetworkStats | None = None
        self._loading = False
        self._reload = False
        self._styling = False

        self.status = plain_label(self.tr("Loading…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.refresh_button)

        self.growth_card = ChartCard(self.tr("Network growth"), "growth")
        self.open_card = ChartCard(self.tr("Open networkers"), "open_networkers", views=2)
        self.companies_card = ChartCard(self.tr("Top companies"), "companies")
        self.positions_card = ChartCard(self.tr("Positions"), "positions")
        self.touch_card = ChartCard(self.tr("Keeping in touch"), "keeping_in_touch")
        self.cards = [
            self.growth_card,
            self.open_card,
            self.companies_card,
            self.positions_card,
            self.touch_card,
        ]
        for card in self.cards:
            card.save_button.clicked.connect(lambda _=False, c=card: self.export_png(c))
            card.copy_button.clicked.connect(lambda _=False, c=card: self.copy_numbers(c))
        for card in (self.companies_card, self.positions_card):
            card.views[0].setMinimumHeight(BAR_CHART_HEIGHT)
        self.companies_card.summary.setText(self.tr("Click a bar to list those contacts."))
        self.positions_card.summary.setText(self.tr("Click a bar to list those contacts."))

        self._build_goal_editor()
        self._build_touch_lists()

        # The cards stay hidden until the first figures arrive: painting empty charts would only compete
        # with the worker that reads the figures.
        self.cards_area = QWidget()
        self.cards_area.setVisible(False)
        grid = QGridLayout(self.cards_area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.growth_card, 0, 0)
        grid.addWidget(self.open_card, 0, 1)
        grid.addWidget(self.companies_card, 1, 0)
        grid.addWidget(self.positions_card, 1, 1)
        grid.addWidget(self.touch_card, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        content = QWidget()
        outer = QVBoxLayout(content)
        outer.addLayout(top)
        outer.addWidget(self.cards_area)
        outer.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        for card in self.cards:
            for chart in card.charts():
                self._style_chart(chart)

    def _build_goal_editor(self) -> None:
        self.goal_target = QSpinBox()
        self.goal_target.setRange(1, 10_000_000)
        self.goal_target.setSingleStep(100)
        self.goal_target.setGroupSeparatorShown(True)
        self.goal_target.setToolTip(self.tr("How many contacts you want"))
        self.goal_date = QDateEdit()
        self.goal_date.setCalendarPopup(True)
        self.goal_date.setDisplayFormat("yyyy-MM-dd")
        self.goal_date.setToolTip(self.tr("By when"))
        self.goal_button = QPushButton(self.tr("Set goal"))
        self.goal_button.clicked.connect(self._save_goal)
        self.clear_goal_button = QPushButton(self.tr("Clear goal"))
        self.clear_goal_button.setObjectName("clearGoalButton")
        self.clear_goal_button.setEnabled(False)  # until a goal is set
        self.clear_goal_button.clicked.connect(self.clear_goal)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Goal:")))
        row.addWidget(self.goal_target)
        row.addWidget(QLabel(self.tr("contacts by")))
        row.addWidget(self.goal_date)
        row.addWidget(self.goal_button)
        row.addWidget(self.clear_goal_button)
        row.addStretch(1)
        self.pace_label = plain_label()
        self.pace_label.setWordWrap(True)
        layout = self.growth_card.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.pace_label)
        layout.addLayout(row)

    def _build_touch_lists(self) -> None:
        self.anniversary_list = QListWidget()
        self.anniversary_list.setObjectName("anniversaries")
        self.lapsed_list = QListWidget()
        self.lapsed_list.setObjectName("lapsed")
        for widget in (self.anniversary_list, self.lapsed_list):
            widget.setMaximumHeight(120)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 0, 0, 0)
        self.anniversary_title = QLabel(self.tr("Connection anniversaries this week"))
        self.lapsed_title = QLabel(self.tr("Lapsed past their keep-in-touch cadence"))
        column.addWidget(self.anniversary_title)
        column.addWidget(self.anniversary_list, 1)
        column.addWidget(self.lapsed_title)
        column.addWidget(self.lapsed_list, 1)
        area = self.touch_card.chart_area.layout()
        assert isinstance(area, QHBoxLayout)
        area.addWidget(side, 1)
        area.setStretch(0, 2)

    # -- loading -----------------------------------------------------------------------------------

    def attach(self, services: Services) -> None:
        """Use these services and load the figures (in a worker)."""
        self._services = services
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again."""
        services = self._services
        if services is None:
            return
        if self._loading:  # read again once the current reading is done (the data may have changed)
            self._reload = True
            return
        self._loading = True
        self.status.setText(self.tr("Loading…"))
        run_in_worker(lambda _job: services.network_stats(), self._loaded, self._failed)

    def _loaded(self, stats: NetworkStats) -> None:
        if not isValid(self):  # closed while the figures were read
            return
        self._loading = False
        self.show_stats(stats)
        if self._reload:
            self._reload = False
            self.refresh()

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._loading = False
        self._reload = False
        message = str(error) if isinstance(error, NetcrmError) else f"{type(error).__name__}: {error}"
        self.status.setText(self.tr("The figures could not be read: {0}").format(message))
        self.failed.emit(message)

    def show_stats(self, stats: NetworkStats) -> None:
        """Show these figures in every chart."""
        self.stats = stats
        locale = self.locale()
        self.status.setText(
            self.tr("{0} contacts as of {1}").format(
                locale.toString(stats.total), locale.toString(_qdate(stats.today), "d MMM yyyy")
            )
        )
        self._show_growth(stats)
        self._show_open_networkers(stats)
        self._show_counts(self.companies_card, stats.companies, self.tr("Company"), "company")
        self._show_counts(self.positions_card, stats.positions, self.tr("Position group"), "position")
        self._show_touch(stats)
        for card in self.cards:
            for chart in card.charts():
                self._style_chart(chart)
        self.cards_area.setVisible(True)
        self.loaded.emit()

    # -- charts ------------------------------------------------------------------------------------

    def _month_label(self, month: str) -> str:
        return self.locale().toString(QDate(int(month[:4]), int(month[5:7]), 1), "MMM yy")

    def _show_growth(self, stats: NetworkStats) -> None:
        chart = _reset(self.growth_card.chart)
        months = stats.growth[-MONTHS_SHOWN:]
        added = QBarSet(self.tr("Added per month"))
        added.append([float(m.added) for m in months])
        bars = QBarSeries()
        bars.append(added)
        chart.addSeries(bars)
        total = QLineSeries()
        total.setName(self.tr("Total"))
        for i, m in enumerate(months):
            total.append(QPointF(i, m.total))
        chart.addSeries(total)
        axis_x = QBarCategoryAxis()
        axis_x.append([self._month_label(m.month) for m in months] or [""])
        axis_x.setLabelsAngle(-90 if len(months) > 12 else 0)
        left = _value_axis(max((m.added for m in months), default=0), self.tr("Added"))
        top = max((m.total for m in months), default=0)
        pace = stats.pace
        if pace is not None:
            top = max(top, pace.target)
        right = _value_axis(top, self.tr("Total"))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(axis_x)
        bars.attachAxis(left)
        total.attachAxis(axis_x)
        total.attachAxis(right)
        if pace is not None and months:
            goal = QLineSeries()
            goal.setName(self.tr("Goal"))
            goal.append(QPointF(0, pace.target))
            goal.append(QPointF(len(months) - 1, pace.target))
            chart.addSeries(goal)
            goal.attachAxis(axis_x)
            goal.attachAxis(right)
        locale = self.locale()
        self.growth_card.summary.setText(
            self.tr(
                "{0} contacts; {1} added in the last 3 months ({2} a month), {3} in the last 6 ({4} a month)."
            ).format(
                locale.toString(stats.total),
                locale.toString(stats.added_3m),
                locale.toString(stats.added_3m / 3, "f", 1),
                locale.toString(stats.added_6m),
                locale.toString(stats.added_6m / 6, "f", 1),
            )
        )
        self.pace_label.setText(self._pace_text(stats))
        self.clear_goal_button.setEnabled(stats.goal is not None)
        if stats.goal is not None:
            self.goal_target.setValue(stats.goal.target)
            self.goal_date.setDate(_qdate(stats.goal.by))
        else:
            self.goal_target.setValue(max(100, (stats.total * 3 // 2 + 99) // 100 * 100))
            self.goal_date.setDate(_qdate(stats.today).addYears(1))
        self.growth_card.table = _month_table(
            stats.growth, [self.tr("Month"), self.tr("Added"), self.tr("Total")]
        )

    def _save_goal(self) -> None:
        services = self._services
        if services is None:
            return
        when = self.goal_date.date()
        try:
            services.set_growth_goal(self.goal_target.value(), date(when.year(), when.month(), when.day()))
        except NetcrmError as error:
            show_message(QMessageBox.Icon.Warning, self.tr("Growth goal"), str(error), parent=self)
            return
        self.refresh()

    def clear_goal(self) -> None:
        """Forget the growth goal (the pace line then says none is set)."""
        services = self._services
        if services is None:
            return
        try:
            services.clear_growth_goal()
        except NetcrmError as error:
            show_message(QMessageBox.Icon.Warning, self.tr("Growth goal"), str(error), parent=self)
            return
        self.refresh()

    def _pace_text(self, stats: NetworkStats) -> str:
        pace = stats.pace
        if pace is None:
            return self.tr("No goal set: set a target count and a date below to see the pace it needs.")
        locale = self.locale()
        goal = self.tr("Goal: {0} contacts by {1}.").format(
            locale.toString(pace.target), locale.toString(_qdate(pace.by), "d MMM yyyy")
        )
        achieved = self.tr("Achieved pace: {0} a month (3 months), {1} (6 months).").format(
            locale.toString(pace.pace_3m, "f", 1), locale.toString(pace.pace_6m, "f", 1)
        )
        if pace.status == "reached":
            return f"{goal} {self.tr('Reached.')}"
        if pace.status == "missed":
            text = self.tr("The date has passed with {0} still to go.").format(
                locale.toString(pace.remaining)
            )
        else:
            needed = pace.needed_per_month or 0.0
            text = self.tr("Needed: {0} a month for {1} more.").format(
                locale.toString(needed, "f", 1), locale.toString(pace.remaining)
            )
        if pace.projected is None:
            projection = self.tr("At the current pace it will not be reached.")
        else:
            projection = self.tr("At the 3-month pace it is reached around {0} ({1}).").format(
                locale.toString(_qdate(pace.projected), "d MMM yyyy"),
                self.tr("on track") if pace.status == "on track" else self.tr("behind"),
            )
        return f"{goal} {text} {achieved} {projection}"

    def _show_open_networkers(self, stats: NetworkStats) -> None:
        on = stats.open_networkers
        pie_chart = _reset(self.open_card.views[0].chart())
        pie = QPieSeries()
        pie.append(self.tr("Open networkers"), float(on.count))
        pie.append(self.tr("Others"), float(max(stats.total - on.count, 0)))
        pie.setHoleSize(0.45)
        pie_chart.addSeries(pie)
        line_chart = _reset(self.open_card.views[1].chart())
        months = on.growth[-ON_MONTHS_SHOWN:]
        line = QLineSeries()
        line.setName(self.tr("Open networkers"))
        for i, m in enumerate(months):
            line.append(QPointF(i, m.total))
        line_chart.addSeries(line)
        # Labels on the points, with half a month of room at either end (a bar axis would put the first and
        # last point on the plot's edges, where their labels do not fit).
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis_x.setStartValue(-0.5)
        for i, m in enumerate(months):
            axis_x.append(self._month_label(m.month), i)
        axis_x.setRange(-0.5, max(len(months), 1) - 0.5)
        axis_x.setLabelsAngle(-90)
        axis_y = _value_axis(max((m.total for m in months), default=0), self.tr("Total"))
        line_chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        line_chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
        line_chart.legend().hide()
        locale = self.locale()
        recent = sum(m.added for m in on.growth[-12:])
        self.open_card.summary.setText(
            self.tr("{0} open networkers, {1} of the network; {2} connected in the last 12 months.").format(
                locale.toString(on.count), f"{on.share:.1%}", locale.toString(recent)
            )
        )
        table: list[list[object]] = [
            [self.tr("Open networkers"), on.count],
            [self.tr("Share of the network"), f"{on.share:.4f}"],
        ]
        self.open_card.table = table + _month_table(
            on.growth, [self.tr("Month"), self.tr("Added"), self.tr("Total")]
        )

    def _show_counts(self, card: ChartCard, items: Sequence[CountItem], header: str, field: str) -> None:
        chart = _reset(card.chart)
        shown = list(reversed(items))  # a horizontal bar chart draws its first category at the bottom
        bar_set = QBarSet(self.tr("Contacts"))
        bar_set.append([float(item.count) for item in shown])
        bar_set.clicked.connect(lambda index, s=shown, f=field: self._bar_clicked(f, s, index))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append([escape(_elide(item.label)) for item in shown] or [""])
        axis_x = _value_axis(max((item.count for item in shown), default=0), self.tr("Contacts"))
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        chart.legend().hide()
        card.table = [[header, self.tr("Contacts")], *([item.label, item.count] for item in items)]

    def _bar_clicked(self, field: str, shown: Sequence[CountItem], index: int) -> None:
        if 0 <= index < len(shown):
            self.request_filter(field, shown[index].label)

    def request_filter(self, field: str, value: str) -> None:
        """Ask the window to list the contacts behind a bar ('company' name or 'position' group)."""
        self.filter_requested.emit(field, value)

    def _show_touch(self, stats: NetworkStats) -> None:
        chart = _reset(self.touch_card.chart)
        weeks = stats.follow_ups.weeks
        due = QBarSet(self.tr("Due"))
        due.append([float(w.due) for w in weeks])
        done = QBarSet(self.tr("Done"))
        done.append([float(w.done) for w in weeks])
        bars = QBarSeries()
        bars.append(due)
        bars.append(done)
        chart.addSeries(bars)
        overdue = QLineSeries()
        overdue.setName(self.tr("Overdue at week end"))
        for i, w in enumerate(weeks):
            overdue.append(QPointF(i, w.overdue))
        chart.addSeries(overdue)
        locale = self.locale()
        axis_x = QBarCategoryAxis()
        axis_x.append([locale.toString(_qdate(w.week_start), "d MMM") for w in weeks] or [""])
        top = max((max(w.due, w.done, w.overdue) for w in weeks), default=0)
        axis_y = _value_axis(top, self.tr("Follow-ups"))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, overdue):
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        health = stats.follow_ups
        self.touch_card.summary.setText(
            self.tr(
                "{0} follow-ups open, {1} overdue now; {2} contacts lapsed past their cadence; "
                "{3} first-degree connections never contacted; {4} connection anniversaries this week."
            ).format(
                locale.toString(health.open_now),
                locale.toString(health.overdue_now),
                locale.toString(stats.lapsed_count),
                locale.toString(stats.never_contacted),
                locale.toString(stats.anniversary_count),
            )
        )
        self.anniversary_list.clear()
        for item in stats.anniversaries:
            self.anniversary_list.addItem(
                self.tr("{0}: {1} ({2} years)").format(
                    locale.toString(_qdate(item.day), "ddd d MMM"), item.name, item.years
                )
            )
        self.anniversary_title.setText(
            self.tr("Connection anniversaries this week ({0})").format(
                locale.toString(stats.anniversary_count)
            )
        )
        self.lapsed_list.clear()
        for lapsed in stats.lapsed:
            self.lapsed_list.addItem(
                self.tr("{0}: {1} days over a {2}-day cadence").format(
                    lapsed.name, locale.toString(lapsed.days_over), lapsed.cadence_days
                )
            )
        self.lapsed_title.setText(
            self.tr("Lapsed past their keep-in-touch cadence ({0})").format(
                locale.toString(stats.lapsed_count)
            )
        )
        self.touch_card.table = [
            [self.tr("Week"), self.tr("Due"), self.tr("Done"), self.tr("Overdue at week end")],
            *([w.week_start.isoformat(), w.due, w.done, w.overdue] for w in weeks),
            [],
            [self.tr("Open now"), health.open_now],
            [self.tr("Overdue now"), health.overdue_now],
            [self.tr("Lapsed"), stats.lapsed_count],
            [self.tr("Never contacted"), stats.never_contacted],
            [self.tr("Anniversaries this week"), stats.anniversary_count],
        ]

    # -- palette -----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Follow the application's light or dark palette."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and not (
            self._styling
        ):
            for card in self.cards:
                for chart in card.charts():
                    self._style_chart(chart)

    def colours(self) -> dict[str, QColor]:
        """The chart colours for the current palette."""
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        return {
            "background": palette.color(QPalette.ColorRole.Base),
            "text": palette.color(QPalette.ColorRole.Text),
            "grid": palette.color(QPalette.ColorRole.Mid),
            "primary": palette.color(QPalette.ColorRole.Highlight),
            "secondary": QColor("#f0a04b" if dark else "#c8702a"),
            "muted": _blend(
                palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.45
            ),
            "alert": QColor("#ff7b72" if dark else "#c0392b"),
        }

    def _style_chart(self, chart: QChart) -> None:
        self._styling = True
        try:
            colours = self.colours()
            dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
            theme = QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
            if chart.theme() != theme:
                chart.setTheme(theme)
            text = QBrush(colours["text"])
            chart.setBackgroundBrush(QBrush(colours["background"]))
            chart.setBackgroundRoundness(0)
            chart.setMargins(QMargins(4, 4, 4, 4))
            chart.setTitleBrush(text)
            chart.legend().setLabelBrush(text)
            for axis in chart.axes():
                _style_axis(axis, colours)
            palette_order = [colours["primary"], colours["secondary"], colours["alert"]]
            for n, series in enumerate(chart.series()):
                if isinstance(series, QBarSeries | QHorizontalBarSeries):
                    sets = series.barSets()
                    bar_colours = (
                        [colours["muted"], colours["primary"]] if len(sets) > 1 else [colours["primary"]]
                    )
                    for bar_set, colour in zip(sets, bar_colours, strict=False):
                        bar_set.setColor(colour)
                        bar_set.setBorderColor(colour)
                elif isinstance(series, QLineSeries):
                    name = series.name()
                    colour = palette_order[min(n, 2)]
                    pen = QPen(colour, 2.5)
                    if name == self.tr("Goal"):
                        pen = QPen(colours["text"], 1.5, Qt.PenStyle.DashLine)
                    elif name == self.tr("Overdue at week end"):
                        pen = QPen(colours["alert"], 2.5)
                    elif name == self.tr("Total") or name == self.tr("Open networkers"):
                        pen = QPen(colours["secondary"], 2.5)
                    series.setPen(pen)
                elif isinstance(series, QPieSeries):
                    for slice_, colour in zip(
                        series.slices(), [colours["primary"], colours["grid"]], strict=False
                    ):
                        slice_.setColor(colour)
                        slice_.setBorderColor(colours["background"])
                        slice_.setLabelBrush(text)
            for view in self.findChildren(QChartView):
                if view.chart() is chart:
                    view.setBackgroundBrush(QBrush(colours["background"]))
        finally:
            self._styling = False

    # -- export ------------------------------------------------------------------------------------

    def export_png(self, card: ChartCard) -> str | None:
        """Ask where to save a card's chart as PNG and save it there; returns the path or None."""
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save chart as PNG"),
            f"netcrm-{card.key.replace('_', '-')}.png",
            self.tr("PNG images (*.png)"),
        )
        if not path:
            return None
        if not path.lower().endswith(".png"):
            path += ".png"
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        card.chart_area.grab().save(buffer, "PNG")
        from netcrm.core.atomic import atomic_file

        try:
            with atomic_file(path, "wb") as handle:
                handle.write(bytes(buffer.data().data()))
        except (NetcrmError, OSError) as error:
            show_message(QMessageBox.Icon.Warning, self.tr("Save chart"), str(error), parent=self)
            return None
        return path

    def copy_numbers(self, card: ChartCard) -> str:
        """Put the numbers behind a card's chart on the clipboard as tab-separated text."""
        text = tsv(card.table)
        QGuiApplication.clipboard().setText(text)
        return text


def _reset(chart: QChart) -> QChart:
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
        axis.deleteLater()
    return chart


def _value_axis(top: float, title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, _nice_ceiling(top))
    axis.setLabelFormat("%d")
    axis.setTickCount(5)
    axis.setTitleText(title)
    return axis


def _nice_ceiling(value: float) -> float:
    """A round upper bound a little above `value` (at least 4, so five ticks stay whole numbers)."""
    if value <= 4:
        return 4
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 4, 5, 8, 10):
        top = step * magnitude
        if top >= value * 1.05 and top % 4 == 0:
            return float(top)
    return float(magnitude * 20)


def _style_axis(axis: QAbstractAxis, colours: dict[str, QColor]) -> None:
    axis.setLabelsBrush(QBrush(colours["text"]))
    axis.setTitleBrush(QBrush(colours["text"]))
    axis.setGridLineColor(colours["grid"])
    axis.setLinePenColor(colours["grid"])
    axis.setShadesVisible(False)
    axis.setTruncateLabels(False)  # Qt would shorten category labels to "..." long before they collide
    if isinstance(axis, QBarCategoryAxis | QCategoryAxis):  # months and names need no grid lines
        axis.setGridLineVisible(False)


def _blend(one: QColor, other: QColor, weight: float) -> QColor:
    """`weight` of `one` and the rest of `other`: a colour that stands out from either in any palette."""
    return QColor.fromRgbF(
        one.redF() * weight + other.redF() * (1 - weight),
        one.greenF() * weight + other.greenF() * (1 - weight),
        one.blueF() * weight + other.blueF() * (1 - weight),
    )


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _month_table(months: Sequence[MonthCount], header: Sequence[object]) -> list[list[object]]:
    return [list(header), *([m.month, m.added, m.total] for m in months)]
