"""Opening a database file without harming it (stdlib only: the GUI runs this before SQLAlchemy).

- Reading never writes: a read opens with SQLite's ``mode=ro`` (no journal-mode change, no marker, no
  upgrade); a file or folder netcrm cannot write is opened ``immutable`` as well, so that SQLite creates no
  -shm or -wal beside it (they would come out read-only and lock the user out once the file is writable).
- A damaged file is never written: ``PRAGMA quick_check`` runs before anything else touches it.
- Before writing, netcrm's own files get their private modes back (a 0644 database, a 0444 -shm left by a
  read-only episode), and its own crash leftovers (temp files of exports and backups) are swept.
- An export or backup never lands on the open database, its -wal/-shm or a backup of it.
- SQLite's failures become netcrm's errors with the exit codes of DESIGN.md section 4.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from netcrm.core.errors import (
    BadInputError,
    DatabaseBusyError,
    DatabaseUnusableError,
    EnvironmentFailure,
    NetcrmError,
)
from netcrm.core.paths import backups_dir

DAMAGED = "damaged: restore a backup or run check --repair"
SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
SIDECARS = ("-wal", "-shm", "-journal")
PRIVATE_MODE = 0o600
#: A leftover younger than this may belong to an export or backup still running (each write refreshes the
#: file's time), so it is left alone.
LEFTOVER_AGE_S = 600.0
BUSY_TIMEOUT_MS = 5000

_ATOMIC_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # core/atomic.py: .NAME.XXXXXXXX.tmp
_BACKUP_TEMP = re.compile(r"^\..+\.tmp$")  # core/store/backup.py: .NAME.tmp, a SQLite file
_BACKUP_JOURNAL = re.compile(r"^\..+\.tmp-journal$")  # its rollback journal


@dataclass(frozen=True)
class Access:
    """How netcrm may open a database file."""

    #: Why netcrm cannot write it (the file or its folder is read-only), or None.
    read_only_reason: str | None
    #: Open with ``immutable=1``: read-only, and no -wal holds changes, so nothing has to be created.
    immutable: bool

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None


def access_of(path: Path) -> Access:
    """Whether `path` (an existing file) can be written, and how a read may open it."""
    if not os.access(path, os.W_OK):
        reason = f"{path}: the database file is read-only"
    elif not os.access(path.parent, os.W_OK | os.X_OK):
        reason = f"{path.parent}: the folder is read-only"
    else:
        return Access(None, immutable=False)
    wal = Path(f"{path}-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    # With changes in a -wal the file must be read through it (and its -shm, if SQLite may read that).
    return Access(reason, immutable=not pending)


def read_uri(path: Path, access: Access | None = None) -> str:
    """The URI of a read-only connection to `path` that creates nothing it could not remove."""
    access = access or access_of(path)
    return f"{path.as_uri()}?mode=ro" + ("&immutable=1" if access.immutable else "")


def busy_timeout_ms() -> int:
    """How long a connection waits for another writer (NETCRM_BUSY_TIMEOUT_MS overrides, for tests)."""
    return int(os.environ.get("NETCRM_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS))


def connect_read_only(
    path: Path, access: Access | None = None, *, any_thread: bool = False
) -> sqlite3.Connection:
    """A stdlib connection that reads `path` and never writes it (`any_thread`: for a connection pool)."""
    conn = sqlite3.connect(
        read_uri(path, access), uri=True, timeout=busy_timeout_ms() / 1000, check_same_thread=not any_thread
    )
    conn.execute("PRAGMA query_only = 1")
    return conn


def sqlite_failure(where: str, exc: BaseException) -> NetcrmError | None:
    """netcrm's error for a SQLite failure (told apart by message: SQLite's classes are coarse), else None."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    if not isinstance(orig, sqlite3.Error):
        return None
    if "could not decode" in text:  # the driver met bytes that are not UTF-8 in a text column
        return DatabaseUnusableError(f"{where}: {DAMAGED} (text that is not UTF-8: {orig})")
    if isinstance(orig, sqlite3.OperationalError):
        if "locked" in text or "busy" in text:
            return DatabaseBusyError(f"{where}: the database is busy (another program is writing); try again")
        if "full" in text:
            return EnvironmentFailure(f"{where}: disk full; nothing was saved")
        if "readonly" in text or "read-only" in text:
            return DatabaseUnusableError(f"{where}: the database is read-only; nothing was saved")
        if "disk i/o" in text:
            return EnvironmentFailure(f"{where}: disk I/O error (is the disk full?); nothing was saved")
        if "unable to open" in text:
            return EnvironmentFailure(f"{where}: the database cannot be opened (permission denied?)")
        return None
    if isinstance(orig, (sqlite3.DatabaseError,)) and not isinstance(
        orig, (sqlite3.ProgrammingError, sqlite3.IntegrityError, sqlite3.InterfaceError)
    ):
        return DatabaseUnusableError(f"{where}: {DAMAGED} ({orig}); nothing was changed")
    return None


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file: SQLite's quick_check (b-trees, pages, records) and the file's full length."""
    try:
        verdict = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.Error as exc:
        raise sqlite_failure(str(path), exc) or DatabaseUnusableError(f"{path}: {DAMAGED} ({exc})") from exc
    if verdict != "ok":
        raise DatabaseUnusableError(f"{path}: {DAMAGED} ({verdict}); nothing was changed")
    truncated = _truncation(path)
    if truncated:
        raise DatabaseUnusableError(f"{path}: {DAMAGED} ({truncated}); nothing was changed")


def _truncation(path: Path) -> str | None:
    """The file is shorter than its header says (a copy cut short), or None."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return None
    if len(header) < 100:
        return "the file is shorter than its header"
    page = int.from_bytes(header[16:18], "big") or 65536
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the in-header size counts only when its change counter matches
    if valid and pages and pages * page > size and not Path(f"{path}-wal").exists():
        return f"truncated: {size:,} bytes of {pages * page:,}"
    return None


