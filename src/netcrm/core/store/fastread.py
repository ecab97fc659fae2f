"""The contact list read straight through the stdlib driver: the GUI's first paint skips SQLAlchemy."""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netcrm.core.store.opening import connect_read_only
from netcrm.core.store.queries import FIRST_PAGE_SQL, LIST_ROWS_SQL, LIVE_COUNT_SQL, NAME_ORDER_SQL

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The first rows of the list in name order (ordered here by id, as the list keeps rows) and the total."""

    rows: list[Row]
    total: int


@dataclass(frozen=True, slots=True)
class ListRows:
    """Every live row of the list (by id) and the ids of those with a name, in name order."""

    rows: list[Row]
    name_order: array[int]


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection inside one read transaction: every query sees the same snapshot."""
    conn = connect_read_only(path)  # creates nothing beside a file netcrm cannot write
    try:
        conn.execute("BEGIN")
        yield conn
    finally:
        conn.close()  # ends the read transaction


def list_rows_sqlite(path: Path) -> list[Row]:
    """Rows of LIST_ROWS_SQL from a SQLite file, read-only."""
    with _read_only(path) as conn:
        return fetch_shared(conn.execute(LIST_ROWS_SQL))


_CHUNK = 4096


def fetch_shared(cursor: sqlite3.Cursor) -> list[Row]:
    """All rows of a list query, with equal values held once: companies, places, dates and tags repeat.

    The driver makes a new string for every cell. Sharing equal ones, a chunk at a time so that the
    copies are freed (and their memory reused) before the next chunk arrives, takes a third off the
    list's memory (65 to 36 MiB at 100,000 demo contacts). The id and the search key (nearly unique)
    are left as they are.
    """
    rows: list[Row] = []
    pools: list[dict[Any, Any]] = []
    while chunk := cursor.fetchmany(_CHUNK):
        columns = list(zip(*chunk, strict=True))
        if not pools:
            pools = [{} for _ in columns]
        for number in range(1, len(columns) - 1):
            shared = pools[number].setdefault
            columns[number] = tuple(map(shared, columns[number], columns[number]))
        rows += zip(*columns, strict=True)
    return rows


def first_page_sqlite(path: Path, limit: int, *, descending: bool = False) -> FirstPage:
    """The first `limit` contacts by name (an index walk: a few milliseconds at any size) and the count."""
    sql = FIRST_PAGE_SQL.format(direction="DESC" if descending else "ASC")
    with _read_only(path) as conn:
        total = int(conn.execute(LIVE_COUNT_SQL).fetchone()[0])
        rows = conn.execute(sql, (limit,)).fetchall()
    rows.sort(key=lambda row: row[0])
    return FirstPage(rows, total)


def all_rows_sqlite(path: Path) -> ListRows:
    """Every row with the name order, in one snapshot, so the list needs no sorting of its own."""
    with _read_only(path) as conn:
        rows = fetch_shared(conn.execute(LIST_ROWS_SQL))
        order = array("q", (row[0] for row in conn.execute(NAME_ORDER_SQL)))
    return ListRows(rows, order)
