"""Listing backups and restoring one in place, atomically, through SQLite's backup API."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import BadInputError, DatabaseUnusableError
from netcrm.core.paths import backups_dir
from netcrm.core.store.backup import backup_sqlite


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, and how the live database differs from it (by contact id and version)."""

    path: Path
    taken: datetime
    size: int
    contacts: int
    added: int
    edited: int
    deleted: int


def _open_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups beside a database, newest first; unreadable files are left out."""
    found: list[BackupInfo] = []
    for path in sorted(backups_dir(db_path).glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True):
        with contextlib.suppress(sqlite3.Error):
            conn = _open_ro(db_path)
            try:
                conn.execute("ATTACH DATABASE ? AS old", (f"{path.resolve().as_uri()}?mode=ro",))
                contacts = conn.execute(
                    "SELECT count(*) FROM old.contact WHERE deleted_at IS NULL"
                ).fetchone()[0]
                added = conn.execute(
                    "SELECT count(*) FROM contact c WHERE c.deleted_at IS NULL AND NOT EXISTS "
                    "(SELECT 1 FROM old.contact o WHERE o.id = c.id AND o.deleted_at IS NULL)"
                ).fetchone()[0]
                edited = conn.execute(
                    "SELECT count(*) FROM contact c JOIN old.contact o ON o.id = c.id "
                    "WHERE c.deleted_at IS NULL AND o.deleted_at IS NULL AND c.version != o.version"
                ).fetchone()[0]
                deleted = conn.execute(
                    "SELECT count(*) FROM old.contact o WHERE o.deleted_at IS NULL AND NOT EXISTS "
                    "(SELECT 1 FROM contact c WHERE c.id = o.id AND c.deleted_at IS NULL)"
                ).fetchone()[0]
            finally:
                conn.close()
            stat = path.stat()
            found.append(
                BackupInfo(
                    path,
                    datetime.fromtimestamp(stat.st_mtime),
                    stat.st_size,
                    contacts,
                    added,
                    edited,
                    deleted,
                )
            )
    return found


def restore_sqlite(db_path: Path, backup: Path) -> Path:
    """Put a verified backup's contents in place of the live database; returns the backup of what was live.

    The copy goes through SQLite's backup API into the live file, in one write transaction of SQLite's own:
    a kill at any point leaves the old database or the restored one, never a half file; -wal and -shm stay
    SQLite's business.
    """
    if not backup.is_file():
        raise BadInputError(f"{backup}: no such backup file")
    try:
        source = _open_ro(backup)
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchone()[0]
            source.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise DatabaseUnusableError(f"{backup}: not a netcrm backup ({exc}); nothing was changed") from exc
    if verdict != "ok":
        raise DatabaseUnusableError(f"{backup}: the backup is damaged ({verdict}); nothing was changed")
    before = backup_sqlite(db_path, reason="before-restore")
    crashpoint("restore.after_backup")
    source = _open_ro(backup)
    target = sqlite3.connect(db_path, timeout=10)
    try:
        source.backup(target)  # pages=-1: every page in one step, one transaction on the target
        crashpoint("restore.after_copy")
    finally:
        target.close()
        source.close()
    return before
