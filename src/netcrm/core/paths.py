"""Where netcrm keeps its data: the platform's user data folder, or what the user names."""

from __future__ import annotations

import os
from pathlib import Path

DB_FILE_NAME = "netcrm.sqlite3"


def data_dir() -> Path:
    """The folder for the default database and its backups (NETCRM_DATA_DIR overrides, for tests)."""
    override = os.environ.get("NETCRM_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # deferred: only the default location needs it

    return Path(platformdirs.user_data_dir("netcrm", appauthor=False))


def is_url(target: str) -> bool:
    """A database named with `://` is a SQLAlchemy URL (for example a PostgreSQL server)."""
    return "://" in target


def resolve_db(explicit: str | None = None) -> str:
    """The database to open: `--db`, else NETCRM_DB, else the default file in the data folder."""
    target = explicit or os.environ.get("NETCRM_DB") or str(data_dir() / DB_FILE_NAME)
    if is_url(target):
        return target
    return str(Path(target).expanduser().absolute())


def backups_dir(db_path: Path) -> Path:
    """Backups live beside the database, in a folder named after it."""
    return db_path.parent / f"{db_path.stem}-backups"


def marker_path(db_path: Path) -> Path:
    """A small file that says this database once held data (so a 0-byte file is not a fresh start)."""
    return db_path.parent / f".{db_path.name}.netcrm"


def ensure_private_dir(folder: Path) -> None:
    """Create a folder readable by its owner only (0700); an existing folder is left as it is."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)
