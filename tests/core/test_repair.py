import hashlib
from pathlib import Path

import sqlalchemy as sa

from netcrm.core.repair import check_database
from netcrm.core.services import Services
from netcrm.core.store.store import Store


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_db(path: Path) -> None:
    store = Store.open(str(path))
    svc = Services(store)
    svc.add_demo(30, seed=3)
    store.close()


def test_a_healthy_database_is_left_byte_for_byte(tmp_path: Path) -> None:
    db = tmp_path / "netcrm.sqlite3"
    make_db(db)
    before = sha(db)
    store = Store.open(str(db))
    report = check_database(store, repair=True)
    store.close()
    assert report.ok and not report.stale_contacts and not report.repaired
    assert sha(db) == before


def test_stale_search_key_and_sort_name_are_repaired_once(tmp_path: Path) -> None:
    db = tmp_path / "netcrm.sqlite3"
    make_db(db)
    store = Store.open(str(db))
    with store.write() as conn:
        conn.execute(sa.text("UPDATE contact SET search_key = 'x' WHERE id = 2"))
        conn.execute(sa.text("UPDATE contact SET sort_name = 'zzz' WHERE id = 5"))
    found = check_database(store)
    assert found.stale_contacts == [2, 5] and not found.ok
    fixed = check_database(store, repair=True)
    assert fixed.repaired and fixed.ok
    again = check_database(store, repair=True)
    assert again.stale_contacts == [] and not again.repaired
    store.close()
    assert list((tmp_path / "netcrm-backups").glob("*-repair.sqlite3"))


def test_cli_check_reports_then_repairs(tmp_path: Path) -> None:
    from netcrm.cli import main

    db = tmp_path / "netcrm.sqlite3"
    make_db(db)
    store = Store.open(str(db))
    with store.write() as conn:
        conn.execute(sa.text("UPDATE contact SET sort_name = 'zzz' WHERE id = 4"))
    store.close()
    assert main(["--db", str(db), "check"]) == 4
    assert main(["--db", str(db), "check", "--repair"]) == 0
    assert main(["--db", str(db), "check"]) == 0
