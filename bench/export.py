#!/usr/bin/env python3
"""Export benchmark: netcrm's write_xlsx beside the bare openpyxl write-only floor and LibreOffice.

Usage: .venv/bin/python bench/export.py [--sizes 30000,100000] [--runs 3] [--no-rss] [--no-soffice]

For each size, in one run on one machine:
  (a) floor:  openpyxl write_only writing the same cells (same values, None for empty) with no styling,
              no links, no other sheets;
  (b) netcrm: netcrm.core.io.export_xlsx.write_xlsx (styled, links, Follow-ups/Interactions/Tags/About sheets
              empty), atomically written;
  (c) LibreOffice converting the same contacts as CSV (netcrm layout) to xlsx, a cold
      ``soffice --headless --convert-to xlsx`` process per run, if soffice is on PATH.
Times are medians of --runs runs after one warm-up, (a) and (b) interleaved; wall-clock and CPU time (this
process plus the children it waited for) are both shown, since on a shared machine CPU time is the steadier
ratio. (a) and (b) are in-process times of the export alone: the contact records are generated in memory
before the clock starts (later this bench will fetch them from the database, as the app does). Peak RSS comes
from a fresh child process per measurement (os.wait4 of that child, i.e. getrusage for exactly that child);
it includes the records held in memory, like PERF.md's figures include the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from openpyxl import Workbook  # noqa: E402

from _records import contacts as make_contacts  # noqa: E402
from netcrm.core.io.export_csv import write_csv  # noqa: E402
from netcrm.core.io.export_xlsx import write_xlsx  # noqa: E402
from netcrm.core.model import Contact  # noqa: E402

TODAY = date(2025, 6, 1)


def floor_xlsx(path: Path, records: list[Contact]) -> None:
    """The bare openpyxl write-only floor: the same cells as write_xlsx's Contacts sheet, no styling."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Contacts")
    for c in records:
        ws.append(
            [
                c.display_name or None,
                c.first_name or None,
                c.last_name or None,
                "; ".join(c.emails) or None,
                "; ".join(c.phones) or None,
                c.company or None,
                c.position or None,
                c.location or None,
                c.linkedin_url or None,
                c.connected_on,
                "; ".join(c.tags) or None,
                "Yes" if c.open_networker else None,
                c.open_networker_reason or None,
                c.last_contacted,
                c.next_follow_up,
                c.notes or None,
                c.source or None,
                c.degree,
                c.cadence_days,
            ]
        )
    wb.save(path)


def netcrm_xlsx(path: Path, records: list[Contact]) -> None:
    write_xlsx(path, records, today=TODAY, about={"Exported": "All contacts"})


METHODS: dict[str, Callable[[Path, list[Contact]], None]] = {"floor": floor_xlsx, "netcrm": netcrm_xlsx}


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed2(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and of the children it waited for) of one call."""
    import resource

    def cpu() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    wall, before = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - wall, cpu() - before


def child_main(method: str, size: int, out: str) -> None:
    """Run one export in this (fresh) process; print the RSS before and after as JSON."""
    import resource

    records = list(make_contacts(size))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = timed(lambda: METHODS[method](Path(out), records))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"records_kib": before, "peak_kib": after, "seconds": seconds}))


def peak_rss(method: str, size: int, workdir: Path) -> tuple[float, float]:
    """(peak MiB of the whole child, MiB of the child after generating the records) for one fresh child."""
    out = workdir / f"rss-{method}-{size}.xlsx"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", method, str(size), str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    report = json.loads(proc.stdout.read())
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child {cmd} failed with {proc.returncode}")
    return usage.ru_maxrss / 1024, report["records_kib"] / 1024


def soffice_runs(csv_path: Path, workdir: Path, runs: int) -> list[tuple[float, float]] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = workdir / "lo-profile"
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(workdir / "lo-out"),
        str(csv_path),
    ]
    times = []
    for i in range(runs + 1):
        measured = timed2(lambda: subprocess.run(cmd, check=True, capture_output=True))
        if i:  # the first run creates the profile: a warm-up
            times.append(measured)
    return times


def fmt(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f})"


def row(
    size: int, name: str, runs: list[tuple[float, float]], floor: tuple[float, float], rss: str
) -> list[str]:
    wall = [w for w, _ in runs]
    cpu = [c for _, c in runs]
    return [
        f"{size}",
        name,
        fmt(wall),
        f"{statistics.median(wall) / floor[0]:.2f}x",
        fmt(cpu),
        f"{statistics.median(cpu) / floor[1]:.2f}x",
        rss,
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="30000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-memory child processes")
    parser.add_argument("--no-soffice", action="store_true", help="skip LibreOffice even if installed")
    parser.add_argument("--child", nargs=3, metavar=("METHOD", "SIZE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child[0], int(args.child[1]), args.child[2])
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"python {sys.version.split()[0]}, runs={args.runs} (median, min-max), records made before timing")
    table: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="netcrm-bench-") as tmp:
        workdir = Path(tmp)
        # Memory first, while this process is small: a child's ru_maxrss starts from its parent's RSS at fork.
        rss: dict[tuple[int, str], str] = {}
        for size in sizes:
            for name in METHODS:
                if args.no_rss:
                    rss[size, name] = "-"
                else:
                    peak, base = peak_rss(name, size, workdir)
                    rss[size, name] = f"{peak:.0f} MiB (records {base:.0f})"
        for size in sizes:
            records = list(make_contacts(size))
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in METHODS}
            for run in range(args.runs + 1):
                for name, fn in METHODS.items():
                    out = workdir / f"{name}-{size}.xlsx"
                    measured = timed2(lambda fn=fn, out=out, records=records: fn(out, records))  # type: ignore[misc]
                    if run:  # run 0 is the warm-up
                        times[name].append(measured)
            floor = (
                statistics.median(w for w, _ in times["floor"]),
                statistics.median(c for _, c in times["floor"]),
            )
            for name in METHODS:
                table.append(row(size, name, times[name], floor, rss[size, name]))
            lo_times = None
            if not args.no_soffice:
                csv_path = workdir / f"contacts-{size}.csv"
                write_csv(csv_path, records)
                lo_times = soffice_runs(csv_path, workdir, args.runs)
            if lo_times is None:
                why = "skipped (--no-soffice)" if args.no_soffice else "skipped: soffice not on PATH"
                table.append([f"{size}", "LibreOffice CSV->xlsx", why, "-", "-", "-", "-"])
            else:
                table.append(row(size, "LibreOffice CSV->xlsx (process)", lo_times, floor, "-"))
            del records

    header = ["contacts", "method", "wall", "x floor", "CPU", "x floor", "peak RSS"]
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    for r in [header, *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
