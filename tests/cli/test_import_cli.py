"""netcrm-cli import end to end: real files, refusals that write nothing, kills that leave before or after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dbcheck import assert_db_sane, db_fingerprint

PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can "
    'learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def connections(path: Path, rows: int, *, company: str = "Northwind Analytics, Inc.") -> Path:
    lines = [
        f'Person{i},Tester,https://www.linkedin.com/in/person-{i}-4b7e21a9,,"{company}",Engineer,18 Nov 2024'
        for i in range(rows)
    ]
    path.write_text(PREAMBLE + HEADER + "\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "netcrm.sqlite3"
    assert cli(path, "add", "--first", "Existing", "--last", "Person").returncode == 0
    return path


def test_import_dry_run_reimport_and_undo(db: Path, tmp_path: Path) -> None:
    csv = connections(tmp_path / "Connections.csv", 40)
    before = db_fingerprint(db)
    dry = json.loads(cli(db, "import", str(csv), "--dry-run", "--json").stdout)
    assert dry["dry_run"] and dry["created"] == 40 and dry["batch"] is None
    assert db_fingerprint(db) == before
    first = json.loads(cli(db, "import", str(csv), "--json", "--tag", "Job fair").stdout)
    assert (first["created"], first["format"]) == (40, "linkedin")
    second = cli(db, "import", str(csv))
    assert second.returncode == 0 and "nothing new: every row is already in netcrm" in second.stdout
    moved = connections(tmp_path / "Connections-later.csv", 40, company="Globex")
    third = json.loads(cli(db, "import", str(moved), "--json").stdout)
    assert third["updated"] == 40 and len(third["job_changes"]) == 40
    batches = json.loads(cli(db, "imports", "--json").stdout)
    assert [b["file"] for b in batches] == ["Connections-later.csv", "Connections.csv"]
    assert cli(db, "undo-import", str(third["batch"])).returncode == 0
    listed = json.loads(cli(db, "contacts", "--tag", "job fair", "--json").stdout)
    assert {c["company"] for c in listed} == {"Northwind Analytics, Inc."}
    assert cli(db, "undo-import", str(third["batch"])).returncode == 2
    assert_db_sane(db)


@pytest.mark.parametrize(
    ("name", "content", "expect"),
    [
        ("empty.csv", b"", "empty"),
        ("header-only.csv", (PREAMBLE + HEADER).encode(), ""),
        ("binary.csv", bytes(range(256)) * 40, ""),
        (
            "unterminated.csv",
            (HEADER + 'Ada,"Lovelace,https://www.linkedin.com/in/ada,,X,Y,18 Nov 2024\n').encode(),
            "row",
        ),
    ],
)
def test_refused_files_exit_2_name_the_file_and_write_nothing(
    db: Path, tmp_path: Path, name: str, content: bytes, expect: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = db_fingerprint(db)
    result = cli(db, "import", str(path))
    assert result.returncode == 2, result.stderr
    assert name in result.stderr and expect in result.stderr.lower()
    assert result.stderr.count("\n") == 1
    assert db_fingerprint(db) == before


@pytest.mark.parametrize("point", ["import.after_create", "import.before_commit"])
def test_a_kill_during_import_leaves_the_database_as_before(db: Path, tmp_path: Path, point: str) -> None:
    csv = connections(tmp_path / "Connections.csv", 3000)
    before = db_fingerprint(db)
    result = cli(db, "import", str(csv), env={"NETCRM_CRASHPOINT": point})
    assert result.returncode == 137
    assert db_fingerprint(db) == before
    assert_db_sane(db)
    again = json.loads(cli(db, "import", str(csv), "--json").stdout)
    assert again["created"] == 3000


def test_a_value_left_out_is_said_on_stderr_with_its_row_and_column(db: Path, tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("First Name,LinkedIn\nAda,https://example.com/ada\n", encoding="utf-8")
    done = cli(db, "import", str(people))
    assert done.returncode == 0, done.stderr
    assert "1 created" in done.stdout
    assert "warning " in done.stderr and "people.csv, row 2, column 'LinkedIn': not a LinkedIn" in done.stderr
