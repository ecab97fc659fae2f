"""The CLI words the core's figures: `stats --json` and the summary drawn from an empty database's stats."""

from __future__ import annotations

from netcrm.cli.insights import stats_json, summary_lines
from netcrm.core.services import Services


def test_an_empty_database_renders_zeroes_and_no_goal(svc: Services) -> None:
    stats = svc.network_stats()
    data = stats_json(stats)
    assert data["totals"]["contacts"] == 0 and data["goal"] is None
    assert len(data["follow_ups"]["weeks"]) == 12
    lines = summary_lines(stats)
    assert lines[0] == "Contacts: 0 (0 first-degree, 0 without a Connected On date)"
    assert not any(line.startswith("Goal:") for line in lines)
