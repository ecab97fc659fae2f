"""Import semantics on a real database: matching, re-import, job changes, kept edits, undo, all or nothing."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from netcrm.core.errors import Cancelled, FileRefusedError
from netcrm.core.model import ContactFilter, ParsedContact, ParseResult, RowIssue
from netcrm.core.services import Services
from tests.dbcheck import assert_db_sane, db_fingerprint


def parsed(
    tmp_path: Path, *rows: ParsedContact, name: str = "Connections.csv", skipped: tuple[RowIssue, ...] = ()
) -> ParseResult:
    path = tmp_path / name
    path.write_text(repr(rows), encoding="utf-8")  # the batch records the file's sha256
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return ParseResult(
        path=str(path), format="linkedin", encoding="utf-8", rows=rows, sha256=sha256, skipped=skipped
    )


def person(row: int, first: str, last: str, slug: str, **extra: object) -> ParsedContact:
    return ParsedContact(
        row=row, first_name=first, last_name=last, linkedin_url=f"https://www.linkedin.com/in/{slug}", **extra
    )  # type: ignore[arg-type]


ADA = person(
    5,
    "Ada",
    "Lovelace",
    "ada",
    company="Analytical Engines",
    position="Analyst",
    connected_on=date(2024, 11, 18),
)
GRACE = person(6, "Grace", "Hopper", "grace", emails=("grace@navy.example",), company="US Navy")


def test_first_import_creates_and_second_changes_nothing(
    svc: Services, tmp_path: Path, db_path: Path
) -> None:
    result = parsed(tmp_path, ADA, GRACE)
    plan = svc.plan_import(result)
    assert plan.dry_run and plan.counts["created"] == 2
    assert svc.counts().contacts == 0  # a dry run writes nothing
    report = svc.apply_import(result)
    assert report.counts == {"created": 2, "updated": 0, "unchanged": 0, "skipped": 0}
    assert report.batch_id is not None
    ada = svc.list_contacts(ContactFilter(search="lovelace"))[0]
    assert (ada.linkedin_slug, ada.connected_on, ada.source) == ("ada", date(2024, 11, 18), "import:linkedin")
    before = db_fingerprint(db_path)
    again = svc.apply_import(result)
    assert again.changed_nothing and again.batch_id is None
    assert again.counts["unchanged"] == 2
    assert db_fingerprint(db_path) == before
    assert [b.created for b in svc.list_batches()] == [2]


def test_job_change_updates_and_keeps_history(svc: Services, tmp_path: Path) -> None:
    svc.apply_import(parsed(tmp_path, ADA))
    moved = person(5, "Ada", "Lovelace", "ada", company="Babbage & Co", position="Lead Analyst")
    report = svc.apply_import(parsed(tmp_path, moved, name="newer.csv"))
    assert report.counts["updated"] == 1
    assert {(j.field, j.old, j.new) for j in report.job_changes} == {
        ("company", "Analytical Engines", "Babbage & Co"),
        ("position", "Analyst", "Lead Analyst"),
    }
    ada = svc.list_contacts()[0]
    assert (ada.company, ada.position) == ("Babbage & Co", "Lead Analyst")
    assert {(h.field, h.old_value) for h in svc.history(ada.id)} == {
        ("company", "Analytical Engines"),
        ("position", "Analyst"),
    }


def test_user_edits_notes_tags_followups_survive_reimport(svc: Services, tmp_path: Path) -> None:
    svc.apply_import(parsed(tmp_path, ADA))
    cid = svc.list_contacts()[0].id
    svc.edit_contact(cid, {"company": "My own words", "notes": "Met at PyCon"})
    svc.tag_contacts([cid], add=["Mentor"])
    svc.add_follow_ups([cid], date(2026, 4, 1), note="Coffee")
    svc.log_interaction(cid, "call")
    moved = person(
        5,
        "Ada",
        "Lovelace",
        "ada",
        company="Babbage & Co",
        position="Analyst",
        emails=("ada@babbage.example",),
        notes="From LinkedIn",
    )
    report = svc.apply_import(parsed(tmp_path, moved, name="newer.csv"))
    assert (cid, "company") in report.kept_edits
    ada = svc.get_contact(cid)
    assert ada.company == "My own words"
    assert ada.notes == "Met at PyCon\n\nFrom LinkedIn"
    assert ada.tags == ("Mentor",)
    assert ada.emails == ("ada@babbage.example",)
    assert ada.next_follow_up == date(2026, 4, 1) and ada.last_contacted is not None


def test_rows_sharing_an_email_merge_and_name_alone_never_matches(svc: Services, tmp_path: Path) -> None:
    svc.apply_import(parsed(tmp_path, GRACE))
    same_mail = ParsedContact(
        row=2, first_name="Grace", last_name="Hopper", emails=("GRACE@navy.example",), phones=("+1 555 0100",)
    )
    twin_a = ParsedContact(row=3, first_name="Alan", last_name="Turing", emails=("alan@x.example",))
    twin_b = ParsedContact(
        row=4, first_name="Alan", last_name="Turing", emails=("alan@x.example", "a@y.example")
    )
    namesake = ParsedContact(row=5, first_name="Grace", last_name="Hopper", company="US Navy")
    report = svc.apply_import(parsed(tmp_path, same_mail, twin_a, twin_b, namesake, name="google.csv"))
    assert report.counts["created"] == 2 and report.counts["updated"] == 1
    assert report.merged_rows == [[3, 4]]
    assert len(report.possible_duplicates) == 1 and report.possible_duplicates[0][0] == 5
    alan = svc.list_contacts(ContactFilter(search="turing"))[0]
    assert alan.emails == ("alan@x.example", "a@y.example")
    grace = svc.list_contacts(ContactFilter(search="grace@navy"))[0]
    assert grace.phones == ("+1 555 0100",)


def test_open_networkers_detected_but_the_users_no_wins(svc: Services, tmp_path: Path) -> None:
    lion = person(7, "Sam", "Delacroix [LION]", "sam", position="Recruiter")
    report = svc.apply_import(parsed(tmp_path, lion))
    assert report.open_networkers == 1
    sam = svc.list_contacts()[0]
    assert sam.open_networker and sam.open_networker_by == "detector" and "LION" in sam.open_networker_reason
    svc.set_open_networker([sam.id], False)
    lion2 = person(
        7, "Sam", "Delacroix [LION]", "sam", position="Recruiter | TopLinked.com", location="Paris"
    )
    svc.apply_import(parsed(tmp_path, lion2, name="again.csv"))
    sam = svc.get_contact(sam.id)
    assert not sam.open_networker and sam.open_networker_verdict == "no"


def test_undo_removes_created_reverts_updated_and_keeps_later_work(
    svc: Services, tmp_path: Path, db_path: Path
) -> None:
    svc.apply_import(parsed(tmp_path, ADA))
    before = db_fingerprint(db_path)
    moved = person(5, "Ada", "Lovelace", "ada", company="Babbage & Co", emails=("ada@b.example",))
    report = svc.apply_import(parsed(tmp_path, moved, GRACE, name="second.csv"))
    assert report.batch_id is not None
    undo = svc.undo_import(report.batch_id)
    assert (undo.removed, undo.reverted) == (1, 1)
    ada = svc.list_contacts()[0]
    assert (ada.company, ada.emails) == ("Analytical Engines", ())
    assert svc.history(ada.id) == []
    assert [b.status for b in svc.list_batches()] == ["undone", "applied"]
    # Third import, then the user works on what it brought: undo keeps that.
    report = svc.apply_import(parsed(tmp_path, moved, GRACE, name="third.csv"))
    assert report.batch_id is not None
    grace = svc.list_contacts(ContactFilter(search="hopper"))[0]
    svc.add_follow_ups([grace.id], date(2026, 5, 1))
    svc.edit_contact(ada.id, {"company": "Edited later"})
    undo = svc.undo_import(report.batch_id)
    assert undo.kept_contacts == [grace.id] and (ada.id, "company") in undo.kept_fields
    assert svc.get_contact(ada.id).company == "Edited later"
    assert_db_sane(db_path)
    assert before != db_fingerprint(db_path)


def test_cancel_and_all_or_nothing_write_nothing(svc: Services, tmp_path: Path, db_path: Path) -> None:
    svc.apply_import(parsed(tmp_path, GRACE))
    before = db_fingerprint(db_path)
    with pytest.raises(Cancelled):
        svc.apply_import(parsed(tmp_path, ADA, name="b.csv"), cancel=lambda: True)
    bad = parsed(tmp_path, ADA, name="c.csv", skipped=(RowIssue(9, "7 fields, the header has 6", None),))
    with pytest.raises(FileRefusedError, match=r"c\.csv, row 9"):
        svc.apply_import(bad, all_or_nothing=True)
    assert db_fingerprint(db_path) == before
    assert svc.apply_import(bad).counts["skipped"] == 1


def test_two_profiles_sharing_an_email_stay_two_people(svc: Services, tmp_path: Path) -> None:
    a = person(2, "Jo", "Smith", "jo-smith-1", emails=("jo@family.example",))
    b = person(3, "Jo", "Smith", "jo-smith-2", emails=("jo@family.example",))
    report = svc.apply_import(parsed(tmp_path, a, b))
    assert report.counts["created"] == 2 and report.merged_rows == []


def test_a_large_first_import_rebuilds_the_indexes_it_dropped(
    svc: Services, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many new contacts go in with five indexes dropped and built again; a Cancel keeps them all."""
    import sqlite3

    from netcrm.core.store import import_sql

    monkeypatch.setattr(import_sql, "REBUILD_AT_LEAST", 2)

    def indexes() -> set[tuple[str, str]]:
        with sqlite3.connect(db_path) as conn:
            rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql > ''")
            return set(rows.fetchall())

    before = indexes()
    assert {name for name, _ in before} >= set(import_sql.REBUILT_INDEXES)
    with pytest.raises(Cancelled):
        svc.apply_import(parsed(tmp_path, ADA, GRACE), cancel=lambda: True)
    assert indexes() == before
    report = svc.apply_import(parsed(tmp_path, ADA, GRACE))
    assert report.counts["created"] == 2 and indexes() == before
    assert [c.display_name for c in svc.list_contacts(ContactFilter())] == ["Ada Lovelace", "Grace Hopper"]
    assert_db_sane(db_path)


def test_progress_moves_from_the_first_moment_to_the_end_through_the_index_builds(
    svc: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's bar: an update before the plan, one per chunk, one per index built again, then full."""
    from netcrm.core import import_service
    from netcrm.core.store import import_sql

    monkeypatch.setattr(import_sql, "REBUILD_AT_LEAST", 2)
    monkeypatch.setattr(import_service, "CHUNK", 5)
    people = [person(2 + n, f"P{n}", "Lee", f"p-lee-{n}") for n in range(40)]
    seen: list[tuple[int, int]] = []
    svc.apply_import(parsed(tmp_path, *people), progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 40)  # before the plan
    counted = seen[1:]
    total = counted[0][1]
    assert total == 40 + 40 // 4  # the contacts, then a quarter more for what follows their inserts
    assert all(t == total for _d, t in counted)
    done = [d for d, _t in counted]
    assert done == sorted(done) and done[-1] == total
    assert len([d for d in done if 40 < d < total]) == len(import_sql.REBUILT_INDEXES)  # one per index
    assert len([d for d in done if d < 40]) == 40 // 5  # one per chunk
