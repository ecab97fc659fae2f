"""The wizard's preview page: the dry run's counts, skipped rows, job changes and possible duplicates;
tags for everyone; all or nothing. Nothing is written until Import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWizard,
)

from netcrm.ui.import_wizard.state import ImportState, Preview, format_label, plan, split_tags
from netcrm.ui.import_wizard.widgets import (
    WorkerPage,
    fill_table,
    make_busy_bar,
    make_error_label,
    make_table,
)
from netcrm.ui.plain_text import plain_label


class PreviewPage(WorkerPage):
    """Page 3: the dry run: counts, skipped rows, job changes, possible duplicates; tags; all or nothing."""

    def __init__(self, state: ImportState) -> None:
        super().__init__(state)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("What the import will do. Nothing is written until you press Import."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.busy_bar = make_busy_bar()
        self.count_labels: dict[str, QLabel] = {}
        counts = QGridLayout()
        captions = (
            ("created", self.tr("new")),
            ("updated", self.tr("updated")),
            ("unchanged", self.tr("unchanged")),
            ("skipped", self.tr("skipped")),
        )
        for column, (key, caption) in enumerate(captions):
            number = QLabel("–")
            number.setObjectName(f"count_{key}")
            font = QFont(number.font())
            font.setPointSizeF(font.pointSizeF() * 1.8)
            font.setBold(True)
            number.setFont(font)
            number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label = QLabel(caption)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            counts.addWidget(number, 0, column)
            counts.addWidget(label, 1, column)
            self.count_labels[key] = number
            self.skipped_caption = label  # the last one
        self.note_label = plain_label()
        self.note_label.setWordWrap(True)
        self.error_label = make_error_label()
        self.tabs = QTabWidget()
        self.skipped_table = make_table([self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        self.warnings_table = make_table([self.tr("Row"), self.tr("Column"), self.tr("Warning")])
        self.jobs_table = make_table([self.tr("Contact"), self.tr("Field"), self.tr("Was"), self.tr("Now")])
        self.duplicates_table = make_table(
            [self.tr("Row"), self.tr("In the file"), self.tr("Already in netcrm (same name and company)")]
        )
        for table in (self.skipped_table, self.warnings_table, self.jobs_table, self.duplicates_table):
            self.tabs.addTab(table, "")
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("tagsEdit")
        self.tags_edit.setPlaceholderText(self.tr("for example: linkedin, job fair 2025"))
        self.all_or_nothing = QCheckBox(
            self.tr("&All or nothing: import nothing if any row would be skipped")
        )
        self.all_or_nothing.setObjectName("allOrNothing")
        self.all_or_nothing.toggled.connect(self._all_or_nothing_toggled)
        form = QFormLayout()
        form.addRow(self.tr("Add &tags to everyone:"), self.tags_edit)
        form.addRow("", self.all_or_nothing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.busy_bar)
        layout.addLayout(counts)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(form)

    def initializePage(self) -> None:
        outcome = self.state.outcome
        assert outcome is not None
        self.state.preview = None
        for label in self.count_labels.values():
            label.setText("–")
        self.note_label.setText(self.tr("Comparing the file with your contacts…"))
        self.error_label.hide()
        self.busy_bar.show()
        services = self.state.services
        result = outcome.result
        self.start(lambda _job: plan(services, result), self._planned, self._failed)

    def _planned(self, preview: Preview) -> None:
        self.busy_bar.hide()
        self.state.preview = preview
        report = preview.report
        for key, label in self.count_labels.items():
            label.setText(f"{report.counts.get(key, 0):,}")
        self.skipped_caption.setText(
            self.tr("skipped (%1 hidden members)").replace("%1", f"{report.hidden_members:,}")
            if report.hidden_members
            else self.tr("skipped")
        )
        notes = [
            self.tr("From %1 (%2).")
            .replace("%1", Path(report.path).name)
            .replace("%2", format_label(report.format))
        ]
        if report.hidden_members:
            notes.append(
                self.tr("%1 hidden members (a date and nothing else) are left out.").replace(
                    "%1", f"{report.hidden_members:,}"
                )
            )
        if report.merged_rows:
            notes.append(
                self.tr("%1 groups of rows are the same person and become one contact each.").replace(
                    "%1", f"{len(report.merged_rows):,}"
                )
            )
        if report.changed_nothing:
            notes.append(
                self.tr("Everyone in this file is already in netcrm as it is: importing changes nothing.")
            )
        self.note_label.setText(" ".join(notes))
        fill_table(self.skipped_table, [(i.row, i.column or "", i.reason) for i in report.skipped])
        fill_table(self.warnings_table, [(i.row, i.column or "", i.reason) for i in report.warnings])
        fill_table(self.jobs_table, [(c.name, c.field, c.old, c.new) for c in report.job_changes])
        fill_table(self.duplicates_table, list(preview.duplicates))
        for index, (title, count) in enumerate(
            (
                (self.tr("Skipped rows"), len(report.skipped)),
                (self.tr("Warnings"), len(report.warnings)),
                (self.tr("Job changes"), len(report.job_changes)),
                (self.tr("Possible duplicates"), len(preview.duplicates)),
            )
        ):
            self.tabs.setTabText(index, f"{title} ({count:,})")
            self.tabs.setTabEnabled(index, count > 0)
        first = next((i for i in range(self.tabs.count()) if self.tabs.isTabEnabled(i)), 0)
        self.tabs.setCurrentIndex(first)
        self._all_or_nothing_toggled()

    def _failed(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.note_label.clear()
        self.error_label.setText(str(error))
        self.error_label.show()

    def _all_or_nothing_toggled(self) -> None:
        preview = self.state.preview
        blocked = self.blocked_by_all_or_nothing()
        if blocked and preview is not None:
            self.error_label.setText(
                self.tr("All or nothing: %1 rows would be skipped, so nothing can be imported.").replace(
                    "%1", f"{len(preview.report.skipped):,}"
                )
            )
            self.error_label.show()
        elif preview is not None:
            self.error_label.hide()
        self.completeChanged.emit()

    def blocked_by_all_or_nothing(self) -> bool:
        """True when all-or-nothing is asked for and some rows would be skipped."""
        preview = self.state.preview
        return preview is not None and self.all_or_nothing.isChecked() and bool(preview.report.skipped)

    def isComplete(self) -> bool:
        return not self.busy() and self.state.preview is not None and not self.blocked_by_all_or_nothing()

    def validatePage(self) -> bool:
        self.state.tags = split_tags(self.tags_edit.text())
        self.state.all_or_nothing = self.all_or_nothing.isChecked()
        return True
