"""The import wizard: choose a file, map its columns, preview the plan, import in a worker, undo.

Every read, plan, import and undo runs in a worker (`run_in_worker`), so the window stays responsive; the
import itself is one transaction in the core, so Cancel rolls back everything. Data from the file is shown
as plain text throughout (item views never interpret HTML; labels are set to PlainText).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from netcrm.core.errors import Cancelled, FileRefusedError, NetcrmError
from netcrm.core.model import ParseResult
from netcrm.ui.plain_text import plain_label
from netcrm.ui.workers import Job, run_in_worker

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport
    from netcrm.core.services import Services

T = TypeVar("T")

FILE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, IMPORT_PAGE, REPORT_PAGE = range(5)
TABLE_FORMATS = ("csv", "xlsx")
MAPPINGS_GROUP = "importMappings"
LAST_FOLDER_KEY = "import/lastFolder"
MAX_LISTED = 1000  # rows listed in a preview table; the counts always cover everything
FILE_FILTER = "Contact files (*.csv *.tsv *.txt *.zip *.vcf *.vcard *.xlsx);;All files (*)"


def format_label(fmt: str) -> str:
    """What a detected format is called in the wizard."""
    return {
        "linkedin": "LinkedIn Connections.csv",
        "linkedin-zip": "LinkedIn data export (.zip)",
        "google": "Google Contacts CSV",
        "outlook": "Outlook CSV",
        "vcard": "vCard",
        "csv": "CSV table",
        "xlsx": "Excel workbook",
    }.get(fmt, fmt)


#: What a column can import as (netcrm.core.io.generic.FIELDS plus "ignore"), with the wizard's names.
FIELD_LABELS: dict[str, str] = {
    "ignore": "Not imported",
    "first_name": "First name",
    "last_name": "Last name",
    "name": "Full name (split into first and last)",
    "display_name": "Display name",
    "email": "E-mail",
    "phone": "Phone",
    "company": "Company",
    "position": "Position",
    "location": "Location",
    "linkedin_url": "LinkedIn URL",
    "connected_on": "Connected on",
    "notes": "Notes",
    "tags": "Tags",
}


def headers_key(headers: Sequence[str]) -> str:
    """The settings key of a header layout: a hash of the header names in order."""
    digest = hashlib.sha256(json.dumps(list(headers), ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{MAPPINGS_GROUP}/{digest[:24]}"


def guessed_mapping(headers: Sequence[str]) -> dict[str, str]:
    """The field netcrm would pick for each named column ("ignore" where it picks none)."""
    from netcrm.core.io.generic import guess_field

    mapping: dict[str, str] = {}
    for header in headers:
        if header.strip() and header not in mapping:
            field = guess_field(header)
            mapping[header] = field if field in FIELD_LABELS else "ignore"
    return mapping


def _rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count:,} rows"


def split_tags(text: str) -> list[str]:
    """Tags typed as a comma-separated list."""
    return [tag.strip() for tag in text.replace(";", ",").split(",") if tag.strip()]


@dataclass(frozen=True)
class ReadOutcome:
    """A file read in a worker: the parse result, and the worksheets of a workbook."""

    result: ParseResult
    sheets: tuple[str, ...] = ()
    unmapped: str = ""  # why netcrm could not read a table by itself: the user maps its columns first


@dataclass(frozen=True)
class Preview:
    """The dry run of an import, with names for the rows listed as possible duplicates."""

    report: ImportReport
    duplicates: tuple[tuple[int, str, str], ...]  # row, name in the file, name of the existing contact


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def _fill(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    shown = rows[:MAX_LISTED]
    table.setRowCount(len(shown))
    for r, values in enumerate(shown):
        for c, value in enumerate(values):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount() - 1):
        header.resizeSection(c, min(header.sectionSize(c), 260))


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(bar.fontMetrics().height())
    bar.hide()
    return bar


def _error_label() -> QLabel:
    label = plain_label()
    label.setObjectName("errorLabel")
    label.setWordWrap(True)
    label.setStyleSheet(
        "QLabel#errorLabel { color: palette(highlighted-text); background: #b3261e; padding: 6px;"
        " border-radius: 3px; }"
    )
    label.hide()
    return label


class _WorkerPage(QWizardPage):
    """A page that runs one job at a time; results of a job the page no longer waits for are dropped."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.job: Job | None = None
        self._generation = 0

    def busy(self) -> bool:
        return self.job is not None

    def start(
        self,
        fn: Callable[[Job], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None],
        progress: Callable[[int, int], None] | None = None,
        describe: str = "",
    ) -> None:
        """Run `fn` in a worker; a newer start makes an older job's result irrelevant.

        A `describe` text marks work that quitting must wait for or cancel (see ui/quit_guard.py).
        """
        if self.job is not None:
            self.job.cancel()
        self._generation += 1
        generation = self._generation

        def done(result: T) -> None:
            if generation == self._generation and not self.owner.closed:
                self.job = None
                on_done(result)
                self.completeChanged.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation and not self.owner.closed:
                self.job = None
                if not isinstance(error, NetcrmError):
                    raise error  # a bug: the crash reporter shows it
                on_error(error)
                self.completeChanged.emit()

        self.job = run_in_worker(fn, done, failed, progress, describe=describe)
        self.completeChanged.emit()

    def drop_job(self) -> None:
        """Forget the running job (a read-only one: it may finish, nobody listens)."""
        if self.job is not None:
            self.job.cancel()
            self.job = None
            self._generation += 1


