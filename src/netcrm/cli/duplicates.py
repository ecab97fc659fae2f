"""netcrm-cli duplicates: the possible duplicates with their reasons, and merge / dismiss (issue 14).
`netcrm.cli` registers them."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from netcrm.core.duplicate_service import DuplicateReview, PossibleDuplicate
from netcrm.core.errors import BadInputError


def _person(contact: Any) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.display_name,
        "company": contact.company,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "linkedin_url": contact.linkedin_url,
    }


def pair_json(pair: PossibleDuplicate) -> dict[str, Any]:
    """The JSON shape of a suspected pair."""
    return {"first": _person(pair.first), "second": _person(pair.second), "reasons": list(pair.reasons)}


def cmd_duplicates(args: argparse.Namespace, svc: Any) -> int:
    review = DuplicateReview(svc)
    action = getattr(args, "dup_action", None)
    if action == "dismiss":
        review.dismiss(args.first, args.second)
        print(f"{args.first} and {args.second}: not the same person; never suggested again")
        return 0
    if action == "merge":
        choices: dict[str, Any] = {}
        if args.take:
            other = svc.get_contact(args.other)
            for field in args.take:
                if not hasattr(other, field):
                    raise BadInputError(f"no field {field!r}")
                choices[field] = getattr(other, field)
        merged = review.merge(args.keep, args.other, choices).value
        print(f"merged {args.other} into {args.keep} ({merged.display_name}); {args.other} is in the trash")
        return 0
    pairs = review.pairs(limit=args.limit)
    if args.json:
        json.dump([pair_json(p) for p in pairs], sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not pairs:
        print("no possible duplicates")
        return 0
    for p in pairs:
        print(
            f"{p.first.id} {p.first.display_name} <> {p.second.id} {p.second.display_name}: "
            + "; ".join(p.reasons)
        )
    print(f"{len(pairs):,} pairs: `duplicates merge KEEP OTHER` or `duplicates dismiss A B`")
    return 0


def register(sub: Any) -> None:
    """Add `duplicates` to netcrm-cli's subcommands."""
    p = sub.add_parser("duplicates", help="possible duplicates with reasons; merge or dismiss a pair")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=None, help="list at most N pairs")
    p.set_defaults(handler=cmd_duplicates)
    dsub = p.add_subparsers(dest="dup_action")
    m = dsub.add_parser(
        "merge", help="merge OTHER into KEEP (every e-mail, phone, tag, note, follow-up kept)"
    )
    m.add_argument("keep", type=int, metavar="KEEP")
    m.add_argument("other", type=int, metavar="OTHER")
    m.add_argument("--take", action="append", metavar="FIELD", help="use OTHER's value of FIELD (repeatable)")
    d = dsub.add_parser("dismiss", help="A and B are not the same person: never suggest them again")
    d.add_argument("first", type=int, metavar="A")
    d.add_argument("second", type=int, metavar="B")
