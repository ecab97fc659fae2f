"""The bulk import's fast paths give what the plain rules give: chunked writes, key folding, detection."""

from __future__ import annotations

import gc
import hashlib
import sqlite3
from pathlib import Path

import pytest

from netcrm.core import import_service, importing, rules
from netcrm.core.clock import FixedClock
from netcrm.core.errors import FileRefusedError
from netcrm.core.gc_pause import gc_paused
from netcrm.core.model import ParsedContact, ParseResult
from netcrm.core.services import Services
from netcrm.core.store import repos
from netcrm.core.store.store import Store
from tests.conftest import NOW
from tests.dbcheck import db_fingerprint


def person(row: int, first: str, last: str, slug: str | None = None, **extra: object) -> ParsedContact:
    url = f"https://www.linkedin.com/in/{slug}" if slug else ""
    return ParsedContact(row=row, first_name=first, last_name=last, linkedin_url=url, **extra)  # type: ignore[arg-type]


FIRST = (
    person(2, "Ada", "Lovelace", "ada", emails=("ada@x.example",), company="Analytical Engines"),
    person(3, "Grace", "Hopper", "grace", company="US Navy", position="Rear Admiral"),
    person(4, "Alan", "Turing", emails=("alan@x.example",)),
    person(5, "Ada", "King", emails=("ADA@x.example", "countess@x.example")),  # merges with row 2
    person(6, "Grace", "Hopper", "grace", phones=("+1 555 0100",), notes="From row 6"),  # with row 3
    person(7, "Sam", "Delacroix [LION]", "sam", position="Recruiter"),
    person(8, "Łukasz", "Żółć", "lukasz", company="Müller & Söhne", position="Ingénieur"),
    person(9, "\U0001d40b\U0001d408\U0001d40e\U0001d40d", "Styled", "styled"),  # 𝐋𝐈𝐎𝐍
    person(10, "Camille", "LION", "camille", company="Lionheart Ventures"),
    person(11, "", "", emails=("only@mail.example",), company="Mail Only Ltd"),
    person(12, "Wei", "张", "wei", display_name="张伟 (Wei)", position="教授"),
    person(13, "Odysseus", "ΟΔΥΣΣΕΥΣ", "odysseus", company="Kelvin \u212a Labs", position="İstanbul Straße"),
    person(14, "\u0301Acute", "Start", "acute", position="Java Developer (Oracle TopLink, JPA)"),
    person(15, "Theo", "Grant theo.grant@example.net", "theo", position="Engineer @Globex"),
    person(16, "Alan", "Turing", emails=("alan@x.example",), position="Codebreaker"),  # with row 4
)
SECOND = (
    person(2, "Ada", "Lovelace", "ada", emails=("ada@x.example",), company="Babbage & Co"),  # job change
    person(3, "Grace", "Hopper", "grace", company="US Navy", emails=("grace@navy.example",)),
    person(4, "Alan", "Turing", emails=("alan@x.example",)),  # unchanged
    person(5, "New", "Person", "new-person"),
    person(6, "Łukasz", "Żółć", "lukasz", company="Müller & Söhne", position="Ingénieur", location="Kraków"),
)


def parsed(folder: Path, name: str, rows: tuple[ParsedContact, ...]) -> ParseResult:
    path = folder / name
    path.write_text(repr(rows), encoding="utf-8")
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    return ParseResult(path=str(path), format="linkedin", encoding="utf-8", rows=rows, sha256=sha256)


def import_both(folder: Path) -> tuple[Path, list[dict[str, int]]]:
    db = folder / "netcrm.sqlite3"
    store = Store.open(str(db))
    try:
        svc = Services(store, FixedClock(NOW))
        counts = [svc.apply_import(parsed(folder, "first.csv", FIRST)).counts]
        counts.append(svc.apply_import(parsed(folder, "second.csv", SECOND)).counts)
    finally:
        store.close()
    return db, counts


def test_chunked_writes_and_reads_give_the_same_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "whole").mkdir()
    (tmp_path / "chunked").mkdir()
    whole, whole_counts = import_both(tmp_path / "whole")
    monkeypatch.setattr(import_service, "CHUNK", 2)  # in-file merges now span chunk boundaries
    monkeypatch.setattr(importing, "SNAPSHOT_CHUNK", 2)
    chunked, chunked_counts = import_both(tmp_path / "chunked")
    assert whole_counts == chunked_counts
    assert whole_counts[0] == {"created": 12, "updated": 0, "unchanged": 0, "skipped": 0}
    assert whole_counts[1] == {"created": 1, "updated": 3, "unchanged": 1, "skipped": 0}
    assert db_fingerprint(whole) == db_fingerprint(chunked)


