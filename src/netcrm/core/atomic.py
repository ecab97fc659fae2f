"""Atomic file replacement: every file netcrm writes appears complete or not at all.

The new content goes to a temporary file in the target's folder (``.NAME.XXXXXXXX.tmp``, same file system,
so the rename is atomic), is flushed and fsynced, then ``os.replace``-d over the target, and the folder is
fsynced so that the rename itself survives a power cut. On any failure the temporary file is removed and the
old target is left byte-identical. Writes go through ``os.write`` and syncs through ``os.fsync`` (looked up
at call time), so fault-injection tests can monkeypatch them.

A deterministic crash point for tests: when ``NETCRM_CRASHPOINT`` equals the crash point name (by default
``export.before_rename``), the process calls ``os._exit(137)`` after the data is synced and just before the
rename, like a ``kill -9`` at the worst moment.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, TypeVar, cast, overload

from netcrm.core.crashpoints import crashpoint
from netcrm.core.errors import BadInputError, EnvironmentFailure

__all__ = ["atomic_file", "atomic_write", "cleanup_stale_temps", "environment_error"]

DEFAULT_CRASHPOINT = "export.before_rename"
_BUFFER_SIZE = 1 << 20
_NEW_FILE_MODE = 0o600
#: Our temporary names: ".", the target's (maybe shortened) name, ".", 8 random characters (mkstemp), ".tmp".
_TEMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)})
_DENIED = frozenset({errno.EACCES, errno.EPERM})

T = TypeVar("T")


def environment_error(path: str | os.PathLike[str], exc: OSError) -> EnvironmentFailure | None:
    """Translate an OSError that means "the machine failed us" into EnvironmentFailure, else None."""
    where = os.fspath(path)
    detail = exc.strerror or str(exc)
    if exc.errno in _DISK_FULL:
        return EnvironmentFailure(
            f"{where}: disk full or file too large ({detail}); the old file, if any, is unchanged"
        )
    if exc.errno == errno.EROFS:
        return EnvironmentFailure(f"{where}: read-only file system ({detail}); nothing was written")
    if exc.errno in _DENIED:
        return EnvironmentFailure(f"{where}: permission denied ({detail}); nothing was written")
    return None


class _FdWriter(io.RawIOBase):
    """A raw, seekable, write-only file over a descriptor that writes through ``os.write``."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        return os.write(self._fd, data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        return os.lseek(self._fd, offset, whence)

    def tell(self) -> int:
        return os.lseek(self._fd, 0, os.SEEK_CUR)

    def close(self) -> None:
        if not self.closed:
            try:
                os.close(self._fd)
            finally:
                super().close()


def _resolve_target(path: str | os.PathLike[str]) -> Path:
    target = Path(path)
    # Write through a symlink to the file it names (as QSaveFile does) instead of replacing the link.
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    if target.is_dir():
        raise BadInputError(f"{target}: is a folder, not a file")
    if not target.parent.is_dir():
        raise BadInputError(f"{target}: the folder {target.parent} does not exist")
    return target


