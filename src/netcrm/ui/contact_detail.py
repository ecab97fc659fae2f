"""The detail pane: every field of the selected contact, editable in place, its follow-ups and timeline.

Each editor commits when the user leaves it (Return, Tab, a click elsewhere): the pane only says what
changed (`edited`, `tags_edited`, `open_networker_toggled`); the window saves it through the services and
an undo command, and shows a refusal next to its field with `show_error`. Everything from data is plain
text: line edits, plain-text edits and labels set to PlainText.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netcrm.core import rules
from netcrm.ui.bidi import isolate
from netcrm.ui.icons import icon
from netcrm.ui.links import open_link, safe_url
from netcrm.ui.loaders import ContactDetail
from netcrm.ui.plain_text import plain_label

if TYPE_CHECKING:  # records are only annotations here; the core model stays off the first-paint path
    from netcrm.core.model import Contact, FollowUp, Interaction

#: The form's rows, in the order shown.
FIELD_KEYS = (
    "first_name",
    "last_name",
    "display_name",
    "emails",
    "phones",
    "company",
    "position",
    "location",
    "linkedin",
    "degree",
    "connected_on",
    "tags",
    "open_networker",
    "next_follow_up",
    "last_contacted",
    "cadence",
    "introduced_by",
    "source",
    "notes",
)
#: Rows that only show (the services derive them).
READ_ONLY_KEYS = ("next_follow_up", "last_contacted", "source")
#: The service field each editor sets.
SERVICE_FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "display_name": "display_name",
    "emails": "emails",
    "phones": "phones",
    "company": "company",
    "position": "position",
    "location": "location",
    "linkedin": "linkedin_url",
    "degree": "degree",
    "connected_on": "connected_on",
    "cadence": "cadence_days",
    "introduced_by": "introduced_by_id",
    "notes": "notes",
}
#: Where a ValidationError's field is shown.
ERROR_KEYS = {
    **{field: key for key, field in SERVICE_FIELDS.items()},
    "email": "emails",
    "phone": "phones",
    "tag": "tags",
    "tags": "tags",
}
EMPTY = "—"
LIST_SEPARATOR = ", "
#: The introduced-by completer shows at most this many names at once (it stays quick at 30,000 names).
COMPLETER_ROWS = 12


class _NotesEdit(QPlainTextEdit):
    """Notes: plain text only, committed when focus leaves."""

    committed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setMinimumHeight(self.fontMetrics().height() * 4)
        self.setMaximumHeight(self.fontMetrics().height() * 8)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()

    def insertFromMimeData(self, source: Any) -> None:
        self.insertPlainText(source.text())  # never rich text, whatever is pasted


class _TagCompleter(QCompleter):
    """Completes the last of comma-separated tags."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:
        widget = self.widget()
        typed = widget.text() if isinstance(widget, QLineEdit) else ""
        head = typed.rsplit(",", 1)[0] + LIST_SEPARATOR if "," in typed else ""
        return head + str(index.data())


