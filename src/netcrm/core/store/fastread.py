"""The contact list read straight through the stdlib driver: the GUI's first paint skips SQLAlchemy."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from netcrm.core.store.queries import LIST_ROWS_SQL


def list_rows_sqlite(path: Path) -> list[tuple[Any, ...]]:
    """Rows of LIST_ROWS_SQL from a SQLite file, read-only."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(LIST_ROWS_SQL).fetchall()
    finally:
        conn.close()
