"""Reminders while netcrm runs: a tray icon with the number due, one notification when follow-ups fall due.

Where the desktop has a system tray, a QSystemTrayIcon shows the count in its tooltip and the notifications
as tray messages. Where it has none (GNOME by default), notifications go to the freedesktop notification
service over D-Bus; if that is missing too, reminders fall back silently to nothing and the reason is kept
in `ReminderService.fallback_reason` (and logged). Many follow-ups falling due at once make ONE summary
("12 follow-ups are due"), never a flood; a single one names its contact. Text is always plain.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusInterface
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from netcrm.core.clock import system_clock
from netcrm.core.errors import NetcrmError
from netcrm.core.model import DueSummary

if TYPE_CHECKING:
    from netcrm.core.services import Services

log = logging.getLogger(__name__)

ClickHandler = Callable[[], None]
CHECK_INTERVAL_MS = 60_000
MESSAGE_MS = 10_000


class Notifier(Protocol):
    """Something that shows one desktop notification; `on_click` runs if the user clicks it."""

    def show(self, title: str, body: str, on_click: ClickHandler | None) -> bool:
        """Show a notification in plain text; False if it could not be shown."""
        ...


class NullNotifier:
    """Shows nothing (no tray, no D-Bus); keeps what it would have shown, for the log and for tests."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []

    def show(self, title: str, body: str, on_click: ClickHandler | None) -> bool:
        """Record the notification."""
        self.shown.append((title, body))
        log.info("reminder (not shown: no tray, no notification service): %s: %s", title, body)
        return True


class TrayNotifier:
    """Notifications as tray balloons; a click on the latest one runs its handler."""

    def __init__(self, tray: QSystemTrayIcon) -> None:
        self.tray = tray
        self._on_click: ClickHandler | None = None
        tray.messageClicked.connect(self._clicked)

    def show(self, title: str, body: str, on_click: ClickHandler | None) -> bool:
        """Show a tray message (tray messages are plain text)."""
        self._on_click = on_click
        self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        return True

    def _clicked(self) -> None:
        if self._on_click is not None:
            self._on_click()


