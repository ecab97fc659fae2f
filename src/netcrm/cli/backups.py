"""netcrm-cli's care of the database file: check, backup, backups, restore BACKUP, migrate."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm.cli.output import note, print_json
from netcrm.core.errors import BadInputError

if TYPE_CHECKING:
    from netcrm.core.services import Services


def _db_path(svc: Services) -> Path:
    path: Path | None = svc.store.path
    if path is None:
        raise BadInputError(f"{svc.store.target}: netcrm keeps backups of SQLite files only")
    return path


def cmd_check(args: argparse.Namespace, svc: Services) -> int:
    from netcrm.core.errors import DatabaseUnusableError
    from netcrm.core.repair import check_database

    report = check_database(svc.store, repair=args.repair)
    if report.unfixable:
        raise DatabaseUnusableError(f"{svc.store.target}: " + "; ".join(report.unfixable[:5]))
    if report.stale_contacts and not report.repaired:
        raise DatabaseUnusableError(
            f"{svc.store.target}: {len(report.stale_contacts)} contact(s) with stale list columns "
            "(search key, sort name, tags, e-mail); `netcrm-cli check --repair` computes them again"
        )
    if report.repaired:
        note(f"{svc.store.target}: repaired the list columns of {len(report.stale_contacts)} contact(s)")
    note(f"{svc.store.target}: ok")
    return 0


def cmd_backup(args: argparse.Namespace, svc: Services) -> int:
    dest = svc.backup(Path(args.dest) if args.dest else None)
    print(dest)
    note(f"verified backup written to {dest}")
    return 0


def cmd_migrate(args: argparse.Namespace, svc: Services) -> int:
    from netcrm.core.store.revisions import HEAD_REVISION

    note(f"{svc.store.target}: schema at revision {HEAD_REVISION}")
    return 0


def _backup_db_path(args: argparse.Namespace) -> Path:
    from netcrm.core.paths import is_url, resolve_db

    target = resolve_db(args.db)
    if is_url(target):
        raise BadInputError(f"{target}: netcrm keeps backups of SQLite files only")
    return Path(target)


def _since(value: int | None, sign: str) -> str:
    return f"{sign}{'?' if value is None else value}"


def cmd_backups(args: argparse.Namespace) -> int:
    from netcrm.core.store.restore import list_backups

    infos = list_backups(_backup_db_path(args))
    if args.json:
        print_json(
            [
                {
                    "path": str(i.path),
                    "taken": i.taken.isoformat(timespec="seconds"),
                    "size": i.size,
                    "contacts": i.contacts,
                    "since": {"added": i.added, "edited": i.edited, "deleted": i.deleted},
                }
                for i in infos
            ]
        )
    else:
        for i in infos:
            print(
                f"{i.taken:%Y-%m-%d %H:%M}  {i.size:>10}  {i.contacts:>7} contacts  "
                f"since: {_since(i.added, '+')} {_since(i.edited, '~')} {_since(i.deleted, '-')}  {i.path}"
            )
        note(f"{len(infos)} backup(s)")
    return 0


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from netcrm.core.store.restore import DAMAGED_SUFFIX, restore_sqlite

    backup = Path(args.ids[0])
    before = restore_sqlite(_backup_db_path(args), backup)
    if before is None:
        note(f"restored {backup}")
    elif before.name.endswith(DAMAGED_SUFFIX):
        note(f"restored {backup}; the damaged database was set aside as {before}")
    else:
        note(f"restored {backup}; what was there before is in {before}")
    return 0


def without_opening(args: argparse.Namespace) -> int | None:
    """Run `backups` or `restore BACKUP` without opening the database (both are needed most when it is
    damaged, and opening refuses damage); None for every other command."""
    if args.command == "backups":
        return cmd_backups(args)
    ids = getattr(args, "ids", None)
    if args.command == "restore" and ids is not None and len(ids) == 1 and not ids[0].isdigit():
        return cmd_restore_backup(args)
    return None


def register(sub: Any) -> None:
    """Add the database-care commands to netcrm-cli's subcommands."""
    p = sub.add_parser("check", help="verify the database")
    p.add_argument("--repair", action="store_true", help="compute derivable columns again (after a backup)")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("backup", help="write a verified backup")
    p.add_argument("dest", nargs="?")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("backups", help="list backups: time, size, contacts, and what changed since")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=None)  # run by without_opening
    p = sub.add_parser("migrate", help="bring the schema up to date (after a backup)")
    p.set_defaults(handler=cmd_migrate)
