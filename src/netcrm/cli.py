"""netcrm-cli: the same services as the desktop app, from a terminal (DESIGN.md section 4)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from netcrm import __version__
from netcrm.cli_summaries import duplicates_summary
from netcrm.core.errors import BadInputError, NetcrmError
from netcrm.core.model import INTERACTION_KINDS, Contact, ContactDraft, ContactFilter, FollowUp

Handler = Callable[[argparse.Namespace, Any], int]


def contact_json(contact: Contact) -> dict[str, Any]:
    """The stable JSON shape of a contact that scripts rely on."""
    return {
        "id": contact.id,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "display_name": contact.display_name,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "company": contact.company,
        "position": contact.position,
        "location": contact.location,
        "linkedin_url": contact.linkedin_url,
        "degree": contact.degree,
        "connected_on": _iso(contact.connected_on),
        "tags": list(contact.tags),
        "open_networker": contact.open_networker,
        "open_networker_reason": contact.open_networker_reason,
        "open_networker_by": contact.open_networker_by,
        "notes": contact.notes,
        "next_follow_up": _iso(contact.next_follow_up),
        "last_contacted": _iso(contact.last_contacted),
        "source": contact.source,
        "cadence_days": contact.cadence_days,
        "introduced_by_id": contact.introduced_by_id,
        "deleted": contact.deleted_at is not None,
        "version": contact.version,
    }


def follow_up_json(item: FollowUp) -> dict[str, Any]:
    """The stable JSON shape of a follow-up."""
    return {
        "id": item.id,
        "contact_id": item.contact_id,
        "contact_name": item.contact_name,
        "due": item.due.isoformat(),
        "time": item.due_time.strftime("%H:%M") if item.due_time else None,
        "note": item.note,
        "recurrence": item.recurrence,
        "status": item.status,
    }


def _shown(item: Any) -> str:
    return f"{item['label']} {item['date']}" if isinstance(item, dict) else str(item)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parse_day(text: str, today: date) -> date:
    """A day as the user writes it: YYYY-MM-DD, today, tomorrow, +3d, +2w."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    if word.startswith("+") and word[-1:] in ("d", "w") and word[1:-1].isdigit():
        count = int(word[1:-1])
        return today + timedelta(days=count * (7 if word[-1] == "w" else 1))
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadInputError(f"{text!r} is not a date (use YYYY-MM-DD, today, tomorrow or +3d)") from None


def _parse_time(text: str | None) -> time | None:
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise BadInputError(f"{text!r} is not a time (use HH:MM)") from None


# -- handlers ------------------------------------------------------------------------------------


def cmd_contacts(args: argparse.Namespace, svc: Any) -> int:
    flt = ContactFilter(
        search=args.search or "",
        tag=args.tag,
        open_networkers=args.open_networkers,
        due=args.due,
        trash=args.trash,
    )
    if getattr(args, "lapsed", False):  # keep-in-touch cadence ran out (networking)
        from dataclasses import replace

        flt = replace(flt, ids=tuple(item.contact_id for item in svc.lapsed_contacts()))
    contacts = svc.list_contacts(flt)
    if args.json:
        scores = svc.relationships.scores()  # strength (issue 19): one pass for every contact
        dates: dict[int, list[Any]] = {}
        for d in svc.relationships.list_dates():
            dates.setdefault(d.contact_id, []).append({"label": d.label, "date": d.text})
        _print_json(
            [
                {
                    **contact_json(c),
                    "strength": s.score if (s := scores.get(c.id)) else 0,
                    "dates": dates.get(c.id, []),
                }
                for c in contacts
            ]
        )
    else:
        for c in contacts:
            work = " · ".join(part for part in (c.position, c.company) if part)
            print(f"{c.id:>6}  {c.display_name}" + (f"  ({work})" if work else ""))
        _note(f"{len(contacts)} contact(s)")
    return 0


def cmd_show(args: argparse.Namespace, svc: Any) -> int:
    contact = svc.get_contact(args.id)
    data = contact_json(contact)
    if contact.deleted_at is None:  # strength and dates (issue 19)
        strength = svc.relationships.strength(contact.id)
        data["strength"], data["strength_reasons"] = strength.score, strength.reasons
        data["dates"] = [{"label": d.label, "date": d.text} for d in svc.relationships.list_dates(contact.id)]
    if args.json:
        _print_json(data)
        return 0
    for key, value in data.items():
        if value not in (None, "", [], False):
            shown = ", ".join(map(_shown, value)) if isinstance(value, list) else value
            print(f"{key.replace('_', ' '):>22}: {shown}")
    return 0


