"""The network and synced-folder classifier (issue 15: a warning about WAL there), on given mount tables."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from netcrm.core.store.location import network_fs_type, storage_warning, synced_folder

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home nfs4 rw,relatime 0 0
//nas/share /mnt/nas cifs rw 0 0
me@host:/srv /mnt/ssh fuse.sshfs rw 0 0
/dev/sdb1 /mnt/nas/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/ann/netcrm.sqlite3", "nfs4"),
        ("/mnt/nas/netcrm.sqlite3", "cifs"),
        ("/mnt/ssh/x/netcrm.sqlite3", "fuse.sshfs"),
        ("/mnt/nas/local/netcrm.sqlite3", None),  # the longest mount point wins: a local disk inside
        ("/tmp/netcrm.sqlite3", None),
        ("/var/lib/netcrm.sqlite3", None),
        ("/homework/netcrm.sqlite3", None),  # a prefix of the name is not a mount point above it
    ],
)
def test_network_file_systems_are_told_by_the_mount_table(path: str, kind: str | None) -> None:
    assert network_fs_type(Path(path), MOUNTS) == kind


@pytest.mark.parametrize(
    ("path", "found"),
    [
        (PurePosixPath("/home/ann/Dropbox/netcrm.sqlite3"), "Dropbox"),
        (PurePosixPath("/home/ann/Dropbox (Personal)/crm/netcrm.sqlite3"), "Dropbox (Personal)"),
        (PureWindowsPath(r"C:\Users\ann\OneDrive - Contoso\netcrm.sqlite3"), "OneDrive - Contoso"),
        (
            PurePosixPath("/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/n.sqlite3"),
            "Mobile Documents",
        ),
        (PurePosixPath("/home/ann/Nextcloud/n.sqlite3"), "Nextcloud"),
        (PureWindowsPath(r"\\server\share\netcrm.sqlite3"), "a network share"),
        (PurePosixPath("/home/ann/Documents/netcrm.sqlite3"), None),
        (PurePosixPath("/home/ann/dropbox-notes.sqlite3"), None),  # the file's own name does not count
    ],
)
def test_synced_folders_are_told_by_their_client_folder(path: PurePosixPath, found: str | None) -> None:
    assert synced_folder(path) == found


def test_the_warning_names_the_file_and_wal(tmp_path: Path) -> None:
    assert storage_warning(tmp_path / "netcrm.sqlite3", MOUNTS) is None
    warning = storage_warning(Path("/home/ann/netcrm.sqlite3"), MOUNTS)
    assert warning is not None and "nfs4" in warning and "WAL" in warning
