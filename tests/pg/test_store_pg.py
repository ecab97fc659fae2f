"""Opening a PostgreSQL database: migrations, drift, refusals, errors with exit codes, no leaked password."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from netcrm.core.errors import (
    BadInputError,
    DatabaseBusyError,
    DatabaseUnusableError,
    EnvironmentFailure,
    SchemaTooNewError,
)
from netcrm.core.model import ContactDraft
from netcrm.core.services import Services
from netcrm.core.store.revisions import HEAD_REVISION
from netcrm.core.store.schema import metadata
from netcrm.core.store.store import Store
from tests.pg.conftest import Cluster
from tests.pg.pgcheck import pg_fingerprint

psycopg = pytest.importorskip("psycopg", reason="psycopg (PostgreSQL driver) is not installed")

WRITES = ("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE")


@pytest.fixture
def statements() -> Iterator[list[str]]:
    """Every statement any engine sends while the test runs."""
    sent: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(statement)

    sa.event.listen(sa.Engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        sa.event.remove(sa.Engine, "before_cursor_execute", record)


def test_open_migrates_an_empty_database_and_a_second_open_does_nothing(
    empty_pg_url: str, statements: list[str]
) -> None:
    Store.open(empty_pg_url).close()
    assert any(s.lstrip().upper().startswith("CREATE TABLE") for s in statements)
    store = Store.open(empty_pg_url)
    try:
        with store.read() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
            # The partial indexes came through with their predicates (schema.py's postgresql_where).
            partial = dict(
                conn.execute(
                    sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE indexdef LIKE '%WHERE%'")
                ).all()
            )
        assert set(partial) == {
            "ix_contact_deleted_at",
            "ix_contact_created_at",
            "ix_contact_cadence_days",
            "ix_contact_sort_name",
        }
        assert "deleted_at IS NULL" in partial["ix_contact_sort_name"]
        statements.clear()
        Store.open(empty_pg_url).close()
        assert not [s for s in statements if s.lstrip().upper().startswith(WRITES)]
    finally:
        store.close()


def test_migrations_build_exactly_the_table_definitions(pg_url: str) -> None:
    store = Store.open(pg_url)
    try:
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert diff == []
        assert store.check() == []
    finally:
        store.close()


def test_two_programs_opening_a_new_database_at_once_both_succeed(empty_pg_url: str) -> None:
    """The second waits on the migration lock, then finds the schema at head."""
    errors: list[BaseException] = []

    def open_once() -> None:
        try:
            Store.open(empty_pg_url).close()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []


def test_newer_schema_is_refused_and_left_unchanged(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    before = pg_fingerprint(pg_url)
    with pytest.raises(SchemaTooNewError, match="newer netcrm") as info:
        Store.open(pg_url)
    assert info.value.exit_code == 4
    assert pg_fingerprint(pg_url) == before


def test_a_database_of_another_program_is_refused_untouched(empty_pg_url: str) -> None:
    engine = sa.create_engine(empty_pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE photos (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    before = pg_fingerprint(empty_pg_url)
    with pytest.raises(DatabaseUnusableError, match="not a netcrm database"):
        Store.open(empty_pg_url)
    assert pg_fingerprint(empty_pg_url) == before


def test_password_never_shows_in_messages_or_the_store(pg_cluster: Cluster, pg_url: str) -> None:
    with_password = pg_url.replace("netcrm@", "netcrm:s3cret@")  # trust auth: any password is accepted
    store = Store.open(with_password)
    try:
        assert "s3cret" not in store.target
        with pytest.raises(BadInputError, match="pg_dump") as refused:
            store.backup()
        assert refused.value.exit_code == 2
        assert "s3cret" not in str(refused.value)
    finally:
        store.close()
    missing = pg_cluster.url("no_such_database").replace("netcrm@", "netcrm:s3cret@")
    with pytest.raises(EnvironmentFailure, match="does not exist") as info:
        Store.open(missing)
    assert info.value.exit_code == 5
    assert "s3cret" not in str(info.value)


def test_a_server_that_is_not_there_is_an_environment_failure(tmp_path: object) -> None:
    with pytest.raises(EnvironmentFailure, match="cannot reach the database server") as info:
        Store.open(f"postgresql+psycopg://netcrm@/netcrm?host={tmp_path}")
    assert info.value.exit_code == 5


def test_a_row_locked_by_another_writer_is_busy_not_a_hang(
    pg_url: str, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETCRM_BUSY_TIMEOUT_MS", "200")
    svc.store.engine.dispose()  # new connections read the shorter timeout
    cid = svc.add_contact(ContactDraft(first_name="Ada")).id
    url = sa.make_url(pg_url)
    with psycopg.connect(host=url.query["host"], user="netcrm", dbname=url.database) as other:
        other.execute("UPDATE contact SET notes = 'mine' WHERE id = %s", (cid,))  # holds the row lock
        with pytest.raises(DatabaseBusyError) as info:
            svc.edit_contact(cid, {"notes": "theirs"})
        assert info.value.exit_code == 3
        other.rollback()
    assert svc.edit_contact(cid, {"notes": "theirs"}).notes == "theirs"


def test_a_bug_in_sql_is_shown_as_a_bug_not_as_a_damaged_database(svc: Services) -> None:
    with pytest.raises(sa.exc.ProgrammingError), svc.store.read() as conn:
        conn.execute(sa.text("SELECT no_such_function()"))


def test_writers_queue_like_sqlite_ones_and_give_up_as_busy(
    pg_url: str, svc: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write transaction holds netcrm's write lock: a second writer waits, then gives up (exit 3)."""
    monkeypatch.setenv("NETCRM_BUSY_TIMEOUT_MS", "200")
    other = Services(Store.open(pg_url), svc.clock)
    try:
        with svc.store.write():
            with pytest.raises(DatabaseBusyError) as info:
                other.add_contact(ContactDraft(first_name="Mary"))
            assert info.value.exit_code == 3
            assert [c.display_name for c in svc.list_contacts()] == []  # readers never wait
        assert other.add_contact(ContactDraft(first_name="Mary")).id == 1
    finally:
        other.store.close()
