"""The one entry point of the import parsers: a file (or its bytes) in, a ParseResult out.

Pure functions: no database, no matching, no Qt. Every refusal is a FileRefusedError whose one-line message
names the file (and the row and column where there is one); usage mistakes (an unknown format, field or sheet)
are ValidationErrors; an unreadable path is an EnvironmentFailure.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
from pathlib import Path

from netcrm.core.errors import EnvironmentFailure, FileRefusedError, MappingNeeded, ValidationError
from netcrm.core.io import generic, google, linkedin, linkedin_zip, outlook, vcard, xlsx
from netcrm.core.io.limits import MAX_FILE_BYTES
from netcrm.core.io.sniff import decode_text, sniff
from netcrm.core.model import ParseResult

#: Format names for ``--format``; None means "detect from the content".
FORMATS: tuple[str, ...] = ("linkedin", "linkedin-zip", "google", "outlook", "vcard", "csv", "xlsx")
_TABLE_FORMATS = ("csv", "xlsx")
_MB = 1024 * 1024


def load(path: str | Path) -> bytes:
    """The bytes of `path`, refusing missing, empty, folder and oversized files before reading them."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            size = Path(path).stat().st_size
            if size > MAX_FILE_BYTES:
                raise FileRefusedError(
                    name,
                    f"{size / _MB:,.0f} MB is too large; the limit is {MAX_FILE_BYTES // _MB} MB",
                )
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FileRefusedError(name, "no such file") from None
    except IsADirectoryError:
        raise FileRefusedError(name, "is a folder, not a file") from None
    except PermissionError:
        raise EnvironmentFailure(f"{name}: permission denied") from None
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise FileRefusedError(name, "is a folder, not a file") from None
        raise EnvironmentFailure(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise FileRefusedError(name, f"too large; netcrm imports files up to {MAX_FILE_BYTES // _MB} MB")
    return data


def read_file(
    path: str | Path,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
) -> ParseResult:
    """Parse the contacts in `path`; the format is detected from the content unless `format` names one.

    `mapping` ({COLUMN: FIELD}) and `sheet` (a name or a 1-based number) apply to ``csv`` and ``xlsx``.
    """
    return read_bytes(load(path), str(path), format=format, mapping=mapping, sheet=sheet)


def read_bytes(
    data: bytes,
    path: str,
    *,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    sheet: str | None = None,
) -> ParseResult:
    """Parse file content already in memory; `path` is the name used in results and messages.

    The result's sha256 is of these bytes, so a batch records the file exactly as it was parsed. A table
    whose columns netcrm cannot name raises MappingNeeded with its candidate header, format and encoding.
    """
    if format is not None and format not in FORMATS:
        raise ValidationError("format", f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
    if not data:
        raise FileRefusedError(path, "the file is empty (0 bytes)")
    sha256 = hashlib.sha256(data).hexdigest()
    text: str | None = None
    encoding = ""
    if format is None:
        format, text, encoding = sniff(data, path)
        if mapping and format not in _TABLE_FORMATS:
            format = "csv"  # an explicit column mapping means "read it as a plain table"
    if mapping and format not in _TABLE_FORMATS:
        raise ValidationError("mapping", f"a column mapping applies to csv and xlsx files, not to {format}")
    if sheet is not None and format != "xlsx":
        raise ValidationError("sheet", "only .xlsx workbooks have sheets")
    if format == "xlsx":
        result = xlsx.read(data, path, sheet=sheet, mapping=mapping)
    elif format == "linkedin-zip":
        result = linkedin_zip.read(data, path)
    elif format == "vcard":
        result = vcard.read(data, path)
    else:
        if text is None:
            text, encoding = decode_text(data, path)
        del data  # the text is all the rest needs: the bytes need not live through a 100k-row parse
        result = _read_text(text, path, format, encoding, mapping)
    return dataclasses.replace(result, sha256=sha256)


def _read_text(
    text: str, path: str, format: str, encoding: str, mapping: dict[str, str] | None
) -> ParseResult:
    if format == "linkedin":
        return linkedin.read(text, path, encoding)
    if format == "google":
        return google.read(text, path, encoding)
    if format == "outlook":
        return outlook.read(text, path, encoding)
    try:
        return generic.read_csv(text, path, encoding, mapping)
    except MappingNeeded as needed:
        raise needed.found_in("csv", encoding) from None
