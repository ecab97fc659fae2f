"""netcrm-cli through real subprocesses: output, JSON, exit codes, refusals, file modes."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def ok(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = cli(db, *args)
    assert result.returncode == 0, result.stderr
    return result


def as_json(db: Path, *args: str) -> Any:
    return json.loads(ok(db, *args, "--json").stdout)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "work" / "contacts.sqlite3"


def test_add_show_edit_list_json(db: Path) -> None:
    added = as_json(
        db,
        "add",
        "--first",
        "Ada",
        "--last",
        "Lovelace",
        "--email",
        "ada@example.org",
        "--email",
        "ADA@work.example",
        "--company",
        "Analytical Engines",
        "--tag",
        "Mentor",
        "--linkedin",
        "https://www.linkedin.com/in/ada-lovelace/",
    )
    cid = added["id"]
    shown = as_json(db, "show", str(cid))
    for key in (
        "id",
        "first_name",
        "last_name",
        "display_name",
        "emails",
        "phones",
        "company",
        "position",
        "location",
        "linkedin_url",
        "connected_on",
        "tags",
        "open_networker",
        "open_networker_reason",
        "notes",
        "next_follow_up",
        "last_contacted",
        "source",
    ):
        assert key in shown
    assert shown["emails"] == ["ada@example.org", "ADA@work.example"]
    assert shown["tags"] == ["Mentor"]
    ok(db, "edit", str(cid), "--position", "Analyst", "--expect-version", "1")
    conflict = cli(db, "edit", str(cid), "--position", "Other", "--expect-version", "1")
    assert conflict.returncode == 2 and "changed elsewhere" in conflict.stderr
    listed = as_json(db, "contacts", "--search", "LOVELACE")
    assert [c["position"] for c in listed] == ["Analyst"]
    assert as_json(db, "contacts", "--tag", "mentor")[0]["id"] == cid
    assert as_json(db, "contacts", "--search", "nobody") == []


def test_delete_restore_tag_followups_log(db: Path) -> None:
    cid = ok(db, "add", "--first", "Grace", "--last", "Hopper").stdout.strip()
    ok(db, "tag", cid, "--add", "Open networker", "--add", "Navy")
    assert as_json(db, "contacts", "--open-networkers")[0]["open_networker"] is True
    fid = ok(
        db, "followup", "add", cid, "--due", "2020-01-31", "--note", "Ask about COBOL", "--every", "1m"
    ).stdout
    items = as_json(db, "followup", "list", "--due")
    assert items == [
        {
            "id": int(fid),
            "contact_id": int(cid),
            "contact_name": "Grace Hopper",
            "due": "2020-01-31",
            "time": None,
            "note": "Ask about COBOL",
            "recurrence": "1m",
            "status": "open",
        }
    ]
    assert as_json(db, "contacts", "--due")[0]["id"] == int(cid)
    done = ok(db, "followup", "done", fid.strip())
    assert "next one" in done.stderr
    ok(db, "log", cid, "--kind", "call", "--note", "Lovely chat", "--date", "2026-01-02")
    assert as_json(db, "show", cid)["last_contacted"] is not None
    ok(db, "delete", cid)
    assert as_json(db, "contacts") == []
    assert as_json(db, "contacts", "--trash")[0]["id"] == int(cid)
    ok(db, "restore", cid)
    assert len(as_json(db, "contacts")) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("show", "4242"),
        ("delete", "4242"),
        ("edit", "4242", "--notes", "x"),
        ("add", "--email", "nope"),
        ("followup", "add", "1", "--due", "someday"),
        ("log", "1", "--kind", "call"),
    ],
)
def test_bad_input_exits_2_with_one_line(db: Path, args: tuple[str, ...]) -> None:
    result = cli(db, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_usage_error_exits_2(db: Path) -> None:
    assert cli(db, "contacts", "--bogus").returncode == 2


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_schema_is_refused_with_4_and_unchanged(db: Path) -> None:
    ok(db, "add", "--first", "Ada")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    conn.commit()
    conn.close()
    before = sha(db)
    for args in (("contacts",), ("add", "--first", "Bob"), ("migrate",), ("check",)):
        result = cli(db, *args)
        assert result.returncode == 4, result.stderr
        assert "newer netcrm" in result.stderr
    assert sha(db) == before


def test_not_a_database_exits_4_unchanged(db: Path) -> None:
    db.parent.mkdir()
    db.write_text("hello")
    before = sha(db)
    result = cli(db, "contacts")
    assert result.returncode == 4 and str(db) in result.stderr
    assert sha(db) == before


def test_file_modes_and_backup(db: Path, tmp_path: Path) -> None:
    ok(db, "add", "--first", "Ada")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700
    dest = Path(ok(db, "backup", str(tmp_path / "copy.sqlite3")).stdout.strip())
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert json.loads(ok(Path(dest), "contacts", "--json").stdout)[0]["first_name"] == "Ada"
    assert "ok" in ok(db, "check").stderr
    assert ok(db, "migrate").returncode == 0


def test_busy_database_exits_3(db: Path) -> None:
    ok(db, "add", "--first", "Ada")
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = cli(db, "add", "--first", "Bob", env={"NETCRM_BUSY_TIMEOUT_MS": "100"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 3, result.stderr
    assert "busy" in result.stderr


def test_default_database_lives_in_the_data_folder(tmp_path: Path) -> None:
    env = {"NETCRM_DATA_DIR": str(tmp_path / "appdata")}
    result = subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "demo", "--contacts", "50"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "appdata" / "netcrm.sqlite3").exists()
    env2 = {**os.environ, **env, "NETCRM_DB": str(tmp_path / "other.sqlite3")}
    subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "add", "--first", "X"], check=True, env=env2, capture_output=True
    )
    assert (tmp_path / "other.sqlite3").exists()


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "netcrm.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("netcrm ")
