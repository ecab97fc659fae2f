"""Safe CSV reading shared by the CSV formats (RELIABILITY.md 16-18).

Python's csv module silently swallows the rest of a file after an unterminated quote and accepts NUL bytes
(M12), so records come from a ``strict=True`` reader with line numbers, and:

* an unterminated quote (or a malformed quote spanning lines) refuses the whole file, naming the line where
  the field opened;
* a NUL byte refuses the file, naming the line and column;
* a record whose field count differs from the header is skipped with a RowIssue, except that trailing empty
  extras are dropped and a whole row wrapped in one pair of quotes (a known re-save quirk) is unwrapped;
* a cell longer than ``MAX_CELL_CHARS`` is cut to it with a warning naming row, column and its length; the
  row is kept (nobody is lost for one oversized note). The whole file is in memory already, so the csv
  module's own field limit (128 KiB) is lifted to the file limit.

Line numbers are 1-based physical lines where a record starts, as a text editor shows them.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    cut,
    cut_message,
)
from netcrm.core.model import ParsedContact, ParseResult, RowIssue

DELIMITERS = (",", ";", "\t", "|")
_QUOTED_RE = re.compile(r'"[^"]*"')

Record = tuple[int, list[str]]
_PREVIEW_CHARS = 256 * 1024

if csv.field_size_limit() < MAX_FILE_BYTES:
    csv.field_size_limit(MAX_FILE_BYTES)


def sniff_delimiter(text: str) -> str:
    """The delimiter whose count per line is the most consistent over the first lines (``,`` on ties).

    Quoted text is taken out first, across line ends too: the lines of a multi-line note (netcrm's own
    export of a long note holds hundreds) would otherwise outvote the header and the records."""
    head = text[:65536]
    if '"' in head:
        head = _QUOTED_RE.sub("", head)
        if '"' in head:  # a quote the cut left open: what follows it is inside a field
            head = head[: head.index('"')]
    lines = [line for line in head.split("\n")[:40] if line.strip(" \r")]  # a tab may be all a line has left
    best = (0, 0, ",")
    for delimiter in DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        nonzero = [count for count in counts if count]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=lambda value: (nonzero.count(value), value))
        score = (counts.count(mode), mode, delimiter)
        if score[:2] > best[:2]:
            best = score
    return best[2]


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def lines(text: str) -> Iterator[str]:
    """The lines of `text` with their endings, as ``io.StringIO(text, newline="")`` yields them.

    Without StringIO's copy of the whole text (4 bytes a character): a 100k-row export saves ~50 MB.
    """
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return map(re.Match.group, _LINE_RE.finditer(text))  # a lone CR ends a line too
    return _lf_lines(text)


def _lf_lines(text: str) -> Iterator[str]:
    find, start, end = text.find, 0, len(text)
    while start < end:
        stop = find("\n", start) + 1 or end
        yield text[start:stop]
        start = stop


def first_line_of(text: str, needle: str) -> int | None:
    """The 1-based line of the first `needle` in `text`, or None."""
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


class CsvReader:
    """Strict, line-numbered records of one CSV text, with header search and row-width checks."""

    def __init__(self, text: str, path: str, delimiter: str, *, preview: bool = False) -> None:
        """`preview` reads only the first 256 KiB (format detection) and stops quietly where that ends."""
        if preview and len(text) > _PREVIEW_CHARS:
            text = text[: text.rfind("\n", 0, _PREVIEW_CHARS) + 1] or text[:_PREVIEW_CHARS]
        self.preview = preview
        self.path = path
        self.delimiter = delimiter
        self.skipped: list[RowIssue] = []
        self.warnings: list[RowIssue] = []
        self.header: list[str] = []
        self.header_line = 0
        self.data_records = 0
        self._has_nul = "\x00" in text
        self._may_be_big = len(text) > MAX_CELL_CHARS
        self._reader = csv.reader(lines(text), delimiter=delimiter, strict=True)
        self._pending: deque[Record] = deque()
        self._first: list[str] = []  # names columns in messages until the header is known
        self._source = self._parse()
        damaged = None if preview else first_line_of(text, "\ufffd")
        if damaged is not None:
            self.warnings.append(
                RowIssue(
                    damaged,
                    f"{text.count(chr(0xFFFD))} U+FFFD replacement characters: the text was already damaged "
                    "when this file was saved",
                )
            )

    def _parse(self) -> Iterator[Record]:
        reader = self._reader
        start = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if self.preview:
                    return  # the preview may end inside a quoted field; the real read judges the file
                self._bad_record(start, reader.line_num, str(exc))
                start = reader.line_num + 1
                continue
            line = start
            start = reader.line_num + 1
            if not fields:
                continue
            if not self._first:
                self._first = fields
            if self._has_nul:
                self._check_nul(line, fields)
            yield line, fields

    def _bad_record(self, start: int, end: int, message: str) -> None:
        if "field larger than field limit" in message:
            self.skipped.append(RowIssue(start, f"a cell is longer than {MAX_CELL_CHARS:,} characters"))
        elif "unexpected end of data" in message or end > start:
            raise FileRefusedError(
                self.path,
                'unterminated quoted field: a " opened on this line is never closed properly',
                start,
            )
        else:
            self.skipped.append(RowIssue(start, f"malformed quoting ({message})"))

    def _check_nul(self, line: int, fields: list[str]) -> None:
        for index, field in enumerate(fields):
            if "\x00" in field:
                raise FileRefusedError(
                    self.path, "contains a NUL byte (binary data, not text)", line, self.column_name(index)
                )

    def column_name(self, index: int) -> str:
        """The header of column `index` (0-based); the first record's cell, or ``#n``, before it is known."""
        names = self.header or self._first
        if index < len(names) and names[index].strip():
            return names[index].strip().lstrip("\ufeff")
        return f"#{index + 1}"

    def records(self) -> Iterator[Record]:
        """Every remaining non-blank record, replaying any that a failed header search looked at."""
        while self._pending:
            yield self._pending.popleft()
        # A plain loop, not `yield from`: abandoning this generator must not close the shared source.
        for record in self._source:  # noqa: UP028
            yield record

    def peek(self, count: int) -> list[Record]:
        """Up to `count` upcoming records, left in place for `records()` and `rows()`."""
        while len(self._pending) < count:
            record = next(self._source, None)
            if record is None:
                break
            self._pending.append(record)
        return list(self._pending)[:count]

    def find_header(self, accept: Callable[[list[str]], bool]) -> bool:
        """Consume records up to and including the first that `accept` takes as the header row."""
        seen: list[Record] = []
        for record in self.records():
            seen.append(record)
            if accept(record[1]):
                self.set_header(*record)
                return True
            if len(seen) >= HEADER_SEARCH_ROWS:
                break
        self._pending.extendleft(reversed(seen))
        return False

    def set_header(self, line: int, fields: list[str]) -> None:
        """Use `fields` (read at `line`) as the header row."""
        if len(fields) > MAX_COLUMNS:
            raise FileRefusedError(self.path, f"{len(fields):,} columns; the limit is {MAX_COLUMNS:,}", line)
        while len(fields) > 1 and not fields[-1].strip():
            fields = fields[:-1]  # Excel pads re-saved headers with empty columns
        self.header = [field.lstrip("\ufeff") for field in fields]
        self.header_line = line

    def rows(self, width: int | None = None) -> Iterator[Record]:
        """Data records of exactly `width` fields (default: the header's); others become RowIssues."""
        width = width or len(self.header)
        check_size = self._may_be_big
        for line, fields in self.records():
            self.data_records += 1
            if len(fields) != width:
                fixed = self._fit(line, fields, width)
                if fixed is None:
                    continue
                fields = fixed
            if check_size and max(map(len, fields)) > MAX_CELL_CHARS:
                fields = self._cut(line, fields)
            yield line, fields

    def _cut(self, line: int, fields: list[str]) -> list[str]:
        """Cells over the limit cut to it, each with a warning (one character more is left to a cell that
        starts with netcrm's formula escape, which the reader takes off)."""
        kept = []
        for index, field in enumerate(fields):
            limit = MAX_CELL_CHARS + (field[:1] == "'")
            if len(field) > limit:
                self.warnings.append(RowIssue(line, cut_message(len(field)), self.column_name(index)))
                field = cut(field, limit)
            kept.append(field)
        return kept

    def _fit(self, line: int, fields: list[str], width: int) -> list[str] | None:
        if len(fields) > width and not any(field.strip() for field in fields[width:]):
            return fields[:width]
        if len(fields) < width and not any(field.strip() for field in fields):
            return None  # a row of nothing but delimiters
        if len(fields) == 1 and self.delimiter in fields[0]:
            inner = next(csv.reader([fields[0]], delimiter=self.delimiter), [])
            if len(inner) == width:
                self.warnings.append(
                    RowIssue(line, "the whole row was wrapped in one pair of quotes; unwrapped")
                )
                return inner
        self.skipped.append(RowIssue(line, f"{len(fields)} fields where the header has {width}"))
        return None

    def require_data(self) -> None:
        """Refuse a file that has a header row and nothing after it."""
        if self.data_records == 0:
            raise FileRefusedError(self.path, "has a header row but no data rows", self.header_line)

    def result(
        self, fmt: str, encoding: str, contacts: Iterable[ParsedContact], hidden_members: int = 0
    ) -> ParseResult:
        """What a format reader found: the contacts, with this reader's skipped rows, warnings and header.

        A file with a header row and no data rows is refused here (`require_data`).
        """
        self.require_data()
        return ParseResult(
            path=self.path,
            format=fmt,
            encoding=encoding,
            rows=tuple(contacts),
            skipped=tuple(self.skipped),
            warnings=tuple(self.warnings),
            hidden_members=hidden_members,
            headers=tuple(self.header),
        )
