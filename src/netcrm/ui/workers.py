"""Run slow work off the GUI thread and get its result, error and progress back on the GUI thread.

Core jobs know nothing of Qt (DESIGN.md rule 5): they take plain `progress(done, total)` and
`cancel() -> bool` callables, which a `Job` provides. Callbacks always run on the thread that called
`run_in_worker` (the GUI thread), never on the worker.

Work the user started and would lose by quitting (an import, an undo, an export) is given a `describe`
text: `long_work()` lists it, so the window can ask before quitting and a second start can say what this
process is busy with.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")


class Job:
    """What a worker function gets: a way to report progress and to see whether it was cancelled."""

    def __init__(self, relay: _Relay, description: str = "") -> None:
        self._relay = relay
        self._cancelled = threading.Event()
        self.description = description
        self.done, self.total = 0, 0  # the last progress reported (a second start shows it)

    def report(self, done: int, total: int) -> None:
        """Progress, safe to call from the worker as often as it likes."""
        self.done, self.total = done, total
        self._relay.progressed.emit(done, total)

    def status(self) -> str:
        """The description with how far the work has come, as the user reads it."""
        if self.total > 0:
            return f"{self.description} ({min(100, self.done * 100 // self.total)}%)"
        return self.description

    def cancel(self) -> None:
        """Ask the job to stop; the core checks `is_cancelled` and rolls back."""
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        """True once someone asked the job to stop."""
        return self._cancelled.is_set()


class _Relay(QObject):
    """Lives on the calling thread, so signals emitted by the worker are delivered there (queued)."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._progress = progress
        self._owner_gone = False
        self.job: Job | None = None
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)
        self.progressed.connect(self._deliver_progress)

    @Slot()
    def owner_gone(self) -> None:
        """The widget the callbacks would touch is destroyed: the result goes nowhere."""
        self._owner_gone = True

    def _forget(self) -> None:
        _running.discard(self)
        if self.job in _long:
            _long.remove(self.job)
            tracker().changed.emit()

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        self._forget()
        if not self._owner_gone:
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        self._forget()
        if self._owner_gone:
            return
        if self._on_error is None:
            raise error
        self._on_error(error)

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if self._progress is not None and not self._owner_gone:
            self._progress(done, total)


class _Task(QRunnable, Generic[T]):
    def __init__(self, fn: Callable[[Job], T], job: Job, relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._job = job
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn(self._job)
        except BaseException as error:  # every failure goes back to the GUI thread, even SystemExit
            self._relay.failed.emit(error)
        else:
            self._relay.finished.emit(result)


# Relays of jobs still running: Python must keep them alive until their result is delivered.
_running: set[_Relay] = set()
# Jobs with a description, in the order they started.
_long: list[Job] = []


class WorkTracker(QObject):
    """Tells the window when described work starts or ends (quitting waits for it)."""

    changed = Signal()


_tracker: list[WorkTracker] = []


def tracker() -> WorkTracker:
    """The one tracker of this process."""
    if not _tracker:
        _tracker.append(WorkTracker())
    return _tracker[0]


def run_in_worker(
    fn: Callable[[Job], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
    describe: str = "",
) -> Job:
    """Run `fn(job)` on a pooled thread; `on_done(result)` or `on_error(exception)` follow on this thread.

    Without `on_error` an exception is re-raised on this thread, where the crash reporter shows it. With
    an `owner`, nothing is delivered once it is destroyed (a window closed while its read ran). With
    `describe` ("Undoing the import of Connections.csv"), the job is listed by `long_work()` until done.
    """
    relay = _Relay(on_done, on_error, progress)
    if owner is not None:
        owner.destroyed.connect(relay.owner_gone)
    job = Job(relay, describe)
    relay.job = job
    _running.add(relay)
    if describe:
        _long.append(job)
        tracker().changed.emit()
    (pool or QThreadPool.globalInstance()).start(_Task(fn, job, relay))
    return job


def running_jobs() -> int:
    """How many jobs have not delivered their result yet (the window waits for them before closing)."""
    return len(_running)


def long_work() -> list[Job]:
    """Described jobs still running, oldest first."""
    return list(_long)
