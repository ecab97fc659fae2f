"""Where a database file lives: a network file system or a synced folder, where SQLite's WAL is unsafe.

SQLite's WAL keeps its index in shared memory (the -shm file), which only works between processes of one
machine; network file systems also get POSIX locks wrong, and sync clients copy the three files at different
moments. netcrm still opens such a file, with a warning. Stdlib only.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath

#: File system types (as /proc/mounts names them) that live on another machine.
NETWORK_FS_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.davfs2",
        "fuse.onedriver",
        "fuse.dropbox",
    }
)
#: Folder names of sync clients (Dropbox, OneDrive, Google Drive, iCloud, Nextcloud, ownCloud, Box, pCloud,
#: Syncthing, MEGA), compared case-insensitively with each component of the path.
SYNCED_FOLDER_NAMES = (
    "dropbox",
    "onedrive",
    "google drive",
    "googledrive",
    "my drive",
    "icloud drive",
    "mobile documents",
    "nextcloud",
    "owncloud",
    "box",
    "box sync",
    "pcloud drive",
    "sync",
    "syncthing",
    "megasync",
    "mega",
)


def storage_warning(path: Path, mounts: str | None = None) -> str | None:
    """A warning when `path` is on a network file system or in a synced folder, else None.

    `mounts` is the text of /proc/mounts (read when None, on Linux only).
    """
    kind = network_fs_type(path, mounts)
    if kind is not None:
        return (
            f"{path}: on a network file system ({kind}); SQLite's WAL journal is not safe there. "
            "Keep the database on a local disk and use netcrm-cli backup to copy it"
        )
    synced = synced_folder(path)
    if synced is not None:
        return (
            f"{path}: in a synced folder ({synced}); a sync client can copy the database without its WAL "
            "journal, or from two machines at once. Keep it on a local disk and put backups there instead"
        )
    return None


def synced_folder(path: PurePath) -> str | None:
    """The component of `path` that names a sync client's folder, or a UNC share (\\\\server\\share)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return "a network share"
    for part in path.parts[:-1]:
        folded = part.casefold()
        for name in SYNCED_FOLDER_NAMES:
            # "OneDrive - Contoso", "Dropbox (Personal)", "Nextcloud2": the client's name, then anything
            if folded == name or (len(name) > 4 and folded.startswith(name)):
                return part
    return None


def network_fs_type(path: Path, mounts: str | None = None) -> str | None:
    """The type of the network file system holding `path` (the longest mount point above it), else None."""
    if mounts is None:
        try:
            with open("/proc/mounts", encoding="utf-8", errors="replace") as handle:
                mounts = handle.read()
        except OSError:
            return None
    try:
        real = os.path.realpath(path.parent if not path.exists() else path)
    except OSError:
        return None
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        if (real == point or real.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, best_type = point, fields[2]
    if best_type is not None and best_type in NETWORK_FS_TYPES:
        return best_type
    return None
