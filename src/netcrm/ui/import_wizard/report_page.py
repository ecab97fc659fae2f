"""The wizard's last page: what the import did, with Undo import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout

from netcrm.ui.import_wizard.state import MAX_LISTED, ImportState, format_label, rows_text
from netcrm.ui.import_wizard.widgets import WorkerPage
from netcrm.ui.plain_text import plain_label

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport


class ReportPage(WorkerPage):
    """Page 5: what the import did, with Undo import."""

    def __init__(self, state: ImportState) -> None:
        super().__init__(state)
        self.setTitle(self.tr("Import finished"))
        self.setFinalPage(True)
        self.summary_label = plain_label()
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("reportDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        from netcrm.ui.undo_import import UndoImportPanel

        self.undo_panel = UndoImportPanel(state.services)
        self.undo_panel.busy_changed.connect(lambda _busy: self.completeChanged.emit())
        self.undo_panel.undone.connect(lambda undo: self.state.undone.emit(undo.batch_id))
        self.undo_button = self.undo_panel.undo_button
        self.undo_label = self.undo_panel.label
        self.error_label = self.undo_panel.error_label
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.undo_panel)

    def initializePage(self) -> None:
        report = self.state.report
        assert report is not None
        self.setSubTitle(
            self.tr("From %1 (%2).")
            .replace("%1", Path(report.path).name)
            .replace("%2", format_label(report.format))
        )
        counts = report.counts
        if report.batch_id is None:
            self.summary_label.setText(
                self.tr("Nothing new: everyone in %1 is already in netcrm as it is.").replace(
                    "%1", Path(report.path).name
                )
            )
        else:
            text = (
                self.tr("Created %1 new contacts, updated %2, left %3 unchanged; %4 skipped.")
                .replace("%1", f"{counts.get('created', 0):,}")
                .replace("%2", f"{counts.get('updated', 0):,}")
                .replace("%3", f"{counts.get('unchanged', 0):,}")
                .replace("%4", rows_text(len(report.skipped)))
            )
            if report.hidden_members:
                text += " " + self.tr("%1 hidden members (a date and nothing else) were left out.").replace(
                    "%1", f"{report.hidden_members:,}"
                )
            if any(report.added.values()):
                text += " " + self.tr("Added %1 follow-ups and %2 interactions from its columns.").replace(
                    "%1", f"{report.added['follow_ups']:,}"
                ).replace("%2", f"{report.added['interactions']:,}")
            self.summary_label.setText(text)
        self.details.setPlainText("\n".join(self._detail_lines(report)))
        self.undo_panel.set_batch(
            report.batch_id,
            Path(report.path).name,
            self.tr("Changed your mind? Undo removes what this import created and reverts what it changed.")
            if report.batch_id is not None
            else "",
        )

    def busy(self) -> bool:
        return self.undo_panel.busy()

    def isComplete(self) -> bool:
        return not self.undo_panel.busy()  # Finish waits for the undo (Escape cancels it)

    def _detail_lines(self, report: ImportReport) -> list[str]:
        from netcrm.core.import_service import describe_issues

        lines: list[str] = []
        if report.batch_id is not None:
            lines.append(self.tr("Import batch %1").replace("%1", str(report.batch_id)))
        if report.open_networkers:
            lines.append(
                self.tr("%1 open networkers detected and tagged").replace("%1", f"{report.open_networkers:,}")
            )
        if report.job_changes:
            lines.append("")
            lines.append(self.tr("Job changes (the old value is kept in each contact's history):"))
            lines.extend(f"  {c.name}: {c.field} {c.old} → {c.new}" for c in report.job_changes[:MAX_LISTED])
        if report.kept_edits:
            lines.append("")
            lines.append(
                self.tr("%1 fields you edited were kept as you left them.").replace(
                    "%1", f"{len(report.kept_edits):,}"
                )
            )
        if report.possible_duplicates:
            lines.append(
                self.tr("%1 possible duplicates (same name and company) to review.").replace(
                    "%1", f"{len(report.possible_duplicates):,}"
                )
            )
        if report.skipped:
            lines.append("")
            lines.append(self.tr("Skipped rows:"))
            name = Path(report.path).name
            lines.extend(f"  {line}" for line in describe_issues(report.skipped, name, limit=MAX_LISTED))
        if report.warnings:
            lines.append("")
            lines.append(self.tr("Warnings:"))
            name = Path(report.path).name
            lines.extend(f"  {line}" for line in describe_issues(report.warnings, name, limit=MAX_LISTED))
        return lines

    def undo(self) -> None:
        """Undo the whole batch in a worker, with progress and Cancel."""
        self.undo_panel.undo()
