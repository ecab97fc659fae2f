"""Write to contacts with the pitch or a template: rendered per contact, copied, logged, followed up.

Templates are saved, edited (saved again under their name) and deleted here, as `netcrm-cli template` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netcrm.core.errors import NetcrmError
from netcrm.core.rules import normalize_name
from netcrm.ui.icons import icon

if TYPE_CHECKING:
    from netcrm.core.services import Services

DEFAULT_TEMPLATE = "Hi {first_name},\n\n{pitch}\n\nWould you have 15 minutes for a call in the coming weeks?"


class MessageDialog(QDialog):
    """Choose a template (or write one), see the message for the first contact, copy and log them all."""

    sent = Signal(int)  # how many messages were logged

    def __init__(self, services: Services, contact_ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageDialog")
        self.setWindowTitle(self.tr("Write a message"))
        self.services = services
        self.contact_ids = list(contact_ids)
        self.templates: dict[str, str] = {}
        self.template_box = QComboBox()
        self.template_box.setObjectName("templateBox")
        self.save_template_button = QPushButton(self.tr("&Save as template…"))
        self.save_template_button.setObjectName("saveTemplateButton")
        self.save_template_button.setToolTip(
            self.tr("Keep this text as a template (under its name: edit it)")
        )
        self.delete_template_button = QPushButton(self.tr("De&lete template"))
        self.delete_template_button.setObjectName("deleteTemplateButton")
        self.save_template_button.clicked.connect(self.save_template)
        self.delete_template_button.clicked.connect(self.delete_template)
        self._load_templates("")
        self.text = QPlainTextEdit(DEFAULT_TEMPLATE)
        self.text.setObjectName("templateText")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setReadOnly(True)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.log_box = QCheckBox(self.tr("Log as a message sent today"))
        self.log_box.setChecked(True)
        self.follow_up_days = QSpinBox()
        self.follow_up_days.setRange(0, 365)
        self.follow_up_days.setValue(7)
        self.follow_up_days.setSpecialValueText(self.tr("no follow-up"))
        self.follow_up_days.setSuffix(self.tr(" days"))
        form = QFormLayout()
        chooser = QHBoxLayout()
        chooser.addWidget(self.template_box, 1)
        chooser.addWidget(self.save_template_button)
        chooser.addWidget(self.delete_template_button)
        form.addRow(self.tr("Template:"), chooser)
        form.addRow(self.tr("Text:"), self.text)
        form.addRow(self.tr("Preview:"), self.preview)
        form.addRow("", self.problem)
        form.addRow("", self.log_box)
        form.addRow(self.tr("Follow up after:"), self.follow_up_days)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.copy_button = QPushButton(icon("copy"), self.tr("&Copy and log"))
        self.copy_button.setObjectName("copyButton")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.copy_button.clicked.connect(self.copy_and_log)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr(
                "Placeholders: {first_name} {last_name} {display_name} {company} {position} {location} "
                "{pitch}. "
                "Your pitch is set in Preferences or with netcrm-cli pitch --set."
            )
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.template_box.currentIndexChanged.connect(self._template_chosen)
        self.text.textChanged.connect(self.update_preview)
        self.resize(640, 560)
        self.update_preview()

    def _load_templates(self, chosen: str) -> None:
        """Fill the template box from the database and choose `chosen` ("" for your own text)."""
        self.templates = self.services.list_templates()
        self.template_box.blockSignals(True)
        self.template_box.clear()
        self.template_box.addItem(self.tr("Your own text"), "")
        for name in sorted(self.templates, key=str.casefold):
            self.template_box.addItem(name, name)
        self.template_box.setCurrentIndex(max(0, self.template_box.findData(chosen)))
        self.template_box.blockSignals(False)
        self.delete_template_button.setEnabled(bool(self.template_box.currentData()))

    def _template_chosen(self) -> None:
        name = self.template_box.currentData()
        if name:
            self.text.setPlainText(self.templates[name])
        self.delete_template_button.setEnabled(bool(name))

    def ask_template_name(self, suggested: str) -> str | None:
        """Ask under which name to keep the text."""
        name, accepted = QInputDialog.getText(
            self, self.tr("Save as template"), self.tr("Template name:"), text=suggested
        )
        return name.strip() or None if accepted else None

    def save_template(self) -> bool:
        """Keep the text as a template (a bad placeholder is refused with the reason)."""
        name = self.ask_template_name(str(self.template_box.currentData() or ""))
        if name is None:
            return False
        try:
            self.services.set_template(name, self.template())
        except NetcrmError as error:
            self.problem.setText(str(error))
            return False
        saved = normalize_name(name)  # the name the services keep it under
        self._load_templates(saved)
        self.problem.setText(self.tr("Saved as template “%1”.").replace("%1", saved))
        return True

    def delete_template(self) -> bool:
        """Delete the chosen template after asking."""
        name = str(self.template_box.currentData() or "")
        if not name:
            return False
        answer = QMessageBox.question(
            self, self.tr("Delete template"), self.tr("Delete the template “%1”?").replace("%1", name)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.services.set_template(name, None)
        except NetcrmError as error:
            self.problem.setText(str(error))
            return False
        self._load_templates("")
        return True

    def template(self) -> str:
        """The text being rendered."""
        return self.text.toPlainText()

    def update_preview(self) -> bool:
        """Render for the first contact; a bad placeholder is reported and nothing can be sent."""
        try:
            rendered = self.services.render_message(self.template(), self.contact_ids[:1])
        except NetcrmError as error:
            self.problem.setText(str(error))
            self.preview.setPlainText("")
            self.copy_button.setEnabled(False)
            return False
        self.problem.setText(
            self.tr("%1 messages will be copied, one after the other.").replace(
                "%1", str(len(self.contact_ids))
            )
            if len(self.contact_ids) > 1
            else ""
        )
        self.preview.setPlainText(rendered[0][1] if rendered else "")
        self.copy_button.setEnabled(True)
        return True

    def copy_and_log(self) -> None:
        """Copy every rendered message to the clipboard; log each and add the follow-ups if asked."""
        if not self.update_preview():
            return
        days = self.follow_up_days.value() or None
        try:
            if self.log_box.isChecked():
                rendered = self.services.send_message(
                    self.template(), self.contact_ids, follow_up_in_days=days
                )
            else:
                rendered = self.services.render_message(self.template(), self.contact_ids)
        except NetcrmError as error:
            self.problem.setText(str(error))
            return
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText("\n\n---\n\n".join(text for _cid, text in rendered))
        self.sent.emit(len(rendered) if self.log_box.isChecked() else 0)
        self.accept()
