"""Export contacts to an .xlsx workbook that looks made by hand, streamed with openpyxl's write-only mode.

Sheets: Contacts (every field, see `CONTACT_HEADERS`), one sheet per tag on request, Follow-ups, Interactions,
Tags and About. Each sheet has a bold filled header row that stays frozen, an autofilter, column widths fitted
to a sample of the first rows (capped), wrapped notes, real dates formatted ``yyyy-mm-dd``, and e-mails and
LinkedIn URLs as working links while the sheet holds fewer than Excel's 65,530 hyperlinks (plain text after).

Safety rules (RELIABILITY.md M8, test 29):
- Never a formula: every string is written as a string cell (``t="inlineStr"``) with its type set explicitly,
  never inferred, so ``=HYPERLINK(…)`` or ``#N/A`` from data is text in Excel and LibreOffice.
- Characters XML cannot carry (C0 controls other than tab, LF and CR, lone surrogates, U+FFFE/U+FFFF) are
  removed, and text is cut at Excel's 32,767 characters per cell. Nothing is lost silently: the About sheet
  counts the cells concerned and `on_notice` is told.

How it stays within the budget (1.25x the bare openpyxl write-only floor, faster than LibreOffice, 200 MiB at
100k contacts): openpyxl writes the package, the styles and each sheet's frame, but the rows are formatted as
XML here (`_RowWriter`: the same XML openpyxl writes, without a Cell and an lxml element per cell, which cost
90% of the time) and put in openpyxl's sheet stream; styles are built once and shared. Hyperlinks are kept as
a cell number in an array and a target spooled to an anonymous temporary file, then streamed into the sheet
and its relationships part, instead of two openpyxl objects and two XML trees per link (about 1 KiB each,
and a sheet can hold 65,530). These hooks use openpyxl internals (WorksheetWriter.get_stream/write_rows,
ExcelWriter, 3.1.x); the tests read every feature back, so an openpyxl upgrade that changes them fails loudly.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import unicodedata
from array import array
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from itertools import chain, islice
from types import SimpleNamespace
from typing import IO, Any
from xml.sax.saxutils import escape
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell._writer import etree_write_cell
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.packaging.relationship import RelationshipList, get_rels_path
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import PKG_REL_NS, REL_NS, SHEET_MAIN_NS
from openpyxl.xml.functions import tostring, xmlfile

import netcrm
from netcrm.core.atomic import atomic_file
from netcrm.core.errors import BadInputError
from netcrm.core.io.export_common import (
    CONTACT_HEADERS,
    LIST_SEPARATOR,
    NO,
    PROGRESS_EVERY,
    XML_ILLEGAL_RE,
    YES,
    CancelFn,
    ContactRecord,
    ProgressFn,
    Ticker,
    guess_total,
    link_target,
    mailto_target,
)
from netcrm.core.model import FollowUp, Interaction, Tag

__all__ = ["MAX_CELL_CHARS", "MAX_LINKS_PER_SHEET", "sanitize_sheet_title", "write_xlsx"]

#: Excel drops hyperlinks beyond this count per sheet (and reports the file as damaged).
MAX_LINKS_PER_SHEET = 65_530
#: Excel's rows per sheet, less the header row.
MAX_DATA_ROWS = 1_048_575
#: Excel's limit on the text of one cell.
MAX_CELL_CHARS = 32_767
#: Rows read ahead to fit the column widths, before anything is written (the rest streams).
WIDTH_SAMPLE_ROWS = 500
MAX_COLUMN_WIDTH = 50
_DATE_WIDTH = 12
#: Sheet names Excel refuses or reserves; compared casefolded.
_RESERVED_TITLES = frozenset({"history"})
_TITLE_FORBIDDEN = str.maketrans({ch: "_" for ch in "[]:*?/\\"})
_MAX_TITLE = 31

# Column indexes (0-based) in CONTACT_HEADERS that get special cells.
_COL_EMAILS = 3
_COL_URL = 8
_COL_NOTES = 15
_LETTER_EMAILS = get_column_letter(_COL_EMAILS + 1)
_LETTER_URL = get_column_letter(_COL_URL + 1)

_FOLLOW_UP_HEADERS = ("Contact", "Due", "Note", "Recurrence", "Status")
_INTERACTION_HEADERS = ("Contact", "Date", "Kind", "Summary")
_TAG_HEADERS = ("Tag", "Contacts", "Built-in")
_ABOUT_HEADERS = ("Item", "Value")
_FIXED_TITLES = ("Contacts", "Follow-ups", "Interactions", "Tags", "About")

_HYPERLINK_TYPE = f"{REL_NS}/hyperlink"
_R_ID = f"{{{REL_NS}}}id"
_XML_ATTR_ENTITIES = {'"': "&quot;"}

Row = list[Any]
StyledRows = Iterator[tuple[Row, Sequence[Any]]]


class _Styled:
    """A value with a style (a shared, never-mutated StyleArray) and an explicit cell type."""

    __slots__ = ("data_type", "style", "value")

    def __init__(self, value: Any, style: Any, data_type: str = "s") -> None:
        self.value = value
        self.style = style
        self.data_type = data_type


class _Styles:
    """Every style the export uses, registered with the workbook once and shared by all cells."""

    def __init__(self, wb: Any) -> None:
        # Styles live in the workbook: a stand-in sheet lets a probe cell register them before any sheet.
        ws = SimpleNamespace(parent=wb)
        thin = Side(style="thin", color="FF8EA9C1")
        wrap = Alignment(wrap_text=True, vertical="top")
        overdue = PatternFill("solid", fgColor="FFF8CBAD")
        self.header = self._make(
            ws,
            font=Font(bold=True, color="FF1F2D3D"),
            fill=PatternFill("solid", fgColor="FFDDE7F0"),
            border=Border(bottom=thin),
            alignment=Alignment(vertical="center"),
        )
        self.wrap = self._make(ws, alignment=wrap)
        self.link = self._make(ws, named="Hyperlink")
        self.date = self._make(ws, number_format="yyyy-mm-dd")
        self.overdue = self._make(ws, fill=overdue)
        self.overdue_wrap = self._make(ws, fill=overdue, alignment=wrap)
        self.overdue_date = self._make(ws, fill=overdue, number_format="yyyy-mm-dd")

    @staticmethod
    def _make(ws: Any, *, named: str | None = None, number_format: str | None = None, **attrs: Any) -> Any:
        probe = Cell(ws, 1, 1)
        if named is not None:
            probe.style = named
        for name, value in attrs.items():
            setattr(probe, name, value)
        if number_format is not None:
            probe.number_format = number_format
        return probe._style


def sanitize_sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet title for `name`: at most 31 characters, none of ``[]:*?/\\``, not reserved.

    `taken` holds the casefolded titles already used and is updated.
    """
    title = XML_ILLEGAL_RE.sub("", name).translate(_TITLE_FORBIDDEN).strip().strip("'").strip()
    title = title[:_MAX_TITLE].strip() or "Tag"
    base = title
    counter = 1
    while title.casefold() in taken or title.casefold() in _RESERVED_TITLES:
        counter += 1
        suffix = f" ({counter})"
        title = base[: _MAX_TITLE - len(suffix)].rstrip() + suffix
    taken.add(title.casefold())
    return title


