"""What an action class may use: the services, the settings, the selection, the operations runner.

Action classes got the window and read its private attributes; a small context keeps them to these few
things (and keeps `ui.actions` from importing the window, so no cycle even under TYPE_CHECKING).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from netcrm.core.services import Services
    from netcrm.ui.operations import Operations

Row = tuple[Any, ...]


class Selection(Protocol):
    """The contact list as the actions see it (the window gives it)."""

    def selected_ids(self) -> list[int]:
        """The selected contacts, top to bottom."""

    def current_contact_id(self) -> int | None:
        """The contact the detail pane shows, if any."""

    def rows_of(self, ids: Sequence[int]) -> list[Row]:
        """The list rows of some contacts (their tags, flags...), without a query."""

    def live_rows(self) -> list[Row]:
        """Every live contact's list row."""

    def in_trash(self) -> bool:
        """True while the list shows the trash."""


@dataclass(frozen=True, slots=True)
class ActionContext:
    """Handed to every action class instead of the window."""

    services: Callable[[], Services | None]  # None until the database is open
    settings: QSettings
    selection: Selection
    runner: Operations
    parent: QWidget  # the dialogs' parent
    today: Callable[[], date]
    status: Callable[[str], None]  # a short message in the status bar
    open_contact: Callable[[int], None]  # select a contact in the list
