"""Undo commands: each holds contact ids and before/after values (never rows), so undo survives any sort or
filter. The work itself is done by callables the window gives, which call one service each."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

#: Sets field values of one contact, given the values it should hold now (else someone changed it
#: meanwhile and the user is asked); returns False when it did not.
ApplyFields = Callable[[int, dict[str, Any], dict[str, Any]], bool]
#: Runs one service call for many contacts (a bulk action, or its inverse).
Run = Callable[[], bool]


def menu_text(text: str) -> str:
    """Text from data made safe for a menu item (a single & would become a mnemonic)."""
    return text.replace("&", "&&")


class EditContactCommand(QUndoCommand):
    """Set some fields of one contact; undo sets the values back. The first redo is the save already done."""

    def __init__(
        self,
        text: str,
        contact_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
        apply: ApplyFields,
        *,
        done: bool = True,
    ) -> None:
        super().__init__(menu_text(text))
        self.contact_id = contact_id
        self.before = dict(before)
        self.after = dict(after)
        self._apply = apply
        self._skip = done

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if not self._apply(self.contact_id, self.before, self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._apply(self.contact_id, self.after, self.before):
            self.setObsolete(True)


class BulkCommand(QUndoCommand):
    """One bulk action over many contacts (tag, untag, open networker, follow-ups, trash): one step."""

    def __init__(self, text: str, ids: Sequence[int], do: Run, undo: Run, *, done: bool = True) -> None:
        super().__init__(menu_text(text))
        self.ids = tuple(ids)
        self._do = do
        self._undo = undo
        self._skip = done

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if not self._do():
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._undo():
            self.setObsolete(True)
