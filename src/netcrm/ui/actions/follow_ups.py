"""Follow-ups and interactions from the app: add (with a time and a repeat), done, snooze, reschedule, log.

Each is one short service call through the operations runner, which pushes its undo step and hands its
`Changes` to the panes: at 100,000 contacts the GUI thread redraws one row, one contact's follow-ups and the
detail pane, and reads the counts in a worker (bench/gui.py, one frame).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from netcrm.ui.actions.context import ActionContext
from netcrm.ui.dialogs.follow_up import FollowUpRequest

if TYPE_CHECKING:
    from netcrm.core.changes import Changed, Changes
    from netcrm.core.model import Contact, FollowUp, Interaction
    from netcrm.core.services import Services

#: From this many contacts on, adding follow-ups runs in a worker with a progress dialog.
BACKGROUND_FROM = 1000


class FollowUpActions(QObject):
    """The follow-up pane's and the detail pane's actions, for the window."""

    def __init__(
        self,
        context: ActionContext,
        find: Callable[[int], FollowUp | None],
        shown_contact: Callable[[], Contact | None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._find = find  # a follow-up the pane shows (undo needs its old day)
        self._shown_contact = shown_contact  # the detail pane's contact

    # -- asking -----------------------------------------------------------------------------------

    def ask_follow_up(self, count: int) -> FollowUpRequest | None:
        """Ask for the day, time, repeat and note of a follow-up for `count` contacts."""
        from netcrm.ui.dialogs.follow_up import FollowUpDialog

        dialog = FollowUpDialog(count, self._ctx.today(), self._ctx.parent)
        return dialog.result_value() if dialog.exec() else None

    def ask_log(self, name: str) -> tuple[str, date, str] | None:
        """Ask what happened with a contact: kind, day, summary."""
        from netcrm.ui.dialogs.log import LogDialog

        dialog = LogDialog(name, self._ctx.today(), self._ctx.parent)
        return dialog.result_value() if dialog.exec() else None

    # -- adding -----------------------------------------------------------------------------------

    def add_to_selection(self) -> None:
        """Contacts > Add follow-up…: one follow-up for each selected contact."""
        ids = self._ctx.selection.selected_ids()
        if ids:
            asked = self.ask_follow_up(len(ids))
            if asked is not None:
                self.add(ids, asked)

    def add_to_shown(self) -> None:
        """The detail pane's Add follow-up…"""
        contact = self._shown_contact()
        if contact is not None:
            asked = self.ask_follow_up(1)
            if asked is not None:
                self.add([contact.id], asked)

    def add(self, ids: Sequence[int], request: FollowUpRequest) -> None:
        """One follow-up for each contact; undo removes exactly those follow-ups (redo makes new ones)."""
        ids = list(ids)
        created: list[int] = []

        def do(services: Services) -> Changed[list[FollowUp]]:
            made = services.add_follow_ups(ids, request.due, request.note, request.every, request.due_time)
            created[:] = [item.id for item in made.value]
            return made

        def undo(services: Services) -> Changed[int]:
            return services.delete_follow_ups(list(created))

        text = self.tr("add a follow-up to %n contact(s)", "", len(ids))
        runner = self._ctx.runner
        if len(ids) > BACKGROUND_FROM:
            label = self.tr("Adding a follow-up to %n contact(s)…", "", len(ids))
            runner.run_slow(lambda s, _job: do(s), label=label, undo=undo, redo=do, text=text, ids=ids)
        elif runner.run(do, undo=undo, text=text, ids=ids):
            self._ctx.status(self.tr("Follow-up added"))

    # -- the follow-up pane -----------------------------------------------------------------------

    def complete(self, follow_up_id: int) -> None:
        """Mark a follow-up done (a recurring one comes back on its next day); Ctrl+Z opens it again."""
        item = self._find(follow_up_id)
        if item is None:
            if self._ctx.runner.run(lambda s: s.complete_follow_up(follow_up_id)):
                self._ctx.status(self.tr("Marked done"))
            return
        snoozed = item.status == "snoozed"
        made: list[Changes] = []

        def do(s: Services) -> Changed[FollowUp | None]:
            result = s.complete_follow_up(follow_up_id)
            made[:] = [result.changes]
            return result

        def undo(s: Services) -> Changed[FollowUp]:
            return s.reopen_follow_up(follow_up_id, made[0], snoozed=snoozed)

        text = self.tr("mark %1 done").replace(
            "%1", self.tr("follow-up with %1").replace("%1", item.contact_name)
        )
        if self._ctx.runner.run(do, undo=undo, text=text, ids=[item.contact_id]):
            self._ctx.status(self.tr("Marked done"))

    def snooze(self, follow_up_id: int, until: date) -> None:
        """Snooze a follow-up until a day (undoable)."""
        self._move(
            follow_up_id,
            lambda s: s.snooze_follow_up(follow_up_id, until),
            self.tr("Snoozed until %1").replace("%1", until.isoformat()),
            self.tr("snooze %1"),
        )

    def reschedule(self, follow_up_id: int, due: date) -> None:
        """Move a follow-up to another day (undoable)."""
        self._move(
            follow_up_id,
            lambda s: s.reschedule_follow_up(follow_up_id, due),
            self.tr("Rescheduled to %1").replace("%1", due.isoformat()),
            self.tr("reschedule %1"),
        )

    def _move(
        self,
        follow_up_id: int,
        call: Callable[[Services], Changed[FollowUp]],
        done: str,
        undo_text: str,
    ) -> None:
        item = self._find(follow_up_id)
        if item is None:
            if self._ctx.runner.run(call):
                self._ctx.status(done)
            return
        old_due, was_snoozed = item.due, item.status == "snoozed"

        def back(s: Services) -> Changed[FollowUp]:
            if was_snoozed:
                return s.snooze_follow_up(follow_up_id, old_due)
            return s.reschedule_follow_up(follow_up_id, old_due)

        name = undo_text.replace("%1", self.tr("follow-up with %1").replace("%1", item.contact_name))
        if self._ctx.runner.run(call, undo=back, text=name, ids=[item.contact_id]):
            self._ctx.status(done)

    # -- interactions -----------------------------------------------------------------------------

    def log_interaction(self) -> None:
        """Log a message, call, meeting... with the contact in the detail pane (undoable)."""
        contact = self._shown_contact()
        if contact is None or self._ctx.services() is None:
            return
        asked = self.ask_log(contact.display_name)
        if asked is None:
            return
        kind, day, summary = asked
        logged: list[int] = []

        def do(services: Services) -> Changed[Interaction]:
            made = services.log_interaction(contact.id, kind, summary, day)
            logged[:] = [made.value.id]
            return made

        def undo(services: Services) -> Changes:
            from netcrm.core.changes import Changes

            changes = Changes()
            for interaction_id in logged:
                changes |= services.delete_interaction(interaction_id).changes
            return changes

        text = self.tr("log an interaction with %1").replace("%1", contact.display_name)
        self._ctx.runner.run(do, undo=undo, text=text, ids=[contact.id])