class FilePage(_WorkerPage):
    """Page 1: which file; it is read at once, and its format, encoding and columns are shown."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(
            self.tr(
                "LinkedIn's Connections.csv or its whole data export (.zip), Google or Outlook contacts, "
                "vCards (.vcf), or any spreadsheet (.csv, .xlsx)."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setPlaceholderText(self.tr("Choose a file, or drop one on the main window"))
        self.path_edit.editingFinished.connect(self._path_typed)
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.setObjectName("chooseButton")
        self.choose_button.clicked.connect(self.choose)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)

        self.busy_bar = _busy_bar()
        self.format_label = plain_label()
        self.encoding_label = plain_label()
        self.rows_label = plain_label()
        self.columns_label = plain_label()
        self.columns_label.setWordWrap(True)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Format:"), self.format_label)
        form.addRow(self.tr("Encoding:"), self.encoding_label)
        form.addRow(self.tr("Rows:"), self.rows_label)
        form.addRow(self.tr("Columns:"), self.columns_label)
        self.details.hide()
        self.error_label = _error_label()
        self.note_label = plain_label()
        self.note_label.setObjectName("noteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.busy_bar)
        layout.addSpacing(8)
        layout.addWidget(self.details)
        layout.addWidget(self.error_label)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        self._last_path = ""

    def choose(self) -> None:
        """Ask for a file with the platform's dialog, starting in the folder of the last import."""
        folder = str(self.owner.settings.value(LAST_FOLDER_KEY, "") or "")
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import contacts"), folder or str(Path.home()), self.tr(FILE_FILTER)
        )
        if path:
            self.set_path(Path(path))

    def _path_typed(self) -> None:
        text = self.path_edit.text().strip()
        if text and text != self._last_path:
            self.set_path(Path(text).expanduser())

    def set_path(self, path: Path) -> None:
        """Read `path` in a worker (any earlier read is forgotten)."""
        self._last_path = str(path)
        self.path_edit.setText(str(path))
        self.owner.outcome = None
        self.owner.path = path
        self.owner.sheet = None
        self.owner.mapping = None
        self.owner.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
        self.error_label.hide()
        self.note_label.hide()
        self.details.hide()
        self.busy_bar.show()
        services = self.owner.services
        self.start(lambda _job: read_file(services, path), self._read, self._refused)

    def _read(self, outcome: ReadOutcome) -> None:
        self.busy_bar.hide()
        self.owner.outcome = outcome
        result = outcome.result
        self.format_label.setText(format_label(result.format))
        self.encoding_label.setText(result.encoding or "—")
        text = self.tr("%1 people").replace("%1", f"{len(result.rows):,}")
        if result.skipped:
            text += self.tr(", %1 will be skipped").replace("%1", _rows(len(result.skipped)))
        if result.hidden_members:
            text += self.tr(", %1 hidden members (a date and nothing else)").replace(
                "%1", f"{result.hidden_members:,}"
            )
        self.rows_label.setText(text)
        self.columns_label.setText(", ".join(h for h in result.headers if h) or "—")
        self.details.show()
        if outcome.unmapped:
            self.rows_label.setText(self.tr("not read yet"))
            self.note_label.setText(
                message_of(outcome.unmapped) + "\n" + self.tr("Say what the columns hold on the next page.")
            )
            self.note_label.show()

    def _refused(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.owner.outcome = None
        self.error_label.setText(message_of(error))
        self.error_label.show()

    def isComplete(self) -> bool:
        return not self.busy() and self.owner.outcome is not None

    def nextId(self) -> int:
        outcome = self.owner.outcome
        if outcome is not None and outcome.result.format in TABLE_FORMATS:
            return MAPPING_PAGE
        return PREVIEW_PAGE


_NO_HEADER = "no header row naming"


def _first_row(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """The encoding and first record of a CSV file (None for anything else)."""
    from netcrm.core.io.csv_reader import CsvReader, sniff_delimiter
    from netcrm.core.io.readers import load
    from netcrm.core.io.sniff import sniff

    fmt, text, encoding = sniff(load(path), str(path))
    if fmt != "csv" or text is None:
        return None
    first = CsvReader(text, str(path), sniff_delimiter(text), preview=True).peek(1)
    return (encoding, tuple(first[0][1])) if first else None


def message_of(error: BaseException | str) -> str:
    """An error's one-line message, without the command-line advice (the wizard has its own way)."""
    text = str(error)
    for advice in ("; use --map COLUMN=FIELD", "; name one with --map COLUMN=FIELD"):
        text = text.replace(advice, "")
    return text


def read_file(
    services: Services,
    path: Path,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
) -> ReadOutcome:
    """Parse a file, and list a workbook's sheets (runs in a worker).

    A CSV whose columns netcrm cannot name comes back `unmapped`, with its first row as the headers, so that
    the user can say what the columns hold (what ``--map`` does on the command line).
    """
    try:
        result = services.read_import(path, format=format, mapping=mapping, sheet=sheet)
    except FileRefusedError as error:
        if mapping or not error.reason.startswith(_NO_HEADER):
            raise
        headers = _first_row(path)
        if not headers:
            raise
        unmapped = ParseResult(str(path), "csv", headers[0], rows=(), headers=headers[1])
        return ReadOutcome(unmapped, unmapped=str(error))
    sheets: tuple[str, ...] = ()
    if result.format == "xlsx":
        from netcrm.core.io.readers import load
        from netcrm.core.io.xlsx import sheet_names

        sheets = tuple(sheet_names(load(path), str(path)))
    return ReadOutcome(result, sheets)


class MappingPage(_WorkerPage):
    """Page 2 (tables only): which field each column imports as, and which sheet of a workbook."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Say what each column holds. netcrm remembers your choice for files with the same columns."
            )
        )
        self.sheet_combo = QComboBox()
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_row = QWidget()
        sheet_layout = QHBoxLayout(self.sheet_row)
        sheet_layout.setContentsMargins(0, 0, 0, 0)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        sheet_layout.addWidget(sheet_label)
        sheet_layout.addWidget(self.sheet_combo, 1)
        self.table = _table([self.tr("Column in the file"), self.tr("Imports as")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.busy_bar = _busy_bar()
        self.status_label = plain_label()
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.error_label)
        self.combos: list[tuple[str, QComboBox]] = []
        self._shown_headers: tuple[str, ...] | None = None

    def initializePage(self) -> None:
        outcome = self.owner.outcome
        assert outcome is not None
        self._shown_headers = None  # the combos start from what this read used, never from an older file
        self.sheet_row.setVisible(bool(outcome.sheets))
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(outcome.sheets))
        if self.owner.sheet in outcome.sheets:
            self.sheet_combo.setCurrentText(self.owner.sheet)
        self._show(outcome, apply_remembered=True)

    def _show(self, outcome: ReadOutcome, *, apply_remembered: bool) -> None:
        """Fill the table for the outcome's headers; re-read when a remembered mapping differs from it."""
        result = outcome.result
        self.error_label.hide()
        if result.headers != self._shown_headers:
            self._build(result.headers)
        self._show_status(result)
        if apply_remembered:
            remembered = self.owner.remembered_mapping(result.headers)
            if remembered is not None and remembered != self.current_mapping():
                self.set_mapping(remembered)
                self._reread()

    def _build(self, headers: Sequence[str]) -> None:
        self._shown_headers = tuple(headers)
        guessed = guessed_mapping(headers)
        named = [h for h in dict.fromkeys(headers) if h.strip()]
        self.table.setRowCount(len(named))
        self.combos = []
        for row, header in enumerate(named):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            for field, label in FIELD_LABELS.items():
                combo.addItem(self.tr(label), field)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(header, "ignore"))))
            combo.activated.connect(self._reread)
            self.table.setCellWidget(row, 1, combo)
            self.combos.append((header, combo))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().resizeSection(0, max(self.table.columnWidth(0) + 24, 200))

    def current_mapping(self) -> dict[str, str]:
        """{column: field} as the combos show it."""
        return {header: str(combo.currentData()) for header, combo in self.combos}

    def set_mapping(self, mapping: dict[str, str]) -> None:
        """Show a mapping in the combos (columns it does not name keep their choice)."""
        for header, combo in self.combos:
            if header in mapping:
                index = combo.findData(mapping[header])
                if index >= 0:
                    combo.setCurrentIndex(index)

    def _sheet_chosen(self) -> None:
        self.owner.sheet = self.sheet_combo.currentText() or None
        self._shown_headers = None  # another sheet has other columns: guess them afresh
        self._read(mapping=None, then_apply_remembered=True)

    def _reread(self) -> None:
        self._read(mapping=self.current_mapping(), then_apply_remembered=False)

    def _read(self, *, mapping: dict[str, str] | None, then_apply_remembered: bool) -> None:
        outcome = self.owner.outcome
        path = self.owner.path
        assert outcome is not None and path is not None
        fmt = outcome.result.format
        sheet = self.owner.sheet if fmt == "xlsx" else None
        services = self.owner.services
        self.busy_bar.show()
        self.error_label.hide()

        def read(_job: Job) -> ReadOutcome:
            return read_file(services, path, format=fmt, mapping=mapping, sheet=sheet)

        def done(new: ReadOutcome) -> None:
            self.busy_bar.hide()
            self.owner.outcome = ReadOutcome(new.result, new.sheets or outcome.sheets)
            self.owner.mapping = mapping
            self._show(self.owner.outcome, apply_remembered=then_apply_remembered)

        self.owner.mapping_ok = False
        self.start(read, done, self._refused)

    def _show_status(self, result: ParseResult) -> None:
        outcome = self.owner.outcome
        if outcome is not None and outcome.unmapped:
            self.owner.mapping_ok = False
            self.status_label.setText(
                self.tr("Choose what the columns hold: at least a name, e-mail, phone or LinkedIn URL.")
            )
            return
        self.owner.mapping_ok = True
        text = self.tr("%1 people read").replace("%1", f"{len(result.rows):,}")
        if result.skipped:
            text += self.tr("; %1 will be skipped").replace("%1", _rows(len(result.skipped)))
        self.status_label.setText(text)

    def _refused(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.owner.mapping_ok = False
        self.status_label.clear()
        self.error_label.setText(message_of(error))
        self.error_label.show()

    def isComplete(self) -> bool:
        return not self.busy() and self.owner.mapping_ok

    def validatePage(self) -> bool:
        outcome = self.owner.outcome
        if outcome is not None:
            self.owner.remember_mapping(outcome.result.headers, self.current_mapping())
        return True


class PreviewPage(_WorkerPage):
    """Page 3: the dry run: counts, skipped rows, job changes, possible duplicates; tags; all or nothing."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("What the import will do. Nothing is written until you press Import."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.busy_bar = _busy_bar()
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
        self.error_label = _error_label()
        self.tabs = QTabWidget()
        self.skipped_table = _table([self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        self.warnings_table = _table([self.tr("Row"), self.tr("Column"), self.tr("Warning")])
        self.jobs_table = _table([self.tr("Contact"), self.tr("Field"), self.tr("Was"), self.tr("Now")])
        self.duplicates_table = _table(
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
        outcome = self.owner.outcome
        assert outcome is not None
        self.owner.preview = None
        for label in self.count_labels.values():
            label.setText("–")
        self.note_label.setText(self.tr("Comparing the file with your contacts…"))
        self.error_label.hide()
        self.busy_bar.show()
        services = self.owner.services
        result = outcome.result
        self.start(lambda _job: plan(services, result), self._planned, self._failed)

    def _planned(self, preview: Preview) -> None:
        self.busy_bar.hide()
        self.owner.preview = preview
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
        _fill(self.skipped_table, [(i.row, i.column or "", i.reason) for i in report.skipped])
        _fill(self.warnings_table, [(i.row, i.column or "", i.reason) for i in report.warnings])
        _fill(self.jobs_table, [(c.name, c.field, c.old, c.new) for c in report.job_changes])
        _fill(self.duplicates_table, list(preview.duplicates))
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
        self.error_label.setText(message_of(error))
        self.error_label.show()

    def _all_or_nothing_toggled(self) -> None:
        preview = self.owner.preview
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
        preview = self.owner.preview
        return preview is not None and self.all_or_nothing.isChecked() and bool(preview.report.skipped)

    def isComplete(self) -> bool:
        return not self.busy() and self.owner.preview is not None and not self.blocked_by_all_or_nothing()

    def validatePage(self) -> bool:
        self.owner.tags = split_tags(self.tags_edit.text())
        self.owner.all_or_nothing = self.all_or_nothing.isChecked()
        return True


def plan(services: Services, result: ParseResult) -> Preview:
    """The dry run, with names for possible duplicates (runs in a worker)."""
    report = services.plan_import(result)
    in_file = {
        row.row: row.display_name or " ".join(p for p in (row.first_name, row.last_name) if p)
        for row in result.rows
    }
    duplicates = []
    for row, contact_id in report.possible_duplicates[:MAX_LISTED]:
        try:
            existing = services.get_contact(contact_id).display_name
        except NetcrmError:
            existing = f"#{contact_id}"
        duplicates.append((row, in_file.get(row, ""), existing))
    return Preview(report, tuple(duplicates))


class ImportPage(_WorkerPage):
    """Page 4: the import, in a worker, with progress and Cancel (which rolls back everything)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Importing"))
        self.status_label = plain_label()
        self.status_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("importProgress")
        self.cancel_button = QPushButton(self.tr("&Cancel import"))
        self.cancel_button.setObjectName("cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QPushButton(self.tr("&Try again"))
        self.retry_button.setObjectName("retryButton")
        self.retry_button.clicked.connect(self.run)
        self.error_label = _error_label()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.run()

    def run(self) -> None:
        """Start (or restart) the import."""
        outcome = self.owner.outcome
        assert outcome is not None
        self.owner.report = None
        result = outcome.result
        self.status_label.setText(
            self.tr("Importing %1 people from %2…")
            .replace("%1", f"{len(result.rows):,}")
            .replace("%2", Path(result.path).name)
        )
        self.progress_bar.setRange(0, 0)
        self.error_label.hide()
        self.retry_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        services = self.owner.services
        tags, all_or_nothing = list(self.owner.tags), self.owner.all_or_nothing

        def work(job: Job) -> ImportReport:
            return services.apply_import(
                result, tags=tags, all_or_nothing=all_or_nothing, progress=job.report, cancel=job.is_cancelled
            )

        describe = self.tr("Importing %1").replace("%1", Path(result.path).name)
        self.start(work, self._imported, self._failed, self._progress, describe)

    def _progress(self, done: int, total: int) -> None:
        if self.job is None:
            return
        if 0 < total <= done:  # all written: the commit's disk sync has no steps to count, nor a way back
            self.progress_bar.setRange(0, 0)
            self.status_label.setText(self.tr("Saving…"))
            self.cancel_button.setEnabled(False)
            return
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))

    def cancel(self) -> None:
        """Ask the import to stop; the core rolls the whole transaction back."""
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.status_label.setText(self.tr("Cancelling…"))

    def _imported(self, report: ImportReport) -> None:
        self.owner.report = report
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.cancel_button.hide()
        if report.batch_id is not None:
            self.owner.imported.emit(report.batch_id)
        self.owner.next()

    def _failed(self, error: BaseException) -> None:
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.cancel_button.hide()
        self.retry_button.show()
        if isinstance(error, Cancelled):
            self.status_label.setText(self.tr("Import cancelled: nothing was imported."))
        else:
            self.status_label.setText(self.tr("Nothing was imported."))
            self.error_label.setText(str(error))
            self.error_label.show()

    def isComplete(self) -> bool:
        return self.owner.report is not None