def _draft_fields(args: argparse.Namespace, today: date) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in (
        "first_name",
        "last_name",
        "display_name",
        "company",
        "position",
        "location",
        "notes",
        "source",
    ):
        value = getattr(args, name, None)
        if value is not None:
            fields[name] = value
    if args.linkedin is not None:
        fields["linkedin_url"] = args.linkedin
    if args.email is not None:
        fields["emails"] = tuple(args.email)
    if args.phone is not None:
        fields["phones"] = tuple(args.phone)
    if args.connected_on is not None:
        fields["connected_on"] = parse_day(args.connected_on, today) if args.connected_on else None
    if args.degree is not None:
        fields["degree"] = args.degree
    if args.cadence is not None:
        from netcrm.core.rules import parse_cadence

        fields["cadence_days"] = parse_cadence(args.cadence) if args.cadence else None
    if args.introduced_by is not None:
        fields["introduced_by_id"] = args.introduced_by or None
    return fields


def cmd_add(args: argparse.Namespace, svc: Any) -> int:
    draft = ContactDraft(**_draft_fields(args, svc.today()), tags=tuple(args.tag or ()))
    contact = svc.add_contact(draft)
    if args.json:
        _print_json(contact_json(contact))
    else:
        print(contact.id)
        _note(f"added {contact.display_name} (id {contact.id})")
    return 0


def cmd_edit(args: argparse.Namespace, svc: Any) -> int:
    changes = _draft_fields(args, svc.today())
    if not changes:
        raise BadInputError("nothing to change: give at least one field option")
    contact = svc.edit_contact(args.id, changes, expected_version=args.expect_version)
    if args.json:
        _print_json(contact_json(contact))
    else:
        _note(f"saved {contact.display_name} (id {contact.id}, version {contact.version})")
    return 0


def cmd_delete(args: argparse.Namespace, svc: Any) -> int:
    count = svc.delete_contacts(args.ids)
    _note(f"moved {count} contact(s) to the trash; `netcrm-cli restore` brings them back")
    return 0


def cmd_restore(args: argparse.Namespace, svc: Any) -> int:
    if len(args.ids) == 1 and not args.ids[0].isdigit():  # `restore BACKUP`: a backup file, not contact ids
        from netcrm.cli_backups import restore_backup

        return restore_backup(Path(args.ids[0]), svc)
    if not all(i.isdigit() for i in args.ids):
        raise BadInputError("give contact ids (restore ID...) or one backup file (restore BACKUP)")
    count = svc.restore_contacts([int(i) for i in args.ids])
    _note(f"restored {count} contact(s)")
    return 0


def cmd_tag(args: argparse.Namespace, svc: Any) -> int:
    if not args.add and not args.remove:
        raise BadInputError("say what to do: --add TAG or --remove TAG")
    count = svc.tag_contacts(args.ids, add=args.add or (), remove=args.remove or ())
    _note(f"changed the tags of {count} contact(s)")
    return 0


def cmd_followup(args: argparse.Namespace, svc: Any) -> int:
    today = svc.today()
    if args.action == "add":
        [item] = svc.add_follow_ups(
            [args.id],
            parse_day(args.due, today),
            note=args.note or "",
            every=args.every,
            due_time=_parse_time(args.time),
        ).value
        if args.json:
            _print_json(follow_up_json(item))
        else:
            print(item.id)
            _note(f"follow-up {item.id} with {item.contact_name} due {item.due.isoformat()}")
        return 0
    if args.action == "list":
        items = svc.list_follow_ups(due_only=args.due, include_done=args.all)
        if args.json:
            _print_json([follow_up_json(i) for i in items])
        else:
            for i in items:
                late = "  OVERDUE" if i.status != "done" and i.due < today else ""
                print(f"{i.id:>6}  {i.due.isoformat()}  {i.contact_name}  {i.note}{late}".rstrip())
            _note(f"{len(items)} follow-up(s)")
        return 0
    if args.action == "done":
        nxt = svc.complete_follow_up(args.fid).value
        _note(
            f"follow-up {args.fid} done" + (f"; next one {nxt.id} due {nxt.due.isoformat()}" if nxt else "")
        )
        return 0
    if args.action == "snooze":
        item = svc.snooze_follow_up(args.fid, parse_day(args.until, today)).value
        _note(f"follow-up {item.id} snoozed until {item.due.isoformat()}")
        return 0
    if args.action == "reschedule":
        item = svc.reschedule_follow_up(args.fid, parse_day(args.due, today), _parse_time(args.time)).value
        _note(f"follow-up {item.id} moved to {item.due.isoformat()}")
        return 0
    if args.action == "export":
        from netcrm.cli_networking import cmd_followup_export

        return cmd_followup_export(args, svc)
    raise BadInputError(f"unknown followup action {args.action}")


