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

import io
import re
import zipfile
from collections.abc import Iterator, Sequence

import python_calamine

from netcrm.core.errors import FileRefusedError, ValidationError
from netcrm.core.io.encoding import binary_kind
from netcrm.core.io.generic import TableReader, cell_text, is_header, normalise_mapping
from netcrm.core.io.limits import HEADER_SEARCH_ROWS, MAX_COLUMNS, MAX_SHEET_CELLS
from netcrm.core.io.zipcheck import check_members, open_zip, printable, read_member
from netcrm.core.model import ParseResult

FORMAT = "xlsx"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
# Patterns start with the literal `r="` so that re can skip ahead; attribute names that merely end in "r"
# (header=, footer=) never hold a capital-letter cell reference, and a false hit only loosens the bound.
_TWO_LETTER_REF = re.compile(rb'r="([A-Z]{2,})\d')
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
    if _DECLARATION.search(xml):
        raise FileRefusedError(
            path,
            f"contains forbidden XML (a DTD or entity declaration) in {printable(name)!r}; refused as unsafe",
        )


def _check_extent(xml: bytes, name: str, path: str) -> None:
    """Refuse a sheet whose cells span more than MAX_SHEET_CELLS (calamine allocates the whole rectangle).

    Cheap bounds first (no two-letter column, no six-digit row in any ``r="…"``), exact maxima only when a
    bound is too loose, so a normal 30k-row sheet costs a few searches, not a pass over every cell.
    """
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
    first_row = sheet.start[0] + 1 if sheet.start else 1
    for offset, cells in enumerate(sheet.iter_rows()):
        yield first_row + offset, cells


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
    rows = _rows(grid)
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
    table = TableReader(path, header, line, wanted, unescape=True)
    table.add_rows(rows)
    if table.data_rows == 0:
        raise FileRefusedError(path, f"sheet {name!r} has a header row but no data rows", line)
    return table.result(FORMAT, "utf-8")


def sheet_names(data: bytes, path: str) -> list[str]:
    """The workbook's worksheets in order (for the import wizard's sheet choice); vetted like `read`."""
    _refuse_non_xlsx(data, path)
    vetted = _vetted_parts(data, path)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(vetted))
    except Exception as exc:  # calamine reports damage with several exception types
        raise FileRefusedError(path, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})") from None
    return [str(m.name) for m in book.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
