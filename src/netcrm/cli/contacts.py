"""netcrm-cli's contact commands: contacts, show, add, edit, delete, restore."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from netcrm.cli.arguments import contact_filter, filter_options, parse_day
from netcrm.cli.output import iso, note, print_json
from netcrm.core.errors import BadInputError
from netcrm.core.model import Contact, ContactDraft

if TYPE_CHECKING:
    from netcrm.core.services import Services


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
        "connected_on": iso(contact.connected_on),
        "tags": list(contact.tags),
        "open_networker": contact.open_networker,
        "open_networker_reason": contact.open_networker_reason,
        "open_networker_by": contact.open_networker_by,
        "notes": contact.notes,
        "next_follow_up": iso(contact.next_follow_up),
        "last_contacted": iso(contact.last_contacted),
        "source": contact.source,
        "cadence_days": contact.cadence_days,
        "introduced_by_id": contact.introduced_by_id,
        "deleted": contact.deleted_at is not None,
        "version": contact.version,
    }


def _shown(item: object) -> str:
    return f"{item['label']} {item['date']}" if isinstance(item, dict) else str(item)


def cmd_contacts(args: argparse.Namespace, svc: Services) -> int:
    flt = contact_filter(args)
    if getattr(args, "lapsed", False):  # keep-in-touch cadence ran out (networking)
        flt = replace(flt, ids=tuple(item.contact_id for item in svc.lapsed_contacts()))
    contacts = svc.list_contacts(flt)
    if args.json:
        scores = svc.relationships.scores()  # strength (issue 19): one pass for every contact
        dates: dict[int, list[dict[str, str]]] = {}
        for d in svc.relationships.list_dates():
            dates.setdefault(d.contact_id, []).append({"label": d.label, "date": d.text})
        print_json(
            [
                contact_json(c)
                | {"strength": s.score if (s := scores.get(c.id)) else 0, "dates": dates.get(c.id, [])}
                for c in contacts
            ]
        )
    else:
        for c in contacts:
            work = " · ".join(part for part in (c.position, c.company) if part)
            print(f"{c.id:>6}  {c.display_name}" + (f"  ({work})" if work else ""))
        note(f"{len(contacts)} contact(s)")
    return 0


def cmd_show(args: argparse.Namespace, svc: Services) -> int:
    contact = svc.get_contact(args.id)
    data = contact_json(contact) | {"status": svc.archive.status(args.id)}
    if contact.deleted_at is None:  # strength and dates (issue 19)
        strength = svc.relationships.strength(contact.id)
        data["strength"], data["strength_reasons"] = strength.score, strength.reasons
        data["dates"] = [{"label": d.label, "date": d.text} for d in svc.relationships.list_dates(contact.id)]
    if args.json:
        print_json(data)
        return 0
    for key, value in data.items():
        if value not in (None, "", [], False):
            shown = ", ".join(map(_shown, value)) if isinstance(value, list) else value
            print(f"{key.replace('_', ' '):>22}: {shown}")
    return 0


#: Options whose value goes into the contact's field of the same name as it is.
_PLAIN_FIELDS = (
    "first_name",
    "last_name",
    "display_name",
    "company",
    "position",
    "location",
    "notes",
    "source",
)


def _draft_fields(args: argparse.Namespace, today: date) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in _PLAIN_FIELDS:
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


def cmd_add(args: argparse.Namespace, svc: Services) -> int:
    draft = ContactDraft(**_draft_fields(args, svc.today()), tags=tuple(args.tag or ()))
    contact = svc.add_contact(draft)
    if args.json:
        print_json(contact_json(contact))
    else:
        print(contact.id)
        note(f"added {contact.display_name} (id {contact.id})")
    return 0


def cmd_edit(args: argparse.Namespace, svc: Services) -> int:
    changes = _draft_fields(args, svc.today())
    if not changes:
        raise BadInputError("nothing to change: give at least one field option")
    contact = svc.edit_contact(args.id, changes, expected_version=args.expect_version)
    if args.json:
        print_json(contact_json(contact))
    else:
        note(f"saved {contact.display_name} (id {contact.id}, version {contact.version})")
    return 0


def cmd_delete(args: argparse.Namespace, svc: Services) -> int:
    count = svc.delete_contacts(args.ids)
    note(f"moved {count} contact(s) to the trash; `netcrm-cli restore` brings them back")
    return 0


def cmd_restore(args: argparse.Namespace, svc: Services) -> int:
    if not all(i.isdigit() for i in args.ids):
        raise BadInputError("give contact ids (restore ID...) or one backup file (restore BACKUP)")
    count = svc.restore_contacts([int(i) for i in args.ids])
    note(f"restored {count} contact(s)")
    return 0


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


def register(sub: Any) -> None:
    """Add the contact commands to netcrm-cli's subcommands."""
    p = sub.add_parser("contacts", help="list contacts")
    filter_options(p)
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

    p = sub.add_parser("delete", help="move contacts to the trash")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.set_defaults(handler=cmd_delete)
    p = sub.add_parser("restore", help="bring contacts back from the trash, or the database from a backup")
    p.add_argument("ids", nargs="+", metavar="ID|BACKUP")
    p.set_defaults(handler=cmd_restore)
