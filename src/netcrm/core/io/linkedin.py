"""LinkedIn's Connections.csv in every variant of FORMATS.md section 1.

* current (2023-): ``Notes:`` preamble, then
  ``First Name,Last Name,URL,Email Address,Company,Position,Connected On``;
* Dec 2020 - mid 2023: same preamble, no URL column; ~2019-2020: no preamble, no URL;
* 2018: ``"1/8/18, 6:14 PM"`` dates; pre-2015: the 59-column Outlook-style export (read by `outlook`);
* Excel re-saves: BOM, CRLF, padded preamble (``Notes:,,``), ``3-Jan-24`` dates, ``;`` delimiters, cp1252,
  columns removed, rows wrapped in quotes, header deleted (then LinkedIn's column order is assumed).

The header row is searched for, never assumed at a fixed line. Hidden-member rows (a date and nothing else)
are counted in ``hidden_members``, not listed as skipped. Invitations, messages, Contacts and Profile files
are refused with a message naming the file the user wanted. The row loop is the hot path of the biggest
import (100k rows), so it works on plain locals.
"""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from operator import itemgetter

from netcrm.core.errors import FileRefusedError
from netcrm.core.io import outlook
from netcrm.core.io.contact import NO_IDENTITY, linkedin_contact
from netcrm.core.io.csv_reader import CsvReader, Record, sniff_delimiter
from netcrm.core.io.dates import parse_date
from netcrm.core.io.text import has_escaped_formula, is_email, is_linkedin_url, norm_header, unescape_formula
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

FORMAT = "linkedin"
COLUMNS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
_OLD_COLUMNS = ("First Name", "Last Name", "Email Address", "Company", "Position", "Connected On")
_KEYS = {
    "first": ("firstname",),
    "last": ("lastname",),
    "url": ("url", "profileurl", "linkedinurl"),
    "email": ("emailaddress", "email"),
    "company": ("company",),
    "position": ("position",),
    "connected": ("connectedon",),
}
_WANT_CONNECTIONS = "import Connections.csv from the same LinkedIn export (or the export .zip itself)"


def other_linkedin_file(norm: list[str]) -> str | None:
    """The refusal message if a normalised header is one of LinkedIn's other export files."""
    cells = set(norm)
    if {"from", "to", "sentat", "direction"} <= cells:
        return (
            "this is LinkedIn's Invitations.csv (invitations sent and received), not your connections; "
            + _WANT_CONNECTIONS
        )
    if "conversationid" in cells or {"from", "to", "date", "subject", "content", "folder"} <= cells:
        return (
            f"this is LinkedIn's messages.csv (your conversations), not your connections; {_WANT_CONNECTIONS}"
        )
    if {"firstname", "lastname", "companies"} <= cells and ({"emails"} <= cells or "phonenumbers" in cells):
        return (
            "this is LinkedIn's Contacts.csv (address-book contacts once uploaded to LinkedIn), not your "
            f"connections; {_WANT_CONNECTIONS}, or use --format csv to import these addresses as a plain CSV"
        )
    if {"firstname", "lastname", "headline", "summary"} <= cells:
        return f"this is LinkedIn's Profile.csv (your own profile), not your connections; {_WANT_CONNECTIONS}"
    return None


def is_outlook_style(norm: list[str]) -> bool:
    """The pre-2015 "Export connections" Outlook CSV (`E-mail Address` right after `Suffix`)."""
    return norm[:6] == ["title", "firstname", "middlename", "lastname", "suffix", "emailaddress"]


def is_connections_header(norm: list[str]) -> bool:
    """`First Name`, `Last Name` first, then LinkedIn's own columns (some may have been deleted)."""
    norm = [name for name in norm if name]  # Excel pads re-saved rows with empty cells
    if norm[:2] != ["firstname", "lastname"] or len(norm) > 12:
        return False
    return "connectedon" in norm or {"company", "position"} <= set(norm)


def _is_any_header(cells: list[str]) -> bool:
    norm = [norm_header(cell) for cell in cells]
    return is_connections_header(norm) or is_outlook_style(norm) or other_linkedin_file(norm) is not None