def test_merges_across_chunks_are_reported_in_file_order(
    svc: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_service, "CHUNK", 2)
    report = svc.apply_import(parsed(tmp_path, "first.csv", FIRST))
    assert report.merged_rows == [[2, 5], [3, 6], [4, 16]]
    ada = svc.get_contact(next(c.id for c in svc.list_contacts() if c.linkedin_slug == "ada"))
    assert ada.emails == ("ada@x.example", "countess@x.example")


def test_derived_columns_and_detection_match_the_plain_rules(
    svc: Services, tmp_path: Path, db_path: Path
) -> None:
    svc.apply_import(parsed(tmp_path, "first.csv", FIRST))
    query = "SELECT id, search_key, sort_name, primary_email, tag_names FROM contact ORDER BY id"
    conn = sqlite3.connect(db_path)
    try:
        imported = conn.execute(query).fetchall()
    finally:
        conn.close()
    with svc.store.write() as c:  # what every other write computes, from the stored values
        repos.refresh_derived(c, [row[0] for row in imported])
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute(query).fetchall() == imported
        columns = "first_name, last_name, display_name, position, company, tag_names"
        stored = conn.execute(f"SELECT {columns} FROM contact ORDER BY id").fetchall()
    finally:
        conn.close()
    flagged = {
        display for _f, _l, display, _p, _c, tags in stored if repos.OPEN_NETWORKER_NAME in (tags or "")
    }
    # The detector judges the file's own names: a display name made up from an e-mail is not one.
    assert flagged == {"Sam Delacroix [LION]", "Theo Grant theo.grant@example.net"}
    for first, last, display, position, company, _tags in stored:
        if first or last:
            signal = rules.detect_open_networker(
                first_name=first or "",
                last_name=last or "",
                display_name=display if display not in (first, last, f"{first} {last}") else "",
                position=position or "",
                company=company or "",
            )
            assert bool(signal) == (display in flagged), display


def test_a_second_import_of_the_same_rows_changes_nothing(
    svc: Services, tmp_path: Path, db_path: Path
) -> None:
    svc.apply_import(parsed(tmp_path, "first.csv", FIRST))
    before = db_fingerprint(db_path)
    again = svc.apply_import(parsed(tmp_path, "again.csv", FIRST))
    assert again.changed_nothing and again.counts["unchanged"] == 12
    assert db_fingerprint(db_path) == before


MERGES = Path(__file__).parents[1] / "data" / "import" / "linkedin" / "connections_merges.csv"


def import_file(folder: Path) -> tuple[Path, list[list[int]], int]:
    db = folder / "netcrm.sqlite3"
    store = Store.open(str(db))
    try:
        svc = Services(store, FixedClock(NOW))
        report = svc.apply_import(svc.read_import(MERGES))
    finally:
        store.close()
    return db, report.merged_rows, report.open_networkers


def test_a_real_export_with_merges_imports_alike_in_any_chunk_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "whole").mkdir()
    (tmp_path / "chunked").mkdir()
    whole, merged, detected = import_file(tmp_path / "whole")
    assert merged == [[5, 9], [6, 11], [7, 15]] and detected == 2
    for size in (1, 2, 3):
        monkeypatch.setattr(import_service, "CHUNK", size)
        folder = tmp_path / f"chunked-{size}"
        folder.mkdir()
        chunked, merged_chunked, _ = import_file(folder)
        assert merged_chunked == merged
        assert db_fingerprint(chunked) == db_fingerprint(whole)


def test_the_collector_runs_again_after_an_import_even_a_refused_one(svc: Services, tmp_path: Path) -> None:
    assert gc.isenabled()
    with gc_paused(), gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()
    svc.apply_import(parsed(tmp_path, "first.csv", FIRST))
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # what the import left alive is not scanned again (see gc_pause)
    with pytest.raises(FileRefusedError):
        svc.read_import(tmp_path / "missing.csv")
    assert gc.isenabled()
