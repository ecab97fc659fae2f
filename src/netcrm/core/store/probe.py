"""Checking a database file before opening it, with the stdlib only (the GUI runs it before SQLAlchemy)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from netcrm.core.errors import DatabaseUnusableError, SchemaTooNewError
from netcrm.core.paths import backups_dir, marker_path
from netcrm.core.store.opening import SQLITE_HEADER, Access, connect_read_only, quick_check, sqlite_failure
from netcrm.core.store.revisions import KNOWN_REVISIONS


@dataclass(frozen=True)
class Probe:
    """What an existing SQLite file holds, read without writing a byte."""

    revision: str | None
    has_tables: bool


def probe_sqlite_file(path: Path, *, check: bool = False, access: Access | None = None) -> Probe:
    """Check that `path` is a netcrm database this version understands; raises if not.

    With `check`, SQLite's quick_check runs too: a damaged file is refused before anything writes to it.
    Nothing is created beside a file netcrm cannot write (see opening.read_uri).
    """
    size = path.stat().st_size
    if size == 0:
        if marker_path(path).exists() or _has_backups(path):
            raise DatabaseUnusableError(
                f"{path}: the database file is empty (0 bytes) but once held data; "
                f"nothing was changed. Restore a backup from {backups_dir(path)}"
            )
        return Probe(revision=None, has_tables=False)
    with open(path, "rb") as handle:
        header = handle.read(16)
    if header != SQLITE_HEADER:
        raise DatabaseUnusableError(
            f"{path}: not a netcrm database (the file is not SQLite); nothing was changed"
        )
    try:
        conn = connect_read_only(path, access)
        try:
            if check:
                quick_check(conn, path)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        failure = sqlite_failure(str(path), exc)
        if failure is not None and not isinstance(failure, DatabaseUnusableError):
            raise failure from exc  # busy (exit 3), disk full or I/O (exit 5): not the file's fault
        raise DatabaseUnusableError(
            f"{path}: the database cannot be read ({exc}); nothing was changed"
            if failure is None or "damaged" not in str(failure)
            else str(failure)
        ) from exc
    if tables and "alembic_version" not in tables:
        raise DatabaseUnusableError(f"{path}: not a netcrm database (unknown tables); nothing was changed")
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise SchemaTooNewError(
            f"{path}: created by a newer netcrm (schema {revision}); update netcrm to open it. "
            "Nothing was changed"
        )
    return Probe(revision=revision, has_tables=bool(tables))


def _has_backups(path: Path) -> bool:
    folder = backups_dir(path)
    return folder.is_dir() and any(folder.iterdir())
