"""Cold start of the desktop app beside an empty QMainWindow, and its idle memory (PERF.md Q1 and Q3).

Each run is a fresh process on the offscreen platform with a 1920x1200 screen, so both windows open at
1280x800. The runs are interleaved (floor, netcrm painted, netcrm loaded) to share the machine's drift;
the first round is a warm-up (it also fills the bytecode and icon caches, as any second start would find).

    (a) floor:   import QtWidgets, QApplication, a 1280x800 QMainWindow, show(), processEvents(), exit
    (b) painted: `python -m netcrm --db DEMO` with NETCRM_EXIT_AFTER_PAINT=1: quits once the window
                 is painted with the list sorted by name: its first page, read from the name index
                 (the status bar says "Loading 100,000 contacts…"; no SQLAlchemy yet)
    (c) loaded:  the same with NETCRM_EXIT_AFTER_PAINT=loaded: quits once a worker has read all 100,000
                 rows into the list, the store is open, and the counts and follow-ups are shown (its
                 memory is the idle memory PERF.md Q3 budgets)

Two times per case: "process" from spawn to exit (PERF.md's method; it includes the interpreter's
teardown of 100,000 rows), and "to paint" from spawn to the wall-clock moment the child reports it painted.

The demo database is made once with `netcrm-cli demo` and kept under /tmp by contact count.

    .venv/bin/python bench/startup.py [--runs 7] [--contacts 100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RATIO_BUDGET = 4.0  # cold start <= 4x the empty window (PERF.md summary; Q1 allows 5x)
RSS_BUDGET_MIB = 210.0  # idle memory with 100k contacts (PERF.md Q3)
CACHE_ROOT = Path(tempfile.gettempdir()) / "netcrm-bench-startup"
SCREEN = {"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96}]}

FLOOR = """
import sys
import time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
rss, hwm = status["VmRSS"].split()[0], status["VmHWM"].split()[0]
print(f"floor: rss_kib={rss} hwm_kib={hwm} at={time.time():.6f}", file=sys.stderr)
"""

_REPORT = re.compile(r"rss_kib=(\d+) hwm_kib=(\d+) at=([0-9.]+)")


@dataclass(frozen=True)
class Run:
    """One process: wall time to its exit, wall time to the paint it reported, its resident memory then."""

    process_s: float
    paint_s: float
    rss_kib: int


def demo_database(contacts: int) -> Path:
    """A demo database with `contacts` people, made once per count and reused."""
    folder = CACHE_ROOT / f"demo-{contacts}"
    db = folder / "netcrm.sqlite3"
    stamp = folder / "complete"
    if stamp.exists() and db.exists():
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"making a demo database with {contacts:,} contacts in {folder} ...", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "netcrm.cli", "--db", str(db), "demo", "--contacts", str(contacts)],
        check=True,
        env=dict(os.environ, NETCRM_DATA_DIR=str(folder)),
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text("ok\n")
    return db


def child_environment(work: Path) -> dict[str, str]:
    """Offscreen with a big screen, bytecode cached (like an installed app), private settings and caches."""
    screen = work / "screen.json"
    screen.write_text(json.dumps(SCREEN))
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        PYTHONPYCACHEPREFIX=str(CACHE_ROOT / "pycache"),
        XDG_CACHE_HOME=str(CACHE_ROOT / "xdg-cache"),
        NETCRM_DATA_DIR=str(work / "data"),
    )
    env.pop("NETCRM_DB", None)
    return env


def timed(command: list[str], env: dict[str, str]) -> Run:
    """Run one process; the paint time is its printed wall-clock `at=` minus the moment it was started."""
    started_at = time.time()
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    elapsed = time.perf_counter() - start
    found = _REPORT.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    return Run(elapsed, float(found.group(3)) - started_at, int(found.group(1)))


def measure(runs: int, contacts: int) -> dict[str, Any]:
    """Interleaved runs of the three cases; the first round is dropped as a warm-up."""
    db = demo_database(contacts)
    work = Path(tempfile.mkdtemp(prefix="netcrm-bench-"))
    try:
        env = child_environment(work)
        netcrm = [sys.executable, "-m", "netcrm", "--db", str(db)]
        cases = {
            "floor": ([sys.executable, "-c", FLOOR], {}),
            "painted": (netcrm, {"NETCRM_EXIT_AFTER_PAINT": "1"}),
            "loaded": (netcrm, {"NETCRM_EXIT_AFTER_PAINT": "loaded"}),
        }
        results: dict[str, list[Run]] = {name: [] for name in cases}
        for round_ in range(runs + 1):
            for name, (command, extra) in cases.items():
                settings = work / f"settings-{name}-{round_}"  # no remembered state: the default 1280x800
                run = timed(command, dict(env, NETCRM_SETTINGS_DIR=str(settings), **extra))
                if round_ > 0:
                    results[name].append(run)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = results["floor"]
    floor_process = statistics.median(r.process_s for r in floor)
    floor_paint = statistics.median(r.paint_s for r in floor)
    result: dict[str, Any] = {"contacts": contacts, "runs": runs, "cases": {}}
    for name, found in results.items():
        process = statistics.median(r.process_s for r in found)
        paint = statistics.median(r.paint_s for r in found)
        result["cases"][name] = {
            "process_ms": round(process * 1000, 1),
            "process_min_ms": round(min(r.process_s for r in found) * 1000, 1),
            "process_max_ms": round(max(r.process_s for r in found) * 1000, 1),
            "process_ratio": round(process / floor_process, 2),
            "paint_ms": round(paint * 1000, 1),
            "paint_ratio": round(paint / floor_paint, 2),
            "rss_mib": round(statistics.median(r.rss_kib for r in found) / 1024, 1),
        }
    painted, loaded = result["cases"]["painted"], result["cases"]["loaded"]
    result["budgets"] = {
        "cold_start_ratio": {
            "limit": RATIO_BUDGET,
            "value": painted["process_ratio"],
            "ok": painted["process_ratio"] <= RATIO_BUDGET,
        },
        "idle_rss_mib": {
            "limit": RSS_BUDGET_MIB,
            "value": loaded["rss_mib"],
            "ok": loaded["rss_mib"] <= RSS_BUDGET_MIB,
        },
    }
    return result


def report(result: dict[str, Any]) -> str:
    """The figures as a small table."""
    lines = [
        f"cold start, {result['contacts']:,} contacts, median of {result['runs']} runs after 1 warm-up",
        "case      process (min-max)       x floor | to paint  x floor |      RSS",
    ]
    for name, case in result["cases"].items():
        spread = f"({case['process_min_ms']:.0f}-{case['process_max_ms']:.0f})"
        lines.append(
            f"{name:<9} {case['process_ms']:>5.0f} ms {spread:<13} {case['process_ratio']:>6.2f}x | "
            f"{case['paint_ms']:>5.0f} ms {case['paint_ratio']:>6.2f}x | {case['rss_mib']:>5.1f} MiB"
        )
    ratio, rss = result["budgets"]["cold_start_ratio"], result["budgets"]["idle_rss_mib"]
    lines.append(
        f"budget: painted process <= {ratio['limit']}x floor: {ratio['value']}x "
        f"{'PASS' if ratio['ok'] else 'FAIL'}; idle RSS once loaded <= {rss['limit']:.0f} MiB: "
        f"{rss['value']} MiB {'PASS' if rss['ok'] else 'FAIL'}"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="measured runs per case (after 1 warm-up)")
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5 (PERF.md: medians of at least 5 runs)")
    result = measure(args.runs, args.contacts)
    print(json.dumps(result, indent=1) if args.json else report(result))
    return 0 if all(budget["ok"] for budget in result["budgets"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
