"""Time a LinkedIn import of 30,000 and 100,000 rows beside the `sqlite3` CLI `.import` floor (PERF.md).

Usage: python bench/import.py [--runs N] [--sizes 30000,100000]
In-process: read + plan + apply into an empty database, and again over the full one (every row matches).
Whole process: `netcrm-cli import` beside `sqlite3 :memory: .import`, and the peak RSS the import adds.
Schema floor: the contacts and e-mails that import wrote, already built, inserted into a fresh netcrm database
through sqlite3 in one transaction as netcrm does it (same pragmas, indexes rebuilt after, the undo log by one
INSERT ... SELECT): what SQLite alone costs for netcrm's schema, before a byte of the file is read.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from _common import connections_csv, median_wall_and_cpu, run_child
from netcrm.core.services import Services
from netcrm.core.store.import_sql import REBUILT_INDEXES
from netcrm.core.store.store import Store

FLOOR_SQL = (
    "CREATE TABLE c (first TEXT, last TEXT, url TEXT, email TEXT, company TEXT, position TEXT, "
    "connected TEXT);\n"
    ".import --csv --skip 4 {csv} c\n"
)


def floor_once(csv: Path, folder: Path) -> float:
    db = folder / "floor.sqlite3"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(["sqlite3", str(db)], input=FLOOR_SQL.format(csv=csv), text=True, check=True)
    return time.perf_counter() - start


def netcrm_import(csv: Path, db: Path) -> None:
    store = Store.open(str(db))
    try:
        svc = Services(store)
        svc.apply_import(svc.read_import(csv))
    finally:
        store.close()


def imported(csv: Path, db: Path) -> None:
    """A fresh database holding one import of `csv` (what the undo timing starts from)."""
    fresh(db)
    netcrm_import(csv, db)


def netcrm_undo(db: Path) -> None:
    """Undo the last import of the database: what File > Import history's Undo does."""
    store = Store.open(str(db))
    try:
        svc = Services(store)
        batch = max(b.id for b in svc.list_batches() if b.status == "applied")
        svc.undo_import(batch)
    finally:
        store.close()


def written_rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """The contacts and e-mails an import into an empty database wrote."""
    conn = sqlite3.connect(db)
    try:
        tables = ("contact", "contact_email")
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    finally:
        conn.close()


def schema_floor_once(rows: dict[str, list[tuple[object, ...]]], db: Path) -> float:
    """Insert pre-built rows into a fresh netcrm database as the import does; seconds from BEGIN to COMMIT."""
    fresh(db)
    conn = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "cache_size = -16384"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute(
        "INSERT INTO import_batch (id, file_name, sha256, format, created_at) VALUES (1, 'f', '', 'csv', '')"
    )
    indexes = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql > ''"))
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for name in REBUILT_INDEXES:
        conn.execute(f"DROP INDEX {name}")
    for table, values in rows.items():
        marks = ", ".join("?" * len(values[0]))
        for at in range(0, len(values), 5000):
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", values[at : at + 5000])
    for name in REBUILT_INDEXES:
        conn.execute(indexes[name])
    conn.execute(
        "INSERT INTO import_change (batch_id, contact_id, action) SELECT 1, id, 'created' FROM contact"
    )
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - start


def fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    Store.open(str(db)).close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="30000,100000")
    args = parser.parse_args()
    if not shutil.which("sqlite3"):
        sys.exit("the floor needs the sqlite3 command (Debian package sqlite3)")
    folder = Path(tempfile.mkdtemp(prefix="netcrm-bench-import-"))
    print(
        f"{'rows':>7} {'floor':>8} {'empty DB':>9} {'x':>5} {'re-import':>9} {'x':>5} "
        f"{'CLI proc':>8} {'floor proc':>10} {'x':>5} {'peak MiB':>8} {'added':>6} "
        f"{'schema floor':>12} {'x':>5}"
    )
    cpu_rows: list[str] = []
    undo_rows: list[str] = []
    for rows in (int(s) for s in args.sizes.split(",")):
        csv = connections_csv(rows, Path(tempfile.gettempdir()))
        db = folder / "netcrm.sqlite3"
        floor, floor_cpu = median_wall_and_cpu(partial(floor_once, csv, folder), args.runs)
        empty, empty_cpu = median_wall_and_cpu(
            partial(netcrm_import, csv, db), args.runs, setup=partial(fresh, db)
        )
        full, full_cpu = median_wall_and_cpu(
            partial(netcrm_import, csv, db), args.runs
        )  # db is full from the last
        undo, undo_cpu = median_wall_and_cpu(
            partial(netcrm_undo, db), args.runs, setup=partial(imported, csv, db)
        )
        undo_rows.append(
            f"{rows:>7} {empty * 1000:>7.0f}ms {undo * 1000:>7.0f}ms {undo / empty:>5.2f} "
            f"{empty_cpu * 1000:>7.0f}ms {undo_cpu * 1000:>7.0f}ms {undo_cpu / empty_cpu:>5.2f}"
        )
        imported(csv, db)  # one import into an empty database, as written_rows expects
        written = written_rows(db)
        schema = median_wall_and_cpu(
            partial(schema_floor_once, written, folder / "schema.sqlite3"), args.runs
        )[0]
        del written
        procs, floors, peaks = [], [], []
        for _ in range(max(3, args.runs // 2)):
            fresh(db)
            t, peak = run_child([sys.executable, "-m", "netcrm.cli", "--db", str(db), "import", str(csv)])
            procs.append(t)
            peaks.append(peak)
            floors.append(floor_once(csv, folder))
        _t, base_peak = run_child(
            [sys.executable, "-m", "netcrm.cli", "--db", str(db), "contacts", "--search", "zzzz-nobody"]
        )
        proc, floor_proc = sorted(procs)[len(procs) // 2], sorted(floors)[len(floors) // 2]
        peak = max(peaks)
        print(
            f"{rows:>7} {floor * 1000:>6.0f}ms {empty * 1000:>7.0f}ms {empty / floor:>5.1f} "
            f"{full * 1000:>7.0f}ms {full / floor:>5.1f} {proc * 1000:>6.0f}ms {floor_proc * 1000:>8.0f}ms "
            f"{proc / floor_proc:>5.1f} {peak:>8.0f} {peak - base_peak:>6.0f} {schema * 1000:>10.0f}ms "
            f"{schema / floor:>5.1f}"
        )
        cpu_rows.append(
            f"{rows:>7} {floor_cpu * 1000:>6.0f}ms {empty_cpu * 1000:>7.0f}ms {empty_cpu / floor_cpu:>5.1f} "
            f"{full_cpu * 1000:>7.0f}ms {full_cpu / floor_cpu:>5.1f}"
        )
    print("the same in CPU seconds (user + system, the floor's child included): steadier on a busy machine")
    print("\n".join(cpu_rows))
    print(
        "budgets (PERF.md): in-process <= 6x the floor; whole netcrm-cli process <= 10x at 100k; "
        "<= 150 MiB added (peak of the import process minus the same CLI listing nothing)"
    )
    print("undo of the import beside the import itself (budget: undo <= 2x the import at 100k)")
    print(f"{'rows':>7} {'import':>9} {'undo':>9} {'x':>5} {'imp CPU':>9} {'undo CPU':>9} {'x':>5}")
    print("\n".join(undo_rows))
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
