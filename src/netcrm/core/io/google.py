"""Google Contacts CSV, current (2024-) and legacy layouts, UTF-8 or UTF-16 (FORMATS.md section 2).

Columns are found by name because the number of repeated groups (``E-mail N``, ``Phone N``, ``Address N``…)
varies between exports. Values holding several entries joined with `` ::: `` are split. Labels / Group
Membership become tags, without the ``* myContacts`` system group (``* starred`` becomes ``starred``).
"""

from __future__ import annotations

import re
import unicodedata

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.contact import NO_IDENTITY, linkedin_or_none, make_contact, user_tags, valid_emails
from netcrm.core.io.csv_reader import CsvReader, sniff_delimiter
from netcrm.core.io.text import clean, join_name, norm_header
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

FORMAT = "google"

_SIMPLE = {
    "firstname": "first",
    "givenname": "first",
    "middlename": "middle",
    "additionalname": "middle",
    "lastname": "last",
    "familyname": "last",
    "name": "name",
    "notes": "notes",
    "labels": "labels",
    "groupmembership": "labels",
    "location": "location",
    "organizationname": "company",
    "organizationtitle": "position",
}
_MULTI = frozenset(("email", "phone", "website", "labels"))
_NUMBERED = re.compile(
    r"(email|phone|website)\d+value|address(\d+)(city|region|country)|organization(\d+)(name|title)"
)


def is_google_header(norm: list[str]) -> bool:
    """The legacy (`Given Name`, `Group Membership`…) or current (`Labels`, `E-mail 1 - Value`…) header."""
    cells = set(norm)
    if {"givenname", "familyname", "groupmembership"} <= cells:
        return True
    return {"firstname", "lastname", "labels"} <= cells and bool(
        {"email1value", "phone1value", "organizationname", "fileas"} & cells
    )


def _role(name: str) -> str | None:
    if name in _SIMPLE:
        return _SIMPLE[name]
    match = _NUMBERED.fullmatch(name)
    if not match:
        return None
    if match[1]:
        return match[1]
    if match[3]:
        return f"address{match[2]} {match[3]}"
    return "company" if match[5] == "name" else "position"


def read(text: str, path: str, encoding: str) -> ParseResult:
    """Parse a Google Contacts CSV text."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    reader = CsvReader(text, path, sniff_delimiter(text))
    if not reader.find_header(lambda cells: is_google_header([norm_header(c) for c in cells])):
        raise FileRefusedError(path, "no Google Contacts header (First Name, Last Name, Labels, …) found")
    roles = [_role(norm_header(cell)) for cell in reader.header]
    contacts: list[ParsedContact] = []
    for line, fields in reader.rows():
        values: dict[str, list[str]] = {}
        for role, field in zip(roles, fields, strict=True):
            if role is not None and field.strip():
                for part in field.split(" ::: ") if role in _MULTI else (field,):
                    value = clean(part)
                    if value:
                        values.setdefault(role, []).append(value)
        if not values:
            continue  # nothing at all, or only columns netcrm does not import
        contact = _contact(line, values, reader)
        if contact is None:
            reader.skipped.append(RowIssue(line, NO_IDENTITY))
        else:
            contacts.append(contact)
    return reader.result(FORMAT, encoding, contacts)


def _contact(line: int, values: dict[str, list[str]], reader: CsvReader) -> ParsedContact | None:
    def one(role: str) -> str:
        return values.get(role, [""])[0]

    first, middle, last = one("first"), one("middle"), one("last")
    location = one("location")
    for number in range(1, 10):
        parts = [one(f"address{number} {part}") for part in ("city", "region", "country")]
        if any(parts):
            location = ", ".join(part for part in parts if part)
            break
    return make_contact(
        line,
        first_name=first,
        last_name=last,
        display_name=one("name") or join_name(first, middle, last),
        emails=valid_emails(values.get("email", ()), line, "E-mail", reader.warnings),
        phones=values.get("phone", ()),
        company=one("company"),
        position=one("position"),
        location=location,
        linkedin_url=linkedin_or_none(values.get("website", ())),
        notes=one("notes"),
        tags=user_tags(values.get("labels", ())),
    )
