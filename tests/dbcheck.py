"""What fault and bad-input tests compare: a fingerprint of every row, and the database's health."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def db_fingerprint(path: Path) -> str:
    """sha256 of the schema and every row (never the file bytes: a checkpoint changes them)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for (sql,) in conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
            digest.update(sql.encode())
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def assert_db_sane(path: Path) -> None:
    """integrity_check ok, no foreign key problems, no leftover migration tables."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        leftovers = conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '_alembic_tmp_%'").fetchall()
        assert leftovers == []
    finally:
        conn.close()
