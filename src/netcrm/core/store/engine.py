"""Opening a database safely: refuse what is not ours, create files private, set SQLite's pragmas."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from netcrm.core.errors import (
    DatabaseBusyError,
    DatabaseUnusableError,
    EnvironmentFailure,
    NetcrmError,
)
from netcrm.core.paths import ensure_private_dir, is_url

BUSY_TIMEOUT_MS = 5000  # NETCRM_BUSY_TIMEOUT_MS overrides (tests of a locked database)


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only, before SQLite would make it 0644."""
    ensure_private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's recipe: we emit BEGIN ourselves, so DDL is transactional
    cursor = dbapi_conn.cursor()
    timeout = int(os.environ.get("NETCRM_BUSY_TIMEOUT_MS", BUSY_TIMEOUT_MS))
    cursor.execute(f"PRAGMA busy_timeout = {timeout}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(conn: sa.Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(target: str) -> sa.Engine:
    """An Engine on a SQLite file path or any SQLAlchemy URL, with netcrm's connection settings."""
    if is_url(target):
        return sa.create_engine(target, pool_pre_ping=True)
    engine = sa.create_engine(f"sqlite:///{target}", pool_size=2, max_overflow=4)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextlib.contextmanager
def translate_db_errors(where: str) -> Iterator[None]:
    """Turn driver failures into netcrm's errors with their exit codes."""
    try:
        yield
    except NetcrmError:
        raise
    except (sa.exc.OperationalError, sqlite3.OperationalError) as exc:
        text = str(getattr(exc, "orig", exc)).lower()
        if "locked" in text or "busy" in text:
            raise DatabaseBusyError(
                f"{where}: the database is busy (another program is writing); try again"
            ) from exc
        if "full" in text:
            raise EnvironmentFailure(f"{where}: disk full; nothing was saved") from exc
        if "readonly" in text or "read-only" in text:
            raise DatabaseUnusableError(f"{where}: the database is read-only; nothing was saved") from exc
        if "disk i/o" in text:
            raise EnvironmentFailure(f"{where}: disk I/O error; nothing was saved") from exc
        if "unable to open" in text:
            raise EnvironmentFailure(f"{where}: the database cannot be opened (permission denied?)") from exc
        raise
    except (sa.exc.DatabaseError, sqlite3.DatabaseError) as exc:
        raise DatabaseUnusableError(
            f"{where}: the database is damaged ({getattr(exc, 'orig', exc)})"
        ) from exc
