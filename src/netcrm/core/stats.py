"""Insights into the network: frozen records of its figures and the pure rules that derive them.

The store reads plain tuples (core/store/stats_queries.py); everything here is arithmetic on them, so
each rule can be tested without a database. Conventions shared by every figure:

- A contact's *network date* is its Connected On date, else the (UTC) day it was added to netcrm.
- Open networkers grow by the network date of each open networker, not by the day the tag was put on:
  tags are mostly applied in bulk by an import or the detector, so the tag's own date would show one
  spike on the import day instead of how this part of the network grew.
- Weeks start on Monday (ISO 8601); a month is 30.4375 days wherever a pace is divided by time.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import itemgetter
from typing import Any

MONTH_DAYS = 30.4375
GOAL_SETTING = "insights.growth_goal"
TOP_COMPANIES = 10
LIST_LIMIT = 50  # lapsed contacts and anniversaries listed by name (the counts are always complete)
NO_POSITION = "No position"
OTHER_POSITION = "Other"

#: Position groups, first match wins: case-insensitive patterns on the position text.
POSITION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Recruiting", ("recruit", "talent acquisition", "talent partner", "sourcer", "sourcing", "headhunt")),
    ("HR & people", (r"\bhr\b", "human resources", "people partner", "people operations")),
    (
        "Founders & executives",
        ("founder", r"\bceo\b", r"\bcto\b", r"\bcfo\b", r"\bcoo\b", r"\bchief\b", r"\bowner\b", "president"),
    ),
    ("Data & AI", ("data scien", "data analy", "data engineer", "machine learning", r"\bml\b")),
    (
        "Engineering",
        ("engineer", "developer", "devops", "programmer", "software", "ingenier", "entwickler", "エンジニア"),
    ),
    ("Product", ("product manager", "product owner", "产品经理")),
    ("Design", ("design", r"\bux\b")),
    ("Sales & business development", ("sales", "account executive", "account manager", "business develop")),
    ("Marketing", ("marketing",)),
    ("Consulting", ("consult",)),
    ("Finance", ("financ", "accountant", "controller")),
    ("Project management", ("project manager", "program manager", "chef de projet", "scrum master")),
    ("Research & academia", ("research", "professor", "lecturer", "scientist", r"\bphd\b")),
)

# Per group: its plain keywords (found with `in`, three times faster than a regex on real-world position
# lists with tens of thousands of distinct titles) and one pattern for the keywords that need \b.
_GROUP_MATCHERS = tuple(
    (
        name,
        tuple(w for w in words if not w.startswith("\\b")),
        re.compile("|".join(w for w in words if w.startswith("\\b")))
        if any(w.startswith("\\b") for w in words)
        else None,
    )
    for name, words in POSITION_GROUPS
)


# -- records ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthCount:
    """Contacts added in a month ('YYYY-MM') and the running total at its end."""

    month: str
    added: int
    total: int


@dataclass(frozen=True, slots=True)
class CountItem:
    """A label (a company, a position group) and how many live contacts it has."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class WeekHealth:
    """One week of follow-ups: due in it, done in it, and overdue at its end (or today, this week)."""

    week_start: date
    due: int
    done: int
    overdue: int


@dataclass(frozen=True, slots=True)
class FollowUpHealth:
    """Follow-ups over the last weeks, and now."""

    weeks: tuple[WeekHealth, ...]
    open_now: int
    overdue_now: int


@dataclass(frozen=True, slots=True)
class LapsedEntry:
    """A contact not touched for longer than their keep-in-touch cadence."""

    contact_id: int
    name: str
    cadence_days: int
    last_touch: date
    days_over: int


@dataclass(frozen=True, slots=True)
class Anniversary:
    """A connection made `years` years ago, with its anniversary on `day` of this week."""

    contact_id: int
    name: str
    connected_on: date
    day: date
    years: int


@dataclass(frozen=True, slots=True)
class OpenNetworkerStats:
    """Open networkers: how many, their share of live contacts, and their growth by network date."""

    count: int
    share: float
    growth: tuple[MonthCount, ...]


@dataclass(frozen=True, slots=True)
class GrowthGoal:
    """The user's target: `target` live contacts by `by`."""

    target: int
    by: date


