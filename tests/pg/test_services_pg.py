"""Services on PostgreSQL: nothing written on refusal, client-assigned ids, name order, exports, and the same
answers as SQLite for the same user actions."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest

from netcrm.cli.contacts import contact_json
from netcrm.core import rules
from netcrm.core.clock import FixedClock
from netcrm.core.errors import NotFoundError, ValidationError
from netcrm.core.model import ContactDraft, ContactFilter
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from tests.conftest import NOW
from tests.pg.conftest import Cluster
from tests.pg.pgcheck import pg_fingerprint


@pytest.fixture
def sqlite_svc(db_path: Path) -> Iterator[Services]:
    """Services on a SQLite file, for answers to compare with the server's."""
    store = Store.open(str(db_path))
    try:
        yield Services(store, FixedClock(NOW))
    finally:
        store.close()


def test_refused_input_and_unknown_ids_write_nothing(svc: Services, pg_url: str) -> None:
    cid = svc.add_contact(ContactDraft(first_name="Ada", linkedin_url="linkedin.com/in/ada")).id
    before = pg_fingerprint(pg_url)
    with pytest.raises(ValidationError):
        svc.add_contact(ContactDraft(first_name="X", emails=("not-an-address",)))
    with pytest.raises(ValidationError, match="already has this LinkedIn profile"):
        svc.add_contact(ContactDraft(first_name="Other", linkedin_url="linkedin.com/in/ada"))
    with pytest.raises(NotFoundError, match="999"):
        svc.tag_contacts([cid, 999], add=["VIP"])
    with pytest.raises(NotFoundError):
        svc.delete_contacts([999])
    assert pg_fingerprint(pg_url) == before


def test_demo_ids_move_the_sequences_on(svc: Services) -> None:
    """Demo assigns ids client-side: the next ordinary insert must not collide with them."""
    svc.add_demo(500, seed=3)
    counts = svc.counts()
    assert counts.contacts == 500 and counts.open_networkers > 0
    added = svc.add_contact(ContactDraft(first_name="After", last_name="Demo"))
    assert added.id == 501
    follow_up = svc.add_follow_ups([added.id], date(2026, 4, 1), "call").value[0]
    assert follow_up.id > max(f.id for f in svc.list_follow_ups() if f.contact_id != added.id)
    svc.add_demo(10, seed=4)  # ids continue after everything above
    assert svc.counts().contacts == 511
    assert len({c.linkedin_slug for c in svc.list_contacts()}) == 511
    assert svc.check() == []


def test_names_sort_by_code_point_whatever_the_server_collation(pg_cluster: Cluster) -> None:
    """An ICU (en) database collation orders punctuation its own way (glibc's en_US even skips it); the list
    must still sort as Python and SQLite do."""
    name = f"icu{next(pg_cluster.counter)}"
    pg_cluster.sql(
        f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8'"
    )
    try:
        store = Store.open(pg_cluster.url(name))
        svc = Services(store, FixedClock(NOW))
        firsts = [
            "Anne-Marie",
            "Anne Marie",
            "Anne's",
            "Anne.Marie",
            "Dean",
            "de la",
            "Émile",
            "Zoë",
            "émilie",
        ]
        for first in firsts:
            svc.add_contact(ContactDraft(first_name=first, last_name="X", tags=(f"{first} tag",)))
        names = [c.first_name for c in svc.list_contacts()]
        assert names == sorted(firsts, key=lambda n: rules.sort_key(f"{n} X"))
        tags = [t.name for t in svc.list_tags() if not t.builtin]
        assert tags == sorted(tags, key=rules.fold)
        store.close()
    finally:
        pg_cluster.drop_database(name)


def test_untimed_follow_ups_come_first_on_their_day(svc: Services) -> None:
    cid = svc.add_contact(ContactDraft(first_name="Ada")).id
    timed = svc.add_follow_ups([cid], date(2026, 4, 1), "at nine", due_time=time(9, 0)).value[0].id
    untimed = svc.add_follow_ups([cid], date(2026, 4, 1), "some time").value[0].id
    assert [f.id for f in svc.list_follow_ups()] == [untimed, timed]


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "vcf"])
def test_export_reads_the_server(svc: Services, tmp_path: Path, fmt: str) -> None:
    svc.add_contact(
        ContactDraft(first_name="Łukasz", last_name="Wiśniewski", emails=("l@x.org",), tags=("Mentor",))
    )
    svc.add_contact(ContactDraft(first_name="Ann", last_name="Lee", connected_on=date(2020, 2, 29)))
    out = tmp_path / f"people.{fmt}"
    assert svc.export_contacts(out, format=fmt) == 2
    if fmt == "csv":
        rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
        text = "\n".join(",".join(r) for r in rows)
        assert len(rows) == 3 and "Łukasz" in text and "Mentor" in text and "2020-02-29" in text
    elif fmt == "vcf":
        text = out.read_text(encoding="utf-8")
        assert text.count("BEGIN:VCARD") == 2 and "Wiśniewski" in text
    else:
        with zipfile.ZipFile(out) as book:
            assert "xl/workbook.xml" in book.namelist()


