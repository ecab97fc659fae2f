"""netcrm-cli's `demo`: fill a database with realistic generated contacts to try netcrm on."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from netcrm.cli.output import note

if TYPE_CHECKING:
    from netcrm.core.services import Services


def cmd_demo(args: argparse.Namespace, svc: Services) -> int:
    count = svc.add_demo(args.contacts, seed=args.seed)
    note(f"added {count} demo contacts to {svc.store.target}")
    return 0


def register(sub: Any) -> None:
    """Add `demo` to netcrm-cli's subcommands."""
    p = sub.add_parser("demo", help="fill the database with realistic generated contacts")
    p.add_argument("--contacts", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(handler=cmd_demo)
