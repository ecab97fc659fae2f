"""`netcrm-cli backups` and `netcrm-cli restore BACKUP`: both work on a damaged database, which is exactly
when they are needed, so neither opens it the way other commands do (that refuses damage)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from netcrm.core.errors import BadInputError
from netcrm.core.paths import is_url, resolve_db


def _db_path(args: argparse.Namespace) -> Path:
    target = resolve_db(args.db)
    if is_url(target):
        raise BadInputError(f"{target}: netcrm keeps backups of SQLite files only")
    return Path(target)


def _since(value: int | None, sign: str) -> str:
    return f"{sign}{'?' if value is None else value}"


def cmd_backups(args: argparse.Namespace) -> int:
    from netcrm.core.store.restore import list_backups

    infos = list_backups(_db_path(args))
    if args.json:
        data = [
            {
                "path": str(i.path),
                "taken": i.taken.isoformat(timespec="seconds"),
                "size": i.size,
                "contacts": i.contacts,
                "since": {"added": i.added, "edited": i.edited, "deleted": i.deleted},
            }
            for i in infos
        ]
        json.dump(data, sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        for i in infos:
            print(
                f"{i.taken:%Y-%m-%d %H:%M}  {i.size:>10}  {i.contacts:>7} contacts  "
                f"since: {_since(i.added, '+')} {_since(i.edited, '~')} {_since(i.deleted, '-')}  {i.path}"
            )
        print(f"{len(infos)} backup(s)", file=sys.stderr)
    return 0


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from netcrm.core.store.restore import DAMAGED_SUFFIX, restore_sqlite

    backup = Path(args.ids[0])
    before = restore_sqlite(_db_path(args), backup)
    if before is None:
        print(f"restored {backup}", file=sys.stderr)
    elif before.name.endswith(DAMAGED_SUFFIX):
        print(f"restored {backup}; the damaged database was set aside as {before}", file=sys.stderr)
    else:
        print(f"restored {backup}; what was there before is in {before}", file=sys.stderr)
    return 0


def without_opening(args: argparse.Namespace) -> int | None:
    """Run `backups` or `restore BACKUP` without opening the database; None for every other command."""
    if args.command == "backups":
        return cmd_backups(args)
    ids = getattr(args, "ids", None)
    if args.command == "restore" and ids is not None and len(ids) == 1 and not ids[0].isdigit():
        return cmd_restore_backup(args)
    return None


def register(sub: Any) -> None:
    p = sub.add_parser("backups", help="list backups: time, size, contacts, and what changed since")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=None)