@dataclass(frozen=True, slots=True)
class GoalPace:
    """How a growth goal stands: needed pace against achieved pace, and when it will be reached.

    `status` is 'reached', 'on track', 'behind' (the 3-month pace reaches it late or never) or 'missed'
    (the date has passed without reaching it). `needed_per_month` is None once reached or past the date;
    `projected` is None when the 3-month pace is zero.
    """

    target: int
    by: date
    current: int
    remaining: int
    months_left: float
    needed_per_month: float | None
    pace_3m: float
    pace_6m: float
    projected: date | None
    status: str


@dataclass(frozen=True, slots=True)
class NetworkStats:
    """Every figure of the Insights view and `netcrm-cli stats`, as of `today`."""

    today: date
    total: int
    with_date: int
    without_date: int
    first_degree: int
    growth: tuple[MonthCount, ...]
    added_3m: int
    added_6m: int
    open_networkers: OpenNetworkerStats
    companies: tuple[CountItem, ...]
    company_count: int
    positions: tuple[CountItem, ...]
    follow_ups: FollowUpHealth
    lapsed_count: int
    lapsed: tuple[LapsedEntry, ...]
    anniversary_count: int
    anniversaries: tuple[Anniversary, ...]
    never_contacted: int
    goal: GrowthGoal | None
    pace: GoalPace | None


@dataclass(frozen=True, slots=True)
class RawFigures:
    """What the store reads (see stats_queries.collect), as plain values."""

    #: (network day 'YYYY-MM-DD', position, id if a lapsed/anniversary candidate, undated 1/0, degree)
    contacts: Sequence[tuple[Any, ...]]
    first_degree_touched: int  # first-degree contacts with at least one interaction
    open_networker_days: Sequence[tuple[str, int]]
    companies: Mapping[str, int]  # every non-empty company
    #: (id, connected on, added day, own cadence): contacts with a cadence or an anniversary this week
    candidates: Sequence[tuple[int, str | None, str, int | None]]
    tag_cadences: Mapping[int, int]  # id -> shortest cadence among its tags
    last_interactions: Mapping[int, str]  # id -> latest interaction day (of the candidates)
    follow_ups: Sequence[tuple[str, str, str | None]]  # (due, status, completed_at)


# -- pure helpers ----------------------------------------------------------------------------------


def parse_day(value: str | date | None) -> date | None:
    """A day from what a driver returns: 'YYYY-MM-DD', a timestamp text, a date or a datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def month_key(day: date) -> str:
    """'YYYY-MM' of a day."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month(key: str) -> str:
    """The month after 'YYYY-MM'."""
    year, month = int(key[:4]), int(key[5:7])
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def week_start(day: date) -> date:
    """The Monday of a day's week."""
    return day - timedelta(days=day.weekday())


def growth_by_month(
    day_counts: Iterable[tuple[date, int]], until: date | None = None
) -> tuple[MonthCount, ...]:
    """Contacts per month with running totals, every month from the first one to `until` (no gaps)."""
    per_month: dict[str, int] = {}
    for day, count in day_counts:
        key = month_key(day)
        per_month[key] = per_month.get(key, 0) + count
    if not per_month:
        return ()
    first, last = min(per_month), max(per_month)
    if until is not None:
        last = max(last, month_key(until))
    result: list[MonthCount] = []
    total = 0
    key = first
    while True:
        total += per_month.get(key, 0)
        result.append(MonthCount(key, per_month.get(key, 0), total))
        if key == last:
            break
        key = next_month(key)
    return tuple(result)


def added_between(day_counts: Iterable[tuple[date, int]], after: date, until: date) -> int:
    """Contacts whose network day is after `after` and no later than `until`."""
    return sum(count for day, count in day_counts if after < day <= until)


@functools.lru_cache(maxsize=65_536)
def position_group(position: str | None) -> str:
    """The group of a position text (POSITION_GROUPS), 'Other', or 'No position'."""
    text = (position or "").strip().casefold()
    if not text:
        return NO_POSITION
    for name, plain, pattern in _GROUP_MATCHERS:
        if any(word in text for word in plain) or (pattern is not None and pattern.search(text)):
            return name
    return OTHER_POSITION


def bucket_positions(rows: Iterable[tuple[str | None, int]]) -> tuple[CountItem, ...]:
    """Counts per position group, largest first ('Other' and 'No position' last)."""
    counts: dict[str, int] = {}
    for position, count in rows:
        group = position_group(position)
        counts[group] = counts.get(group, 0) + count
    tail = (OTHER_POSITION, NO_POSITION)
    named = sorted(((k, v) for k, v in counts.items() if k not in tail), key=lambda kv: (-kv[1], kv[0]))
    named += [(k, counts[k]) for k in tail if counts.get(k)]
    return tuple(CountItem(k, v) for k, v in named)