def _display_width(text: str) -> int:
    widest = 0
    for line in text.splitlines() or [""]:
        width = len(line)
        if not line.isascii():
            width += sum(1 for ch in line if unicodedata.east_asian_width(ch) in "WF")
        widest = max(widest, width)
    return widest


def _fit_widths(headers: Sequence[str], sample: Iterable[Sequence[object]]) -> list[float]:
    widths = [len(h) + 4 for h in headers]  # bold header plus the autofilter button
    for row in sample:
        for i, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                width = _display_width(value) + 2
            elif isinstance(value, date):
                width = _DATE_WIDTH
            else:
                width = len(str(value)) + 2
            if width > widths[i]:
                widths[i] = width
    return [float(min(w, MAX_COLUMN_WIDTH)) for w in widths]


def _attr(text: str) -> str:
    if "&" in text or "<" in text or '"' in text or ">" in text:
        return escape(text, _XML_ATTR_ENTITIES)
    return text


class _Links:
    """One sheet's hyperlinks in flat memory: cell numbers in an array, targets in an anonymous temp file.

    A target never holds a line break (`link_target` and `mailto_target` percent-encode or refuse them), so
    the spool is one target per line.
    """

    __slots__ = ("_cells", "_spool")

    def __init__(self) -> None:
        self._cells = array("L")
        self._spool: IO[str] | None = None

    def __len__(self) -> int:
        return len(self._cells)

    def add(self, row: int, is_url: bool, target: str) -> None:
        if self._spool is None:
            # Lives until the sheet is saved or discarded; close() ends it.
            self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._cells.append(row << 1 | is_url)
        self._spool.write(target + "\n")

    def refs(self) -> Iterator[str]:
        for cell in self._cells:
            yield f"{_LETTER_URL if cell & 1 else _LETTER_EMAILS}{cell >> 1}"

    def targets(self) -> Iterator[str]:
        if self._spool is None:
            return
        self._spool.seek(0)
        for line in self._spool:
            yield line[:-1]

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self._cells = array("L")