def cmd_log(args: argparse.Namespace, svc: Any) -> int:
    on = parse_day(args.date, svc.today()) if args.date else None
    item = svc.log_interaction(
        args.id, args.kind, summary=args.note or "", on=on, direction=args.direction
    ).value
    _note(f"logged {item.kind} on {item.occurred_on.isoformat()} (id {item.id})")
    return 0


def cmd_check(args: argparse.Namespace, svc: Any) -> int:
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
        _note(f"{svc.store.target}: repaired the list columns of {len(report.stale_contacts)} contact(s)")
    _note(f"{svc.store.target}: ok")
    return 0


def cmd_backup(args: argparse.Namespace, svc: Any) -> int:
    dest = svc.backup(Path(args.dest) if args.dest else None)
    print(dest)
    _note(f"verified backup written to {dest}")
    return 0


def cmd_migrate(args: argparse.Namespace, svc: Any) -> int:
    from netcrm.core.store.revisions import HEAD_REVISION

    _note(f"{svc.store.target}: schema at revision {HEAD_REVISION}")
    return 0


def cmd_demo(args: argparse.Namespace, svc: Any) -> int:
    count = svc.add_demo(args.contacts, seed=args.seed)
    _note(f"added {count} demo contacts to {svc.store.target}")
    return 0


def cmd_stats(args: argparse.Namespace, svc: Any) -> int:
    from netcrm.core.stats import stats_json, summary_lines

    if (args.goal is None) != (args.by is None):
        raise BadInputError("set a goal with both --goal N and --by DATE")
    if args.goal is not None:
        svc.set_growth_goal(args.goal, parse_day(args.by, svc.today()))
    stats = svc.network_stats(weeks=args.weeks)
    if args.json:
        _print_json(stats_json(stats))
    else:
        print("\n".join(summary_lines(stats)))
    return 0


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


