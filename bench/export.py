"""The export benchmark: 30,000 and 100,000 demo contacts to .xlsx beside the openpyxl floor and LibreOffice.

Usage: .venv/bin/python bench/export.py [--sizes 30000,100000] [--runs 5] [--no-rss] [--no-soffice]

For each size, from a demo database (`netcrm-cli demo --contacts N`, cached under /tmp/netcrm-bench-export):
  floor   plain stdlib sqlite3 reads the same cells (one query; SQLite joins the e-mails, phones, tags,
          follow-up and interaction dates) and openpyxl write_only writes them with no styling, no links:
          the Contacts sheet plus the Follow-ups, Interactions, Tags and About sheets netcrm writes too;
  netcrm  `Services.export_contacts` (what `netcrm-cli export` and the GUI worker run), in process, from the
          same database: filter, read, styled write, atomic rename;
  LO      LibreOffice converting the same contacts' CSV (netcrm's own CSV export) to .xlsx, a cold
          ``soffice --headless --convert-to xlsx`` process per run (its profile kept between runs).
The three run interleaved, one warm-up round then --runs counted rounds; times are medians (min-max).
Peak RSS is measured per case in a fresh child process (`_peak.py`: VmHWM of that program alone; for
LibreOffice the largest of its processes). Budget (PERF.md): netcrm <= 1.25x the floor, faster than
LibreOffice, peak RSS <= 200 MiB at 100k.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from _common import run_child

CACHE = Path(tempfile.gettempdir()) / "netcrm-bench-export"
BUDGET = 1.25
PEAK_BUDGET_MIB = 200

# The Contacts sheet's 19 cells per contact, as netcrm's export writes them (None for empty), in one query.
FLOOR_CONTACTS_SQL = """
WITH em AS (SELECT contact_id, group_concat(email, '; ') AS v
            FROM (SELECT contact_id, email FROM contact_email ORDER BY contact_id, position, id)
            GROUP BY contact_id),
     ph AS (SELECT contact_id, group_concat(phone, '; ') AS v
            FROM (SELECT contact_id, phone FROM contact_phone ORDER BY contact_id, position, id)
            GROUP BY contact_id),
     tg AS (SELECT contact_id, group_concat(name, '; ') AS v,
                   max(builtin IS 'open_networker') AS on_,
                   max(CASE WHEN builtin IS 'open_networker' THEN reason END) AS why
            FROM (SELECT ct.contact_id, t.name, t.builtin, ct.reason
                  FROM contact_tag AS ct JOIN tag AS t ON t.id = ct.tag_id
                  ORDER BY ct.contact_id, t.builtin IS NULL, t.name_key)
            GROUP BY contact_id),
     fu AS (SELECT contact_id, min(due) AS v FROM follow_up WHERE status != 'done' GROUP BY contact_id),
     it AS (SELECT contact_id, max(occurred_on) AS v FROM interaction GROUP BY contact_id)
SELECT nullif(c.display_name, ''), nullif(c.first_name, ''), nullif(c.last_name, ''), em.v, ph.v,
       nullif(c.company, ''), nullif(c.position, ''), nullif(c.location, ''), nullif(c.linkedin_url, ''),
       c.connected_on, tg.v, CASE WHEN tg.on_ THEN 'Yes' END, nullif(tg.why, ''), it.v, fu.v,
       nullif(c.notes, ''), nullif(c.source, ''), c.degree, c.cadence_days
FROM contact AS c
LEFT JOIN em ON em.contact_id = c.id LEFT JOIN ph ON ph.contact_id = c.id LEFT JOIN tg ON tg.contact_id = c.id
LEFT JOIN fu ON fu.contact_id = c.id LEFT JOIN it ON it.contact_id = c.id
WHERE c.deleted_at IS NULL
ORDER BY lower(c.display_name), c.id
"""
FLOOR_FOLLOW_UPS_SQL = """
SELECT nullif(c.display_name, ''), f.due, nullif(f.note, ''), f.recurrence, f.status
FROM follow_up AS f JOIN contact AS c ON c.id = f.contact_id
WHERE c.deleted_at IS NULL ORDER BY f.due, f.due_time, f.id
"""
FLOOR_INTERACTIONS_SQL = """
SELECT coalesce(nullif(c.display_name, ''),
                trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))),
       i.occurred_on, i.kind, nullif(i.summary, '')
