"""Hand-kept .xlsx workbooks, read with python-calamine (fast; cached formula values, never formula text).

Calamine parses the zip and XML itself, so netcrm vets the workbook first and hands calamine only what passed:
the container is checked like any zip (declared sizes, ratios), its XML parts are inflated in memory (bounded)
and refused if they carry a DTD or entity declaration (billion laughs, external entities) or UTF-16 XML; each
worksheet's real extent is measured from its cell references (calamine ignores a lying ``<dimension>`` but
allocates rows x columns of the cells it finds, so one stray cell at XFD1048576 would abort the process);
then only the vetted XML parts are repacked, uncompressed, for calamine. Media, macros
(``vbaProject.bin``) and embedded objects are never passed on.

openpyxl is not used here; where the project uses it, defusedxml is installed so that openpyxl parses with it
(``openpyxl.xml.DEFUSEDXML``), and the tests check that.
"""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

import python_calamine

from netcrm.core.errors import FileRefusedError, MappingNeeded, ValidationError
from netcrm.core.gc_pause import gc_paused
from netcrm.core.io.contact import NO_IDENTITY
from netcrm.core.io.dates import to_date
from netcrm.core.io.encoding import binary_kind
from netcrm.core.io.generic import (
    _SCIENTIFIC,
    _WEBSITE,
    TableReader,
    cell_text,
    column_fields,
    is_header,
    normalise_mapping,
)
from netcrm.core.io.limits import HEADER_SEARCH_ROWS, MAX_CELL_CHARS, MAX_COLUMNS, MAX_SHEET_CELLS
from netcrm.core.io.text import is_email, is_linkedin_url, split_full_name, split_list
from netcrm.core.io.xlsx_links import hyperlinks, mail_address
from netcrm.core.io.zipcheck import check_members, open_zip, printable, read_member
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

FORMAT = "xlsx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
# Patterns start with the literal `r="` so that re can skip ahead; attribute names that merely end in "r"
# (header=, footer=) never hold a capital-letter cell reference, and a false hit only loosens the bound.
_TWO_LETTER_REF = re.compile(rb'r="([A-Z]{2,})\d')
#: A reference past column Z or row 99,999: the one pass a normal sheet costs (see _check_extent).
_FAR_REF = re.compile(rb'r="(?:[A-Z]{2}|[A-Z]{0,3}\d{6})')
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _col_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def _refuse_non_xlsx(data: bytes, path: str) -> None:
    if data.startswith(OLE_MAGIC):
        if any(marker in data for marker in _ENCRYPTED):
            raise FileRefusedError(
                path,
                "the workbook is password-protected; open it in Excel, remove the password and save it again",
            )
        raise FileRefusedError(
            path,
            "an Excel 97-2003 (.xls) workbook, not .xlsx; open it in Excel and save it as .xlsx",
        )
    if not data.startswith(b"PK"):
        kind = binary_kind(data) or "text"
        raise FileRefusedError(path, f"not an .xlsx workbook (the file is {kind})")


