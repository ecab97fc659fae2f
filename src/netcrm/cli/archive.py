"""netcrm-cli's archive commands (issue 17): `import` of the whole archive, `conversation`, `invitations`.

`netcrm.cli` registers them; its `import` hands an archive (a zip holding more than Connections.csv, both
halves of a split export, the unzipped folder, or messages.csv and friends alone) to `cmd_import_archive`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from netcrm.cli.output import print_json
from netcrm.core.archive_import import ArchiveReport
from netcrm.core.io.archive.reader import is_archive_input

_KINDS = (
    ("contacts_created", "contacts created"),
    ("contacts_updated", "contacts updated"),
    ("messages", "messages"),
    ("message_interactions", "conversation days"),
    ("messages_left_out", "drafts and sponsored left out"),
    ("invitations", "invitations"),
    ("invitations_accepted", "invitations accepted"),
    ("endorsements", "endorsements"),
    ("recommendations", "recommendations"),
    ("companies", "followed companies"),
)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def wants_archive(files: list[str]) -> bool:
    """Whether `import FILES` is an archive import."""
    return is_archive_input(files)


def report_json(report: ArchiveReport) -> dict[str, Any]:
    return {
        "path": report.path,
        "format": "linkedin-archive",
        "batch_id": report.batch_id,
        "counts": report.counts,
        "files": [
            {"name": f.name, "kind": f.kind, "status": f.status, "count": f.count, "reason": f.reason}
            for f in report.files
        ],
        "unmatched_people": report.unmatched_people,
        "unmatched_recommendations": report.unmatched_recommendations,
    }


def cmd_import_archive(args: argparse.Namespace, svc: Any) -> int:
    archive = svc.archive.read([Path(name) for name in args.files])
    if args.dry_run:
        for use in archive.files:
            print(
                f"{use.name}: {use.kind or '-'} {use.status} {use.count}"
                + (f" ({use.reason})" if use.reason else "")
            )
        return 0
    report: ArchiveReport = svc.archive.apply(
        archive,
        message_text=False if args.no_message_text else None,
        add_people=args.add_people,
        all_or_nothing=args.all_or_nothing,
    ).value
    if args.json:
        print_json(report_json(report))
        return 0
    counts = ", ".join(f"{report.counts[k]} {label}" for k, label in _KINDS if report.counts.get(k))
    batch = f"; batch {report.batch_id}" if report.batch_id else ""
    print(f"{report.path}: imported as linkedin-archive: {counts or 'nothing new'}{batch}")
    for use in archive.files:
        if use.status == "used":
            print(f"  {use.name}: {use.count}")
    for use in archive.unused:
        print(f"  not used: {use.name}: {use.reason}", file=sys.stderr)
    if report.unmatched_people:
        print(
            f"  {len(report.unmatched_people)} people you wrote with are not contacts "
            "(import again with --add-people to add them): " + "; ".join(report.unmatched_people[:10])
        )
    if report.unmatched_recommendations:
        print(
            "  recommendations that matched no contact: " + "; ".join(report.unmatched_recommendations[:10])
        )
    return 1 if archive.failed and not any(u.status == "used" for u in archive.files) else 0


def cmd_conversation(args: argparse.Namespace, svc: Any) -> int:
    messages = svc.archive.conversation(args.id)
    data = [
        {
            "date": _iso(m["sent_at"]),
            "direction": m["direction"],
            "conversation_id": m["conversation_id"],
            "sender": m["sender_name"],
            "text": m["text"],
        }
        for m in messages
    ]
    if args.json:
        print_json(data)
        return 0
    for m in data:
        arrow = "->" if m["direction"] == "sent" else "<-"
        text = " ".join((m["text"] or "").split())
        print(f"{m['date']}  {arrow} {m['sender'] or ''}: {text}")
    return 0


def cmd_invitations(args: argparse.Namespace, svc: Any) -> int:
    found = svc.archive.invitations(stale=args.stale)
    data = [
        {
            "contact_id": i["contact_id"],
            "name": i["display_name"],
            "direction": i["direction"],
            "sent_on": _iso(i["sent_at"].date() if i["sent_at"] else None),
            "message": i["message"] or "",
            "profile_url": i["linkedin_url"] or "",
        }
        for i in found
    ]
    if args.json:
        print_json(data)
        return 0
    for i in data:
        print(
            f"{i['contact_id']:>6}  {i['sent_on'] or '':10}  {i['direction']:8}  "
            f"{i['name']}  {i['profile_url']}"
        )
    if args.stale and data:
        print(f"{len(data)} invitation(s) to withdraw on LinkedIn (open each profile link)", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    """Add the archive's commands, and its options to `import`."""
    imp = sub.choices["import"]
    imp.add_argument("--no-message-text", action="store_true", help="archive: keep message dates only")
    imp.add_argument(
        "--add-people", action="store_true", help="archive: make contacts of people you wrote with"
    )
    p = sub.add_parser("conversation", help="a contact's LinkedIn messages, oldest first")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_conversation)
    p = sub.add_parser("invitations", help="pending LinkedIn invitations (--stale: to withdraw)")
    p.add_argument("--stale", action="store_true", help="outgoing ones older than the set age (3 weeks)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_invitations)
