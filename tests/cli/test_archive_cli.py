"""netcrm-cli with LinkedIn's whole archive, through real subprocesses on a real database file."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import cli, ok

DATA = Path(__file__).parents[1] / "data" / "archive"
COMPLETE = DATA / "Complete_LinkedInDataExport_11-20-2026"
BASIC = DATA / "Basic_LinkedInDataExport_12-01-2026"


def as_json(db: Path, *args: str) -> Any:
    return json.loads(ok(db, *args, "--json").stdout)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "work" / "contacts.sqlite3"


@pytest.fixture
def archive_zip(tmp_path: Path) -> Path:
    target = tmp_path / "Complete_LinkedInDataExport_11-20-2026.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(COMPLETE.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(COMPLETE).as_posix())
    return target


def contact_by_slug(db: Path, slug: str) -> int:
    people = as_json(db, "contacts")
    return next(p["id"] for p in people if p.get("linkedin_url", "").endswith(slug))


def test_import_of_the_archive_zip_counts_each_file_and_lists_the_rest(db: Path, archive_zip: Path) -> None:
    result = ok(db, "import", str(archive_zip))
    assert "imported as linkedin-archive" in result.stdout
    assert "7 messages" in result.stdout and "3 invitations" in result.stdout
    assert "messages.csv: 9" in result.stdout
    assert "not used: Ad_Targeting.csv: not a file netcrm reads" in result.stderr
    assert "job-search" in result.stderr
    assert "Dev Mistry" in result.stdout  # wrote to the owner, not a connection: listed


def test_conversation_json_is_oldest_first_with_directions(db: Path, archive_zip: Path) -> None:
    ok(db, "import", str(archive_zip))
    ingrid = contact_by_slug(db, "ingrid-solberg-nakamura-4b7e21a9")
    messages = as_json(db, "conversation", str(ingrid))
    assert [m["date"] for m in messages] == sorted(m["date"] for m in messages)
    assert {m["direction"] for m in messages} == {"sent", "received"}
    assert set(messages[0]) >= {"date", "direction", "conversation_id", "text"}
    assert messages[-1]["text"] == "<p>Thanks Mara!</p><p>Tuesday works.</p>"


def test_invitations_and_show_status(db: Path, archive_zip: Path) -> None:
    ok(db, "import", str(archive_zip))
    pending = as_json(db, "invitations")
    assert sorted(i["direction"] for i in pending) == ["incoming", "outgoing", "outgoing"]
    stale = as_json(db, "invitations", "--stale")  # the clock is today's: both outgoing ones are old
    assert all(i["direction"] == "outgoing" for i in stale) and stale
    oskar = next(i for i in pending if i["profile_url"].endswith("oskar-brandt"))
    assert oskar["message"] == "Hi Oskar, we met at PyData Berlin." and oskar["sent_on"] == "2026-11-02"
    assert as_json(db, "show", str(oskar["contact_id"]))["status"] == "invited"
    rafael = next(i for i in pending if i["direction"] == "incoming")
    assert as_json(db, "show", str(rafael["contact_id"]))["status"] == "invited_you"
    ingrid = contact_by_slug(db, "ingrid-solberg-nakamura-4b7e21a9")
    shown = as_json(db, "show", str(ingrid))
    assert shown["status"] == "connected" and shown["last_contacted"] == "2026-11-18"


def test_re_import_adds_nothing_and_one_undo_takes_it_all_back(db: Path, archive_zip: Path) -> None:
    first = as_json(db, "import", str(archive_zip))
    again = as_json(db, "import", str(archive_zip))
    assert again["batch_id"] is None and not again["counts"].get("messages")
    ok(db, "undo-import", str(first["batch_id"]))
    assert as_json(db, "contacts") == []
    assert as_json(db, "invitations") == []


def test_the_folder_both_halves_and_a_file_alone(db: Path, tmp_path: Path) -> None:
    ok(db, "import", str(COMPLETE / "Connections.csv"))  # the ordinary import, as before
    alone = as_json(db, "import", str(COMPLETE / "messages.csv"))  # imported as its kind, not refused
    assert alone["counts"]["messages"] == 7
    later = as_json(db, "import", str(BASIC))
    assert later["counts"]["messages"] == 1 and "invitations_accepted" not in later["counts"]


def test_no_message_text_keeps_dates_and_directions_only(db: Path, archive_zip: Path) -> None:
    ok(db, "import", str(archive_zip), "--no-message-text")
    ingrid = contact_by_slug(db, "ingrid-solberg-nakamura-4b7e21a9")
    messages = as_json(db, "conversation", str(ingrid))
    assert messages and all(m["text"] is None for m in messages)


def test_all_or_nothing_writes_nothing_when_a_file_is_malformed(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "export"
    shutil.copytree(COMPLETE, folder)
    (folder / "Invitations.csv").write_text("From,To,Sent At,Message,Direction\nA,B,someday,,OUTGOING\n")
    result = cli(db, "import", str(folder), "--all-or-nothing")
    assert result.returncode == 2
    assert "Invitations.csv" in result.stderr and "row 2, column 'Sent At'" in result.stderr
    assert as_json(db, "contacts") == []
    result = ok(db, "import", str(folder))
    assert "not used: export/Invitations.csv" in result.stderr and "row 2, column 'Sent At'" in result.stderr