class DBusNotifier(QObject):
    """Notifications through `org.freedesktop.Notifications` (the desktop's own notification bubbles)."""

    SERVICE = "org.freedesktop.Notifications"
    PATH = "/org/freedesktop/Notifications"
    INTERFACE = "org.freedesktop.Notifications"
    _KEEP = 20  # click handlers remembered for the latest notifications only

    @classmethod
    def create(
        cls, bus: QDBusConnection | None = None, parent: QObject | None = None
    ) -> tuple[DBusNotifier | None, str]:
        """A notifier on `bus` (the session bus by default), or None and the reason it is unavailable."""
        bus = bus if bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            return None, "no D-Bus session bus"
        iface = QDBusInterface(cls.SERVICE, cls.PATH, cls.INTERFACE, bus)
        if not iface.isValid():
            return None, f"no notification service on D-Bus ({iface.lastError().message()})"
        return cls(bus, iface, parent), ""

    def __init__(self, bus: QDBusConnection, iface: QDBusInterface, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._iface = iface
        iface.setParent(self)
        self._handlers: dict[int, ClickHandler] = {}
        self._last_id = 0
        # The stubs say the slot is bytes, but PySide6 only accepts SLOT()'s str at run time.
        slot = SLOT("_action_invoked(uint,QString)")
        bus.connect(self.SERVICE, self.PATH, self.INTERFACE, "ActionInvoked", self, slot)  # type: ignore[call-overload]

    def show(self, title: str, body: str, on_click: ClickHandler | None) -> bool:
        """Call Notify; the new notification replaces our previous one, so they never pile up."""
        actions = ["default", title] if on_click is not None else []
        # invokeMethod goes through the introspected signature, so replaces_id is sent as the uint the
        # specification demands (a plain call would send an int, which servers reject).
        try:
            new_id = QMetaObject.invokeMethod(
                self._iface,
                "Notify",
                Qt.ConnectionType.DirectConnection,
                Q_RETURN_ARG("uint"),
                Q_ARG(str, "netcrm"),
                Q_ARG("uint", self._last_id),
                Q_ARG(str, "netcrm"),
                Q_ARG(str, title),
                Q_ARG(str, html.escape(body, quote=False)),  # servers with body-markup: show it as text
                Q_ARG("QStringList", actions),
                Q_ARG("QVariantMap", {}),
                Q_ARG(int, -1),
            )
        except (RuntimeError, TypeError) as exc:
            log.warning("desktop notification failed: %s", exc)
            return False
        if not isinstance(new_id, int) or self._iface.lastError().isValid():
            log.warning("desktop notification failed: %s", self._iface.lastError().message())
            return False
        self._last_id = new_id
        if on_click is not None:
            self._handlers[new_id] = on_click
            while len(self._handlers) > self._KEEP:
                del self._handlers[next(iter(self._handlers))]
        return True

    @Slot("uint", str)
    def _action_invoked(self, notification_id: int, action: str) -> None:
        handler = self._handlers.get(int(notification_id))
        if handler is not None and action == "default":
            handler()


class ReminderService(QObject):
    """Checks every minute which follow-ups fell due and tells the user once; owns the tray icon."""

    contact_requested = Signal(int)
    follow_ups_requested = Signal()
    due_count_changed = Signal(int)

    def __init__(
        self,
        services: Callable[[], Services | None],
        clock: Callable[[], datetime] = system_clock,
        parent: QObject | None = None,
        *,
        notifier: Notifier | None = None,
        tray: bool | None = None,
        bus: QDBusConnection | None = None,
        icon: QIcon | None = None,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        """`services` gives the current Services (None while no database is open); `tray` None means
        "if the desktop has one"; `notifier` replaces the tray or D-Bus notifications (tests)."""
        super().__init__(parent)
        self._services = services
        self._clock = clock
        self._last_check: datetime | None = None
        self.fallback_reason: str | None = None
        self.last_summary: DueSummary | None = None
        self.tray: QSystemTrayIcon | None = None
        if tray is None:
            tray = QSystemTrayIcon.isSystemTrayAvailable()
        if tray:
            self.tray = self._make_tray(icon)
        if notifier is None:
            notifier = self._pick_notifier(bus)
        self.notifier: Notifier = notifier
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def _make_tray(self, icon: QIcon | None) -> QSystemTrayIcon:
        if icon is None:
            from netcrm.ui.app_icon import app_icon

            icon = app_icon()
        tray = QSystemTrayIcon(icon, self)
        menu = QMenu()
        self._menu = menu  # the tray does not own its menu
        show_due = QAction(self.tr("Show follow-ups due"), menu)
        show_due.triggered.connect(self.follow_ups_requested.emit)
        menu.addAction(show_due)
        check_now = QAction(self.tr("Check for due follow-ups now"), menu)
        check_now.triggered.connect(self.check)
        menu.addAction(check_now)
        tray.setContextMenu(menu)
        tray.activated.connect(self._tray_activated)
        tray.setToolTip(self.tr("netcrm"))
        return tray

    def _pick_notifier(self, bus: QDBusConnection | None) -> Notifier:
        if self.tray is not None:
            return TrayNotifier(self.tray)
        found, reason = DBusNotifier.create(bus, self)
        if found is not None:
            return found
        self.fallback_reason = reason
        log.info("no system tray and no desktop notifications: %s", reason)
        return NullNotifier()

    def start(self) -> None:
        """Show the tray icon, tell the user what is overdue, and check every minute from now on."""
        if self.tray is not None:
            self.tray.show()
        self.check()
        self.timer.start()

    def stop(self) -> None:
        """Stop checking and hide the tray icon."""
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    @Slot()
    def check(self) -> DueSummary | None:
        """Look once: at the first check the overdue summary, later what fell due since the last check."""
        services = self._services()
        if services is None:
            return None
        now = self._clock()
        try:
            summary = services.due_summary(since=self._last_check)
        except NetcrmError as exc:  # busy or gone for a moment: try again at the next tick
            log.warning("checking follow-ups failed: %s", exc)
            return None
        first_check = self._last_check is None
        self._last_check = now
        self.last_summary = summary
        self._show_count(summary)
        if first_check:
            if summary.total:
                self._notify_summary(summary)
        elif summary.newly_due == 1 and summary.first_new is not None:
            item = summary.first_new
            body = self.tr("Follow up with {name}").format(name=item.contact_name)
            if item.note:
                body += f": {item.note}"
            contact_id = item.contact_id
            self._notify(self.tr("Follow-up due"), body, lambda: self.contact_requested.emit(contact_id))
        elif summary.newly_due > 1:
            body = self.tr("{count} follow-ups are due").format(count=summary.newly_due)
            self._notify(self.tr("Follow-ups due"), body, self.follow_ups_requested.emit)
        return summary

    def _notify_summary(self, summary: DueSummary) -> None:
        if summary.total == 1:
            body = (
                self.tr("1 follow-up is overdue") if summary.overdue else self.tr("1 follow-up is due today")
            )
        elif summary.overdue:
            body = self.tr("{count} follow-ups are due, {overdue} of them overdue").format(
                count=summary.total, overdue=summary.overdue
            )
        else:
            body = self.tr("{count} follow-ups are due today").format(count=summary.total)
        self._notify(self.tr("Follow-ups due"), body, self.follow_ups_requested.emit)

    def _notify(self, title: str, body: str, on_click: ClickHandler) -> None:
        if not self.notifier.show(title, body, on_click):
            self.fallback_reason = "the notification service refused the notification"

    def _show_count(self, summary: DueSummary) -> None:
        self.due_count_changed.emit(summary.total)
        if self.tray is None:
            return
        if summary.total == 0:
            tip = self.tr("netcrm: no follow-ups due")
        elif summary.total == 1:
            tip = (
                self.tr("netcrm: 1 follow-up overdue")
                if summary.overdue
                else self.tr("netcrm: 1 follow-up due")
            )
        elif summary.overdue:
            tip = self.tr("netcrm: {count} follow-ups due ({overdue} overdue)").format(
                count=summary.total, overdue=summary.overdue
            )
        else:
            tip = self.tr("netcrm: {count} follow-ups due").format(count=summary.total)
        self.tray.setToolTip(tip)

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.follow_ups_requested.emit()
