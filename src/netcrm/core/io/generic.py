"""Any other table (CSV or .xlsx): columns mapped to contact fields by header name and usual aliases.

Fields are those of ParsedContact plus ``email``, ``phone`` (several columns or several values per cell
allowed), ``name`` (a full name split into first/last), ``tags``, ``follow_up`` and ``last_contacted``
(dates that become an open follow-up and a "note" interaction) and ``headed_note`` (a note that starts
with its column's header: "Met at: PyCon"); ``ignore`` drops a column. A ``mapping`` {COLUMN: FIELD}
overrides the guess for the columns it names. The header row is the first of the leading rows that names an
identifying field (or, with a mapping, a mapped column), so title rows above it are skipped. Columns that
map to nothing are listed in one warning.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from netcrm.core.errors import FileRefusedError, MappingNeeded, ValidationError
from netcrm.core.io.contact import NO_IDENTITY, linkedin_or_none, make_contact, valid_emails
from netcrm.core.io.csv_reader import CsvReader, sniff_delimiter
from netcrm.core.io.dates import parse_date, parse_day_first, slash_numbers, to_date
from netcrm.core.io.limits import MAX_CELL_CHARS, cut, cut_message
from netcrm.core.io.text import (
    clean,
    has_escaped_formula,
    is_linkedin_url,
    join_name,
    norm_header,
    split_full_name,
    split_list,
    unescape_formula,
)
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

FORMAT = "csv"
FIELDS = (
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
    "connected_on",
    "follow_up",
    "last_contacted",
    "notes",
    "headed_note",
    "tags",
)
#: Fields read as dates; a day/month order is decided per column (`TableReader.scan_dates`).
DATE_FIELDS = frozenset(("connected_on", "follow_up", "last_contacted"))
IGNORE = "ignore"
_HEADED_NOTE = "headed_note"  # "Met at", "How we met", "Source": a note that starts with its header
_WEBSITE = "_website"  # a web address column: used only when it holds a LinkedIn profile
_IDENTIFYING = frozenset(
    ("first_name", "last_name", "display_name", "name", "email", "phone", "linkedin_url")
)
_FIELD_SYNONYMS = {"emails": "email", "phones": "phone", "full_name": "name", "tag": "tags", "note": "notes"}
_ALIAS_TEXT = {
    "first_name": "first name, firstname, first, given name, given, forename, vorname, prénom, nombre",
    "last_name": "last name, lastname, last, surname, family name, nachname, nom, apellido, apellidos",
    "display_name": "display name, file as",
    "name": "name, full name, contact, contact name, person, who",
    "email": "email, e-mail, email address, e-mail address, mail, emails, e-mails, email addresses, "
    "work email, personal email, primary email, email 1, email 2, e-mail 2 address, e-mail 3 address",
    "phone": "phone, phones, telephone, tel, mobile, mobile phone, cell, cell phone, phone number, "
    "work phone, home phone, business phone, primary phone, handy, telefon, mobil, téléphone, teléfono",
    "company": "company, company name, organization, organisation, org, company / org, employer, firm, "
    "firma, société, entreprise, empresa, current company, account",
    "position": "position, title, job title, role, job, occupation, headline, function, current position, "
    "position / title",
    "location": "location, city, country, region, state, address, based in, town, place, ort, ville",
    "linkedin_url": "linkedin, linkedin url, linkedin profile, linkedin link, linkedin profile url, "
    "profile url, li url",
    "connected_on": "connected on, connected, connection date, date connected, date added, added, added on, "
    "met on, since, first met",
    "follow_up": "next follow-up, next follow up, next followup, follow-up, follow up, followup, "
    "follow-up date, follow up on, follow up date, reminder, remind me, reminder date, due, due date, "
    "due on, "
    "next contact, next step date, next touch, wiedervorlage",
    "last_contacted": "last contacted, last contact, last contacted on, last touch, last touched, "
    "last touchpoint, last spoke, last spoken, last talked, last interaction, last reached out, "
    "last contact date, letzter kontakt",
    _HEADED_NOTE: "met at, how we met, where we met, how met, where met, met through, met via, "
    "lead source, context, introduced by, intro by, referred by",
    "notes": "notes, note, comments, comment, remarks, description, bemerkungen, notizen",
    "tags": "tags, tag, labels, label, categories, category, groups, group, group membership, lists, list",
    _WEBSITE: "url, website, web site, web page, homepage, home page, profile, site, web, link",
}
ALIASES: dict[str, str] = {
    norm_header(alias): field for field, text in _ALIAS_TEXT.items() for alias in text.split(", ")
}
_NONE = ("",)
_MULTI_FIELDS = frozenset(("email", "phone", "tags", "linkedin_url"))
_EMAIL_SPLIT = re.compile(r"[;,\s]+")
_PHONE_SPLIT = re.compile(r"\s*(?:;|\n| ::: | / )\s*")
_SCIENTIFIC = re.compile(r"\d(?:[.,]\d+)?E\+\d+", re.IGNORECASE)


def guess_field(header: str) -> str | None:
    """The field a header names, by alias, then by keyword (``Work E-mail`` is an e-mail)."""
    name = norm_header(header)
    if not name:
        return None
    if name in ALIASES:
        return ALIASES[name]
    if len(name) > 30 or any(word in name for word in ("type", "label", "display", "kind")):
        return None  # long cells are sentences (a preamble), not headers
    for keyword, field in (
        ("linkedin", "linkedin_url"),
        ("email", "email"),
        ("phone", "phone"),
        ("mobile", "phone"),
    ):
        if keyword in name:
            return field
    return None


def normalise_mapping(mapping: dict[str, str] | None) -> dict[str, str]:
    """{column: field} with field names normalised; ValidationError for a field netcrm does not know."""
    out: dict[str, str] = {}
    for column, field in (mapping or {}).items():
        key = field.strip().lower().replace("-", "_").replace(" ", "_")
        key = _FIELD_SYNONYMS.get(key, key) or IGNORE
        if key not in FIELDS and key != IGNORE:
            raise ValidationError(
                "mapping",
                f"unknown field {field!r} for column {column!r}; use one of: {', '.join(FIELDS)}, ignore",
            )
        out[column] = key
    return out


def is_header(cells: Sequence[object], mapping: dict[str, str]) -> bool:
    """True for a row that names a mapped column, or (without a mapping) an identifying field."""
    names = [norm_header(cell) for cell in cells if isinstance(cell, str)]
    if mapping:
        wanted = {norm_header(column) for column in mapping}
        return any(name in wanted for name in names)
    return any(guess_field(name) in _IDENTIFYING for name in names if name)


def column_fields(header: Sequence[str], mapping: dict[str, str], path: str) -> list[str | None]:
    """The field of each column; ValidationError if the mapping names a column the file lacks."""
    names = [norm_header(cell) for cell in header]
    missing = [column for column in mapping if norm_header(column) not in names]
    if missing:
        raise ValidationError(
            "mapping",
            f"{path} has no column {missing[0]!r}; its columns are: {', '.join(h for h in header if h)}",
        )
    by_name = {norm_header(column): field for column, field in mapping.items()}
    fields: list[str | None] = []
    for cell, name in zip(header, names, strict=True):
        field = by_name[name] if name in by_name else guess_field(cell)
        fields.append(None if field == IGNORE else field)
    if not any(field in _IDENTIFYING for field in fields):
        raise MappingNeeded(
            path,
            "no column holds a name, e-mail, phone or LinkedIn URL",
            columns=tuple(header),
            fields=tuple(field or IGNORE for field in fields),
            header_found=True,
        )
    return fields


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: whole numbers without ``.0``, dates as ISO, booleans as TRUE/FALSE."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


class TableReader:
    """Turns mapped rows into ParsedContacts, collecting skips and warnings."""

    def __init__(
        self,
        path: str,
        header: Sequence[str],
        header_line: int,
        mapping: dict[str, str],
        *,
        unescape: bool,
        skipped: list[RowIssue] | None = None,
        warnings: list[RowIssue] | None = None,
    ) -> None:
        self.path = path
        self.header = [clean(cell) for cell in header]
        self.fields = column_fields(self.header, mapping, path)
        self.unescape = unescape
        self.skipped = skipped if skipped is not None else []
        self.warnings = warnings if warnings is not None else []
        self.contacts: list[ParsedContact] = []
        self.data_rows = 0  # rows with at least one mapped value
        self._numeric_phone_warned: set[int] = set()
        self._day_first: dict[int, bool | None] = {}  # date column -> its day/month order (None: undecided)
        self._columns = [
            (index, field, self.header[index] or f"#{index + 1}")
            for index, field in enumerate(self.fields)
            if field is not None
        ]
        unused = [h for h, f in zip(self.header, self.fields, strict=True) if h and f is None]
        if unused:
            self.warnings.append(RowIssue(header_line, "columns not imported: " + ", ".join(unused)))

    def add_rows(self, rows: Iterable[tuple[int, Sequence[object]]]) -> None:
        """Read every row; each becomes a contact, a skip, or (if blank) nothing."""
        append = self.contacts.append
        if any(field in DATE_FIELDS for _i, field, _c in self._columns):
            rows = list(rows)
            self.scan_dates(rows)
        for line, cells in rows:
            contact = self._row(line, cells)
            if contact is not None:
                append(contact)

    def scan_dates(self, rows: Sequence[tuple[int, Sequence[object]]]) -> bool:
        """Decide each date column's day/month order from its unambiguous dates (13/04/2024 is day-first,
        04/13/2024 month-first); a column with both, or neither, stays undecided and its ambiguous dates are
        warned about. True when some column holds a slash date (the lane leaves those to `_row`)."""
        found = False
        for index, field, _column in self._columns:
            if field not in DATE_FIELDS:
                continue
            day = month = False
            for _line, cells in rows:
                raw = cells[index] if index < len(cells) else None
                if isinstance(raw, str) and "/" in raw:
                    numbers = slash_numbers(raw)
                    if numbers is not None:
                        found = True
                        day = day or numbers[0] > 12
                        month = month or numbers[1] > 12
            self._day_first[index] = True if day and not month else False if month and not day else None
        return found

    def _date(self, index: int, raw: object, line: int, column: str) -> date | None:
        """A date cell read in its column's day/month order; an ambiguous one nothing decides is warned."""
        if not isinstance(raw, str) or "/" not in raw:
            return to_date(raw)
        order = self._day_first.get(index)
        if order:
            return parse_day_first(raw)
        numbers = slash_numbers(raw)
        when = parse_date(raw)
        if numbers is not None and when is not None and numbers[0] != numbers[1] and max(numbers) <= 12:
            self.warnings.append(
                RowIssue(
                    line,
                    f"{raw.strip()!r} may be day/month or month/day and nothing else in the column says "
                    "which; "
                    f"read as {when:%d %B %Y} (month first)",
                    column,
                )
            )
        return when

    def result(self, fmt: str, encoding: str) -> ParseResult:
        """The ParseResult of everything read so far."""
        return ParseResult(
            path=self.path,
            format=fmt,
            encoding=encoding,
            rows=tuple(self.contacts),
            skipped=tuple(self.skipped),
            warnings=tuple(self.warnings),
            headers=tuple(self.header),
            fields=tuple(field or IGNORE for field in self.fields),
        )

    def _row(self, line: int, cells: Sequence[object]) -> ParsedContact | None:
        values: dict[str, list[str]] = {}
        dates: dict[str, date] = {}
        width = len(cells)
        for index, field, column in self._columns:
            raw = cells[index] if index < width else None
            if raw is None or raw == "":
                continue
            if field in DATE_FIELDS:
                try:
                    when = self._date(
                        index, unescape_formula(raw) if isinstance(raw, str) else raw, line, column
                    )
                except ValueError as exc:
                    self.warnings.append(RowIssue(line, f"{exc}; date left out", column))
                    continue
                if when is not None:
                    dates.setdefault(field, when)
                continue
            if isinstance(raw, str):
                text = raw
            else:
                if field == "phone" and isinstance(raw, int | float) and not isinstance(raw, bool):
                    self._warn_numeric_phone(line, index, column)
                text = cell_text(raw)
            if self.unescape and text[0] == "'":
                text = unescape_formula(text)
            text = clean(text)
            if not text:
                continue
            if len(text) > MAX_CELL_CHARS:  # a workbook cell (a CSV reader cut its cells already)
                self.warnings.append(RowIssue(line, cut_message(len(text)), column))
                text = cut(text)
            if field == _HEADED_NOTE:
                values.setdefault("notes", []).append(f"{column}: {text}")
            elif field in _MULTI_FIELDS:
                values.setdefault(field, []).extend(self._split(field, text, line, column))
            elif field in values:
                values[field].append(text)
            else:
                values[field] = [text]
        if not values and not dates:
            return None
        self.data_rows += 1
        contact = self._contact(line, values, dates)
        if contact is None:
            self.skipped.append(RowIssue(line, NO_IDENTITY))
        return contact

    def _split(self, field: str, text: str, line: int, column: str) -> list[str]:
        if field == "email":
            return valid_emails(_EMAIL_SPLIT.split(text), line, column, self.warnings)
        if field == "phone":
            phones = [clean(p) for p in _PHONE_SPLIT.split(text) if p.strip()]
            good = [p for p in phones if not _SCIENTIFIC.fullmatch(p)]
            if len(good) < len(phones):
                self.warnings.append(
                    RowIssue(
                        line,
                        "phone number in scientific notation (damaged by a spreadsheet), left out",
                        column,
                    )
                )
            return good
        if field == "tags":
            return split_list(text)
        if field == "linkedin_url" and not is_linkedin_url(text):
            self.warnings.append(
                RowIssue(line, f"not a LinkedIn profile address, left out: {text[:80]!r}", column)
            )
            return []
        return [text]

    def _warn_numeric_phone(self, line: int, index: int, column: str) -> None:
        if index not in self._numeric_phone_warned:
            self._numeric_phone_warned.add(index)
            self.warnings.append(
                RowIssue(
                    line,
                    "phone numbers stored as numbers (first at this row): a leading 0 or + may be lost",
                    column,
                )
            )

    def _contact(
        self, line: int, values: dict[str, list[str]], dates: dict[str, date]
    ) -> ParsedContact | None:
        get = values.get
        first = get("first_name", _NONE)[0]
        last = get("last_name", _NONE)[0]
        name = get("name", _NONE)[0]
        if name and not (first or last):
            first, last = split_full_name(name)
        return make_contact(
            line,
            first_name=first,
            last_name=last,
            display_name=get("display_name", _NONE)[0] or name or join_name(first, last),
            emails=get("email", ()),
            phones=get("phone", ()),
            company=get("company", _NONE)[0],
            position=get("position", _NONE)[0],
            location=", ".join(get("location", ())),
            linkedin_url=(get("linkedin_url") or _NONE)[0] or linkedin_or_none(get(_WEBSITE, ())),
            connected_on=dates.get("connected_on"),
            notes="\n".join(get("notes", ())),
            tags=tuple(dict.fromkeys(get("tags", ()))),
            follow_up_on=dates.get("follow_up"),
            last_contacted=dates.get("last_contacted"),
        )


def read_csv(text: str, path: str, encoding: str, mapping: dict[str, str] | None = None) -> ParseResult:
    """Parse any CSV by its header names (the header is searched for among the leading rows)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    wanted = normalise_mapping(mapping)
    reader = CsvReader(text, path, sniff_delimiter(text))
    if not reader.find_header(lambda cells: is_header(cells, wanted)):
        if wanted:
            raise FileRefusedError(
                path, "none of the mapped columns is in the first rows: " + ", ".join(mapping or {})
            )
        first = CsvReader(text, path, reader.delimiter, preview=True).peek(1)
        columns = tuple(first[0][1]) if first else ()
        raise MappingNeeded(
            path,
            "no header row naming a name, e-mail, phone or LinkedIn column",
            columns=columns,
            fields=tuple(guess_field(column) or IGNORE for column in columns),
            header_found=False,
            encoding=encoding,
        )
    table = TableReader(
        path,
        reader.header,
        reader.header_line,
        wanted,
        unescape=has_escaped_formula(text),
        skipped=reader.skipped,
        warnings=reader.warnings,
    )
    table.add_rows(reader.rows())
    reader.require_data()
    return table.result(FORMAT, encoding)
