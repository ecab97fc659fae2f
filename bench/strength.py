"""Scoring relationship strength on a large network (budget: 1 s for 100k contacts, 500k interactions).

    (a) all:  every live contact's tally in one SQL pass plus its score (what the list column and the
              Today view read in a worker)
    (b) one:  one contact's tally and score again after an edit (what a logged interaction costs)

The database is built once under /tmp with plain inserts: contacts, interactions over three years with
kinds and directions drawn at random (a fifth of the people have none), 20k follow-ups done and 10k
introductions. Median of --runs after one warm-up.

    .venv/bin/python bench/strength.py [--contacts 100000] [--interactions 500000] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import median_time
from netcrm.core import strength
from netcrm.core.store import relationships
from netcrm.core.store.store import Store

BUDGET_S = 1.0
TODAY = date(2026, 12, 7)
CACHE_ROOT = Path(tempfile.gettempdir()) / "netcrm-bench-strength"


def build(path: Path, contacts: int, interactions: int) -> None:
    """A database with `contacts` people and `interactions` interactions (kept for the next run)."""
    Store.open(str(path)).close()
    rng = random.Random(19)
    now = datetime(2026, 12, 1, 12, 0).isoformat(sep=" ")
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO contact (id, display_name, sort_name, search_key, created_at, updated_at,"
        " introduced_by_id, connected_on) VALUES (?, ?, ?, '', ?, ?, ?, ?)",
        (
            (
                i,
                f"Person {i}",
                f"person {i:06d}",
                now,
                now,
                rng.randint(1, contacts) if i % 10 == 0 else None,
                (TODAY - timedelta(days=rng.randint(0, 2000))).isoformat(),
            )
            for i in range(1, contacts + 1)
        ),
    )
    kinds = ["message", "email", "call", "meeting", "note", "introduction"]
    talkers = list(range(1, int(contacts * 0.8) + 1))
    conn.executemany(
        "INSERT INTO interaction (contact_id, kind, occurred_on, direction, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            (
                rng.choice(talkers),
                rng.choices(kinds, weights=(40, 30, 10, 10, 8, 2))[0],
                (TODAY - timedelta(days=int(rng.expovariate(1 / 200)) % 1100)).isoformat(),
                rng.choice(("out", "in", None)),
                now,
            )
            for _ in range(interactions)
        ),
    )
    conn.executemany(
        "INSERT INTO follow_up (contact_id, due, status, completed_at, created_at)"
        " VALUES (?, ?, 'done', ?, ?)",
        (
            (
                rng.randint(1, contacts),
                TODAY.isoformat(),
                f"{TODAY - timedelta(days=rng.randint(0, 700))} 09:00:00",
                now,
            )
            for _ in range(20_000)
        ),
    )
    conn.commit()
    conn.execute("ANALYZE")
    conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    path = CACHE_ROOT / f"strength-{args.contacts}-{args.interactions}.sqlite3"
    if not path.exists():
        print(f"building {path} ...", file=sys.stderr)
        build(path, args.contacts, args.interactions)
    store = Store.open(str(path), mode="read")
    scored: dict[int, int] = {}

    def score_all() -> None:
        with store.read() as conn:
            found = relationships.scores(conn, TODAY)
        scored.clear()
        scored.update((cid, t.score) for cid, t in found.items())

    def score_one() -> None:
        with store.read() as conn:
            relationships.tallies(conn, TODAY, [4242])[4242].score  # noqa: B018

    cpu0 = time.process_time()
    all_s = median_time(score_all, args.runs)
    cpu = (time.process_time() - cpu0) / (args.runs + 1)
    one_s = median_time(score_one, args.runs)
    store.close()
    result = {
        "contacts": args.contacts,
        "interactions": args.interactions,
        "scored": len(scored),
        "all_s": round(all_s, 3),
        "all_cpu_s": round(cpu, 3),
        "one_ms": round(one_s * 1000, 2),
        "budget_s": BUDGET_S,
        "within_budget": all_s <= BUDGET_S,
        "mean_score": round(sum(scored.values()) / max(len(scored), 1), 1),
        "going_cold_rule": f">= {strength.COLD_WAS_STRONG} {strength.COLD_LOOKBACK_DAYS} days ago",
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>15}: {value}")
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
