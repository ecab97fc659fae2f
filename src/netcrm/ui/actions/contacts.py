"""The Contacts menu and the list's context menu: new contact, tag, untag, open networker, follow-up, trash,
restore, merge. Each action works on the selection the context gives; the window only places the actions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView

from netcrm.core.errors import NetcrmError
from netcrm.ui.actions.context import ActionContext
from netcrm.ui.icons import icon
from netcrm.ui.messages import show_message
from netcrm.ui.sidebar import OPEN_NETWORKER_TAG, TAG_NAMES

if TYPE_CHECKING:
    from netcrm.ui.actions.bulk import BulkActions
    from netcrm.ui.actions.follow_ups import FollowUpActions

#: Reads the list again in a worker; the callable runs once the window shows it.
ReloadRows = Callable[[Callable[[], None] | None], None]


class ContactActions(QObject):
    """The contact actions, their enabling by selection, and the list's context menu."""

    def __init__(
        self,
        context: ActionContext,
        bulk: BulkActions,
        follow_ups: FollowUpActions,
        view: QTableView,
        reload_rows: ReloadRows,
        show_new: Callable[[int], None],
    ) -> None:
        super().__init__(context.parent)
        self._ctx = context
        self._bulk = bulk
        self._view = view  # the contact list: the actions follow its selection
        self._reload_rows = reload_rows
        self._show_new = show_new  # a new contact: show it in the list and put the cursor in its form
        parent = context.parent
        selection = context.selection

        def make(name: str, text: str, slot: Callable[[], object]) -> QAction:
            action = QAction(icon(name), text, parent)
            action.triggered.connect(slot)
            self._icons.append((action, name))
            return action

        self._icons: list[tuple[QAction, str]] = []
        self.new_contact_action = make("new_contact", self.tr("&New contact…"), self.new_contact)
        self.new_contact_action.setShortcut(QKeySequence.StandardKey.New)
        self.tag_action = make("tag", self.tr("&Tag…"), self.tag_selection)
        self.tag_action.setShortcut(QKeySequence(self.tr("Ctrl+T")))
        self.untag_action = make("untag", self.tr("&Remove tag…"), self.untag_selection)
        self.mark_networker_action = make(
            "open_networker",
            self.tr("&Mark as open networker"),
            lambda: bulk.set_open_networker(selection.selected_ids(), True),
        )
        self.clear_networker_action = make(
            "clear_open_networker",
            self.tr("&Clear open networker"),
            lambda: bulk.set_open_networker(selection.selected_ids(), False),
        )
        self.add_follow_up_action = make(
            "add_follow_up", self.tr("Add &follow-up…"), follow_ups.add_to_selection
        )
        self.delete_action = make(
            "delete", self.tr("Move to &trash"), lambda: bulk.delete(selection.selected_ids())
        )
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        view.addAction(self.delete_action)
        self.restore_action = make(
            "restore", self.tr("R&estore"), lambda: bulk.restore(selection.selected_ids())
        )
        self.merge_action = make("merge", self.tr("Mer&ge…"), self.merge_selection)
        self.merge_action.setToolTip(self.tr("Merge two selected contacts into one"))
        self.selection_actions = (
            self.tag_action,
            self.untag_action,
            self.mark_networker_action,
            self.clear_networker_action,
            self.add_follow_up_action,
            self.delete_action,
            self.restore_action,
        )
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        view.selectionModel().selectionChanged.connect(self.update_enabled)
        view.model().modelReset.connect(self.update_enabled)
        self.update_enabled()

    def add_to(self, menu: QMenu) -> None:
        """Put the selection's actions in a menu."""
        for action in self.selection_actions[:5]:
            menu.addAction(action)
        menu.addAction(self.merge_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.addAction(self.restore_action)

    def refresh_icons(self) -> None:
        """Draw the icons again in the palette's colours."""
        for action, name in self._icons:
            action.setIcon(icon(name))

    def update_enabled(self) -> None:
        """Enable what the selection allows: restore in the trash, the rest outside it, merge for two."""
        in_trash = self._ctx.selection.in_trash()
        chosen = self._view.selectionModel().hasSelection()
        for action in self.selection_actions:
            action.setEnabled(chosen and (action is self.restore_action) == in_trash)
        self.delete_action.setEnabled(chosen and not in_trash)
        self.restore_action.setVisible(in_trash)
        self.delete_action.setVisible(not in_trash)
        two = len(self._view.selectionModel().selectedRows()) == 2 if chosen else False
        self.merge_action.setEnabled(two and not in_trash)

    def _context_menu(self, position: QPoint) -> None:
        menu = QMenu(self._ctx.parent)
        if not self._ctx.selection.in_trash():
            menu.addAction(self.new_contact_action)
            menu.addSeparator()
        self.add_to(menu)
        menu.exec(self._view.viewport().mapToGlobal(position))

    # -- tags -------------------------------------------------------------------------------------

    def tag_selection(self) -> None:
        """Contacts > Tag…: add a tag (new or existing) to the selected contacts."""
        ids = self._ctx.selection.selected_ids()
        services = self._ctx.services()
        if ids and services is not None:
            names = [tag.name for tag in services.list_tags() if not tag.builtin]
            name = self.ask_tag(self.tr("Tag %n contact(s)", "", len(ids)), names)
            if name:
                self._bulk.tag(ids, name)

    def untag_selection(self) -> None:
        """Contacts > Remove tag…: one of the tags the selected contacts have."""
        ids = self._ctx.selection.selected_ids()
        if not ids:
            return
        names: set[str] = set()
        for row in self._ctx.selection.rows_of(ids):
            if row[TAG_NAMES]:
                names.update(row[TAG_NAMES].split("; "))
        names.discard(OPEN_NETWORKER_TAG)
        name = self.ask_tag(
            self.tr("Remove a tag from %n contact(s)", "", len(ids)), sorted(names), editable=False
        )
        if name:
            self._bulk.untag(ids, name)

    def ask_tag(self, title: str, names: Sequence[str], editable: bool = True) -> str | None:
        """Ask for a tag name (completing the existing ones)."""
        from PySide6.QtWidgets import QInputDialog

        name, accepted = QInputDialog.getItem(
            self._ctx.parent, title, self.tr("Tag:"), list(names), 0, editable
        )
        return name.strip() or None if accepted else None

    # -- one or two contacts ----------------------------------------------------------------------

    def merge_selection(self) -> None:
        """Merge the two selected contacts (the current one is kept) after the user picks each field."""
        from netcrm.ui.dialogs.merge import MergeDialog

        services, ids = self._ctx.services(), self._ctx.selection.selected_ids()
        if services is None or len(ids) != 2:
            return
        current = self._ctx.selection.current_contact_id()
        keep_id = current if current in ids else ids[0]
        other_id = ids[1] if keep_id == ids[0] else ids[0]
        try:
            keep, other = services.get_contact(keep_id), services.get_contact(other_id)
            dialog = MergeDialog(keep, other, self._ctx.parent)
            if not dialog.exec():
                return
            services.merge_contacts(keep_id, other_id, dialog.choices())
        except NetcrmError as error:
            show_message(
                QMessageBox.Icon.Warning, self.tr("Merge contacts"), str(error), parent=self._ctx.parent
            )
            return
        self._ctx.status(self.tr("Merged; the other contact is in the trash"))
        self._reload_rows(lambda: self._ctx.open_contact(keep_id))

    def new_contact(self) -> None:
        """Ask for a name, create the contact (undoable) and put the cursor in its form."""
        from PySide6.QtWidgets import QInputDialog

        from netcrm.core.model import ContactDraft

        services = self._ctx.services()
        if services is None:
            return
        name, accepted = QInputDialog.getText(self._ctx.parent, self.tr("New contact"), self.tr("Name:"))
        if not accepted or not name.strip():
            return
        first, _, last = name.strip().partition(" ")
        try:
            added = services.add_contact(ContactDraft(first_name=first, last_name=last.strip()))
        except NetcrmError as error:
            show_message(
                QMessageBox.Icon.Warning, self.tr("New contact"), str(error), parent=self._ctx.parent
            )
            return
        text = self.tr("add %1").replace("%1", added.display_name)
        self._ctx.runner.push(
            text,
            [added.id],
            lambda s: s.restore_contacts([added.id]),
            lambda s: s.delete_contacts([added.id]),
        )
        self._show_new(added.id)
