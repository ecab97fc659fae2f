"""Verified backups with SQLite's online backup API: temp file, integrity check, fsync, rename."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import DatabaseUnusableError
from netcrm.core.paths import backups_dir, ensure_private_dir
from netcrm.core.store.opening import backup_failure, connect_read_only

#: Why automatic backups are taken; only these are ever thinned (manual and pre-upgrade backups stay).
THINNED = frozenset({"auto", "before-import", "before-undo", "before-restore", "repair"})
#: The name's time stamp (local time), which thinning reads back.
STAMP = "%Y%m%d-%H%M%S-%f"


def backup_name(db_path: Path, taken: datetime, reason: str) -> str:
    """The file name of a backup: the database's stem, the time it was taken, why."""
    return f"{db_path.stem}-{taken.strftime(STAMP)}-{reason}.sqlite3"


def backup_sqlite(
    db_path: Path,
    dest: Path | None = None,
    *,
    reason: str = "manual",
    taken: datetime | None = None,
    thin: bool = True,
) -> Path:
    """Copy a live database to `dest` (default: the backups folder) and return the verified copy's path.

    An automatic backup (before a restore, a repair, an import...) then thins its folder by the default
    policy (core/backups.py) unless `thin` is False; the app thins by the user's settings itself.
    """
    if dest is None:
        folder = backups_dir(db_path)
        ensure_private_dir(folder)
        dest = folder / backup_name(db_path, taken or datetime.now(), reason)
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
    if thin and reason in THINNED:
        from netcrm.core.backups import ThinningPolicy, thin_folder

        thin_folder(dest.parent, db_path.stem, ThinningPolicy(), taken or datetime.now(), keep=dest)
    return dest


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def copy_private(source: Path, dest: Path) -> Path:
    """Copy a file byte for byte to `dest` atomically (a temp name beside it, fsync, rename), 0600."""
    tmp = dest.with_name(f".{dest.name}.tmp")
    try:
        fd = os.open(tmp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with open(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return dest