def _temp_prefix(name: str) -> str:
    # Keep the temporary name under NAME_MAX (255 bytes) whatever the target's name.
    short = name
    while len(short.encode("utf-8", "surrogateescape")) > 200:
        short = short[: len(short) // 2]
    return f".{short}."


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals the rename.
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError as exc:
        # Some file systems (and some container mounts) refuse fsync on a folder; the rename is done anyway.
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


@overload
def atomic_file(
    path: str | os.PathLike[str],
    mode: Literal["wb"] = "wb",
    *,
    encoding: None = None,
    newline: None = None,
    crash_point: str | None = DEFAULT_CRASHPOINT,
) -> contextlib.AbstractContextManager[BinaryIO]: ...


@overload
def atomic_file(
    path: str | os.PathLike[str],
    mode: Literal["w"],
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
    crash_point: str | None = DEFAULT_CRASHPOINT,
) -> contextlib.AbstractContextManager[TextIO]: ...


def atomic_file(
    path: str | os.PathLike[str],
    mode: Literal["wb", "w"] = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    crash_point: str | None = DEFAULT_CRASHPOINT,
) -> contextlib.AbstractContextManager[BinaryIO] | contextlib.AbstractContextManager[TextIO]:
    """Open a temporary file next to `path`; on a clean exit of the block it replaces `path`.

    `mode` is ``"wb"`` (a binary, seekable file) or ``"w"`` (text, with `encoding` and `newline` as for
    ``open``). New files are created 0600; an existing target keeps its permission bits. If the block raises,
    or any step fails, the temporary file is removed, the old target is untouched, and the exception
    propagates; an OSError meaning disk full, permission denied or read-only file system becomes
    `EnvironmentFailure` naming `path`. A missing folder, or a folder given as the target, is `BadInputError`.
    `crash_point` names the ``NETCRM_CRASHPOINT`` that kills the process just before the rename (None: none).
    """
    if mode not in ("wb", "w"):
        raise ValueError(f"unsupported mode {mode!r}")
    manager = _atomic_file(path, mode, encoding, newline, crash_point)
    return cast("contextlib.AbstractContextManager[BinaryIO]", manager)


@contextlib.contextmanager
def _atomic_file(
    path: str | os.PathLike[str],
    mode: str,
    encoding: str | None,
    newline: str | None,
    crash_point: str | None,
) -> Iterator[IO[Any]]:
    target = _resolve_target(path)
    tmp: str | None = None
    handle: IO[Any] | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp", dir=target.parent)
        buffered = io.BufferedWriter(cast(Any, _FdWriter(fd)), _BUFFER_SIZE)
        handle = buffered
        if mode == "w":
            handle = io.TextIOWrapper(buffered, encoding=encoding or "utf-8", newline=newline)
        try:
            existing = os.stat(target).st_mode
        except FileNotFoundError:
            existing = None
        else:
            # Renaming would replace a file the user made read-only; refuse as a plain write would.
            if not os.access(target, os.W_OK):
                raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(target))
        wanted = stat.S_IMODE(existing) if existing is not None else _NEW_FILE_MODE
        if hasattr(os, "fchmod"):
            os.fchmod(fd, wanted)
        else:  # pragma: no cover - Windows
            os.chmod(tmp, wanted)

        yield handle

        handle.flush()
        os.fsync(fd)
        handle.close()
        handle = None
        if crash_point is not None:
            crashpoint(crash_point)
        os.replace(tmp, target)
        tmp = None
        try:
            _fsync_dir(target.parent)
        except OSError as exc:
            raise EnvironmentFailure(
                f"{target}: written, but its folder could not be synced ({exc.strerror or exc}); "
                "the new file may not survive a power cut"
            ) from exc
    except OSError as exc:
        mapped = environment_error(target, exc)
        if mapped is not None:
            raise mapped from exc
        raise
    finally:
        if handle is not None:
            # Closing flushes the buffer, which can fail again (disk still full); the temp file goes anyway.
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        if tmp is not None:
            _remove_quietly(tmp)


def atomic_write(
    path: str | os.PathLike[str],
    writer_fn: Callable[[BinaryIO], T],
    *,
    crash_point: str | None = DEFAULT_CRASHPOINT,
) -> T:
    """Call ``writer_fn(file)`` on a binary temporary file and atomically replace `path` with it."""
    with atomic_file(path, "wb", crash_point=crash_point) as handle:
        return writer_fn(handle)


def cleanup_stale_temps(folder: str | os.PathLike[str], *, max_age: float = 3600.0) -> list[Path]:
    """Remove our own temporary files (``.NAME.XXXXXXXX.tmp``) left in `folder` by a crash.

    Only regular files older than `max_age` seconds, owned by this user (on POSIX), are removed, so a
    concurrent export still writing is never touched. Returns the removed paths; errors are ignored.
    """
    removed: list[Path] = []
    now = time.time()
    getuid = getattr(os, "getuid", None)
    uid = getuid() if getuid is not None else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMP_RE.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < max_age:
            continue
        if uid is not None and info.st_uid != uid:
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed
