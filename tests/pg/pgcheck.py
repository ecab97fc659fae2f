"""What PostgreSQL tests compare: a fingerprint of every table's rows (dbcheck.py's for SQLite)."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa


def pg_fingerprint(url: str) -> str:
    """sha256 of the table list, their columns and every row in primary-key order."""
    engine = sa.create_engine(url)
    try:
        digest = hashlib.sha256()
        with engine.connect() as conn:
            inspector = sa.inspect(conn)
            for table in sorted(inspector.get_table_names()):
                columns = [c["name"] for c in inspector.get_columns(table)]
                digest.update(f"{table}:{columns}".encode())
                keys = inspector.get_pk_constraint(table)["constrained_columns"] or columns
                order = ", ".join(f'"{k}"' for k in keys)
                for row in conn.execute(sa.text(f'SELECT * FROM "{table}" ORDER BY {order}')):
                    digest.update(repr(tuple(row)).encode())
        return digest.hexdigest()
    finally:
        engine.dispose()
