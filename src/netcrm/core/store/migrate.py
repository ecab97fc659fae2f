"""Bring a database's schema to this netcrm's head, after a verified backup; Alembic is imported only here."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from netcrm.core.crashpoints import crashpoint
from netcrm.core.store.backup import backup_sqlite
from netcrm.core.store.revisions import HEAD_REVISION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x6E657463726D  # 'netcrm': the PostgreSQL advisory lock that serialises migrations


def alembic_config(connection: sa.Connection | None = None) -> object:
    """An Alembic Config pointing at the migrations shipped in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, *, db_path: Path | None, revision: str | None) -> Path | None:
    """Upgrade to head; a database that held data is backed up first. Returns the backup's path."""
    if revision == HEAD_REVISION:
        return None
    backup = None
    if db_path is not None and revision is not None:
        backup = backup_sqlite(db_path, reason=f"before-{HEAD_REVISION}")
    from alembic import command

    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # Must precede BEGIN, so it goes straight to the driver: SQLAlchemy would begin a transaction
            # first, inside which SQLite ignores it, and a table rebuild's DROP TABLE would then cascade.
            _driver_sql(conn, "PRAGMA foreign_keys = OFF")
        if engine.dialect.name == "postgresql":
            # Two netcrm starting at once on an old server schema: the second waits, then finds it at head.
            conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            conn.commit()
        try:
            crashpoint("migrate.before")
            command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
            conn.commit()
            crashpoint("migrate.after")
        finally:
            if engine.dialect.name == "postgresql":
                conn.rollback()  # a failed migration left its transaction open; the unlock needs a fresh one
                conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
                conn.commit()
        if engine.dialect.name == "sqlite":
            _drop_orphaned_tmp_tables(conn)
            problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.commit()
            _driver_sql(conn, "PRAGMA foreign_keys = ON")
            if problems:
                raise RuntimeError(f"foreign key problems after migration: {problems[:5]}")
    return backup


def _driver_sql(conn: sa.Connection, sql: str) -> None:
    """Run `sql` outside any transaction (the driver is in autocommit mode: see engine._on_connect)."""
    assert not conn.in_transaction(), sql
    conn.connection.driver_connection.execute(sql)  # type: ignore[union-attr]


def current_revision(conn: sa.Connection) -> str | None:
    """The revision stamped in the database, or None for an empty one."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def _drop_orphaned_tmp_tables(conn: sa.Connection) -> None:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE name LIKE '\\_alembic\\_tmp\\_%' ESCAPE '\\'"
    )
    for (name,) in rows.fetchall():
        conn.exec_driver_sql(f'DROP TABLE "{name}"')
    conn.commit()
