"""Export contacts to an .xlsx workbook that looks made by hand, streamed with openpyxl's write-only mode.

Sheets: Contacts (every field, see `CONTACT_HEADERS`), one sheet per tag on request, Follow-ups, Interactions,
Tags and About. Each sheet has a bold filled header row that stays frozen, an autofilter, column widths fitted
to a sample of the first rows (capped), wrapped notes, real dates formatted ``yyyy-mm-dd``, and e-mails and
LinkedIn URLs as working links while the sheet holds fewer than Excel's 65,530 hyperlinks (plain text after).

Safety rules (RELIABILITY.md M8, test 29):
- Never a formula: data is never handed to openpyxl in a way that makes a formula. openpyxl turns a ``str``
  starting with ``=`` into a formula and one equal to an error code (``#N/A``) into an error; such values are
  written as explicit string cells, so Excel and LibreOffice show them as text.
- Characters XML cannot carry (C0 controls other than tab, LF and CR, lone surrogates, U+FFFE/U+FFFF) are
  removed, and text is cut at Excel's 32,767 characters per cell. Nothing is lost silently: the About sheet
  counts the cells concerned and `on_notice` is told.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import chain, islice
from types import SimpleNamespace
from typing import Any

from openpyxl import LXML, Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.relationship import RelationshipList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import PKG_REL_NS, REL_NS
from openpyxl.xml.functions import Element, SubElement

import netcrm
from netcrm.core.atomic import atomic_file
from netcrm.core.io.export_common import (
    CONTACT_HEADERS,
    LIST_SEPARATOR,
    PROGRESS_EVERY,
    XML_ILLEGAL_RE,
    YES,
    CancelFn,
    ProgressFn,
    Ticker,
    guess_total,
    link_target,
    mailto_target,
)
from netcrm.core.model import Contact, FollowUp, Interaction, Tag

__all__ = ["MAX_CELL_CHARS", "MAX_LINKS_PER_SHEET", "sanitize_sheet_title", "write_xlsx"]

#: Excel drops hyperlinks beyond this count per sheet (and reports the file as damaged).
MAX_LINKS_PER_SHEET = 65_530
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


class _Styles:
    """Every style the export uses, built once: cells get a copy of a ready StyleArray, never a lookup."""

    def __init__(self, wb: Any) -> None:
        # Styles live in the workbook: a stand-in sheet lets a probe cell register them before any sheet.
        ws = SimpleNamespace(parent=wb)
        thin = Side(style="thin", color="FF8EA9C1")
        self.header = self._make(
            ws,
            font=Font(bold=True, color="FF1F2D3D"),
            fill=PatternFill("solid", fgColor="FFDDE7F0"),
            border=Border(bottom=thin),
            alignment=Alignment(vertical="center"),
        )
        self.wrap = self._make(ws, alignment=Alignment(wrap_text=True, vertical="top"))
        self.link = self._make(ws, named="Hyperlink")
        overdue = PatternFill("solid", fgColor="FFF8CBAD")
        self.overdue = self._make(ws, fill=overdue)
        self.overdue_wrap = self._make(ws, fill=overdue, alignment=Alignment(wrap_text=True, vertical="top"))
        self.overdue_date = self._make(ws, fill=overdue, number_format="yyyy-mm-dd")
        self.date = self._make(ws, number_format="yyyy-mm-dd")

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


_HYPERLINK_TYPE = f"{REL_NS}/hyperlink"
_R_ID = f"{{{REL_NS}}}id"


class _HyperlinkRels(RelationshipList):  # type: ignore[misc]
    """A sheet's relationships when they are mostly external links, kept as plain strings.

    openpyxl builds a Relationship and a Hyperlink object per link and serialises them one descriptor at a
    time, which costs more than writing the cells; this writes the same XML straight from (ref, target) pairs.
    """

    def __init__(self, targets: list[str]) -> None:
        super().__init__()
        self.targets = targets

    def __bool__(self) -> bool:
        return bool(self.targets) or len(self) > 0

    def append(self, value: Any) -> None:
        # Ids continue after the links' rId1..rIdN.
        if not value.Id:
            value.Id = f"rId{len(self.targets) + len(self) + 1}"
        super().append(value)

    def to_tree(self) -> Any:
        tree = Element("Relationships")
        tree.set("xmlns", PKG_REL_NS)
        for number, target in enumerate(self.targets, 1):
            SubElement(
                tree,
                "Relationship",
                Type=_HYPERLINK_TYPE,
                Target=target,
                TargetMode="External",
                Id=f"rId{number}",
            )
        for rel in self:
            tree.append(rel.to_tree())
        return tree


class _SheetWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's streaming sheet writer, with hyperlinks taken from a list of (cell ref, target) pairs."""

    def __init__(self, ws: Any, links: list[tuple[str, str]]) -> None:
        super().__init__(ws)
        self.links = links

    def write_hyperlinks(self) -> None:
        links = self.links
        if not links:
            return
        root = Element("hyperlinks", nsmap={"r": REL_NS}) if LXML else Element("hyperlinks")
        for number, (ref, _) in enumerate(links, 1):
            SubElement(root, "hyperlink", {"ref": ref, _R_ID: f"rId{number}"})
        self.xf.send(root)
        self._rels = _HyperlinkRels([target for _, target in links])
        self.links = []


