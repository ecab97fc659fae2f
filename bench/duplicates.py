"""Building the duplicates review queue on a large network (issue 14: blocking by key, not all pairs).

A demo database of --contacts contacts (made once with `netcrm-cli demo`, kept under /tmp) gets one planted
near duplicate per 100 contacts (same name and company, a dotted or plus-tagged e-mail, the same phone, an
initial for a first name), then `DuplicateReview.suggestions()` (read every live contact, its e-mails and
phones, the dismissed pairs; bucket; compare within buckets) is timed: median of --runs after one warm-up.

    .venv/bin/python bench/duplicates.py [--contacts 30000 100000] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CACHE_ROOT = Path(tempfile.gettempdir()) / "netcrm-bench-duplicates"


def database(contacts: int) -> Path:
    """A demo database with `contacts` contacts and planted near duplicates (cached)."""
    path = CACHE_ROOT / f"planted-{contacts}.sqlite3"
    if path.exists():
        return path
    CACHE_ROOT.mkdir(parents=True, exist_ok=True)
    demo = CACHE_ROOT / f"demo-{contacts}.sqlite3"
    if not demo.exists():
        print(f"making a demo database with {contacts:,} contacts ...", file=sys.stderr)
        cli = [sys.executable, "-m", "netcrm.cli", "--db", str(demo), "demo", "--contacts", str(contacts)]
        subprocess.run(cli, check=True, stdout=subprocess.DEVNULL)
    shutil.copyfile(demo, path)
    plant(path, contacts // 100)
    return path


def plant(path: Path, count: int) -> None:
    """`count` near duplicates of existing contacts, one rule each in turn."""
    from netcrm.core.model import ContactDraft, ContactFilter
    from netcrm.core.services import Services
    from netcrm.core.store.store import Store

    store = Store.open(str(path))
    try:
        svc = Services(store)
        people = [c for c in svc.list_contacts(ContactFilter()) if c.first_name and c.last_name][: count * 3]
        planted = 0
        for n, row in enumerate(people):
            c = svc.get_contact(row.id)
            kind = n % 4
            if kind == 0 and c.company:
                draft = ContactDraft(first_name=c.first_name, last_name=c.last_name, company=c.company)
            elif kind == 1 and c.emails and "@" in c.emails[0]:
                local, _, domain = c.emails[0].partition("@")
                draft = ContactDraft(first_name=c.first_name, emails=(f"{local}+work@{domain}",))
            elif kind == 2 and c.phones:
                draft = ContactDraft(display_name=c.display_name.upper(), phones=c.phones[:1])
            elif kind == 3:
                draft = ContactDraft(first_name=c.first_name[0] + ".", last_name=c.last_name)
            else:
                continue
            svc.add_contact(draft)
            planted += 1
            if planted >= count:
                break
    finally:
        store.close()


def measure(contacts: int, runs: int) -> dict[str, Any]:
    from netcrm.core.duplicate_service import DuplicateReview
    from netcrm.core.services import Services
    from netcrm.core.store.store import Store

    store = Store.open(str(database(contacts)))
    try:
        review = DuplicateReview(Services(store))
        times, found = [], 0
        for i in range(runs + 1):
            start = time.perf_counter()
            found = len(review.suggestions())
            if i:
                times.append(time.perf_counter() - start)
    finally:
        store.close()
    return {"contacts": contacts, "pairs": found, "median_ms": round(statistics.median(times) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=[30_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [measure(n, args.runs) for n in args.contacts]
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for r in results:
        print(
            f"duplicates queue at {r['contacts']:>7,} contacts: {r['median_ms']:8.1f} ms"
            f"  ({r['pairs']:,} pairs)"
        )


if __name__ == "__main__":
    main()
