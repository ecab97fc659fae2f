"""Issue 21: the faults an audit found by attacking the store, each reproduced through netcrm-cli.

Damaged files, exports aimed at the database, crash leftovers, reads that wrote, read-only files and folders
(as the user 'nobody': the tests run as root, whom no file mode stops), full disks, other programs' locks.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.faultkit import NOBODY, can_switch_user, damage, run_cli, sha, shared_folder
from tests.dbcheck import assert_db_sane, db_fingerprint

DAMAGED = "damaged: restore a backup or run check --repair"


def ok(db: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    result = run_cli(db, *args, **kw)  # type: ignore[arg-type]
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "work" / "contacts.sqlite3"
    ok(path, "demo", "--contacts", "300")
    return path


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr


# -- writes to a damaged database ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("add", "--first", "Ada"),
        ("edit", "1", "--company", "X"),
        ("tag", "1", "--add", "T"),
        ("delete", "1"),
    ],
)
def test_a_damaged_database_refuses_writes_with_4_and_is_left_unchanged(
    db: Path, args: tuple[str, ...]
) -> None:
    damage(db, "in-page bytes")
    before = sha(db)
    result = run_cli(db, *args)
    assert result.returncode == 4, result.stderr
    assert DAMAGED in result.stderr and str(db) in result.stderr
    no_traceback(result)
    assert sha(db) == before


def test_undecodable_text_is_damage_exit_4_never_an_internal_error(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("UPDATE contact SET first_name = CAST(X'41FF42FE' AS TEXT) WHERE id = 3")
    conn.commit()
    conn.close()
    for args in (("show", "3"), ("contacts",), ("export", str(db.parent / "out.csv"))):
        result = run_cli(db, *args)
        assert result.returncode == 4, (args, result.stderr)
        assert "damaged" in result.stderr and "UTF-8" in result.stderr
        no_traceback(result)
    assert not (db.parent / "out.csv").exists()


# -- exports aimed at the database ------------------------------------------------------------------


def test_an_export_never_replaces_the_database_its_sidecars_or_a_backup(db: Path, tmp_path: Path) -> None:
    backup = Path(ok(db, "backup").stdout.strip())
    copy = Path(ok(db, "backup", str(tmp_path / "copy.sqlite3")).stdout.strip())
    link = tmp_path / "link.csv"
    link.symlink_to(db)
    holder = sqlite3.connect(db)  # keeps the -wal and -shm in place while the exports run
    holder.execute("SELECT count(*) FROM contact").fetchone()
    try:
        wal = Path(f"{db}-wal")
        assert wal.exists()
        fingerprint, backup_sha, copy_sha = db_fingerprint(db), sha(backup), sha(copy)
        for target, fmt in (
            (db, "csv"),
            (link, "csv"),
            (wal, "vcf"),
            (Path(f"{db}-shm"), "xlsx"),
            (backup, "csv"),
            (copy, "csv"),
        ):
            result = run_cli(db, "export", str(target), "--format", fmt)
            assert result.returncode == 2, (target, result.stderr)
            assert "database" in result.stderr, result.stderr
        assert db_fingerprint(db) == fingerprint
        assert (sha(backup), sha(copy)) == (backup_sha, copy_sha)
        assert_db_sane(db)
    finally:
        holder.close()


# -- crash leftovers -----------------------------------------------------------------------------------


def _old(path: Path, data: bytes = b"x") -> Path:
    path.write_bytes(data)
    then = time.time() - 7200
    os.utime(path, (then, then))
    return path


def test_netcrm_sweeps_its_own_crash_leftovers_and_nothing_else(db: Path, tmp_path: Path) -> None:
    folder = db.parent
    backups = folder / "contacts-backups"
    backups.mkdir(exist_ok=True)
    sqlite_bytes = b"SQLite format 3\x00" + bytes(100)
    ours = [
        _old(folder / ".list.csv.ab12cd34.tmp"),
        _old(folder / ".copy.sqlite3.tmp", sqlite_bytes),
        _old(folder / ".copy.sqlite3.tmp-journal", bytes.fromhex("d9d505f920a163d7") + bytes(20)),
        _old(backups / ".contacts-20260101-000000-000000-before-0005.sqlite3.tmp", sqlite_bytes),
    ]
    theirs = [
        _old(folder / ".notes.tmp"),  # not a database, not our random-suffix name
        _old(folder / "list.csv.ab12cd34.tmp"),  # no leading dot
        _old(folder / ".other.sqlite3.tmp", b"not sqlite"),
        folder / ".fresh.csv.zz99yy88.tmp",  # too young: an export may still be writing it
    ]
    theirs[-1].write_bytes(b"x")
    ok(db, "add", "--first", "Ada")  # start-up of a write
    assert [p for p in ours if p.exists()] == []
    assert all(p.exists() for p in theirs)

    out = tmp_path / "out"
    out.mkdir()
    leftovers = [_old(out / ".people.xlsx.0a1b2c3d.tmp"), _old(out / ".b.sqlite3.tmp", sqlite_bytes)]
    ok(db, "export", str(out / "people.csv"))
    assert not leftovers[0].exists() and not leftovers[1].exists()
    again = _old(out / ".c.sqlite3.tmp", sqlite_bytes)
    ok(db, "backup", str(out / "c2.sqlite3"))
    assert not again.exists()


# -- reading never writes ------------------------------------------------------------------------------


def test_reading_a_backup_never_changes_a_byte_of_it(db: Path, tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    backup = Path(ok(db, "backup", str(tmp_path / "b" / "copy.sqlite3")).stdout.strip())
    before = sha(backup)
    listing = sorted(os.listdir(backup.parent))
    out = tmp_path / "out.csv"
    for args in (
        ("check",),
        ("contacts",),
        ("show", "1"),
        ("stats",),
        ("export", str(out)),
        ("imports",),
        ("followup", "list"),
    ):
        ok(backup, *args)
        assert sha(backup) == before, args
        assert sorted(os.listdir(backup.parent)) == listing, args  # no -wal, -shm, marker
    conn = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    assert out.read_text(encoding="utf-8").count("\n") >= 300


def test_reading_an_old_revision_says_an_upgrade_is_needed_and_does_not_run_it(tmp_path: Path) -> None:
    from netcrm.core.store.revisions import HEAD_REVISION, KNOWN_REVISIONS

    old = tmp_path / "old" / "old.sqlite3"
    ok(old, "add", "--first", "Ada")
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("UPDATE alembic_version SET version_num = ?", (KNOWN_REVISIONS[-2],))
    conn.commit()
    conn.close()
    before = sha(old)
    listing = sorted(os.listdir(old.parent))
    for args in (("check",), ("contacts",), ("stats",)):
        result = run_cli(old, *args)
        assert result.returncode == 4, result.stderr
        assert "upgrade" in result.stderr and HEAD_REVISION in result.stderr
        assert "migrate" in result.stderr
    assert sha(old) == before
    assert sorted(os.listdir(old.parent)) == listing  # no backup written either


# -- read-only files and folders, as a user whom file modes stop -------------------------------------------


needs_root = pytest.mark.skipif(
    not can_switch_user(), reason="needs root to run the CLI as 'nobody' (root ignores file modes)"
)


@pytest.fixture
def nobody_db() -> Iterator[Path]:
    with shared_folder() as folder:
        path = folder / "ro" / "net.sqlite3"
        path.parent.mkdir()
        os.chmod(path.parent, 0o777)
        ok(path, "demo", "--contacts", "50", user=NOBODY, env={"NETCRM_DATA_DIR": str(folder / "data")})
        yield path


@needs_root
@pytest.mark.parametrize("what", ["file", "folder", "both"])
def test_a_read_only_database_can_be_browsed_and_exported_without_a_sidecar(
    nobody_db: Path, what: str
) -> None:
    env = {"NETCRM_DATA_DIR": str(nobody_db.parent.parent / "data")}
    out = nobody_db.parent.parent / f"out-{what}.csv"
    if what in ("file", "both"):
        os.chmod(nobody_db, 0o444)
    if what in ("folder", "both"):
        os.chmod(nobody_db.parent, 0o555)
    listing = sorted(os.listdir(nobody_db.parent))
    before = sha(nobody_db)
    people = json.loads(ok(nobody_db, "contacts", "--json", user=NOBODY, env=env).stdout)
    assert len(people) == 50
    ok(nobody_db, "show", str(people[0]["id"]), user=NOBODY, env=env)
    ok(nobody_db, "stats", user=NOBODY, env=env)
    ok(nobody_db, "check", user=NOBODY, env=env)
    ok(nobody_db, "export", str(out), user=NOBODY, env=env)
    assert out.read_text(encoding="utf-8").count("\n") >= 50
    refused = run_cli(nobody_db, "add", "--first", "Ada", user=NOBODY, env=env)
    assert refused.returncode == 4 and "read-only" in refused.stderr, refused.stderr
    assert "attempt to write" not in refused.stderr
    assert sorted(os.listdir(nobody_db.parent)) == listing  # no -shm, no -wal
    assert sha(nobody_db) == before
    os.chmod(nobody_db.parent, 0o777)
    os.chmod(nobody_db, 0o600)
    ok(nobody_db, "add", "--first", "Ada", user=NOBODY, env=env)  # writable again: no lock-out


@needs_root
def test_a_read_only_sidecar_left_by_another_program_is_repaired(nobody_db: Path) -> None:
    env = {"NETCRM_DATA_DIR": str(nobody_db.parent.parent / "data")}
    reader = sqlite3.connect(f"{nobody_db.as_uri()}?mode=ro", uri=True)
    reader.execute("SELECT count(*) FROM contact").fetchone()
    reader.close()
    shm = Path(f"{nobody_db}-shm")
    assert shm.exists()
    os.chown(shm, NOBODY, NOBODY)
    os.chmod(shm, 0o444)
    os.chmod(Path(f"{nobody_db}-wal"), 0o444)
    ok(nobody_db, "add", "--first", "Ada", user=NOBODY, env=env)
    for sidecar in (shm, Path(f"{nobody_db}-wal")):
        if sidecar.exists():
            assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600


@needs_root
def test_a_read_only_database_with_a_pending_wal_is_read_through_it_and_never_locks_the_user_out(
    nobody_db: Path,
) -> None:
    """SQLite must create a -shm to read a -wal (it comes out 0444 like the file); the write after chmod 600
    gives it back its private mode instead of failing 'read-only'."""
    env = {"NETCRM_DATA_DIR": str(nobody_db.parent.parent / "data")}
    crashed_writer = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_autocheckpoint=0');"
        "c.execute(\"UPDATE contact SET notes = 'in the wal'\"); c.commit(); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", crashed_writer, str(nobody_db)], check=True, user=NOBODY)
    assert Path(f"{nobody_db}-wal").stat().st_size > 0
    Path(f"{nobody_db}-shm").unlink()
    os.chmod(nobody_db, 0o444)
    people = json.loads(ok(nobody_db, "contacts", "--json", user=NOBODY, env=env).stdout)
    shown = json.loads(ok(nobody_db, "show", str(people[0]["id"]), "--json", user=NOBODY, env=env).stdout)
    assert shown["notes"] == "in the wal"
    assert stat.S_IMODE(Path(f"{nobody_db}-shm").stat().st_mode) == 0o444  # what locked users out
    os.chmod(nobody_db, 0o600)
    ok(nobody_db, "add", "--first", "Ada", user=NOBODY, env=env)
    for sidecar in (Path(f"{nobody_db}-shm"), Path(f"{nobody_db}-wal")):
        if sidecar.exists():
            assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600


def test_a_0644_database_is_tightened_to_0600_with_a_note(db: Path) -> None:
    os.chmod(db, 0o644)
    result = ok(db, "add", "--first", "Ada")
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert "0600" in result.stderr
    for sidecar in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        if sidecar.exists():
            assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600


# -- exit codes ---------------------------------------------------------------------------------------------


def test_a_full_disk_during_a_write_exits_5(db: Path) -> None:
    fingerprint = db_fingerprint(db)
    size = db.stat().st_size
    result = run_cli(db, "demo", "--contacts", "2000", "--seed", "99", fsize=size)
    assert result.returncode == 5, result.stderr
    assert "disk full" in result.stderr
    no_traceback(result)
    assert db_fingerprint(db) == fingerprint
    assert_db_sane(db)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs, filled to the last block once the test has put its files there."""
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(
            f"cannot mount a small tmpfs here ({done.stderr.decode().strip()}); RLIMIT_FSIZE tests cover it"
        )
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> None:
    fd = os.open(folder / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while True:
            os.write(fd, bytes(4096))
    except OSError:
        pass
    finally:
        os.close(fd)


def test_a_full_disk_makes_reads_and_writes_exit_5_not_4(tmp_path: Path, full_disk: Path) -> None:
    db = full_disk / "net.sqlite3"
    ok(db, "demo", "--contacts", "50")
    fill(full_disk)
    for args in (("add", "--first", "Ada"), ("contacts",)):
        result = run_cli(db, *args)
        assert result.returncode in (0, 5), result.stderr  # a read may still work: nothing to create
        if result.returncode == 5:
            assert "disk" in result.stderr and "damaged" not in result.stderr
        no_traceback(result)
    result = run_cli(db, "add", "--first", "Ada")
    assert result.returncode == 5, result.stderr


def test_a_backup_onto_a_full_disk_names_the_destination_and_leaves_nothing(
    db: Path, full_disk: Path
) -> None:
    fill(full_disk)
    dest = full_disk / "b.sqlite3"
    result = run_cli(db, "backup", str(dest))
    assert result.returncode == 5, result.stderr
    assert str(dest) in result.stderr and str(db) not in result.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_a_backup_over_the_file_size_limit_names_the_destination_and_leaves_nothing(
    db: Path, tmp_path: Path
) -> None:
    dest_dir = tmp_path / "full"
    dest_dir.mkdir()
    dest = dest_dir / "b.sqlite3"
    result = run_cli(db, "backup", str(dest), fsize=65_536)  # room for the -shm of the read, not the copy
    assert result.returncode == 5, result.stderr
    assert str(dest) in result.stderr and f"{db}:" not in result.stderr
    assert list(dest_dir.iterdir()) == []


def test_an_exclusive_lock_of_another_program_exits_3(db: Path) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for args in (("contacts",), ("add", "--first", "Bob"), ("check",)):
            result = run_cli(db, *args)
            assert result.returncode == 3, (args, result.stderr)
            assert "busy" in result.stderr or "locked" in result.stderr
            no_traceback(result)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_demo_on_a_populated_database_adds_unique_people(db: Path) -> None:
    ok(db, "demo", "--contacts", "10")
    ok(db, "demo", "--contacts", "10", "--seed", "7")
    people = json.loads(ok(db, "contacts", "--json").stdout)
    assert len(people) == 320
    assert_db_sane(db)


# -- one limit for a value ----------------------------------------------------------------------------------


def test_add_refuses_a_value_import_would_refuse_so_an_export_stays_importable(
    db: Path, tmp_path: Path
) -> None:
    from netcrm.core.io.limits import MAX_CELL_CHARS

    refused = run_cli(db, "add", "--first", "Ada", "--notes", "n" * (MAX_CELL_CHARS + 1))
    assert refused.returncode == 2 and "notes" in refused.stderr, refused.stderr
    ok(db, "add", "--first", "Longest", "--notes", "n, o" * (MAX_CELL_CHARS // 4))
    for name in ("all.csv", "all.vcf"):
        ok(db, "export", str(tmp_path / name))
        other = tmp_path / f"reimport-{name}.sqlite3"
        result = ok(other, "import", str(tmp_path / name), "--json")
        assert json.loads(result.stdout)["skipped"] == 0, result.stdout


def test_the_network_folder_classifier_is_run_by_the_cli(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "netcrm.sqlite3"
    result = ok(synced, "add", "--first", "Ada")
    assert "Dropbox" in result.stderr and "WAL" in result.stderr