def _vetted_parts(data: bytes, path: str) -> bytes:
    """The workbook's XML parts, checked and repacked uncompressed for calamine."""
    archive = open_zip(data, path, ".xlsx workbook")
    names = {info.filename for info in archive.infolist()}
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names:
            raise FileRefusedError(path, "an .xlsb (binary) workbook; save it as .xlsx")
        raise FileRefusedError(path, "a zip archive but not an .xlsx workbook (no xl/workbook.xml)")
    parts = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and (info.filename == "[Content_Types].xml" or info.filename.startswith(("xl/", "_rels/")))
        and info.filename.endswith((".xml", ".rels"))
    ]
    check_members(parts, path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean:
        for info in parts:
            xml = read_member(archive, info, path)
            _check_xml(xml, info.filename, path)
            if info.filename.startswith("xl/worksheets/"):
                _check_extent(xml, info.filename, path)
            clean.writestr(info.filename, xml)
    return out.getvalue()


def _check_xml(xml: bytes, name: str, path: str) -> None:
    head = xml[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
        raise FileRefusedError(path, f"part {printable(name)!r} is UTF-16 XML, which netcrm does not read")
    if b"!" in xml and _DECLARATION.search(xml):  # a declaration has a "!"; most parts have none at all
        raise FileRefusedError(
            path,
            f"contains forbidden XML (a DTD or entity declaration) in {printable(name)!r}; refused as unsafe",
        )


def _check_extent(xml: bytes, name: str, path: str) -> None:
    """Refuse a sheet whose cells span more than MAX_SHEET_CELLS (calamine allocates the whole rectangle).

    Cheap bounds first (no two-letter column, no six-digit row in any ``r="…"``), exact maxima only when a
    bound is too loose, so a normal 30k-row sheet costs one search, not a pass over every cell.
    """
    if not _FAR_REF.search(xml):
        return  # columns A-Z, rows below 100,000: at most 2.6 million cells
    max_col = 26
    if _TWO_LETTER_REF.search(xml):
        max_col = max(_col_number(ref) for ref in set(_TWO_LETTER_REF.findall(xml)))
    digits = 5  # rows below 100,000 unless a reference has six digits or more
    while digits < 7 and re.search(rb'r="[A-Z]{0,3}\d{%d}' % (digits + 1), xml):
        digits += 1
    max_row = 10**digits - 1
    if max_row * max_col > MAX_SHEET_CELLS:
        refs = re.findall(rb'r="[A-Z]{0,3}(\d{%d,})"' % digits, xml)
        max_row = max((int(ref) for ref in refs), default=0)
    if max_col > 16_384 or max_row * max_col > MAX_SHEET_CELLS:
        raise FileRefusedError(
            path,
            f"sheet {printable(name)!r} spans {max_row:,} rows x {max_col:,} columns; netcrm reads at most "
            f"{MAX_SHEET_CELLS:,} cells per sheet",
        )


def _pick_sheet(book: python_calamine.CalamineWorkbook, sheet: str | None, path: str) -> str:
    metas = book.sheets_metadata
    worksheets = [m for m in metas if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
    if not worksheets:
        raise FileRefusedError(path, "the workbook has no worksheet")
    if sheet is None:
        visible = [m for m in worksheets if m.visible == python_calamine.SheetVisibleEnum.Visible]
        return str((visible or worksheets)[0].name)
    names = [str(m.name) for m in worksheets]
    for name in names:
        if name == sheet or name.casefold() == sheet.strip().casefold():
            return name
    if sheet.strip().isdigit() and 1 <= int(sheet) <= len(names):
        return names[int(sheet) - 1]
    raise ValidationError("sheet", f"{path} has no sheet {sheet!r}; its sheets are: {', '.join(names)}")


def _rows(sheet: python_calamine.CalamineSheet) -> Iterator[tuple[int, Sequence[object]]]:
    """(Excel's row number, cells) from the sheet's first used row and column on.

    ``to_python`` builds every row in one call (iter_rows costs a Python round trip per row) and, unlike
    iter_rows, starts at the first used row, so row numbers are right when a sheet starts below row 1.
    """
    first_row = sheet.start[0] + 1 if sheet.start else 1
    return enumerate(sheet.to_python(), first_row)


class _Slow(str):
    """The type of `_SLOW`: a str, so that `_SLOW in column` compares quickly with the text around it."""

    __slots__ = ()


#: A prepared cell that needs TableReader's general per-cell code (its row is read that way); found by `is`.
_SLOW = _Slow("\x00netcrm: read this row the general way")
#: The fields the column-wise lane reads, in the order `_SheetTable._plain_rows` unpacks them.
_LANE_FIELDS = (
    "first_name",
    "last_name",
    "display_name",
    "name",
    "email",
    "phone",
    "company",
    "position",
    "location",
    "linkedin_url",
    _WEBSITE,
    "connected_on",
    "notes",
    "tags",
)


class _NumericPhone(str):
    """A phone number the sheet stored as a number: read as text, and warned about once per column."""

    __slots__ = ()


def _text_cell(value: object) -> Any:
    """A cell as TableReader makes it text (None when empty), or `_SLOW` when that takes its general code."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        if value[0] == "'":
            return _SLOW  # maybe netcrm's formula escape
        text = value.strip()
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
    else:
        text = cell_text(value)
        if not text or text != text.strip() or text[0] == "'" or not text.isascii():
            return _SLOW
    if len(text) > MAX_CELL_CHARS:
        return _SLOW
    return text or None


def _date_cell(value: object) -> Any:
    """A date cell as TableReader reads it (None when empty), or `_SLOW` when that would warn."""
    if value is None or value == "":
        return None
    if value.__class__ is date:
        return value
    if isinstance(value, str) and value[0] == "'":
        return _SLOW
    try:
        return to_date(value)
    except ValueError:
        return _SLOW


def _text(value: object, limit: int) -> Any:
    """One cell as `_prepare` makes text of it (the inline expression there, for a value met many times)."""
    if isinstance(value, str) and value[:1] != "'" and len(value) <= limit:
        text = value.strip()
        return (text if text.isascii() else unicodedata.normalize("NFC", text)) or None
    return _text_cell(value)


def _prepare(field: str, cells: Sequence[object]) -> list[object]:
    """One column, converted for `field` as a whole: only what the mapping reads, calamine's types kept."""
    if field == "connected_on":
        return [value if value.__class__ is date else _date_cell(value) for value in cells]
    # Text not starting with ' (the bulk of any sheet) is trimmed inline, everything else by _text_cell; the
    # inline length bound leaves room for NFC, which can make a text up to three times longer.
    limit = MAX_CELL_CHARS // 3
    distinct = set(cells)
    if len(distinct) * 4 <= len(cells):  # companies, titles, places, first names: each value converted once
        memo = {value: _text(value, limit) for value in distinct}
        texts: list[Any] = list(map(memo.__getitem__, cells))
    else:
        nfc = unicodedata.normalize
        texts = [
            ((value.strip() if value.isascii() else nfc("NFC", value.strip())) or None)
            if value.__class__ is str and value[:1] != "'" and len(value) <= limit
            else _text_cell(value)
            for value in cells
        ]
    if field == "email":
        # is_email admits no whitespace, "," or ";": a cell it passes is one address, as TableReader splits.
        return [t if t is None or t is _SLOW or is_email(t) else _SLOW for t in texts]
    if field == "phone":
        # TableReader splits phones on _PHONE_SPLIT, whose every match holds one of these (a test checks).
        out: list[object] = [
            _SLOW
            if t.__class__ is str
            and (";" in t or "\n" in t or " / " in t or " ::: " in t or _SCIENTIFIC.fullmatch(t))
            else t
            for t in texts
        ]
        for pos, raw in enumerate(cells):
            if raw.__class__ in (int, float) and out[pos].__class__ is str:
                out[pos] = _NumericPhone(out[pos])
        return out
    if field == _WEBSITE:  # read only for a LinkedIn profile; any other address still makes the row count
        return [t if t is None or t is _SLOW or is_linkedin_url(t) else "" for t in texts]
    if field == "linkedin_url":
        return [t if t is None or t is _SLOW or is_linkedin_url(t) else _SLOW for t in texts]
    return texts


class _SheetTable(TableReader):
    """TableReader with a column-wise lane for a sheet whose fields each come from one column.

    Calamine already types the cells, so each mapped column is converted as a whole (trim, NFC, dates,
    numbers as text) and checked for what would need TableReader's general code: a leading ``'``, a list
    in a cell, anything that warns, a huge cell. Rows without such a cell become contacts by the rules of
    TableReader._contact; the others go through TableReader._row, so the result is the same either way.
    """

    def add_rows(self, rows: Iterable[tuple[int, Sequence[object]]]) -> None:
        fields = [field for _, field, _ in self._columns]
        if len(set(fields)) != len(fields) or not set(fields) <= set(_LANE_FIELDS):
            super().add_rows(rows)  # several columns feed one field: TableReader merges them
            return
        rows = list(rows)
        if self.scan_dates(
            rows
        ):  # text dates like 03/04/2024 follow their column's order: TableReader's code
            for line, cells in rows:
                contact = self._row(line, cells)
                if contact is not None:
                    self.contacts.append(contact)
            return
        grid = [cells for _, cells in rows]
        width = max(map(len, grid), default=0)
        if min(map(len, grid), default=0) == width:
            # A rectangle (what calamine gives): transposed row by row, the way the cells lie in memory.
            columns: list[Sequence[object]] = list(zip(*grid, strict=True))
        else:
            columns = [[cells[i] if i < len(cells) else None for cells in grid] for i in range(width)]
        prepared: dict[str, list[object]] = {
            field: _prepare(field, columns[index] if index < width else [None] * len(grid))
            for index, field, _ in self._columns
        }
        slow: set[int] = set()
        for column in prepared.values():
            if _SLOW in column:
                slow.update(pos for pos, value in enumerate(column) if value is _SLOW)
        unmapped = [None] * len(rows)
        ordered = [prepared.get(field, unmapped) for field in _LANE_FIELDS]
        self._plain_rows(rows, zip(*ordered, strict=True), slow)

    def _plain_rows(
        self, rows: list[tuple[int, Sequence[object]]], lanes: Iterator[Any], slow: set[int]
    ) -> None:
        """TableReader._row, ._contact and make_contact inlined, for cells in `_LANE_FIELDS` order."""
        append = self.contacts.append
        phone_column = next(((i, c) for i, f, c in self._columns if f == "phone"), None)
        for pos, (line, cells) in enumerate(zip([line for line, _ in rows], lanes, strict=True)):
            if slow and pos in slow:
                contact = self._row(line, rows[pos][1])
                if contact is not None:
                    append(contact)
                continue
            (
                first,
                last,
                display,
                name,
                email,
                phone,
                company,
                position,
                location,
                url,
                site,
                day,
                notes,
                tags,
            ) = cells
            if phone.__class__ is _NumericPhone:
                assert phone_column is not None
                self._warn_numeric_phone(line, *phone_column)
                phone = str(phone)
            first = first or ""
            last = last or ""
            if name and not (first or last):
                first, last = split_full_name(name)
            display = display or name or (f"{first} {last}" if first and last else first or last)
            url = url or site or ""
            if not (display or email or phone or url):
                if cells.count(None) == len(cells):
                    continue  # a blank row
                self.data_rows += 1
                self.skipped.append(RowIssue(line, NO_IDENTITY))
                continue
            self.data_rows += 1
            append(
                ParsedContact(
                    line,
                    first,
                    last,
                    display or company or "",
                    (email,) if email else (),
                    (phone,) if phone else (),
                    company or "",
                    position or "",
                    location or "",
                    url,
                    day,
                    notes or "",
                    tuple(dict.fromkeys(split_list(tags))) if tags else (),
                )
            )


def read(
    data: bytes, path: str, *, sheet: str | None = None, mapping: dict[str, str] | None = None
) -> ParseResult:
    """Parse a workbook's sheet (`sheet`: a name, or a 1-based number; default the first visible)."""
    _refuse_non_xlsx(data, path)
    vetted = _vetted_parts(data, path)
    wanted = normalise_mapping(mapping)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(vetted))
        name = _pick_sheet(book, sheet, path)
        grid = book.get_sheet_by_name(name)
    except (FileRefusedError, ValidationError):
        raise
    except Exception as exc:  # calamine reports damage with several exception types
        raise FileRefusedError(path, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    sheets = _worksheets(book)
    links = hyperlinks(vetted, name)
    first_column = grid.start[1] + 1 if grid.start else 1
    try:
        with gc_paused():
            result = _parse_rows(_rows(grid), path, name, wanted, links, first_column)
    except MappingNeeded as needed:
        raise needed.found_in(FORMAT, "utf-8", sheets) from None
    return dataclasses.replace(result, sheets=sheets)


def _worksheets(book: Any) -> tuple[str, ...]:
    return tuple(
        str(m.name) for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet
    )


def _parse_rows(
    rows: Iterator[tuple[int, Sequence[object]]],
    path: str,
    name: str,
    wanted: dict[str, str],
    links: dict[tuple[int, int], str] | None = None,
    first_column: int = 1,
) -> ParseResult:
    """The header row (searched for among the first rows), then every row below it as a contact."""
    for line, cells in rows:
        if is_header(cells, wanted):
            header = [cell_text(cell) for cell in cells]
            break
        if line >= HEADER_SEARCH_ROWS:
            raise FileRefusedError(
                path,
                f"sheet {name!r}: no header row naming a name, e-mail, phone or LinkedIn column",
            )
    else:
        raise FileRefusedError(path, f"sheet {name!r} has no header row naming a contact field")
    while header and not header[-1].strip():
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise FileRefusedError(path, f"{len(header):,} columns; the limit is {MAX_COLUMNS:,}", line)
    table_rows: Iterable[tuple[int, Sequence[object]]] = rows
    if links:
        table_rows, header, wanted = _with_links(rows, header, wanted, links, first_column, path)
    table = _SheetTable(path, header, line, wanted, unescape=True)
    table.add_rows(table_rows)
    if table.data_rows == 0:
        raise FileRefusedError(path, f"sheet {name!r} has a header row but no data rows", line)
    return table.result(FORMAT, "utf-8")


def _with_links(
    rows: Iterable[tuple[int, Sequence[object]]],
    header: list[str],
    wanted: dict[str, str],
    links: dict[tuple[int, int], str],
    first_column: int,
    path: str,
) -> tuple[list[tuple[int, Sequence[object]]], list[str], dict[str, str]]:
    """Rows whose linked cells give their target: a LinkedIn profile or a mailto: address replaces the text
    of a LinkedIn or e-mail column ("Mei's profile"), and joins the row as a column of its own anywhere else
    (a name linked to the profile keeps the name)."""
    fields = column_fields(header, wanted, path)
    extra: dict[tuple[int, str], int] = {}  # (column, field) -> index of the added column
    header = list(header)
    mapping = dict(wanted)
    out: list[tuple[int, list[object]]] = []
    for line, cells in rows:
        row = list(cells)
        for index in range(len(fields)):
            target = links.get((line, first_column + index))
            if target is None:
                continue
            address = mail_address(target)
            field = "email" if address else "linkedin_url" if is_linkedin_url(target) else None
            if field is None:
                continue
            value = address or target
            if fields[index] == field or (field == "linkedin_url" and fields[index] == _WEBSITE):
                if value.casefold() not in str(row[index] or "").casefold():  # "Mei's profile", not
                    row[index] = value  # a cell that already shows it (netcrm's own "a@x; b@y" export)
                continue
            key = (index, field)
            if key not in extra:
                extra[key] = len(header)
                column = f"{header[index] or '#' + str(index + 1)} (link)"
                header.append(column)
                mapping[column] = field
                for _line, earlier in out:
                    earlier.extend([None] * (len(header) - len(earlier)))
            row.extend([None] * (len(header) - len(row)))
            row[extra[key]] = value
        if len(row) < len(header):
            row.extend([None] * (len(header) - len(row)))
        out.append((line, row))
    return list(out), header, mapping
