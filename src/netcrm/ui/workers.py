"""Run slow work off the GUI thread and get its result, error and progress back on the GUI thread.

Core jobs know nothing of Qt (DESIGN.md rule 5): they take plain `progress(done, total)` and
`cancel() -> bool` callables, which a `Job` provides. Callbacks always run on the thread that called
`run_in_worker` (the GUI thread), never on the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")


class Job:
    """What a worker function gets: a way to report progress and to see whether it was cancelled."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> None:
        """Progress, safe to call from the worker as often as it likes."""
        self._relay.progressed.emit(done, total)

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
        self.finished.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)
        self.progressed.connect(self._deliver_progress)

    @Slot()
    def owner_gone(self) -> None:
        """The widget the callbacks would touch is destroyed: the result goes nowhere."""
        self._owner_gone = True

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        _running.discard(self)
        if not self._owner_gone:
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        _running.discard(self)
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


def run_in_worker(
    fn: Callable[[Job], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
) -> Job:
    """Run `fn(job)` on a pooled thread; `on_done(result)` or `on_error(exception)` follow on this thread.

    Without `on_error` an exception is re-raised on this thread, where the crash reporter shows it. With
    an `owner`, nothing is delivered once it is destroyed (a window closed while its read ran).
    """
    relay = _Relay(on_done, on_error, progress)
    if owner is not None:
        owner.destroyed.connect(relay.owner_gone)
    job = Job(relay)
    _running.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Task(fn, job, relay))
    return job


def running_jobs() -> int:
    """How many jobs have not delivered their result yet (the window waits for them before closing)."""
    return len(_running)