class _HyperlinkRels(RelationshipList):  # type: ignore[misc]
    """A sheet's link relationships, streamed into the archive by `_ExcelWriter` from `_Links`."""

    def __init__(self, links: _Links) -> None:
        super().__init__()
        self.links = links

    def __bool__(self) -> bool:
        return True

    def write_to(self, out: IO[bytes]) -> None:
        out.write(f'<Relationships xmlns="{PKG_REL_NS}">'.encode())
        chunk: list[str] = []
        for number, target in enumerate(self.links.targets(), 1):
            chunk.append(
                f'<Relationship Id="rId{number}" Type="{_HYPERLINK_TYPE}" Target="{_attr(target)}" '
                'TargetMode="External"/>'
            )
            if len(chunk) == 1000:
                out.write("".join(chunk).encode("utf-8"))
                chunk.clear()
        out.write("".join(chunk).encode("utf-8"))
        out.write(b"</Relationships>")
        self.links.close()


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's streaming sheet writer, with rows written as ready XML and hyperlinks taken from `_Links`.

    openpyxl builds each cell through its Cell and lxml's element writer, which cost 90% of an export's time;
    `_RowWriter` formats the same XML itself and this writer puts it inside ``<sheetData>`` of the stream
    openpyxl writes everything else to. openpyxl would also keep a Hyperlink and a Relationship object per
    link and build both XML parts as trees (about 1 KiB a link); this streams the same XML.
    """

    def __init__(self, ws: Any, links: _Links) -> None:
        self._handle: IO[bytes] | None = None
        super().__init__(ws)
        self.links = links
        self._rows: Generator[None, bytes, None] | None = None

    def get_stream(self) -> Generator[Any, Any, None]:
        """openpyxl's own stream, on a file handle this writer can also write ready XML to."""
        with open(self.out, "wb") as handle:
            self._handle = handle
            with xmlfile(handle) as xf, xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                try:
                    while True:
                        el = yield
                        if el is True:
                            yield xf
                        elif el is not None:
                            xf.write(el)
                except GeneratorExit:
                    pass

    def _row_stream(self) -> Generator[None, bytes, None]:
        xf = self.xf.send(True)
        with xf.element("sheetData"):
            xf.flush()
            assert self._handle is not None
            write = self._handle.write
            try:
                while True:
                    write((yield))
            except GeneratorExit:
                pass
        self.xf.send(None)

    def write_raw(self, xml: bytes) -> None:
        """Ready ``<row>`` elements, in order, after `write_top`."""
        if self._rows is None:
            self._rows = self._row_stream()
            next(self._rows)
        self._rows.send(xml)

    def write_rows(self) -> None:
        """Called by the sheet's close: end ``<sheetData>``."""
        if self._rows is None:
            super().write_rows()  # no rows at all: openpyxl's empty <sheetData/>
        else:
            self._rows.close()

    def write_hyperlinks(self) -> None:
        links = self.links
        if not links:
            return
        xf = self.xf.send(True)
        with xf.element("hyperlinks", nsmap={"r": REL_NS}):
            for number, ref in enumerate(links.refs(), 1):
                with xf.element("hyperlink", {"ref": ref, _R_ID: f"rId{number}"}):
                    pass
        self.xf.send(None)
        self._rels = _HyperlinkRels(links)


