"""Verified backups with SQLite's online backup API: temp file, integrity check, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import DatabaseUnusableError
from netcrm.core.paths import backups_dir, ensure_private_dir
from netcrm.core.store.opening import backup_failure, connect_read_only

KEEP_AUTOMATIC = 10


def backup_sqlite(db_path: Path, dest: Path | None = None, *, reason: str = "manual") -> Path:
    """Copy a live database to `dest` (default: the backups folder) and return the verified copy's path."""
    if dest is None:
        folder = backups_dir(db_path)
        ensure_private_dir(folder)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        dest = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite3"
    elif dest.is_dir():
        dest = dest / f"{db_path.stem}-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    tmp = dest.with_name(f".{dest.name}.tmp")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        os.close(fd)
        source = connect_read_only(db_path)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target, pages=1024)
            crashpoint("backup.mid")
            target.execute("PRAGMA journal_mode = DELETE")
            verdict = target.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise DatabaseUnusableError(
                    f"{db_path}: the backup did not verify ({verdict}); the database may be damaged"
                )
        finally:
            target.close()
            source.close()
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except BaseException as exc:
        for leftover in (tmp, Path(f"{tmp}-journal")):  # the copy, and the journal SQLite kept beside it
            with contextlib.suppress(OSError):
                leftover.unlink()
        failure = backup_failure(dest, exc) if isinstance(exc, (OSError, sqlite3.Error)) else None
        if failure is not None:
            raise failure from exc
        raise
    if reason != "manual":
        prune_backups(backups_dir(db_path), keep=KEEP_AUTOMATIC, newest=dest)
    return dest


def prune_backups(folder: Path, *, keep: int, newest: Path) -> list[Path]:
    """Drop the oldest automatic backups beyond `keep`; the newest verified one is never removed."""
    automatic = sorted(p for p in folder.glob("*.sqlite3") if not p.name.endswith("-manual.sqlite3"))
    removed = []
    for old in automatic[:-keep] if len(automatic) > keep else []:
        if old != newest:
            old.unlink()
            removed.append(old)
    return removed


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
