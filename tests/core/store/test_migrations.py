"""The schema is Alembic's, applied at start-up; files we do not understand are refused untouched."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from netcrm.core.errors import DatabaseUnusableError, SchemaTooNewError
from netcrm.core.paths import backups_dir, marker_path
from netcrm.core.store.backup import backup_sqlite
from netcrm.core.store.migrate import alembic_config
from netcrm.core.store.queries import FIRST_PAGE_SQL, NAME_ORDER_SQL
from netcrm.core.store.revisions import HEAD_REVISION, KNOWN_REVISIONS
from netcrm.core.store.schema import metadata
from netcrm.core.store.store import Store
from tests.dbcheck import assert_db_sane


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_migrations_build_exactly_the_table_definitions(db_path: Path) -> None:
    store = Store.open(str(db_path))
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert diff == []
    finally:
        store.close()
    assert_db_sane(db_path)


def test_known_revisions_match_the_shipped_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())  # type: ignore[arg-type]
    revisions = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert tuple(revisions) == KNOWN_REVISIONS
    assert script.get_current_head() == HEAD_REVISION


def test_new_database_is_private_and_stamped(db_path: Path) -> None:
    store = Store.open(str(db_path))
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
    with store.write() as conn:
        conn.execute(sa.text("INSERT INTO setting (key, value) VALUES ('k', '1')"))
    for suffix in ("", "-wal", "-shm"):
        path = db_path.with_name(db_path.name + suffix)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    assert marker_path(db_path).exists()
    backup = store.backup()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert backup.parent == backups_dir(db_path)
    store.close()
    assert_db_sane(backup)


def test_newer_schema_is_refused_and_left_unchanged(db_path: Path) -> None:
    Store.open(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    before = sha(db_path)
    with pytest.raises(SchemaTooNewError, match="newer netcrm") as info:
        Store.open(str(db_path))
    assert info.value.exit_code == 4
    assert sha(db_path) == before


def test_a_file_that_is_not_sqlite_is_refused_unchanged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"First Name,Last Name\nAda,Lovelace\n")
    before = sha(db_path)
    with pytest.raises(DatabaseUnusableError, match="not a netcrm database") as info:
        Store.open(str(db_path))
    assert info.value.exit_code == 4
    assert sha(db_path) == before


def test_a_foreign_sqlite_database_is_refused_unchanged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    before = sha(db_path)
    with pytest.raises(DatabaseUnusableError, match="not a netcrm database"):
        Store.open(str(db_path))
    assert sha(db_path) == before


def test_empty_file_that_once_held_data_is_not_a_fresh_start(db_path: Path) -> None:
    Store.open(str(db_path)).close()
    db_path.write_bytes(b"")
    with pytest.raises(DatabaseUnusableError, match="once held data"):
        Store.open(str(db_path))
    assert db_path.stat().st_size == 0


def test_empty_file_never_used_becomes_a_new_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    Store.open(str(db_path)).close()
    assert_db_sane(db_path)


def test_truncated_database_is_refused(db_path: Path) -> None:
    store = Store.open(str(db_path))
    with store.write() as conn:
        conn.execute(sa.text("INSERT INTO setting (key, value) VALUES ('k', :v)"), {"v": "x" * 20000})
    store.close()
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 2])
    before = sha(db_path)
    with pytest.raises(DatabaseUnusableError) as info:
        Store.open(str(db_path))
    assert info.value.exit_code == 4
    assert sha(db_path) == before


def test_automatic_backups_are_thinned_but_the_newest_is_kept(db_path: Path) -> None:
    from datetime import datetime, timedelta

    store = Store.open(str(db_path))
    now = datetime.now()
    # One a day for 60 days, oldest first: thinning (core/backups.py) keeps the last week's days, then
    # one a week and one a month
    made: list[Path] = []
    for days in range(60, -1, -1):
        made.append(backup_sqlite(db_path, reason="auto", taken=now - timedelta(days=days)))
    manual = store.backup()
    store.close()
    kept = sorted(backups_dir(db_path).glob("*.sqlite3"))
    assert made[-1] in kept and manual in kept
    assert all(path in kept for path in made[-7:])  # every day of the last week
    assert len([p for p in kept if p != manual]) < 7 + 5 + 3
    for path in kept:
        assert_db_sane(path)


def test_upgrade_from_0001_backs_up_first_and_keeps_every_child_row(db_path: Path) -> None:
    from alembic import command

    from netcrm.core.store.engine import create_private_file, make_engine

    create_private_file(db_path)
    engine = make_engine(str(db_path))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        command.upgrade(alembic_config(conn), "0001")  # type: ignore[arg-type]
        conn.commit()
        conn.exec_driver_sql(
            "INSERT INTO contact (id, display_name, created_at, updated_at) "
            "VALUES (1, 'Ada', '2026-01-01', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO follow_up (contact_id, due, status, created_at) "
            "VALUES (1, '2026-02-01', 'open', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at) "
            "VALUES (1, 'call', '2026-01-02', '2026-01-02')"
        )
        conn.commit()
    engine.dispose()
    store = Store.open(str(db_path))
    with store.read() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        assert conn.execute(sa.text("SELECT COUNT(*) FROM follow_up")).scalar() == 1
        assert conn.execute(sa.text("SELECT COUNT(*) FROM interaction")).scalar() == 1
    store.close()
    (backup,) = backups_dir(db_path).glob("*before-*.sqlite3")
    check = sqlite3.connect(backup)
    assert check.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert check.execute("SELECT display_name FROM contact").fetchall() == [("Ada",)]
    check.close()
    assert_db_sane(db_path)


def test_upgrade_to_0004_stores_every_folded_name_for_sorting(db_path: Path) -> None:
    from alembic import command

    from netcrm.core.store.engine import create_private_file, make_engine

    create_private_file(db_path)
    engine = make_engine(str(db_path))
    names = ["Łukasz Żółć", "ÉMILE Zola", "王芳", "ada", ""]
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), "0003")  # type: ignore[arg-type]
        conn.commit()
        for number, name in enumerate(names, start=1):
            conn.exec_driver_sql(
                "INSERT INTO contact (id, display_name, created_at, updated_at) "
                "VALUES (?, ?, '2026-01-01', '2026-01-01')",
                (number, name),
            )
        conn.commit()
    engine.dispose()
    Store.open(str(db_path)).close()
    check = sqlite3.connect(db_path)
    stored = check.execute("SELECT display_name, sort_name FROM contact ORDER BY id").fetchall()
    first_page = FIRST_PAGE_SQL.format(direction="DESC")
    plans = [
        str(check.execute(f"EXPLAIN QUERY PLAN {sql}", args).fetchall())
        for sql, args in [(first_page, (5,)), (NAME_ORDER_SQL, ())]
    ]
    check.close()
    assert stored == [
        ("Łukasz Żółć", "lukasz zolc"),
        ("ÉMILE Zola", "emile zola"),
        ("王芳", "王芳"),
        ("ada", "ada"),
        ("", ""),
    ]
    for plan in plans:  # read in index order, never sorted: a few milliseconds at any size
        assert "ix_contact_sort_name" in plan
        assert "TEMP B-TREE" not in plan


def _at_revision(db_path: Path, revision: str) -> sa.Engine:
    from alembic import command

    from netcrm.core.store.engine import create_private_file, make_engine

    create_private_file(db_path)
    engine = make_engine(str(db_path))
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)  # type: ignore[arg-type]
        conn.commit()
    return engine


def test_upgrade_to_0005_rebuilds_tables_without_losing_a_child_row(db_path: Path) -> None:
    engine = _at_revision(db_path, "0004")
    with engine.connect() as conn:
        for sql in (
            "INSERT INTO contact (id, display_name, linkedin_slug, open_networker_verdict, created_at, "
            "updated_at) VALUES (1, 'Ada', 'ada-l', 'yes', '2026-01-01', '2026-01-01')",
            "INSERT INTO contact (id, display_name, introduced_by_id, created_at, updated_at) "
            "VALUES (2, 'Bo', 1, '2026-01-01', '2026-01-01')",
            "INSERT INTO contact_email (contact_id, email, email_key) VALUES (1, 'ada@ex.org', 'ada@ex.org')",
            "INSERT INTO follow_up (contact_id, due, status, created_at) VALUES (1, 'd', 'open', 'd')",
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at) VALUES (1, 'call', 1, 1)",
            "INSERT INTO intro_request (target_id, via_id, status, created_at, updated_at) "
            "VALUES (2, 1, 'asked', '2026-01-01', '2026-01-01')",
        ):
            conn.exec_driver_sql(sql)
        conn.commit()
    engine.dispose()
    Store.open(str(db_path)).close()
    check = sqlite3.connect(db_path)
    counts = [
        check.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("contact", "contact_email", "follow_up", "interaction", "intro_request")
    ]
    introduced_by = check.execute("SELECT introduced_by_id FROM contact WHERE id = 2").fetchone()[0]
    (table,) = check.execute("SELECT sql FROM sqlite_master WHERE name = 'contact'").fetchone()
    check.close()
    # With foreign keys on, rebuilding `contact` (DROP TABLE) would have cascaded through every child table.
    assert counts == [2, 1, 1, 1, 1]
    assert introduced_by == 1
    assert " IN (" not in table and "UNIQUE" not in table
    assert_db_sane(db_path)


@pytest.mark.parametrize(
    ("sql", "refused"),
    [
        (
            "INSERT INTO contact (display_name, degree, created_at, updated_at) VALUES ('x', 4, 'd', 'd')",
            True,
        ),
        (
            "INSERT INTO contact (display_name, degree, created_at, updated_at) VALUES ('x', 3, 'd', 'd')",
            False,
        ),
        (
            "INSERT INTO contact (display_name, open_networker_verdict, created_at, updated_at) "
            "VALUES ('x', 'maybe', 'd', 'd')",
            True,
        ),
        (
            "INSERT INTO contact (display_name, open_networker_verdict, created_at, updated_at) "
            "VALUES ('x', NULL, 'd', 'd')",
            False,
        ),
        ("INSERT INTO follow_up (contact_id, due, status, created_at) VALUES (1, 'd', 'later', 'd')", True),
        (
            "INSERT INTO follow_up (contact_id, due, status, created_at) VALUES (1, 'd', 'snoozed', 'd')",
            False,
        ),
        (
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at) VALUES (1, 'fax', 'd', 'd')",
            True,
        ),
        (
            "INSERT INTO interaction (contact_id, kind, occurred_on, created_at) VALUES (1, 'note', 1, 1)",
            False,
        ),
        (
            "INSERT INTO intro_request (target_id, via_id, status, created_at, updated_at) "
            "VALUES (1, 1, 'lost', 'd', 'd')",
            True,
        ),
        (
            "INSERT INTO contact (display_name, linkedin_slug, created_at, updated_at) "
            "VALUES ('x', 'ada-l', 1, 1)",
            True,
        ),
    ],
)
def test_constraints_written_as_comparisons_refuse_what_the_in_lists_refused(
    db_path: Path, sql: str, refused: bool
) -> None:
    Store.open(str(db_path)).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO contact (id, display_name, linkedin_slug, created_at, updated_at) "
        "VALUES (1, 'Ada', 'ada-l', 'd', 'd')"
    )
    if refused:
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    else:
        conn.execute(sql)
    conn.close()
