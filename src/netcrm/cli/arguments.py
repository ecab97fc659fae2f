"""What the command line's words mean: days, times, and the options several commands share."""

from __future__ import annotations

import argparse
from datetime import date, time, timedelta

from netcrm.core.errors import BadInputError
from netcrm.core.model import ContactFilter


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


def parse_time(text: str | None) -> time | None:
    """HH:MM, or None when not given."""
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise BadInputError(f"{text!r} is not a time (use HH:MM)") from None


def filter_options(parser: argparse.ArgumentParser) -> None:
    """The contact filter `contacts` and `export` share."""
    parser.add_argument("--search", help="words to find in names, company, position, e-mails, tags, notes")
    parser.add_argument("--tag")
    parser.add_argument("--open-networkers", action="store_true")
    parser.add_argument("--due", action="store_true", help="only contacts with a follow-up due")
    parser.add_argument("--trash", action="store_true", help="the trash instead")


def contact_filter(args: argparse.Namespace) -> ContactFilter:
    """The filter `filter_options` asked for."""
    return ContactFilter(
        search=args.search or "",
        tag=args.tag,
        open_networkers=args.open_networkers,
        due=args.due,
        trash=args.trash,
    )
