"""The main window: the contact list, the detail pane and the follow-up pane, with menus and counts.

It can paint the contact list before the services exist (`show_rows`), so the first paint needs neither
SQLAlchemy nor Alembic; `attach` then hands it the services for counts, follow-ups and details.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QLocale, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QWidget,
)

from netcrm import __version__
from netcrm.core.clock import system_clock
from netcrm.core.errors import NotFoundError
from netcrm.core.paths import is_url
from netcrm.ui.contact_detail import ContactDetailPane
from netcrm.ui.contact_list import ContactListView
from netcrm.ui.contact_table_model import ContactTableModel, Row
from netcrm.ui.follow_up_pane import FollowUpPane
from netcrm.ui.icons import icon
from netcrm.ui.loaders import Overview, load_contact_detail, load_overview
from netcrm.ui.messages import show_message

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which stays off the first-paint path
    from netcrm.core.services import Services

DEFAULT_SIZE = (1280, 800)


class MainWindow(QMainWindow):
    """The home of the app; later issues add editing, import and export to it."""

    loaded = Signal()  # services attached: counts and follow-ups are shown
    first_painted = Signal()  # the contact list has been painted once (start-up work may follow)

    def __init__(self, settings: QSettings, database: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._settings = settings
        self._database = database
        self._services: Services | None = None
        self._today = system_clock().date()
        self._pending_contact: int | None = None
        self._rows_shown = False
        self.setWindowTitle(self._title())

        self.model = ContactTableModel(self)
        self.contact_list = ContactListView(self.model)
        self.detail_pane = ContactDetailPane()
        self.follow_up_pane = FollowUpPane()
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(self.detail_pane)
        self.side_splitter.addWidget(self.follow_up_pane)
        self.side_splitter.setStretchFactor(0, 3)
        self.side_splitter.setStretchFactor(1, 2)
        self.side_splitter.setChildrenCollapsible(False)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.contact_list)
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setStretchFactor(0, 1)
        self.main_splitter.setStretchFactor(1, 0)
        self.main_splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_splitter)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Search names, companies, e-mails, tags, notes"))
        self.search_box.setMinimumWidth(self.fontMetrics().averageCharWidth() * 42)
        self.search_box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 64)
        self._search_icon = self.search_box.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._connect()
        self._restore_settings()
        self._awaiting_first_paint = True
        self.contact_list.viewport().installEventFilter(self)

    # -- building ---------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.quit_action = QAction(icon("quit"), self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = QAction(icon("find"), self.tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setToolTip(self.tr("Search the contact list"))
        self.reload_action = QAction(icon("reload"), self.tr("&Reload"), self)
        self.reload_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.reload_action.setToolTip(self.tr("Read the database again (changes made with netcrm-cli)"))
        self.reload_action.setEnabled(False)
        self.detail_action = QAction(icon("detail_pane"), self.tr("&Details"), self)
        self.detail_action.setCheckable(True)
        self.detail_action.setChecked(True)
        self.detail_action.setToolTip(self.tr("Show or hide the contact details"))
        self.follow_up_action = QAction(icon("follow_up_pane"), self.tr("F&ollow-ups"), self)
        self.follow_up_action.setCheckable(True)
        self.follow_up_action.setChecked(True)
        self.follow_up_action.setToolTip(self.tr("Show or hide the follow-ups"))
        self.about_action = QAction(icon("about"), self.tr("&About netcrm"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_qt_action = QAction(self.tr("About &Qt"), self)
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.detail_action)
        view_menu.addAction(self.follow_up_action)
        self._toolbar_menu = view_menu
        view_menu.addSeparator()
        view_menu.addAction(self.reload_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _create_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Toolbar"))
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addAction(self.reload_action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.detail_action)
        self.toolbar.addAction(self.follow_up_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        toggle = self.toolbar.toggleViewAction()
        toggle.setText(self.tr("&Toolbar"))
        self._toolbar_menu.insertAction(self.detail_action, toggle)

    def _create_status_bar(self) -> None:
        self.match_label = QLabel()
        self.match_label.setTextFormat(Qt.TextFormat.PlainText)
        self.match_label.setObjectName("matchLabel")
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.counts_label.setObjectName("countsLabel")
        status = self.statusBar()
        status.addPermanentWidget(self.match_label)
        status.addPermanentWidget(self.counts_label)

    def _connect(self) -> None:
        self.quit_action.triggered.connect(self.close)
        self.find_action.triggered.connect(self.focus_search)
        self.reload_action.triggered.connect(self.reload)
        self.detail_action.toggled.connect(self._show_panes)
        self.follow_up_action.toggled.connect(self._show_panes)
        self.about_action.triggered.connect(self.show_about)
        self.about_qt_action.triggered.connect(QApplication.aboutQt)
        self.search_box.textChanged.connect(self._on_search)
        self.search_box.returnPressed.connect(self._focus_list)
        clear = QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self.search_box, context=Qt.ShortcutContext.WidgetShortcut
        )
        clear.activated.connect(self.search_box.clear)
        down = QShortcut(
            QKeySequence(Qt.Key.Key_Down), self.search_box, context=Qt.ShortcutContext.WidgetShortcut
        )
        down.activated.connect(self._focus_list)
        self.contact_list.current_contact_changed.connect(self._on_current_contact)
        self.follow_up_pane.contact_activated.connect(self.open_contact)

    # -- data -------------------------------------------------------------------------------------

    def show_rows(self, rows: list[Row], today: date) -> None:
        """Fill the contact list (the first paint needs nothing more)."""
        self._today = today
        self._rows_shown = True
        self.model.set_rows(rows, today)
        self._update_match_label()

    def attach(self, services: Services, overview: Overview | None = None) -> None:
        """Take the services: load what is not shown yet, and the counts and follow-ups."""
        self._services = services
        if not self._rows_shown:
            self.show_rows(services.list_rows(), services.today())
        self._show_overview(overview or load_overview(services))
        self.reload_action.setEnabled(True)
        pending, self._pending_contact = self._pending_contact, None
        if pending is not None and pending == self.contact_list.current_contact_id():
            self._on_current_contact(pending)
        self.loaded.emit()

    def reload(self) -> None:
        """Read everything again (netcrm-cli or another device may have changed the database)."""
        if self._services is None:
            return
        services = self._services
        self.show_rows(services.list_rows(), services.today())
        self._show_overview(load_overview(services))
        current = self.contact_list.current_contact_id()
        if current is not None:
            self._on_current_contact(current)

    def _show_overview(self, overview: Overview) -> None:
        self._today = overview.today
        locale = QLocale()
        first_day = locale.firstDayOfWeek().value
        self.follow_up_pane.set_follow_ups(overview.follow_ups, overview.today, first_day)
        counts = overview.counts
        self.counts_label.setText(
            self.tr("Contacts: %1 · Open networkers: %2 · Follow-ups due: %3 · Overdue: %4")
            .replace("%1", locale.toString(counts.contacts))
            .replace("%2", locale.toString(counts.open_networkers))
            .replace("%3", locale.toString(counts.follow_ups_due))
            .replace("%4", locale.toString(counts.overdue))
        )

    # -- behaviour --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search box, its text selected for typing over."""
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def open_contact(self, contact_id: int) -> None:
        """Select a contact in the list, clearing the search if it hides them."""
        if not self.contact_list.select_contact(contact_id) and self.search_box.text():
            self.search_box.clear()
            self.contact_list.select_contact(contact_id)
        self.contact_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def bring_to_front(self) -> None:
        """Another start of netcrm on this database asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def show_about(self) -> None:
        """Version, database and Qt versions, in a plain-text box."""
        from PySide6 import __version__ as pyside_version

        text = (
            self.tr("netcrm %1\nA personal CRM for the people in your network.\n\nDatabase: %2\nPySide6 %3")
            .replace("%1", __version__)
            .replace("%2", self._database_label(full=True))
            .replace("%3", pyside_version)
        )
        show_message(QMessageBox.Icon.Information, self.tr("About netcrm"), text, parent=self)

    def _on_search(self, text: str) -> None:
        self.model.set_query(text)
        self._update_match_label()

    def _focus_list(self) -> None:
        if self.model.rowCount() and self.contact_list.current_contact_id() is None:
            self.contact_list.select_contact(self.model.contact_id(0))
        self.contact_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_current_contact(self, contact_id: int | None) -> None:
        if contact_id is None:
            self.detail_pane.clear()
            return
        if self._services is None:
            self._pending_contact = contact_id
            return
        try:
            detail = load_contact_detail(self._services, contact_id)
        except NotFoundError:
            self.detail_pane.clear()
            self.statusBar().showMessage(self.tr("That contact was deleted elsewhere; press F5 to reload"))
            return
        self.detail_pane.show_detail(detail, self._today)

    def _update_match_label(self) -> None:
        shown, total = self.model.visible_count(), self.model.total_count()
        if total == 0:
            self.statusBar().showMessage(
                self.tr(
                    "No contacts yet: import your LinkedIn export with netcrm-cli, or try netcrm-cli demo"
                )
            )
        elif self.statusBar().currentMessage():
            self.statusBar().clearMessage()
        if self.model.query_words():
            locale = QLocale()
            self.match_label.setText(
                self.tr("Showing %1 of %2")
                .replace("%1", locale.toString(shown))
                .replace("%2", locale.toString(total))
            )
            self.match_label.show()
        else:
            self.match_label.clear()
            self.match_label.hide()

    def _show_panes(self) -> None:
        self.detail_pane.setVisible(self.detail_action.isChecked())
        self.follow_up_pane.setVisible(self.follow_up_action.isChecked())
        self.side_splitter.setVisible(self.detail_action.isChecked() or self.follow_up_action.isChecked())

    # -- look -------------------------------------------------------------------------------------

    def _title(self) -> str:
        return self.tr("%1 — netcrm").replace("%1", self._database_label()) if self._database else "netcrm"

    def _database_label(self, full: bool = False) -> str:
        """The database as the user knows it; a server URL without its password."""
        if not self._database:
            return ""
        if is_url(self._database):
            from urllib.parse import urlsplit

            parts = urlsplit(self._database)
            return f"{parts.scheme}://{parts.hostname or ''}{parts.path}"
        return self._database if full else self._database.rsplit("/", 1)[-1]

    def _apply_icons(self) -> None:
        """Icons are drawn in the palette's text colour, so a light/dark switch redraws them."""
        for action, name in (
            (self.quit_action, "quit"),
            (self.find_action, "find"),
            (self.reload_action, "reload"),
            (self.detail_action, "detail_pane"),
            (self.follow_up_action, "follow_up_pane"),
            (self.about_action, "about"),
            (self._search_icon, "find"),
        ):
            action.setIcon(icon(name))
        self.model.set_icons(icon("open_networker"), icon("overdue"))
        self.follow_up_pane.refresh_icons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Announce the list's first paint once it is done (the timer fires after the paint completes)."""
        if self._awaiting_first_paint and event.type() == QEvent.Type.Paint:
            self._awaiting_first_paint = False
            self.contact_list.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self, self.first_painted.emit)  # dropped if the window is gone by then
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_icons()
        super().changeEvent(event)

    # -- settings ---------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = self._settings
        self.model.set_icons(icon("open_networker"), icon("overdue"))
        if not self.restoreGeometry(_bytes(settings.value("mainWindow/geometry"))):
            self.resize(self._default_size())
        self.restoreState(_bytes(settings.value("mainWindow/state")))
        if not self.main_splitter.restoreState(_bytes(settings.value("mainWindow/mainSplitter"))):
            width = self.width() if self.width() > 0 else DEFAULT_SIZE[0]
            self.main_splitter.setSizes([width * 62 // 100, width * 38 // 100])
        if not self.side_splitter.restoreState(_bytes(settings.value("mainWindow/sideSplitter"))):
            height = self.height() if self.height() > 0 else DEFAULT_SIZE[1]
            self.side_splitter.setSizes([height * 58 // 100, height * 42 // 100])
        header = self.contact_list.horizontalHeader()
        header.restoreState(_bytes(settings.value("contactList/header")))
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.contact_list.setSortingEnabled(True)
        self.detail_action.setChecked(_flag(settings.value("view/detailPane", True)))
        self.follow_up_action.setChecked(_flag(settings.value("view/followUpPane", True)))
        self._show_panes()

    def _default_size(self) -> QSize:
        """1280x800, or nine tenths of a smaller screen."""
        width, height = DEFAULT_SIZE
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() * 9 // 10)
            height = min(height, available.height() * 9 // 10)
        return QSize(width, height)

    def save_settings(self) -> None:
        """Remember geometry, splitters, columns, sort and panes for the next start."""
        settings = self._settings
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        settings.setValue("mainWindow/mainSplitter", self.main_splitter.saveState())
        settings.setValue("mainWindow/sideSplitter", self.side_splitter.saveState())
        settings.setValue("contactList/header", self.contact_list.horizontalHeader().saveState())
        settings.setValue("view/detailPane", self.detail_action.isChecked())
        settings.setValue("view/followUpPane", self.follow_up_action.isChecked())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)


def _bytes(value: Any) -> QByteArray:
    return value if isinstance(value, QByteArray) else QByteArray()


def _flag(value: Any) -> bool:
    """A boolean setting (ini files give strings back)."""
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
