"""Actions on many contacts at once: tag, untag, mark or clear open networker, trash, restore (follow-ups:
actions/follow_ups.py). Each is one service call (one transaction) and one undo command; what undo needs
is read from the list's tuples beforehand (who already had the tag...), never per contact from the
database. More than BACKGROUND_FROM contacts run in a worker behind a progress dialog, so the window
never freezes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from netcrm.core.errors import NetcrmError
from netcrm.ui.columns import LIST_COLUMNS
from netcrm.ui.commands import BulkCommand
from netcrm.ui.messages import show_message
from netcrm.ui.sidebar import has_tag
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.core.services import Services

Row = tuple[Any, ...]
ID = LIST_COLUMNS.index("id")
OPEN_NETWORKER = LIST_COLUMNS.index("open_networker")
#: From this many contacts on, an action runs in a worker with a progress dialog.
BACKGROUND_FROM = 1000


class BulkActions(QObject):
    """Runs the bulk actions of the contact list's selection for the window."""

    def __init__(
        self,
        stack: QUndoStack,
        services: Callable[[], Services | None],
        rows: Callable[[Sequence[int]], list[Row]],
        changed: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._stack = stack
        self._services = services
        self._rows = rows  # the list rows of some ids (their tags and open-networker flags)
        self._changed = changed  # re-read the rows and counts after a change
        self._parent = parent
        self.progress: QProgressDialog | None = None
        self.busy = False

    # -- the actions ------------------------------------------------------------------------------

    def tag(self, ids: Sequence[int], name: str) -> None:
        """Add a tag to contacts; undo removes it from those who lacked it."""
        lacking = [int(r[ID]) for r in self._rows(ids) if not has_tag(r, name)]
        self._start(
            self._text(self.tr("tag %n contact(s) %1", "", len(ids)), name),
            ids,
            lambda s: s.tag_contacts(ids, add=[name]),
            lambda s: s.tag_contacts(lacking, remove=[name]) if lacking else 0,
        )

    def untag(self, ids: Sequence[int], name: str) -> None:
        """Remove a tag from contacts; undo gives it back to those who had it."""
        having = [int(r[ID]) for r in self._rows(ids) if has_tag(r, name)]
        self._start(
            self._text(self.tr("untag %n contact(s) %1", "", len(ids)), name),
            ids,
            lambda s: s.tag_contacts(ids, remove=[name]),
            lambda s: s.tag_contacts(having, add=[name]) if having else 0,
        )

    def set_open_networker(self, ids: Sequence[int], value: bool) -> None:
        """Mark or clear open networkers (the user's decision); undo flips back those that changed."""
        flipped = [int(r[ID]) for r in self._rows(ids) if bool(r[OPEN_NETWORKER]) != value]
        text = (
            self.tr("mark %n contact(s) as open networkers", "", len(ids))
            if value
            else self.tr("clear open networker of %n contact(s)", "", len(ids))
        )
        self._start(
            text,
            ids,
            lambda s: s.set_open_networker(ids, value),
            lambda s: s.set_open_networker(flipped, not value) if flipped else 0,
        )

    def delete(self, ids: Sequence[int]) -> None:
        """Move contacts to the trash; undo restores them."""
        self._start(
            self.tr("move %n contact(s) to the trash", "", len(ids)),
            ids,
            lambda s: s.delete_contacts(ids),
            lambda s: s.restore_contacts(ids),
        )

    def restore(self, ids: Sequence[int]) -> None:
        """Bring contacts back from the trash; undo trashes them again."""
        self._start(
            self.tr("restore %n contact(s)", "", len(ids)),
            ids,
            lambda s: s.restore_contacts(ids),
            lambda s: s.delete_contacts(ids),
        )

    # -- running ----------------------------------------------------------------------------------

    def _start(
        self,
        text: str,
        ids: Sequence[int],
        do: Callable[[Services], object],
        undo: Callable[[Services], object],
    ) -> None:
        ids = list(ids)
        if not ids or self._services() is None or self.busy:
            return

        def pushed(_result: object) -> None:
            command = BulkCommand(text, ids, lambda: self._run_now(do), lambda: self._run_now(undo))
            self._stack.push(command)
            self._changed()

        if len(ids) > BACKGROUND_FROM:
            self._run_in_background(text, do, pushed)
        elif self._run_now(do, refresh=False):
            pushed(None)

    def _run_now(self, call: Callable[[Services], object], refresh: bool = True) -> bool:
        services = self._services()
        if services is None:
            return False
        try:
            call(services)
        except NetcrmError as error:
            self._fail(error)
            return False
        if refresh:
            self._changed()
        return True

    def _run_in_background(
        self, text: str, call: Callable[[Services], object], done: Callable[[object], None]
    ) -> None:
        services = self._services()
        assert services is not None
        dialog = QProgressDialog(self._parent)
        dialog.setObjectName("bulkProgress")
        dialog.setWindowTitle(self.tr("Working"))
        dialog.setLabelText(text[:1].upper() + text[1:].replace("&&", "&") + "…")
        dialog.setRange(0, 0)  # one transaction: it finishes all at once
        dialog.setCancelButton(None)  # one transaction cannot stop halfway
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self.progress = dialog
        self.busy = True

        def work(_job: Job) -> object:
            return call(services)

        def finished(result: object) -> None:
            self._end_progress()
            done(result)

        def failed(error: BaseException) -> None:
            self._end_progress()
            if not isinstance(error, NetcrmError):
                raise error
            self._fail(error)

        run_in_worker(work, finished, failed)

    def _end_progress(self) -> None:
        self.busy = False
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _fail(self, error: NetcrmError) -> None:
        show_message(QMessageBox.Icon.Warning, self.tr("netcrm"), str(error), parent=self._parent)

    @staticmethod
    def _text(template: str, name: str) -> str:
        return template.replace("%1", f"“{name}”")
