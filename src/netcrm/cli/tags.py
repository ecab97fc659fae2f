"""netcrm-cli's tag commands: tag contacts, and the keep-in-touch cadence a tag gives its contacts."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from netcrm.cli.output import note, print_json
from netcrm.core.errors import BadInputError

if TYPE_CHECKING:
    from netcrm.core.services import Services


def cmd_tag(args: argparse.Namespace, svc: Services) -> int:
    if not args.add and not args.remove:
        raise BadInputError("say what to do: --add TAG or --remove TAG")
    count = svc.tag_contacts(args.ids, add=args.add or (), remove=args.remove or ())
    note(f"changed the tags of {count} contact(s)")
    return 0


def cmd_cadence(args: argparse.Namespace, svc: Services) -> int:
    from netcrm.core.rules import parse_cadence

    if args.tag is None:
        if args.every or args.clear:
            raise BadInputError("say which tag: --tag TAG")
        tags = [t for t in svc.list_tags() if t.cadence_days]
        if args.json:
            print_json([{"tag": t.name, "cadence_days": t.cadence_days, "contacts": t.count} for t in tags])
        else:
            for t in tags:
                print(f"{t.name}: every {t.cadence_days} days ({t.count} contact(s))")
        return 0
    if bool(args.every) == bool(args.clear):
        raise BadInputError("give --every PERIOD (90d, 12w, 3m) or --clear")
    tag = svc.set_tag_cadence(args.tag, None if args.clear else parse_cadence(args.every))
    if tag.cadence_days:
        note(f"keep in touch with {tag.name} every {tag.cadence_days} days ({tag.count} contact(s))")
    else:
        note(f"{tag.name} has no keep-in-touch cadence now")
    return 0


def register(sub: Any) -> None:
    """Add the tag commands to netcrm-cli's subcommands."""
    p = sub.add_parser("tag", help="add or remove tags")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--add", action="append", metavar="TAG")
    p.add_argument("--remove", action="append", metavar="TAG")
    p.set_defaults(handler=cmd_tag)

    p = sub.add_parser("cadence", help="keep-in-touch cadence of a tag (without --tag: list them)")
    p.add_argument("--tag", metavar="TAG")
    p.add_argument("--every", metavar="PERIOD", help="90, 90d, 12w, 3m, quarterly")
    p.add_argument("--clear", action="store_true", help="no cadence for this tag")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cadence)
