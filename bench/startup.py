"""Cold start of the desktop app beside an empty QMainWindow, and its idle memory (PERF.md Q1 and Q3).

Each run is a fresh process on the offscreen platform with a 1920x1200 screen, so both windows open at
1280x800. The runs are interleaved (floor, netcrm painted, netcrm loaded) to share the machine's drift;
the first round is a warm-up (it also fills the bytecode and icon caches, as any second start would find).

    (a) floor:   import QtWidgets, QApplication, a 1280x800 QMainWindow, show(), processEvents(), exit
    (b) painted: `python -m netcrm --db DEMO` with NETCRM_EXIT_AFTER_PAINT=1: quits once the contact
                 list is painted (the store is still opening in the worker)
    (c) loaded:  the same with NETCRM_EXIT_AFTER_PAINT=loaded: quits once the store is open and the
                 counts and follow-ups are shown too (this is the idle memory PERF.md Q3 budgets)

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
from pathlib import Path
from typing import Any

RATIO_BUDGET = 4.0  # cold start <= 4x the empty window (PERF.md summary; Q1 allows 5x)
RSS_BUDGET_MIB = 210.0  # idle memory with 100k contacts (PERF.md Q3)
CACHE_ROOT = Path(tempfile.gettempdir()) / "netcrm-bench-startup"
SCREEN = {"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1200, "logicalDpi": 96}]}

FLOOR = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print("floor: rss_kib=%s hwm_kib=%s" % (status["VmRSS"].split()[0], status["VmHWM"].split()[0]),
      file=sys.stderr)
"""

_RSS = re.compile(r"rss_kib=(\d+) hwm_kib=(\d+)")


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


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int | None]:
    """Wall time of one process, and the resident KiB it printed (None if it printed none)."""
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    found = _RSS.search(done.stderr)
    return elapsed, int(found.group(1)) if found else None


def measure(runs: int, contacts: int) -> dict[str, Any]:
    """Interleaved runs of the three cases; the first round is dropped as a warm-up."""
    db = demo_database(contacts)
    work = Path(tempfile.mkdtemp(prefix="netcrm-bench-"))
    try:
        env = child_environment(work)
        cases = {
            "floor": ([sys.executable, "-c", FLOOR], {}),
            "painted": ([sys.executable, "-m", "netcrm", "--db", str(db)], {"NETCRM_EXIT_AFTER_PAINT": "1"}),
            "loaded": (
                [sys.executable, "-m", "netcrm", "--db", str(db)],
                {"NETCRM_EXIT_AFTER_PAINT": "loaded"},
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        memory: dict[str, list[int]] = {name: [] for name in cases}
        for round_ in range(runs + 1):
            for name, (command, extra) in cases.items():
                settings = work / f"settings-{name}-{round_}"  # no remembered state: the default 1280x800
                elapsed, rss = timed(command, dict(env, NETCRM_SETTINGS_DIR=str(settings), **extra))
                if round_ == 0:
                    continue
                times[name].append(elapsed)
                if rss is not None:
                    memory[name].append(rss)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor = statistics.median(times["floor"])
    result: dict[str, Any] = {"contacts": contacts, "runs": runs, "cases": {}}
    for name in cases:
        median = statistics.median(times[name])
        result["cases"][name] = {
            "median_ms": round(median * 1000, 1),
            "min_ms": round(min(times[name]) * 1000, 1),
            "max_ms": round(max(times[name]) * 1000, 1),
            "ratio": round(median / floor, 2),
            "rss_mib": round(statistics.median(memory[name]) / 1024, 1) if memory[name] else None,
        }
    painted, loaded = result["cases"]["painted"], result["cases"]["loaded"]
    result["budgets"] = {
        "cold_start_ratio": {
            "limit": RATIO_BUDGET,
            "value": painted["ratio"],
            "ok": painted["ratio"] <= RATIO_BUDGET,
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
        f"{'case':<9} {'median':>9} {'min':>9} {'max':>9} {'x floor':>8} {'RSS':>10}",
    ]
    for name, case in result["cases"].items():
        rss = f"{case['rss_mib']:.1f} MiB" if case["rss_mib"] is not None else "-"
        lines.append(
            f"{name:<9} {case['median_ms']:>7.0f}ms {case['min_ms']:>7.0f}ms {case['max_ms']:>7.0f}ms "
            f"{case['ratio']:>7.2f}x {rss:>10}"
        )
    ratio, rss = result["budgets"]["cold_start_ratio"], result["budgets"]["idle_rss_mib"]
    lines.append(
        f"budget: painted <= {ratio['limit']}x floor: {ratio['value']}x {'PASS' if ratio['ok'] else 'FAIL'}; "
        f"idle RSS (loaded) <= {rss['limit']:.0f} MiB: {rss['value']} MiB {'PASS' if rss['ok'] else 'FAIL'}"
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
