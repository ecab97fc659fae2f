"""LinkedIn's data-export zip (``Basic_/Complete_LinkedInDataExport_*.zip``): its Connections.csv, in memory.

The member is matched case-insensitively by base name, in any folder (users re-zip extracted folders);
macOS ``__MACOSX/`` shadows are ignored, and two candidates at the same depth are refused rather than guessed.
"""

from __future__ import annotations

import dataclasses

from netcrm.core.errors import FileRefusedError
from netcrm.core.io import linkedin
from netcrm.core.io.encoding import binary_kind, decode
from netcrm.core.io.zipcheck import open_zip, printable, read_member
from netcrm.core.model import ParseResult

FORMAT = "linkedin-zip"
MEMBER = "connections.csv"


def _base(name: str) -> str:
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def read(data: bytes, path: str) -> ParseResult:
    """Parse the Connections.csv inside a LinkedIn export archive."""
    archive = open_zip(data, path, "zip archive")
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir()
        and not info.filename.startswith("__MACOSX/")
        and _base(info.filename).lower() == MEMBER
    ]
    if not members:
        csvs = sorted({_base(i.filename) for i in archive.infolist() if i.filename.lower().endswith(".csv")})
        held = f" (it holds {', '.join(printable(n) for n in csvs[:8])})" if csvs else ""
        raise FileRefusedError(
            path,
            f"no Connections.csv in this archive{held}; request LinkedIn's export with Connections included",
        )
    depth = min(info.filename.count("/") for info in members)
    shallowest = [info for info in members if info.filename.count("/") == depth]
    if len(shallowest) > 1:
        names = ", ".join(printable(info.filename) for info in shallowest[:4])
        raise FileRefusedError(
            path, f"more than one Connections.csv in this archive ({names}); extract the one you want"
        )
    member = shallowest[0]
    inner = f"{path} [{printable(member.filename)}]"
    raw = read_member(archive, member, path)
    if not raw.strip():
        raise FileRefusedError(inner, "the file is empty")
    kind = binary_kind(raw)
    if kind:
        raise FileRefusedError(inner, f"not a CSV file: it is {kind}")
    text, encoding = decode(raw, inner)
    result = linkedin.read(text, inner, encoding)
    return dataclasses.replace(result, path=path, format=FORMAT)