FROM interaction AS i JOIN contact AS c ON c.id = i.contact_id
WHERE c.deleted_at IS NULL ORDER BY i.occurred_on DESC, i.id DESC
"""
FLOOR_TAGS_SQL = """
SELECT t.name, (SELECT count(*) FROM contact_tag AS ct JOIN contact AS c ON c.id = ct.contact_id
                WHERE ct.tag_id = t.id AND c.deleted_at IS NULL),
       CASE WHEN t.builtin IS NOT NULL THEN 'Yes' END
FROM tag AS t ORDER BY t.builtin IS NULL, t.name_key
"""
CONTACT_DATES = (9, 13, 14)  # connected on, last contacted, next follow-up


def demo_db(size: int) -> Path:
    """A demo database of `size` contacts at the current schema, made once and cached."""
    from netcrm.core.store.revisions import HEAD_REVISION

    path = CACHE / f"demo-{HEAD_REVISION}-{size}.sqlite3"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "netcrm.cli", "--db", str(partial), "demo", "--contacts", str(size)],
            check=True,
            capture_output=True,
        )
        partial.rename(path)
    return path


# ----- the three cases (each also runs alone in a child process, for its peak memory)


def floor_export(db: Path, out: Path) -> None:
    """The floor: stdlib sqlite3 fetch + openpyxl write_only of the same cells, no styling."""
    import sqlite3

    from openpyxl import Workbook

    from netcrm.core.io.export_common import CONTACT_HEADERS

    day = date.fromisoformat
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Contacts")
        ws.append(CONTACT_HEADERS)
        count = 0
        for row in conn.execute(FLOOR_CONTACTS_SQL):
            cells = list(row)
            for i in CONTACT_DATES:
                if cells[i] is not None:
                    cells[i] = day(cells[i])
            ws.append(cells)
            count += 1
        for title, headers, sql, dated in (
            ("Follow-ups", ("Contact", "Due", "Note", "Recurrence", "Status"), FLOOR_FOLLOW_UPS_SQL, 1),
            ("Interactions", ("Contact", "Date", "Kind", "Summary"), FLOOR_INTERACTIONS_SQL, 1),
            ("Tags", ("Tag", "Contacts", "Built-in"), FLOOR_TAGS_SQL, None),
        ):
            ws = wb.create_sheet(title)
            ws.append(headers)
            for row in conn.execute(sql):
                cells = list(row)
                if dated is not None:
                    cells[dated] = day(cells[dated])
                ws.append(cells)
        ws = wb.create_sheet("About")
        ws.append(("Item", "Value"))
        for item in (("Exported", "all contacts"), ("Filter", "none (everything)"), ("Contacts", count)):
            ws.append(item)
        wb.save(out)
    finally:
        conn.close()


class Netcrm:
    """netcrm's export path, with the database opened once (as the app and the CLI hold it open)."""

    def __init__(self, db: Path) -> None:
        from netcrm.core.services import Services
        from netcrm.core.store.store import Store

        self.store = Store.open(str(db))
        self.svc = Services(self.store)

    def export(self, out: Path) -> None:
        self.svc.export_contacts(out)

    def close(self) -> None:
        self.store.close()


def soffice_command(csv_path: Path, workdir: Path) -> list[str] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    return [
        soffice,
        f"-env:UserInstallation=file://{workdir / 'lo-profile'}",
        "--headless",
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(workdir / "lo-out"),
        str(csv_path),
    ]


def child_main(case: str, db: Path, out: Path, workdir: Path) -> None:
    """One case alone in this fresh process (for `_peak.py`); LibreOffice's own peak goes to stderr."""
    if case == "floor":
        floor_export(db, out)
    elif case == "netcrm":
        netcrm = Netcrm(db)
        netcrm.export(out)
        netcrm.close()
    else:
        cmd = soffice_command(out, workdir)
        assert cmd is not None
        subprocess.run(cmd, check=True, capture_output=True)
        kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        sys.stderr.write(f"\nnetcrm-bench-lo-kib {kib}\n")


def child_peak(case: str, db: Path, out: Path, workdir: Path) -> tuple[float, float]:
    """(whole-process seconds, peak MiB) of one case in a fresh child process."""
    args = [sys.executable, "-m", "export", "--child", case, str(db), str(out), str(workdir)]
    if case != "lo":
        return run_child(args)
    # LibreOffice: the largest of its processes, reported by the small Python parent that waited for them.
    wrapped = [sys.executable, str(Path(__file__).resolve()), *args[3:]]
    start = time.perf_counter()
    result = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    elapsed = time.perf_counter() - start
    kib = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("netcrm-bench-lo-kib")]
    return elapsed, int(kib[-1]) / 1024


