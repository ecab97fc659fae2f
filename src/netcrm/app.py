"""netcrm's desktop app: arguments, QApplication, one instance per database, the store and the main window.

Start-up is ordered for PERF.md Q1 (a painted window with 100,000 contacts within 4x an empty window):
when the database is a known, healthy-looking file, the first screenful of the list (in name order, from
an index) is read with the stdlib driver and painted first; then a worker reads every row, and then opens
the store (SQLAlchemy, migrations after a backup).
Anything unusual (no file yet, an empty or foreign file, a server URL) takes the careful path: the store
opens first and the window only shows once it has.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm import __version__
from netcrm.core.errors import DatabaseBusyError, NetcrmError
from netcrm.core.paths import data_dir, is_url, marker_path, resolve_db

if TYPE_CHECKING:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from netcrm.core.store.fastread import FirstPage, ListRows
    from netcrm.core.store.store import Store
    from netcrm.ui.main_window import MainWindow
    from netcrm.ui.single_instance import InstanceGuard
    from netcrm.ui.store_banners import StoreOpener

# Benchmarks (bench/startup.py): "1" quits right after the first paint, "loaded" once the store is open too.
EXIT_AFTER_PAINT_ENV = "NETCRM_EXIT_AFTER_PAINT"
FIRST_PAINT_PATIENCE_MS = 1500  # start the store anyway if the window is not painted by then
FIRST_PAGE_ROWS = 200  # rows painted before the rest are read: a tall window shows fewer than 100


def build_parser() -> argparse.ArgumentParser:
    """The GUI's few options (Qt's own, such as -platform, pass through to Qt)."""
    parser = argparse.ArgumentParser(prog="netcrm", description="netcrm, a personal CRM for your network")
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL (else NETCRM_DB)"
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app; returns the exit code of DESIGN.md section 4."""
    parser = build_parser()
    try:
        args, rest = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
        unknown = [arg for arg in rest if arg.startswith("--") or not arg.startswith("-")]
        if unknown:
            parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as stop:  # --help, or a usage error already printed by argparse
        return stop.code if isinstance(stop.code, int) else 2
    if args.version:
        print(f"netcrm {__version__}")
        return 0
    return _run(resolve_db(args.db), rest)


def _run(target: str, qt_args: list[str]) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from netcrm.ui.crash_reporter import LOG_FILE_NAME, CrashReporter
    from netcrm.ui.single_instance import Claim, InstanceGuard

    QCoreApplication.setOrganizationName("netcrm")
    QCoreApplication.setApplicationName("netcrm")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName("io.github.netcrm.Netcrm")  # matches the .desktop entry
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    from netcrm.ui.app_icon import app_icon

    app.setWindowIcon(app_icon())
    reporter = CrashReporter(data_dir() / LOG_FILE_NAME)
    reporter.install()
    try:
        guard = InstanceGuard(target)
        claim = guard.claim()
        if claim is Claim.RAISED_OTHER:
            return 0
        if claim is Claim.OTHER_BUSY:
            return _refuse(
                DatabaseBusyError(
                    QCoreApplication.translate(
                        "netcrm",
                        "netcrm is still running on %1 without a window: %2. It ends by itself once that "
                        "is done; start netcrm again then.",
                    )
                    .replace("%1", target)
                    .replace("%2", guard.other_status)
                )
            )
        if claim is Claim.OTHER_UNREACHABLE:
            return _refuse(
                DatabaseBusyError(
                    QCoreApplication.translate(
                        "netcrm", "netcrm is already open on %1; switch to that window, or close it first."
                    ).replace("%1", target)
                )
            )
        from netcrm.ui.diagnostics import Diagnostics

        # Only the instance that runs the window writes traces: a refused second start leaves no file.
        diagnostics = Diagnostics(data_dir(), data_dir() / LOG_FILE_NAME)
        diagnostics.install()
        try:
            return _run_window(app, target, guard)
        finally:
            diagnostics.uninstall()
            guard.release()
    finally:
        reporter.uninstall()


