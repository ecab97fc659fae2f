"""The main window's networking features: Insights, desktop reminders, open-networker review, messages.

It sees the window only through its ActionContext (services, selection, runner, views). The views and
dialogs are imported when first used, so they stay off the first-paint path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QToolButton

from netcrm.core.changes import Changes
from netcrm.core.errors import NetcrmError
from netcrm.ui.actions.context import ActionContext, Places
from netcrm.ui.columns import LIST_COLUMNS
from netcrm.ui.icons import icon
from netcrm.ui.messages import show_message
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.ui.insights_view import InsightsView
    from netcrm.ui.reminders import Notifier, ReminderService

POSITION = LIST_COLUMNS.index("position")
#: Tests and headless runs set this to keep netcrm from showing desktop notifications.
NO_REMINDERS_ENV = "NETCRM_NO_REMINDERS"

#: Window width (px) from which the toolbar's Insights button shows its label beside the icon.
LABELLED_INSIGHTS_FROM = 960


class NetworkingActions(QObject):
    """View > Insights, Contacts > Find open networkers… and Write a message…, calendar export, reminders."""

    def __init__(self, context: ActionContext) -> None:
        window = context.parent
        super().__init__(window)
        self.setObjectName("networkingActions")
        self._ctx = context
        self.insights: InsightsView | None = None
        self.reminders: ReminderService | None = None

        self.insights_action = QAction(icon("insights"), self.tr("&Insights"), window)
        self.insights_action.setObjectName("insightsAction")
        self.insights_action.setCheckable(True)
        self.insights_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.insights_action.setToolTip(self.tr("Network growth, open networkers, companies and follow-ups"))
        self.insights_action.toggled.connect(self.show_insights)

        self.review_action = QAction(icon("open_networker"), self.tr("Find &open networkers…"), window)
        self.review_action.setObjectName("reviewOpenNetworkersAction")
        self.review_action.triggered.connect(self.review_open_networkers)

        self.message_action = QAction(icon("message"), self.tr("Write a &message…"), window)
        self.message_action.setObjectName("messageAction")
        self.message_action.setShortcut(QKeySequence("Ctrl+M"))
        self.message_action.triggered.connect(self.write_message)

        self.intro_action = QAction(icon("introduction"), self.tr("&Introductions…"), window)
        self.intro_action.setObjectName("introductionsAction")
        self.intro_action.triggered.connect(self.show_introductions)

        self.company_action = QAction(icon("company"), self.tr("&Who do I know at…"), window)
        self.company_action.setObjectName("whoAtCompanyAction")
        self.company_action.setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.company_action.triggered.connect(self.who_at_company)

        self.cadence_action = QAction(icon("lapsed"), self.tr("Keep-in-touch &cadence for a tag…"), window)
        self.cadence_action.setObjectName("tagCadenceAction")
        self.cadence_action.triggered.connect(self.set_tag_cadence)

        self.calendar_action = QAction(icon("calendar"), self.tr("Export follow-ups to &calendar…"), window)
        self.calendar_action.setObjectName("calendarExportAction")
        self.calendar_action.triggered.connect(self.export_calendar)

        self._actions = (
            self.insights_action,
            self.review_action,
            self.message_action,
            self.intro_action,
            self.company_action,
            self.cadence_action,
            self.calendar_action,
        )
        for action in self._actions:
            action.setEnabled(False)  # until the services are attached

    # -- placing ----------------------------------------------------------------------------------

    def place(self, places: Places) -> None:
        """Contacts menu: review, message, introductions, company, cadence; View: Insights; File: calendar."""
        contacts = places.contacts_menu
        contacts.addSeparator()
        for action in (
            self.review_action,
            self.message_action,
            self.intro_action,
            self.company_action,
            self.cadence_action,
        ):
            contacts.addAction(action)
        places.view_menu.insertAction(places.panes_action, self.insights_action)
        places.view_menu.insertSeparator(places.panes_action)
        places.file_menu.insertAction(places.quit_action, self.calendar_action)
        places.file_menu.insertSeparator(places.quit_action)
        button = QToolButton()  # labelled like its neighbours (issue 16); a narrow window folds the label
        button.setObjectName("insightsButton")
        button.setDefaultAction(self.insights_action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        places.toolbar.insertWidget(places.panes_action, button)
        self.insights_button = button
        self._ctx.parent.installEventFilter(
            self
        )  # a narrow window shows the icon only, so the search box stays

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self._ctx.parent
        if watched is window and event.type() == QEvent.Type.Resize:
            wide = window.width() >= LABELLED_INSIGHTS_FROM
            self.insights_button.setToolButtonStyle(
                Qt.ToolButtonStyle.ToolButtonTextBesideIcon if wide else Qt.ToolButtonStyle.ToolButtonIconOnly
            )
        return super().eventFilter(watched, event)

    def _changed(self) -> None:
        """A dialog wrote (decisions, messages, introductions, a cadence): every pane reads again."""
        self._ctx.runner.announce(Changes.all())

    def on_loaded(self) -> None:
        """The services are attached: enable the actions, start the reminders."""
        for action in self._actions:
            action.setEnabled(True)
        services = self._ctx.services()
        if self.insights is not None and services is not None:
            self.insights.attach(services)
        if self.reminders is None and not os.environ.get(NO_REMINDERS_ENV):
            self.start_reminders()

    # -- reminders --------------------------------------------------------------------------------

    def start_reminders(self, notifier: Notifier | None = None, tray: bool | None = None) -> ReminderService:
        """The tray icon and desktop notifications; clicking one opens its contact or the follow-ups."""
        from netcrm.ui.app_icon import app_icon
        from netcrm.ui.reminders import ReminderService

        self.reminders = ReminderService(
            self._ctx.services, parent=self, icon=app_icon(), notifier=notifier, tray=tray
        )
        self.reminders.contact_requested.connect(self._open_contact)
        self.reminders.follow_ups_requested.connect(self._show_follow_ups)
        self.reminders.start()
        return self.reminders

    def _open_contact(self, contact_id: int) -> None:
        self.insights_action.setChecked(False)
        self._ctx.views.bring_to_front()
        self._ctx.open_contact(contact_id)

    def _show_follow_ups(self) -> None:
        self.insights_action.setChecked(False)
        self._ctx.views.show_follow_ups()

    # -- insights ---------------------------------------------------------------------------------

    def show_insights(self, shown: bool) -> None:
        """Swap the contacts for the Insights view (built on first use) and back."""
        if not shown:
            self._ctx.views.show_view(None)
            return
        if self.insights is None:
            from netcrm.ui.insights_view import InsightsView

            self.insights = InsightsView()
            self.insights.filter_requested.connect(self.filter_contacts)
            services = self._ctx.services()
            if services is not None:
                self.insights.attach(services)
        else:
            self.insights.refresh()
        self._ctx.views.show_view(self.insights)

    def filter_contacts(self, field: str, value: str) -> None:
        """A click on a bar: back to the contacts, showing those at that company or in that position group."""
        self.insights_action.setChecked(False)
        if field == "company":
            self._ctx.views.filter_list(value, None, "")
            return
        from netcrm.core.stats import position_group

        self._ctx.views.filter_list(
            "",
            lambda row: position_group(row[POSITION]) == value,
            self.tr("Showing positions in %1").replace("%1", value),
        )

    # -- open networkers --------------------------------------------------------------------------

    def review_open_networkers(self) -> None:
        """Run the detector over everyone, then let the user accept or reject each suggestion."""
        services = self._ctx.services()
        if services is None:
            return
        from netcrm.ui.dialogs.open_networker_review import OpenNetworkerReviewDialog

        def work(_job: Job) -> object:
            services.detect_open_networkers(apply=True)
            return services.open_networker_review()

        def done(suggestions: object) -> None:
            dialog = OpenNetworkerReviewDialog(services, list(suggestions), self._ctx.parent)  # type: ignore[call-overload]
            dialog.decided.connect(lambda _count: self._changed())
            dialog.open()

        run_in_worker(work, done, self._failed)

    # -- messages ---------------------------------------------------------------------------------

    def write_message(self) -> None:
        """Render the pitch or a template for the selected contacts, copy it, log it, offer a follow-up."""
        services = self._ctx.services()
        ids = self._ctx.selection.selected_ids()
        if services is None:
            return
        if not ids:
            show_message(
                QMessageBox.Icon.Information,
                self.tr("Write a message"),
                self.tr("Select one or more contacts first."),
                parent=self._ctx.parent,
            )
            return
        from netcrm.ui.dialogs.message import MessageDialog

        dialog = MessageDialog(services, ids, self._ctx.parent)
        dialog.sent.connect(lambda _count: self._changed())
        dialog.open()

    # -- introductions and companies --------------------------------------------------------------

    def _people(self) -> dict[str, int]:
        """Display names (told apart by company when equal) to ids, from the list's rows (no query)."""
        from collections import Counter

        name, company = LIST_COLUMNS.index("display_name"), LIST_COLUMNS.index("company")
        rows = self._ctx.selection.live_rows()
        seen = Counter(r[name] for r in rows)
        people: dict[str, int] = {}
        for row in rows:
            label = row[name] or ""
            if seen[label] > 1 and row[company]:
                label = f"{label} ({row[company]})"
            people.setdefault(label, int(row[0]))
        return people

    def show_introductions(self) -> None:
        """Ask for an introduction to the current contact, and move requests along."""
        services = self._ctx.services()
        if services is None:
            return
        from netcrm.ui.dialogs.introductions import IntroductionsDialog

        current = self._ctx.selection.current_contact_id()
        target = None
        if current is not None:
            target = (current, services.get_contact(current).display_name)
        dialog = IntroductionsDialog(services, self._people(), target, self._ctx.parent)
        dialog.changed.connect(self._changed)
        dialog.open()

    def who_at_company(self) -> None:
        """Everyone at a company, with how they connect to the user."""
        services = self._ctx.services()
        if services is None:
            return
        from netcrm.ui.dialogs.company import CompanyDialog

        company = LIST_COLUMNS.index("company")
        companies = [r[company] for r in self._ctx.selection.live_rows() if r[company]]
        dialog = CompanyDialog(services, companies, self._ctx.parent)
        dialog.contact_requested.connect(self._open_contact)
        dialog.open()

    # -- keep in touch ----------------------------------------------------------------------------

    def set_tag_cadence(self) -> None:
        """Keep in touch with everyone carrying a tag every N days (0: no cadence for that tag)."""
        services = self._ctx.services()
        if services is None:
            return
        tags = services.list_tags()
        if not tags:
            return
        names = [tag.name for tag in tags]
        name, ok = QInputDialog.getItem(
            self._ctx.parent, self.tr("Keep-in-touch cadence"), self.tr("Tag:"), names, 0, False
        )
        if not ok:
            return
        current = next((t.cadence_days for t in tags if t.name == name), None) or 0
        days, ok = QInputDialog.getInt(
            self._ctx.parent,
            self.tr("Keep-in-touch cadence"),
            self.tr("Get in touch with everyone tagged %1 every (days, 0 for never):").replace("%1", name),
            current,
            0,
            3650,
        )
        if not ok:
            return
        try:
            services.set_tag_cadence(name, days or None)
        except NetcrmError as error:
            self._failed(error)
            return
        self._changed()

    # -- calendar ---------------------------------------------------------------------------------

    def export_calendar(self) -> None:
        """Write the open follow-ups as an iCalendar file any calendar app can subscribe to or import."""
        services = self._ctx.services()
        if services is None:
            return
        settings = QSettings()
        folder = str(
            settings.value("export/lastFolder", "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        chosen, _filter = QFileDialog.getSaveFileName(
            self._ctx.parent,
            self.tr("Export follow-ups to calendar"),
            str(Path(folder) / "netcrm-follow-ups.ics"),
            self.tr("iCalendar (*.ics)"),
        )
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".ics") else Path(chosen + ".ics")
        settings.setValue("export/lastFolder", str(path.parent))

        def done(count: object) -> None:
            self._ctx.status(
                self.tr("%1 follow-ups written to %2").replace("%1", str(count)).replace("%2", str(path))
            )

        run_in_worker(lambda _job: services.export_follow_ups_ics(path), done, self._failed)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, NetcrmError):
            raise error
        show_message(QMessageBox.Icon.Warning, self.tr("netcrm"), str(error), parent=self._ctx.parent)
