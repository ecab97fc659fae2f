"""Opening the Insights view on a large network, and `Services.network_stats()` alone (budget: 300 ms).

    (a) stats:  `network_stats()` on an open store: every figure, read and computed (wall and CPU time)
    (b) view:   a new InsightsView at 1280x800 on the offscreen platform: attach (figures read in the
                worker), show, until the growth chart has been painted with the figures in it

Median of --runs after one warm-up, in one process (the store and Qt are already up, as when the user
switches to the view); the cache of position groups is emptied before every run. The demo database is
made once with `netcrm-cli demo` and kept under /tmp.

    .venv/bin/python bench/insights.py [--runs 5] [--contacts 100000] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUDGET_MS = 300.0
CACHE_ROOT = Path(tempfile.gettempdir()) / "netcrm-bench-insights"


def demo_database(contacts: int) -> Path:
    """A demo database with `contacts` contacts (cached)."""
    path = CACHE_ROOT / f"demo-{contacts}.sqlite3"
    if not path.exists():
        CACHE_ROOT.mkdir(parents=True, exist_ok=True)
        print(f"making a demo database with {contacts:,} contacts in {path} ...", file=sys.stderr)
        cli = Path(sys.executable).with_name("netcrm-cli")
        subprocess.run([str(cli), "--db", str(path), "demo", "--contacts", str(contacts)], check=True)
    return path


def _median(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def measure(contacts: int, runs: int) -> dict[str, Any]:
    """Both timings, in milliseconds."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject
    from PySide6.QtWidgets import QApplication

    from netcrm.core.services import Services
    from netcrm.core.stats import position_group
    from netcrm.core.store.store import Store
    from netcrm.ui.insights_view import InsightsView

    app = QApplication.instance() or QApplication([])
    store = Store.open(str(demo_database(contacts)))
    services = Services(store)
    wall: list[float] = []
    cpu: list[float] = []
    for i in range(runs + 1):
        position_group.cache_clear()  # every run as the first of a session
        start, start_cpu = time.perf_counter(), time.process_time()
        services.network_stats()
        if i:
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)

    class PaintWatch(QObject):
        def __init__(self, view: InsightsView) -> None:
            super().__init__()
            self.view = view
            self.painted = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.view.stats is not None:
                self.painted = True
            return False

    opened: list[float] = []
    for i in range(runs + 1):
        position_group.cache_clear()
        start = time.perf_counter()
        view = InsightsView()
        view.resize(1280, 800)
        watch = PaintWatch(view)
        view.growth_card.views[0].viewport().installEventFilter(watch)
        view.attach(services)
        view.show()
        while not watch.painted:  # wait as the app's event loop does: the worker gets the GIL meanwhile
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        elapsed = time.perf_counter() - start
        if i:
            opened.append(elapsed)
        view.close()
        view.deleteLater()
        app.processEvents()
    store.close()
    return {
        "contacts": contacts,
        "runs": runs,
        "network_stats_ms": round(_median(wall), 1),
        "network_stats_cpu_ms": round(_median(cpu), 1),
        "view_first_paint_ms": round(_median(opened), 1),
        "view_first_paint_all_ms": [round(t * 1000, 1) for t in opened],
        "budget_ms": BUDGET_MS,
    }


def report(result: dict[str, Any]) -> str:
    """The figures as a few readable lines."""
    ok = result["view_first_paint_ms"] <= result["budget_ms"]
    return "\n".join(
        [
            f"Insights at {result['contacts']:,} contacts, median of {result['runs']} after a warm-up:",
            f"  network_stats():          {result['network_stats_ms']:7.1f} ms wall, "
            f"{result['network_stats_cpu_ms']:.1f} ms CPU",
            f"  view to first paint:      {result['view_first_paint_ms']:7.1f} ms "
            f"(runs: {', '.join(str(t) for t in result['view_first_paint_all_ms'])})",
            f"  budget {result['budget_ms']:.0f} ms: {'met' if ok else 'MISSED'}",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = measure(args.contacts, args.runs)
    print(json.dumps(result, indent=1) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
