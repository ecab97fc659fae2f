"""The ui's one way to change data: run a service call, push its undo command, tell every pane what changed.

Shaped after Anki's `CollectionOp` and `on_operation_did_execute`: an action gives the runner a call (and
the call that undoes it); the runner runs it (on the GUI thread when it is one short transaction, in a
worker behind a progress dialog when it can be slow), shows a failure as a message, pushes one undo step,
and emits `changed` with the call's `Changes`. The panes listen to `changed` and redraw only what it names,
so an action never has to know which panes exist.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from netcrm.core.changes import Changed, Changes
from netcrm.core.errors import NetcrmError
from netcrm.ui.commands import BulkCommand
from netcrm.ui.messages import show_message
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.core.services import Services

#: What a service mutation returns. Older mutations still return a count; `changes_of` words those.
Outcome = Changes | Changed[Any] | object
Call = Callable[["Services"], Outcome]
SlowCall = Callable[["Services", Job], Outcome]


def changes_of(outcome: Outcome, ids: Sequence[int] = ()) -> Changes:
    """The Changes a call reported; for a call that reports none, its contacts and everything derived."""
    if isinstance(outcome, Changes):
        return outcome
    if isinstance(outcome, Changed):
        return outcome.changes
    return Changes.of(contacts=ids, counts=True, smart_lists=True, tags=True)


class Operations(QObject):
    """Runs the ui's mutations: one call, one undo step, one `changed` signal with what it touched."""

    changed = Signal(object)  # Changes: every pane redraws what it names
    busy_changed = Signal(bool)  # a slow call started or ended (actions disable themselves meanwhile)

    def __init__(self, services: Callable[[], Services | None], stack: QUndoStack, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("operations")
        self._services = services
        self._stack = stack
        self._parent = parent
        self.progress: QProgressDialog | None = None
        self._busy = False

    def busy(self) -> bool:
        """True while a slow call runs in a worker."""
        return self._busy

    # -- running ----------------------------------------------------------------------------------

    def run(
        self,
        call: Call,
        *,
        undo: Call | None = None,
        text: str = "",
        ids: Sequence[int] = (),
        title: str = "",
    ) -> bool:
        """Run a short call now; with `undo`, push a step named `text` (its redo runs `call` again).

        `ids` are the contacts a call that reports no Changes touched. False when it failed (the user saw
        why) or there are no services yet.
        """
        if not self.apply(call, ids, title):
            return False
        if undo is not None:
            self.push(text, ids, call, undo)
        return True

    def run_slow(
        self,
        work: SlowCall,
        *,
        label: str,
        undo: Call | None = None,
        redo: Call | None = None,
        text: str = "",
        ids: Sequence[int] = (),
        cancellable: bool = False,
        on_done: Callable[[Outcome], None] | None = None,
    ) -> bool:
        """Run a call that can take a while in a worker, behind a progress dialog (with Cancel when the call
        checks `job.is_cancelled`); then push its undo step (redo: `redo`, else the work again on the GUI
        thread) and emit `changed`. False when it could not start (no services, or another one runs)."""
        services = self._services()
        if services is None or self._busy:
            return False
        dialog = self._open_progress(label, cancellable)
        self._set_busy(True)
        job_box: list[Job] = []

        def work_in_worker(job: Job) -> Outcome:
            return work(services, job)

        def finished(outcome: Outcome) -> None:
            self._end_progress()
            if undo is not None:
                again: Call = redo if redo is not None else (lambda s: work(s, _NO_JOB))
                self.push(text, ids, again, undo)
            self.changed.emit(changes_of(outcome, ids))
            if on_done is not None:
                on_done(outcome)

        def failed(error: BaseException) -> None:
            self._end_progress()
            if not isinstance(error, NetcrmError):
                raise error
            self._fail(error, "")

        def progressed(done: int, total: int) -> None:
            if self.progress is not None and total > 0:
                self.progress.setRange(0, total)
                self.progress.setValue(min(done, total))

        job_box.append(run_in_worker(work_in_worker, finished, failed, progressed, owner=self._parent))
        if cancellable:
            dialog.canceled.connect(job_box[0].cancel)
        return True

    def apply(self, call: Call, ids: Sequence[int] = (), title: str = "") -> bool:
        """Run one call now and announce its Changes (an undo or redo step runs through here too)."""
        services = self._services()
        if services is None:
            return False
        try:
            outcome = call(services)
        except NetcrmError as error:
            self._fail(error, title)
            return False
        self.changed.emit(changes_of(outcome, ids))
        return True

    def push(self, text: str, ids: Sequence[int], redo: Call, undo: Call) -> None:
        """One undo step for a call already done: undo runs `undo`, redo runs `redo`, both through `apply`."""
        self._stack.push(
            BulkCommand(text, list(ids), lambda: self.apply(redo, ids), lambda: self.apply(undo, ids))
        )

    def announce(self, changes: Changes) -> None:
        """Tell the panes about a change made elsewhere (a wizard's import, an undone batch)."""
        self.changed.emit(changes)

    # -- progress ---------------------------------------------------------------------------------

    def _open_progress(self, label: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(self._parent)
        dialog.setObjectName("operationProgress")
        dialog.setWindowTitle(self.tr("Working"))
        dialog.setLabelText(label)
        dialog.setRange(0, 0)  # busy until the call reports progress
        if not cancellable:
            dialog.setCancelButton(None)  # one transaction cannot stop halfway
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self.progress = dialog
        return dialog

    def _end_progress(self) -> None:
        self._set_busy(False)
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed.emit(busy)

    def _fail(self, error: NetcrmError, title: str) -> None:
        show_message(QMessageBox.Icon.Warning, title or self.tr("netcrm"), str(error), parent=self._parent)


class _NoJob(Job):
    """The job of a slow call redone from the undo stack on the GUI thread: no progress, never cancelled."""

    def __init__(self) -> None:
        self._cancelled_flag = False

    def report(self, done: int, total: int) -> None:
        return None

    def cancel(self) -> None:
        return None

    def is_cancelled(self) -> bool:
        return False


_NO_JOB = _NoJob()
