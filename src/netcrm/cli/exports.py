"""netcrm-cli's `export`: contacts to .xlsx, .csv or .vcf, with the same filters as `contacts`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm.cli.arguments import contact_filter, filter_options
from netcrm.cli.output import note

if TYPE_CHECKING:
    from netcrm.core.services import Services


def cmd_export(args: argparse.Namespace, svc: Services) -> int:
    count = svc.export_contacts(
        Path(args.file),
        contact_filter(args),
        format=args.format,
        layout=args.layout,
        vcard_version=args.vcard_version,
        sheet_per_tag=args.sheet_per_tag,
        describe="netcrm-cli export",
        on_notice=note,
    )
    note(f"exported {count} contact(s) to {args.file}")
    return 0


def register(sub: Any) -> None:
    """Add `export` to netcrm-cli's subcommands."""
    p = sub.add_parser("export", help="export contacts to .xlsx, .csv or .vcf (same filters as contacts)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("xlsx", "csv", "vcf"), help="default: from the file name")
    p.add_argument("--layout", default="netcrm", choices=("netcrm", "linkedin"), help="CSV columns")
    p.add_argument("--vcard-version", default="3.0", choices=("3.0", "4.0"))
    p.add_argument("--sheet-per-tag", action="store_true", help="workbook: one sheet per tag as well")
    filter_options(p)
    p.set_defaults(handler=cmd_export)