class ContactDetailPane(QWidget):
    """Shows and edits one contact; says what the user changed, never saves by itself."""

    edited = Signal(str, object)  # service field, new value
    tags_edited = Signal(object, object)  # tags added, tags removed (lists of names)
    open_networker_toggled = Signal(bool)
    people_needed = Signal()  # the introduced-by completer wants the names (see set_people)
    log_requested = Signal()  # Log…: record a message, call, meeting with this contact
    follow_up_requested = Signal()  # Follow up…: remind the user to get back to this contact

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDetailPane")
        self.contact_id: int | None = None
        self.contact: Contact | None = None
        self._introducer_name = ""
        self._people: dict[str, int] = {}
        self._stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        self._placeholder = QLabel(self.tr("Select a contact to see everything about them here."))
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._placeholder.setContentsMargins(24, 24, 24, 24)
        self._stack.addWidget(self._placeholder)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._stack.addWidget(scroll)
        content = _WrappedContent()
        scroll.setWidget(content)
        body = QVBoxLayout(content)
        body.setContentsMargins(16, 12, 16, 16)
        body.setSpacing(6)

        self.name_label = plain_label()
        self.name_label.setObjectName("contactName")
        heading = self.name_label.font()
        heading.setPointSizeF(heading.pointSizeF() * 1.5)
        heading.setBold(True)
        self.name_label.setFont(heading)
        self.name_label.setWordWrap(True)
        body.addWidget(self.name_label)
        self.headline_label = plain_label()
        self.headline_label.setWordWrap(True)
        self.headline_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        body.addWidget(self.headline_label)
        actions = QHBoxLayout()
        actions.setSpacing(4)
        self.log_button = QToolButton()
        self.log_button.setObjectName("logButton")
        self.log_button.setIcon(icon("log"))
        self.log_button.setText(self.tr("&Log…"))
        self.log_button.setToolTip(
            self.tr("Log a message, call or meeting (restarts the keep-in-touch clock)")
        )
        self.log_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.log_button.clicked.connect(self.log_requested)
        self.follow_up_button = QToolButton()
        self.follow_up_button.setObjectName("followUpButton")
        self.follow_up_button.setIcon(icon("add_follow_up"))
        self.follow_up_button.setText(self.tr("F&ollow up…"))
        self.follow_up_button.setToolTip(self.tr("Remind me to get back to this contact"))
        self.follow_up_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.follow_up_button.clicked.connect(self.follow_up_requested)
        actions.addWidget(self.log_button)
        actions.addWidget(self.follow_up_button)
        actions.addStretch(1)
        body.addLayout(actions)
        body.addSpacing(4)

        form = QGridLayout()  # not QFormLayout: its height-for-width clips wrapped values
        form.setColumnStretch(1, 1)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(2)
        title_alignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        titles = {
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "display_name": self.tr("Shown as"),
            "emails": self.tr("E-mail"),
            "phones": self.tr("Phone"),
            "company": self.tr("Company"),
            "position": self.tr("Position"),
            "location": self.tr("Location"),
            "linkedin": self.tr("LinkedIn"),
            "degree": self.tr("Degree"),
            "connected_on": self.tr("Connected on"),
            "tags": self.tr("Tags"),
            "open_networker": self.tr("Open networker"),
            "next_follow_up": self.tr("Next follow-up"),
            "last_contacted": self.tr("Last contacted"),
            "cadence": self.tr("Keep in touch"),
            "introduced_by": self.tr("Introduced by"),
            "source": self.tr("Source"),
            "notes": self.tr("Notes"),
        }
        self._fields: dict[str, QLabel] = {}
        self._editors: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        line = 0
        for key in FIELD_KEYS:
            title = QLabel(titles[key])
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            made = self._make_editor(key)
            editor: QWidget = made if made is not None else QWidget()
            if key in READ_ONLY_KEYS:
                value = plain_label()
                value.setWordWrap(True)
                value.setMinimumWidth(1)
                self._fields[key] = value
                form.addWidget(value, line, 1)
            elif key == "linkedin":
                self._open_link_button = QToolButton()
                self._open_link_button.setObjectName("openLinkButton")
                self._open_link_button.setIcon(icon("open_link"))
                self._open_link_button.setAutoRaise(True)
                self._open_link_button.setToolTip(self.tr("Open the profile in your browser"))
                self._open_link_button.clicked.connect(self.open_linkedin)
                row = QHBoxLayout()
                row.setSpacing(4)
                row.addWidget(editor, 1)
                row.addWidget(self._open_link_button, 0)
                form.addLayout(row, line, 1)
            elif key == "open_networker":
                self.open_networker_reason = plain_label()
                self.open_networker_reason.setWordWrap(True)
                self.open_networker_reason.setMinimumWidth(1)
                self.open_networker_reason.setForegroundRole(QPalette.ColorRole.PlaceholderText)
                self._fields[key] = self.open_networker_reason
                row = QHBoxLayout()
                row.addWidget(editor, 0)
                row.addWidget(self.open_networker_reason, 1)
                form.addLayout(row, line, 1)
            else:
                form.addWidget(editor, line, 1)
            title_alignment_used = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            form.addWidget(title, line, 0, title_alignment_used if key == "notes" else title_alignment)
            if key in self._editors:
                title.setBuddy(self._editors[key])
            line += 1
            if key not in READ_ONLY_KEYS:
                error = plain_label()
                error.setObjectName(f"error_{key}")
                error.setWordWrap(True)
                error.setMinimumWidth(1)
                error_palette = error.palette()
                error_palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.red)
                error.setPalette(error_palette)
                error.hide()
                self._errors[key] = error
                form.addWidget(error, line, 1)
                line += 1
        body.addLayout(form)

        self._follow_ups_title = self._section_title(self.tr("Follow-ups"))
        body.addWidget(self._follow_ups_title)
        self._follow_ups_box = QVBoxLayout()
        self._follow_ups_box.setSpacing(2)
        body.addLayout(self._follow_ups_box)
        self._timeline_title = self._section_title(self.tr("Timeline"))
        body.addWidget(self._timeline_title)
        self._timeline_box = QVBoxLayout()
        self._timeline_box.setSpacing(2)
        body.addLayout(self._timeline_box)
        body.addStretch(1)
        self.clear()

    # -- building ---------------------------------------------------------------------------------

    def _make_editor(self, key: str) -> QWidget | None:
        editor: QWidget
        if key in READ_ONLY_KEYS:
            return None
        if key == "degree":
            combo = QComboBox()
            for number, text in ((1, self.tr("1st")), (2, self.tr("2nd")), (3, self.tr("3rd"))):
                combo.addItem(text, number)
            combo.activated.connect(lambda _i: self._commit("degree"))
            editor = combo
        elif key == "cadence":
            spin = QSpinBox()
            spin.setRange(0, 3650)
            spin.setSpecialValueText(self.tr("never"))
            spin.setSuffix(self.tr(" days"))
            spin.setKeyboardTracking(False)
            spin.editingFinished.connect(lambda: self._commit("cadence"))
            editor = spin
        elif key == "open_networker":
            check = QCheckBox()
            check.setAccessibleName(self.tr("Open networker"))
            check.clicked.connect(lambda on: self.open_networker_toggled.emit(bool(on)))
            editor = check
        elif key == "notes":
            notes = _NotesEdit()
            notes.committed.connect(lambda: self._commit("notes"))
            editor = notes
        else:
            edit = QLineEdit()
            edit.editingFinished.connect(lambda k=key: self._commit(k))
            placeholders = {
                "emails": self.tr("Add e-mail addresses, comma-separated"),
                "phones": self.tr("Add phone numbers, comma-separated"),
                "linkedin": "https://www.linkedin.com/in/…",
                "connected_on": self.tr("YYYY-MM-DD"),
                "tags": self.tr("Comma-separated tags"),
                "introduced_by": self.tr("Type a name"),
            }
            edit.setPlaceholderText(placeholders.get(key, ""))
            if key == "tags":
                self._tag_model = QStringListModel(self)
                tag_completer = _TagCompleter(self._tag_model, edit)
                tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
                edit.setCompleter(tag_completer)
            if key == "introduced_by":
                self._people_model = QStringListModel(self)
                completer = QCompleter(self._people_model, edit)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.setMaxVisibleItems(COMPLETER_ROWS)
                completer.setModelSorting(QCompleter.ModelSorting.CaseInsensitivelySortedModel)
                edit.setCompleter(completer)
                self.introduced_by_completer = completer
                edit.installEventFilter(self)
            editor = edit
        editor.setObjectName(f"edit_{key}")
        self._editors[key] = editor
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        introducer = self._editors.get("introduced_by")
        if event.type() == QEvent.Type.FocusIn and watched is introducer and not self._people:
            self.people_needed.emit()
        return super().eventFilter(watched, event)

    # -- what it shows ----------------------------------------------------------------------------

    def clear(self) -> None:
        """Show the hint that asks for a selection."""
        self.contact_id = None
        self.contact = None
        self._stack.setCurrentIndex(0)

    def show_detail(self, detail: ContactDetail, today: date) -> None:
        """Show one contact and what belongs to it (errors of another contact are cleared)."""
        contact = detail.contact
        if contact.id != self.contact_id:
            self.clear_errors()
        same = contact == self.contact and (detail.introduced_by or "") == self._introducer_name
        self.contact_id = contact.id
        self.contact = contact
        self._introducer_name = detail.introduced_by or ""
        if not same:  # a follow-up or interaction of the shown contact: only its lists change
            self._show_fields(contact)
        self._fill(
            self._follow_ups_box,
            [self._follow_up_text(item, today) for item in detail.follow_ups],
            self.tr("No follow-ups."),
        )
        self._fill(
            self._timeline_box,
            [self._interaction_text(item) for item in detail.interactions],
            self.tr("Nothing logged yet."),
        )
        self._stack.setCurrentIndex(1)

    def _show_fields(self, contact: Contact) -> None:
        self.name_label.setText(isolate(contact.display_name) or self.tr("(no name)"))
        self.headline_label.setText(
            " · ".join(isolate(part) for part in (contact.position, contact.company) if part)
        )
        self.headline_label.setVisible(bool(contact.position or contact.company))
        self._open_link_button.setEnabled(_web_url(contact.linkedin_url))
        self.set_values(contact, self._introducer_name)

    def set_values(self, contact: Contact, introducer: str) -> None:
        """Put a contact's values in the editors (without signalling edits)."""
        texts = {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "display_name": contact.display_name,
            "emails": LIST_SEPARATOR.join(contact.emails),
            "phones": LIST_SEPARATOR.join(contact.phones),
            "company": contact.company,
            "position": contact.position,
            "location": contact.location,
            "linkedin": contact.linkedin_url,
            "connected_on": _day(contact.connected_on),
            "tags": LIST_SEPARATOR.join(t for t in contact.tags if t != _OPEN_NETWORKER_TAG),
            "introduced_by": introducer,
        }
        for key, text in texts.items():
            edit = self._editors[key]
            assert isinstance(edit, QLineEdit)
            if edit.text() != text:
                edit.setText(text)
                edit.setCursorPosition(0)
        degree = self._editors["degree"]
        assert isinstance(degree, QComboBox)
        degree.setCurrentIndex(max(0, degree.findData(contact.degree)))
        cadence = self._editors["cadence"]
        assert isinstance(cadence, QSpinBox)
        cadence.setValue(contact.cadence_days or 0)
        notes = self._editors["notes"]
        assert isinstance(notes, QPlainTextEdit)
        if notes.toPlainText() != contact.notes:
            notes.setPlainText(contact.notes)
        check = self._editors["open_networker"]
        assert isinstance(check, QCheckBox)
        check.setChecked(contact.open_networker)
        self.open_networker_reason.setText(self._open_networker_text(contact))
        for key, text in (
            ("next_follow_up", _day(contact.next_follow_up)),
            ("last_contacted", _day(contact.last_contacted)),
            ("source", contact.source),
        ):
            self._set_field(key, text)

    def set_tag_names(self, names: Sequence[str]) -> None:
        """The tags the tag editor completes."""
        self._tag_model.setStringList([n for n in names if n != _OPEN_NETWORKER_TAG])

    def set_people(self, people: Sequence[tuple[int, str, str]]) -> None:
        """The (id, display name, company) of everyone introduced-by completes.

        Equal names are told apart by their company (and, failing that, their number), so each entry
        names one person.
        """
        from collections import Counter

        seen = Counter(name for _cid, name, _company in people if name)
        found: dict[str, int] = {}
        for contact_id, name, company in people:
            if not name:
                continue
            if seen[name] > 1:
                name = f"{name} ({company})" if company else name
                if name in found:
                    name = f"{name} #{contact_id}"
            found.setdefault(name, contact_id)
        self._people = found
        self._people_model.setStringList(sorted(found, key=str.casefold))

    def editor(self, key: str) -> QWidget:
        """The editor of one of FIELD_KEYS (for tests and for moving focus)."""
        return self._editors[key]

    def field_text(self, key: str) -> str:
        """What one of FIELD_KEYS shows, as text (an editor's value or a label's text)."""
        widget = self._editors.get(key) if key != "open_networker" else None
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QSpinBox):
            return widget.text()
        return self._fields[key].text()

    def field_label(self, key: str) -> QLabel:
        """The label showing a read-only row (next_follow_up, last_contacted, source, open_networker)."""
        return self._fields[key]

    def error_label(self, key: str) -> QLabel:
        """The label under a field that says why its value was refused."""
        return self._errors[key]

    def show_error(self, field: str, message: str) -> str:
        """Say next to a field why its value was refused; returns the key of the field that shows it."""
        key = ERROR_KEYS.get(field, field)
        if key not in self._errors:
            key = "first_name"
        label = self._errors[key]
        label.setText(message)
        label.show()
        editor = self._editors.get(key)
        if editor is not None:
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return key

    def clear_errors(self, key: str | None = None) -> None:
        """Hide the refusals (of one field, or all)."""
        for name, label in self._errors.items():
            if key is None or name == key:
                label.clear()
                label.hide()

    def section_labels(self) -> list[QLabel]:
        """The labels of the follow-up and timeline sections, in order."""
        labels: list[QLabel] = []
        for box in (self._follow_ups_box, self._timeline_box):
            for i in range(box.count()):
                item = box.itemAt(i)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    labels.append(widget)
        return labels

    def open_linkedin(self) -> bool:
        """Open the contact's LinkedIn profile in the browser (only http and https links ever open)."""
        url = self.contact.linkedin_url if self.contact is not None else ""
        return _web_url(url) and open_link(url)

    def refresh_icons(self) -> None:
        """Draw the buttons' icons again in the palette's colours."""
        self._open_link_button.setIcon(icon("open_link"))
        self.log_button.setIcon(icon("log"))
        self.follow_up_button.setIcon(icon("add_follow_up"))

    def set_editable(self, editable: bool) -> None:
        """Let the user edit, or only read (a contact in the trash is restored before it is edited)."""
        self.log_button.setEnabled(editable)
        self.follow_up_button.setEnabled(editable)
        for editor in self._editors.values():
            if isinstance(editor, (QLineEdit, QPlainTextEdit)):
                editor.setReadOnly(not editable)
            else:
                editor.setEnabled(editable)

    def focus_first_field(self) -> None:
        """Move the keyboard into the form."""
        self._editors["first_name"].setFocus(Qt.FocusReason.TabFocusReason)

    # -- committing -------------------------------------------------------------------------------

    def _commit(self, key: str) -> None:
        """Tell the window about a changed value; a value the pane can check itself is refused here."""
        contact = self.contact
        if contact is None:
            return
        editor = self._editors[key]
        if key == "tags" and isinstance(editor, QLineEdit):
            typed = [t.strip() for t in editor.text().split(",") if t.strip()]
            old = [t for t in contact.tags if t != _OPEN_NETWORKER_TAG]
            folded_old = {t.casefold() for t in old}
            folded_new = {t.casefold() for t in typed}
            added = [t for t in typed if t.casefold() not in folded_old]
            removed = [t for t in old if t.casefold() not in folded_new]
            if added or removed:
                self.clear_errors(key)
                self.tags_edited.emit(added, removed)
            return
        value: Any
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QSpinBox):
            value = editor.value() or None
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        elif isinstance(editor, QLineEdit):
            text = editor.text().strip()
            if key in ("emails", "phones"):
                value = tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())
            elif key == "connected_on":
                try:
                    value = date.fromisoformat(text) if text else None
                except ValueError:
                    self.show_error(key, self.tr("Write the date as YYYY-MM-DD, for example 2024-03-31."))
                    return
            elif key == "introduced_by":
                if not text:
                    value = None
                elif text == self._introducer_name:
                    return
                else:
                    if not self._people:
                        self.people_needed.emit()
                    found = self._people.get(text)
                    if found is None:
                        lowered = {name.casefold(): cid for name, cid in self._people.items()}
                        found = lowered.get(text.casefold())
                    if found is None:
                        self.show_error(key, self.tr("No contact is called that; pick a name from the list."))
                        return
                    value = found
            else:
                value = text
        else:
            return
        field = SERVICE_FIELDS[key]
        if _same(getattr(contact, field), value):
            self.clear_errors(key)
            return
        self.clear_errors(key)
        self.edited.emit(field, value)

    # -- helpers ----------------------------------------------------------------------------------

    def _open_networker_text(self, contact: Contact) -> str:
        if not contact.open_networker:
            return self.tr("no (you decided)") if contact.open_networker_verdict == "no" else ""
        if contact.open_networker_by == "user":
            return self.tr("marked by you")
        if contact.open_networker_reason:
            return self.tr("detected: %1").replace("%1", rules.plain_reason(contact.open_networker_reason))
        return self.tr("detected")

    def _follow_up_text(self, item: FollowUp, today: date) -> str:
        parts = [item.due.isoformat()]
        if item.due_time is not None:
            parts[0] += " " + item.due_time.strftime("%H:%M")
        parts.append(item.note or self.tr("(no note)"))
        if item.recurrence:
            parts.append(self.tr("repeats every %1").replace("%1", item.recurrence))
        if item.status == "done":
            parts.append(self.tr("done"))
        elif item.due < today:
            parts.append(self.tr("overdue"))
        elif item.status == "snoozed":
            parts.append(self.tr("snoozed"))
        return " · ".join(parts)

    def _interaction_text(self, item: Interaction) -> str:
        kinds = {
            "message": self.tr("Message"),
            "call": self.tr("Call"),
            "meeting": self.tr("Meeting"),
            "email": self.tr("E-mail"),
            "introduction": self.tr("Introduction"),
            "note": self.tr("Note"),
        }
        parts = [item.occurred_on.isoformat(), kinds.get(item.kind, item.kind)]
        if item.summary:
            parts.append(item.summary)
        return " · ".join(parts)

    def _set_field(self, key: str, text: str) -> None:
        label = self._fields[key]
        label.setText(isolate(text) or EMPTY)
        label.setForegroundRole(QPalette.ColorRole.WindowText if text else QPalette.ColorRole.PlaceholderText)

    def _fill(self, box: QVBoxLayout, lines: Sequence[str], empty: str) -> None:
        while box.count():
            item = box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for line in lines or [empty]:
            label = plain_label(line)
            label.setWordWrap(True)
            label.setMinimumWidth(1)
            if not lines:
                label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            box.addWidget(label)

    def _section_title(self, text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 12, 0, 2)
        return label


_OPEN_NETWORKER_TAG = "Open networker"  # its own toggle, not a tag to type


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, tuple) or isinstance(new, tuple):
        return tuple(old or ()) == tuple(new or ())
    return (old or None) == (new or None)


def _web_url(text: str) -> bool:
    url = safe_url(text)
    return url is not None and url.scheme().lower() in ("http", "https")


class _WrappedContent(QWidget):
    """The scrolled page: as tall as its wrapped labels need at its width.

    QScrollArea sizes its widget from size hints that assume unwrapped lines, which squeezed a wrapped
    value into one clipped line; asking the layout for its height at the actual width fixes that.
    """

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return handled

    def _fit(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(self.width())
            if height != self.minimumHeight():
                self.setMinimumHeight(height)


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""
