"""Read a 30,000-row .xlsx for import: netcrm's reader beside python-calamine's bare read (PERF.md R1).

Usage: .venv/bin/python bench/xlsx_read.py [--rows 30000] [--runs 5] [--no-soffice]

The workbook (cached under /tmp/netcrm-bench-xlsx) holds LinkedIn's columns from the team's generator
(../shared/bench/gen_connections.py) with "Connected On" as real date cells, plus a Phone column of numbers
(as spreadsheets store them: some rows as numbers, the rest as text) and a Location column. openpyxl's normal
mode writes it (inline strings); when LibreOffice is installed the same sheet re-saved by LibreOffice (shared
strings, as Excel writes them) is measured too.
  floor   python_calamine: CalamineWorkbook.from_path(file).get_sheet_by_index(0).to_python();
  netcrm  netcrm.core.io.readers.read_file(file): vetting, calamine, header search, mapping, contacts.
Interleaved, one warm-up then --runs counted runs, medians (min-max). Budget: netcrm <= 2x the floor.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from _common import connections_csv

CACHE = Path(tempfile.gettempdir()) / "netcrm-bench-xlsx"
BUDGET = 2.0
HEADERS = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
CITIES = ("Berlin", "München", "São Paulo", "Paris", "London", "New York, NY", "東京", "Bengaluru", "Kraków")


def workbook(rows: int) -> Path:
    """The benchmark's workbook of `rows` contacts (made once, cached)."""
    from openpyxl import Workbook

    path = CACHE / f"connections-{rows}.xlsx"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)
    source = connections_csv(rows, CACHE)
    rng = random.Random(42)
    wb = Workbook()
    ws = wb.active
    ws.title = "Connections"
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        for line in reader:
            if tuple(line) == HEADERS:
                break
        ws.append([*HEADERS, "Phone", "Location"])
        for line in reader:
            cells: list[object] = list(line)
            cells[6] = datetime.strptime(line[6], "%d %b %Y").date() if line[6] else None
            number = rng.randrange(10**9, 10**11)
            phone = number if rng.random() < 0.5 else f"+49 {number}"
            cells += [phone if rng.random() < 0.6 else None, rng.choice(CITIES)]
            ws.append(cells)
    for cell in ws["G"][1:]:
        cell.number_format = "yyyy-mm-dd"
    partial = path.with_suffix(".partial")
    wb.save(partial)
    partial.rename(path)
    return path


def resaved(path: Path) -> Path | None:
    """The workbook as LibreOffice saves it (cached), or None without LibreOffice."""
    out = path.with_name(f"{path.stem}-libreoffice.xlsx")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if out.exists() or soffice is None:
        return out if out.exists() else None
    folder = Path(tempfile.mkdtemp(prefix="netcrm-bench-lo-"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
    )
    (folder / path.name).rename(out)
    shutil.rmtree(folder, ignore_errors=True)
    return out


def bench_file(path: Path, runs: int) -> float:
    """Print calamine and netcrm on one workbook; return the ratio."""
    import python_calamine

    from netcrm.core.io.readers import read_file

    def floor() -> object:
        return python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()

    def netcrm() -> object:
        return read_file(path)

    contacts = len(read_file(path).rows)
    times: dict[str, list[float]] = {"floor": [], "netcrm": []}
    for run in range(runs + 1):
        for name, fn in (("floor", floor), ("netcrm", netcrm)):
            start = time.perf_counter()
            fn()
            if run:  # run 0 is the warm-up
                times[name].append(time.perf_counter() - start)
    print(f"{path.name} ({path.stat().st_size / 2**20:.1f} MiB, {contacts:,} contacts)")
    floor_median = statistics.median(times["floor"])
    for name, label in (("floor", "calamine to_python()"), ("netcrm", "netcrm read_file()")):
        median = statistics.median(times[name])
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f}"
        print(f"  {label:<22} {median * 1000:7.0f} ms ({spread})  {median / floor_median:.2f}x")
    ratio = statistics.median(times["netcrm"]) / floor_median
    print(
        f"  budget (PERF.md R1): <= {BUDGET}x calamine: {ratio:.2f}x {'PASS' if ratio <= BUDGET else 'FAIL'}"
    )
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-soffice", action="store_true", help="skip the LibreOffice-saved workbook")
    args = parser.parse_args()
    path = workbook(args.rows)
    paths = [path]
    other = None if args.no_soffice else resaved(path)
    if other is not None:
        paths.append(other)
    load = os.getloadavg()
    print(
        f"python {sys.version.split()[0]}, {args.runs} runs after a warm-up, interleaved, median (min-max); "
        f"load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs"
    )
    for each in paths:
        bench_file(each, args.runs)
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