def prepare_for_writing(path: Path) -> list[str]:
    """Give netcrm's own files their private mode back before writing; returns notes for the user."""
    notes: list[str] = []
    try:
        info = path.stat()
    except OSError:
        return notes
    if _owned(info) and stat.S_IMODE(info.st_mode) & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_MODE)
            notes.append(
                f"{path}: was readable by others ({stat.S_IMODE(info.st_mode):04o}); "
                f"now readable by you only (0600)"
            )
    for suffix in SIDECARS:
        sidecar = Path(f"{path}{suffix}")
        try:
            side = sidecar.stat()
        except OSError:
            continue
        if _owned(side) and stat.S_IMODE(side.st_mode) != PRIVATE_MODE:
            with contextlib.suppress(OSError):
                os.chmod(sidecar, PRIVATE_MODE)  # a 0444 -shm from a read-only episode would block writes
    return notes


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def sweep_leftovers(folder: Path, *, max_age: float = LEFTOVER_AGE_S) -> list[Path]:
    """Remove netcrm's own temp files left in `folder` by a crash (only those, only old ones, only ours)."""
    from netcrm.core.atomic import cleanup_stale_temps

    removed = cleanup_stale_temps(folder, max_age=max_age)
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if _BACKUP_TEMP.match(name) and not _ATOMIC_TEMP.match(name):
            magic = SQLITE_HEADER
        elif _BACKUP_JOURNAL.match(name):
            magic = JOURNAL_MAGIC
        else:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < max_age or not _owned(info):
                continue
            with open(entry.path, "rb") as handle:
                start = handle.read(len(magic))
            if start and start != magic:
                continue  # not a database netcrm was copying: someone else's file
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def refuse_database_target(target: Path, db_path: Path, *, allow_backups: bool = False) -> None:
    """Refuse to write `target` when it is the database, its -wal/-shm/-journal, or (unless `allow_backups`)
    a backup of it or any other SQLite file; compared by device and inode, after resolving links."""
    protected: dict[tuple[int, int], str] = {}
    real_db = Path(os.path.realpath(db_path))
    names = {str(real_db): "the open database"} | {
        f"{real_db}{suffix}": f"the open database's {suffix} file" for suffix in SIDECARS
    }
    for candidate, label in names.items():
        with contextlib.suppress(OSError):
            found = os.stat(candidate)
            protected[(found.st_dev, found.st_ino)] = label
    real = Path(os.path.realpath(target))
    what = names.get(str(real))
    info: os.stat_result | None = None
    with contextlib.suppress(OSError):
        info = real.stat()
    if what is None and info is not None:
        what = protected.get((info.st_dev, info.st_ino))
        if what is None and not allow_backups and stat.S_ISREG(info.st_mode):
            if real.parent == Path(os.path.realpath(backups_dir(db_path))):
                what = "a backup of the open database"
            else:
                with contextlib.suppress(OSError), open(real, "rb") as handle:
                    if handle.read(16) == SQLITE_HEADER:
                        what = "a SQLite database (a backup?)"
    if what is not None:
        raise BadInputError(f"{target}: is {what}; choose another file, nothing was written")


def backup_failure(dest: Path, exc: BaseException) -> NetcrmError | None:
    """A backup's failure, naming its destination (the database itself is fine)."""
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return EnvironmentFailure(f"{dest}: disk full, the backup was not written")
        return EnvironmentFailure(f"{dest}: cannot write the backup ({exc.strerror or exc})")
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "full" in text or "disk i/o" in text:
            return EnvironmentFailure(f"{dest}: disk full, the backup was not written")
        if "unable to open" in text or "readonly" in text or "read-only" in text:
            return EnvironmentFailure(f"{dest}: cannot write the backup ({exc})")
    return None
