"""The GUI's stdlib read path: the same rows as SQL gives, with repeated values held once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from netcrm.core.model import LIST_COLUMNS
from netcrm.core.services import Services
from netcrm.core.store.fastread import all_rows_sqlite, first_page_sqlite, list_rows_sqlite
from netcrm.core.store.queries import LIST_ROWS_SQL
from netcrm.core.store.store import Store

COMPANY = LIST_COLUMNS.index("company")


def test_rows_equal_the_plain_query_and_share_repeated_values(tmp_path: Path) -> None:
    db = tmp_path / "list.sqlite3"
    store = Store.open(str(db))
    Services(store).add_demo(9000, seed=5)  # more than two fetch chunks
    store.close()
    with sqlite3.connect(db) as conn:
        plain = conn.execute(LIST_ROWS_SQL).fetchall()
    rows = list_rows_sqlite(db)
    assert rows == plain
    assert all_rows_sqlite(db).rows == plain
    companies = {}
    for row in rows:
        if row[COMPANY] is not None:
            assert companies.setdefault(row[COMPANY], row[COMPANY]) is row[COMPANY]  # one object each


def test_an_empty_database_reads_as_no_rows(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite3"
    Store.open(str(db)).close()
    assert list_rows_sqlite(db) == []
    assert (all_rows_sqlite(db).rows, list(all_rows_sqlite(db).name_order)) == ([], [])
    page = first_page_sqlite(db, 50)
    assert (page.rows, page.total) == ([], 0)
