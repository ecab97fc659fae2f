"""Open-networker detection quality on a labelled 30,000-row file (issue 16; FORMATS.md section 7).

Usage: .venv/bin/python bench/detection.py [--rows 30000] [--every 150] [--seed 16]

Writes tests/networker_set.py's labelled Google Contacts CSV (planted open networkers with the real signals
of FORMATS.md 7.4 among false friends: Lionheart, Pavilion, a "Lions Club" label, `Engineer @Company`, rows
with only an e-mail, ...), imports it into a fresh database, runs the detector as the app's "Detect" does
and prints precision and recall of the review list. Budget: precision >= 95%, no planted one missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.networker_set import measure, write_labelled_set

from netcrm.core.services import Services
from netcrm.core.store.store import Store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30000)
    parser.add_argument("--every", type=int, default=150)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "contacts.csv"
        planted = write_labelled_set(path, args.rows, seed=args.seed, every=args.every)
        store = Store.open(str(Path(tmp) / "netcrm.db"))
        try:
            precision, recall, wrong, missed = measure(Services(store), path, planted)
        finally:
            store.close()
    print(f"{args.rows:,} rows, {len(planted):,} planted open networkers")
    print(f"precision {precision:.1%}  recall {recall:.1%}  wrong {len(wrong)}  missed {len(missed)}")
    for line in wrong[:20]:
        print(f"  wrong: {line}")
    for line in missed[:20]:
        print(f"  missed: {line}")
    ok = precision >= 0.95 and not missed
    print("budget: ok" if ok else "budget: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