def follow_up_health(
    rows: Iterable[tuple[str | date, str, str | date | datetime | None]], today: date, weeks: int
) -> FollowUpHealth:
    """Due, done and overdue per week for the last `weeks` weeks (this one included), in one pass.

    A follow-up is overdue at a week's end (today, for this week) when it was due before that day and was
    not done by then.
    """
    weeks = max(weeks, 1)
    this_week = week_start(today)
    starts = [this_week - timedelta(weeks=weeks - 1 - i) for i in range(weeks)]
    ends = [min(s + timedelta(days=6), today) for s in starts]
    first, last = starts[0], this_week + timedelta(days=6)
    due = [0] * weeks
    done = [0] * weeks
    overdue_from = [0] * (weeks + 1)  # overdue is a run of weeks: +1 where it starts, -1 after it ends
    open_now = overdue_now = 0
    for raw_due, status, raw_completed in rows:
        due_day = parse_day(raw_due)
        assert due_day is not None
        completed = parse_day(raw_completed)
        if status == "done":
            completed = completed or date.min  # done at an unknown time: long ago
        else:
            open_now += 1
            overdue_now += due_day < today
        if first <= due_day <= last:
            due[(due_day - first).days // 7] += 1
        if completed is not None and first <= completed <= today:
            done[(completed - first).days // 7] += 1
        begin = bisect.bisect_right(ends, due_day)  # the first week whose end is after the due day
        end = weeks if completed is None else bisect.bisect_left(ends, completed)  # ends before done
        if begin < end:
            overdue_from[begin] += 1
            overdue_from[end] -= 1
    overdue = list(itertools.accumulate(overdue_from[:weeks]))
    return FollowUpHealth(
        tuple(WeekHealth(s, due[i], done[i], overdue[i]) for i, s in enumerate(starts)), open_now, overdue_now
    )


def lapsed_contacts(
    rows: Iterable[tuple[int, int, str | date | None, str | date | None, str | date | datetime | None]],
    today: date,
) -> list[tuple[int, int, date, int]]:
    """(id, cadence, last touch, days over) of contacts not touched for longer than their cadence.

    `rows` are (id, cadence days, last interaction, connected on, added); the last touch is the latest
    interaction, else the connection, else the day the contact was added. Most overdue first.
    """
    found = []
    for cid, cadence, last_interaction, connected, added in rows:
        last = parse_day(last_interaction) or parse_day(connected) or parse_day(added)
        if last is None:
            continue
        over = (today - last).days - int(cadence)
        if over > 0:
            found.append((int(cid), int(cadence), last, over))
    found.sort(key=lambda item: (-item[3], item[0]))
    return found


def anniversary_days(today: date) -> dict[str, date]:
    """'MM-DD' to the day of this week (Monday to Sunday) on which a connection of that date has its turn.

    A 29 February connection has its anniversary on 28 February in other years.
    """
    start = week_start(today)
    days: dict[str, date] = {}
    for offset in range(7):
        day = start + timedelta(days=offset)
        days[f"{day.month:02d}-{day.day:02d}"] = day
        leap = day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)
        if day.month == 2 and day.day == 28 and not leap:
            days["02-29"] = day
    return days


def anniversaries_of(
    rows: Iterable[tuple[int, str | date | None]], today: date
) -> list[tuple[int, date, date, int]]:
    """(id, connected on, day this week, years) of connections with an anniversary this week, by day, id."""
    days = anniversary_days(today)
    found = []
    for cid, raw in rows:
        connected = parse_day(raw)
        if connected is None:
            continue
        day = days.get(f"{connected.month:02d}-{connected.day:02d}")
        if day is not None and day.year - connected.year >= 1:
            found.append((int(cid), connected, day, day.year - connected.year))
    found.sort(key=lambda item: (item[2], item[0]))
    return found


def goal_pace(goal: GrowthGoal, current: int, today: date, added_3m: int, added_6m: int) -> GoalPace:
    """Where a growth goal stands: the pace needed from today against the pace of the last 3 and 6 months."""
    remaining = max(goal.target - current, 0)
    days_left = (goal.by - today).days
    months_left = days_left / MONTH_DAYS
    pace_3m, pace_6m = added_3m / 3, added_6m / 6
    projected: date | None = None
    needed: float | None = None
    if remaining == 0:
        status, projected = "reached", today
    else:
        if days_left > 0:
            needed = remaining / months_left
        if pace_3m > 0:
            days = math.ceil(remaining / pace_3m * MONTH_DAYS)
            if days <= (date.max - today).days:
                projected = today + timedelta(days=days)
        if days_left < 0:
            status = "missed"
        elif projected is not None and projected <= goal.by:
            status = "on track"
        else:
            status = "behind"
    return GoalPace(
        goal.target, goal.by, current, remaining, months_left, needed, pace_3m, pace_6m, projected, status
    )


def goal_from_setting(value: Any) -> GrowthGoal | None:
    """The stored goal ({"target": N, "by": "YYYY-MM-DD"}), or None if unset or unreadable."""
    if not isinstance(value, Mapping):
        return None
    try:
        return GrowthGoal(int(value["target"]), date.fromisoformat(str(value["by"])))
    except (KeyError, TypeError, ValueError):
        return None


def goal_setting(goal: GrowthGoal) -> dict[str, Any]:
    """How a goal is stored."""
    return {"target": goal.target, "by": goal.by.isoformat()}


def build_stats(
    raw: RawFigures,
    today: date,
    weeks: int,
    goal: GrowthGoal | None,
    names: Callable[[Sequence[int]], Mapping[int, str]],
) -> NetworkStats:
    """Every figure from what the store read.

    `names` gives the display names of the few contacts listed by name (lapsed, anniversaries).
    """
    rows = raw.contacts  # one pass per column, at C speed
    per_day = Counter(map(itemgetter(0), rows))
    positions = Counter(map(itemgetter(1), rows))
    total = len(rows)
    with_date = total - sum(map(itemgetter(3), rows))
    first_degree = Counter(map(itemgetter(4), rows))[1]
    day_counts = [(date.fromisoformat(str(d)[:10]), n) for d, n in per_day.items()]
    on_counts = [(date.fromisoformat(d), n) for d, n in raw.open_networker_days]
    growth = growth_by_month(day_counts, today)
    on_growth = growth_by_month(on_counts, today)
    if growth and on_growth and on_growth[0].month != growth[0].month:  # the same months as the network
        on_growth = growth_by_month([(date.fromisoformat(growth[0].month + "-01"), 0), *on_counts], today)
    on_total = sum(n for _d, n in on_counts)
    added_3m = added_between(day_counts, add_months(today, -3), today)
    added_6m = added_between(day_counts, add_months(today, -6), today)
    top = sorted(raw.companies.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_COMPANIES]

    lapsed = lapsed_contacts(
        (
            (
                cid,
                own if own is not None else raw.tag_cadences[cid],
                raw.last_interactions.get(cid),
                on,
                added,
            )
            for cid, on, added, own in raw.candidates
            if own is not None or cid in raw.tag_cadences
        ),
        today,
    )
    anniversaries = anniversaries_of(((cid, on) for cid, on, _added, _own in raw.candidates), today)
    listed = {item[0] for item in lapsed[:LIST_LIMIT]} | {item[0] for item in anniversaries[:LIST_LIMIT]}
    name_of = names(sorted(listed)) if listed else {}
    return NetworkStats(
        today=today,
        total=total,
        with_date=with_date,
        without_date=total - with_date,
        first_degree=first_degree,
        growth=growth,
        added_3m=added_3m,
        added_6m=added_6m,
        open_networkers=OpenNetworkerStats(on_total, on_total / total if total else 0.0, on_growth),
        companies=tuple(CountItem(name, count) for name, count in top),
        company_count=len(raw.companies),
        positions=bucket_positions(positions.items()),
        follow_ups=follow_up_health(raw.follow_ups, today, weeks),
        lapsed_count=len(lapsed),
        lapsed=tuple(
            LapsedEntry(cid, name_of.get(cid, ""), cadence, last, over)
            for cid, cadence, last, over in lapsed[:LIST_LIMIT]
        ),
        anniversary_count=len(anniversaries),
        anniversaries=tuple(
            Anniversary(cid, name_of.get(cid, ""), on, day, years)
            for cid, on, day, years in anniversaries[:LIST_LIMIT]
        ),
        never_contacted=first_degree - raw.first_degree_touched,
        goal=goal,
        pace=goal_pace(goal, total, today, added_3m, added_6m) if goal else None,
    )
