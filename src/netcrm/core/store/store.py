"""A handle on one database: opening it safely, and the transactions that services run in."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import sqlalchemy as sa

from netcrm.core.errors import BadInputError, DatabaseUnusableError, SchemaTooNewError
from netcrm.core.paths import backups_dir, is_url, marker_path
from netcrm.core.store.backup import backup_sqlite
from netcrm.core.store.engine import (
    create_private_file,
    make_engine,
    make_read_only_engine,
    translate_db_errors,
)
from netcrm.core.store.location import storage_warning
from netcrm.core.store.opening import access_of, prepare_for_writing, refuse_database_target, sweep_leftovers
from netcrm.core.store.probe import Probe, probe_sqlite_file
from netcrm.core.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

OpenMode = Literal["write", "read", "auto"]

WRITE_LOCK = 0x6E657463726D + 1  # PostgreSQL advisory lock of write transactions (migrate.py's is one less)

PG_INVALID_INDEXES = """
SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid AND n.nspname = current_schema()
"""


class Store:
    """An open database at the current schema; services take their transactions from it."""

    def __init__(
        self, engine: sa.Engine, target: str, path: Path | None, *, read_only: str | None = None
    ) -> None:
        self.engine = engine
        self.target = target
        self.path = path
        #: Why writes are refused (the file or folder is read-only, or a read was asked for), or None.
        self.read_only_reason = read_only
        #: What the user should know about this database (a mode tightened, a network folder, read-only).
        self.notes: list[str] = []
        #: Write transactions committed through this handle: a reader in another thread compares it before
        #: and after to tell whether what it read may already be out of date.
        self.writes = 0

    @classmethod
    def open(cls, target: str, *, mode: OpenMode = "write") -> Store:
        """Open the database at a file path or URL.

        `mode` "write" creates or migrates it as needed; "read" never writes it (SQLite's mode=ro: no
        journal-mode change, no marker, no upgrade); "auto" writes when it can and otherwise opens read-only
        (`read_only` says so, with the reason in `notes`). A file is quick-checked first: a damaged one is
        refused (exit 4) before anything touches it.
        """
        if is_url(target):
            return cls._open_url(target)
        path = Path(target)
        notes = [warning] if (warning := storage_warning(path)) else []
        if not path.exists():
            with translate_db_errors(str(path)):
                return cls._open_for_writing(path, Probe(revision=None, has_tables=False), notes)
        with translate_db_errors(str(path)):
            access = access_of(path)
            if access.read_only and mode == "write":
                raise DatabaseUnusableError(f"{access.read_only_reason}; netcrm needs to write to it")
            probe = probe_sqlite_file(path, check=True, access=access)
            if mode == "write" or (mode == "auto" and not access.read_only):
                return cls._open_for_writing(path, probe, notes)
            if probe.revision != HEAD_REVISION:
                raise DatabaseUnusableError(
                    f"{path}: schema {probe.revision or '(empty)'} needs an upgrade to {HEAD_REVISION}, "
                    "which a read does not do: run `netcrm-cli --db PATH migrate` (it writes a backup "
                    "first) or open it in netcrm. Nothing was changed"
                )
            if access.read_only:
                notes.insert(0, f"{access.read_only_reason}: opened read-only, changes cannot be saved")
            reason = access.read_only_reason or f"{path}: opened for reading only"
            store = cls(make_read_only_engine(path), str(path), path, read_only=reason)
            store.notes = notes
            return store

    @classmethod
    def _open_for_writing(cls, path: Path, probe: Probe, notes: list[str]) -> Store:
        notes = [*prepare_for_writing(path), *notes]
        for folder in (path.parent, backups_dir(path)):
            sweep_leftovers(folder)
        create_private_file(path)
        engine = make_engine(str(path))
        store = cls(engine, str(path), path)
        store.notes = notes
        try:
            if probe.revision != HEAD_REVISION:
                from netcrm.core.store.migrate import upgrade

                upgrade(engine, db_path=path, revision=probe.revision)
            _write_marker(path)
            prepare_for_writing(path)  # the -wal and -shm SQLite just made come out private too
        except BaseException:
            engine.dispose()
            raise
        return store

    @classmethod
    def _open_url(cls, url: str) -> Store:
        shown = sa.make_url(url).render_as_string(hide_password=True)  # messages and files never show it
        engine = make_engine(url)
        try:
            with translate_db_errors(shown):
                with engine.connect() as conn:
                    from netcrm.core.store.migrate import current_revision

                    revision = current_revision(conn)
                    foreign = revision is None and bool(sa.inspect(conn).get_table_names())
                if foreign:
                    raise DatabaseUnusableError(
                        f"{shown}: not a netcrm database (unknown tables); nothing was changed"
                    )
                if revision is not None and revision not in KNOWN_REVISIONS:
                    raise SchemaTooNewError(
                        f"{shown}: created by a newer netcrm (schema {revision}); update netcrm to open it. "
                        "Nothing was changed"
                    )
                if revision != HEAD_REVISION:
                    from netcrm.core.store.migrate import upgrade

                    upgrade(engine, db_path=None, revision=revision)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, shown, None)

    @property
    def read_only(self) -> bool:
        """True when this handle cannot write (see `read_only_reason`)."""
        return self.read_only_reason is not None

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded database file."""
        return self.path is not None

    @contextlib.contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One all-or-nothing write transaction (BEGIN IMMEDIATE: writers queue, never deadlock)."""
        if self.read_only:
            raise DatabaseUnusableError(f"{self.read_only_reason} (read-only); nothing was saved")
        with translate_db_errors(self.target):
            conn = self.engine.connect().execution_options(sqlite_begin="IMMEDIATE")
            try:
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        # The server's BEGIN IMMEDIATE: netcrm's writers queue (up to lock_timeout, then
                        # busy), so services keep SQLite's guarantees (read-then-write, client-side ids).
                        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                    yield conn
                self.writes += 1
            finally:
                conn.close()

    @contextlib.contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A read transaction: one consistent snapshot."""
        with translate_db_errors(self.target):
            conn = self.engine.connect()
            if not self.is_sqlite:  # a server's default (READ COMMITTED) takes a new snapshot per statement
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            try:
                with conn.begin():
                    yield conn
            finally:
                conn.close()

    def backup(self, dest: Path | None = None, *, reason: str = "manual") -> Path:
        """A verified copy of the database file."""
        if self.path is None:  # usage, not damage: exit 2, and the server's own tools do it better
            raise BadInputError(
                f"{self.target}: netcrm backs up SQLite files only; back up a server database with its own "
                "tools (for PostgreSQL: pg_dump)"
            )
        if dest is not None:
            refuse_database_target(dest, self.path, allow_backups=True)
        sweep_leftovers(
            dest.parent if dest is not None and not dest.is_dir() else dest or backups_dir(self.path)
        )
        with translate_db_errors(self.target):
            return backup_sqlite(self.path, dest, reason=reason)

    def guard_output(self, target: Path) -> None:
        """Before writing a file (an export): refuse the database and its backups, sweep old temp files."""
        if self.path is not None:
            refuse_database_target(Path(target), self.path)
        sweep_leftovers(Path(target).parent)

    def check(self) -> list[str]:
        """Problems found by SQLite's integrity and foreign-key checks, or on PostgreSQL by its catalogue
        (invalid indexes left by a failed build); empty when all is well."""
        problems: list[str] = []
        with self.read() as conn:
            if self.is_sqlite:
                verdicts = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
                problems += [v for v in verdicts if v != "ok"]
                problems += [
                    f"foreign key: {row}" for row in conn.exec_driver_sql("PRAGMA foreign_key_check")
                ]
            elif conn.dialect.name == "postgresql":
                problems += [
                    f"invalid index: {name}" for (name,) in conn.execute(sa.text(PG_INVALID_INDEXES))
                ]
            revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            if revision != HEAD_REVISION:
                problems.append(f"schema revision {revision}, expected {HEAD_REVISION}")
        return problems

    def close(self) -> None:
        """Release every connection (the WAL is checkpointed by SQLite on last close)."""
        self.engine.dispose()


def _write_marker(path: Path) -> None:
    marker = marker_path(path)
    if not marker.exists():
        fd = os.open(marker, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