def _values_to_row_for(ws: Any) -> Callable[[Sequence[Any], int], Iterator[Any]]:
    """openpyxl's WriteOnlyWorksheet._values_to_row without its per-cell exception for ready-made cells.

    Ready-made cells (styled, or strings that must stay strings) pass through; other values go into a reused
    cell exactly as openpyxl does it. Hyperlinks are never attached to cells here (see `_SheetWriter`).
    """

    def values_to_row(values: Sequence[Any], row_idx: int) -> Iterator[Any]:
        cell = Cell(ws, 1, 1)
        for col_idx, value in enumerate(values, 1):
            if value is None:
                continue
            if value.__class__ is Cell:
                value.column = col_idx
                value.row = row_idx
                yield value
                continue
            cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell
            if (
                cell._style is not None
            ):  # a date picked up its number format: the next value needs a fresh cell
                cell = Cell(ws, 1, 1)

    return values_to_row


class _Sheet:
    """One streaming sheet: header, widths, frozen pane, autofilter, and its hyperlinks."""

    __slots__ = ("headers", "links", "rows", "ws")

    def __init__(self, wb: Any, title: str, headers: Sequence[str], widths: Sequence[float], styles: _Styles):
        ws = wb.create_sheet(title)
        # Widths and the frozen pane must be set before the first row: write-only mode writes them first.
        for i, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        self.links: list[tuple[str, str]] = []
        ws._writer = _SheetWriter(ws, self.links)
        ws._writer.write_top()
        ws._values_to_row = _values_to_row_for(ws)
        header_cells = []
        for text in headers:
            cell = Cell(ws, 1, 1, None, styles.header)
            cell._value = text
            cell.data_type = "s"
            header_cells.append(cell)
        ws.append(header_cells)
        self.ws = ws
        self.headers = headers
        self.rows = 0

    def finish(self) -> None:
        last = get_column_letter(len(self.headers))
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"


