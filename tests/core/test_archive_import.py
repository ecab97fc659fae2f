"""Importing the whole archive into a real SQLite file: one batch, idempotent, undone whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from netcrm.core.archive_import import ArchiveImporter, ArchiveOptions, ArchiveReport
from netcrm.core.import_service import undo_batch
from netcrm.core.io.archive.reader import read_archive
from netcrm.core.store import archive as rows
from netcrm.core.store.store import Store

DATA = Path(__file__).parents[1] / "data" / "archive"
COMPLETE = DATA / "Complete_LinkedInDataExport_11-20-2026"
BASIC = DATA / "Basic_LinkedInDataExport_12-01-2026"
NOW = datetime(2026, 12, 7, 12, 0)


@pytest.fixture
def store(db_path: Path) -> Store:
    opened = Store.open(str(db_path))
    yield opened  # type: ignore[misc]
    opened.close()


def run(store: Store, folder: Path, options: ArchiveOptions | None = None) -> ArchiveReport:
    with store.write() as conn:
        return ArchiveImporter(conn, NOW, options or ArchiveOptions()).run(
            read_archive([folder]), folder.name
        )


def count(store: Store, sql: str) -> int:
    with store.read() as conn:
        return int(conn.execute(sa.text(sql)).scalar() or 0)


def contact_id(store: Store, slug: str) -> int:
    with store.read() as conn:
        return int(
            conn.execute(sa.text("SELECT id FROM contact WHERE linkedin_slug = :s"), {"s": slug}).scalar_one()
        )


def test_one_archive_one_batch_with_a_count_per_kind(store: Store) -> None:
    report = run(store, COMPLETE)
    assert report.batch_id is not None and report.owner == "mara-lindqvist-3a1b2c"
    assert report.counts["contacts_created"] == 7  # 4 connections + 3 people of pending invitations
    assert report.counts["messages"] == 7  # 9 rows less the draft and the sponsored one
    assert report.counts["messages_left_out"] == 2
    assert report.counts["invitations"] == 3
    assert report.counts["endorsements"] == 3 and report.counts["recommendations"] == 3
    assert report.counts["companies"] == 2
    assert count(store, "SELECT COUNT(DISTINCT batch_id) FROM archive_message") == 1
    assert count(store, "SELECT COUNT(*) FROM import_batch WHERE format = 'linkedin-archive'") == 1


def test_the_owner_never_becomes_a_contact(store: Store) -> None:
    run(store, COMPLETE)
    assert count(store, "SELECT COUNT(*) FROM contact WHERE linkedin_slug LIKE 'mara-lindqvist%'") == 0
    assert count(store, "SELECT COUNT(*) FROM archive_participant WHERE slug LIKE 'mara-lindqvist%'") == 0


def test_conversations_become_one_interaction_per_day_with_direction(store: Store) -> None:
    run(store, COMPLETE)
    ingrid = contact_id(store, "ingrid-solberg-nakamura-4b7e21a9")
    with store.read() as conn:
        found = conn.execute(
            sa.text(
                "SELECT occurred_on, direction, summary FROM interaction "
                "WHERE contact_id = :c AND kind = 'message' ORDER BY occurred_on"
            ),
            {"c": ingrid},
        ).all()
        thread = rows.conversation(conn, ingrid)
    # 2025-10-03 received; 2026-09-01 the group (received and sent); 2026-11-17 two sent; 2026-11-18 received
    assert [(str(day), direction) for day, direction, _ in found] == [
        ("2025-10-03", "in"),
        ("2026-09-01", None),
        ("2026-11-17", "out"),
        ("2026-11-18", "in"),
    ]
    assert found[2][2].startswith("Hi Ingrid, shall we catch up") and "(2 messages)" in found[2][2]
    assert [m["direction"] for m in thread][:2] == ["received", "received"]
    assert thread[-1]["text"] == "<p>Thanks Mara!</p><p>Tuesday works.</p>"
    assert len(thread) == 6  # her 4 direct messages and the group's 2


def test_people_who_are_not_connections_are_listed_not_added(store: Store) -> None:
    report = run(store, COMPLETE)
    assert report.unmatched_people == ["Dev Mistry <https://www.linkedin.com/in/dev-mistry-talent>"]
    assert count(store, "SELECT COUNT(*) FROM contact WHERE linkedin_slug = 'dev-mistry-talent'") == 0
    with store.read() as conn:
        assert [p["slug"] for p in rows.unmatched_people(conn)] == ["dev-mistry-talent"]


def test_re_importing_the_same_archive_adds_nothing(store: Store) -> None:
    run(store, COMPLETE)
    before = [
        count(store, f"SELECT COUNT(*) FROM {t}") for t in ("archive_message", "interaction", "invitation")
    ]
    again = run(store, COMPLETE)
    after = [
        count(store, f"SELECT COUNT(*) FROM {t}") for t in ("archive_message", "interaction", "invitation")
    ]
    assert after == before
    assert again.changed_nothing and again.counts.get("messages", 0) == 0


def test_a_later_archive_adds_only_what_is_new_and_logs_the_acceptance(store: Store) -> None:
    run(store, COMPLETE)
    oskar = contact_id(store, "oskar-brandt")
    with store.read() as conn:
        assert rows.status_of(conn, oskar) == "invited"
        assert rows.status_of(conn, contact_id(store, "rafael-dias-sales")) == "invited_you"
        assert rows.status_of(conn, contact_id(store, "tomas-okafor")) == "connected"
    report = run(store, BASIC)
    assert report.counts["messages"] == 1  # "See you Tuesday."; the four it repeats are already stored
    assert report.counts["invitations_accepted"] == 1
    with store.read() as conn:
        assert rows.status_of(conn, oskar) == "connected"
        degree = conn.execute(sa.text("SELECT degree FROM contact WHERE id = :c"), {"c": oskar}).scalar()
        note = conn.execute(
            sa.text("SELECT summary FROM interaction WHERE contact_id = :c AND kind = 'note'"), {"c": oskar}
        ).scalar()
    assert degree == 1 and note == "Accepted your invitation"


def test_endorsements_and_recommendations_land_on_the_contact(store: Store) -> None:
    report = run(store, COMPLETE)
    lena = contact_id(store, "lena-vogt")
    with store.read() as conn:
        kinds = conn.execute(
            sa.text("SELECT kind, direction FROM interaction WHERE contact_id = :c"), {"c": lena}
        ).all()
        unmatched = rows.unmatched_recommendations(conn)
    assert kinds == [("recommendation", "in")]
    assert report.unmatched_recommendations == ["Jonas Berg (Hooli)"]
    assert [r["person_name"] for r in unmatched] == ["Jonas Berg"]
    priya = contact_id(store, "priya-raman-77")
    with store.read() as conn:
        assert [r["skill"] for r in rows.records_of(conn, priya)] == ["Recruiting"]


def test_without_message_text_only_dates_and_directions_are_stored(store: Store) -> None:
    run(store, COMPLETE, ArchiveOptions(message_text=False))
    assert (
        count(store, "SELECT COUNT(*) FROM archive_message WHERE text IS NOT NULL OR subject IS NOT NULL")
        == 0
    )
    assert count(store, "SELECT COUNT(*) FROM interaction WHERE summary LIKE '%Ingrid%'") == 0
    assert count(store, "SELECT COUNT(*) FROM archive_message") == 7


def test_one_undo_takes_the_whole_archive_back(store: Store) -> None:
    report = run(store, COMPLETE)
    assert report.batch_id is not None
    with store.write() as conn:
        undo_batch(conn, report.batch_id, NOW)
    for table in (
        "contact",
        "archive_message",
        "archive_participant",
        "invitation",
        "endorsement",
        "interaction",
    ):
        assert count(store, f"SELECT COUNT(*) FROM {table}") == 0, table
    assert count(store, "SELECT COUNT(*) FROM target_company") == 0


def test_all_or_nothing_refuses_an_archive_with_a_malformed_file(store: Store, tmp_path: Path) -> None:
    import shutil

    from netcrm.core.errors import FileRefusedError

    folder = tmp_path / "export"
    shutil.copytree(COMPLETE, folder)
    (folder / "Invitations.csv").write_text("From,To,Sent At,Message,Direction\nA,B,someday,,OUTGOING\n")
    with pytest.raises(FileRefusedError, match=r"row 2, column 'Sent At'.*all-or-nothing"):
        run(store, folder, ArchiveOptions(all_or_nothing=True))
    assert count(store, "SELECT COUNT(*) FROM contact") == 0
    report = run(store, folder)  # without it, the rest imports
    assert report.counts["messages"] == 7 and report.counts.get("invitations", 0) == 0


def test_asked_to_the_people_one_wrote_with_become_contacts_of_degree_2(store: Store) -> None:
    report = run(store, COMPLETE, ArchiveOptions(add_people=True))
    assert report.unmatched_people == []
    dev = contact_id(store, "dev-mistry-talent")
    assert count(store, f"SELECT degree FROM contact WHERE id = {dev}") == 2
    assert (
        count(store, f"SELECT COUNT(*) FROM interaction WHERE contact_id = {dev} AND kind = 'message'") == 1
    )
    assert count(store, "SELECT degree FROM contact WHERE linkedin_slug = 'tomas-okafor'") == 1
    assert count(store, "SELECT degree FROM contact WHERE linkedin_slug = 'oskar-brandt'") == 2