# ----- the run


def fmt(times: list[float]) -> str:
    return f"{statistics.median(times):.2f} s ({min(times):.2f}-{max(times):.2f})"


def bench_size(size: int, args: Any, workdir: Path) -> list[list[str]]:
    db = demo_db(size)
    netcrm = Netcrm(db)
    csv_path = workdir / f"contacts-{size}.csv"
    netcrm.svc.export_contacts(csv_path)
    lo_cmd = None if args.no_soffice else soffice_command(csv_path, workdir)
    cases: dict[str, Any] = {
        "floor": lambda: floor_export(db, workdir / "floor.xlsx"),
        "netcrm": lambda: netcrm.export(workdir / "netcrm.xlsx"),
    }
    if lo_cmd is not None:
        cases["lo"] = lambda: subprocess.run(lo_cmd, check=True, capture_output=True)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for run in range(args.runs + 1):  # run 0 is the warm-up (and creates LibreOffice's profile)
        for name, fn in cases.items():
            start = time.perf_counter()
            fn()
            if run:
                times[name].append(time.perf_counter() - start)
    netcrm.close()
    peaks: dict[str, tuple[float, float]] = {}
    if not args.no_rss:
        outs = {"floor": workdir / "rss-floor.xlsx", "netcrm": workdir / "rss-netcrm.xlsx", "lo": csv_path}
        for name in cases:
            peaks[name] = child_peak(name, db, outs[name], workdir)
    floor = statistics.median(times["floor"])
    mine = statistics.median(times["netcrm"])
    labels = {
        "floor": "floor: sqlite3 + openpyxl write_only",
        "netcrm": "netcrm Services.export_contacts",
        "lo": "LibreOffice CSV->xlsx (process)",
    }
    table = []
    for name in cases:
        median = statistics.median(times[name])
        whole, peak = peaks.get(name, (float("nan"), float("nan")))
        table.append(
            [
                f"{size:,}",
                labels[name],
                fmt(times[name]),
                f"{median / floor:.2f}x",
                f"{whole:.2f} s",
                f"{peak:.0f} MiB",
            ]
        )
    if lo_cmd is None:
        why = "skipped (--no-soffice)" if args.no_soffice else "skipped: soffice not on PATH"
        table.append([f"{size:,}", "LibreOffice CSV->xlsx", why, "-", "-", "-"])
    verdicts = [
        f"ratio {mine / floor:.2f}x (budget <= {BUDGET}x): {'PASS' if mine / floor <= BUDGET else 'FAIL'}"
    ]
    if "lo" in times:
        lo = statistics.median(times["lo"])
        verdicts.append(f"vs LibreOffice {mine / lo:.2f}x (budget < 1.0x): {'PASS' if mine < lo else 'FAIL'}")
    if "netcrm" in peaks:
        peak = peaks["netcrm"][1]
        verdict = "PASS" if peak <= PEAK_BUDGET_MIB else "FAIL"
        verdicts.append(f"peak {peak:.0f} MiB (budget <= {PEAK_BUDGET_MIB}): {verdict}")
    table.append([f"{size:,}", "netcrm verdict", "; ".join(verdicts), "", "", ""])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="30000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-rss", action="store_true", help="skip the peak-memory child processes")
    parser.add_argument("--no-soffice", action="store_true", help="skip LibreOffice even if installed")
    parser.add_argument("--child", nargs=4, metavar=("CASE", "DB", "OUT", "WORKDIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, db, out, workdir = args.child
        child_main(case, Path(db), Path(out), Path(workdir))
        return
    load = os.getloadavg()
    print(
        f"python {sys.version.split()[0]}, {args.runs} runs after a warm-up, median (min-max); "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs"
    )
    header = ["contacts", "case", "in-process / per run", "x floor", "whole process", "peak RSS"]
    table: list[list[str]] = []
    workdir = Path(tempfile.mkdtemp(prefix="netcrm-bench-export-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            table.extend(bench_size(size, args, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    widths = [max(len(r[i]) for r in [header, *table] if len(r[i]) < 60) for i in range(len(header))]
    for r in [header, *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)).rstrip())
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