class _ExcelWriter(ExcelWriter):  # type: ignore[misc]
    """openpyxl's package writer; link relationships are streamed into the zip instead of built as a tree."""

    def write_worksheet(self, ws: Any) -> None:
        super().write_worksheet(ws)
        rels = ws._rels
        if isinstance(rels, _HyperlinkRels):
            with self._archive.open(get_rels_path(ws.path)[1:], "w") as out:
                rels.write_to(out)
            ws._rels = RelationshipList()  # nothing left for openpyxl to write


def _save(wb: Any, handle: IO[bytes]) -> None:
    """openpyxl's save_workbook, with `_ExcelWriter`."""
    archive = ZipFile(handle, "w", ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = datetime.now(UTC).replace(tzinfo=None)
    try:
        _ExcelWriter(wb, archive).save()
    except BaseException:
        # Close now, into the temporary file that is about to be removed, not later from a finaliser.
        with contextlib.suppress(Exception):
            archive.close()
        raise


def _text(value: str) -> str:
    """A string cell's ``<is>`` content, escaped as lxml escapes text (a CR as ``&#13;`` so it survives)."""
    preserve = value[:1].isspace() or value[-1:].isspace()
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if preserve:
        return f'<is><t xml:space="preserve">{value}</t></is>'
    return f"<is><t>{value}</t></is>"


class _RowWriter:
    """Formats rows as the XML openpyxl writes for them, with every cell's type explicit.

    Strings are always inline string cells (so never a formula or an error code, whatever they hold), dates
    are serial numbers with the shared date style, `_Styled` values carry their own style. Anything else
    (datetime, float, bool) goes through openpyxl's own cell typing and writer. Strings must already be
    clean (see `_XlsxExport`). Rows are sent to the sheet in batches.
    """

    __slots__ = ("_batch", "_date_style", "_epoch", "_serials", "_style_ids", "letters", "row", "ws")

    def __init__(self, ws: Any, date_style: Any, width: int) -> None:
        wb = ws.parent
        if wb.iso_dates:
            raise ValueError("write_xlsx writes dates as serial numbers")
        self.ws = ws
        self.letters = [get_column_letter(i) for i in range(1, width + 1)]
        self.row = 1
        self._epoch = wb.epoch
        self._style_ids: dict[int, str] = {}
        self._date_style = date_style
        self._serials: dict[date, str] = {}
        self._batch: list[str] = []

    def _style_id(self, style: Any) -> str:
        found = self._style_ids.get(id(style))
        if found is None:
            # Shared style arrays live as long as the export; the workbook numbers each at its first use.
            found = self._style_ids[id(style)] = str(self.ws.parent._cell_styles.add(style))
        return found

    def _serial(self, day: date) -> str:
        found = self._serials.get(day)
        if found is None:
            found = self._serials[day] = safe_string(to_excel(day, self._epoch))
        return found

    def append(self, values: Sequence[Any]) -> None:
        r = str(self.row)
        letters = self.letters
        parts = [f'<row r="{r}">']
        add = parts.append
        for col, value in enumerate(values):
            if value is None:
                continue
            kind = value.__class__
            ref = f"{letters[col]}{r}"
            if kind is str:
                add(
                    f'<c r="{ref}" t="inlineStr">{_text(value)}</c>'
                    if value
                    else f'<c r="{ref}" t="inlineStr"/>'
                )
            elif kind is _Styled:
                add(self._styled(ref, value))
            elif kind is date:
                style = self._style_id(self._date_style)
                add(f'<c r="{ref}" s="{style}" t="n"><v>{self._serial(value)}</v></c>')
            elif kind is int:
                add(f'<c r="{ref}" t="n"><v>{value}</v></c>')
            elif isinstance(value, str):  # a str subclass: still a string, never a formula
                add(
                    f'<c r="{ref}" t="inlineStr">{_text(str(value))}</c>'
                    if value
                    else f'<c r="{ref}" t="inlineStr"/>'
                )
            else:
                add(self._openpyxl_cell(col + 1, value))
        add("</row>")
        self._batch.append("".join(parts))
        self.row += 1
        if len(self._batch) >= 200:
            self.flush()

    def _styled(self, ref: str, cell: _Styled) -> str:
        style = self._style_id(cell.style)
        value = cell.value
        if value is None or value == "":
            return (
                f'<c r="{ref}" s="{style}" t="{"inlineStr" if cell.data_type == "s" else cell.data_type}"/>'
            )
        if cell.data_type == "s":
            return f'<c r="{ref}" s="{style}" t="inlineStr">{_text(str(value))}</c>'
        if cell.data_type == "d":
            return f'<c r="{ref}" s="{style}" t="n"><v>{self._serial(value)}</v></c>'
        return f'<c r="{ref}" s="{style}" t="{cell.data_type}"><v>{safe_string(value)}</v></c>'

    def _openpyxl_cell(self, column: int, value: Any) -> str:
        cell = Cell(self.ws, self.row, column)
        cell.value = value  # openpyxl's typing, and its date-time format for a datetime
        captured: list[Any] = []
        etree_write_cell(SimpleNamespace(write=captured.append), self.ws, cell, cell.has_style)
        return str(tostring(captured[0], encoding="unicode"))

    def flush(self) -> None:
        if self._batch:
            self.ws._writer.write_raw("".join(self._batch).encode("utf-8"))
            self._batch.clear()


class _Sheet:
    """One streaming sheet: header, widths, frozen pane, autofilter, and its hyperlinks."""

    __slots__ = ("append", "headers", "links", "out", "rows", "ws")

    def __init__(self, wb: Any, title: str, headers: Sequence[str], widths: Sequence[float], styles: _Styles):
        ws = wb.create_sheet(title)
        # Widths and the frozen pane must be set before the first row: write-only mode writes them first.
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        _print_setup(ws)
        self.links = _Links()
        ws._writer = _SheetWriter(ws, self.links)
        ws._writer.write_top()
        self.out = _RowWriter(ws, styles.date, len(headers))
        self.append = self.out.append
        self.append([_Styled(text, styles.header) for text in headers])
        self.ws = ws
        self.headers = headers
        self.rows = 0

    def finish(self) -> None:
        self.out.flush()
        last = get_column_letter(len(self.headers))
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        self.ws.print_area = f"A1:{last}{self.rows + 1}"


def _print_setup(ws: Any) -> None:
    """Make a sheet print as a table: landscape, all columns on one page wide, the header row on every page,
    and a footer naming the sheet and the page (issue 16: 3,928 pages of three columns, one header)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.print_title_rows = "1:1"
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"


def _needs_care(blob: str) -> bool:
    """True when some text may hold characters XML cannot carry, or exceed a cell's limit."""
    return not blob.isprintable() or len(blob) > MAX_CELL_CHARS


class _XlsxExport:
    """Holds the workbook, styles and counters of one export."""

    def __init__(self, wb: Any, today: date, ticker: Ticker) -> None:
        self.wb = wb
        self.today = today
        self.ticker = ticker
        self.styles = _Styles(wb)
        # The fixed sheets keep their names; a tag called "Tags" gets "Tags (2)".
        self.titles = {title.casefold() for title in _FIXED_TITLES}
        self.names: dict[int, str] = {}
        self.cleaned_cells = 0
        self.truncated_cells = 0
        self.link_limited: list[str] = []
        self.rows_left_out: list[tuple[str, int]] = []

    def _clean(self, text: str) -> str:
        cleaned = XML_ILLEGAL_RE.sub("", text)
        if len(cleaned) != len(text):
            self.cleaned_cells += 1
        if len(cleaned) > MAX_CELL_CHARS:
            self.truncated_cells += 1
            cleaned = cleaned[:MAX_CELL_CHARS]
        return cleaned

    def _clean_values(self, values: Row) -> None:
        """Slow path: remove characters XML cannot carry and cut huge text, in place."""
        for i, value in enumerate(values):
            if isinstance(value, str):
                values[i] = self._clean(value) or None

    def _title(self, name: str) -> str:
        return sanitize_sheet_title(name, self.titles)

    def _limited(self, sheet: _Sheet) -> None:
        if sheet.ws.title not in self.link_limited:
            self.link_limited.append(sheet.ws.title)

    # ----- contacts

    @staticmethod
    def contact_values(c: ContactRecord) -> Row:
        """The typed cell values of one contact (None for empty cells), in `CONTACT_HEADERS` order."""
        emails = c.emails
        phones = c.phones
        tags = c.tags
        return [
            c.display_name or None,
            c.first_name or None,
            c.last_name or None,
            (emails[0] if len(emails) == 1 else LIST_SEPARATOR.join(emails)) if emails else None,
            (phones[0] if len(phones) == 1 else LIST_SEPARATOR.join(phones)) if phones else None,
            c.company or None,
            c.position or None,
            c.location or None,
            c.linkedin_url or None,
            c.connected_on,
            (tags[0] if len(tags) == 1 else LIST_SEPARATOR.join(tags)) if tags else None,
            YES if c.open_networker else None,
            c.open_networker_reason or None,
            c.last_contacted,
            c.next_follow_up,
            c.notes or None,
            c.source or None,
            c.degree,
            c.cadence_days,
        ]

    def _contact_row(self, sheet: _Sheet, c: ContactRecord, values: Row) -> Row:
        """The row for one sheet: wrapped notes, and links while the sheet is under the limit."""
        styles = self.styles
        row = values.copy()
        notes = row[_COL_NOTES]
        if notes is not None:
            row[_COL_NOTES] = _Styled(notes, styles.wrap)
        links = sheet.links
        emails = row[_COL_EMAILS]
        if emails is not None:
            target = mailto_target(c.emails[0])
            if target is not None:
                if len(links) < MAX_LINKS_PER_SHEET:
                    row[_COL_EMAILS] = _Styled(emails, styles.link)
                    links.add(sheet.rows + 2, False, target)
                else:
                    self._limited(sheet)
        url = row[_COL_URL]
        if url is not None:
            target = link_target(url)
            if target is not None:
                if len(links) < MAX_LINKS_PER_SHEET:
                    row[_COL_URL] = _Styled(url, styles.link)
                    links.add(sheet.rows + 2, True, target)
                else:
                    self._limited(sheet)
        return row

    def write_contacts(self, contacts: Iterable[ContactRecord], sheet_per_tag: bool) -> int:
        it = iter(contacts)
        sample = list(islice(it, WIDTH_SAMPLE_ROWS))
        widths = _fit_widths(CONTACT_HEADERS, (self.contact_values(c) for c in sample))
        main = _Sheet(self.wb, "Contacts", CONTACT_HEADERS, widths, self.styles)
        tag_sheets: dict[str, _Sheet] = {}
        names = self.names
        ticker = self.ticker
        append = main.append
        count = 0
        for c in chain(sample, it):
            values = self.contact_values(c)
            emails = c.emails
            blob = " ".join(
                (
                    c.display_name,
                    c.first_name,
                    c.last_name,
                    " ".join(emails) if emails else "",
                    " ".join(c.phones) if c.phones else "",
                    c.company,
                    c.position,
                    c.location,
                    c.linkedin_url,
                    " ".join(c.tags) if c.tags else "",
                    c.open_networker_reason,
                    c.notes,
                    c.source,
                )
            )
            if _needs_care(blob):
                self._clean_values(values)
            append(self._contact_row(main, c, values))
            main.rows += 1
            names[c.id] = c.display_name or f"{c.first_name} {c.last_name}".strip()
            if sheet_per_tag and c.tags:
                for tag in c.tags:
                    sheet = tag_sheets.get(tag)
                    if sheet is None:
                        sheet = _Sheet(self.wb, self._title(tag), CONTACT_HEADERS, widths, self.styles)
                        tag_sheets[tag] = sheet
                    sheet.append(self._contact_row(sheet, c, values))
                    sheet.rows += 1
            count += 1
            if count >= ticker.next_at:
                if count > MAX_DATA_ROWS:
                    raise _too_many(count)
                ticker.check(count)
        if count > MAX_DATA_ROWS:
            raise _too_many(count)
        main.finish()
        for sheet in tag_sheets.values():
            sheet.finish()
        # Tag sheets right after Contacts, sorted by name whatever order the tags turned up in.
        ordered = sorted(tag_sheets.items(), key=lambda item: (item[0].casefold(), item[0]))
        for position, (_, sheet) in enumerate(ordered, 1):
            self.wb.move_sheet(sheet.ws.title, position - self.wb.worksheets.index(sheet.ws))
        return count

    # ----- the other sheets

    def write_table(self, title: str, headers: Sequence[str], rows: StyledRows) -> int:
        """Write rows of (values, a style per column or None); a styled date column needs a date style."""
        it = iter(rows)
        sample = list(islice(it, WIDTH_SAMPLE_ROWS))
        widths = _fit_widths(headers, (values for values, _ in sample))
        sheet = _Sheet(self.wb, title, headers, widths, self.styles)
        append = sheet.append
        ticker = self.ticker
        left_out = 0
        for values, styles in chain(sample, it):
            if sheet.rows >= MAX_DATA_ROWS:
                left_out += 1
                continue
            if _needs_care(" ".join(v for v in values if isinstance(v, str))):
                self._clean_values(values)
            for i, style in enumerate(styles):
                if style is not None:
                    value = values[i]
                    # An empty styled cell keeps its fill, so an overdue row is highlighted end to end.
                    kind = "n" if value is None else "s" if isinstance(value, str) else "d"
                    values[i] = _Styled(value, style, kind)
            append(values)
            sheet.rows += 1
            if sheet.rows % PROGRESS_EVERY == 0:
                ticker.poll()
        sheet.finish()
        if left_out:
            self.rows_left_out.append((sheet.ws.title, left_out))
        return sheet.rows

    def follow_up_rows(self, follow_ups: Iterable[FollowUp]) -> StyledRows:
        s = self.styles
        plain = (None, None, s.wrap, None, None)
        overdue = (s.overdue, s.overdue_date, s.overdue_wrap, s.overdue, s.overdue)
        for f in follow_ups:
            late = f.status == "open" and f.due < self.today
            row = [f.contact_name or None, f.due, f.note or None, f.recurrence or None, f.status or None]
            yield row, (overdue if late else plain)

    def interaction_rows(self, interactions: Iterable[Interaction]) -> StyledRows:
        styles = (None, None, None, self.styles.wrap)
        names = self.names
        for i in interactions:
            name = names.get(i.contact_id) or f"(contact {i.contact_id})"
            yield [name, i.occurred_on, i.kind or None, i.summary or None], styles

    @staticmethod
    def tag_rows(tags: Iterable[Tag]) -> StyledRows:
        styles = (None, None, None)
        for t in tags:
            yield [t.name or None, t.count, YES if t.builtin else NO], styles

    def about_rows(self, about: dict[str, str] | None, counts: dict[str, int]) -> StyledRows:
        # The caller's lines first; a line it already has (say "Contacts") takes the counted value in place.
        merged: dict[str, Any] = dict(about or {})
        merged.setdefault("Exported on", self.today)
        merged.update(counts)
        merged.setdefault("netcrm version", netcrm.__version__)
        styles = (None, None)
        for key, value in merged.items():
            yield [key or None, value], styles
        for notice in self.notices():
            yield ["Note", notice], styles

    def notices(self) -> list[str]:
        found = [
            f"Sheet {title}: only the first {MAX_LINKS_PER_SHEET:,} e-mails and URLs are links "
            "(Excel's limit); the rest are plain text"
            for title in self.link_limited
        ]
        found.extend(
            f"Sheet {title}: Excel holds {MAX_DATA_ROWS:,} rows a sheet; {count:,} more were left out"
            for title, count in self.rows_left_out
        )
        if self.cleaned_cells:
            found.append(f"{self.cleaned_cells} cells held characters Excel cannot store; they were removed")
        if self.truncated_cells:
            found.append(f"{self.truncated_cells} cells were cut to Excel's {MAX_CELL_CHARS:,} characters")
        return found


def _too_many(count: int) -> BadInputError:
    return BadInputError(
        f"{count:,} contacts do not fit in one Excel sheet ({MAX_DATA_ROWS:,} rows); export them to CSV "
        "or export a smaller selection"
    )


def _discard_temp_sheets(wb: Any) -> None:
    """Close and delete write-only sheets' temporary files left by a cancelled or failed export."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        if isinstance(writer, _SheetWriter):
            writer.links.close()
        if writer is not None and os.path.exists(writer.out):
            with contextlib.suppress(Exception):
                writer.cleanup()


def write_xlsx(
    path: str | os.PathLike[str],
    contacts: Iterable[ContactRecord],
    *,
    follow_ups: Iterable[FollowUp] = (),
    interactions: Iterable[Interaction] = (),
    tags: Iterable[Tag] = (),
    about: dict[str, str] | None = None,
    sheet_per_tag: bool = False,
    today: date,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    total: int | None = None,
    title: str = "netcrm contacts",
    author: str = "netcrm",
    on_notice: Callable[[str], None] | None = None,
) -> int:
    """Write the workbook to `path` atomically and return the number of contacts written.

    `contacts` is consumed once, streaming (only the first `WIDTH_SAMPLE_ROWS` are held, to fit widths).
    `today` decides which open follow-ups are overdue and is the export date on the About sheet; `about`
    adds lines to it first (what was exported, the filter). `progress(done, total)` is called every 1000
    contacts (`total` is 0 when unknown) and `cancel()` polled as often; cancelling raises `Cancelled` and
    leaves the old file intact. `title` and `author` go into the document properties. `on_notice` hears what
    the export had to change (links stopped at the limit, characters removed, cells cut).
    """
    ticker = Ticker(progress, cancel, guess_total(contacts, total))
    ticker.start()
    wb = Workbook(write_only=True)
    wb.properties.title = title
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    export = _XlsxExport(wb, today, ticker)
    try:
        with atomic_file(path, "wb") as handle:
            count = export.write_contacts(contacts, sheet_per_tag)
            n_follow = export.write_table("Follow-ups", _FOLLOW_UP_HEADERS, export.follow_up_rows(follow_ups))
            n_inter = export.write_table(
                "Interactions", _INTERACTION_HEADERS, export.interaction_rows(interactions)
            )
            n_tags = export.write_table("Tags", _TAG_HEADERS, export.tag_rows(tags))
            counts = {"Contacts": count, "Follow-ups": n_follow, "Interactions": n_inter, "Tags": n_tags}
            export.write_table("About", _ABOUT_HEADERS, export.about_rows(about, counts))
            ticker.finish(count)
            _save(wb, handle)
    finally:
        _discard_temp_sheets(wb)
    if on_notice is not None:
        for notice in export.notices():
            on_notice(notice)
    return count