class ReportPage(_WorkerPage):
    """Page 5: what the import did, with Undo import."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
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

        self.undo_panel = UndoImportPanel(wizard.services)
        self.undo_panel.busy_changed.connect(lambda _busy: self.completeChanged.emit())
        self.undo_panel.undone.connect(lambda undo: self.owner.undone.emit(undo.batch_id))
        self.undo_button = self.undo_panel.undo_button
        self.undo_label = self.undo_panel.label
        self.error_label = self.undo_panel.error_label
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.undo_panel)

    def initializePage(self) -> None:
        report = self.owner.report
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
                .replace("%4", _rows(len(report.skipped)))
            )
            if report.hidden_members:
                text += " " + self.tr("%1 hidden members (a date and nothing else) were left out.").replace(
                    "%1", f"{report.hidden_members:,}"
                )
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


class ImportWizard(QWizard):
    """Import a contacts file: file, columns, preview, import, report (with Undo import)."""

    imported = Signal(int)  # batch id: the window reloads
    undone = Signal(int)  # batch id of an import undone from the report page

    def __init__(
        self,
        services: Services,
        settings: QSettings,
        path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("Import contacts"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.services = services
        self.settings = settings
        self.closed = False
        self.path: Path | None = None
        self.outcome: ReadOutcome | None = None
        self.sheet: str | None = None
        self.mapping: dict[str, str] | None = None
        self.mapping_ok = False
        self.preview: Preview | None = None
        self.tags: list[str] = []
        self.all_or_nothing = False
        self.report: ImportReport | None = None
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.import_page = ImportPage(self)
        self.report_page = ReportPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.mapping_page, self.preview_page, self.import_page, self.report_page)
        ):
            self.setPage(page_id, page)
        self.resize(760, 560)
        if path is not None:
            self.file_page.set_path(path)

    def pages(self) -> list[_WorkerPage]:
        """Every page, in order."""
        return [self.file_page, self.mapping_page, self.preview_page, self.import_page, self.report_page]

    def busy(self) -> bool:
        """True while any page waits for its worker."""
        return any(page.busy() for page in self.pages())

    def remembered_mapping(self, headers: Sequence[str]) -> dict[str, str] | None:
        """The mapping the user chose last time for files with these columns."""
        raw = self.settings.value(headers_key(headers))
        if not isinstance(raw, str):
            return None
        try:
            loaded = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(loaded, dict):
            return None
        return {str(k): str(v) for k, v in loaded.items() if str(v) in FIELD_LABELS}

    def remember_mapping(self, headers: Sequence[str], mapping: dict[str, str]) -> None:
        """Keep a mapping for the next file with the same columns."""
        self.settings.setValue(headers_key(headers), json.dumps(mapping, ensure_ascii=False))

    def reject(self) -> None:
        """Closing during the import cancels it (the core rolls back) instead of leaving it running."""
        if self.import_page.busy():
            self.import_page.cancel()
            return
        if self.report_page.busy():
            self.report_page.undo_panel.cancel()  # Escape stops the undo; the core rolls it back
            return
        self._close_jobs()
        super().reject()

    def done(self, result: int) -> None:
        if self.import_page.busy() or self.report_page.busy():
            return
        self._close_jobs()
        super().done(result)

    def _close_jobs(self) -> None:
        self.closed = True
        for page in self.pages():
            page.drop_job()
