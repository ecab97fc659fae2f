"""Shared benchmark helpers: medians after a warm-up, child processes with their peak memory."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_GEN = ROOT.parent / "shared" / "bench" / "gen_connections.py"


def median_time(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> float:
    """Median wall time of `fn` over `runs` after one warm-up; `setup` runs untimed before each."""
    times = []
    for i in range(runs + 1):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        if i:
            times.append(elapsed)
    return statistics.median(times)


def run_child(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run a process to the end; returns (wall seconds, its peak RSS in MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{args[:3]} failed: {err.decode()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def connections_csv(rows: int, folder: Path) -> Path:
    """A synthetic LinkedIn export with `rows` rows (cached)."""
    path = folder / f"connections-{rows}.csv"
    if not path.exists():
        if not SHARED_GEN.exists():
            sys.exit(f"missing {SHARED_GEN}: the benchmarks use the team's generator in ../shared/bench")
        subprocess.run([sys.executable, str(SHARED_GEN), str(rows), str(path), "--seed", "42"], check=True)
    return path
