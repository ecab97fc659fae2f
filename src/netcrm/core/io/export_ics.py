"""Follow-ups as an iCalendar file (RFC 5545), written with the `icalendar` library.

Each follow-up becomes a VEVENT, not a VTODO: Google Calendar and Outlook ignore VTODOs on import and
Apple puts them in Reminders, while every calendar shows events. A follow-up without a time is an all-day
event on its due day with a reminder at 09:00 that day; one with a time is a 15-minute event in floating
local time (so a weekly 10:00 call stays at 10:00 across daylight-saving changes) with a reminder at its
start. Events are TRANSPARENT (they do not block the user's free time). The UID is stable per follow-up and
database, so importing a newer export updates events instead of duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from netcrm import __version__
from netcrm.core import rules
from netcrm.core.atomic import atomic_file
from netcrm.core.model import FollowUp

_FREQ = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
TIMED_MINUTES = 15
ALL_DAY_ALARM = timedelta(hours=9)


def uid_for(follow_up_id: int, database: str) -> str:
    """A UID that stays the same for a follow-up across exports of one database, and differs between them."""
    digest = hashlib.sha256(database.encode("utf-8")).hexdigest()[:16]
    return f"followup-{follow_up_id}-{digest}@netcrm.local"


def rrule_for(recurrence: str, due: date) -> dict[str, object]:
    """The RRULE of a stored recurrence (`2w`), matching how netcrm schedules the next occurrence.

    netcrm moves a monthly (yearly) series on the 29th-31st (February 29) to the month's last day when the
    day does not exist; a plain RRULE would skip those months, so `BYMONTHDAY=d,-1;BYSETPOS=1` says "day d,
    or the last day if that comes first".
    """
    r = rules.parse_recurrence(recurrence)
    rule: dict[str, object] = {"FREQ": _FREQ[r.unit]}
    if r.count > 1:
        rule["INTERVAL"] = r.count
    if r.unit in ("month", "year") and due.day > 28:
        if r.unit == "year":
            rule["BYMONTH"] = due.month
        rule["BYMONTHDAY"] = [due.day, -1]
        rule["BYSETPOS"] = 1
    return rule


def build_calendar(follow_ups: Iterable[FollowUp], *, database: str, stamp: datetime) -> Calendar:
    """One VEVENT per follow-up; `stamp` (aware) becomes every DTSTAMP."""
    cal = Calendar()
    cal.add("prodid", f"-//netcrm//netcrm {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "netcrm follow-ups")
    dtstamp = stamp.astimezone(UTC)
    for item in follow_ups:
        event = Event()
        event.add("uid", uid_for(item.id, database))
        event.add("dtstamp", dtstamp)
        event.add("summary", f"Follow up: {item.contact_name}")
        if item.note:
            event.add("description", item.note)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Follow up: {item.contact_name}")
        if item.due_time is None:
            event.add("dtstart", item.due)
            event.add("dtend", item.due + timedelta(days=1))
            alarm.add("trigger", ALL_DAY_ALARM)
        else:
            start = datetime.combine(item.due, item.due_time.replace(tzinfo=None))
            event.add("dtstart", start)
            event.add("dtend", start + timedelta(minutes=TIMED_MINUTES))
            alarm.add("trigger", timedelta(0))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        event.add("categories", ["netcrm"])
        if item.status == "done":
            event.add("x-netcrm-status", "done")
        elif item.recurrence:
            event.add("rrule", rrule_for(item.recurrence, item.due))
        event.add_component(alarm)
        cal.add_component(event)
    return cal


def write_ics(path: Path, follow_ups: Iterable[FollowUp], *, database: str, stamp: datetime) -> int:
    """Write follow-ups to an .ics file atomically; returns how many events it holds."""
    items = list(follow_ups)
    data = build_calendar(items, database=database, stamp=stamp).to_ical()
    with atomic_file(path, "wb") as handle:
        handle.write(data)
    return len(items)
