"""The whole archive in one read: a zip, both halves of a split export, the unzipped folder or one file.

Every member is checked against the zip limits before anything is inflated (core/io/zipcheck.py: sizes,
ratios, encryption, member count); names are compared, never used as paths. A malformed file fails alone,
recorded with its name, row and column in `Archive.files`; unknown files are listed, not fatal.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from netcrm.core.errors import FileRefusedError
from netcrm.core.io import linkedin
from netcrm.core.io.archive import messages, network
from netcrm.core.io.archive.members import KEPT, base_name, ignored, kind_of
from netcrm.core.io.archive.model import Archive, FileUse, Owner
from netcrm.core.io.archive.table import EmptyFile
from netcrm.core.io.encoding import decode
from netcrm.core.io.readers import load
from netcrm.core.io.text import norm_header
from netcrm.core.io.zipcheck import check_members, open_zip, printable, read_member

#: One file of the archive: its display name and a way to get its bytes.
Member = tuple[str, Callable[[], bytes]]


def read_archive(paths: Iterable[str | Path]) -> Archive:
    """Read every zip, folder or CSV in `paths` as one archive (both halves of a split export at once)."""
    members: list[Member] = []
    names = []
    for path in paths:
        names.append(str(path))
        members.extend(_members(Path(path)))
    return read_members(" + ".join(names), members)


def _members(path: Path) -> list[Member]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if p.is_file())
        root = path
        return [
            (f"{path.name}/{p.relative_to(root).as_posix()}", lambda p=p: load(p))  # type: ignore[misc]
            for p in found
            if not ignored(p.relative_to(root).as_posix())
        ]
    data = load(path)
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() == ".zip":
        return _zip_members(data, str(path))
    return [(path.name, lambda: data)]


def _zip_members(data: bytes, path: str) -> list[Member]:
    archive = open_zip(data, path, "zip archive")
    infos = [info for info in archive.infolist() if not info.is_dir() and not ignored(info.filename)]
    check_members([info for info in infos if kind_of(info.filename)], path)
    return [(printable(info.filename), _reader(archive, info, path)) for info in infos]


def _reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> Callable[[], bytes]:
    return lambda: read_member(archive, info, path)


def read_members(path: str, members: list[Member]) -> Archive:
    """Read each member by its kind; record what each gave, or why not."""
    found: dict[str, list[Any]] = {}
    files: list[FileUse] = []
    owner = Owner()
    connections = None
    for name, get in members:
        kind = kind_of(name) or (sniff_kind(get()) if name.lower().endswith(".csv") else None)
        if kind is None:
            files.append(FileUse(name, None, "unknown", reason="not a file netcrm reads"))
            continue
        if kind in KEPT:
            files.append(FileUse(name, kind, "kept", reason=KEPT[kind]))
            continue
        where = f"{path} [{name}]" if name != path else path
        try:
            data = get()
            if kind == "connections":
                if connections is not None:
                    raise FileRefusedError(where, "a second Connections.csv; only the first is imported")
                connections = _connections(data, where)
                count = len(connections.rows)
            elif kind == "profile":
                owner = dataclasses.replace(network.profile(data, where), positions=owner.positions)
                count = 1
            elif kind == "positions":
                owner = dataclasses.replace(owner, positions=network.positions(data, where))
                count = len(owner.positions)
            else:
                records = _READERS[kind](data, where)
                found.setdefault(kind, []).extend(records)
                count = len(records)
        except EmptyFile as empty:
            files.append(FileUse(name, kind, "empty", reason=empty.reason))
            continue
        except FileRefusedError as refused:
            files.append(FileUse(name, kind, "failed", reason=refused.message))
            continue
        files.append(FileUse(name, kind, "used", count))
    return Archive(
        path=path,
        connections=connections,
        messages=_all(found, "messages"),
        invitations=_all(found, "invitations"),
        endorsements=_all(found, "endorsements_received", "endorsements_given"),
        recommendations=_all(found, "recommendations_received", "recommendations_given"),
        follows=_all(found, "follows"),
        owner=owner if owner.name or owner.positions else None,
        files=tuple(files),
    )


def _all(found: dict[str, list[Any]], *kinds: str) -> tuple[Any, ...]:
    return tuple(record for kind in kinds for record in found.get(kind, ()))


def _connections(data: bytes, where: str) -> Any:
    if not data.strip():
        raise EmptyFile("the file is empty")
    text, encoding = decode(data, where)
    return linkedin.read(text, where, encoding)


_READERS: dict[str, Callable[[bytes, str], list[Any]]] = {
    "messages": messages.read,
    "invitations": network.invitations,
    "endorsements_received": lambda data, where: network.endorsements(data, where, given=False),
    "endorsements_given": lambda data, where: network.endorsements(data, where, given=True),
    "recommendations_received": lambda data, where: network.recommendations(data, where, given=False),
    "recommendations_given": lambda data, where: network.recommendations(data, where, given=True),
    "follows": network.follows,
}


def is_archive_member(name: str) -> bool:
    """True for a file name netcrm reads as one kind of the archive (messages.csv, Invitations.csv...)."""
    kind = kind_of(base_name(name))
    return kind is not None and kind != "connections"


#: Normalised header cells that tell a renamed archive file's kind.
_SIGNATURES = (
    ("messages", {"conversationid", "from", "date", "content"}),
    ("invitations", {"from", "to", "sentat", "direction"}),
    ("endorsements_received", {"skillname", "endorserfirstname"}),
    ("endorsements_given", {"skillname", "endorseefirstname"}),
    ("recommendations_received", {"firstname", "lastname", "text", "creationdate"}),
    ("follows", {"organization", "followedon"}),
)


def sniff_kind(data: bytes) -> str | None:
    """The kind of a CSV whose name says nothing, from its first line (a renamed messages.csv...)."""
    head = data[:4096].decode("utf-8", "replace").lstrip("\ufeff").split("\n", 1)[0]
    cells = {norm_header(cell) for cell in head.replace('"', "").split(",")}
    return next((kind for kind, needed in _SIGNATURES if needed <= cells), None)


def is_archive_input(paths: Iterable[str | Path]) -> bool:
    """True when `paths` hold more of the archive than Connections.csv: a folder, a zip with messages,
    invitations..., or one of those files alone. Only names and first lines are looked at."""
    for path in map(Path, paths):
        if path.is_dir():
            return True
        if path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    if any(is_archive_member(name) for name in archive.namelist()):
                        return True
            except (zipfile.BadZipFile, OSError, ValueError):
                continue  # the ordinary import names what is wrong with it
        elif path.suffix.lower() == ".csv" and path.is_file():
            if is_archive_member(path.name):
                return True
            try:
                with open(path, "rb") as handle:
                    kind = sniff_kind(handle.read(4096))
            except OSError:
                continue
            if kind is not None:
                return True
    return False
