"""ReminderService: one notification however many fall due, named contacts, tray tooltip, D-Bus and fallback.

Time is a FixedClock and checks are called directly: nothing sleeps, nothing waits for the timer.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time as wall
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QIcon, QPixmap
from pytestqt.qtbot import QtBot

from netcrm.core.clock import FixedClock
from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.store import repos, schema
from netcrm.core.store.store import Store
from netcrm.ui.reminders import DBusNotifier, NullNotifier, ReminderService

BERLIN = ZoneInfo("Europe/Berlin")
_made: list[ReminderService] = []


@pytest.fixture(autouse=True)
def _stop_reminders() -> Iterator[None]:
    yield
    while _made:
        _made.pop().stop()


class Capture:
    """A notifier that keeps what it was asked to show, and lets a test click the latest notification."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.on_click: Callable[[], None] | None = None

    def show(self, title: str, body: str, on_click: Callable[[], None] | None) -> bool:
        self.shown.append((title, body))
        self.on_click = on_click
        return True

    def click(self) -> None:
        assert self.on_click is not None
        self.on_click()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 15, 8, 0, tzinfo=BERLIN))


@pytest.fixture
def svc(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    store = Store.open(str(tmp_path / "reminders.sqlite3"))
    try:
        yield Services(store, clock)
    finally:
        store.close()


def reminders(qtbot: QtBot, svc: Services, clock: FixedClock, capture: Capture) -> ReminderService:
    service = ReminderService(lambda: svc, clock, notifier=capture, tray=False)
    _made.append(service)
    return service


def person(svc: Services, name: str) -> int:
    return svc.add_contact(ContactDraft(first_name=name, last_name="Example")).id


def many_follow_ups(svc: Services, contact_id: int, count: int, due: date) -> None:
    now = svc._now()
    with svc.store.write() as conn:
        rows = [(contact_id, due, "bulk", "open", now) for _ in range(count)]
        repos.bulk_insert_rows(
            conn, schema.follow_up, ("contact_id", "due", "note", "status", "created_at"), rows
        )


def test_startup_summary_then_one_notification_per_check(
    qtbot: QtBot, svc: Services, clock: FixedClock
) -> None:
    capture = Capture()
    ada = person(svc, "Ada")
    svc.add_follow_ups([ada], date(2026, 3, 10))
    svc.add_follow_ups([ada], date(2026, 3, 15))
    svc.add_follow_ups([ada], date(2026, 3, 15), note="call <b>back</b>", due_time=time(9, 30))
    service = reminders(qtbot, svc, clock, capture)
    counts: list[int] = []
    service.due_count_changed.connect(counts.append)
    service.start()
    assert capture.shown == [("Follow-ups due", "3 follow-ups are due, 1 of them overdue")]
    with qtbot.waitSignal(service.follow_ups_requested, timeout=1000):
        capture.click()
    clock.advance(minutes=1)
    service.check()
    assert len(capture.shown) == 1  # nothing new fell due
    clock.now = datetime(2026, 3, 15, 9, 30, tzinfo=BERLIN)
    service.check()
    assert capture.shown[-1] == ("Follow-up due", "Follow up with Ada Example: call <b>back</b>")
    with qtbot.waitSignal(service.contact_requested, timeout=1000) as signal:
        capture.click()
    assert signal.args == [ada]
    assert counts == [3, 3, 3]
    service.check()
    assert len(capture.shown) == 2


def test_nothing_due_means_no_notification(qtbot: QtBot, svc: Services, clock: FixedClock) -> None:
    capture = Capture()
    svc.add_follow_ups([person(svc, "Ada")], date(2026, 4, 1))
    service = reminders(qtbot, svc, clock, capture)
    service.start()
    service.check()
    assert capture.shown == []


def test_ten_thousand_due_make_exactly_one_notification_and_stay_fast(
    qtbot: QtBot, svc: Services, clock: FixedClock
) -> None:
    capture = Capture()
    ada = person(svc, "Ada")
    many_follow_ups(svc, ada, 10_000, date(2026, 3, 1))  # overdue at start-up
    many_follow_ups(svc, ada, 10_000, date(2026, 3, 16))  # all fall due at midnight
    service = reminders(qtbot, svc, clock, capture)
    started = wall.perf_counter()
    service.start()
    assert wall.perf_counter() - started < 1.0
    assert capture.shown == [("Follow-ups due", "10000 follow-ups are due, 10000 of them overdue")]
    clock.now = datetime(2026, 3, 15, 23, 59, tzinfo=BERLIN)
    service.check()
    clock.now = datetime(2026, 3, 16, 0, 0, 30, tzinfo=BERLIN)
    started = wall.perf_counter()
    summary = service.check()
    elapsed = wall.perf_counter() - started
    assert capture.shown[1:] == [("Follow-ups due", "10000 follow-ups are due")]
    assert summary is not None and summary.total == 20_000
    assert elapsed < 0.5, elapsed  # a check every minute must never make the window stutter
    for _ in range(5):
        clock.advance(minutes=1)
        started = wall.perf_counter()
        service.check()
        assert wall.perf_counter() - started < 0.5
    assert len(capture.shown) == 2


def test_time_zones_decide_what_is_due(qtbot: QtBot, svc: Services, clock: FixedClock) -> None:
    instant = datetime(2028, 2, 29, 12, 0, tzinfo=ZoneInfo("UTC"))
    ada = person(svc, "Ada")
    svc.add_follow_ups([ada], date(2028, 2, 29))
    for zone, expected in (
        ("America/Los_Angeles", "1 follow-up is due today"),
        ("Pacific/Auckland", "1 follow-up is overdue"),
    ):
        capture = Capture()
        clock.now = instant.astimezone(ZoneInfo(zone))
        reminders(qtbot, svc, clock, capture).start()
        assert capture.shown == [("Follow-ups due", expected)]


def test_tray_tooltip_and_click(qtbot: QtBot, svc: Services, clock: FixedClock) -> None:
    pixmap = QPixmap(16, 16)
    pixmap.fill()
    capture = Capture()
    svc.add_follow_ups([person(svc, "Ada")], date(2026, 3, 1))
    service = ReminderService(lambda: svc, clock, notifier=capture, tray=True, icon=QIcon(pixmap))
    _made.append(service)
    service.check()
    assert service.tray is not None
    assert service.tray.toolTip() == "netcrm: 1 follow-up overdue"
    svc.add_follow_ups([person(svc, "Bob")], date(2026, 3, 15))
    service.check()
    assert service.tray.toolTip() == "netcrm: 2 follow-ups due (1 overdue)"
    menu = service.tray.contextMenu()
    assert menu is not None and len(menu.actions()) == 2
    with qtbot.waitSignal(service.follow_ups_requested, timeout=1000):
        menu.actions()[0].trigger()


def test_tray_notifier_click_opens_the_contact(qtbot: QtBot, svc: Services, clock: FixedClock) -> None:
    pixmap = QPixmap(16, 16)
    pixmap.fill()
    service = ReminderService(lambda: svc, clock, tray=True, icon=QIcon(pixmap))
    _made.append(service)
    ada = person(svc, "Ada")
    service.check()
    svc.add_follow_ups([ada], date(2026, 3, 15), due_time=time(8, 30))
    clock.advance(minutes=31)
    service.check()
    assert service.tray is not None
    with qtbot.waitSignal(service.contact_requested, timeout=1000) as signal:
        service.tray.messageClicked.emit()
    assert signal.args == [ada]


def test_without_tray_or_dbus_reminders_fall_back_silently(
    qtbot: QtBot, svc: Services, clock: FixedClock
) -> None:
    bus = QDBusConnection.connectToBus("unix:path=/nonexistent/netcrm-test-bus", "netcrm-no-bus")
    svc.add_follow_ups([person(svc, "Ada")], date(2026, 3, 1))
    service = ReminderService(lambda: svc, clock, tray=False, bus=bus)
    _made.append(service)
    service.start()
    assert isinstance(service.notifier, NullNotifier)
    assert service.fallback_reason and "D-Bus" in service.fallback_reason
    assert service.notifier.shown == [("Follow-ups due", "1 follow-up is overdue")]
    QDBusConnection.disconnectFromBus("netcrm-no-bus")


def test_no_database_no_check(qtbot: QtBot, clock: FixedClock) -> None:
    capture = Capture()
    service = ReminderService(lambda: None, clock, notifier=capture, tray=False)
    assert service.check() is None and capture.shown == []


FAKE_SERVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QTimer, Signal, Slot
    from PySide6.QtDBus import QDBusConnection

    @ClassInfo({"D-Bus Interface": "org.freedesktop.Notifications"})
    class Server(QObject):
        ActionInvoked = Signal("uint", str)

        @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
        def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
            print("NOTIFY", repr((app, replaces, summary, body, list(actions))), flush=True)
            QTimer.singleShot(50, lambda: self.ActionInvoked.emit(41, "default"))
            return 41

    app = QCoreApplication(sys.argv)
    bus = QDBusConnection.sessionBus()
    server = Server()
    options = QDBusConnection.RegisterOption.ExportAllSlots | QDBusConnection.RegisterOption.ExportAllSignals
    bus.registerObject("/org/freedesktop/Notifications", server, options)
    print("READY", bus.registerService("org.freedesktop.Notifications"), flush=True)
    app.exec()
    """
)


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A private D-Bus session with a fake notification server; its output goes to a log file."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    script = tmp_path / "fake_notifications.py"
    script.write_text(FAKE_SERVER)
    log = tmp_path / "server.log"
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, str(script)], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    try:
        deadline = wall.monotonic() + 30
        while "READY" not in log.read_text():
            assert server.poll() is None and wall.monotonic() < deadline, log.read_text()
            wall.sleep(0.05)  # waiting for another process to start, not for time to pass in the app
        yield address, log
    finally:
        server.terminate()
        server.wait(10)
        daemon.terminate()
        daemon.wait(10)
        assert daemon.stdout is not None
        daemon.stdout.close()


def test_dbus_notification_is_plain_text_and_click_opens_the_contact(
    qtbot: QtBot, svc: Services, clock: FixedClock, private_bus: tuple[str, Path]
) -> None:
    address, log = private_bus
    bus = QDBusConnection.connectToBus(address, "netcrm-test-bus")
    try:
        assert bus.isConnected()
        service = ReminderService(lambda: svc, clock, tray=False, bus=bus)
        _made.append(service)
        assert isinstance(service.notifier, DBusNotifier), service.fallback_reason
        ada = person(svc, "Ada")
        service.check()
        svc.add_follow_ups([ada], date(2026, 3, 15), note="<b>bring</b> & smile", due_time=time(8, 5))
        clock.advance(minutes=10)
        with qtbot.waitSignal(service.contact_requested, timeout=5000) as signal:
            service.check()
        assert signal.args == [ada]
        assert service.fallback_reason is None
        text = log.read_text()
        assert "Follow up with Ada Example: &lt;b&gt;bring&lt;/b&gt; &amp; smile" in text
        assert "'default'" in text
    finally:
        QDBusConnection.disconnectFromBus("netcrm-test-bus")


def test_dbus_without_a_notification_service_falls_back(
    qtbot: QtBot, svc: Services, clock: FixedClock, tmp_path: Path
) -> None:
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert daemon.stdout is not None
        bus = QDBusConnection.connectToBus(daemon.stdout.readline().strip(), "netcrm-empty-bus")
        service = ReminderService(lambda: svc, clock, tray=False, bus=bus)
        _made.append(service)
        assert isinstance(service.notifier, NullNotifier)
        assert service.fallback_reason and "notification service" in service.fallback_reason
        QDBusConnection.disconnectFromBus("netcrm-empty-bus")
    finally:
        daemon.terminate()
        daemon.wait(10)
        assert daemon.stdout is not None
        daemon.stdout.close()


def test_check_interval_is_a_minute(qtbot: QtBot, svc: Services, clock: FixedClock) -> None:
    service = reminders(qtbot, svc, clock, Capture())
    service.start()
    assert service.timer.isActive() and service.timer.interval() == 60_000
    service.stop()
    assert not service.timer.isActive()
    assert timedelta(milliseconds=service.timer.interval()) == timedelta(minutes=1)
