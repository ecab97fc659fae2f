import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netcrm.core.services import Services
from netcrm.core.store.restore import list_backups, restore_sqlite
from netcrm.core.store.store import Store


def rows(db: Path) -> str:
    import sqlite3

    conn = sqlite3.connect(db)
    digest = hashlib.sha256()
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
        for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
            digest.update(repr(row).encode())
    conn.close()
    return digest.hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "netcrm.sqlite3"
    store = Store.open(str(path))
    Services(store).add_demo(20, seed=1)
    store.close()
    return path


def test_list_shows_counts_and_what_changed_then_restore_brings_it_back(db: Path) -> None:
    store = Store.open(str(db))
    svc = Services(store)
    taken = svc.backup()
    old = rows(db)
    svc.delete_contacts([1, 2])
    svc.edit_contact(3, {"notes": "changed"})
    [info] = list_backups(db)
    assert (info.path, info.contacts, info.deleted, info.edited, info.added) == (taken, 20, 2, 1, 0)
    assert info.size == taken.stat().st_size
    before = restore_sqlite(db, taken)
    assert rows(db) == old
    assert store.check() == []
    assert svc.get_contact(3).notes != "changed"
    store.close()
    assert before.exists() and os.stat(before).st_mode & 0o777 == 0o600


@pytest.mark.parametrize("point", ["restore.after_backup", "restore.after_copy"])
def test_a_kill_during_restore_leaves_before_or_after(db: Path, point: str) -> None:
    store = Store.open(str(db))
    svc = Services(store)
    taken = svc.backup()
    after = rows(db)
    svc.delete_contacts([1, 2, 3])
    store.close()
    before = rows(db)
    code = (
        "import sys; from pathlib import Path; from netcrm.core.store.restore import restore_sqlite;"
        "restore_sqlite(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    env = {**os.environ, "NETCRM_CRASHPOINT": point}
    proc = subprocess.run([sys.executable, "-c", code, str(db), str(taken)], env=env, check=False)
    assert proc.returncode == 137
    assert rows(db) in (before, after)
    store = Store.open(str(db))
    assert store.check() == []
    store.close()
    assert not [p for p in db.parent.rglob("*.tmp")]


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Path, tmp_path: Path) -> None:
    from netcrm.core.errors import DatabaseUnusableError

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    before = db.read_bytes()
    with pytest.raises(DatabaseUnusableError):
        restore_sqlite(db, bad)
    assert db.read_bytes() == before


def test_cli_backups_json_and_restore(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from netcrm.cli import main

    assert main(["--db", str(db), "backup"]) == 0
    taken = Path(capsys.readouterr().out.strip())
    old = rows(db)
    assert main(["--db", str(db), "delete", "4"]) == 0
    assert main(["--db", str(db), "backups", "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["contacts"] == 20 and entry["since"] == {"added": 0, "edited": 0, "deleted": 1}
    assert main(["--db", str(db), "restore", str(taken)]) == 0
    assert rows(db) == old
    assert main(["--db", str(db), "restore", "4"]) == 0


def test_cli_restore_takes_a_relative_path_as_typed(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from netcrm.cli import main

    assert main(["--db", str(db), "backup"]) == 0
    taken = Path(capsys.readouterr().out.strip())
    old = rows(db)
    assert main(["--db", str(db), "delete", "4"]) == 0
    monkeypatch.chdir(taken.parent.parent)
    assert main(["--db", str(db), "backups"]) == 0
    assert main(["--db", str(db), "restore", str(taken.relative_to(taken.parent.parent))]) == 0
    assert rows(db) == old


def _damage_header(db: Path) -> bytes:
    data = bytearray(db.read_bytes())
    data[0:100] = bytes(range(100))
    db.write_bytes(bytes(data))
    return bytes(data)


@pytest.mark.parametrize("point", ["restore.after_set_aside", "restore.before_replace"])
def test_a_kill_during_a_restore_over_a_damaged_database_leaves_it_damaged_or_restored(
    db: Path, point: str
) -> None:
    store = Store.open(str(db))
    taken = Services(store).backup()
    store.close()
    restored = rows(taken)
    damaged = _damage_header(db)
    code = (
        "import sys; from pathlib import Path; from netcrm.core.store.restore import restore_sqlite;"
        "restore_sqlite(Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    env = {**os.environ, "NETCRM_CRASHPOINT": point}
    proc = subprocess.run([sys.executable, "-c", code, str(db), str(taken)], env=env, check=False)
    assert proc.returncode == 137
    assert db.read_bytes() == damaged  # the kill came before the rename
    [aside] = taken.parent.glob("*.damaged")
    assert aside.read_bytes() == damaged
    assert restore_sqlite(db, taken) is not None  # run again: it finishes
    assert rows(db) == restored


def test_a_restore_over_a_damaged_database_never_replays_its_wal(db: Path, tmp_path: Path) -> None:
    import sqlite3

    store = Store.open(str(db))
    taken = Services(store).backup()
    store.close()
    restored = rows(taken)
    # A -wal with a committed change, left by a writer that died before its checkpoint.
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE contact SET notes = 'from the wal'")
    writer.commit()
    wal = Path(f"{db}-wal").read_bytes()
    writer.close()
    _damage_header(db)
    Path(f"{db}-wal").write_bytes(wal)
    aside = restore_sqlite(db, taken)
    assert aside is not None and Path(f"{aside}-wal").read_bytes() == wal  # kept aside with its file
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    assert rows(db) == restored
    reopened = Store.open(str(db))
    assert reopened.check() == []
    reopened.close()
