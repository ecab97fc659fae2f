"""netcrm-cli's relationship commands (issue 19): `today [--json]`, the morning's agenda, and `dates`,
the dates on a contact. `netcrm.cli` registers them; they call services.relationships like the app."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from netcrm.core import agenda

_TITLES = {
    "overdue": "Overdue",
    "due": "Due today",
    "lapsed": "Keep in touch",
    "dates": "Dates coming up",
    "job_changes": "Job changes",
    "reach_out": "Reach out to",
}


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def cmd_today(args: argparse.Namespace, svc: Any) -> int:
    """The agenda: a section per heading, one line per person with its reason and what can be done."""
    today = svc.relationships.agenda(ahead=args.days)
    if args.json:
        _print_json(today.as_json())
        return 0
    print(f"Today, {today.today:%A %d %B %Y}: {today.summary()}")
    for name in agenda.SECTIONS:
        lines = today.section(name)
        if not lines:
            continue
        print(f"\n{_TITLES[name]}")
        for line in lines:
            print(f"  {line.contact_id:>6}  {line.name}: {line.reason}")
    return 0


def cmd_dates(args: argparse.Namespace, svc: Any) -> int:
    """List a contact's dates, add one (--add LABEL DATE) or remove one (--remove DATE_ID)."""
    rel = svc.relationships
    if args.add:
        label, text = args.add
        made = rel.add_date(args.id, label, text).value
        print(f"added {made.label} {made.text} (id {made.id})", file=sys.stderr)
    if args.remove is not None:
        rel.remove_date(args.remove)
        print(f"removed date {args.remove}", file=sys.stderr)
    dates = rel.list_dates(args.id)
    if args.json:
        _print_json([date_json(d) for d in dates])
    else:
        for d in dates:
            print(f"{d.id:>6}  {d.label}: {d.text}")
    return 0


def date_json(d: Any) -> dict[str, Any]:
    """A date as `show --json` and `dates --json` list it: {id, label, date}."""
    return {"id": d.id, "label": d.label, "date": d.text}


def register(sub: Any) -> None:
    """Add the relationship commands to netcrm-cli's subcommands."""
    p = sub.add_parser(
        "today", help="the morning's agenda: follow-ups, lapsed, dates, job changes, reach out"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--days", type=int, default=agenda.DATES_AHEAD, help="dates this many days ahead")
    p.set_defaults(handler=cmd_today)
    p = sub.add_parser("dates", help="dates on a contact: birthday, anniversaries, met at...")
    p.add_argument("id", type=int)
    p.add_argument(
        "--add", nargs=2, metavar=("LABEL", "DATE"), help="e.g. birthday 1990-02-28, or 02-28 without a year"
    )
    p.add_argument("--remove", type=int, metavar="DATE_ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_dates)
