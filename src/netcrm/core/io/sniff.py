"""Which format a file is, decided from its content (FORMATS.md 6), never from its name.

Zip containers are told apart by their members (a workbook vs LinkedIn's export), OLE files go to the .xlsx
reader (which explains .xls and password protection), other binaries are refused, and text is decoded once and
classified by its header row: LinkedIn Connections (or one of LinkedIn's other exports, refused here), Google,
Outlook, a vCard, a LinkedIn export whose header was deleted, else a generic CSV.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from netcrm.core.errors import FileRefusedError
from netcrm.core.io import google, linkedin, outlook, vcard
from netcrm.core.io.csv_reader import CsvReader, sniff_delimiter
from netcrm.core.io.encoding import binary_kind, decode
from netcrm.core.io.limits import HEADER_SEARCH_ROWS
from netcrm.core.io.text import norm_header
from netcrm.core.io.xlsx import OLE_MAGIC
from netcrm.core.io.zipcheck import open_zip


class Sniffed(NamedTuple):
    """A detected format, with the decoded text for text formats (so it is decoded only once)."""

    format: str
    text: str | None = None
    encoding: str = ""


def _zip_format(data: bytes, path: str) -> str:
    if len(data) >= 30:
        (name_length,) = struct.unpack("<H", data[26:28])
        first = data[30 : 30 + name_length]
        hint = (
            "xlsx"
            if first.startswith((b"[Content_Types]", b"xl/", b"docProps/", b"_rels/"))
            else "linkedin-zip"
        )
    else:
        hint = "linkedin-zip"
    try:
        names = [info.filename for info in open_zip(data, path, "zip archive").infolist()]
    except FileRefusedError:
        return hint  # that reader explains the damage in its own words
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if any(name.replace("\\", "/").rsplit("/", 1)[-1].lower() == "connections.csv" for name in names):
        return "linkedin-zip"
    raise FileRefusedError(path, "a zip archive holding neither a workbook nor LinkedIn's Connections.csv")


def classify_text(text: str, path: str) -> str:
    """The format of a decoded text file."""
    if vcard.looks_like_vcard(text[:4096]):
        return "vcard"
    reader = CsvReader(text, path, sniff_delimiter(text), preview=True)
    records = reader.peek(HEADER_SEARCH_ROWS)
    if records and norm_header(records[0][1][0]) == "notes" and not any(records[0][1][1:]):
        return "linkedin"  # LinkedIn's "Notes:" preamble, even when Excel padded it or the header is gone
    for _, cells in records:
        norm = [norm_header(cell) for cell in cells]
        refusal = linkedin.other_linkedin_file(norm)
        if refusal:
            raise FileRefusedError(path, refusal)
        if linkedin.is_connections_header(norm) or linkedin.is_outlook_style(norm):
            return "linkedin"
        if google.is_google_header(norm):
            return "google"
        if outlook.is_outlook_header(norm):
            return "outlook"
    if linkedin.guess_headerless(reader.peek(20)) is not None:
        return "linkedin"
    return "csv"


def sniff(data: bytes, path: str) -> Sniffed:
    """Detect the format of `data`; FileRefusedError for binaries and undecodable text."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return Sniffed(_zip_format(data, path))
    if data.startswith(OLE_MAGIC):
        return Sniffed("xlsx")
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:11].upper() == b"BEGIN:VCARD":
        return Sniffed("vcard")  # per-property charsets: the vCard reader decodes value by value
    text, encoding = decode_text(data, path)
    return Sniffed(classify_text(text, path), text, encoding)


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Text of a file that must be text: refuses binaries, undecodable bytes and blank files."""
    kind = binary_kind(data)
    if kind:
        raise FileRefusedError(path, f"not a contacts file: it is {kind}")
    text, encoding = decode(data, path)
    if not text.strip("\ufeff \t\r\n"):
        raise FileRefusedError(path, "the file is empty (only blank lines)")
    return text, encoding
