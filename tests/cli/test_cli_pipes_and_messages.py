"""netcrm-cli's closed pipe, duplicate summary and version refusal, through real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "import" / "linkedin"
PREAMBLE = (DATA / "connections_2024.csv").read_text(encoding="utf-8").split("First Name,")[0]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "work" / "contacts.sqlite3"


def connections(path: Path, rows: int) -> Path:
    """A LinkedIn Connections.csv (its preamble and header) of `rows` people."""
    lines = [
        f"Person{i},Surname{i},https://www.linkedin.com/in/person-{i},,Company {i % 50},Engineer,18 Nov 2024"
        for i in range(rows)
    ]
    path.write_text(
        PREAMBLE
        + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_a_closed_pipe_ends_the_listing_quietly_with_exit_0(db: Path, tmp_path: Path) -> None:
    imported = cli(db, "import", str(connections(tmp_path / "Connections.csv", 4000)))
    assert imported.returncode == 0, imported.stderr
    lister = subprocess.Popen(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), "contacts"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert lister.stdout is not None and lister.stderr is not None
    head = subprocess.run(["head", "-1"], stdin=lister.stdout, capture_output=True, timeout=120)
    lister.stdout.close()  # only head holds the read end: when it exits, the pipe is closed
    stderr = lister.stderr.read().decode()
    lister.stderr.close()
    assert lister.wait(timeout=120) == 0, stderr
    assert stderr == ""
    assert head.returncode == 0 and len(head.stdout.splitlines()) == 1


def test_an_import_summarises_its_possible_duplicates(db: Path) -> None:
    for first, last, company in (
        ("Ingrid", "Solberg-Nakamura", "Northwind Analytics, Inc."),
        ("Jürgen", "Weiß", "Müller & Söhne GmbH"),
    ):
        assert cli(db, "add", "--first", first, "--last", last, "--company", company).returncode == 0
    result = cli(db, "import", str(DATA / "connections_2024.csv"))
    assert result.returncode == 0, result.stderr
    assert "2 possible duplicates: `netcrm-cli duplicates` lists them" in result.stdout
    assert "possible duplicate: row" not in result.stdout


def test_an_edit_expecting_a_version_not_reached_says_so(db: Path) -> None:
    added = cli(db, "add", "--first", "Ada", "--last", "Lovelace")
    assert added.returncode == 0, added.stderr
    listed = cli(db, "contacts", "--json")
    cid = json.loads(listed.stdout)[0]["id"]
    refused = cli(db, "edit", str(cid), "--position", "Analyst", "--expect-version", "3")
    assert refused.returncode == 2
    assert "version 3 does not exist; the contact is at version 1" in refused.stderr
    assert json.loads(cli(db, "contacts", "--json").stdout)[0]["position"] in (None, "")
