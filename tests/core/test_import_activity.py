"""Hand-kept networking sheets imported whole (issue 14): follow-up and last-contacted columns, cell links,
"how we met" notes, day/month dates decided by their column, and a re-import that adds nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from netcrm.core.model import ContactDraft, ContactFilter
from netcrm.core.services import Services
from tests.dbcheck import db_fingerprint

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
WORKBOOK = DATA / "xlsx" / "networking_followups.xlsx"
TRACKER = DATA / "generic" / "networking_followups.csv"


def _person(svc: Services, search: str) -> int:
    (found,) = svc.list_contacts(ContactFilter(search=search))
    return found.id


def test_a_hand_kept_workbook_gives_follow_ups_interactions_links_and_notes(svc: Services) -> None:
    result = svc.read_import(WORKBOOK)
    report = svc.apply_import(result)
    assert report.counts["created"] == 4 and report.added == {"follow_ups": 3, "interactions": 2}
    mei = svc.get_contact(_person(svc, "Tanaka"))
    assert (
        mei.linkedin_url == "https://www.linkedin.com/in/mei-tanaka-0a1b2c"
    )  # the cell showed "Mei's profile"
    assert "How we met: PyCon JP 2024" in mei.notes
    ravi = svc.get_contact(_person(svc, "Kumar"))
    assert ravi.emails == ("ravi.kumar@example.in",)  # "write to Ravi" linked to mailto:…?subject=Coffee
    due = {f.contact_name: (f.due, f.status) for f in svc.list_follow_ups()}
    assert due["Mei Tanaka"] == (date(2025, 1, 20), "open")  # a real Excel date; long past: overdue
    assert due["Ravi Kumar"] == (
        date(2025, 4, 3),
        "open",
    )  # 03/04/2025: the column's 14/03/2025 says day first
    assert due["Ola Nordmann"] == (date(2025, 3, 14), "open")
    (touch,) = svc.list_interactions(mei.id)
    assert (touch.kind, touch.occurred_on) == ("note", date(2024, 3, 12))
    # Nothing in "Last contacted" decides: each ambiguous date is warned about, with its row and column.
    ambiguous = [(w.row, w.column) for w in result.warnings if "nothing else in the column" in w.reason]
    assert ambiguous == [(4, "Last contacted"), (5, "Last contacted")]
    assert any(w.row == 8 and "next week" in w.reason for w in result.warnings)


def test_importing_the_sheet_again_adds_no_second_follow_up(svc: Services, db_path: Path) -> None:
    svc.apply_import(svc.read_import(WORKBOOK))
    before = db_fingerprint(db_path)
    again = svc.apply_import(svc.read_import(WORKBOOK))
    assert again.changed_nothing and again.added == {"follow_ups": 0, "interactions": 0}
    assert db_fingerprint(db_path) == before


def test_an_existing_contact_gets_the_follow_up_and_undo_takes_it_back(svc: Services) -> None:
    lucia = svc.add_contact(
        ContactDraft(first_name="Lucía", last_name="Fernández", emails=("lucia@example.es",))
    )
    report = svc.apply_import(svc.read_import(TRACKER))
    assert report.counts["created"] == 1 and report.added == {"follow_ups": 2, "interactions": 1}
    assert [f.due for f in svc.list_follow_ups(contact_id=lucia.id)] == [date(2025, 2, 3)]
    assert report.batch_id is not None
    svc.undo_import(report.batch_id)
    assert svc.list_follow_ups(contact_id=lucia.id) == []
    assert svc.list_interactions(lucia.id) == []
    assert [c.display_name for c in svc.list_contacts(ContactFilter())] == ["Lucía Fernández"]


def test_the_cli_says_what_the_columns_added(tmp_path: Path) -> None:
    db = tmp_path / "netcrm.sqlite3"
    run = [sys.executable, "-m", "netcrm.cli", "--db", str(db), "import"]
    done = subprocess.run([*run, str(TRACKER)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "networking_followups.csv: 2 follow-ups and 1 interactions from its columns" in done.stdout
    again = subprocess.run([*run, str(TRACKER), "--json"], capture_output=True, text=True, timeout=120)
    report = json.loads(again.stdout)
    assert (report["created"], report["follow_ups"], report["interactions"]) == (0, 0, 0)
