"""Banners over the window about the database itself, and what follows from them (issue 21, issue 15).

- Read-only file or folder: the store opens read-only; a banner says so, browsing and exporting work, and
  every action that would write is disabled (the store refuses a write anyway, with a clear message).
- Another program holds the write lock: a banner says the database is busy and the store is opened again
  every few seconds in a worker until it opens; the window never blocks and never shows a traceback.
- A network or synced folder (core/store/location.py), a mode tightened to 0600: a warning to dismiss.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from netcrm.core.errors import DatabaseBusyError, NetcrmError

if TYPE_CHECKING:
    from netcrm.core.store.store import Store
    from netcrm.ui.main_window import MainWindow

RETRY_MS = 2000  # how often a busy database is tried again
_COLOURS = {"info": "#dbeafe", "warning": "#fef3c7", "busy": "#fde68a", "error": "#fee2e2"}


class Banner(QFrame):
    """One message across the top of the window: plain text, an optional button, a close button."""

    def __init__(self, kind: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"banner-{kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"QFrame#banner-{kind} {{ background: {_COLOURS.get(kind, '#eee')}; color: #111; }}"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # file names come from the user
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #111;")
        row.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.hide()
        row.addWidget(self.button)
        self.close_button = QPushButton(self.tr("Dismiss"))
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.close_button)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def set_action(self, text: str, slot: Callable[[], object]) -> None:
        self.button.setText(text)
        self.button.clicked.connect(slot)
        self.button.show()


class BannerArea(QWidget):
    """The banners of a window, newest last, each under a key (showing a key again replaces its text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(0)
        self._banners: dict[str, Banner] = {}

    def show_banner(self, key: str, kind: str, text: str) -> Banner:
        banner = self._banners.get(key)
        if banner is None or banner.kind != kind:
            if banner is not None:
                banner.deleteLater()
            banner = Banner(kind, text, self)
            self._banners[key] = banner
            self._box.addWidget(banner)
        banner.set_text(text)
        banner.show()
        return banner

    def hide_banner(self, key: str) -> None:
        banner = self._banners.get(key)
        if banner is not None:
            banner.hide()

    def banner(self, key: str) -> Banner | None:
        """The banner shown under `key`, or None (hidden ones too: tests look at them)."""
        return self._banners.get(key)

    def visible_texts(self) -> list[str]:
        return [b.label.text() for b in self._banners.values() if not b.isHidden()]


def show_store_state(window: MainWindow, store: Store) -> None:
    """Banners for what the store found on opening; a read-only store also locks the window's editing."""
    area = window.banners
    area.hide_banner("busy")
    notes = [note for note in store.notes if not note.endswith("changes cannot be saved")]
    for number, note in enumerate(notes):
        area.show_banner(f"note-{number}", "warning", window.tr("Warning: %1").replace("%1", note))
    if store.read_only:
        area.show_banner(
            "read-only",
            "info",
            window.tr(
                "Read-only: %1. You can browse, search and export; editing is off until netcrm can write "
                "there (then restart netcrm)."
            ).replace("%1", store.read_only_reason or store.target),
        )
        lock_editing(window)


def _write_actions(window: MainWindow) -> list[Any]:
    actions: list[Any] = [
        window.contacts.new_contact_action,
        window.contacts.merge_action,
        window.undo_action,
        window.redo_action,
        *window.contacts.selection_actions,
        window.import_export.import_action,
        window.networking.review_action,
        window.networking.message_action,
        window.networking.intro_action,
        window.networking.cadence_action,
    ]
    pane = window.follow_up_pane
    for name in (
        "done_action",
        "tomorrow_action",
        "next_week_action",
        "snooze_date_action",
        "reschedule_action",
    ):
        found = getattr(pane, name, None)
        if found is not None:
            actions.append(found)
    return actions


def lock_editing(window: MainWindow) -> None:
    """Disable everything that would write, and keep it disabled as the selection and the list change."""

    def lock(*_args: object) -> None:
        for action in _write_actions(window):
            action.setEnabled(False)
        window.detail_pane.set_editable(False)
        window.welcome_view.setEnabled(False)  # its buttons import and generate demo people

    if not getattr(window, "_editing_locked", False):
        window._editing_locked = True  # type: ignore[attr-defined]
        # Connected after the window's own slots, so these run last and win.
        window.contact_list.selectionModel().selectionChanged.connect(lock)
        window.list_changed.connect(lock)
        window.loaded.connect(lock)
        window.undo_stack.indexChanged.connect(lock)
        window.undo_stack.canUndoChanged.connect(lock)
        window.undo_stack.canRedoChanged.connect(lock)
    lock()


class StoreOpener(QObject):
    """Opens the window's store in a worker, again every RETRY_MS while another program holds the lock.

    `open_store(target)` opens it (Store.open with mode "auto"); `on_open(store)` takes it (attach the
    services); `on_refused(error)` gets any other refusal (the app closes with its exit code).
    """

    def __init__(
        self,
        window: MainWindow,
        target: str,
        open_store: Callable[[str], Store],
        on_open: Callable[[Store, Any], None],
        on_refused: Callable[[NetcrmError], None],
        *,
        load: Callable[[Store], Any] | None = None,
        retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._target = target
        self._open_store = open_store
        self._on_open = on_open
        self._on_refused = on_refused
        self._load = load
        self.retry_ms = retry_ms
        self.attempts = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.try_now)
        self._running = False

    def wait_for_lock(self, error: DatabaseBusyError) -> None:
        """Show the busy banner and try again in a while."""
        seconds = max(1, round(self.retry_ms / 1000))
        banner = self._window.banners.show_banner(
            "busy",
            "busy",
            self.tr("%1. Another program holds the database; netcrm tries again every %2 s.")
            .replace("%1", str(error))
            .replace("%2", str(seconds)),
        )
        if not banner.button.text():
            banner.set_action(self.tr("Try now"), self.try_now)
        self._timer.start(self.retry_ms)

    def try_now(self) -> None:
        """Open the store in a worker now (unless an attempt is running)."""
        from netcrm.ui.workers import Job, run_in_worker

        if self._running:
            return
        self._timer.stop()
        self._running = True
        self.attempts += 1

        def work(_job: Job) -> tuple[Store, Any]:
            store = self._open_store(self._target)
            try:
                return store, self._load(store) if self._load is not None else None
            except BaseException:
                store.close()
                raise

        def done(result: tuple[Store, Any]) -> None:
            self._running = False
            self._window.banners.hide_banner("busy")
            store, loaded = result
            self._on_open(store, loaded)
            show_store_state(self._window, store)

        def failed(error: BaseException) -> None:
            self._running = False
            if isinstance(error, DatabaseBusyError):
                self.wait_for_lock(error)
            elif isinstance(error, NetcrmError):
                self._on_refused(error)
            else:
                raise error

        run_in_worker(work, done, failed, owner=self)


def with_banners(area: BannerArea, content: QWidget) -> QWidget:
    """A widget holding the banner area above `content` (the window's central widget)."""
    host = QWidget()
    box = QVBoxLayout(host)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(0)
    box.addWidget(area)
    box.addWidget(content, 1)
    return host
