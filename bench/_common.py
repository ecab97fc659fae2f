"""Shared benchmark helpers: medians after a warm-up, child processes with their peak memory."""

from __future__ import annotations

import os
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
    """Run `python -m MODULE ...` to the end; returns (wall seconds, that program's own peak RSS in MiB)."""
    assert args[1] == "-m", "run_child runs modules: [python, -m, module, ...]"
    wrapped = [args[0], str(Path(__file__).with_name("_peak.py")), *args[2:]]
    start = time.perf_counter()
    result = subprocess.run(
        wrapped,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{args[:4]} failed: {result.stderr[-500:]}")
    peaks = [
        line.split()[1] for line in result.stderr.splitlines() if line.startswith("netcrm-bench-peak-kib")
    ]
    return elapsed, int(peaks[-1]) / 1024


def connections_csv(rows: int, folder: Path) -> Path:
    """A synthetic LinkedIn export with `rows` rows (cached)."""
    path = folder / f"connections-{rows}.csv"
    if not path.exists():
        if not SHARED_GEN.exists():
            sys.exit(f"missing {SHARED_GEN}: the benchmarks use the team's generator in ../shared/bench")
        subprocess.run([sys.executable, str(SHARED_GEN), str(rows), str(path), "--seed", "42"], check=True)
    return path


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of every child it has reaped."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median_wall_and_cpu(
    fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
) -> tuple[float, float]:
    """Median wall and median CPU seconds of `fn` (children included) over `runs` after one warm-up.

    CPU time barely moves when other work shares the machine, so its ratios stay comparable under load.
    """
    walls, cpus = [], []
    for i in range(runs + 1):
        if setup:
            setup()
        cpu, start = cpu_seconds(), time.perf_counter()
        fn()
        wall, used = time.perf_counter() - start, cpu_seconds() - cpu
        if i:
            walls.append(wall)
            cpus.append(used)
    return statistics.median(walls), statistics.median(cpus)
