"""Tools of the fault tests: the CLI in a subprocess (as another user, under a file-size limit), damage."""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

NOBODY = 65534


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(
    db: Path,
    *args: str,
    env: dict[str, str] | None = None,
    user: int | None = None,
    fsize: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """`netcrm-cli --db DB ARGS` in a child process; as `user`, or with RLIMIT_FSIZE at `fsize` bytes."""

    def limit() -> None:  # runs in the child, after fork
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NETCRM_BUSY_TIMEOUT_MS": "200", **(env or {})},
        user=user,
        group=NOBODY if user is not None else None,
        extra_groups=[] if user is not None else None,
        preexec_fn=limit if fsize is not None else None,
    )


def can_switch_user() -> bool:
    return hasattr(os, "getuid") and os.getuid() == 0


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder outside pytest's private tmp (0700, root's), where the user 'nobody' can work."""
    folder = Path(tempfile.mkdtemp(prefix="netcrm-faults-", dir="/tmp"))
    os.chmod(folder, 0o777)
    try:
        yield folder
    finally:
        for root, dirs, _files in os.walk(folder):
            for name in dirs:
                os.chmod(Path(root) / name, 0o777)
        shutil.rmtree(folder, ignore_errors=True)


def contact_pages(db: Path) -> list[int]:
    """Page numbers (1-based) of the leaf pages of the contact table, from SQLite's dbstat.

    Read from a copy: opening a WAL-mode file, even read-only, would leave a -wal and -shm beside it.
    """
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / db.name
        shutil.copy(db, copy)
        conn = sqlite3.connect(copy)
        try:
            rows = conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'contact' AND pagetype = 'leaf' ORDER BY pageno"
            ).fetchall()
            return [row[0] for row in rows]
        finally:
            conn.close()


def page_size(db: Path) -> int:
    return int.from_bytes(db.read_bytes()[16:18], "big") or 65536


def damage(db: Path, kind: str) -> None:
    """Corrupt a checkpointed database file the way disks and people do (deterministically)."""
    data = bytearray(db.read_bytes())
    size = page_size(db)
    pages = contact_pages(db)
    page = pages[len(pages) // 2]
    start = (page - 1) * size
    rnd = random.Random(21)
    if kind == "header":
        data[0:100] = bytes(rnd.getrandbits(8) for _ in range(100))
    elif kind == "truncated":
        del data[len(data) * 6 // 10 :]
    elif kind == "in-page bytes":
        offset = start + 8
        data[offset : offset + 256] = bytes(rnd.getrandbits(8) for _ in range(256))
    elif kind == "btree header":
        data[start : start + 12] = b"\x0b\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
    elif kind == "zeroed page":
        data[start : start + size] = bytes(size)
    else:  # pragma: no cover - a typo in a test
        raise ValueError(kind)
    db.write_bytes(bytes(data))
