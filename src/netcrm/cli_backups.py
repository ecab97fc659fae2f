"""`netcrm-cli backups` and `netcrm-cli restore BACKUP`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from netcrm.core.errors import BadInputError


def _db_path(svc: Any) -> Path:
    path: Path | None = svc.store.path
    if path is None:
        raise BadInputError(f"{svc.store.target}: netcrm keeps backups of SQLite files only")
    return path


def cmd_backups(args: argparse.Namespace, svc: Any) -> int:
    from netcrm.core.store.restore import list_backups

    infos = list_backups(_db_path(svc))
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
                f"since: +{i.added} ~{i.edited} -{i.deleted}  {i.path}"
            )
        print(f"{len(infos)} backup(s)", file=sys.stderr)
    return 0


def restore_backup(backup: Path, svc: Any) -> int:
    from netcrm.core.store.restore import restore_sqlite

    before = restore_sqlite(_db_path(svc), backup)
    print(f"restored {backup}; what was there before is in {before}", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("backups", help="list backups: time, size, contacts, and what changed since")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backups)