def import_json(report: Any) -> dict[str, Any]:
    """The stable JSON shape of an import report."""
    return {
        "file": report.path,
        "format": report.format,
        "encoding": report.encoding,
        "batch": report.batch_id,
        "dry_run": report.dry_run,
        **report.counts,
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


def cmd_import(args: argparse.Namespace, svc: Any) -> int:
    from netcrm.core.import_service import describe_issues

    reports = []
    for name in args.files:
        result = svc.read_import(Path(name), format=args.format, mapping=_mapping(args.map), sheet=args.sheet)
        if args.dry_run:
            report = svc.plan_import(result)
        else:
            report = svc.apply_import(result, tags=args.tag or (), all_or_nothing=args.all_or_nothing)
        reports.append(report)
        if not args.json:
            c = report.counts
            verb = "would import" if report.dry_run else "imported"
            print(
                f"{name}: {verb} as {report.format} ({report.encoding}): {c['created']} created, "
                f"{c['updated']} updated, {c['unchanged']} unchanged, {c['skipped']} skipped"
                + (f"; batch {report.batch_id}" if report.batch_id else "")
            )
            if report.changed_nothing and not report.dry_run:
                print(f"{name}: nothing new: every row is already in netcrm")
            for line in describe_issues(report.skipped, name):
                _note(f"skipped {line}")
            for line in describe_issues(report.warnings, name):
                _note(f"warning {line}")
            for j in report.job_changes:
                print(f"  job change: {j.name}: {j.field} {j.old!r} -> {j.new!r}")
            for cid, f in report.kept_edits:
                print(f"  kept your edit of {f} on contact {cid}")
            if report.possible_duplicates:
                print(f"  {duplicates_summary(len(report.possible_duplicates))}")
            if report.open_networkers:
                print(f"  {report.open_networkers} open networker(s) detected")
    if args.json:
        _print_json([import_json(r) for r in reports] if len(reports) > 1 else import_json(reports[0]))
    return 0


def cmd_imports(args: argparse.Namespace, svc: Any) -> int:
    batches = svc.list_batches()
    if args.json:
        _print_json(
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


def cmd_undo_import(args: argparse.Namespace, svc: Any) -> int:
    report = svc.undo_import(args.batch)
    _note(f"undid batch {report.batch_id}: removed {report.removed} contact(s), reverted {report.reverted}")
    if report.kept_contacts:
        _note(
            f"kept {len(report.kept_contacts)} contact(s) you have worked with since: "
            + ", ".join(map(str, report.kept_contacts[:20]))
        )
    for cid, f in report.kept_fields:
        _note(f"kept your later edit of {f} on contact {cid}")
    return 0


def cmd_export(args: argparse.Namespace, svc: Any) -> int:
    flt = ContactFilter(
        search=args.search or "",
        tag=args.tag,
        open_networkers=args.open_networkers,
        due=args.due,
        trash=args.trash,
    )
    count = svc.export_contacts(
        Path(args.file),
        flt,
        format=args.format,
        layout=args.layout,
        vcard_version=args.vcard_version,
        sheet_per_tag=args.sheet_per_tag,
        describe="netcrm-cli export",
        on_notice=_note,
    )
    _note(f"exported {count} contact(s) to {args.file}")
    return 0


# -- parser --------------------------------------------------------------------------------------


def _contact_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--first", dest="first_name")
    parser.add_argument("--last", dest="last_name")
    parser.add_argument("--name", dest="display_name", help="display name (default: first and last)")
    parser.add_argument("--email", action="append", help="repeat for several; replaces the list on edit")
    parser.add_argument("--phone", action="append", help="repeat for several; replaces the list on edit")
    parser.add_argument("--company")
    parser.add_argument("--position")
    parser.add_argument("--location")
    parser.add_argument("--linkedin", help="LinkedIn profile URL")
    parser.add_argument("--connected-on", help="YYYY-MM-DD")
    parser.add_argument("--degree", type=int, choices=(1, 2, 3))
    parser.add_argument("--cadence", help="keep in touch every N days (90, 12w, 3m)")
    parser.add_argument("--introduced-by", type=int, metavar="ID")
    parser.add_argument("--notes")
    parser.add_argument("--source")
    parser.add_argument("--json", action="store_true")


def _filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", help="words to find in names, company, position, e-mails, tags, notes")
    parser.add_argument("--tag")
    parser.add_argument("--open-networkers", action="store_true")
    parser.add_argument("--due", action="store_true", help="only contacts with a follow-up due")
    parser.add_argument("--trash", action="store_true", help="the trash instead")


def build_parser() -> argparse.ArgumentParser:
    """The whole command line."""
    parser = argparse.ArgumentParser(prog="netcrm-cli", description="netcrm from the command line")
    parser.add_argument(
        "--db", help="database file or SQLAlchemy URL (default: NETCRM_DB, then the data folder)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"netcrm {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

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

    p = sub.add_parser("export", help="export contacts to .xlsx, .csv or .vcf (same filters as contacts)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("xlsx", "csv", "vcf"), help="default: from the file name")
    p.add_argument("--layout", default="netcrm", choices=("netcrm", "linkedin"), help="CSV columns")
    p.add_argument("--vcard-version", default="3.0", choices=("3.0", "4.0"))
    p.add_argument("--sheet-per-tag", action="store_true", help="workbook: one sheet per tag as well")
    _filter_options(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("contacts", help="list contacts")
    _filter_options(p)
    p.add_argument("--lapsed", action="store_true", help="only those whose keep-in-touch cadence ran out")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_contacts)

    p = sub.add_parser("show", help="one contact")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("add", help="add a contact")
    _contact_options(p)
    p.add_argument("--tag", action="append")
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("edit", help="change a contact")
    p.add_argument("id", type=int)
    _contact_options(p)
    p.add_argument("--expect-version", type=int, help="refuse if the contact changed since this version")
    p.set_defaults(handler=cmd_edit)

    for name, handler, text in (
        ("delete", cmd_delete, "move contacts to the trash"),
        ("restore", cmd_restore, "bring contacts back from the trash, or the database from a backup"),
    ):
        p = sub.add_parser(name, help=text)
        if name == "restore":
            p.add_argument("ids", nargs="+", metavar="ID|BACKUP")
        else:
            p.add_argument("ids", type=int, nargs="+", metavar="ID")
        p.set_defaults(handler=handler)

    p = sub.add_parser("tag", help="add or remove tags")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--add", action="append", metavar="TAG")
    p.add_argument("--remove", action="append", metavar="TAG")
    p.set_defaults(handler=cmd_tag)

    p = sub.add_parser("followup", help="follow-up reminders")
    fsub = p.add_subparsers(dest="action", required=True)
    f = fsub.add_parser("add")
    f.add_argument("id", type=int)
    f.add_argument("--due", required=True, help="YYYY-MM-DD, today, tomorrow, +3d, +2w")
    f.add_argument("--time", help="HH:MM")
    f.add_argument("--note")
    f.add_argument("--every", help="repeat: 3d, 2w, 1m, 1y")
    f.add_argument("--json", action="store_true")
    f = fsub.add_parser("list")
    f.add_argument("--due", action="store_true", help="only those due today or earlier")
    f.add_argument("--all", action="store_true", help="include done ones")
    f.add_argument("--json", action="store_true")
    f = fsub.add_parser("done")
    f.add_argument("fid", type=int)
    f = fsub.add_parser("snooze")
    f.add_argument("fid", type=int)
    f.add_argument("--until", required=True)
    f = fsub.add_parser("reschedule", help="move to another day and keep it open")
    f.add_argument("fid", type=int)
    f.add_argument("--due", required=True, help="YYYY-MM-DD, today, tomorrow, +3d, +2w")
    f.add_argument("--time", help="HH:MM (default: keep the time it had)")
    f = fsub.add_parser("export", help="write follow-ups to an iCalendar (.ics) file")
    f.add_argument("file", metavar="FILE.ics")
    f.add_argument("--all", action="store_true", help="include done ones")
    p.set_defaults(handler=cmd_followup)

    p = sub.add_parser("log", help="log an interaction")
    p.add_argument("id", type=int)
    p.add_argument("--kind", required=True, choices=INTERACTION_KINDS)
    p.add_argument("--note")
    p.add_argument("--date")
    p.add_argument("--direction", choices=("out", "in"), help="who started it: out (you) or in (they)")
    p.set_defaults(handler=cmd_log)

    p = sub.add_parser("check", help="verify the database")
    p.add_argument("--repair", action="store_true", help="compute derivable columns again (after a backup)")
    p.set_defaults(handler=cmd_check)
    p = sub.add_parser("backup", help="write a verified backup")
    p.add_argument("dest", nargs="?")
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("migrate", help="bring the schema up to date (after a backup)")
    p.set_defaults(handler=cmd_migrate)
    p = sub.add_parser("stats", help="counts, growth by month, open networkers, follow-up health")
    p.add_argument("--json", action="store_true")
    p.add_argument("--weeks", type=int, default=12, help="weeks of follow-up history (default 12)")
    p.add_argument("--goal", type=int, metavar="N", help="set the growth goal: N contacts ...")
    p.add_argument("--by", metavar="DATE", help="... by this day (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_stats)
    p = sub.add_parser("demo", help="fill the database with realistic generated contacts")
    p.add_argument("--contacts", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(handler=cmd_demo)

    from netcrm.cli_backups import register as register_backups
    from netcrm.cli_networking import register as register_networking

    register_backups(sub)

    register_networking(sub)
    from netcrm.cli_today import register as register_today

    register_today(sub)
    return parser


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def _note(message: str) -> None:
    print(message, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; exit codes as DESIGN.md section 4 says."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from netcrm.cli_opening import open_for_command
        from netcrm.core.services import Services

        store = open_for_command(args)
        try:
            handler: Handler = args.handler
            code = handler(args, Services(store))
            sys.stdout.flush()  # a closed pipe fails here, inside the try, not at the interpreter's exit
            return code
        finally:
            store.close()
    except BrokenPipeError:
        from netcrm.cli_pipes import quiet_broken_pipe

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


if __name__ == "__main__":
    raise SystemExit(main())
