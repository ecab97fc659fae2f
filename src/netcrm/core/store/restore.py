"""Listing backups and restoring one in place, atomically, through SQLite's backup API.

A restore is what a user reaches for when the live database is damaged, so it never opens the live file the
way a command does (that refuses damage): a healthy live file is backed up and overwritten in place by
SQLite's backup API; a damaged (or missing) one is first copied aside byte for byte, then replaced by a
verified copy of the backup with one rename.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from netcrm.core.backups import backup_time
from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import BadInputError, DatabaseUnusableError, EnvironmentFailure
from netcrm.core.paths import backups_dir, ensure_private_dir
from netcrm.core.store.backup import backup_sqlite, copy_private, fsync_dir
from netcrm.core.store.opening import SIDECARS, backup_failure, connect_read_only, quick_check

#: The suffix of a damaged database set aside before a restore (not offered as a backup to restore).
DAMAGED_SUFFIX = ".damaged"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, and how the live database differs from it (by contact id and version).

    `added`, `edited` and `deleted` are None when the live database cannot be read (it is damaged).
    """

    path: Path
    taken: datetime
    size: int
    contacts: int
    added: int | None
    edited: int | None
    deleted: int | None


def _open_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup_files(db_path: Path, extra: Sequence[Path] = ()) -> list[Path]:
    """The backup files of a database: its backups folder's, and its own in the `extra` folders (the
    app's backups folder and second folder, when the user chose them)."""
    found = list(backups_dir(db_path).glob("*.sqlite3"))
    names = {p.name for p in found}
    for folder in extra:
        if folder.is_dir():
            mine = [p for p in folder.glob(f"{db_path.stem}-*.sqlite3") if p.name not in names]
            found += mine
            names |= {p.name for p in mine}
    return found


def list_backups(db_path: Path, extra: Sequence[Path] = ()) -> list[BackupInfo]:
    """The backups of a database, newest first; unreadable files are left out."""
    found: list[BackupInfo] = []
    for path in backup_files(db_path, extra):
        try:
            conn = _open_ro(path)
            try:
                contacts = conn.execute("SELECT count(*) FROM contact WHERE deleted_at IS NULL").fetchone()[0]
            finally:
                conn.close()
            stat = path.stat()
        except (sqlite3.Error, OSError):
            continue
        added, edited, deleted = _since(db_path, path)
        taken = backup_time(path.name, db_path.stem) or datetime.fromtimestamp(stat.st_mtime)
        found.append(BackupInfo(path, taken, stat.st_size, contacts, added, edited, deleted))
    return sorted(found, key=lambda info: info.taken, reverse=True)


def _since(db_path: Path, backup: Path) -> tuple[int | None, int | None, int | None]:
    """Contacts added, edited and deleted in the live database since `backup`; Nones if it cannot be read."""
    try:
        conn = connect_read_only(db_path)
    except sqlite3.Error:
        return None, None, None
    try:
        conn.execute("ATTACH DATABASE ? AS old", (f"{backup.resolve().as_uri()}?mode=ro",))
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
    except sqlite3.Error:
        return None, None, None
    finally:
        conn.close()
    return added, edited, deleted


def verify_backup(backup: Path) -> None:
    """Refuse a file that is not a whole netcrm database (integrity_check, and a schema revision)."""
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


def restore_sqlite(db_path: Path, backup: Path) -> Path | None:
    """Put a verified backup's contents in place of the live database; returns where what was live went
    (a verified backup, or the damaged file set aside), None when there was no live database.

    A healthy live file is overwritten through SQLite's backup API in one write transaction of SQLite's own
    (open connections see the restored data; -wal and -shm stay SQLite's business). A damaged one cannot be
    trusted to SQLite: its bytes (and its -wal) are copied aside first, then a verified copy of the backup
    replaces it with one rename. A kill at any point leaves the old database or the restored one.
    """
    verify_backup(backup)
    if not db_path.exists():
        _replace_with_copy(db_path, backup)
        return None
    if _is_healthy(db_path):
        try:
            before = backup_sqlite(db_path, reason="before-restore")
        except DatabaseUnusableError:  # quick_check passed, the full integrity_check of the copy did not
            pass
        else:
            crashpoint("restore.after_backup")
            _overwrite_in_place(db_path, backup)
            return before
    aside = set_aside_damaged(db_path)
    crashpoint("restore.after_set_aside")
    _replace_with_copy(db_path, backup)
    return aside


def _is_healthy(db_path: Path) -> bool:
    """Whether SQLite can be trusted with the live file (its quick_check passes); busy or full disks raise."""
    try:
        conn = connect_read_only(db_path)
    except sqlite3.DatabaseError:
        return False
    try:
        quick_check(conn, db_path)
    except DatabaseUnusableError:
        return False
    finally:
        conn.close()
    return True


def _overwrite_in_place(db_path: Path, backup: Path) -> None:
    source = _open_ro(backup)
    target = sqlite3.connect(db_path, timeout=10)
    try:
        source.backup(target)  # pages=-1: every page in one step, one transaction on the target
        crashpoint("restore.after_copy")
    finally:
        target.close()
        source.close()


def set_aside_damaged(db_path: Path) -> Path:
    """Copy a damaged database (and its -wal) byte for byte into its backups folder, 0600, synced."""
    folder = backups_dir(db_path)
    ensure_private_dir(folder)
    aside = folder / f"{db_path.stem}-{datetime.now():%Y%m%d-%H%M%S-%f}-damaged.sqlite3{DAMAGED_SUFFIX}"
    for source, dest in ((db_path, aside), (Path(f"{db_path}-wal"), Path(f"{aside}-wal"))):
        if not source.exists() or (source != db_path and source.stat().st_size == 0):
            continue  # an empty -wal holds nothing
        try:
            copy_private(source, dest)
        except OSError as exc:
            raise backup_failure(dest, exc) or exc from exc
    fsync_dir(folder)
    return aside


def _replace_with_copy(db_path: Path, backup: Path) -> None:
    """A verified copy of `backup` beside the database, then renamed over it (the old sidecars go first,
    so SQLite never replays a damaged file's -wal into the restored one)."""
    tmp = db_path.with_name(f".{db_path.name}.restore.tmp")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        source = _open_ro(backup)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
            source.close()
        if verdict != "ok":
            raise DatabaseUnusableError(f"{backup}: the copy did not verify ({verdict}); nothing was changed")
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        crashpoint("restore.before_replace")
        for suffix in SIDECARS:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{db_path}{suffix}")
        os.replace(tmp, db_path)
        fsync_dir(db_path.parent)
    except BaseException as exc:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        failure = backup_failure(db_path, exc) if isinstance(exc, (OSError, sqlite3.Error)) else None
        if failure is not None:
            raise EnvironmentFailure(
                f"{db_path}: cannot write the restored copy ({failure}); nothing was restored"
            ) from exc
        raise
