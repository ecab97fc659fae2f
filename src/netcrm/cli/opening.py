"""How netcrm-cli opens the database for a command: commands that only read never write it (issue 21)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netcrm.core.store.store import OpenMode, Store

#: Commands that only read: opened with SQLite's mode=ro, so checking or exporting a backup (or a file on a
#: read-only disk) changes nothing, not even its journal mode.
READ_COMMANDS = frozenset({"check", "contacts", "show", "export", "imports", "backup", "backups", "today"})
READ_FOLLOWUP_ACTIONS = frozenset({"list", "export"})


def open_mode(args: argparse.Namespace) -> OpenMode:
    """ "read" for a command that only reads, else "write"."""
    command = args.command
    if command == "check" and getattr(args, "repair", False):
        return "write"  # check --repair writes what it repairs (after a backup)
    if command in READ_COMMANDS:
        return "read"
    if command == "stats" and getattr(args, "goal", None) is None:
        return "read"
    if command == "followup" and getattr(args, "action", None) in READ_FOLLOWUP_ACTIONS:
        return "read"
    return "write"


def open_for_command(args: argparse.Namespace) -> Store:
    """Open the database the command line names, as the command needs it; notes go to stderr."""
    from netcrm.core.paths import resolve_db
    from netcrm.core.store.store import Store

    store = Store.open(resolve_db(args.db), mode=open_mode(args))
    for note in store.notes:
        if not note.endswith("changes cannot be saved"):  # a read that cannot write needs no warning
            print(f"netcrm-cli: note: {note}", file=sys.stderr)
    return store
