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
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QMenu, QToolBar, QWidget

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

    def shown_ids(self) -> list[int] | None:
        """The contacts the list shows, top to bottom; None when it shows every live contact."""


class Views(Protocol):
    """What an action may ask of the window's views."""

    def show_view(self, view: QWidget | None) -> None:
        """Show a view (Insights) in place of the contacts; None: the contacts again."""

    def filter_list(self, text: str, scope: Callable[[Row], bool] | None, label: str) -> None:
        """Show the contacts a search text (or a predicate over rows) finds, saying so in the status bar."""

    def show_follow_ups(self) -> None:
        """Bring the window forward with its follow-ups shown and focused."""

    def bring_to_front(self) -> None:
        """Raise the window (a notification was clicked)."""


@dataclass(frozen=True, slots=True)
class Places:
    """Where action classes put their actions: the window's menus, toolbar and two anchors."""

    file_menu: QMenu
    contacts_menu: QMenu
    view_menu: QMenu
    toolbar: QToolBar
    quit_action: QAction  # File menu items go above it
    panes_action: QAction  # View menu and toolbar items go before it (Details)
    sidebar: QAbstractItemView  # its "Recently imported" entries get a context menu


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
    views: Views
