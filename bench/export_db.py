"""Time `netcrm-cli export`'s in-process path (fetch from the database + write) beside the openpyxl floor.

Usage: .venv/bin/python bench/export_db.py [--sizes 30000,100000] [--runs 3]

The floor writes the same contacts' cells with openpyxl's bare write_only mode, from records already in
memory (bench/export.py's floor); netcrm's figure includes reading the contacts from a demo database, as
the app and the CLI do. Demo databases are cached under /tmp/netcrm-bench-export-db/.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from export import floor_xlsx
from netcrm.core.model import ContactFilter
from netcrm.core.services import Services
from netcrm.core.store.store import Store

CACHE = Path(tempfile.gettempdir()) / "netcrm-bench-export-db"


def demo_db(size: int) -> Path:
    path = CACHE / f"demo-{size}.sqlite3"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "netcrm.cli", "--db", str(path), "demo", "--contacts", str(size)],
            check=True,
            capture_output=True,
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="30000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="netcrm-export-db-"))
    print(f"{'contacts':>8} {'floor':>9} {'netcrm (fetch+write)':>21} {'x floor':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        store = Store.open(str(demo_db(size)))
        svc = Services(store)
        records = svc.list_contacts(ContactFilter())
        floors, ours = [], []
        for i in range(args.runs + 1):
            start = time.perf_counter()
            floor_xlsx(out / "floor.xlsx", records)
            floor = time.perf_counter() - start
            start = time.perf_counter()
            svc.export_contacts(out / "netcrm.xlsx")
            mine = time.perf_counter() - start
            if i:
                floors.append(floor)
                ours.append(mine)
        store.close()
        f, m = statistics.median(floors), statistics.median(ours)
        print(f"{size:>8} {f:>8.2f}s {m:>20.2f}s {m / f:>8.2f}")
    print("budget (PERF.md): <= 1.25x the openpyxl write_only floor")


if __name__ == "__main__":
    main()
