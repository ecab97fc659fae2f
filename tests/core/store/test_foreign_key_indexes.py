"""Every foreign key has an index that starts with its columns, read from the live (migrated) schema.

Without one, deleting a parent row scans the child table for every row deleted (ON DELETE CASCADE / SET
NULL), which made undoing an import grow with the square of its size.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from netcrm.core.store.store import Store


def _open(db_path: Path) -> None:
    Store.open(str(db_path)).close()


def _sqlite_unindexed(db_path: Path) -> list[str]:
    """Foreign keys whose columns lead no index (PRAGMA foreign_key_list / index_list / index_info)."""
    missing: list[str] = []
    with sqlite3.connect(db_path) as raw:
        tables = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            keys: dict[int, list[str]] = {}
            for row in raw.execute(f'PRAGMA foreign_key_list("{table}")'):
                keys.setdefault(int(row[0]), []).append(str(row[3]))  # id, seq, table, from, ...
            leads: list[list[str]] = []
            for index in raw.execute(f'PRAGMA index_list("{table}")'):
                cols = [str(c[2]) for c in raw.execute(f'PRAGMA index_info("{index[1]}")')]
                leads.append(cols)
            for columns in keys.values():
                if not any(cols[: len(columns)] == columns for cols in leads):
                    missing.append(f"{table}({', '.join(columns)})")
    return sorted(missing)


def _inspector_unindexed(engine: sa.Engine) -> list[str]:
    """The same check through SQLAlchemy's inspector, which also reads PostgreSQL's catalogue."""
    inspector = sa.inspect(engine)
    missing: list[str] = []
    for table in inspector.get_table_names():
        leads = [list(ix["column_names"]) for ix in inspector.get_indexes(table)]
        leads += [list(uq["column_names"]) for uq in inspector.get_unique_constraints(table)]
        pk = inspector.get_pk_constraint(table)["constrained_columns"]
        if pk:
            leads.append(list(pk))
        for fk in inspector.get_foreign_keys(table):
            columns = list(fk["constrained_columns"])
            if not any(cols[: len(columns)] == columns for cols in leads):
                missing.append(f"{table}({', '.join(columns)})")
    return sorted(missing)


def test_every_foreign_key_has_an_index_in_sqlite(db_path: Path) -> None:
    _open(db_path)
    with sqlite3.connect(db_path) as raw:
        count = sum(
            len(raw.execute(f'PRAGMA foreign_key_list("{t}")').fetchall())
            for (t,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
    raw.close()
    assert count >= 10  # the check reads real keys, not an empty list
    assert _sqlite_unindexed(db_path) == []


def test_every_foreign_key_has_an_index_by_the_inspector(db_path: Path) -> None:
    store = Store.open(str(db_path))
    try:
        assert _inspector_unindexed(store.engine) == []
    finally:
        store.close()


def test_the_check_finds_a_foreign_key_without_an_index(db_path: Path) -> None:
    _open(db_path)
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP INDEX ix_contact_introduced_by_id")
    raw.close()
    assert _sqlite_unindexed(db_path) == ["contact(introduced_by_id)"]
    engine = sa.create_engine(f"sqlite:///{db_path}")
    try:
        assert _inspector_unindexed(engine) == ["contact(introduced_by_id)"]
    finally:
        engine.dispose()
