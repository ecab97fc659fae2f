"""Turn a text file's bytes into str without ever inventing U+FFFD (FORMATS.md 6.1).

Order: a BOM decides (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM is recognised by its NUL pattern; then strict
UTF-8; then, only if the bytes look like Western legacy text, Windows-1252 or Mac Roman (the pre-2015 LinkedIn
Outlook export followed the downloading OS). Anything else is refused with the line and byte that failed.
"""

from __future__ import annotations

import re

from netcrm.core.errors import FileRefusedError

_BINARY_MAGIC = (
    (b"PK\x03\x04", "a zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office 97-2003 (OLE) document"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\x7fELF", "a program"),
)
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13}
_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]+")
_IN_WORD_RE = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f](?=[A-Za-z])")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the start is NUL (legacy Gmail export), else None."""
    head = data[:400]
    if len(head) < 4:
        return None
    even_nul = head[0::2].count(0) / len(head[0::2])
    odd_nul = head[1::2].count(0) / len(head[1::2])
    if odd_nul > 0.7 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul > 0.7 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def binary_kind(data: bytes) -> str | None:
    """What a non-text file is ("a PNG image"), or None when the bytes can be text."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data):
        return None
    head = data[:8192]
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if head and (controls > len(head) * 0.05 or head.count(0) > 16):
        return "binary data"
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) for `data`; FileRefusedError if it is not text in a known encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith(b"\xff\xfe"):
        return _strict(data[2:], "utf-16-le", path), "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return _strict(data[2:], "utf-16-be", path), "utf-16-be"
    bomless = utf16_without_bom(data)
    if bomless:
        return _strict(data, bomless, path), bomless
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        error = exc
    legacy = _legacy(data)
    if legacy is None:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileRefusedError(
            path,
            f"not valid UTF-8 (byte 0x{data[error.start]:02X} at offset {error.start}) and not "
            "recognisable Windows-1252 text either; save the file as UTF-8 and import it again",
            row=line,
        )
    return legacy


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileRefusedError(
            path, f"not valid {encoding.upper()} (bad bytes at offset {exc.start}); the file is damaged"
        ) from None


def _legacy(data: bytes) -> tuple[str, str] | None:
    """Windows-1252 or Mac Roman text, if the non-ASCII bytes look like letters inside Western words."""
    runs = _HIGH_RUN_RE.findall(data)
    high = sum(len(run) for run in runs)
    # East Asian legacy encodings use byte pairs and many of them; Western text has lone accented letters.
    if high > len(data) * 0.3 or sum(1 for run in runs if len(run) == 1) < len(runs) * 0.5:
        return None
    # Mostly valid UTF-8 with a few bad bytes is damaged UTF-8: Windows-1252 would garble every accent.
    if sum(1 for run in runs if len(run) > 1 and _is_utf8(run)) > len(runs) * 0.2:
        return None
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    mac = data.decode("mac_roman")
    mac_score = _word_score(mac)
    if cp1252 is None:
        return (mac, "mac_roman") if mac_score > 0 else None
    if mac_score > 0 and mac_score > _word_score(cp1252):
        return mac, "mac_roman"
    return cp1252, "cp1252"


def _is_utf8(run: bytes) -> bool:
    try:
        run.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _word_score(text: str) -> int:
    """+1 for each lower-case letter (or ’) between two ASCII letters, -1 for anything else there."""
    score = 0
    for match in _IN_WORD_RE.finditer(text):
        char = match.group()
        score += 1 if char.islower() or char == "’" else -1
    return score