def scenario(svc: Services, tmp_path: Path) -> dict[str, Any]:
    """Ordinary use of every kind, and everything the user can read back afterwards."""
    svc.add_demo(300, seed=11)
    ada = svc.add_contact(
        ContactDraft(first_name="Ada", last_name="Lovelace", company="Analytical Engines", tags=("Mentor",))
    ).id
    svc.edit_contact(ada, {"position": "Analyst", "cadence_days": 30, "connected_on": date(2025, 1, 31)})
    svc.tag_contacts([1, 2, 3, ada], add=["Fair 2026"], remove=["Mentor"])
    svc.set_open_networker([4], True)
    svc.set_open_networker([5], False)
    svc.add_follow_ups([ada], date(2026, 3, 31), "monthly", every="1m")
    done = svc.add_follow_ups([6], date(2026, 3, 10), "overdue").value[0].id
    svc.complete_follow_up(done)
    svc.log_interaction(ada, "call", summary="catch-up", on=date(2026, 3, 1))
    svc.delete_contacts([7, 8])
    svc.restore_contacts([8])
    svc.merge_contacts(ada, 9, {})
    svc.detect_open_networkers(apply=True)
    svc.export_contacts(tmp_path / "all.csv", format="csv")
    return {
        "rows": svc.list_rows(),
        "trash": svc.trash_rows(),
        "row": svc.list_row(ada),
        "contacts": [contact_json(c) for c in svc.list_contacts()],
        "search": [c.id for c in svc.list_contacts(ContactFilter(search="ada ANALYTICAL"))],
        "tagged": [c.id for c in svc.list_contacts(ContactFilter(tag="fair 2026"))],
        "open": [c.id for c in svc.list_contacts(ContactFilter(open_networkers=True))],
        "due": [c.id for c in svc.list_contacts(ContactFilter(due=True))],
        "counts": svc.counts(),
        "tags": svc.list_tags(),
        "follow_ups": svc.list_follow_ups(include_done=True),
        "interactions": svc.list_interactions(ada),
        "history": svc.history(ada),
        "smart": svc.smart_lists(),
        "lapsed": svc.lapsed_contacts(),
        "review": svc.open_networker_review(),
        "stats": asdict(svc.network_stats()),
        "company": svc.who_at_company("analytical engines"),
        "csv": (tmp_path / "all.csv").read_text(encoding="utf-8-sig"),
    }


def test_the_server_answers_as_sqlite_does(svc: Services, sqlite_svc: Services, tmp_path: Path) -> None:
    (tmp_path / "pg").mkdir()
    (tmp_path / "lite").mkdir()
    on_server = scenario(svc, tmp_path / "pg")
    on_file = scenario(sqlite_svc, tmp_path / "lite")
    assert on_server.keys() == on_file.keys()
    for key, value in on_file.items():
        assert on_server[key] == value, key


def test_a_linkedin_export_imports_again_and_again_and_undoes(
    svc: Services, sqlite_svc: Services, pg_url: str
) -> None:
    """The import path on the server: a first import, the same file again (nothing changes), and undo."""
    data = Path(__file__).resolve().parents[1] / "data" / "import" / "linkedin"
    zipped = data / "Basic_LinkedInDataExport_11-24-2025.zip"
    reports = []
    for services in (svc, sqlite_svc):
        first = services.apply_import(services.read_import(zipped))
        again = services.apply_import(services.read_import(zipped))
        merged = services.apply_import(services.read_import(data / "connections_merges.csv"))
        reports.append((first.counts, again.counts, merged.counts, len(services.list_contacts())))
    assert reports[0] == reports[1]
    assert reports[0][1]["created"] == 0 and reports[0][1]["updated"] == 0
    before_undo = pg_fingerprint(pg_url)
    batch = svc.list_batches()[0].id
    svc.undo_import(batch)
    assert pg_fingerprint(pg_url) != before_undo


def test_client_side_ids_never_take_one_another_session_drew(svc: Services, pg_url: str) -> None:
    """Another program's nextval, drawn but not yet inserted, stays its own: netcrm's block starts after."""
    import sqlalchemy as sa

    svc.add_demo(20, seed=5)
    other = sa.create_engine(pg_url)
    try:
        with other.connect() as conn:
            drawn = conn.execute(sa.text("SELECT nextval(pg_get_serial_sequence('contact', 'id'))")).scalar()
            conn.commit()
        svc.add_demo(30, seed=6)
        assert min(c.id for c in svc.list_contacts() if c.id > 20) > drawn
        with other.begin() as conn:  # the other program's insert with its id still goes in
            conn.execute(
                sa.text(
                    "INSERT INTO contact (id, display_name, sort_name, created_at, updated_at) "
                    "VALUES (:id, 'Other', 'other', now(), now())"
                ),
                {"id": drawn},
            )
    finally:
        other.dispose()
    assert svc.add_contact(ContactDraft(first_name="After")).id > drawn + 30
