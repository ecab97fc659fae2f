"""One archive CSV read by column name: LinkedIn reorders, adds and quotes headers between exports.

Shared by every archive reader: decoding, the strict line-numbered CSV reader, the header found by the
columns a kind requires, and the 2026 quirk of a file with no header and one line of prose ("No
conversations found"), which is an empty file, not a malformed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.csv_reader import CsvReader, sniff_delimiter
from netcrm.core.io.dates import parse_date
from netcrm.core.io.encoding import binary_kind, decode
from netcrm.core.io.text import clean, norm_header

#: One record of a table: a cell by the column's key ('' when the file lacks an optional column).
Row = Mapping[str, str]


class EmptyFile(Exception):
    """The file holds no records (nothing, or LinkedIn's one line of prose); `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns of one kind: key -> header spellings (the first as LinkedIn writes it); `required` must
    all be there. Spellings are compared normalised (case, spaces and punctuation do not matter)."""

    names: Mapping[str, tuple[str, ...]]
    required: frozenset[str]

    def title(self, key: str) -> str:
        return self.names[key][0]


class Table:
    """The records of one CSV, each a mapping from column key to cleaned cell, with its line number."""

    def __init__(self, data: bytes, path: str, columns: Columns) -> None:
        if not data.strip():
            raise EmptyFile("the file is empty")
        kind = binary_kind(data)
        if kind:
            raise FileRefusedError(path, f"not a CSV file: it is {kind}")
        text, self.encoding = decode(data, path)
        self.path = path
        self.columns = columns
        self._reader = CsvReader(text, path, sniff_delimiter(text))
        wanted = {norm_header(name): key for key, names in columns.names.items() for name in names}
        required = columns.required

        def is_header(fields: list[str]) -> bool:
            return required <= {wanted.get(norm_header(cell)) for cell in fields}

        if not self._reader.find_header(is_header):
            first = self._reader.peek(2)
            if len(first) <= 1 and (not first or len(first[0][1]) == 1):
                prose = first[0][1][0].strip() if first else ""
                raise EmptyFile(f"no data ({prose[:80]!r})" if prose else "no data")
            missing = ", ".join(sorted(columns.title(key) for key in required))
            raise FileRefusedError(path, f"no header row with the columns {missing}", first[0][0])
        self._index = {
            wanted[norm_header(cell)]: i
            for i, cell in enumerate(self._reader.header)
            if norm_header(cell) in wanted
        }

    def rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        """(line, cells by key) for every data record; a wrong-width record fails the file (row named)."""
        index = self._index
        keys = tuple(self.columns.names)
        for line, fields in self._reader.rows():
            yield line, {key: clean(fields[index[key]]) if key in index else "" for key in keys}
        for issue in self._reader.skipped:
            if "fields where" in issue.reason or issue.reason.startswith("malformed"):
                raise FileRefusedError(self.path, issue.reason, issue.row)

    @property
    def skipped(self) -> int:
        """Records left out for an oversized cell (listed in the file's count, the rest imports)."""
        return len(self._reader.skipped)

    def column(self, key: str) -> str:
        """The header as the file wrote it, for messages."""
        i = self._index.get(key)
        return self._reader.header[i].strip() if i is not None else self.columns.title(key)

    def bad(self, line: int, key: str, reason: str) -> FileRefusedError:
        """A refusal naming this file, the row and the column."""
        return FileRefusedError(self.path, reason, line, self.column(key))

    def when(self, line: int, key: str, value: str) -> datetime | None:
        """A cell as a naive UTC datetime (None when empty); refuses the file naming row and column."""
        try:
            return parse_when(value)
        except ValueError:
            raise self.bad(line, key, f"not a date: {value[:40]!r}") from None

    def day(self, line: int, key: str, value: str) -> date | None:
        moment = self.when(line, key, value)
        return moment.date() if moment else None


def parse_when(value: str) -> datetime | None:
    """``2025-10-03 14:22:51 UTC``, ``2019/05/22 09:41:29 UTC``, ``10/3/25, 2:22 PM`` or any date shape."""
    value = value.strip()
    if not value:
        return None
    text = (
        value.removesuffix("UTC").removesuffix("Z").strip().replace("/", "-", 2)
        if value[:4].isdigit()
        else ""
    )
    if text:
        try:
            return datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            pass
    java = _JAVA_RE.fullmatch(value)  # Company Follows: ``Tue Mar 04 10:12:44 UTC 2025``
    if java:
        value = f"{java[2]} {java[1]} {java[4]}, {java[3]}"
    day_part, comma, time_part = value.partition(",")
    if comma and time_part.strip():
        clock = _clock(time_part.strip())
        day = parse_date(day_part)
        if day is not None and clock is not None:
            return datetime.combine(day, datetime.min.time()).replace(hour=clock[0], minute=clock[1])
    day = parse_date(value)
    return datetime.combine(day, datetime.min.time()) if day else None


_JAVA_RE = re.compile(r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{1,2}:\d{2}):\d{2} [A-Z]{2,5} (\d{4})")


def _clock(text: str) -> tuple[int, int] | None:
    """``2:22 PM`` / ``14:22`` / ``02:22:05 am`` as (hour, minute)."""
    upper = text.upper()
    meridiem = upper[-2:] if upper.endswith(("AM", "PM")) else ""
    digits = upper.removesuffix(meridiem).strip().split(":")
    if len(digits) < 2 or not all(part.isdigit() for part in digits):
        return None
    hour, minute = int(digits[0]), int(digits[1])
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "PM" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def flag(value: str) -> bool:
    """LinkedIn's booleans: ``Yes``/``No``, ``true``/``false``."""
    return value.strip().lower() in ("yes", "true", "1", "y")
