"""Today: whom to talk to this morning, assembled from what netcrm already holds (no Qt, no store).

The agenda has six sections, the same in the app, in `netcrm-cli today` and in its `--json`:

* ``overdue`` and ``due``: open follow-ups due before today, and today;
* ``lapsed``: keep-in-touch cadences that ran out;
* ``dates``: birthdays and other dates on a contact in the next `DATES_AHEAD` days, and connection
  anniversaries worth a word (1, 5, 10, 15... years); a Feb 29 falls on Feb 28 in a year without one;
* ``job_changes``: a company or position that changed in the last `JOB_CHANGE_DAYS` days;
* ``reach_out``: a short list (`REACH_OUT`) of people with a real relationship (strength at least
  `REACH_OUT_MIN`) the user has not been in touch with for `REACH_OUT_QUIET` days, strongest first.

A contact appears once in reach_out only when it is in no other section. Lines the user snoozed (their
`key` until a day) are left out until then.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from netcrm.core.model import FollowUp, HistoryEntry, LapsedContact
from netcrm.core.strength import Score

DATES_AHEAD = 14
JOB_CHANGE_DAYS = 30
REACH_OUT = 5
REACH_OUT_MIN = 30
REACH_OUT_QUIET = 30
ANNIVERSARY_YEARS = frozenset({1, *range(5, 80, 5)})
SECTIONS = ("overdue", "due", "lapsed", "dates", "job_changes", "reach_out")

#: What a line offers, by section: write (a message), log (an interaction), done, snooze.
ACTIONS: dict[str, tuple[str, ...]] = {
    "overdue": ("write", "log", "done", "snooze"),
    "due": ("write", "log", "done", "snooze"),
    "lapsed": ("write", "log", "snooze"),
    "dates": ("write", "log", "snooze"),
    "job_changes": ("write", "log", "snooze"),
    "reach_out": ("write", "log", "snooze"),
}


@dataclass(frozen=True, slots=True)
class DateOnContact:
    """A date on a contact: a label ('birthday', 'work anniversary', 'met at' or the user's) and a day of
    the year, with or without the year it happened."""

    contact_id: int
    name: str
    label: str
    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the agenda: who, why, and what can be done about it.

    `key` names the line for snoozing ("lapsed:12", "date:12:birthday:2026"...); `follow_up_id` is set on
    due and overdue lines (done and snooze act on that follow-up); `day` is the day the line is about.
    """

    section: str
    contact_id: int
    name: str
    reason: str
    key: str
    day: date | None = None
    follow_up_id: int | None = None

    @property
    def actions(self) -> tuple[str, ...]:
        """The one-click actions of this line."""
        return ACTIONS[self.section]

    def as_json(self) -> dict[str, object]:
        """The line for `netcrm-cli today --json`."""
        return {
            "contact_id": self.contact_id,
            "name": self.name,
            "reason": self.reason,
            "day": self.day.isoformat() if self.day else None,
            "follow_up_id": self.follow_up_id,
            "key": self.key,
            "actions": list(self.actions),
        }


@dataclass(frozen=True, slots=True)
class Agenda:
    """The day's lines by section."""

    today: date
    overdue: tuple[Line, ...] = ()
    due: tuple[Line, ...] = ()
    lapsed: tuple[Line, ...] = ()
    dates: tuple[Line, ...] = ()
    job_changes: tuple[Line, ...] = ()
    reach_out: tuple[Line, ...] = ()

    def section(self, name: str) -> tuple[Line, ...]:
        """The lines of one of SECTIONS."""
        lines: tuple[Line, ...] = getattr(self, name)
        return lines

    @property
    def lines(self) -> list[Line]:
        """Every line, section by section."""
        return [line for name in SECTIONS for line in self.section(name)]

    def summary(self) -> str:
        """One sentence for the day's notification: "2 overdue, 3 due today, 1 birthday, ..."."""
        parts = []
        for name, one, many in (
            ("overdue", "follow-up overdue", "follow-ups overdue"),
            ("due", "follow-up due today", "follow-ups due today"),
            ("lapsed", "keep-in-touch lapsed", "keep-in-touch lapsed"),
            ("dates", "date coming up", "dates coming up"),
            ("job_changes", "job change", "job changes"),
            ("reach_out", "person to reach out to", "people to reach out to"),
        ):
            n = len(self.section(name))
            if n:
                parts.append(f"{n} {one if n == 1 else many}")
        return ", ".join(parts) if parts else "Nothing due today"

    def as_json(self) -> dict[str, object]:
        """`netcrm-cli today --json`: one object with a list per section."""
        return {
            "today": self.today.isoformat(),
            **{n: [x.as_json() for x in self.section(n)] for n in SECTIONS},
        }


def occurrence(month: int, day: int, year: int) -> date:
    """The day a yearly date falls on in `year`: Feb 29 is Feb 28 in a year without it."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_occurrence(month: int, day: int, today: date) -> date:
    """The first day on or after `today` a yearly date falls on."""
    this_year = occurrence(month, day, today.year)
    return this_year if this_year >= today else occurrence(month, day, today.year + 1)


def _in_days(day: date, today: date) -> str:
    days = (day - today).days
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days ({day:%a %d %b})"


def _date_lines(dates: Iterable[DateOnContact], today: date, ahead: int) -> list[Line]:
    lines = []
    for d in dates:
        when = next_occurrence(d.month, d.day, today)
        if (when - today).days > ahead:
            continue
        label = d.label.strip() or "date"
        what = label.capitalize()
        if d.year is not None and when.year > d.year:
            years = when.year - d.year
            what += (
                f" ({years} {'year' if years == 1 else 'years'})"
                if label != "birthday"
                else f" (turns {years})"
            )
        key = f"date:{d.contact_id}:{label.casefold()}:{when.year}"
        lines.append(Line("dates", d.contact_id, d.name, f"{what} {_in_days(when, today)}", key, when))
    return lines


def _anniversary_lines(connected: Iterable[tuple[int, str, date]], today: date, ahead: int) -> list[Line]:
    lines = []
    for cid, name, on in connected:
        when = next_occurrence(on.month, on.day, today)
        years = when.year - on.year
        if years in ANNIVERSARY_YEARS and (when - today).days <= ahead:
            reason = f"Connected {years} {'year' if years == 1 else 'years'} ago {_in_days(when, today)}"
            lines.append(Line("dates", cid, name, reason, f"connected:{cid}:{when.year}", when))
    return lines


def _job_lines(changes: Iterable[tuple[str, HistoryEntry]], today: date) -> list[Line]:
    newest: dict[int, tuple[str, HistoryEntry]] = {}
    for name, entry in changes:
        if entry.field not in ("company", "position") or not entry.new_value:
            continue
        if (today - entry.changed_at.date()).days > JOB_CHANGE_DAYS:
            continue
        seen = newest.get(entry.contact_id)
        if seen is None or entry.changed_at > seen[1].changed_at or entry.field == "company":
            newest[entry.contact_id] = (name, entry)
    lines = []
    for cid, (name, entry) in newest.items():
        was = f" (was {entry.old_value})" if entry.old_value else ""
        reason = f"New {entry.field}: {entry.new_value}{was}"
        key = f"job:{cid}:{entry.changed_at.date().isoformat()}"
        lines.append(Line("job_changes", cid, name, reason, key, entry.changed_at.date()))
    lines.sort(key=lambda x: x.day or today, reverse=True)
    return lines


def assemble(
    today: date,
    *,
    follow_ups: Iterable[FollowUp] = (),
    lapsed: Iterable[LapsedContact] = (),
    dates: Iterable[DateOnContact] = (),
    connected: Iterable[tuple[int, str, date]] = (),
    job_changes: Iterable[tuple[str, HistoryEntry]] = (),
    scores: Mapping[int, Score] | None = None,
    describe: Callable[[Sequence[int]], Mapping[int, tuple[str, str]]] | None = None,
    snoozed: Mapping[str, date] | None = None,
    ahead: int = DATES_AHEAD,
) -> Agenda:
    """The agenda of `today` from its sources (the services read them; this only decides).

    `scores` feed reach_out; `describe(ids)` gives the picked contacts' names and reasons (read for those
    few only); `snoozed` maps a line's key to the day it comes back.
    """
    snoozed = snoozed or {}

    def kept(lines: Iterable[Line]) -> tuple[Line, ...]:
        return tuple(x for x in lines if snoozed.get(x.key, date.min) <= today)

    overdue, due = [], []
    for f in follow_ups:
        if f.status == "done" or f.due > today:
            continue
        note = f.note or "Follow up"
        if f.due < today:
            days = (today - f.due).days
            reason = f"{note} (due {days} {'day' if days == 1 else 'days'} ago)"
            overdue.append(Line("overdue", f.contact_id, f.contact_name, reason, f"fu:{f.id}", f.due, f.id))
        else:
            at = f" at {f.due_time:%H:%M}" if f.due_time else ""
            due.append(
                Line("due", f.contact_id, f.contact_name, f"{note} (today{at})", f"fu:{f.id}", f.due, f.id)
            )
    lapsed_lines = [
        Line(
            "lapsed",
            item.contact_id,
            item.name,
            f"Keep in touch every {item.cadence_days} days; last {item.last_touch:%d %b %Y}, "
            f"{item.days_overdue} {'day' if item.days_overdue == 1 else 'days'} over",
            f"lapsed:{item.contact_id}:{item.next_due.isoformat()}",
            item.next_due,
        )
        for item in lapsed
    ]
    date_lines = _date_lines(dates, today, ahead) + _anniversary_lines(connected, today, ahead)
    date_lines.sort(key=lambda x: (x.day or today, x.name.casefold(), x.contact_id))
    agenda = Agenda(
        today,
        overdue=kept(overdue),
        due=kept(due),
        lapsed=kept(lapsed_lines),
        dates=kept(date_lines),
        job_changes=kept(_job_lines(job_changes, today)),
    )
    taken = {x.contact_id for x in agenda.lines}
    picks: list[tuple[int, Score]] = []
    for cid, s in sorted((scores or {}).items(), key=lambda kv: (-kv[1].score, kv[0])):
        if s.score < REACH_OUT_MIN or len(picks) >= REACH_OUT:
            break
        quiet = s.last_on is None or (today - s.last_on).days >= REACH_OUT_QUIET
        if cid not in taken and quiet and snoozed.get(f"reach:{cid}", date.min) <= today:
            picks.append((cid, s))
    described = describe([cid for cid, _ in picks]) if describe and picks else {}
    reach = []
    for cid, s in picks:
        name, reason = described.get(cid, (f"#{cid}", ""))
        reach.append(Line("reach_out", cid, name, reason or f"Strength {s.score}", f"reach:{cid}", s.last_on))
    return Agenda(
        today,
        agenda.overdue,
        agenda.due,
        agenda.lapsed,
        agenda.dates,
        agenda.job_changes,
        tuple(reach),
    )
