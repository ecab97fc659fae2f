"""netcrm-cli's `stats`: the network's figures as a short summary or as JSON (the core gives the data,
each face words it; the Insights view draws the same figures)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netcrm.cli.arguments import parse_day
from netcrm.cli.output import print_json
from netcrm.core.errors import BadInputError

if TYPE_CHECKING:
    from netcrm.core.services import Services
    from netcrm.core.stats import MonthCount, NetworkStats


def cmd_stats(args: argparse.Namespace, svc: Services) -> int:
    if (args.goal is None) != (args.by is None):
        raise BadInputError("set a goal with both --goal N and --by DATE")
    if args.goal is not None:
        svc.set_growth_goal(args.goal, parse_day(args.by, svc.today()))
    stats = svc.network_stats(weeks=args.weeks)
    if args.json:
        print_json(stats_json(stats))
    else:
        print("\n".join(summary_lines(stats)))
    return 0


def stats_json(stats: NetworkStats) -> dict[str, Any]:
    """The stable JSON shape of `netcrm-cli stats --json`."""

    def months(items: Sequence[MonthCount]) -> list[dict[str, Any]]:
        return [{"month": m.month, "added": m.added, "total": m.total} for m in items]

    pace = stats.pace
    health = stats.follow_ups
    return {
        "today": stats.today.isoformat(),
        "totals": {
            "contacts": stats.total,
            "with_connected_on": stats.with_date,
            "without_connected_on": stats.without_date,
            "first_degree": stats.first_degree,
            "added_last_3_months": stats.added_3m,
            "added_last_6_months": stats.added_6m,
        },
        "growth_by_month": months(stats.growth),
        "open_networkers": {
            "count": stats.open_networkers.count,
            "share": round(stats.open_networkers.share, 4),
            "growth_by_month": months(stats.open_networkers.growth),
        },
        "companies": [{"company": c.label, "count": c.count} for c in stats.companies],
        "company_count": stats.company_count,
        "positions": [{"group": p.label, "count": p.count} for p in stats.positions],
        "follow_ups": {
            "open": health.open_now,
            "overdue": health.overdue_now,
            "weeks": [
                {"week": w.week_start.isoformat(), "due": w.due, "done": w.done, "overdue": w.overdue}
                for w in health.weeks
            ],
        },
        "lapsed": {
            "count": stats.lapsed_count,
            "contacts": [
                {
                    "id": item.contact_id,
                    "name": item.name,
                    "cadence_days": item.cadence_days,
                    "last_touch": item.last_touch.isoformat(),
                    "days_over": item.days_over,
                }
                for item in stats.lapsed
            ],
        },
        "anniversary_count": stats.anniversary_count,
        "anniversaries": [
            {
                "id": a.contact_id,
                "name": a.name,
                "connected_on": a.connected_on.isoformat(),
                "day": a.day.isoformat(),
                "years": a.years,
            }
            for a in stats.anniversaries
        ],
        "never_contacted": stats.never_contacted,
        "goal": None
        if stats.goal is None or pace is None
        else {
            "target": pace.target,
            "by": pace.by.isoformat(),
            "current": pace.current,
            "remaining": pace.remaining,
            "months_left": round(pace.months_left, 2),
            "needed_per_month": None if pace.needed_per_month is None else round(pace.needed_per_month, 1),
            "pace_3_months": round(pace.pace_3m, 1),
            "pace_6_months": round(pace.pace_6m, 1),
            "projected": pace.projected.isoformat() if pace.projected else None,
            "status": pace.status,
        },
    }


def summary_lines(stats: NetworkStats) -> list[str]:
    """A short readable summary for `netcrm-cli stats`."""
    on = stats.open_networkers
    health = stats.follow_ups
    lines = [
        f"Contacts: {stats.total:,} ({stats.first_degree:,} first-degree, "
        f"{stats.without_date:,} without a Connected On date)",
        f"Added: {stats.added_3m:,} in the last 3 months, {stats.added_6m:,} in the last 6 months",
    ]
    recent = [m for m in stats.growth if m.added][-6:]
    if recent:
        lines.append("Recent months: " + ", ".join(f"{m.month} +{m.added:,}" for m in recent))
    lines.append(f"Open networkers: {on.count:,} ({on.share:.1%} of the network)")
    if stats.companies:
        lines.append("Top companies: " + ", ".join(f"{c.label} ({c.count:,})" for c in stats.companies[:5]))
    if stats.positions:
        lines.append("Positions: " + ", ".join(f"{p.label} ({p.count:,})" for p in stats.positions[:5]))
    last = health.weeks[-1] if health.weeks else None
    lines.append(
        f"Follow-ups: {health.open_now:,} open, {health.overdue_now:,} overdue"
        + (f"; this week {last.done:,} done of {last.due:,} due" if last else "")
    )
    lines.append(
        f"Keeping in touch: {stats.lapsed_count:,} lapsed past their cadence, "
        f"{stats.never_contacted:,} first-degree never contacted, "
        f"{stats.anniversary_count:,} connection anniversaries this week"
    )
    pace = stats.pace
    if pace is not None:
        text = f"Goal: {pace.target:,} by {pace.by.isoformat()} - {pace.status}"
        if pace.needed_per_month is not None:
            text += f"; needs {pace.needed_per_month:,.1f}/month"
        text += f", achieving {pace.pace_3m:,.1f}/month (3 months)"
        if pace.projected and pace.status != "reached":
            text += f", reached around {pace.projected.isoformat()}"
        lines.append(text)
    return lines


def register(sub: Any) -> None:
    """Add `stats` to netcrm-cli's subcommands."""
    p = sub.add_parser("stats", help="counts, growth by month, open networkers, follow-up health")
    p.add_argument("--json", action="store_true")
    p.add_argument("--weeks", type=int, default=12, help="weeks of follow-up history (default 12)")
    p.add_argument("--goal", type=int, metavar="N", help="set the growth goal: N contacts ...")
    p.add_argument("--by", metavar="DATE", help="... by this day (YYYY-MM-DD)")
    p.set_defaults(handler=cmd_stats)
