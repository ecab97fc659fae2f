"""The import read path goes down once and comes back once: one read and one hash of the bytes parsed,
the wizard's needs (sheets, the reason a mapping is needed, the duplicates' names) in the results."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from netcrm.core.errors import MappingNeeded
from netcrm.core.services import Services

DATA = Path(__file__).parents[1] / "data" / "import"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_batch_records_the_bytes_that_were_parsed_not_the_file_as_it_is_later(
    svc: Services, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("First Name,Last Name,Email\nAda,Lovelace,ada@example.org\n", encoding="utf-8")
    parsed_sha = _sha(path)
    result = svc.read_import(path)
    assert result.sha256 == parsed_sha
    path.write_text("First Name,Last Name,Email\nSomeone,Else,else@example.org\n", encoding="utf-8")
    report = svc.apply_import(result)
    [batch] = svc.list_batches()
    assert batch.id == report.batch_id and batch.sha256 == parsed_sha != _sha(path)


def test_plan_and_apply_never_open_the_file_again(svc: Services, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes((DATA / "linkedin" / "connections_2024.csv").read_bytes())
    result = svc.read_import(path)
    path.unlink()  # a re-read or a re-hash would fail now
    assert svc.plan_import(result).counts["created"] == len(result.rows)
    assert svc.apply_import(result).counts["created"] == len(result.rows)


def test_a_table_without_a_header_says_why_and_carries_its_first_row(svc: Services) -> None:
    with pytest.raises(MappingNeeded) as caught:
        svc.read_import(DATA / "generic" / "needs_mapping.csv")
    needed = caught.value
    assert needed.reason == "no header row naming a name, e-mail, phone or LinkedIn column"
    assert "--map" not in str(needed)  # each face words its own advice
    assert needed.columns == ("Col A", "Col B", "Col C")
    assert (needed.header_found, needed.format, needed.encoding) == (False, "csv", "utf-8")


def test_a_mapping_that_names_no_identifying_column_is_a_mapping_needed(svc: Services) -> None:
    with pytest.raises(MappingNeeded) as caught:
        svc.read_import(DATA / "generic" / "needs_mapping.csv", mapping={"Col A": "company"})
    assert caught.value.header_found and caught.value.columns == ("Col A", "Col B", "Col C")
    assert caught.value.reason == "no column holds a name, e-mail, phone or LinkedIn URL"


def test_a_workbook_read_lists_its_worksheets(svc: Services) -> None:
    result = svc.read_import(DATA / "xlsx" / "contacts.xlsx", sheet="Contacts")
    assert result.sheets == ("Lookups", "Contacts", "Recruiters")
    assert result.sha256 == _sha(DATA / "xlsx" / "contacts.xlsx")


def test_the_plan_names_the_possible_duplicates(svc: Services, tmp_path: Path) -> None:
    first = tmp_path / "people.csv"
    first.write_text("First Name,Last Name,Email,Company\nGrace,Hopper,grace@navy.example,US Navy\n", "utf-8")
    svc.apply_import(svc.read_import(first))
    again = tmp_path / "tracker.csv"
    again.write_text("First Name,Last Name,Company,Phone\nGrace,Hopper,US Navy,+1 555 0100\n", "utf-8")
    report = svc.plan_import(svc.read_import(again))
    [(row, cid)] = report.possible_duplicates
    assert row == 2 and report.duplicate_names == {cid: "Grace Hopper"}
