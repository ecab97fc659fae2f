"""netcrm-cli's follow-up commands: followup add/list/done/snooze/reschedule/export, and log."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm.cli.arguments import parse_day, parse_time
from netcrm.cli.output import note, print_json
from netcrm.core.errors import BadInputError
from netcrm.core.model import INTERACTION_KINDS, FollowUp

if TYPE_CHECKING:
    from netcrm.core.services import Services


def follow_up_json(item: FollowUp) -> dict[str, Any]:
    """The stable JSON shape of a follow-up."""
    return {
        "id": item.id,
        "contact_id": item.contact_id,
        "contact_name": item.contact_name,
        "due": item.due.isoformat(),
        "time": item.due_time.strftime("%H:%M") if item.due_time else None,
        "note": item.note,
        "recurrence": item.recurrence,
        "status": item.status,
    }


def _add(args: argparse.Namespace, svc: Services) -> int:
    [item] = svc.add_follow_ups(
        [args.id],
        parse_day(args.due, svc.today()),
        note=args.note or "",
        every=args.every,
        due_time=parse_time(args.time),
    ).value
    if args.json:
        print_json(follow_up_json(item))
    else:
        print(item.id)
        note(f"follow-up {item.id} with {item.contact_name} due {item.due.isoformat()}")
    return 0


def _list(args: argparse.Namespace, svc: Services) -> int:
    today = svc.today()
    items = svc.list_follow_ups(due_only=args.due, include_done=args.all)
    if args.json:
        print_json([follow_up_json(i) for i in items])
    else:
        for i in items:
            late = "  OVERDUE" if i.status != "done" and i.due < today else ""
            print(f"{i.id:>6}  {i.due.isoformat()}  {i.contact_name}  {i.note}{late}".rstrip())
        note(f"{len(items)} follow-up(s)")
    return 0


def _done(args: argparse.Namespace, svc: Services) -> int:
    nxt = svc.complete_follow_up(args.fid).value
    note(f"follow-up {args.fid} done" + (f"; next one {nxt.id} due {nxt.due.isoformat()}" if nxt else ""))
    return 0


def _snooze(args: argparse.Namespace, svc: Services) -> int:
    item = svc.snooze_follow_up(args.fid, parse_day(args.until, svc.today())).value
    note(f"follow-up {item.id} snoozed until {item.due.isoformat()}")
    return 0


def _reschedule(args: argparse.Namespace, svc: Services) -> int:
    item = svc.reschedule_follow_up(args.fid, parse_day(args.due, svc.today()), parse_time(args.time)).value
    note(f"follow-up {item.id} moved to {item.due.isoformat()}")
    return 0


def _export(args: argparse.Namespace, svc: Services) -> int:
    count = svc.export_follow_ups_ics(Path(args.file), include_done=args.all)
    note(f"wrote {count} follow-up(s) to {args.file}")
    return 0


_ACTIONS = {
    "add": _add,
    "list": _list,
    "done": _done,
    "snooze": _snooze,
    "reschedule": _reschedule,
    "export": _export,
}


def cmd_followup(args: argparse.Namespace, svc: Services) -> int:
    action = _ACTIONS.get(args.action)
    if action is None:
        raise BadInputError(f"unknown followup action {args.action}")
    return action(args, svc)


def cmd_log(args: argparse.Namespace, svc: Services) -> int:
    on = parse_day(args.date, svc.today()) if args.date else None
    item = svc.log_interaction(
        args.id, args.kind, summary=args.note or "", on=on, direction=args.direction
    ).value
    note(f"logged {item.kind} on {item.occurred_on.isoformat()} (id {item.id})")
    return 0


def register(sub: Any) -> None:
    """Add the follow-up and interaction commands to netcrm-cli's subcommands."""
    p = sub.add_parser("followup", help="follow-up reminders")
    fsub = p.add_subparsers(dest="action", required=True)
    f = fsub.add_parser("add")
    f.add_argument("id", type=int)
    f.add_argument("--due", required=True, help="YYYY-MM-DD, today, tomorrow, +3d, +2w")
    f.add_argument("--time", help="HH:MM")
    f.add_argument("--note")
    f.add_argument("--every", help="repeat: 3d, 2w, 1m, 1y")
    f.add_argument("--json", action="store_true")
    f = fsub.add_parser("list")
    f.add_argument("--due", action="store_true", help="only those due today or earlier")
    f.add_argument("--all", action="store_true", help="include done ones")
    f.add_argument("--json", action="store_true")
    f = fsub.add_parser("done")
    f.add_argument("fid", type=int)
    f = fsub.add_parser("snooze")
    f.add_argument("fid", type=int)
    f.add_argument("--until", required=True)
    f = fsub.add_parser("reschedule", help="move to another day and keep it open")
    f.add_argument("fid", type=int)
    f.add_argument("--due", required=True, help="YYYY-MM-DD, today, tomorrow, +3d, +2w")
    f.add_argument("--time", help="HH:MM (default: keep the time it had)")
    f = fsub.add_parser("export", help="write follow-ups to an iCalendar (.ics) file")
    f.add_argument("file", metavar="FILE.ics")
    f.add_argument("--all", action="store_true", help="include done ones")
    p.set_defaults(handler=cmd_followup)

    p = sub.add_parser("log", help="log an interaction")
    p.add_argument("id", type=int)
    p.add_argument("--kind", required=True, choices=INTERACTION_KINDS)
    p.add_argument("--note")
    p.add_argument("--date")
    p.add_argument("--direction", choices=("out", "in"), help="who started it: out (you) or in (they)")
    p.set_defaults(handler=cmd_log)
