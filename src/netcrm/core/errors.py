"""Deliberate failures, each carrying the exit code of DESIGN.md section 4."""

from __future__ import annotations


class NetcrmError(Exception):
    """Base of every failure netcrm reports on purpose (never a bug)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class BadInputError(NetcrmError):
    """Bad input or usage: a refused file, an invalid value, an unknown id."""

    exit_code = 2


class ValidationError(BadInputError):
    """A value the user typed is invalid; `field` names where."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(BadInputError):
    """An id that names nothing (or nothing live)."""


class ConflictError(BadInputError):
    """The record was changed elsewhere since it was read (optimistic concurrency)."""

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version


def locate(path: str, row: int | None = None, column: str | None = None) -> str:
    """Where in a file: `path, row 12, column 'Email Address'` (as every message about a file says it)."""
    where = path
    if row is not None:
        where += f", row {row}"
    if column is not None:
        where += f", column {column!r}"
    return where


class FileRefusedError(BadInputError):
    """An input file that cannot be imported; the message names the file, row and column."""

    def __init__(self, path: str, reason: str, row: int | None = None, column: str | None = None) -> None:
        super().__init__(f"{locate(path, row, column)}: {reason}")
        self.path = path
        self.row = row
        self.column = column
        self.reason = reason


class MappingNeeded(FileRefusedError):
    """A table netcrm cannot read by itself: no header row, or no column, it can name as a contact field.

    It carries what a face needs to ask which column holds what: the candidate header (the header row found,
    else the first row), the format and encoding, a workbook's sheets. The reason names no remedy: each face
    words its own (`--map COLUMN=FIELD` on the command line, the mapping page in the wizard).
    """

    def __init__(
        self,
        path: str,
        reason: str,
        *,
        columns: tuple[str, ...],
        fields: tuple[str, ...],
        header_found: bool,
        format: str = "csv",
        encoding: str = "",
        sheets: tuple[str, ...] = (),
    ) -> None:
        super().__init__(path, reason)
        self.columns = columns
        self.fields = fields  # netcrm's guess for each column ("ignore": none), for the face to start from
        self.header_found = header_found  # False: no row looked like a header; `columns` is the first row
        self.format = format
        self.encoding = encoding
        self.sheets = sheets

    def found_in(self, format: str, encoding: str, sheets: tuple[str, ...] = ()) -> MappingNeeded:
        """The same refusal, saying which format and encoding the file was read as."""
        return MappingNeeded(
            self.path,
            self.reason,
            columns=self.columns,
            fields=self.fields,
            header_found=self.header_found,
            format=format,
            encoding=encoding,
            sheets=sheets or self.sheets,
        )


class DatabaseBusyError(NetcrmError):
    """The database is locked by another writer, or open in another netcrm window."""

    exit_code = 3


class DatabaseUnusableError(NetcrmError):
    """Corrupt, not a database, read-only, or written by a newer netcrm."""

    exit_code = 4


class SchemaTooNewError(DatabaseUnusableError):
    """The database was written by a newer netcrm; it is left untouched."""


class EnvironmentFailure(NetcrmError):
    """The machine failed us: disk full, permission denied."""

    exit_code = 5


class Cancelled(NetcrmError):
    """The user cancelled a long job; everything it did was rolled back."""

    exit_code = 1
