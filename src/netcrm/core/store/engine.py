"""Opening a database safely: refuse what is not ours, create files private, set SQLite's pragmas."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import sqlalchemy as sa
from sqlalchemy import event

from netcrm.core.errors import (
    DatabaseBusyError,
    DatabaseUnusableError,
    EnvironmentFailure,
    NetcrmError,
)
from netcrm.core.paths import ensure_private_dir, is_url
from netcrm.core.store.opening import DAMAGED, busy_timeout_ms, connect_read_only, sqlite_failure


def create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only, before SQLite would make it 0644."""
    ensure_private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's recipe: we emit BEGIN ourselves, so DDL is transactional
    cursor = dbapi_conn.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(conn: sa.Connection) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _on_pg_connect(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # A writer waits for another's row locks as long as SQLite waits on a busy file, then gives up (exit 3).
    cursor.execute(f"SET lock_timeout = {busy_timeout_ms()}")
    cursor.execute("SET application_name = 'netcrm'")
    cursor.execute(
        "SET DateStyle = 'ISO'"
    )  # dates read as text (stats) are 'YYYY-MM-DD' whatever the server's
    cursor.close()
    dbapi_conn.commit()  # a SET inside the driver's implicit transaction would be undone by a rollback


def _on_connect_read_only(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # as _on_connect; the journal mode is the file's own, never changed
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_read_only_engine(path: Path) -> sa.Engine:
    """An Engine that reads a SQLite file and never writes it (mode=ro; immutable when it is read-only)."""
    engine = sa.create_engine(
        "sqlite://",
        creator=lambda: connect_read_only(path, any_thread=True),
        poolclass=sa.pool.QueuePool,
        pool_size=2,
        max_overflow=4,
    )
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_engine(target: str) -> sa.Engine:
    """An Engine on a SQLite file path or any SQLAlchemy URL, with netcrm's connection settings."""
    if is_url(target):
        engine = sa.create_engine(target, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            event.listen(engine, "connect", _on_pg_connect)
        return engine
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
    except sa.exc.DBAPIError as exc:
        if _sqlstate(exc) is None:
            _raise_sqlite(where, exc)
        translated = _server_error(where, exc)
        if translated is None:
            raise  # a bug (bad SQL, a broken constraint): shown as one, not as a damaged database
        raise translated from exc
    except sqlite3.Error as exc:
        _raise_sqlite(where, exc)


def _raise_sqlite(where: str, exc: Exception) -> NoReturn:
    """SQLite's failures, told apart by their message (SQLite has no error classes finer than these)."""
    translated = sqlite_failure(where, exc)
    if translated is not None:
        raise translated from exc
    if isinstance(exc, (sa.exc.IntegrityError, sqlite3.IntegrityError)):
        raise exc  # a bug (a broken constraint), shown as one: the file is fine
    if isinstance(exc, (sa.exc.DatabaseError, sqlite3.DatabaseError)) and not isinstance(
        exc, (sa.exc.OperationalError, sqlite3.OperationalError)
    ):
        raise DatabaseUnusableError(f"{where}: {DAMAGED} ({getattr(exc, 'orig', exc)})") from exc
    raise exc


def _sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    """The SQLSTATE of a PostgreSQL driver's error ('' when the server gave none); None for SQLite's."""
    orig = exc.orig
    for name in ("sqlstate", "pgcode"):  # psycopg 3, psycopg2
        if hasattr(orig, name):
            return str(getattr(orig, name) or "")
    return None


# SQLSTATEs that mean "someone else holds what we need": serialization failure, deadlock, lock timeout,
# statement timeout, and a unique key another writer took between our check and our insert.
_BUSY_STATES = {"40001", "40P01", "55P03", "57014", "23505"}


def _server_error(where: str, exc: sa.exc.DBAPIError) -> NetcrmError | None:
    """netcrm's error for a database server's failure, by SQLSTATE class; None for a bug."""
    state = _sqlstate(exc) or ""
    lines = str(exc.orig).strip().splitlines()
    detail = lines[0] if lines else type(exc.orig).__name__
    if state in _BUSY_STATES:
        return DatabaseBusyError(f"{where}: the database is busy (another program is writing); try again")
    if state.startswith(("08", "57P")) or (not state and isinstance(exc, sa.exc.OperationalError)):
        return EnvironmentFailure(f"{where}: cannot reach the database server ({detail})")
    if state.startswith("28") or state == "42501":
        return EnvironmentFailure(f"{where}: permission denied by the database server ({detail})")
    if state == "3D000":
        return EnvironmentFailure(f"{where}: the database does not exist on the server ({detail})")
    if state.startswith("53"):
        return EnvironmentFailure(
            f"{where}: the server is out of disk or memory ({detail}); nothing was saved"
        )
    if state == "25006":
        return DatabaseUnusableError(f"{where}: the database is read-only; nothing was saved")
    if state.startswith("XX"):
        return DatabaseUnusableError(f"{where}: the database is damaged ({detail})")
    return None
