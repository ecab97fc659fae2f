"""Issue 21's corrupt-file matrix: every command on every kind of damage exits 4, the file left as it was.

`backups` and `restore BACKUP` are the way out of damage: they work on a damaged file (tested below).

The database is a real generated one (demo people), checkpointed, then damaged in one of five ways; the
command runs in a child process; its exit code, its message and the file's bytes are checked.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.faultkit import damage, run_cli, sha

DAMAGE = ("header", "truncated", "in-page bytes", "btree header", "zeroed page")
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check",),
    ("check", "--repair"),
    ("contacts",),
    ("contacts", "--search", "zzzz"),
    ("show", "1"),
    ("stats",),
    ("export", "{out}/people.csv"),
    ("export", "{out}/people.xlsx"),
    ("export", "{out}/people.vcf"),
    ("imports",),
    ("followup", "list"),
    ("add", "--first", "Ada"),
    ("edit", "1", "--company", "Elsewhere"),
    ("tag", "1", "--add", "Mentor"),
    ("delete", "1"),
    ("followup", "add", "1", "--due", "tomorrow"),
    ("log", "1", "--kind", "call"),
    ("demo", "--contacts", "10"),
    ("migrate",),
    ("backup", "{out}/copy.sqlite3"),
)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "net.sqlite3"
    result = run_cli(path, "demo", "--contacts", "400")
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("kind", DAMAGE)
def test_every_command_on_a_damaged_file_exits_4_and_changes_nothing(
    healthy: Path, tmp_path: Path, kind: str
) -> None:
    db = tmp_path / "db" / "net.sqlite3"
    db.parent.mkdir()
    shutil.copy(healthy, db)
    damage(db, kind)
    out = tmp_path / "out"
    out.mkdir()
    before = sha(db)
    failures = []
    for command in COMMANDS:
        args = [arg.format(out=out) for arg in command]
        result = run_cli(db, *args)
        if result.returncode != 4 or str(db) not in result.stderr or "Traceback" in result.stderr:
            failures.append((" ".join(command), result.returncode, result.stderr.strip()[-300:]))
        if sha(db) != before:
            failures.append((" ".join(command), "changed the file", ""))
            db.write_bytes(Path(healthy).read_bytes())
            damage(db, kind)
    assert failures == []
    # No marker, no backup, no journal; a read of a WAL-mode file in a writable folder may leave SQLite's
    # -shm and an empty -wal, as any reader does.
    extra = sorted(p.name for p in db.parent.iterdir() if p.name != "net.sqlite3")
    assert set(extra) <= {"net.sqlite3-wal", "net.sqlite3-shm"}, extra
    wal = db.parent / "net.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert list(out.iterdir()) == []


def fingerprint(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT id, display_name, version, deleted_at FROM contact ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("kind", DAMAGE)
def test_backups_are_listed_and_restored_over_a_damaged_database(
    healthy: Path, tmp_path: Path, kind: str
) -> None:
    db = tmp_path / "db" / "net.sqlite3"
    db.parent.mkdir()
    shutil.copy(healthy, db)
    taken = tmp_path / "db" / "net-backups"
    result = run_cli(db, "backup")
    assert result.returncode == 0, result.stderr
    backup = Path(result.stdout.strip())
    assert backup.parent == taken
    wanted = fingerprint(backup)
    damage(db, kind)
    damaged = db.read_bytes()

    listing = run_cli(db, "backups", "--json")
    assert listing.returncode == 0, listing.stderr
    [entry] = json.loads(listing.stdout)
    assert (entry["path"], entry["contacts"]) == (str(backup), len(wanted))
    assert entry["since"] == {"added": None, "edited": None, "deleted": None}  # the live file cannot say
    assert db.read_bytes() == damaged  # listing changed nothing

    result = run_cli(db, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    [aside] = taken.glob("*-damaged.sqlite3.damaged")
    assert str(aside) in result.stderr
    assert aside.read_bytes() == damaged and aside.stat().st_mode & 0o777 == 0o600
    assert fingerprint(db) == wanted
    assert db.stat().st_mode & 0o777 == 0o600
    check = run_cli(db, "check")
    assert check.returncode == 0, check.stderr
    assert run_cli(db, "backups").returncode == 0
    assert sorted(p.name for p in taken.iterdir()) == sorted([backup.name, aside.name])
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]


def test_restore_over_a_missing_database_puts_the_backup_there(healthy: Path, tmp_path: Path) -> None:
    db = tmp_path / "net.sqlite3"
    shutil.copy(healthy, db)
    backup = Path(run_cli(db, "backup").stdout.strip())
    db.unlink()
    result = run_cli(db, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert fingerprint(db) == fingerprint(backup)
    assert run_cli(db, "check").returncode == 0
