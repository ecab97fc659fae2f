"""The import wizard's state and its calls into the services: no widgets here.

Every call runs in a worker. A read is one pass over the file (the core hashes the bytes it parses and
lists a workbook's sheets); a table netcrm cannot read by itself comes back as MappingNeeded, whose columns
the mapping page offers. The wizard never reads a file itself, nor imports `core.io`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from netcrm.core.errors import MappingNeeded
from netcrm.core.model import ParseResult

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport
    from netcrm.core.services import Services

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


#: What a column can import as (the core's table fields plus "ignore"), with the wizard's names.
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
    "headed_note": "Notes, headed by the column name",
    "follow_up": "Next follow-up (a follow-up that day)",
    "last_contacted": "Last contacted (a note that day)",
    "tags": "Tags",
}


def headers_key(headers: Sequence[str]) -> str:
    """The settings key of a header layout: a hash of the header names in order."""
    digest = hashlib.sha256(json.dumps(list(headers), ensure_ascii=False).encode("utf-8")).hexdigest()
    return f"{MAPPINGS_GROUP}/{digest[:24]}"


def guessed_mapping(headers: Sequence[str], fields: Sequence[str]) -> dict[str, str]:
    """The field the core read each named column as ("ignore" where it picked none)."""
    mapping: dict[str, str] = {}
    for header, field in zip(headers, fields, strict=False):
        if header.strip() and header not in mapping:
            mapping[header] = field if field in FIELD_LABELS else "ignore"
    for header in headers:  # a result without fields (never from a table reader) guesses nothing
        if header.strip():
            mapping.setdefault(header, "ignore")
    return mapping


def rows_text(count: int) -> str:
    return "1 row" if count == 1 else f"{count:,} rows"


def split_tags(text: str) -> list[str]:
    """Tags typed as a comma-separated list."""
    return [tag.strip() for tag in text.replace(";", ",").split(",") if tag.strip()]


@dataclass(frozen=True)
class ReadOutcome:
    """A file read in a worker; `needed` says why netcrm could not read a table by itself (map it first)."""

    result: ParseResult  # for a MappingNeeded: no rows, the candidate columns as headers
    needed: MappingNeeded | None = None

    @property
    def sheets(self) -> tuple[str, ...]:
        """A workbook's worksheets (empty for anything else)."""
        return self.result.sheets


@dataclass(frozen=True)
class Preview:
    """The dry run of an import, with names for the rows listed as possible duplicates."""

    report: ImportReport
    duplicates: tuple[tuple[int, str, str], ...]  # row, name in the file, name of the existing contact


def read_outcome(
    services: Services,
    path: Path,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
) -> ReadOutcome:
    """Parse a file (runs in a worker). A table whose columns netcrm cannot name comes back with `needed`
    set and its candidate columns as headers, so that the user can say what they hold."""
    try:
        return ReadOutcome(services.read_import(path, format=format, mapping=mapping, sheet=sheet))
    except MappingNeeded as needed:
        if mapping:
            raise  # the user's own mapping names no identifying column: the page says so
        shown = ParseResult(
            needed.path,
            needed.format,
            needed.encoding,
            rows=(),
            headers=needed.columns,
            fields=needed.fields,
            sheets=needed.sheets,
        )
        return ReadOutcome(shown, needed)


def plan(services: Services, result: ParseResult) -> Preview:
    """The dry run, with the names of possible duplicates the plan read in its transaction (a worker)."""
    report = services.plan_import(result)
    in_file = {
        row.row: row.display_name or " ".join(p for p in (row.first_name, row.last_name) if p)
        for row in result.rows
    }
    duplicates = tuple(
        (row, in_file.get(row, ""), report.duplicate_names.get(contact_id) or f"#{contact_id}")
        for row, contact_id in report.possible_duplicates[:MAX_LISTED]
    )
    return Preview(report, duplicates)


class ImportState(QObject):
    """What the pages share: the services, the file, its read, the choices made, the report."""

    imported = Signal(int)  # batch id: the window reloads
    undone = Signal(int)  # batch id of an import undone from the report page

    def __init__(self, services: Services, settings: QSettings) -> None:
        super().__init__()
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
