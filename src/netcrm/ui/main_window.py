"""The main window: the contact list, the detail pane and the follow-up pane, with menus and counts.

It can paint the contact list before the services exist (`show_rows`), so the first paint needs neither
SQLAlchemy nor Alembic; `attach` then hands it the services for counts, follow-ups and details.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QEvent,
    QLocale,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from netcrm.core.clock import system_clock
from netcrm.core.errors import NetcrmError, NotFoundError
from netcrm.core.model import Counts
from netcrm.core.paths import is_url
from netcrm.ui.actions.bulk import BulkActions
from netcrm.ui.actions.contacts import ContactActions
from netcrm.ui.actions.context import ActionContext, Places
from netcrm.ui.actions.editing import ContactEditing
from netcrm.ui.actions.follow_ups import FollowUpActions
from netcrm.ui.actions.import_export import ImportExportActions
from netcrm.ui.actions.networking import NetworkingActions
from netcrm.ui.columns import LIST_COLUMNS
from netcrm.ui.contact_detail import ContactDetailPane
from netcrm.ui.contact_list import ContactListView
from netcrm.ui.contact_table_model import ContactTableModel, Ranking, Row
from netcrm.ui.follow_up_pane import FollowUpPane
from netcrm.ui.icons import icon
from netcrm.ui.loaders import Everything, Overview, load_contact_detail, load_overview, shown_batches
from netcrm.ui.messages import show_message
from netcrm.ui.operations import Operations
from netcrm.ui.quit_guard import QuitGuard
from netcrm.ui.refresher import Refresher
from netcrm.ui.sidebar import (
    NEXT_FOLLOW_UP,
    OPEN_NETWORKER,
    OPEN_NETWORKER_TAG,
    TAG_NAMES,
    RowCounts,
    SidebarView,
    adjusted,
    count_rows,
    has_tag,
)
from netcrm.ui.store_banners import BannerArea, with_banners
from netcrm.ui.summaries import Summary, SummaryReader
from netcrm.ui.welcome_view import WelcomeView

if TYPE_CHECKING:  # the services pull in SQLAlchemy, which stays off the first-paint path
    from collections.abc import Callable, Collection, Sequence

    from netcrm.core.changes import Changes
    from netcrm.core.model import FollowUp, SmartLists
    from netcrm.core.services import Services

DEFAULT_SIZE = (1280, 800)
DEMO_CONTACTS = 2000  # the welcome view's Try with demo data
ROW_READS_UP_TO = 200  # a change to more contacts reads the whole list again (in a worker)


class MainWindow(QMainWindow):
    """The home of the app; later issues add editing, import and export to it."""

    loaded = Signal()  # services attached: counts and follow-ups are shown
    first_painted = Signal()  # the contact list has been painted once (start-up work may follow)
    list_changed = Signal(str)  # the sidebar's chosen smart list (its key)
    import_requested = Signal()  # the welcome view's Import your connections

    def __init__(self, settings: QSettings, database: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._settings = settings
        self._database = database
        self._services: Services | None = None
        self._today = system_clock().date()
        self._pending_contact: int | None = None
        self._rows_shown = False
        self._pending_total: int | None = None  # while only the list's first page is shown: all its rows
        self._split_on_show = False
        self.setWindowTitle(self._title())

        self.model = ContactTableModel(self)
        self.contact_list = ContactListView(self.model)
        self.sidebar = SidebarView()
        self._live_rows: list[Row] = []
        self._smart: SmartLists | None = None
        self._in_trash = False
        self._row_counts: RowCounts | None = None
        self._ids_cache: dict[str, frozenset[int]] = {}
        self.detail_pane = ContactDetailPane()
        self.follow_up_pane = FollowUpPane()
        self.undo_stack = QUndoStack(self)
        self.editing = ContactEditing(
            self.detail_pane, self.undo_stack, lambda: self._services, self.contact_changed, self
        )
        self.runner = Operations(lambda: self._services, self.undo_stack, self)
        self.runner.changed.connect(self.apply_changes)
        self.actions_context = ActionContext(
            services=lambda: self._services,
            settings=settings,
            selection=self,
            runner=self.runner,
            parent=self,
            today=lambda: self._today,
            status=lambda text: self.statusBar().showMessage(text, 4000),
            open_contact=self.open_contact,
            views=self,
        )
        self.bulk = BulkActions(
            self.undo_stack, lambda: self._services, self.rows_of, self.rows_changed, self
        )
        self.follow_ups = FollowUpActions(
            self.actions_context, self._shown_follow_up, lambda: self.detail_pane.contact, self
        )
        self.summaries = SummaryReader(
            lambda: self._services, self.recent_days, self._show_summary, self._refresh_failed, self
        )
        self.refresher = Refresher(
            lambda: self._services,
            self.recent_days,
            self.in_trash,
            self._show_everything,
            self._refresh_failed,
            self,
        )
        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.addWidget(self.detail_pane)
        self.side_splitter.addWidget(self.follow_up_pane)
        self.side_splitter.setStretchFactor(0, 3)
        self.side_splitter.setStretchFactor(1, 2)
        self.side_splitter.setChildrenCollapsible(False)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.sidebar)
        self.welcome_view = WelcomeView()
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.contact_list)
        self.list_stack.addWidget(self.welcome_view)
        self.main_splitter.addWidget(self.list_stack)
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 0)
        self.main_splitter.setChildrenCollapsible(False)
        self.central_stack = QStackedWidget()  # the contacts, or a view beside them (Insights)
        self.central_stack.addWidget(self.main_splitter)
        self.banners = BannerArea()  # read-only, busy, network-folder banners (store_banners.py)
        self.setCentralWidget(with_banners(self.banners, self.central_stack))

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Search names, companies, e-mails, tags, notes"))
        self.search_box.setMinimumWidth(self.fontMetrics().averageCharWidth() * 26)  # fits a 720 px window
        self.search_box.setMaximumWidth(self.fontMetrics().averageCharWidth() * 64)
        self._search_icon = self.search_box.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._connect()
        self.import_export = ImportExportActions(self.actions_context)  # Import…, Export…, dropped files
        self.quit_guard = QuitGuard(self)  # closing while an import or undo runs asks first
        self.import_requested.connect(self.import_export.open_import)
        self.networking = NetworkingActions(self.actions_context)  # Insights, reminders, networkers...
        places = Places(
            self.file_menu,
            self.contacts_menu,
            self._toolbar_menu,
            self.toolbar,
            self.quit_action,
            self.detail_action,
            self.sidebar,
        )
        self.import_export.place(places)
        self.networking.place(places)
        self.loaded.connect(self.import_export.on_loaded)
        self.loaded.connect(self.networking.on_loaded)
        self._restore_settings()
        self._awaiting_first_paint = True
        self.contact_list.viewport().installEventFilter(self)
        self.welcome_view.installEventFilter(self)  # an empty database paints the welcome instead

    # -- building ---------------------------------------------------------------------------------

    def _create_actions(self) -> None:
        self.quit_action = QAction(icon("quit"), self.tr("&Quit"), self)
        self.quit_action.setShortcuts(_standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
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
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setIcon(icon("undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setIcon(icon("redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.preferences_action = QAction(icon("preferences"), self.tr("&Preferences…"), self)
        self.preferences_action.setShortcuts(_standard_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.focus_actions: list[QAction] = []
        for key, text, target in (
            ("Ctrl+0", self.tr("Go to the &lists"), lambda: self.sidebar),
            ("Ctrl+1", self.tr("Go to the &contacts"), lambda: self.contact_list),
            ("Ctrl+2", self.tr("Go to the &details"), self._detail_focus_target),
            ("Ctrl+3", self.tr("Go to the &follow-ups"), lambda: self.follow_up_pane.view),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, t=target: self._focus_pane(t()))
            self.focus_actions.append(action)
        self.next_pane_action = QAction(self.tr("&Next pane"), self)
        self.next_pane_action.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.next_pane_action.triggered.connect(lambda: self.cycle_panes(1))
        self.previous_pane_action = QAction(self.tr("&Previous pane"), self)
        self.previous_pane_action.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F6))
        self.previous_pane_action.triggered.connect(lambda: self.cycle_panes(-1))
        self.contacts = ContactActions(
            self.actions_context,
            self.bulk,
            self.follow_ups,
            self.contact_list,
            lambda then: self.rows_changed(then=then),
            self._show_new_contact,
        )
        self.about_qt_action.setMenuRole(QAction.MenuRole.AboutQtRole)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu = file_menu
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        self.edit_menu = edit_menu
        contacts_menu = bar.addMenu(self.tr("&Contacts"))
        self.contacts_menu = contacts_menu
        contacts_menu.addAction(self.contacts.new_contact_action)
        contacts_menu.addSeparator()
        self.contacts.add_to(contacts_menu)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.detail_action)
        view_menu.addAction(self.follow_up_action)
        self._toolbar_menu = view_menu
        view_menu.addSeparator()
        for action in (*self.focus_actions, self.next_pane_action, self.previous_pane_action):
            view_menu.addAction(action)
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
        self.reload_action.triggered.connect(lambda: self.reload())
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
        self.sidebar.list_chosen.connect(self._on_list_chosen)
        self.detail_pane.people_needed.connect(self._give_people)
        self.welcome_view.import_requested.connect(self.import_requested)
        self.welcome_view.demo_requested.connect(self.add_demo_data)
        self.contact_list.activated.connect(lambda _index: self.detail_pane.focus_first_field())
        self.preferences_action.triggered.connect(self.show_preferences)
        self.detail_pane.log_requested.connect(self.follow_ups.log_interaction)
        self.detail_pane.follow_up_requested.connect(self.follow_ups.add_to_shown)
        self.follow_up_pane.done_requested.connect(self.follow_ups.complete)
        self.follow_up_pane.snooze_requested.connect(self.follow_ups.snooze)
        self.follow_up_pane.reschedule_requested.connect(self.follow_ups.reschedule)

    # -- data -------------------------------------------------------------------------------------

    def show_first_page(self, rows: list[Row], total: int, today: date) -> None:
        """Paint the first screenful of the list now; `show_rows` brings all `total` rows soon after."""
        self._today = today
        self._rows_shown = True
        self._pending_total = total
        self.model.set_rows(rows, today)
        self.statusBar().showMessage(self.tr("Loading %1 contacts…").replace("%1", QLocale().toString(total)))

    def rows_pending(self) -> bool:
        """True while the list shows only its first page (start-up reads the rest in a worker)."""
        return self._pending_total is not None

    def pending_total(self) -> int:
        """How many contacts the list will hold once every row is read."""
        return self.model.total_count() if self._pending_total is None else self._pending_total

    def show_rows(
        self, rows: list[Row], today: date, names: Ranking | None = None, counts: RowCounts | None = None
    ) -> None:
        """Fill the contact list (the first paint needs nothing more); `names`: see `name_ranking`;
        `counts`, the smart lists' counts of these rows when a worker has counted them."""
        self._today = today
        self._rows_shown = True
        if self._pending_total is not None:
            self._pending_total = None
            self.statusBar().clearMessage()
        self._live_rows = rows
        if self._in_trash:
            self._in_trash = False
            self.sidebar.choose("all")
        self.model.set_rows(rows, today, names)
        self._update_match_label()
        self._row_counts = counts
        if self._services is not None:  # on the first-paint path the counts wait for `attach`
            self._refresh_sidebar(recount=counts is None)
        self._show_welcome_if_empty()

    def attach(self, services: Services, overview: Overview | None = None) -> None:
        """Take the services: load what is not shown yet, and the counts and follow-ups."""
        self._services = services
        if not self._rows_shown or self.rows_pending():
            self.show_rows(services.list_rows(), services.today())
        overview = overview or load_overview(services, self.recent_days())
        self._smart = overview.smart or services.smart_lists(self.recent_days())
        self._ids_cache.clear()
        self._ids_cache.update(overview.scopes)
        self._show_overview(overview)
        self._refresh_sidebar()
        self._show_welcome_if_empty()
        self.detail_pane.set_tag_names([tag.name for tag in services.list_tags()])
        self.reload_action.setEnabled(True)
        pending, self._pending_contact = self._pending_contact, None
        if pending is not None and pending == self.contact_list.current_contact_id():
            self._on_current_contact(pending)
        self.loaded.emit()

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read everything again in a worker (an import, netcrm-cli or another device changed the database);
        `then` runs once the window shows it."""
        self.refresher.ask(everything=True, then=then)

    def rows_changed(self, then: Callable[[], None] | None = None) -> None:
        """Many contacts changed: read the rows, the smart lists, the counts and the follow-ups again, in a
        worker; `then` runs once the window shows them."""
        self.refresher.ask(everything=False, then=then)

    def refreshing(self) -> bool:
        """True until the window shows the last read it asked for (and a slow operation has ended)."""
        return self.refresher.busy() or self.summaries.busy() or self.runner.busy()

    def apply_changes(self, changes: Changes) -> None:
        """Redraw what one operation changed (the runner's `changed`): its contacts' rows, their follow-ups,
        the detail pane if it shows one of them, and the counts and smart lists (read in a worker) only when
        the record says they moved. Many contacts, or one that came or went, read the list again."""
        services = self._services
        if services is None or not changes:
            return
        if changes.everything:
            self.reload()
            return
        ids = changes.contact_ids
        if len(ids) > ROW_READS_UP_TO or not self._update_rows(services, ids):
            self.rows_changed()  # rows, counts, smart lists and follow-ups, read in a worker
            return
        if ids:
            self.follow_up_pane.apply_changes(changes, services)
        shown = self.detail_pane.contact_id
        if shown is not None and shown in ids:
            self._on_current_contact(shown)
        if changes.tags:
            self.detail_pane.set_tag_names([tag.name for tag in services.list_tags()])
        if changes.smart_lists or (changes.counts and not self._count_here()):
            self.summaries.ask(smart=changes.smart_lists)

    def _count_here(self) -> bool:
        """Show the status bar's counts from what the window holds, without a query: contacts and open
        networkers from the list's row counts, due and overdue from the follow-up pane (it holds every open
        follow-up of a live contact). False while the list shows the trash or lacks its counts."""
        rows = self._row_counts
        if rows is None or self._in_trash:
            return False
        overdue, due = self.follow_up_pane.model.due_counts()
        self._show_counts(Counts(rows.all, rows.open_networkers, due, overdue))
        return True

    def _update_rows(self, services: Services, ids: Collection[int]) -> bool:
        """Re-read the list rows of `ids` in place; False when one came or went (the list must be read)."""
        if self._in_trash:
            return not ids
        for contact_id in ids:
            old = self.model.row_for(contact_id)
            row = services.list_row(contact_id)
            if (old is None) != (row is None):
                return False
            if row is None:
                continue
            self.model.update_row(row)
            if self._row_counts is not None:
                self._row_counts = adjusted(self._row_counts, old, row, self._today)
        if ids:
            self._refresh_sidebar(recount=self._row_counts is None)
        return True

    def _show_summary(self, found: Summary) -> None:
        if found.smart is not None:
            self._smart = found.smart  # the id lists (recent, batches) stay: no contact came or went
            self._refresh_sidebar(recount=False)
        self._show_counts(found.counts)

    def _shown_follow_up(self, follow_up_id: int) -> FollowUp | None:
        return next((f for f in self.follow_up_pane.model.all_items() if f.id == follow_up_id), None)

    def current_contact_id(self) -> int | None:
        """The contact the detail pane shows."""
        return self.detail_pane.contact_id

    def live_rows(self) -> list[Row]:
        """Every live contact's list row (shared, not copied)."""
        return self._live_rows

    def shown_ids(self) -> list[int] | None:
        """The contacts the list shows, top to bottom; None when it shows every live contact."""
        model = self.model
        if model.visible_count() == model.total_count() and not self._in_trash:
            return None
        return [model.contact_id(row) for row in range(model.rowCount())]

    # -- views (for the actions) ------------------------------------------------------------------

    def show_view(self, view: QWidget | None) -> None:
        """Show a view (Insights) in place of the contacts; None: the contacts again."""
        if view is None:
            self.central_stack.setCurrentWidget(self.main_splitter)
            return
        if self.central_stack.indexOf(view) < 0:
            self.central_stack.addWidget(view)
        self.central_stack.setCurrentWidget(view)

    def filter_list(self, text: str, scope: Callable[[Row], bool] | None, label: str) -> None:
        """Show the contacts a search finds, or those a predicate keeps (the search cleared)."""
        if scope is None:
            self.search_box.setText(text)
            return
        self.search_box.clear()
        self.model.set_scope(scope)
        if label:
            self.statusBar().showMessage(label, 8000)

    def show_follow_ups(self) -> None:
        """Bring the window forward with its follow-ups shown and focused."""
        self.bring_to_front()
        self.follow_up_action.setChecked(True)
        self.follow_up_pane.setFocus()

    def _show_everything(self, found: Everything, everything: bool) -> None:
        self._smart = found.overview.smart
        self._ids_cache.clear()
        self._ids_cache.update(found.overview.scopes)
        today = found.overview.today
        if found.trash is None:  # the live list (a full reload leaves the trash)
            self.show_rows(found.rows, today, found.names, found.row_counts)
        else:  # still looking at the trash: its rows, and the live ones behind it
            self._today = today
            self._live_rows = found.rows
            self._row_counts = found.row_counts
            self.model.set_rows(found.trash, today)
            self._refresh_sidebar(recount=False)
            self._update_match_label()
            self._show_welcome_if_empty()
        self._show_overview(found.overview)
        self.detail_pane.set_tag_names(found.tag_names)
        if everything:
            self._on_list_chosen(self.sidebar.current_key())
        current = self.contact_list.current_contact_id()
        if current is not None:
            self._on_current_contact(current)

    def _refresh_failed(self, error: BaseException) -> None:
        if not isinstance(error, NetcrmError):
            raise error
        show_message(QMessageBox.Icon.Warning, self.tr("netcrm"), str(error), parent=self)

    def _show_overview(self, overview: Overview) -> None:
        self._today = overview.today
        locale = QLocale()
        first_day = locale.firstDayOfWeek().value
        self.follow_up_pane.set_follow_ups(overview.follow_ups, overview.today, first_day)
        self._show_counts(overview.counts)

    def _show_counts(self, counts: Counts) -> None:
        locale = QLocale()
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
        """Version, database, data folder and licence, as plain text."""
        from netcrm.ui.dialogs.about import AboutDialog

        AboutDialog(self._database, self).exec()

    # -- editing ----------------------------------------------------------------------------------

    def contact_changed(self, contact_id: int) -> None:
        """A contact was saved: re-read its list row (in place), the detail pane and the counts."""
        services = self._services
        if services is None:
            return
        old = self.model.row_for(contact_id)
        row = services.list_row(contact_id)
        if row is not None:
            self.model.update_row(row)
        if self.detail_pane.contact_id == contact_id:
            try:
                self.detail_pane.show_detail(load_contact_detail(services, contact_id), self._today)
            except NotFoundError:
                self.detail_pane.clear()
        if self._row_counts is not None and not self._in_trash:
            self._row_counts = adjusted(self._row_counts, old, row, self._today)
            self._refresh_sidebar(recount=False)
        else:
            self._refresh_sidebar()
        if old is None or row is None or old[TAG_NAMES] != row[TAG_NAMES]:  # maybe a new tag to complete
            self.detail_pane.set_tag_names([tag.name for tag in services.list_tags()])

    # -- the selection -----------------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """The contacts selected in the list, top to bottom."""
        rows = sorted({index.row() for index in self.contact_list.selectionModel().selectedRows()})
        return [self.model.contact_id(row) for row in rows]

    def rows_of(self, ids: Sequence[int]) -> list[Row]:
        """The list rows of some contacts, from the model (no query)."""
        wanted = set(ids)
        return [row for row in self.model.rows() if row[0] in wanted]

    def _show_new_contact(self, contact_id: int) -> None:
        """A contact was just made: show it in All contacts and put the cursor in its form."""
        if self.sidebar.current_key() != "all":
            self.sidebar.choose("all")
        self.search_box.clear()

        def show_added() -> None:
            self.open_contact(contact_id)
            self.detail_pane.focus_first_field()

        self.rows_changed(then=show_added)

    # -- welcome, preferences, keyboard -----------------------------------------------------------

    def _show_welcome_if_empty(self) -> None:
        empty = self._services is not None and not self._live_rows and not self._in_trash
        self.list_stack.setCurrentWidget(self.welcome_view if empty else self.contact_list)

    def add_demo_data(self) -> None:
        """Fill an empty database with 2,000 made-up people, in a worker."""
        from netcrm.ui.workers import Job, run_in_worker

        services = self._services
        if services is None:
            self.welcome_view.set_busy(False)
            return

        def work(job: Job) -> int:
            return services.add_demo(DEMO_CONTACTS, progress=job.report)

        def done(_count: int) -> None:
            self.rows_changed(then=self._demo_shown)

        def failed(error: BaseException) -> None:
            self.welcome_view.set_busy(False)
            if not isinstance(error, NetcrmError):
                raise error
            show_message(QMessageBox.Icon.Warning, self.tr("netcrm"), str(error), parent=self)

        run_in_worker(work, done, failed)

    def _demo_shown(self) -> None:
        self.welcome_view.set_busy(False)
        self._focus_list()

    def show_preferences(self) -> None:
        """The small preferences dialog; its choices apply at once."""
        from netcrm.ui.dialogs.preferences import PreferencesDialog

        pitch = self._services.get_pitch() if self._services is not None else ""
        dialog = PreferencesDialog(self._settings, self, pitch)
        if dialog.exec():
            dialog.save()
            text = dialog.pitch.toPlainText().strip()
            if self._services is not None and text != pitch:
                self._services.set_pitch(text)
            if self._services is not None:
                self.rows_changed()

    def recent_days(self) -> int:
        """How far back Recently added looks (a preference)."""
        try:
            return max(1, min(3650, int(str(self._settings.value("smartLists/recentDays", 30)))))
        except (TypeError, ValueError):
            return 30

    def _detail_focus_target(self) -> QWidget:
        if self.detail_pane.contact_id is None:
            return self.detail_pane
        return self.detail_pane.editor("first_name")

    def _focus_pane(self, widget: QWidget) -> None:
        if widget.isVisible():
            widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def cycle_panes(self, step: int) -> None:
        """F6 / Shift+F6: sidebar, contacts, details, follow-ups (the visible ones), round and round."""
        panes: list[QWidget] = [self.sidebar, self.contact_list, self.detail_pane, self.follow_up_pane]
        focused = QApplication.focusWidget()
        here = next(
            (i for i, pane in enumerate(panes) if focused is not None and pane.isAncestorOf(focused)), -1
        )
        if focused in panes:
            here = panes.index(focused)
        for offset in range(1, len(panes) + 1):
            pane = panes[(here + offset * step) % len(panes)]
            if pane.isVisible():
                target = {
                    self.detail_pane: self._detail_focus_target(),
                    self.follow_up_pane: self.follow_up_pane.view,
                }.get(pane, pane)
                target.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return

    def _give_people(self) -> None:
        """Names for the introduced-by completer, from the list's rows (no query)."""
        name, company = LIST_COLUMNS.index("display_name"), LIST_COLUMNS.index("company")
        self.detail_pane.set_people([(int(r[0]), r[name] or "", r[company] or "") for r in self._live_rows])

    # -- smart lists ------------------------------------------------------------------------------

    def _refresh_sidebar(self, recount: bool = True) -> None:
        """Recount the smart lists: most from the list's rows in one pass, the rest from `smart_lists`."""
        if recount or self._row_counts is None:
            self._row_counts = count_rows(self._live_rows, self._today)
        rows = self._row_counts
        smart = self._smart
        counts = {
            "all": rows.all,
            "open_networkers": rows.open_networkers,
            "due": rows.due,
            "overdue": rows.overdue,
        }
        batches: list[tuple[int, str, int]] = []
        if smart is not None:
            counts.update(lapsed=len(smart.lapsed), recent=smart.recent, trash=smart.trash)
            for batch, made in shown_batches(smart):
                created = batch.created_at.date()
                when = QLocale().toString(
                    QDate(created.year, created.month, created.day), QLocale.FormatType.ShortFormat
                )
                batches.append((batch.id, f"{batch.file_name} ({when})", made))
        tags = {name: n for name, n in rows.tags.items() if name != OPEN_NETWORKER_TAG}  # a list of its own
        self.sidebar.sidebar_model.set_counts(counts, batches, tags)

    def _scope_of(self, key: str) -> Callable[[Row], bool] | Collection[int] | None:
        """The rows a smart list holds: a predicate over list rows, or a set of ids."""
        iso = self._today.isoformat()
        smart = self._smart
        if key == "open_networkers":
            return lambda row: bool(row[OPEN_NETWORKER])
        if key == "due":
            return lambda row: row[NEXT_FOLLOW_UP] is not None and str(row[NEXT_FOLLOW_UP]) <= iso
        if key == "overdue":
            return lambda row: row[NEXT_FOLLOW_UP] is not None and str(row[NEXT_FOLLOW_UP]) < iso
        if key.startswith("tag:"):
            name = key[4:]
            return lambda row: has_tag(row, name)
        if smart is not None and key == "lapsed":
            return frozenset(smart.lapsed)
        services = self._services
        if services is not None and (key == "recent" or key.startswith("batch:")):
            found = self._ids_cache.get(key)
            if found is None:  # one query on the first click; kept until contacts come or go
                found = self._ids_cache[key] = frozenset(services.smart_list_ids(key, self.recent_days()))
            return found
        return None

    def _on_list_chosen(self, key: str) -> None:
        """Scope the contact list to a smart list; the trash swaps in the trashed contacts' rows."""
        if key == "trash":
            if self._services is None:
                return
            self._in_trash = True
            self.model.set_scope(None)
            self.model.set_rows(self._services.trash_rows(), self._today)
        else:
            scope = self._scope_of(key)
            if self._in_trash:
                self._in_trash = False
                self.model.set_scope(scope)
                self.model.set_rows(self._live_rows, self._today)
            else:
                self.model.set_scope(scope)
        self.detail_pane.set_editable(not self._in_trash)
        self._update_match_label()
        self.contacts.update_enabled()
        self._show_welcome_if_empty()
        self.list_changed.emit(key)

    def in_trash(self) -> bool:
        """True while the list shows the trash."""
        return self._in_trash

    def _on_search(self, text: str) -> None:
        self.model.set_query(text)
        self.contact_list.scrollToTop()  # results read from the top, not from the old scroll position
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
                self.tr("No contacts yet: import your LinkedIn export with File > Import… (or drop it here)")
            )
        elif self.statusBar().currentMessage():
            self.statusBar().clearMessage()
        if self.model.query_words() or self.model.has_scope() or self._in_trash:
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
        self.sidebar.sidebar_model.refresh_icons()
        self.contacts.refresh_icons()
        for action, name in (
            (self.undo_action, "undo"),
            (self.redo_action, "redo"),
            (self.preferences_action, "preferences"),
        ):
            action.setIcon(icon(name))
        self.detail_pane.refresh_icons()
        self.welcome_view.import_button.setIcon(icon("import"))
        self.welcome_view.demo_button.setIcon(icon("demo"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Announce the list's first paint once it is done (the timer fires after the paint completes)."""
        if self._awaiting_first_paint and event.type() == QEvent.Type.Paint:
            self._awaiting_first_paint = False
            self.contact_list.viewport().removeEventFilter(self)
            self.welcome_view.removeEventFilter(self)
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
            self._split_on_show = True  # the splitter has no width yet: see showEvent
        if not self.side_splitter.restoreState(_bytes(settings.value("mainWindow/sideSplitter"))):
            height = self.height() if self.height() > 0 else DEFAULT_SIZE[1]
            self.side_splitter.setSizes([height * 58 // 100, height * 42 // 100])
        header = self.contact_list.horizontalHeader()
        self.contact_list.fitted = header.restoreState(_bytes(settings.value("contactList/header")))
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._split_on_show:  # first start: sidebar, list and side panes in fixed proportions
            self._split_on_show = False
            width = max(self.main_splitter.width(), self.width())
            sidebar = max(self.sidebar.minimumWidth(), width * 17 // 100)
            side = width * 30 // 100
            self.main_splitter.setSizes([sidebar, width - sidebar - side, side])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)


def _standard_keys(key: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's keys for a standard action, or a common choice where it has none (Linux desktops)."""
    return QKeySequence.keyBindings(key) or [QKeySequence(fallback)]


def _bytes(value: Any) -> QByteArray:
    return value if isinstance(value, QByteArray) else QByteArray()


def _flag(value: Any) -> bool:
    """A boolean setting (ini files give strings back)."""
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
