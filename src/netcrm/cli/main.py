"""netcrm-cli's dispatch: build the command line from the subject modules, open the database, run one
handler, and turn errors into the exit codes of DESIGN.md section 4."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from netcrm import __version__
from netcrm.cli import (
    archive,
    backups,
    contacts,
    demo,
    duplicates,
    exports,
    follow_ups,
    imports,
    insights,
    network,
    tags,
    today,
)
from netcrm.core.errors import NetcrmError

if TYPE_CHECKING:
    from netcrm.core.services import Services

Handler = Callable[[argparse.Namespace, "Services"], int]

#: The subjects in the order `--help` lists their commands.
SUBJECTS = (
    imports,
    archive,
    exports,
    contacts,
    duplicates,
    tags,
    follow_ups,
    backups,
    insights,
    demo,
    network,
    today,
)


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(prog="netcrm-cli", description="netcrm from the command line")
    parser.add_argument(
        "--db", help="database file or SQLAlchemy URL (default: NETCRM_DB, then the data folder)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"netcrm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for subject in SUBJECTS:
        subject.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit codes as DESIGN.md section 4 says."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from netcrm.cli.backups import without_opening
        from netcrm.cli.opening import open_for_command
        from netcrm.core.services import Services

        if (code := without_opening(args)) is not None:  # backups, restore BACKUP: even a damaged database
            return code
        store = open_for_command(args)
        try:
            handler: Handler = args.handler
            code = handler(args, Services(store))
            sys.stdout.flush()  # a closed pipe fails here, inside the try, not at the interpreter's exit
            return code
        finally:
            store.close()
    except BrokenPipeError:
        from netcrm.cli.pipes import quiet_broken_pipe

        return quiet_broken_pipe()
    except NetcrmError as exc:
        if args.debug:
            raise
        print(f"netcrm-cli: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("netcrm-cli: interrupted", file=sys.stderr)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"netcrm-cli: internal error ({type(exc).__name__}: {exc}); run with --debug for details",
            file=sys.stderr,
        )
        return 1
