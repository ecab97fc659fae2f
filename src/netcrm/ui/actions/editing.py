"""Saving what the user edits in the detail pane: one service call per change, one undo command each.

Saves pass the contact's version; when someone else saved meanwhile (netcrm-cli, another device) the
user chooses Reload (their edit is dropped, the stored values shown) or Overwrite. A refused value is shown
next to its field and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from netcrm.core.errors import ConflictError, NetcrmError, NotFoundError, ValidationError
from netcrm.ui.commands import BulkCommand, EditContactCommand
from netcrm.ui.contact_detail import ContactDetailPane

if TYPE_CHECKING:
    from netcrm.core.model import Contact
    from netcrm.core.services import Services

RELOAD, OVERWRITE = "reload", "overwrite"


class ContactEditing(QObject):
    """Connects the detail pane's edits to the services and the undo stack."""

    def __init__(
        self,
        pane: ContactDetailPane,
        stack: QUndoStack,
        services: Callable[[], Services | None],
        changed: Callable[[int], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._pane = pane
        self._stack = stack
        self._services = services
        self._changed = changed  # re-read one contact: its list row, the pane, the counts
        self._parent = parent
        self._labels = {
            "first_name": self.tr("first name"),
            "last_name": self.tr("last name"),
            "display_name": self.tr("shown name"),
            "emails": self.tr("e-mails"),
            "phones": self.tr("phones"),
            "company": self.tr("company"),
            "position": self.tr("position"),
            "location": self.tr("location"),
            "linkedin_url": self.tr("LinkedIn URL"),
            "degree": self.tr("degree"),
            "connected_on": self.tr("connected on"),
            "cadence_days": self.tr("keep-in-touch cadence"),
            "introduced_by_id": self.tr("introduced by"),
            "notes": self.tr("notes"),
        }
        pane.edited.connect(self.save_field)
        pane.tags_edited.connect(self.save_tags)
        pane.open_networker_toggled.connect(self.set_open_networker)

    # -- the pane's edits -------------------------------------------------------------------------

    def save_field(self, field: str, value: Any) -> bool:
        """Save one field of the pane's contact; push its undo command. False if nothing was saved."""
        services, contact = self._services(), self._pane.contact
        if services is None or contact is None:
            return False
        before = {field: getattr(contact, field)}
        saved = self._edit(services, contact, {field: value})
        if saved is None:
            return False
        after = {field: getattr(saved, field)}
        text = self.tr("set %1 of %2").replace("%1", self._labels.get(field, field))
        text = text.replace("%2", contact.display_name or self.tr("(no name)"))
        self._stack.push(EditContactCommand(text, contact.id, before, after, self.apply_fields))
        self._changed(contact.id)
        return True

    def save_tags(self, added: list[str], removed: list[str]) -> bool:
        """Add and remove tags of the pane's contact, as one undoable step."""
        services, contact = self._services(), self._pane.contact
        if services is None or contact is None:
            return False
        cid = contact.id

        def run(add: list[str], remove: list[str]) -> bool:
            svc = self._services()
            if svc is None:
                return False
            try:
                svc.tag_contacts([cid], add=add, remove=remove)
            except ValidationError as error:
                self._pane.show_error("tags", str(error))
                return False
            except NetcrmError as error:
                self._warn(str(error))
                return False
            self._changed(cid)
            return True

        if not run(added, removed):
            return False
        text = self.tr("change tags of %1").replace("%1", contact.display_name or self.tr("(no name)"))
        self._stack.push(BulkCommand(text, [cid], lambda: run(added, removed), lambda: run(removed, added)))
        return True

    def set_open_networker(self, value: bool) -> bool:
        """The user marks or clears the pane's contact as an open networker (one undoable step)."""
        services, contact = self._services(), self._pane.contact
        if services is None or contact is None:
            return False
        cid = contact.id

        def run(on: bool) -> bool:
            svc = self._services()
            if svc is None:
                return False
            try:
                svc.set_open_networker([cid], on)
            except NetcrmError as error:
                self._warn(str(error))
                return False
            self._changed(cid)
            return True

        if not run(value):
            return False
        name = contact.display_name or self.tr("(no name)")
        text = (
            self.tr("mark %1 as open networker") if value else self.tr("clear open networker of %1")
        ).replace("%1", name)
        self._stack.push(BulkCommand(text, [cid], lambda: run(value), lambda: run(not value)))
        return True

    # -- undo and redo ----------------------------------------------------------------------------

    def apply_fields(self, contact_id: int, expected: dict[str, Any], values: dict[str, Any]) -> bool:
        """Set fields back (undo) or again (redo); asks first if the contact changed meanwhile."""
        services = self._services()
        if services is None:
            return False
        try:
            current = services.get_contact(contact_id)
        except NotFoundError:
            self._warn(self.tr("That contact no longer exists; there is nothing to undo."))
            return False
        if current.deleted_at is not None:
            self._warn(self.tr("That contact is in the trash; restore it first."))
            return False
        changed_elsewhere = any(getattr(current, k) != v for k, v in expected.items())
        if changed_elsewhere and self.ask_conflict(current.display_name) != OVERWRITE:
            self._changed(contact_id)
            return False
        saved = self._edit(services, current, values)
        if saved is None:
            return False
        self._changed(contact_id)
        return True

    # -- helpers ----------------------------------------------------------------------------------

    def _edit(self, services: Services, contact: Contact, changes: dict[str, Any]) -> Contact | None:
        try:
            return services.edit_contact(contact.id, changes, contact.version)
        except ValidationError as error:
            self._pane.show_error(error.field, str(error))
            return None
        except ConflictError:
            if self.ask_conflict(contact.display_name) == OVERWRITE:
                try:
                    return services.edit_contact(contact.id, changes, None)
                except ValidationError as error:
                    self._pane.show_error(error.field, str(error))
                    return None
            self._changed(contact.id)  # Reload: show what is stored now
            return None
        except NotFoundError:
            self._warn(self.tr("That contact was deleted elsewhere; press F5 to reload."))
            return None

    def ask_conflict(self, name: str) -> str:
        """Someone else changed the contact since it was shown: Reload (drop this edit) or Overwrite."""
        box = QMessageBox(self._parent)
        box.setObjectName("conflictBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Changed elsewhere"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "%1 was changed elsewhere (netcrm-cli or another device) since you opened it.\n\n"
                "Reload shows the stored values and drops your change; Overwrite saves your change over them."
            ).replace("%1", name or self.tr("This contact"))
        )
        reload_button = box.addButton(self.tr("&Reload"), QMessageBox.ButtonRole.RejectRole)
        reload_button.setObjectName("reloadButton")
        overwrite = box.addButton(self.tr("&Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
        overwrite.setObjectName("overwriteButton")
        box.setDefaultButton(reload_button)
        box.exec()
        return OVERWRITE if box.clickedButton() is overwrite else RELOAD

    def _warn(self, text: str) -> None:
        from netcrm.ui.messages import show_message

        show_message(QMessageBox.Icon.Warning, self.tr("netcrm"), text, parent=self._parent)
