"""Open zip containers (LinkedIn exports, .xlsx) without trusting them (RELIABILITY.md 31, 34).

Before anything is inflated, the central directory's declared sizes and compression ratios are checked;
members are then read in memory, never extracted, and never more than their declared size (Python's zipfile
stops there and checks the CRC), so a member that lies about its size fails instead of growing.
Member names are only ever compared and quoted in messages, never used as paths.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from netcrm.core.errors import FileRefusedError
from netcrm.core.io.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_UNCOMPRESSED_BYTES,
    MAX_ZIP_MEMBERS,
    RATIO_GRACE_BYTES,
)

_MB = 1024 * 1024


def printable(name: str) -> str:
    """A member name safe to show in a one-line message (no controls, no bidi overrides)."""
    return "".join(
        ch if ch.isprintable() and ch not in "\u202a\u202b\u202c\u202d\u202e" else "?" for ch in name
    )[:200]


def open_zip(data: bytes, path: str, what: str) -> zipfile.ZipFile:
    """The archive in `data`; FileRefusedError naming `what` (".xlsx workbook"…) if it is unreadable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise FileRefusedError(
            path, f"not a readable {what}: the zip container is truncated or damaged"
        ) from None
    if len(archive.infolist()) > MAX_ZIP_MEMBERS:
        raise FileRefusedError(path, f"not a plausible {what}: more than {MAX_ZIP_MEMBERS:,} members")
    return archive


def check_members(members: list[zipfile.ZipInfo], path: str) -> None:
    """Refuse encrypted members, zip bombs (size or ratio) and a total above the limit, before inflating."""
    total = 0
    for info in members:
        name = printable(info.filename)
        if info.flag_bits & 0x1:
            raise FileRefusedError(path, f"member {name!r} is password-protected; remove the password first")
        if info.file_size > RATIO_GRACE_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(
            info.compress_size, 1
        ):
            ratio = info.file_size // max(info.compress_size, 1)
            raise FileRefusedError(
                path,
                f"member {name!r} would expand {ratio:,} times ({info.file_size / _MB:,.0f} MB): "
                "refused as a possible zip bomb",
            )
        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise FileRefusedError(
                path,
                f"the archive would unpack to more than {MAX_UNCOMPRESSED_BYTES // _MB} MB; refused",
            )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    """The bytes of one member, at most its (already checked) declared size."""
    check_members([info], path)
    name = printable(info.filename)
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
        raise FileRefusedError(
            path, f"member {name!r} is damaged or uses an unsupported compression"
        ) from None
    if len(data) != info.file_size:
        raise FileRefusedError(
            path, f"member {name!r} is not the size its header declares; the archive is damaged"
        )
    return data
