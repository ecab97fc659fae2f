"""Read the whole list again in a worker after many contacts changed, and show it only while it is current.

At 100,000 contacts the rows, counts and smart lists take half a second to read: on the GUI thread that
froze the window after every import, undo, bulk action or Reload. One read runs at a time; what is asked
meanwhile is served by one more read after it, so a burst of changes costs at most two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from netcrm.ui.loaders import Everything, load_everything
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.core.services import Services


class Refresher:
    """Reads of everything for one window, and the callbacks waiting for them.

    A result is shown only if nothing was written since its read began (`Store.writes`) and the window
    still shows what it was read for (the list or the trash); otherwise it is read again. The callbacks
    given with an ask run once the window shows a result read after that ask.
    """

    def __init__(
        self,
        services: Callable[[], Services | None],
        recent_days: Callable[[], int],
        in_trash: Callable[[], bool],
        show: Callable[[Everything, bool], None],
        failed: Callable[[BaseException], None],
        owner: QObject,
    ) -> None:
        self._owner = owner  # the window: a read that lands after it is gone is dropped
        self._services = services
        self._recent_days = recent_days
        self._in_trash = in_trash
        self._show = show
        self._failed = failed
        self._job: Job | None = None
        self._again = False  # asked again while a read ran: that read may predate the change
        self._everything = False  # some ask wants a full reload (it leaves the trash and rescopes the list)
        self._waiting: list[Callable[[], None]] = []
        owner.destroyed.connect(self._owner_gone)

    def _owner_gone(self) -> None:
        self._job = None  # its result will not be delivered (see run_in_worker's owner)
        self._waiting.clear()

    def busy(self) -> bool:
        """True while a read runs or waits to be shown."""
        return self._job is not None

    def ask(self, *, everything: bool, then: Callable[[], None] | None = None) -> None:
        """Read again soon; `everything` also leaves the trash and chooses the current list again."""
        if self._services() is None:
            return
        self._everything |= everything
        if then is not None:
            self._waiting.append(then)
        if self._job is not None:
            self._again = True
            return
        self._start()

    def _start(self) -> None:
        services = self._services()
        if services is None:
            self._job = None
            return
        self._again = False
        trash = self._in_trash() and not self._everything
        recent_days = self._recent_days()  # settings belong to this thread

        def work(_job: Job) -> Everything:
            return load_everything(services, recent_days, trash=trash)

        self._job = run_in_worker(work, self._done, self._error, owner=self._owner)

    def _done(self, found: Everything) -> None:
        self._job = None
        services = self._services()
        if services is None:
            return
        moved_on = found.writes != services.store.writes
        other_view = not self._everything and self._in_trash() != (found.trash is not None)
        if self._again or moved_on or other_view:
            self._start()
            return
        everything, self._everything = self._everything, False
        waiting, self._waiting = self._waiting, []
        self._show(found, everything)
        for then in waiting:
            then()

    def _error(self, error: BaseException) -> None:
        self._job = None
        self._everything = False
        self._waiting.clear()
        self._failed(error)
