"""Undoing an import in the core: progress per chunk, cancel rolls back, a re-import is reverted set-based."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from netcrm.core import undo_batches
from netcrm.core.errors import Cancelled
from netcrm.core.services import Services
from netcrm.core.store.store import Store
from tests.dbcheck import db_fingerprint

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
BIG_LINKEDIN = DATA / "samples" / "linkedin" / "Connections-random-names.csv"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[tuple[Services, Path]]:
    path = tmp_path / "undo.sqlite3"
    store = Store.open(str(path))
    yield Services(store), path
    store.close()


def test_the_core_undo_reports_every_chunk_and_a_cancel_changes_nothing(
    empty: tuple[Services, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    services, db = empty
    monkeypatch.setattr(undo_batches, "UNDO_CHUNK", 200)
    batch = services.apply_import(services.read_import(BIG_LINKEDIN)).batch_id
    assert batch is not None
    before = db_fingerprint(db)
    seen: list[tuple[int, int]] = []

    def cancel_after_first_chunk() -> bool:
        return len(seen) >= 2

    with pytest.raises(Cancelled):
        services.undo_import(
            batch, progress=lambda d, t: seen.append((d, t)), cancel=cancel_after_first_chunk
        )
    assert seen == [(0, 506), (200, 506)]
    assert db_fingerprint(db) == before
    seen.clear()
    report = services.undo_import(batch, progress=lambda d, t: seen.append((d, t)))
    assert report.removed == 506
    assert seen == [(0, 506), (200, 506), (400, 506), (506, 506), (506, 506)]


HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def linkedin_csv(path: Path, rows: int, company: str, with_mail: bool) -> Path:
    """A LinkedIn export of `rows` people; a later one moves everybody to `company` and adds e-mails."""
    lines = [HEADER]
    for i in range(rows):
        mail = f"p{i}@{company.lower()}.example" if with_mail else ""
        url = f"https://www.linkedin.com/in/person-{i}"
        lines.append(f"Person{i},Number{i},{url},{mail},{company},Engineer,01 Jun 2024\n")
    path.write_text("".join(lines), encoding="utf-8")
    return path


def people(svc: Services) -> list[tuple[object, ...]]:
    return sorted((c.id, c.company, c.position, c.emails, c.tags) for c in svc.list_contacts())


def test_undoing_a_reimport_puts_every_contact_back_and_keeps_what_the_user_edited(
    empty: tuple[Services, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc, _db = empty
    monkeypatch.setattr(undo_batches, "REVERT_CHUNK", 70)  # several groups of statements
    svc.apply_import(svc.read_import(linkedin_csv(tmp_path / "first.csv", 300, "Initech", False)))
    first = people(svc)
    again = svc.read_import(linkedin_csv(tmp_path / "again.csv", 300, "Globex", True))
    report = svc.apply_import(again, tags=["fair-2026"])
    assert report.counts["updated"] == 300 and report.batch_id is not None
    edited = first[5][0]
    assert isinstance(edited, int)
    svc.edit_contact(edited, {"company": "Edited by hand"})

    preview = svc.preview_undo(report.batch_id)
    seen: list[tuple[int, int]] = []
    undo = svc.undo_import(report.batch_id, progress=lambda d, t: seen.append((d, t)))
    assert (preview.removed, preview.reverted, preview.kept_fields) == (0, 300, [(edited, "company")])
    assert (undo.removed, undo.reverted, undo.kept_fields) == (0, 300, [(edited, "company")])
    assert seen == [(0, 300), (70, 300), (140, 300), (210, 300), (280, 300), (300, 300), (300, 300)]
    expected = [row if row[0] != edited else (edited, "Edited by hand", *row[2:]) for row in first]
    assert people(svc) == expected  # e-mails and the import's tag are gone, companies are back


def test_a_preview_writes_nothing_and_names_what_it_keeps(
    empty: tuple[Services, Path], tmp_path: Path
) -> None:
    svc, db = empty
    report = svc.apply_import(svc.read_import(BIG_LINKEDIN))
    assert report.batch_id is not None
    worked = svc.list_contacts()[0].id
    svc.edit_contact(worked, {"position": "Mine now"})
    before = db_fingerprint(db)
    preview = svc.preview_undo(report.batch_id)
    assert (preview.removed, preview.kept_contacts) == (505, [worked])
    assert db_fingerprint(db) == before
    assert svc.undo_import(report.batch_id).kept_contacts == [worked]
    assert [c.id for c in svc.list_contacts()] == [worked]
