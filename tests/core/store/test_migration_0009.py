"""Migration 0009 (the archive): interactions are rebuilt without losing one, and the new rules hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from netcrm.core.store.engine import create_private_file, make_engine
from netcrm.core.store.migrate import alembic_config
from netcrm.core.store.store import Store
from tests.dbcheck import assert_db_sane


def _at_0007_with_history(db_path: Path) -> None:
    create_private_file(db_path)
    engine = make_engine(str(db_path))
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), "0007")  # type: ignore[arg-type]
        for sql in (
            "INSERT INTO contact (id, display_name, created_at, updated_at) VALUES (1, 'Ada', 'd', 'd')",
            "INSERT INTO interaction (contact_id, kind, occurred_on, summary, created_at) "
            "VALUES (1, 'call', '2026-01-02', 'Phoned about the offsite', '2026-01-02')",
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at) "
            "VALUES (1, 'introduction', '2026-01-03', '2026-01-03')",
        ):
            conn.exec_driver_sql(sql)
        conn.commit()
    engine.dispose()


def test_upgrade_keeps_every_interaction_and_admits_the_archive_kinds(db_path: Path) -> None:
    _at_0007_with_history(db_path)
    Store.open(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT kind, summary, direction, source_key FROM interaction ORDER BY id").fetchall()
    assert rows == [("call", "Phoned about the offsite", None, None), ("introduction", None, None, None)]
    conn.execute(
        "INSERT INTO interaction (contact_id, kind, occurred_on, created_at, source_key) "
        "VALUES (1, 'endorsement', '2026-02-01', 'd', 'k1')"
    )
    with pytest.raises(sqlite3.IntegrityError):  # the same record twice
        conn.execute(
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at, source_key) "
            "VALUES (1, 'recommendation', '2026-02-01', 'd', 'k1')"
        )
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at) VALUES (1, 'fax', 1, 1)"
        )
    conn.close()
    assert_db_sane(db_path)


def test_the_archive_tables_refuse_what_they_must(db_path: Path) -> None:
    Store.open(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO contact (id, display_name, created_at, updated_at) VALUES (1, 'Ada', 'd', 'd')")
    message = "INSERT INTO archive_message (message_key, conversation_id, sent_at, direction) VALUES "
    conn.execute(message + "('m', 'c', 1, 'sent')")
    for sql in (
        message + "('m', 'c', 1, 'sent')",
        message + "('n', 'c', 1, 'up')",
        "INSERT INTO invitation (invitation_key, contact_id, direction) VALUES ('i', 1, 'sideways')",
        "INSERT INTO invitation (invitation_key, contact_id, direction) VALUES ('i', 99, 'outgoing')",
        "INSERT INTO endorsement (record_key, kind, given, person_name) VALUES ('e', 'like', 0, 'x')",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    conn.execute("INSERT INTO invitation (invitation_key, contact_id, direction) VALUES ('i', 1, 'outgoing')")
    conn.execute("DELETE FROM contact WHERE id = 1")
    assert conn.execute("SELECT COUNT(*) FROM invitation").fetchone() == (0,)
    conn.close()


def test_downgrade_to_0007_gives_the_old_schema_back(db_path: Path) -> None:
    _at_0007_with_history(db_path)
    Store.open(str(db_path)).close()
    engine = make_engine(str(db_path))
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0007")  # type: ignore[arg-type]
        conn.commit()
    engine.dispose()
    conn = sqlite3.connect(db_path)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "archive_message" not in tables and "invitation" not in tables
    assert conn.execute("SELECT COUNT(*) FROM interaction").fetchone() == (2,)
    conn.close()