def _run_window(app: QApplication, target: str, guard: InstanceGuard) -> int:
    from PySide6.QtCore import QThreadPool

    from netcrm.core.clock import system_clock
    from netcrm.core.store.fastread import FirstPage
    from netcrm.ui.contact_table_model import name_ranking
    from netcrm.ui.main_window import MainWindow
    from netcrm.ui.quit_guard import busy_without_window
    from netcrm.ui.settings import app_settings

    window = MainWindow(app_settings(), target)
    guard.activation_requested.connect(window.bring_to_front)
    guard.busy_status = lambda: busy_without_window(window)
    opened: list[Store] = []
    benchmark = os.environ.get(EXIT_AFTER_PAINT_ENV, "")
    preload = _preload_rows(target, window)
    if preload is None:  # the careful path: nothing is shown until the store is open
        try:
            store = _open_store(target)
            opened.append(store)
            window.attach(_services(store))
            show_store_state(window, store)
        except DatabaseBusyError as error:  # another program holds the lock: a banner, and retries
            _opener(app, window, target, opened).wait_for_lock(error)
        except NetcrmError as error:
            for store in opened:
                store.close()
            return _refuse(error)
    else:
        today = system_clock().date()
        if isinstance(preload, FirstPage) and len(preload.rows) < preload.total:
            window.show_first_page(preload.rows, preload.total, today)
        elif isinstance(preload, FirstPage):
            window.show_rows(preload.rows, today)
        else:
            window.show_rows(preload.rows, today, name_ranking(preload.rows, preload.name_order))
        del preload  # the model holds the rows
        if benchmark != "1":
            _open_after_first_paint(app, window, target, opened)
    if benchmark:
        _exit_for_benchmark(app, window, on_load=benchmark == "loaded")
    window.show()
    try:
        return app.exec()
    finally:
        window.save_settings()
        _wait_for_workers(app, QThreadPool.globalInstance())
        for store in opened:
            store.close()


def _wait_for_workers(app: QApplication, pool: QThreadPool) -> None:
    """Let the last reads end while still answering a second start ("busy: closing", never silence)."""
    while not pool.waitForDone(50):
        app.processEvents()


def _preload_rows(target: str, window: MainWindow) -> FirstPage | ListRows | None:
    """The contact list straight from a database file that netcrm opened before, else None.

    Sorted by name (the usual case), only the first page: the rest follows once the window is painted.
    """
    if is_url(target):
        return None
    path = Path(target)
    try:
        usable = (
            path.is_file()
            and path.stat().st_size > 0
            and marker_path(path).exists()
            and os.access(path, os.W_OK)
            and os.access(path.parent, os.W_OK)
        )
        if not usable:
            return None
        import sqlite3

        from PySide6.QtCore import Qt

        from netcrm.core.store.fastread import all_rows_sqlite, first_page_sqlite
        from netcrm.core.store.probe import probe_sqlite_file
        from netcrm.core.store.revisions import HEAD_REVISION
        from netcrm.ui.contact_table_model import NAME_COLUMN

        try:
            if probe_sqlite_file(path).revision != HEAD_REVISION:
                return None  # a migration comes first, after its backup
            model = window.model
            if model.sort_column() == NAME_COLUMN:
                descending = model.sort_order() == Qt.SortOrder.DescendingOrder
                return first_page_sqlite(path, FIRST_PAGE_ROWS, descending=descending)
            return all_rows_sqlite(path)
        except (sqlite3.Error, NetcrmError):
            return None  # the store tells what is wrong, before anything is shown
    except OSError:
        return None


def _open_store(target: str) -> Store:
    """Open for writing, or read-only (with a banner) when the file or its folder cannot be written."""
    from netcrm.core.store.store import Store

    return Store.open(target, mode="auto")


def show_store_state(window: MainWindow, store: Store) -> None:
    from netcrm.ui.store_banners import show_store_state as show

    show(window, store)


def _opener(app: QApplication, window: MainWindow, target: str, opened: list[Store]) -> StoreOpener:
    """Opens the store again every few seconds while another program holds its lock."""
    from netcrm.ui.loaders import load_overview
    from netcrm.ui.store_banners import StoreOpener

    recent_days = window.recent_days()

    def load(store: Store) -> tuple[Any, Any]:
        opened.append(store)
        services = _services(store)
        return services, load_overview(services, recent_days)

    def on_open(_store: Store, loaded: tuple[Any, Any]) -> None:
        window.attach(*loaded)

    def refused(error: NetcrmError) -> None:
        window.hide()
        app.exit(_refuse(error))

    return StoreOpener(window, target, _open_store, on_open, refused, load=load)


