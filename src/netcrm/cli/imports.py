"""netcrm-cli's import commands: import, imports (the batches), undo-import."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netcrm.cli.output import note, print_json
from netcrm.core.errors import BadInputError, FileRefusedError, MappingNeeded

if TYPE_CHECKING:
    from netcrm.core.import_service import ImportReport
    from netcrm.core.services import Services


def duplicates_summary(count: int) -> str:
    """One line for an import's possible duplicates, and where to see them."""
    noun = "possible duplicate" if count == 1 else "possible duplicates"
    return f"{count:,} {noun}: `netcrm-cli duplicates` lists them"


def map_advice(needed: MappingNeeded) -> str:
    """How to tell netcrm-cli what the columns hold."""
    return "name one with --map COLUMN=FIELD" if needed.header_found else "use --map COLUMN=FIELD"


def _mapping(pairs: Sequence[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise BadInputError(f"--map {pair!r}: write COLUMN=FIELD, for example --map 'Firma=company'")
        mapping[column.strip()] = target.strip()
    return mapping


def import_json(report: ImportReport) -> dict[str, Any]:
    """The stable JSON shape of an import report."""
    return {
        "file": report.path,
        "format": report.format,
        "encoding": report.encoding,
        "batch": report.batch_id,
        "dry_run": report.dry_run,
        **report.counts,
        **report.added,
        "hidden_members": report.hidden_members,
        "open_networkers": report.open_networkers,
        "skipped_rows": [{"row": i.row, "column": i.column, "reason": i.reason} for i in report.skipped],
        "warnings": [{"row": i.row, "column": i.column, "reason": i.reason} for i in report.warnings],
        "job_changes": [
            {"contact_id": j.contact_id, "name": j.name, "field": j.field, "old": j.old, "new": j.new}
            for j in report.job_changes
        ],
        "kept_edits": [{"contact_id": cid, "field": f} for cid, f in report.kept_edits],
        "possible_duplicates": [{"row": row, "contact_id": cid} for row, cid in report.possible_duplicates],
        "merged_rows": report.merged_rows,
    }


def _print_report(name: str, report: ImportReport) -> None:
    from netcrm.core.import_service import describe_issues

    c = report.counts
    verb = "would import" if report.dry_run else "imported"
    print(
        f"{name}: {verb} as {report.format} ({report.encoding}): {c['created']} created, "
        f"{c['updated']} updated, {c['unchanged']} unchanged, {c['skipped']} skipped"
        + (f"; batch {report.batch_id}" if report.batch_id else "")
    )
    if any(report.added.values()):
        a = report.added
        print(f"{name}: {a['follow_ups']} follow-ups and {a['interactions']} interactions from its columns")
    if report.changed_nothing and not report.dry_run:
        print(f"{name}: nothing new: every row is already in netcrm")
    for line in describe_issues(report.skipped, name):
        note(f"skipped {line}")
    for line in describe_issues(report.warnings, name):
        note(f"warning {line}")
    for j in report.job_changes:
        print(f"  job change: {j.name}: {j.field} {j.old!r} -> {j.new!r}")
    for cid, f in report.kept_edits:
        print(f"  kept your edit of {f} on contact {cid}")
    if report.possible_duplicates:
        print(f"  {duplicates_summary(len(report.possible_duplicates))}")
    if report.open_networkers:
        print(f"  {report.open_networkers} open networker(s) detected")


def cmd_import(args: argparse.Namespace, svc: Services) -> int:
    from netcrm.cli.archive import cmd_import_archive, wants_archive

    if wants_archive(args.files):
        return cmd_import_archive(args, svc)
    reports = []
    for name in args.files:
        try:
            result = svc.read_import(
                Path(name), format=args.format, mapping=_mapping(args.map), sheet=args.sheet
            )
        except MappingNeeded as needed:
            raise FileRefusedError(needed.path, f"{needed.reason}; {map_advice(needed)}") from None
        if args.dry_run:
            report = svc.plan_import(result)
        else:
            report = svc.apply_import(result, tags=args.tag or (), all_or_nothing=args.all_or_nothing)
        reports.append(report)
        if not args.json:
            _print_report(name, report)
    if args.json:
        print_json([import_json(r) for r in reports] if len(reports) > 1 else import_json(reports[0]))
    return 0


def cmd_imports(args: argparse.Namespace, svc: Services) -> int:
    batches = svc.list_batches()
    if args.json:
        print_json(
            [
                {
                    "id": b.id,
                    "file": b.file_name,
                    "sha256": b.sha256,
                    "format": b.format,
                    "created_at": b.created_at.isoformat(),
                    "created": b.created,
                    "updated": b.updated,
                    "unchanged": b.unchanged,
                    "skipped": b.skipped,
                    "status": b.status,
                }
                for b in batches
            ]
        )
    else:
        for b in batches:
            print(
                f"{b.id:>5}  {b.created_at:%Y-%m-%d %H:%M}  {b.file_name}  {b.format}  "
                f"+{b.created} ~{b.updated} "
                f"={b.unchanged} -{b.skipped}  {b.status}"
            )
    return 0


def cmd_undo_import(args: argparse.Namespace, svc: Services) -> int:
    report = svc.undo_import(args.batch)
    note(f"undid batch {report.batch_id}: removed {report.removed} contact(s), reverted {report.reverted}")
    if report.kept_contacts:
        note(
            f"kept {len(report.kept_contacts)} contact(s) you have worked with since: "
            + ", ".join(map(str, report.kept_contacts[:20]))
        )
    for cid, f in report.kept_fields:
        note(f"kept your later edit of {f} on contact {cid}")
    return 0


def register(sub: Any) -> None:
    """Add the import commands to netcrm-cli's subcommands."""
    p = sub.add_parser("import", help="import LinkedIn, Google, Outlook, vCard, CSV or Excel files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument(
        "--format", help="linkedin, linkedin-zip, google, outlook, vcard, csv or xlsx (default: detected)"
    )
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD", help="map a column to a field")
    p.add_argument("--sheet", help="which sheet of a workbook")
    p.add_argument("--tag", action="append", metavar="TAG", help="tag every imported contact")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--all-or-nothing", action="store_true", help="refuse the file if any row is bad")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)
    p = sub.add_parser("imports", help="list import batches")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_imports)
    p = sub.add_parser("undo-import", help="undo an import batch")
    p.add_argument("batch", type=int)
    p.set_defaults(handler=cmd_undo_import)
