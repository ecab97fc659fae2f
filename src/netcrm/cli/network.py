"""netcrm-cli's networking commands: open networkers, introductions, who-at-company, the pitch, templates
and messages (issue 6)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from netcrm.cli.output import iso, note, print_json
from netcrm.core.errors import BadInputError
from netcrm.core.model import INTRO_STATUSES, CompanyPerson, Introduction, Suggestion

if TYPE_CHECKING:
    from netcrm.core.services import Services


def suggestion_json(item: Suggestion, status: str) -> dict[str, Any]:
    """The JSON shape of an open-networker suggestion."""
    return {
        "contact_id": item.contact_id,
        "name": item.name,
        "reason": item.reason,
        "field": item.field,
        "text": item.text,
        "signal": item.signal,
        "status": status,
    }


def intro_json(item: Introduction) -> dict[str, Any]:
    """The JSON shape of an introduction request."""
    return {
        "id": item.id,
        "target_id": item.target_id,
        "target_name": item.target_name,
        "via_id": item.via_id,
        "via_name": item.via_name,
        "status": item.status,
        "notes": item.notes,
        "created_at": iso(item.created_at),
        "updated_at": iso(item.updated_at),
    }


def person_json(item: CompanyPerson) -> dict[str, Any]:
    """The JSON shape of someone at a company."""
    return {
        "contact_id": item.contact_id,
        "name": item.name,
        "company": item.company,
        "position": item.position,
        "introduced_by_id": item.introduced_by_id,
        "introduced_by": item.introduced_by_name or None,
        "connected_on": iso(item.connected_on),
        "last_contacted": iso(item.last_contacted),
    }


# -- handlers ------------------------------------------------------------------------------------


def cmd_open_networkers(args: argparse.Namespace, svc: Services) -> int:
    if args.detect:
        found = svc.detect_open_networkers(apply=True)
        note(f"{len(found)} new open-networker suggestion(s)")
    pending: list[Suggestion] = svc.open_networker_review()
    status = "pending"
    if args.apply:
        count = svc.decide_open_networkers([s.contact_id for s in pending], accept=True) if pending else 0
        note(f"accepted {count} open networker(s)")
        status = "accepted"
    if args.json:
        print_json([suggestion_json(s, status) for s in pending])
    else:
        for s in pending:
            print(f"{s.contact_id:>6}  {s.name}  - {s.reason}")
        if not args.apply:
            note(f"{len(pending)} suggestion(s) to review; --apply accepts them all")
    return 0


def cmd_intro(args: argparse.Namespace, svc: Services) -> int:
    if args.intro_action == "ask":
        item = svc.request_introduction(
            args.target, args.via, note=args.note or "", follow_up_in_days=args.follow_up
        )
    elif args.intro_action == "advance":
        item = svc.advance_introduction(
            args.intro_id, args.to, note=args.note or "", follow_up_in_days=args.follow_up
        )
    else:
        items = svc.list_introductions()
        if args.json:
            print_json([intro_json(i) for i in items])
        else:
            for i in items:
                print(f"{i.id:>5}  {i.status:<8}  {i.target_name} via {i.via_name}  {i.notes}".rstrip())
            note(f"{len(items)} introduction request(s)")
        return 0
    if args.json:
        print_json(intro_json(item))
    else:
        print(item.id)
        note(f"introduction {item.id}: {item.target_name} via {item.via_name} is {item.status}")
    return 0


def cmd_who(args: argparse.Namespace, svc: Services) -> int:
    people = svc.who_at_company(args.company)
    if args.json:
        print_json([person_json(p) for p in people])
        return 0
    for p in people:
        details = [p.position] if p.position else []
        if p.introduced_by_name:
            details.append(f"introduced by {p.introduced_by_name}")
        if p.connected_on:
            details.append(f"connected {p.connected_on.isoformat()}")
        details.append(
            f"last contact {p.last_contacted.isoformat()}" if p.last_contacted else "never contacted"
        )
        print(f"{p.contact_id:>6}  {p.name} ({p.company}): " + "; ".join(details))
    note(f"{len(people)} contact(s) at {args.company}")
    return 0


def cmd_pitch(args: argparse.Namespace, svc: Services) -> int:
    if args.set is not None:
        svc.set_pitch(args.set)
        note("pitch saved")
        return 0
    pitch = svc.get_pitch()
    if pitch:
        print(pitch)
    else:
        note("no pitch yet: netcrm-cli pitch --set TEXT")
    return 0


def cmd_template(args: argparse.Namespace, svc: Services) -> int:
    if args.template_action == "set":
        svc.set_template(args.name, args.text)
        note(f"template {args.name!r} saved")
    elif args.template_action == "delete":
        svc.set_template(args.name, None)
        note(f"template {args.name!r} deleted")
    else:
        stored = svc.list_templates()
        if args.json:
            print_json(stored)
        else:
            for name, text in sorted(stored.items()):
                print(f"{name}: {text}")
    return 0


def cmd_message(args: argparse.Namespace, svc: Services) -> int:
    if args.follow_up is not None and not args.log:
        raise BadInputError("--follow-up needs --log (a follow-up is added for messages you send)")
    if args.log:
        rendered = svc.send_message(args.template, args.ids, follow_up_in_days=args.follow_up)
    else:
        rendered = svc.render_message(args.template, args.ids)
    if args.json:
        print_json([{"contact_id": cid, "text": text} for cid, text in rendered])
    else:
        print("\n\n".join(text for _cid, text in rendered))
    if args.log:
        extra = f" with a follow-up in {args.follow_up} day(s)" if args.follow_up is not None else ""
        note(f"logged {len(rendered)} message(s){extra}")
    return 0


# -- parser --------------------------------------------------------------------------------------


def register(sub: Any) -> None:
    """Add the networking commands to netcrm-cli's subcommands."""
    p = sub.add_parser("open-networkers", help="open-networker suggestions with reasons; --apply accepts")
    p.add_argument("--detect", action="store_true", help="look for open networkers among everyone")
    p.add_argument("--apply", action="store_true", help="accept every pending suggestion")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_open_networkers)

    p = sub.add_parser("intro", help="introduction requests: ask, list, advance")
    isub = p.add_subparsers(dest="intro_action", required=True)
    i = isub.add_parser("ask", help="ask VIA to introduce you to TARGET")
    i.add_argument("target", type=int, metavar="TARGET")
    i.add_argument("--via", type=int, required=True, metavar="VIA")
    i.add_argument("--note")
    i.add_argument("--follow-up", type=int, metavar="DAYS", help="remind you to chase it in DAYS days")
    i.add_argument("--json", action="store_true")
    i = isub.add_parser("list")
    i.add_argument("--json", action="store_true")
    i = isub.add_parser("advance")
    i.add_argument("intro_id", type=int, metavar="ID")
    i.add_argument("--to", required=True, choices=INTRO_STATUSES)
    i.add_argument("--note")
    i.add_argument("--follow-up", type=int, metavar="DAYS")
    i.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_intro)

    p = sub.add_parser("who", help="who you know at a company, and how")
    p.add_argument("--company", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_who)

    p = sub.add_parser("pitch", help="show or set your pitch ({pitch} in templates)")
    p.add_argument("--set", metavar="TEXT")
    p.set_defaults(handler=cmd_pitch)

    p = sub.add_parser("template", help="message templates with {first_name}, {company}, {pitch}...")
    tsub = p.add_subparsers(dest="template_action", required=True)
    t = tsub.add_parser("set")
    t.add_argument("name")
    t.add_argument("text")
    t = tsub.add_parser("delete")
    t.add_argument("name")
    t = tsub.add_parser("list")
    t.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser("message", help="render a template for contacts (and log it with --log)")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--template", required=True, help="a template's name, or the text itself")
    p.add_argument("--log", action="store_true", help="log each as a message interaction")
    p.add_argument("--follow-up", type=int, metavar="DAYS", help="with --log: a follow-up in DAYS days")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_message)