class _XlsxExport:
    """Holds the workbook, styles and counters of one export."""

    def __init__(self, wb: Any, today: date, ticker: Ticker) -> None:
        self.wb = wb
        self.today = today
        self.ticker = ticker
        self.titles: set[str] = set()
        self.cleaned_cells = 0
        self.truncated_cells = 0
        self.names: dict[int, str] = {}
        self.styles = _Styles(wb)
        self.link_limited: list[str] = []

    # ----- cells

    def _text_cell(self, ws: Any, text: str, style: Any) -> Any:
        """A cell that is always a string (never a formula or an error), with an optional StyleArray."""
        cell = Cell(ws, 1, 1, None, style)
        cell._value = text
        cell.data_type = "s"
        return cell

    def _clean(self, text: str) -> str:
        cleaned = XML_ILLEGAL_RE.sub("", text)
        if len(cleaned) != len(text):
            self.cleaned_cells += 1
        if len(cleaned) > MAX_CELL_CHARS:
            self.truncated_cells += 1
            cleaned = cleaned[:MAX_CELL_CHARS]
        return cleaned

    def _clean_values(self, values: list[Any]) -> None:
        """Slow path, part 1: remove characters XML cannot carry and cut huge text, in place."""
        for i, value in enumerate(values):
            if type(value) is str:
                values[i] = self._clean(value) or None

    def _guard(self, ws: Any, row: list[Any]) -> None:
        """Slow path, part 2: strings openpyxl would make a formula or an error become string cells."""
        for i, value in enumerate(row):
            if type(value) is str and value[0] in "=#":
                row[i] = self._text_cell(ws, value, None)

    @staticmethod
    def _needs_care(blob: str) -> bool:
        return not blob.isprintable() or len(blob) > MAX_CELL_CHARS or "=" in blob or "#" in blob

    # ----- contacts

    @staticmethod
    def contact_values(c: Contact) -> list[Any]:
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

    def _contact_row(self, sheet: _Sheet, c: Contact, values: list[Any], careful: bool) -> list[Any]:
        styles = self.styles
        ws = sheet.ws
        row = values.copy()
        notes = row[_COL_NOTES]
        if notes is not None:
            row[_COL_NOTES] = self._text_cell(ws, notes, styles.wrap)
        links = sheet.links
        emails = row[_COL_EMAILS]
        if emails is not None:
            target = mailto_target(c.emails[0])
            if target is not None:
                if len(links) < MAX_LINKS_PER_SHEET:
                    row[_COL_EMAILS] = self._text_cell(ws, emails, styles.link)
                    links.append((f"{_LETTER_EMAILS}{sheet.rows + 2}", target))
                else:
                    self._limited(sheet)
        url = row[_COL_URL]
        if url is not None:
            target = link_target(url)
            if target is not None:
                if len(links) < MAX_LINKS_PER_SHEET:
                    row[_COL_URL] = self._text_cell(ws, url, styles.link)
                    links.append((f"{_LETTER_URL}{sheet.rows + 2}", target))
                else:
                    self._limited(sheet)
        if careful:
            self._guard(ws, row)
        return row

    def _limited(self, sheet: _Sheet) -> None:
        if sheet.ws.title not in self.link_limited:
            self.link_limited.append(sheet.ws.title)

    def write_contacts(self, contacts: Iterable[Contact], sheet_per_tag: bool) -> int:
        it = iter(contacts)
        sample = list(islice(it, WIDTH_SAMPLE_ROWS))
        widths = _fit_widths(CONTACT_HEADERS, (self.contact_values(c) for c in sample))
        main = _Sheet(self.wb, self._title("Contacts"), CONTACT_HEADERS, widths, self.styles)
        tag_sheets: dict[str, _Sheet] = {}
        names = self.names
        ticker = self.ticker
        needs_care = self._needs_care
        append = main.ws.append
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
            careful = needs_care(blob)
            if careful:
                self._clean_values(values)
            append(self._contact_row(main, c, values, careful))
            main.rows += 1
            names[c.id] = c.display_name or f"{c.first_name} {c.last_name}".strip()
            if sheet_per_tag and c.tags:
                for tag in c.tags:
                    sheet = tag_sheets.get(tag)
                    if sheet is None:
                        sheet = _Sheet(self.wb, self._title(tag), CONTACT_HEADERS, widths, self.styles)
                        tag_sheets[tag] = sheet
                    sheet.ws.append(self._contact_row(sheet, c, values, careful))
                    sheet.rows += 1
            count += 1
            if count >= ticker.next_at:
                ticker.check(count)
        main.finish()
        for sheet in tag_sheets.values():
            sheet.finish()
        # Tag sheets right after Contacts, sorted by name whatever order the tags turned up in.
        ordered = sorted(tag_sheets.items(), key=lambda item: (item[0].casefold(), item[0]))
        for position, (_, sheet) in enumerate(ordered, 1):
            self.wb.move_sheet(sheet.ws, position - self.wb.worksheets.index(sheet.ws))
        return count

    # ----- the other sheets

    def _title(self, name: str) -> str:
        return sanitize_sheet_title(name, self.titles)

    def write_table(
        self,
        title: str,
        headers: Sequence[str],
        rows: Iterable[tuple[list[Any], Sequence[Any | None]]],
    ) -> int:
        """Write (values, styles) rows; a style per column or None. Returns the row count."""
        it = iter(rows)
        sample = list(islice(it, WIDTH_SAMPLE_ROWS))
        widths = _fit_widths(headers, (values for values, _ in sample))
        sheet = _Sheet(self.wb, self._title(title), headers, widths, self.styles)
        ws = sheet.ws
        ticker = self.ticker
        for values, styles in chain(sample, it):
            blob = " ".join(v for v in values if type(v) is str)
            careful = self._needs_care(blob)
            if careful:
                self._clean_values(values)
            for i, style in enumerate(styles):
                value = values[i]
                if style is None or value is None:
                    continue
                if isinstance(value, str):
                    values[i] = self._text_cell(ws, value, style)
                else:
                    values[i] = Cell(ws, 1, 1, value, style)
            if careful:
                self._guard(ws, values)
            ws.append(values)
            sheet.rows += 1
            if sheet.rows % PROGRESS_EVERY == 0:
                ticker.poll()
        sheet.finish()
        return sheet.rows

    def follow_up_rows(
        self, follow_ups: Iterable[FollowUp]
    ) -> Iterator[tuple[list[Any], Sequence[Any | None]]]:
        s = self.styles
        plain = (None, None, s.wrap, None, None)
        overdue = (s.overdue, s.overdue_date, s.overdue_wrap, s.overdue, s.overdue)
        for f in follow_ups:
            late = f.status == "open" and f.due < self.today
            yield (
                [f.contact_name or None, f.due, f.note or None, f.recurrence or None, f.status],
                (overdue if late else plain),
            )

    def interaction_rows(
        self, interactions: Iterable[Interaction]
    ) -> Iterator[tuple[list[Any], Sequence[Any | None]]]:
        styles = (None, None, None, self.styles.wrap)
        names = self.names
        for i in interactions:
            name = names.get(i.contact_id) or f"(contact {i.contact_id})"
            yield [name, i.occurred_on, i.kind, i.summary or None], styles

    @staticmethod
    def tag_rows(tags: Iterable[Tag]) -> Iterator[tuple[list[Any], Sequence[Any | None]]]:
        styles = (None, None, None)
        for t in tags:
            yield [t.name, t.count, YES if t.builtin else None], styles

    def about_rows(
        self, about: dict[str, str] | None, counts: dict[str, int]
    ) -> Iterator[tuple[list[Any], Sequence[Any | None]]]:
        styles = (None, self.styles.wrap)
        items: list[tuple[str, Any]] = list((about or {}).items())
        items.append(("Exported on", self.today))
        items.extend(counts.items())
        items.append(("netcrm version", netcrm.__version__))
        limit = f"{MAX_LINKS_PER_SHEET:,}"
        for title in self.link_limited:
            items.append(
                (
                    "Links",
                    f"Sheet {title}: the first {limit} e-mails and URLs are links; the rest are plain text",
                )
            )
        if self.cleaned_cells:
            items.append(
                ("Characters removed", f"{self.cleaned_cells} cells held characters Excel cannot store")
            )
        if self.truncated_cells:
            items.append(
                ("Cells cut", f"{self.truncated_cells} cells were cut to {MAX_CELL_CHARS:,} characters")
            )
        for key, value in items:
            yield [key, value], styles

    def notices(self) -> list[str]:
        found = [
            f"Sheet {title}: only the first {MAX_LINKS_PER_SHEET:,} e-mails and URLs are links (Excel limit)"
            for title in self.link_limited
        ]
        if self.cleaned_cells:
            found.append(f"{self.cleaned_cells} cells held characters Excel cannot store; they were removed")
        if self.truncated_cells:
            found.append(f"{self.truncated_cells} cells were cut to Excel's {MAX_CELL_CHARS:,} characters")
        return found


def _discard_temp_sheets(wb: Any) -> None:
    """Close and delete write-only sheets' temporary files left by a cancelled or failed export."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        if writer is not None and os.path.exists(writer.out):
            with contextlib.suppress(Exception):
                writer.cleanup()


def write_xlsx(
    path: str | os.PathLike[str],
    contacts: Iterable[Contact],
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
    adds lines to it (what was exported, the filter). `progress(done, total)` is called every 1000 contacts
    (`total` is 0 when unknown) and `cancel()` polled as often; cancelling raises `Cancelled` and leaves the
    old file intact. `on_notice` hears what the export had to change (links stopped at the limit, characters
    removed, cells cut).
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
            wb.save(handle)
    finally:
        _discard_temp_sheets(wb)
    if on_notice is not None:
        for notice in export.notices():
            on_notice(notice)
    return count
