"""Builders for hostile zip containers, made at test time (too big, or too dangerous, to commit)."""

from __future__ import annotations

import io
import struct
import zipfile


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip holding `members`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def bomb(name: str, megabytes: int, prefix: bytes = b"", filler: bytes = b" ") -> bytes:
    """A zip whose member `name` inflates to `megabytes` MB of `filler` (streamed, never held in memory)."""
    out = io.BytesIO()
    chunk = filler * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as member:
        member.write(prefix)
        for _ in range(megabytes):
            member.write(chunk)
    return out.getvalue()


def with_declared_size(data: bytes, name: str, size: int) -> bytes:
    """`data` with the uncompressed size of member `name` rewritten in both headers (a lying zip)."""
    raw = bytearray(data)
    encoded = name.encode()
    at = 0
    while (at := raw.find(b"PK\x03\x04", at)) >= 0:
        length = struct.unpack_from("<H", raw, at + 26)[0]
        if raw[at + 30 : at + 30 + length] == encoded:
            struct.pack_into("<I", raw, at + 22, size)
        at += 4
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) >= 0:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + length] == encoded:
            struct.pack_into("<I", raw, at + 24, size)
        at += 4
    return bytes(raw)