def _services(store: Store) -> Any:
    from netcrm.core.services import Services

    return Services(store)


def _open_after_first_paint(app: QApplication, window: MainWindow, target: str, opened: list[Store]) -> None:
    """Once the list is painted: read the rest of its rows, then open the store, each in a worker.

    The rows come first (the user sees the whole list in about 0.3 s), then the store, whose SQLAlchemy
    import would have held the interpreter during the paint. A refusal closes the window with its exit
    code; a timer starts the workers anyway if the window is never painted (started minimised, say).
    """
    from PySide6.QtCore import QTimer

    from netcrm.core.clock import system_clock
    from netcrm.core.gc_pause import gc_paused
    from netcrm.core.store.fastread import all_rows_sqlite
    from netcrm.ui.contact_table_model import Ranking, name_ranking
    from netcrm.ui.loaders import load_overview
    from netcrm.ui.workers import Job, run_in_worker

    started: list[bool] = []
    recent_days = window.recent_days()  # read here: the settings belong to this thread
    path = Path(target)

    def read_rows(_job: Job) -> tuple[ListRows, Ranking]:
        with gc_paused():  # no collector passes over the rows while they are made (see gc_pause)
            rows = all_rows_sqlite(path)
            return rows, name_ranking(rows.rows, rows.name_order)  # sorted here, off the GUI thread

    def show_rows(result: tuple[ListRows, Ranking]) -> None:
        rows, names = result
        window.show_rows(rows.rows, system_clock().date(), names)
        run_in_worker(work, done, failed)

    def rows_failed(_error: BaseException) -> None:
        run_in_worker(work, done, failed)  # the store reads them (and says what is wrong, if anything)

    def work(_job: Job) -> tuple[Any, Any]:
        store = _open_store(target)
        opened.append(store)  # closed at exit even if the window is gone before the result arrives
        services = _services(store)
        return services, load_overview(services, recent_days)

    def done(result: tuple[Any, Any]) -> None:
        services, overview = result
        window.attach(services, overview)
        show_store_state(window, services.store)

    def failed(error: BaseException) -> None:
        if not isinstance(error, NetcrmError):
            raise error
        if isinstance(error, DatabaseBusyError):
            _opener(app, window, target, opened).wait_for_lock(error)
            return
        window.hide()
        app.exit(_refuse(error))

    def start() -> None:
        if started:
            return
        started.append(True)
        if window.rows_pending():
            run_in_worker(read_rows, show_rows, rows_failed)
        else:
            run_in_worker(work, done, failed)

    window.first_painted.connect(start)
    QTimer.singleShot(FIRST_PAINT_PATIENCE_MS, start)


def _refuse(error: NetcrmError) -> int:
    """Say why netcrm cannot open (on stderr and in a box) and give the exit code."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from netcrm.ui.messages import show_message

    if sys.stderr is not None:
        print(f"netcrm: {error}", file=sys.stderr)
    show_message(QMessageBox.Icon.Critical, QCoreApplication.translate("netcrm", "netcrm"), str(error))
    return error.exit_code


def _exit_for_benchmark(app: QApplication, window: MainWindow, *, on_load: bool) -> None:
    """bench/startup.py: quit once painted (or loaded), printing memory and the wall-clock time on stderr."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        import time

        shown = window.model.visible_count()
        page = f" (the first page; {window.pending_total()} in all)" if window.rows_pending() else ""
        print(f"netcrm: painted {shown} contacts{page}; {_memory()} at={time.time():.6f}", file=sys.stderr)
        app.exit(0)

    if not on_load or window.reload_action.isEnabled():  # the careful path attached before showing
        window.first_painted.connect(report)
    else:
        window.loaded.connect(lambda: QTimer.singleShot(0, report))


def _memory() -> str:
    """Current and peak resident memory of this process (Linux), as `rss_kib=... hwm_kib=...`."""
    found: dict[str, str] = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = value.split()[0]
    except OSError:
        return "rss_kib=? hwm_kib=?"
    return f"rss_kib={found.get('VmRSS', '?')} hwm_kib={found.get('VmHWM', '?')}"


if __name__ == "__main__":
    raise SystemExit(main())
