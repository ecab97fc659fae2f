"""Nobody dropped for one oversized cell (issue 14): the row is kept, the cell cut at the one limit, a warning
names the row, the column and the original length; netcrm's own exports of the longest value import again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netcrm.core.errors import ValidationError
from netcrm.core.io.limits import MAX_CELL_CHARS, cut
from netcrm.core.io.readers import read_bytes
from netcrm.core.model import ContactDraft, ContactFilter
from netcrm.core.services import Services
from netcrm.core.store.store import Store

DATA = Path(__file__).resolve().parents[2] / "data" / "import"


@pytest.mark.parametrize(
    ("name", "row", "column", "length"),
    [
        ("google/google_contacts_pasted_thread.csv", 2, "Notes", "200,000 characters"),
        ("xlsx/networking_long_notes.xlsx", 2, "Notes", "1,000,000 characters"),
        ("vcard/apple_long_note.vcf", 1, "NOTE", "150,000 characters"),
    ],
)
def test_the_person_is_kept_and_the_cell_cut_with_a_warning(
    name: str, row: int, column: str, length: str
) -> None:
    path = DATA / name
    result = read_bytes(path.read_bytes(), path.name)
    assert not result.skipped
    priya = next(c for c in result.rows if "Priya" in (c.first_name, c.display_name.split(" ")[0]))
    assert len(priya.notes) == MAX_CELL_CHARS
    assert priya.emails == ("priya.raman@example.com",)
    assert len(result.rows) == 2  # the person after the long cell is read as well
    warning = next(w for w in result.warnings if "cut" in w.reason)
    assert (warning.row, warning.column) == (row, column)
    assert length in warning.reason and f"{MAX_CELL_CHARS:,}" in warning.reason


def test_the_import_report_and_the_cli_name_file_row_column_and_length(tmp_path: Path) -> None:
    db = tmp_path / "netcrm.sqlite3"
    path = DATA / "google" / "google_contacts_pasted_thread.csv"
    done = subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), "import", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "2 created" in done.stdout
    assert "google_contacts_pasted_thread.csv" in done.stderr and "row 2" in done.stderr
    assert "Notes" in done.stderr and "200,000 characters cut" in done.stderr


def test_a_cut_never_splits_a_character() -> None:
    accented = "x" * (MAX_CELL_CHARS - 1) + "e\u0301" + "tail"  # é as e + combining acute across the limit
    assert cut(accented) == "x" * (MAX_CELL_CHARS - 1)
    family = "y" * (MAX_CELL_CHARS - 2) + "\U0001f469\u200d\U0001f467" + "z"  # woman ZWJ girl
    assert cut(family) == "y" * (MAX_CELL_CHARS - 2)
    plain = "a" * (MAX_CELL_CHARS + 5)
    assert cut(plain) == "a" * MAX_CELL_CHARS


def test_add_and_edit_refuse_what_an_import_would_cut(svc: Services) -> None:
    with pytest.raises(ValidationError, match="100,000"):
        svc.add_contact(ContactDraft(first_name="Ada", notes="n" * (MAX_CELL_CHARS + 1)))
    ada = svc.add_contact(ContactDraft(first_name="Ada"))
    with pytest.raises(ValidationError, match="100,000"):
        svc.edit_contact(ada.id, {"notes": "n" * (MAX_CELL_CHARS + 1)})


@pytest.mark.parametrize("suffix", [".csv", ".vcf"])
def test_the_longest_value_netcrm_accepts_survives_its_own_export(
    svc: Services, tmp_path: Path, suffix: str
) -> None:
    """A note of exactly the limit that a spreadsheet would read as a formula (the export adds an escape
    character) and holds commas, semicolons and newlines (the vCard export escapes them)."""
    note = ("=SUM(A1); see, also\n" * (MAX_CELL_CHARS // 20 + 1))[:MAX_CELL_CHARS]
    svc.add_contact(
        ContactDraft(first_name="Ada", last_name="Lovelace", emails=("ada@example.com",), notes=note)
    )
    out = tmp_path / f"netcrm-export{suffix}"
    assert svc.export_contacts(out) == 1
    store = Store.open(str(tmp_path / "other.sqlite3"))
    try:
        other = Services(store)
        result = other.read_import(out)
        assert not [w for w in result.warnings if "cut" in w.reason]
        other.apply_import(result)
        (ada,) = other.list_contacts(ContactFilter())
        assert other.get_contact(ada.id).notes == note.rstrip("\n")
    finally:
        store.close()