def guess_headerless(records: list[Record]) -> tuple[str, ...] | None:
    """LinkedIn's column order for a file whose header was deleted, if its rows have that shape."""
    if not records:
        return None
    votes = {6: 0, 7: 0}
    for _, fields in records:
        if len(fields) == 1 and "," in fields[0]:
            fields = next(csv.reader([fields[0]]), fields)  # a row wrapped in one pair of quotes
        width = len(fields)
        if width in votes and _is_date_or_empty(fields[-1]) and any(f.strip() for f in fields[:2]):
            if width == 7 and fields[2].strip() and not is_linkedin_url(fields[2].strip()):
                continue
            votes[width] += 1
    width = max(votes, key=lambda key: votes[key])
    if votes[width] < max(1, len(records) * 0.8):
        return None
    return COLUMNS if width == 7 else _OLD_COLUMNS


def _is_date_or_empty(value: str) -> bool:
    try:
        parse_date(value)
    except ValueError:
        return False
    return True


def read(text: str, path: str, encoding: str) -> ParseResult:
    """Parse a Connections.csv text; FileRefusedError if it is not one."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    reader = CsvReader(text, path, sniff_delimiter(text))
    if not reader.find_header(_is_any_header):
        assumed = guess_headerless(reader.peek(20))
        if assumed is None:
            raise FileRefusedError(
                path, "no LinkedIn Connections header (First Name, Last Name, …) in the first rows"
            )
        reader.set_header(0, list(assumed))
        reader.warnings.append(
            RowIssue(1, "no header row; assumed LinkedIn's column order: " + ", ".join(assumed))
        )
    norm = [norm_header(cell) for cell in reader.header]
    refusal = other_linkedin_file(norm)
    if refusal:
        raise FileRefusedError(path, refusal)
    if is_outlook_style(norm):
        return outlook.read_rows(reader, encoding, FORMAT, unescape=True)
    return _read_rows(reader, norm, encoding, has_escaped_formula(text))


def _read_rows(reader: CsvReader, norm: list[str], encoding: str, unescape: bool) -> ParseResult:
    col = {key: next((norm.index(n) for n in names if n in norm), None) for key, names in _KEYS.items()}
    width = len(reader.header)
    pad = any(index is None for index in col.values())  # a deleted column reads as an appended ""
    pick = itemgetter(*(width if index is None else index for index in col.values()))
    names = {key: reader.column_name(index) if index is not None else None for key, index in col.items()}
    skipped, warnings = reader.skipped, reader.warnings
    contacts: list[ParsedContact] = []
    append = contacts.append
    strip = str.strip
    hidden = 0
    dates: dict[str, date | None] = {}
    # Names, companies and titles repeat across a network: one string object each keeps 100k rows smaller.
    shared: dict[str, str] = {}
    share = shared.setdefault
    make = linkedin_contact
    for line, fields in reader.rows():
        if unescape:
            fields = [unescape_formula(field) for field in fields]
        if pad:
            fields.append("")
        first, last, url, email, company, position, when = map(strip, pick(fields))
        if email and not is_email(email):
            warnings.append(
                RowIssue(line, f"not an e-mail address, left out: {email[:80]!r}", names["email"])
            )
            email = ""
        if url and not is_linkedin_url(url):
            warnings.append(
                RowIssue(line, f"not a LinkedIn profile address, left out: {url[:80]!r}", names["url"])
            )
            url = ""
        if not (first or last or url or email):
            if company or position:
                skipped.append(RowIssue(line, NO_IDENTITY))
            elif when:
                hidden += 1
            continue
        connected = dates.get(when) if when else None
        if connected is None and when and when not in dates:
            try:
                connected = dates[when] = parse_date(when)
            except ValueError as exc:
                warnings.append(RowIssue(line, f"{exc}; date left out", names["connected"]))
        append(
            make(
                line,
                share(first, first),
                share(last, last),
                f"{first} {last}" if first and last else first or last,
                (email,) if email else (),
                share(company, company),
                share(position, position),
                url,
                connected,
            )
        )
    return reader.result(FORMAT, encoding, contacts, hidden_members=hidden)
